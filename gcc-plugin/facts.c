// SPDX-License-Identifier: GPL-2.0
/*
 * facts.c - the facts of the unit (db=, debug) and what the unit decides
 * alone (no db=).
 */
#include "gl-plugin.h"


/* ------------------------------------------------------------------ */
/* Standalone decision (no db=): what this unit decides alone          */

/* what a decision took on trust from other units (see standalone()) */
static std::set<std::string> gl_assumed;	/* functions of other units */
static bool gl_assumed_fmt;			/* a format's unmap */

static bool atom_true(const std::string &a, std::map<std::string, bool> &fl)
{
	if (a == "tlbadd" || a == "fmt") {
		int n = 0;

		for (const std::string &id : unit.ops_order) {
			gl_ops &o = unit.ops_objs[id];
			std::string f;

			if (o.type != "iommu_flush_ops")
				continue;
			n++;
			f = o.fields.count("tlb_add_page") ?
			    o.fields["tlb_add_page"] : "NULL";
			if (f == "NULL" || f == "-")
				return false;
			if (unit.fns.count(f) && !fl[f])
				return false;
		}
		if (n > 0 && a == "fmt")
			gl_assumed_fmt = true;
		return n > 0;
	}
	if (a.compare(0, 5, "call:") == 0) {
		std::string n = a.substr(5);

		if (!unit.fns.count(n) || !unit.fns[n].has_gather) {
			if (!unit.fns.count(n))
				gl_assumed.insert(n);
			return true;	/* another unit: assumed to fill */
		}
		return fl[n];
	}
	return false;
}

static bool cover_true(const std::string &c, std::map<std::string, bool> &fl)
{
	size_t s = 0;

	if (c == "fill")
		return true;
	if (c == "none" || c.empty())
		return false;
	while (s <= c.size()) {
		size_t e = c.find('&', s);
		std::string cl = c.substr(s, e - s);	/* npos: the rest */
		size_t a = 0;
		bool ok = false;

		while (a <= cl.size() && !ok) {
			size_t b = cl.find('|', a);

			ok = atom_true(cl.substr(a, b - a), fl);
			if (b == std::string::npos)
				break;
			a = b + 1;
		}
		if (!ok)
			return false;
		if (e == std::string::npos)
			break;
		s = e + 1;
	}
	return true;
}

static void standalone_report(location_t loc, const std::string &fn,
			      const char *sev, bool sync)
{
	/* the texts of lib/resolve.awk (state_text), state by state */
	const char *why = !sync ?
			  "its ops has no .iotlb_sync, so nothing is lost today" :
			  !strcmp(gl_opt.core, "exposed") ?
			  "this core skips .iotlb_sync for an empty gather: "
			  "the IOTLB flush is lost" :
			  !strcmp(gl_opt.core, "protected") ?
			  "this core back-fills an empty gather, "
			  "so .iotlb_sync still runs" :
			  !strcmp(gl_opt.core, "latent") ?
			  "this core still calls .iotlb_sync, but a core that "
			  "skips empty gathers loses the flush" :
			  "a core that skips .iotlb_sync for empty gathers "
			  "(90c5def10bea) loses the flush";

	if (gl_opt.werror && strcmp(sev, "note"))
		error_at(loc, "%qs returns a nonzero size without filling the "
			 "iotlb gather; %s [unmap-gather-unfilled]",
			 fn.c_str(), why);
	else if (strcmp(sev, "note"))
		gl_warning_at(loc, "%qs returns a nonzero size without "
			      "filling the iotlb gather; %s "
			      "[unmap-gather-unfilled]", fn.c_str(), why);
	else
		inform(loc, "%qs returns a nonzero size without filling the "
		       "iotlb gather; %s [unmap-gather-unfilled]",
		       fn.c_str(), why);
}

/*
 * With "fix" and no fixlist: the fix of an entry point this unit reports
 * at warning or error, on each of its nonzero returns that lacks a fill,
 * as the resolver's X lines would ask for it.  Never where this unit's
 * tlb_add_page fills (an added range would defeat the disjoint test).
 */
static void standalone_fix(const gl_fn &f, const std::string &n,
			   std::map<std::string, bool> &filler)
{
	if (atom_true("tlbadd", filler)) {
		inform(f.decl_loc,
		       "gatherlint: %qs not fixed automatically: this driver "
		       "fills the gather through %<tlb_add_page%> (%<add_page%>)",
		       n.c_str());
		return;
	}
	for (const gl_ret &r : f.rets) {
		fixreq req;

		if (r.cls != GL_RC_NONZERO || cover_true(r.cover, filler))
			continue;
		req.func = n;
		req.gather = f.gather;
		req.iova = f.iova;
		req.line = r.line;
		unit.fixreqs.push_back(req);
	}
}

/*
 * An entry point this unit finds clean only by trusting what it cannot
 * see: say so, so that a clean build is not read as a verdict.
 */
static void standalone_assumed(const gl_fn &f, const std::string &n)
{
	location_t loc = f.decl_loc;

	for (const std::string &s : gl_assumed)
		inform(loc, "%qs is taken to fill the iotlb gather through %qs, "
		       "which is defined in another unit; "
		       "%<gatherlint audit --engine=gcc%> decides it",
		       n.c_str(), s.c_str());
	if (gl_assumed_fmt)
		inform(loc, "%qs is taken to fill the iotlb gather through its "
		       "io-pgtable format, whose unmap is in another unit; "
		       "%<gatherlint audit --engine=gcc%> decides it",
		       n.c_str());
}

void standalone(void)
{
	std::map<std::string, bool> filler;
	bool changed = true;

	for (auto &p : unit.fns)
		filler[p.first] = p.second.has_gather;
	while (changed) {
		changed = false;
		for (auto &p : unit.fns) {
			bool ok = true, anynz = false;

			if (!filler[p.first])
				continue;
			for (gl_ret &r : p.second.rets) {
				if (r.cls != GL_RC_NONZERO)
					continue;
				anynz = true;
				if (!cover_true(r.cover, filler)) {
					ok = false;
					break;
				}
			}
			if (p.second.retkind != GL_RK_VOID && !anynz)
				ok = false;
			if (!ok) {
				filler[p.first] = false;
				changed = true;
			}
		}
	}
	/* entry points (has-sync wins when ops share one) and format unmaps */
	std::map<std::string, bool> entries;	/* name -> has sync */
	std::set<std::string> formats;
	std::vector<std::string> order;

	for (const std::string &id : unit.ops_order) {
		gl_ops &o = unit.ops_objs[id];
		bool entry_ops = o.type == "iommu_domain_ops" ||
				 o.type == "iommu_ops";

		for (auto &f : o.fields) {
			bool sync;

			if (!unit.fns.count(f.second))
				continue;
			if (o.type == "io_pgtable_ops" &&
			    (f.first == "unmap_pages" || f.first == "unmap")) {
				formats.insert(f.second);
				continue;
			}
			if (!((entry_ops && (f.first == "unmap_pages" ||
					     f.first == "unmap")) ||
			      (o.type == "pt_iommu_ops" &&
			       f.first == "unmap_range")))
				continue;
			sync = o.type == "pt_iommu_ops" ||
			       (o.fields.count("iotlb_sync") &&
				o.fields["iotlb_sync"] != "NULL");
			if (!entries.count(f.second))
				order.push_back(f.second);
			entries[f.second] = entries[f.second] || sync;
		}
	}
	for (const std::string &n : order) {
		const gl_ret *first = NULL;
		std::string state = gl_opt.core;
		bool sync = entries[n];

		gl_assumed.clear();
		gl_assumed_fmt = false;
		for (gl_ret &r : unit.fns[n].rets)
			if (r.cls == GL_RC_NONZERO &&
			    !cover_true(r.cover, filler) &&
			    (!first || r.line < first->line))
				first = &r;
		if (first)
			standalone_report(ret_loc(*first), n,
					  !sync ? "note" :
					  state == "exposed" ? "error" :
					  state == "protected" ? "note" :
					  "warning", sync);
		if (first && gl_opt.fix && sync && state != "protected")
			standalone_fix(unit.fns[n], n, filler);
		else if (!gl_assumed.empty() || gl_assumed_fmt)
			standalone_assumed(unit.fns[n], n);
	}
	for (const std::string &n : formats) {
		const gl_ret *first = NULL;

		if (entries.count(n))
			continue;
		for (gl_ret &r : unit.fns[n].rets)
			if (r.cls == GL_RC_NONZERO &&
			    !cover_true(r.cover, filler) &&
			    (!first || r.line < first->line))
				first = &r;
		if (first && !gl_opt.werror)
			inform(ret_loc(*first), "format unmap %qs never fills "
			       "the iotlb gather by itself; its drivers must "
			       "fill it [pgtable-gather-unfilled]", n.c_str());
	}
	for (auto &p : unit.fns) {
		if (!entries.count(p.first) && !formats.count(p.first))
			continue;
		if (p.second.retkind != GL_RK_SIZE)
			continue;
		for (gl_ret &r : p.second.rets) {
			if (r.cls != GL_RC_ERRNO)
				continue;
			if (gl_opt.werror)
				error_at(ret_loc(r), "%qs returns %s as a "
					 "%<size_t%> [unmap-returns-errno]",
					 p.first.c_str(), r.expr.c_str());
			else
				gl_warning_at(ret_loc(r), "%qs returns %s "
					      "as a %<size_t%> "
					      "[unmap-returns-errno]",
					      p.first.c_str(), r.expr.c_str());
		}
	}
}

/* ------------------------------------------------------------------ */
/* Output                                                              */
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
		out += "fn\t" + unit.main_file + "\t" + itos(f.line) + "\t" + n +
		       "\t" + retkind_name(f.retkind) + "\t" + f.gather + "\t" + f.iova +
		       "\t" + f.linkage + "\n";
		if (!f.incomplete.empty())
			out += "incomplete\t" + unit.main_file + "\t" +
			       itos(f.line) + "\t" + n + "\t" + f.incomplete +
			       "\n";
		for (const gl_ret &r : f.rets)
			out += "ret\t" + unit.main_file + "\t" + itos(r.line) +
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

