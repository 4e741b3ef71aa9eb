// SPDX-License-Identifier: GPL-2.0
/*
 * fixit.c - fix-it hints (fixlist=FILE, or fix alone): -fdiagnostics-generate-patch
 * prints them as the driver fix.
 */
#include "gl-plugin.h"

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
	gl_inform_rich(&rl, "gatherlint: %s [unmap-gather-unfilled]", what);
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
	gl_inform_rich(&rl, "gatherlint: %s [unmap-gather-unfilled]", what);
	return true;
}

/* Display width of a line prefix (tabs to 8). */
static int width_of(const std::string &s)
{
	int w = 0;

	for (char c : s)
		w = c == '\t' ? (w / 8 + 1) * 8 : w + 1;
	return w;
}

static std::string indent_to(int w)
{
	std::string s(w / 8, '\t');

	s += std::string(w % 8, ' ');
	return s;
}

/*
 * Lay out "PREFIX ARGS-LIST-CALL;" as spatch does for added code: when
 * the line exceeds 80 columns, break after the commas of the outermost
 * argument list of the last call on the line, aligning the continuation
 * on the column after its opening parenthesis.
 */
static std::vector<std::string> layout(const std::string &line)
{
	std::vector<std::string> out;
	int depth = 0, open = -1;
	std::vector<std::string> parts;
	std::string head, cur, tail;

	if (width_of(line) <= 80) {
		out.push_back(line);
		return out;
	}
	/* find the first '(' that starts a call argument list */
	for (size_t i = 0; i < line.size(); i++) {
		if (line[i] == '(' && i > 0 &&
		    (ISALNUM(line[i - 1]) || line[i - 1] == '_')) {
			open = (int)i;
			break;
		}
	}
	if (open < 0) {
		out.push_back(line);
		return out;
	}
	head = line.substr(0, open + 1);
	for (size_t i = open + 1; i < line.size(); i++) {
		char c = line[i];

		if (c == '(' || c == '[')
			depth++;
		if (c == ')' || c == ']') {
			if (depth == 0) {
				parts.push_back(cur);
				tail = line.substr(i);
				break;
			}
			depth--;
		}
		if (c == ',' && depth == 0) {
			parts.push_back(cur + ",");
			cur.clear();
			i++;	/* the space after the comma */
			while (i < line.size() && line[i] == ' ')
				i++;
			i--;
			continue;
		}
		cur += c;
	}
	{
		int col = width_of(head);
		std::string l = head;
		bool first = true;

		for (size_t k = 0; k < parts.size(); k++) {
			std::string p = parts[k];
			std::string add = (first ? "" : " ") + p;

			if (k + 1 == parts.size())
				add += tail;
			if (!first && width_of(l + add) > 80) {
				out.push_back(l);
				l = indent_to(col) + p +
				    (k + 1 == parts.size() ? tail : "");
			} else {
				l += add;
			}
			first = false;
		}
		out.push_back(l);
	}
	return out;
}

/* Insert TEXT (one statement, laid out to 80 columns) before LINE. */
static void emit_lines(int line, const std::string &text, const char *what)
{
	for (const std::string &l : layout(text))
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

/* TEXT laid out as emit_lines does, inserted at the start of LINE after
 * what is already inserted there (after emit_blank). */
static void emit_inline_lines(int line, const std::string &text,
			      const char *what)
{
	for (const std::string &l : layout(text)) {
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

static void apply_fix(gl_fn &fn, gl_ret &r, const fixreq &req)
{
	std::string expr, indent, outer, lv, iv, tail, cond, val, size;
	int el, ec, xl, xc, xel, xec, pl, pc;
	std::string word;
	bool unbraced = false, local, czero;
	const std::string &line = unit.src_lines[r.line];

	if (r.in_macro || !return_text(r.line, r.col, &expr, &el, &ec, &xl,
				       &xc, &xel, &xec)) {
		inform(ret_loc(r), "gatherlint: cannot fix the return of "
		       "%qs written inside a macro [unmap-gather-unfilled]",
		       fn.name.c_str());
		return;
	}
	indent = line.substr(0, r.col - 1);
	if (indent.find_first_not_of(" \t") != std::string::npos ||
	    el != r.line) {
		inform(ret_loc(r), "gatherlint: cannot fix this return of "
		       "%qs automatically (layout) [unmap-gather-unfilled]",
		       fn.name.c_str());
		return;
	}
	iv = req.iova;
	if (fn.iova_assigned) {
		if (fn.has_iova_start) {
			inform(ret_loc(r), "gatherlint: %qs changes %qs and "
			       "already declares %<iova_start%>: not fixed "
			       "[unmap-gather-unfilled]", fn.name.c_str(),
			       req.iova.c_str());
			return;
		}
		iv = "iova_start";
	}
	czero = split_cond_zero(expr, &cond, &val) && !has_side_effects(val);
	local = !czero && has_side_effects(expr);
	if (czero && (xl != r.line || xel != r.line)) {
		inform(ret_loc(r), "gatherlint: cannot fix this return of "
		       "%qs automatically (multi-line value) "
		       "[unmap-gather-unfilled]", fn.name.c_str());
		return;
	}
	if (local && (xl != r.line || xel != r.line)) {
		inform(ret_loc(r), "gatherlint: cannot fix this return of "
		       "%qs automatically (multi-line value) "
		       "[unmap-gather-unfilled]", fn.name.c_str());
		return;
	}
	lv = fn.has_unmapped ? "gather_size" : "unmapped";
	if (prev_token(r.line, r.col, &pl, &pc, &word) &&
	    (word == ")" || word == "else" || word == "do"))
		unbraced = true;
	outer = indent;
	if (!outer.empty() && outer[0] == '\t')
		outer = outer.substr(1);
	else if (outer.size() >= 8)
		outer = outer.substr(8);
	tail = line.substr(ec);		/* after the ';' */

	/* capture the entry value of iova first */
	if (fn.iova_assigned && !fn.fixed_start) {
		int bl = body_open_line(fn);

		if (!bl || !emit_insert(bl + 1, 1, "\t" +
					(fn.iova_type.empty() ?
					 std::string("unsigned long") :
					 fn.iova_type) +
					" iova_start = " + req.iova + ";\n",
					"capture the entry value of iova")) {
			inform(ret_loc(r), "gatherlint: cannot place the "
			       "%<iova_start%> capture of %qs "
			       "[unmap-gather-unfilled]", fn.name.c_str());
			return;
		}
		if (!opens_with_decl(fn, bl))
			emit_blank(bl + 1);
		fn.fixed_start = true;
	}
	if (unbraced)
		emit_insert(pl, pc + 1, " {", "brace the body");
	size = expr;
	if (local) {
		emit_lines(r.line, indent + "size_t " + lv + " = " + expr + ";",
			   "store the unmapped size");
		size = lv;
	} else if (czero) {
		emit_insert(r.line, 1, indent + "if (" + cond + ")\n",
			    "return 0 first");
		emit_insert(r.line, 1, indent + "\treturn 0;\n",
			    "return 0 first");
		size = val;
	}
	if (local) {
		/* a blank line after the declaration (checkpatch) */
		emit_blank(r.line);
		emit_inline_lines(r.line, indent +
				  "iommu_iotlb_gather_add_range(" + req.gather +
				  ", " + iv + ", " + size + ");",
				  "fill the gather before this return");
	} else {
		emit_lines(r.line, indent + "iommu_iotlb_gather_add_range(" +
			   req.gather + ", " + iv + ", " + size + ");",
			   "fill the gather before this return");
	}
	if (size != expr)
		emit_replace(r.line, xc, xec, size, "return the size alone");
	if (unbraced) {
		if (!tail.empty())
			emit_replace(r.line, ec + 1, (int)line.size(), "",
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
