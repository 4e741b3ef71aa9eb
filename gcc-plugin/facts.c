// SPDX-License-Identifier: GPL-2.0
/*
 * facts.c - the facts of the unit (db=, debug) and what the unit decides
 * alone (no db=).
 */
#include "gl-plugin.h"
#include "../lib/core/gatherlint.h"

/* ------------------------------------------------------------------ */
/* Standalone decision (no db=): the unit's facts through the core      */

/* Where a diagnostic about (LINE, COL) of FUNC points; COL 0: FUNC's
 * definition. */
static location_t fact_loc(const char *file, const char *line,
			   const char *col, const char *func)
{
	int l = atoi(line), c = atoi(col);
	auto it = unit.fns.find(func ? func : "");
	location_t loc;

	/* a header's function (unit.c): its return, else its definition */
	if (unit.main_file != file) {
		if (it == unit.fns.end() || it->second.file != file)
			return input_location;
		for (const gl_ret &r : it->second.rets)
			if (c != 0 && r.line == l && r.col == c &&
			    r.loc != UNKNOWN_LOCATION)
				return gl_expansion_point(r.loc);
		return it->second.decl_loc;
	}
	if (c == 0 && it != unit.fns.end())
		return it->second.decl_loc;
	if (it != unit.fns.end())
		for (const gl_ret &r : it->second.rets)
			if (r.line == l && r.col == c)
				return ret_loc(r);
	loc = loc_at(l, c > 0 ? c : 1);
	if (loc == UNKNOWN_LOCATION && it != unit.fns.end() &&
	    it->second.line == l)
		loc = it->second.decl_loc;
	return loc != UNKNOWN_LOCATION ? loc : input_location;
}

/* A finding of the core: its severity through GCC's diagnostics (an error
 * only when werror asks: -Werror leaves it a warning), its chain as notes. */
static void report_finding(const struct gl_finding *g)
{
	location_t loc = fact_loc(g->file, g->line, g->col, g->func);

	if (!strcmp(g->sev, "note"))
		inform(loc, "%s [%s]", g->msg, g->rule);
	else if (gl_opt.werror)
		error_at(loc, "%s [%s]", g->msg, g->rule);
	else
		gl_warning_at(loc, "%s [%s]", g->msg, g->rule);
	for (size_t k = 0; k < g->nnotes; k++)
		inform(fact_loc(g->notes[k].file, g->notes[k].line,
				g->notes[k].col, g->func),
		       "%s", g->notes[k].msg);
}

/* The core's state name: LATENT EXPOSED PROTECTED UNKNOWN */
static std::string core_state(void)
{
	std::string c = gl_opt.core;

	for (char &ch : c)
		ch = TOUPPER(ch);
	return c;
}

/*
 * What this unit decides alone, as libgatherlint decides it for the CLI:
 * what another unit defines is assumed to fill (a format fills only
 * through this unit's tlb_add_page); an entry point found clean only by
 * that trust gets a note, so that a clean build is not read as a verdict.
 * With "fix": the core's fix list (X lines) becomes fix-it hints.
 */
void standalone(void)
{
	std::string text = render_facts(), state = core_state();
	struct gl_facts *gf = gl_facts_new();
	struct gl_resolve_opts ro = { state.c_str(), "", "warning", 1 };
	struct gl_report *rep;
	size_t s = 0, e;

	while (s < text.size()) {
		e = text.find('\n', s);
		if (e == std::string::npos)
			e = text.size();
		gl_facts_add_line(gf, text.substr(s, e - s).c_str());
		s = e + 1;
	}
	rep = gl_resolve(gf, &ro);
	if (!rep) {
		gl_facts_free(gf);
		error("gatherlint: out of memory");
		return;
	}
	for (size_t i = 0; i < rep->nfindings; i++)
		report_finding(&rep->findings[i]);
	for (size_t i = 0; i < rep->nassumed; i++) {
		const struct gl_assumed *a = &rep->assumed[i];

		inform(fact_loc(a->file, a->line, "0", a->func), "%s", a->msg);
	}
	for (size_t i = 0; gl_opt.fix && i < rep->nfixes; i++) {
		const struct gl_fix *x = &rep->fixes[i];
		fixreq req;

		if (unit.main_file != x->file)
			continue;
		req.func = x->func;
		req.gather = x->gather;
		req.iova = x->iova;
		req.line = atoi(x->line);
		req.guard = x->guard && strcmp(x->guard, "null") == 0;
		unit.fixreqs.push_back(req);
	}
	gl_report_free(rep);
	gl_facts_free(gf);
}

/* ------------------------------------------------------------------ */
/* Output                                                              */

std::string render_facts(void)
{
	std::string out;

	/* fn lines: gather functions, and functions named by ops */
	for (const std::string &n : unit.fn_order) {
		gl_fn &f = unit.fns[n];

		if (!f.has_gather && !unit.ops_funcs.count(n))
			continue;
		/* never lowered: unreachable code (an unused static) */
		if (f.has_gather && !f.analysed)
			continue;
		out += "fn\t" + f.file + "\t" + itos(f.line) + "\t" + n +
		       "\t" + retkind_name(f.retkind) + "\t" + f.gather + "\t" + f.iova +
		       "\t" + f.linkage + "\t" +
		       (f.gpos >= 0 ? itos(f.gpos) : std::string("-")) + "\n";
		if (!f.incomplete.empty())
			out += "incomplete\t" + f.file + "\t" +
			       itos(f.line) + "\t" + n + "\t" + f.incomplete +
			       "\n";
		for (const gl_ret &r : f.rets)
			out += "ret\t" + f.file + "\t" + itos(r.line) +
			       "\t" + itos(r.col) + "\t" + n + "\t" + rcls_name(r.cls) +
			       "\t" + r.cover + "\t" + r.expr + "\t" +
			       (r.unread.empty() ? "-" : r.unread) + "\n";
	}
	for (const std::string &f : unit.facts)
		out += f + "\n";
	return out;
}

void write_db(const std::string &text)
{
	std::string base = unit.main_file, tmp, dst;
	FILE *f;
	char suffix[64];

	for (char &c : base)
		if (c == '/')
			c = '+';
	snprintf(suffix, sizeof(suffix), ".%ld.%ld", (long)getpid(),
		 (long)time(NULL));
	dst = std::string(gl_opt.db) + "/" + base + suffix + ".facts";
	tmp = std::string(gl_opt.db) + "/." + base + suffix + ".tmp";
	f = fopen(tmp.c_str(), "w");
	if (!f) {
		error("gatherlint: cannot write %s", tmp.c_str());
		return;
	}
	fputs(text.c_str(), f);
	if (fclose(f) != 0 || rename(tmp.c_str(), dst.c_str()) != 0) {
		unlink(tmp.c_str());
		error("gatherlint: cannot write %s", dst.c_str());
	}
}

