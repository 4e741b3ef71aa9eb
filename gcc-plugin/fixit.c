// SPDX-License-Identifier: GPL-2.0
/*
 * fixit.c - fix-it hints (fixlist=FILE, or fix alone): -fdiagnostics-generate-patch
 * prints them as the driver fix.
 */
#include "gl-plugin.h"
#include "../lib/core/gatherlint.h"

/* every fix-it note carries the rule it fixes (lib/core/rules.c) */
#define FIX_RULE (gl_rules[GL_RULE_UNMAP_GATHER_UNFILLED].id)

void load_fixlist(void)
{
	FILE *f;
	char buf[4096];

	if (!gl_opt.fixlist)
		return;
	f = fopen(gl_opt.fixlist, "r");
	if (!f) {
		error("gatherlint: cannot read fixlist %s", gl_opt.fixlist);
		return;
	}
	while (fgets(buf, sizeof(buf), f)) {
		std::vector<std::string> fl;
		std::string cur;

		for (char *p = buf; *p && *p != '\n'; p++) {
			if (*p == '\t') {
				fl.push_back(cur);
				cur.clear();
			} else {
				cur += *p;
			}
		}
		fl.push_back(cur);
		if (fl.size() < 6 || fl[0] != "X" || fl[1] != unit.main_file)
			continue;
		fixreq r;
		r.line = atoi(fl[2].c_str());
		r.func = fl[3];
		r.gather = fl[4];
		r.iova = fl[5];
		r.guard = fl.size() > 7 && fl[7] == "null";
		unit.fixreqs.push_back(r);
	}
	fclose(f);
}

/* A location for (line, col) of the main file, or UNKNOWN_LOCATION. */
location_t loc_at(int line, int col)
{
	location_t base = UNKNOWN_LOCATION;
	const line_map_ordinary *map;
	location_t loc;
	expanded_location x;

	auto it = unit.known_locs.upper_bound(line);

	if (it != unit.known_locs.begin()) {
		--it;
		base = it->second;
	} else if (!unit.known_locs.empty()) {
		base = unit.known_locs.begin()->second;
	}
	if (base == UNKNOWN_LOCATION)
		return UNKNOWN_LOCATION;
	map = linemap_check_ordinary(linemap_lookup(line_table, base));
	if (line < (int)ORDINARY_MAP_STARTING_LINE_NUMBER(map))
		return UNKNOWN_LOCATION;
	loc = linemap_position_for_line_and_column(line_table, map, line, col);
	x = expand_location(loc);
	if (x.line != line || x.column != col || !x.file ||
	    unit.main_file != x.file)
		return UNKNOWN_LOCATION;
	return loc;
}

/* Where a diagnostic about return R points: its "return" keyword. */
location_t ret_loc(const gl_ret &r)
{
	location_t l = loc_at(r.line, r.col);

	return l != UNKNOWN_LOCATION ? l : gl_expansion_point(r.loc);
}

/* One diagnostic per fix-it: edit_context keeps each inserted line. */
static bool emit_insert(int line, int col, const std::string &text,
			const char *what)
{
	location_t l = loc_at(line, col);

	if (l == UNKNOWN_LOCATION)
		return false;
	GL_RICHLOC(rl, l);
	rl.add_fixit_insert_before(l, text.c_str());
	if (rl.seen_impossible_fixit_p())
		return false;
	gl_inform_rich(&rl, "gatherlint: %s [%s]", what, FIX_RULE);
	return true;
}

static bool emit_replace(int line, int col, int ecol, const std::string &text,
			 const char *what)
{
	location_t a = loc_at(line, col);
	location_t b = loc_at(line, ecol);
	source_range r;

	if (a == UNKNOWN_LOCATION || b == UNKNOWN_LOCATION)
		return false;
	r.m_start = a;
	r.m_finish = b;
	GL_RICHLOC(rl, a);
	if (text.empty())
		rl.add_fixit_remove(r);
	else
		rl.add_fixit_replace(r, text.c_str());
	if (rl.seen_impossible_fixit_p())
		return false;
	gl_inform_rich(&rl, "gatherlint: %s [%s]", what, FIX_RULE);
	return true;
}

/*
 * One statement per line, as the function's own lines are indented.  A
 * line over the kernel's 100 columns (checkpatch) is broken after the
 * commas of the argument list of its first call, the next lines aligned
 * on the column after its '(' (tabs, then spaces).
 */
static int width_of(const std::string &s)
{
	int w = 0;

	for (char c : s)
		w = c == '\t' ? (w / 8 + 1) * 8 : w + 1;
	return w;
}

static std::vector<std::string> wrap100(const std::string &line)
{
	std::vector<std::string> out, parts;
	size_t open = line.find('('), start;
	std::string cur, pad;
	int depth = 0, col;

	if (width_of(line) <= 100 || open == std::string::npos) {
		out.push_back(line);
		return out;
	}
	/* the pieces: up to each comma of the outermost argument list */
	start = open + 1;
	for (size_t i = start; i < line.size(); i++) {
		depth += line[i] == '(' ? 1 : line[i] == ')' ? -1 : 0;
		if (line[i] == ',' && depth == 0) {
			parts.push_back(trim(line.substr(start, i - start + 1)));
			start = i + 1;
		}
	}
	parts.push_back(trim(line.substr(start)));
	col = width_of(line.substr(0, open + 1));
	pad = std::string(col / 8, '\t') + std::string(col % 8, ' ');
	cur = line.substr(0, open + 1) + parts[0];
	for (size_t k = 1; k < parts.size(); k++) {
		if (width_of(cur + " " + parts[k]) > 100) {
			out.push_back(cur);
			cur = pad + parts[k];
		} else {
			cur += " " + parts[k];
		}
	}
	out.push_back(cur);
	return out;
}

/* Insert TEXT (one statement) before LINE. */
static void emit_lines(int line, const std::string &text, const char *what)
{
	for (const std::string &l : wrap100(text))
		emit_insert(line, 1, l + "\n", what);
}

/*
 * A blank line before LINE, after the lines inserted before it.  GCC keeps
 * a whole inserted line only when it is longer than its newline, so the
 * blank line is an insertion at the start of LINE itself; lines that must
 * follow it go there too (emit_inline_lines).  GCC 12 prints such a line
 * of its patch without the '+' of the lines after the first:
 * lib/gcc-patch.awk (run by lib/engine-gcc.sh) restores it.
 */
static void emit_blank(int line)
{
	emit_insert(line, 1, "\n", "a blank line after the declaration");
}

/* TEXT inserted at the start of LINE after what is already inserted
 * there (after emit_blank). */
static void emit_inline_lines(int line, const std::string &text,
			      const char *what)
{
	for (const std::string &l : wrap100(text)) {
		emit_insert(line, 1, l, what);
		emit_insert(line, 1, "\n", what);
	}
}

/*
 * Does the body of FN (its brace on line BL) open with a declaration?  The
 * first line after the brace that is not blank or a comment.
 */
static bool opens_with_decl(const gl_fn &fn, int bl)
{
	for (int l = bl + 1; l < (int)unit.src_lines.size(); l++) {
		std::string t = trim(unit.src_lines[l]);

		if (t.empty() || t.compare(0, 2, "/*") == 0 ||
		    t.compare(0, 2, "//") == 0 || t[0] == '*')
			continue;
		return fn.top_decl_lines.count(l) > 0;
	}
	return false;
}

/* Capture the entry value of iova at the top of FN's body (once). */
static bool capture_iova(gl_fn &fn, const gl_ret &r, const fixreq &req)
{
	int bl;

	if (fn.fixed_start)
		return true;
	bl = body_open_line(fn);
	if (!bl || !emit_insert(bl + 1, 1, "\t" +
				(fn.iova_type.empty() ?
				 std::string("unsigned long") : fn.iova_type) +
				" iova_start = " + req.iova + ";\n",
				"capture the entry value of iova")) {
		inform(ret_loc(r), "gatherlint: cannot place the "
		       "%<iova_start%> capture of %qs "
		       "[%s]", fn.name.c_str(), FIX_RULE);
		return false;
	}
	if (!opens_with_decl(fn, bl))
		emit_blank(bl + 1);
	fn.fixed_start = true;
	return true;
}

/* A return the fix can rewrite, read: its text and where its parts are. */
struct fixsite {
	std::string expr, indent, cond, val;
	int el, ec, xl, xc, xel, xec;
	bool local, czero;
};

/* Can return R of FN be fixed?  Says why not when it cannot. */
static bool fixable(const gl_fn &fn, const gl_ret &r, fixsite *fs)
{
	const std::string &line = unit.src_lines[r.line];
	const char *why = NULL;

	if (r.in_macro || !return_text(r.line, r.col, &fs->expr, &fs->el,
				       &fs->ec, &fs->xl, &fs->xc, &fs->xel,
				       &fs->xec)) {
		inform(ret_loc(r), "gatherlint: cannot fix the return of "
		       "%qs written inside a macro [%s]",
		       fn.name.c_str(), FIX_RULE);
		return false;
	}
	fs->indent = line.substr(0, r.col - 1);
	fs->czero = split_cond_zero(fs->expr, &fs->cond, &fs->val) &&
		    !has_side_effects(fs->val);
	fs->local = !fs->czero && has_side_effects(fs->expr);
	if (fs->indent.find_first_not_of(" \t") != std::string::npos ||
	    fs->el != r.line)
		why = "layout";
	else if ((fs->czero || fs->local) &&
		 (fs->xl != r.line || fs->xel != r.line))
		why = "multi-line value";
	if (why) {
		inform(ret_loc(r), "gatherlint: cannot fix this return of "
		       "%qs automatically (%s) [%s]",
		       fn.name.c_str(), why, FIX_RULE);
		return false;
	}
	return true;
}

/*
 * The fix of one return: iommu_iotlb_gather_add_range(gather, iova, size)
 * right before it, the size first stored in a local when computing it has
 * side effects ("C ? 0 : E": return 0 first), the body braced when the
 * return is an unbraced branch.
 */
static void apply_fix(gl_fn &fn, gl_ret &r, const fixreq &req)
{
	const std::string &line = unit.src_lines[r.line];
	std::string outer, lv, iv = req.iova, tail, size, word, fill;
	std::string guard, fillind;
	int pl, pc;
	bool unbraced;
	fixsite fs;

	if (!fixable(fn, r, &fs))
		return;
	if (fn.iova_assigned && fn.has_iova_start) {
		inform(ret_loc(r), "gatherlint: %qs changes %qs and already "
		       "declares %<iova_start%>: not fixed "
		       "[%s]", fn.name.c_str(),
		       req.iova.c_str(), FIX_RULE);
		return;
	}
	if (fn.iova_assigned)
		iv = "iova_start";
	lv = fn.has_unmapped ? "gather_size" : "unmapped";
	unbraced = prev_token(r.line, r.col, &pl, &pc, &word) &&
		   (word == ")" || word == "else" || word == "do");
	outer = fs.indent;
	if (!outer.empty() && outer[0] == '\t')
		outer = outer.substr(1);
	else if (outer.size() >= 8)
		outer = outer.substr(8);
	tail = line.substr(fs.ec);		/* after the ';' */
	if (fn.iova_assigned && !capture_iova(fn, r, req))
		return;
	if (unbraced)
		emit_insert(pl, pc + 1, " {", "brace the body");
	size = fs.local ? lv : fs.czero ? fs.val : fs.expr;
	/* an entry point also called with a NULL gather: "if (gather)" */
	guard = fs.indent + "if (" + req.gather + ")";
	fillind = fs.indent + (req.guard ? "\t" : "");
	fill = fillind + "iommu_iotlb_gather_add_range(" + req.gather +
	       ", " + iv + ", " + size + ");";
	if (fs.local) {
		emit_lines(r.line, fs.indent + "size_t " + lv + " = " +
			   fs.expr + ";", "store the unmapped size");
		/* a blank line after the declaration (checkpatch) */
		emit_blank(r.line);
		if (req.guard)
			emit_inline_lines(r.line, guard,
					  "fill only a gather that is not NULL");
		emit_inline_lines(r.line, fill,
				  "fill the gather before this return");
	} else {
		if (fs.czero) {
			emit_insert(r.line, 1, fs.indent + "if (" + fs.cond +
				    ")\n", "return 0 first");
			emit_insert(r.line, 1, fs.indent + "\treturn 0;\n",
				    "return 0 first");
		}
		if (req.guard)
			emit_lines(r.line, guard,
				   "fill only a gather that is not NULL");
		emit_lines(r.line, fill, "fill the gather before this return");
	}
	if (size != fs.expr)
		emit_replace(r.line, fs.xc, fs.xec, size,
			     "return the size alone");
	if (unbraced) {
		if (!tail.empty())
			emit_replace(r.line, fs.ec + 1, (int)line.size(), "",
				     "move the comment after the brace");
		emit_insert(r.line + 1, 1, outer + "}" + tail + "\n",
			    "close the brace");
	}
}

void apply_fixes(void)
{
	load_source();
	for (const fixreq &req : unit.fixreqs) {
		auto it = unit.fns.find(req.func);

		if (it == unit.fns.end())
			continue;
		for (gl_ret &r : it->second.rets) {
			if (r.line != req.line || r.expr == "-")
				continue;
			apply_fix(it->second, r, req);
			break;
		}
	}
}
