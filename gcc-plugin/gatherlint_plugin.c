// SPDX-License-Identifier: GPL-2.0
/*
 * gatherlint_plugin.c - the GCC engine of gatherlint.
 *
 * Finds IOMMU unmap callbacks that return a nonzero size without filling
 * the struct iommu_iotlb_gather (see docs/design.md).  Per translation
 * unit it extracts the facts of docs/design.md section 3:
 *
 *  - fn/ret: every function of the main file with a
 *    "struct iommu_iotlb_gather *" parameter; each return is classified
 *    (zero, errno, nonzero) and its cover computed on the CFG, path by
 *    path, as an exact CNF over the candidate calls (call:NAME, fmt,
 *    tlbadd).  The pass runs right after "cfg", before any inlining, so
 *    calls of static inline gather helpers are still calls.  A return
 *    is located at its "return" keyword (the RETURN_EXPR carries its
 *    value's location: the keyword is found in the source), or at the
 *    use of the macro that holds it;
 *  - ops/bind/fmtinit/fmtid: from initialisers (PLUGIN_FINISH_DECL,
 *    compound literals included) and from the function bodies
 *    (PLUGIN_PRE_GENERICIZE: runtime "x->unmap_pages = fn" stores,
 *    alloc_io_pgtable_ops() calls), with macros already expanded.
 *
 * Arguments (-fplugin-arg-gatherlint_plugin-KEY[=VALUE]):
 *   db=DIR        write the facts of this unit to DIR/<unique>.facts
 *                 (temporary file + rename: safe under make -jN)
 *   fixlist=FILE  resolver X lines: emit fix-it hints, so that
 *                 -fdiagnostics-generate-patch prints the driver fix
 *   fix           without db= or fixlist=: fix-it hints for the findings
 *                 this unit reports at warning or error (same text)
 *   core=STATE    latent|exposed|protected|unknown (standalone warnings)
 *   werror        standalone findings are errors (without it they stay
 *                 warnings, also under -Werror or CONFIG_WERROR)
 *   debug         dump the facts on stderr
 *
 * Without db= the plugin warns about what this unit decides alone:
 * functions of other units are assumed to fill, a format is assumed to
 * fill only through this unit's iommu_flush_ops.tlb_add_page.
 */
#include "gcc-compat.h"
#include "gather_api.h"

#include <stdio.h>
#include <unistd.h>
#include <sys/stat.h>

int plugin_is_GPL_compatible;

static struct plugin_info gatherlint_plugin_info = {
	"0.1.0",
	"gatherlint: IOMMU unmap paths that do not fill the iotlb gather\n"
	"  -fplugin-arg-gatherlint_plugin-KEY[=VALUE], KEY:\n"
	"  db=DIR        write the facts of the unit into DIR\n"
	"  fixlist=FILE  fix-it hints for the X lines of FILE\n"
	"  fix           fix-it hints for this unit's findings\n"
	"  core=STATE    latent, exposed, protected or unknown\n"
	"  werror        findings are errors\n"
};

/* ------------------------------------------------------------------ */
/* Options and unit-wide state                                         */

static const char *opt_db;
static const char *opt_fixlist;
static const char *opt_core = "unknown";
static bool opt_werror;
static bool opt_fix;
static bool opt_debug;

static std::string main_file;
static std::vector<std::string> src_lines;	/* the main file, by line */
static bool src_loaded;

struct gl_srcret {
	location_t loc;		/* the RETURN_EXPR, unresolved */
	int line, col;		/* the return keyword (or macro use) */
	int mline, mcol;	/* the RETURN_EXPR location, resolved */
	int tline, tcol;	/* where the text "return" is spelled */
	bool in_macro;
};

struct gl_ret {
	int line, col;
	std::string cls, cover, expr;
	std::string unread;	/* variables of the value whose tests were not read */
	location_t loc;
	bool in_macro;
};

struct gl_fn {
	std::string name;
	int line;
	std::string retkind, gather, iova, linkage;
	tree decl;
	bool has_gather;
	bool analysed;
	bool iova_assigned;
	bool has_unmapped, has_iova_start;
	std::string iova_type;
	std::string incomplete;
	std::vector<gl_srcret> srcrets;
	std::vector<gl_ret> rets;
	int endline, endcol;
	bool fixed_start;
	bool carrier;		/* loads the gather from a parameter's member */
	std::set<int> top_decl_lines;	/* lines of the body's own declarations */
};

static std::map<std::string, gl_fn> fns;
static std::vector<std::string> fn_order;
static std::vector<std::string> facts;
static std::set<std::string> facts_seen;
static std::set<std::string> ops_funcs;
static std::map<int, location_t> known_locs;	/* line -> a location */
/* calls through a struct member, by location: the gimplifier folds a call
 * through a const object ("flush_ops.tlb_flush_all(c)") into a call of the
 * function it holds.  The GIMPLE call may carry another location_t for the
 * same source position (GCC 15), so the position is a key too. */
static std::map<location_t, std::string> member_call_at;
static std::map<std::string, std::string> member_call_pos;
static tree fmt_enum;

/* ops objects seen (for the standalone decision) */
struct gl_ops {
	std::string id, type;
	std::map<std::string, std::string> fields;
	int line;
};
static std::map<std::string, gl_ops> ops_objs;
static std::vector<std::string> ops_order;

/* ------------------------------------------------------------------ */
/* Small helpers                                                      */

static const char *api_kind(const char *name, int *arg)
{
	const struct gatherlint_api_entry *e;

	for (e = gatherlint_api; e->kind; e++) {
		if (!strcmp(e->name, name)) {
			if (arg)
				*arg = e->gather_arg;
			return e->kind;
		}
	}
	return NULL;
}

static bool api_is(const char *name, const char *kind, int *arg)
{
	const struct gatherlint_api_entry *e;

	for (e = gatherlint_api; e->kind; e++) {
		if (!strcmp(e->kind, kind) && !strcmp(e->name, name)) {
			if (arg)
				*arg = e->gather_arg;
			return true;
		}
	}
	return false;
}

static std::string itos(long v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%ld", v);
	return buf;
}

static void add_fact(const std::string &f)
{
	if (facts_seen.insert(f).second)
		facts.push_back(f);
}

static expanded_location gl_expand(location_t loc)
{
	return expand_location(gl_expansion_point(loc));
}

static bool in_main_file(location_t loc)
{
	expanded_location x;

	if (loc == UNKNOWN_LOCATION)
		return false;
	x = gl_expand(loc);
	return x.file && main_file == x.file;
}

static int loc_line(location_t loc)
{
	return gl_expand(loc).line;
}

/* "file:line:column" of a location (its locus, macros unexpanded) */
static std::string src_pos(location_t loc)
{
	expanded_location x = expand_location(LOCATION_LOCUS(loc));

	return std::string(x.file ? x.file : "") + ":" + itos(x.line) + ":" +
	       itos(x.column);
}

/* the member a call statement was written through, "" if none */
static std::string member_call(gimple *stmt)
{
	location_t l = LOCATION_LOCUS(gimple_location(stmt));
	std::map<location_t, std::string>::iterator it;
	std::map<std::string, std::string>::iterator p;

	if (l == UNKNOWN_LOCATION)
		return "";
	it = member_call_at.find(l);
	if (it != member_call_at.end())
		return it->second;
	p = member_call_pos.find(src_pos(l));
	return p != member_call_pos.end() ? p->second : "";
}

static void note_known(location_t loc)
{
	expanded_location x;

	if (loc == UNKNOWN_LOCATION || !in_main_file(loc))
		return;
	if (linemap_location_from_macro_expansion_p(line_table, loc))
		return;
	x = expand_location(loc);
	if (!known_locs.count(x.line))
		known_locs[x.line] = loc;
}

static void load_source(void)
{
	FILE *f;
	std::string cur;
	int c;

	if (src_loaded)
		return;
	src_loaded = true;
	f = fopen(main_file.c_str(), "r");
	if (!f)
		return;
	src_lines.push_back("");	/* lines are 1-based */
	while ((c = getc(f)) != EOF) {
		if (c == '\n') {
			src_lines.push_back(cur);
			cur.clear();
		} else {
			cur += (char)c;
		}
	}
	if (!cur.empty())
		src_lines.push_back(cur);
	fclose(f);
}

static std::string collapse(const std::string &s)
{
	std::string out;
	bool sp = false;

	for (char c : s) {
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			sp = true;
			continue;
		}
		if (sp && !out.empty())
			out += ' ';
		sp = false;
		out += c;
	}
	return out;
}

/* Character at (line, col) of the main file, 1-based; 0 outside. */
static char src_at(int line, int col)
{
	if (line < 1 || line >= (int)src_lines.size())
		return 0;
	if (col < 1 || col > (int)src_lines[line].size())
		return 0;
	return src_lines[line][col - 1];
}

/*
 * The text of "return EXPR;" starting at (line, col): EXPR collapsed, and
 * the position of the terminating ';'.  Comments are skipped.
 */
static bool return_text(int line, int col, std::string *expr, int *eline,
			int *ecol, int *xline, int *xcol, int *xeline,
			int *xecol)
{
	int l = line, c = col, depth = 0;
	std::string out;
	bool started = false;

	load_source();
	if (line < 1 || line >= (int)src_lines.size())
		return false;
	if (src_lines[line].compare(col - 1, 6, "return") != 0)
		return false;
	c += 6;
	*xline = 0;
	*xcol = 0;
	*xeline = 0;
	*xecol = 0;
	while (l < (int)src_lines.size()) {
		const std::string &s = src_lines[l];

		while (c <= (int)s.size()) {
			char ch = s[c - 1];

			if (ch == '/' && c < (int)s.size() && s[c] == '*') {
				size_t e = s.find("*/", c + 1);

				while (e == std::string::npos) {
					l++;
					if (l >= (int)src_lines.size())
						return false;
					c = 1;
					e = src_lines[l].find("*/");
				}
				c = (int)e + 3;
				out += ' ';
				goto next_line_check;
			}
			if (ch == '/' && c < (int)s.size() && s[c] == '/')
				break;
			if (ch == '"' || ch == '\'') {
				char q = ch;

				out += ch;
				c++;
				while (c <= (int)s.size() && s[c - 1] != q) {
					if (s[c - 1] == '\\') {
						out += s[c - 1];
						c++;
					}
					out += s[c - 1];
					c++;
				}
				out += q;
				c++;
				continue;
			}
			if (ch == '(' || ch == '[' || ch == '{')
				depth++;
			if (ch == ')' || ch == ']' || ch == '}')
				depth--;
			if (ch == ';' && depth == 0) {
				*expr = collapse(out);
				*eline = l;
				*ecol = c;
				return true;
			}
			if (ch != ' ' && ch != '\t') {
				if (!started) {
					*xline = l;
					*xcol = c;
					started = true;
				}
				*xeline = l;
				*xecol = c;
			}
			out += ch;
			c++;
		}
		out += ' ';
		l++;
		c = 1;
next_line_check:
		if (l >= (int)src_lines.size())
			break;
		if (c > (int)src_lines[l].size() + 1) {
			l++;
			c = 1;
		}
	}
	return false;
}

static bool word_char(char c)
{
	return ISALNUM(c) || c == '_';
}

/*
 * The "return" keyword of the statement holding (line, col): scanning
 * backwards, without crossing a statement boundary.
 */
static bool find_return_kw(int line, int col, int *rl, int *rc)
{
	int l = line, c = col;
	int steps = 0;

	load_source();
	while (l >= 1 && l < (int)src_lines.size() && steps++ < 200) {
		const std::string &s = src_lines[l];

		if (c > (int)s.size())
			c = (int)s.size();
		for (; c >= 1; c--) {
			char ch = s[c - 1];

			if (s.compare(c - 1, 6, "return") == 0 &&
			    (c == 1 || !word_char(s[c - 2])) &&
			    (c + 5 >= (int)s.size() || !word_char(s[c + 5]))) {
				*rl = l;
				*rc = c;
				return true;
			}
			if ((ch == ';' || ch == '{' || ch == '}') &&
			    !(l == line && c == col))
				return false;
		}
		l--;
		if (l >= 1)
			c = (int)src_lines[l].size();
	}
	return false;
}

static std::string type_name_of(tree type)
{
	tree n;

	if (!type)
		return "";
	n = TYPE_NAME(type);
	if (!n)
		return "";
	if (TREE_CODE(n) == TYPE_DECL)
		n = DECL_NAME(n);
	if (!n || TREE_CODE(n) != IDENTIFIER_NODE)
		return "";
	return IDENTIFIER_POINTER(n);
}

/* "struct NAME" (any qualifiers) -> NAME, else "". */
static std::string record_name(tree type)
{
	if (!type)
		return "";
	type = TYPE_MAIN_VARIANT(type);
	if (TREE_CODE(type) != RECORD_TYPE)
		return "";
	return type_name_of(type);
}

static bool is_ops_type(const std::string &n)
{
	return n == "iommu_domain_ops" || n == "iommu_ops" ||
	       n == "pt_iommu_ops" || n == "io_pgtable_ops" ||
	       n == "iommu_flush_ops";
}

static bool interesting_field(const std::string &f)
{
	return f == "unmap_pages" || f == "unmap" || f == "unmap_range" ||
	       f == "iotlb_sync" || f == "tlb_add_page" ||
	       f == "tlb_flush_walk" || f == "tlb_flush_all";
}

static bool is_gather_ptr(tree type)
{
	return type && TREE_CODE(type) == POINTER_TYPE &&
	       record_name(TREE_TYPE(type)) == "iommu_iotlb_gather";
}

static const char *decl_name(tree d)
{
	if (!d || !DECL_NAME(d))
		return "";
	return IDENTIFIER_POINTER(DECL_NAME(d));
}

static std::string retkind_of(tree type)
{
	std::string tn;

	if (!type)
		return "other";
	if (TREE_CODE(type) == VOID_TYPE)
		return "void";
	tn = type_name_of(type);
	if (TYPE_NAME(type) && TREE_CODE(TYPE_NAME(type)) == TYPE_DECL &&
	    DECL_ORIGINAL_TYPE(TYPE_NAME(type))) {
		if (tn == "size_t" || tn == "ssize_t" || tn == "dma_addr_t" ||
		    tn == "u64")
			return "size";
		return "other";
	}
	if (TREE_CODE(type) != INTEGER_TYPE)
		return "other";
	type = TYPE_MAIN_VARIANT(type);
	if (type == long_unsigned_type_node)
		return "size";
	if (type == integer_type_node || type == long_integer_type_node)
		return "int";
	if (tn == "size_t" || tn == "ssize_t")
		return "size";
	return "other";
}

/* The second parameter when it is "unsigned long" or "dma_addr_t". */
static std::string iova_of(tree fndecl, std::string *tyname)
{
	tree p = DECL_ARGUMENTS(fndecl);
	tree t;
	std::string tn;

	if (!p || !DECL_CHAIN(p))
		return "-";
	p = DECL_CHAIN(p);
	t = TREE_TYPE(p);
	tn = type_name_of(t);
	if (TYPE_NAME(t) && TREE_CODE(TYPE_NAME(t)) == TYPE_DECL &&
	    DECL_ORIGINAL_TYPE(TYPE_NAME(t))) {
		if (tn != "dma_addr_t")
			return "-";
		*tyname = "dma_addr_t";
		return decl_name(p);
	}
	if (TYPE_MAIN_VARIANT(t) == long_unsigned_type_node) {
		*tyname = "unsigned long";
		return decl_name(p);
	}
	return "-";
}

static tree gather_param(tree fndecl)
{
	tree p;

	for (p = DECL_ARGUMENTS(fndecl); p; p = DECL_CHAIN(p))
		if (is_gather_ptr(TREE_TYPE(p)))
			return p;
	return NULL_TREE;
}

static gl_fn &get_fn(tree fndecl)
{
	std::string name = decl_name(fndecl);
	auto it = fns.find(name);

	if (it == fns.end()) {
		gl_fn f;
		tree g = gather_param(fndecl);

		f.name = name;
		f.line = loc_line(DECL_SOURCE_LOCATION(fndecl));
		f.retkind = retkind_of(TREE_TYPE(TREE_TYPE(fndecl)));
		f.gather = g ? decl_name(g) : "-";
		f.has_gather = g != NULL_TREE;
		f.iova = iova_of(fndecl, &f.iova_type);
		f.linkage = TREE_PUBLIC(fndecl) ? "extern" : "static";
		f.decl = fndecl;
		f.analysed = false;
		f.iova_assigned = false;
		f.has_unmapped = false;
		f.has_iova_start = false;
		f.endline = 0;
		f.endcol = 0;
		f.fixed_start = false;
		f.carrier = false;
		fns[name] = f;
		fn_order.push_back(name);
		it = fns.find(name);
	}
	return it->second;
}

/* ------------------------------------------------------------------ */
/* ops, bind, fmtinit, fmtid                                           */

static void ops_fact(int line, const std::string &id, const std::string &type,
		     const std::string &field, const std::string &func)
{
	gl_ops &o = ops_objs[id];

	if (o.id.empty()) {
		o.id = id;
		o.type = type;
		o.line = line;
		ops_order.push_back(id);
	}
	if (field != "-") {
		if (!o.fields.count(field) || o.fields[field] == "NULL")
			o.fields[field] = func;
		if (func != "NULL" && func != "-")
			ops_funcs.insert(func);
	}
	add_fact("ops\t" + main_file + "\t" + itos(line) + "\t" + id + "\t" +
		 type + "\t" + field + "\t" + func);
}

/* A stored function value: its name, "NULL", or "" when not a function. */
static std::string stored_func(tree v)
{
	while (v && (CONVERT_EXPR_P(v) || TREE_CODE(v) == NON_LVALUE_EXPR))
		v = TREE_OPERAND(v, 0);
	if (!v)
		return "";
	if (TREE_CODE(v) == ADDR_EXPR)
		v = TREE_OPERAND(v, 0);
	if (TREE_CODE(v) == FUNCTION_DECL)
		return decl_name(v);
	if (TREE_CODE(v) == INTEGER_CST && integer_zerop(v))
		return "NULL";
	return "";
}

static void process_ctor(tree ctor, const std::string &type,
			 const std::string &id, int line);

/*
 * The line of ".FIELD =" in an initialiser starting on LINE, for values
 * without a location (NULL, constants); LINE when not found.
 */
static int field_line(int line, const std::string &field)
{
	load_source();
	for (int l = line; l < (int)src_lines.size() && l < line + 200; l++) {
		const std::string &s = src_lines[l];
		size_t p = 0;

		while ((p = s.find("." + field, p)) != std::string::npos) {
			size_t q = p + 1 + field.size();

			p = q;
			if (q < s.size() && word_char(s[q]))
				continue;
			while (q < s.size() && (s[q] == ' ' || s[q] == '\t'))
				q++;
			if (q < s.size() && s[q] == '=')
				return l;
		}
		if (l > line && s.find("};") != std::string::npos)
			break;
	}
	return line;
}

static tree compound_literal_decl(tree v)
{
	while (v && (CONVERT_EXPR_P(v) || TREE_CODE(v) == NON_LVALUE_EXPR))
		v = TREE_OPERAND(v, 0);
	if (!v || TREE_CODE(v) != ADDR_EXPR)
		return NULL_TREE;
	v = TREE_OPERAND(v, 0);
	if (TREE_CODE(v) == COMPOUND_LITERAL_EXPR)
		return COMPOUND_LITERAL_EXPR_DECL(v);
	if (TREE_CODE(v) == VAR_DECL && DECL_ARTIFICIAL(v) && !DECL_NAME(v))
		return v;
	if (TREE_CODE(v) == VAR_DECL && DECL_ARTIFICIAL(v) &&
	    !strncmp(decl_name(v), "__compound_literal", 18))
		return v;
	return NULL_TREE;
}

static std::set<tree> anon_done;

static std::string field_or_elt(tree idx)
{
	if (idx && TREE_CODE(idx) == FIELD_DECL)
		return decl_name(idx);
	return "elt";
}

static void process_anon(tree decl)
{
	tree init;
	std::string t;
	int line;

	if (!decl || anon_done.count(decl))
		return;
	anon_done.insert(decl);
	init = DECL_INITIAL(decl);
	if (!init || TREE_CODE(init) != CONSTRUCTOR)
		return;
	t = record_name(TREE_TYPE(decl));
	line = loc_line(DECL_SOURCE_LOCATION(decl));
	process_ctor(init, is_ops_type(t) ? t : "", "anon@" + itos(line), line);
}

/* Walk an initialiser: fields of an ops object, nested literals. */
static void process_ctor(tree ctor, const std::string &type,
			 const std::string &id, int line)
{
	unsigned HOST_WIDE_INT i;
	tree idx, val;

	if (!type.empty())
		ops_fact(line, id, type, "-", "-");
	FOR_EACH_CONSTRUCTOR_ELT(CONSTRUCTOR_ELTS(ctor), i, idx, val) {
		tree cl;

		if (!val)
			continue;
		if (TREE_CODE(val) == CONSTRUCTOR) {
			std::string nt = record_name(TREE_TYPE(val));

			if (is_ops_type(nt))
				process_ctor(val, nt, "anon@" + itos(line) +
					     "." + field_or_elt(idx), line);
			else
				process_ctor(val, "", id, line);
			continue;
		}
		cl = compound_literal_decl(val);
		if (cl) {
			process_anon(cl);
			continue;
		}
		if (type.empty() || !idx || TREE_CODE(idx) != FIELD_DECL)
			continue;
		{
			std::string f = decl_name(idx);
			std::string fn = stored_func(val);
			int fl = line;

			if (!interesting_field(f) || fn.empty())
				continue;
			if (EXPR_P(val) && EXPR_HAS_LOCATION(val) &&
			    in_main_file(EXPR_LOCATION(val)))
				fl = loc_line(EXPR_LOCATION(val));
			else
				fl = field_line(line, f);
			ops_fact(fl, id, type, f, fn);
		}
	}
}

/* The name of the enumerator of io_pgtable_fmt with value V. */
static std::string fmt_name(tree v)
{
	tree e;

	while (v && (CONVERT_EXPR_P(v) || TREE_CODE(v) == NON_LVALUE_EXPR))
		v = TREE_OPERAND(v, 0);
	if (!v || TREE_CODE(v) != INTEGER_CST)
		return "?";
	if (!fmt_enum)
		return "?";
	for (e = TYPE_VALUES(fmt_enum); e; e = TREE_CHAIN(e)) {
		tree val = TREE_VALUE(e);

		if (TREE_CODE(val) == CONST_DECL)
			val = DECL_INITIAL(val);
		if (val && TREE_CODE(val) == INTEGER_CST &&
		    tree_int_cst_equal(val, v))
			return IDENTIFIER_POINTER(TREE_PURPOSE(e));
	}
	return "?";
}

static void gl_finish_type(void *gcc_data, void * /* user_data */)
{
	tree t = (tree)gcc_data;

	if (t && TREE_CODE(t) == ENUMERAL_TYPE &&
	    type_name_of(t) == "io_pgtable_fmt")
		fmt_enum = t;
}

static void gl_finish_decl(void *gcc_data, void * /* user_data */)
{
	tree decl = (tree)gcc_data;
	tree init, type;
	std::string t;
	int line;

	if (!decl || TREE_CODE(decl) != VAR_DECL)
		return;
	init = DECL_INITIAL(decl);
	if (!init || TREE_CODE(init) != CONSTRUCTOR)
		return;
	if (!in_main_file(DECL_SOURCE_LOCATION(decl)))
		return;
	line = loc_line(DECL_SOURCE_LOCATION(decl));
	type = TREE_TYPE(decl);
	t = record_name(type);
	if (t == "io_pgtable_init_fns") {
		add_fact("fmtinit\t" + main_file + "\t" + itos(line) + "\t" +
			 decl_name(decl));
		return;
	}
	if (TREE_CODE(type) == ARRAY_TYPE &&
	    TREE_CODE(TREE_TYPE(type)) == POINTER_TYPE &&
	    record_name(TREE_TYPE(TREE_TYPE(type))) == "io_pgtable_init_fns") {
		unsigned HOST_WIDE_INT i;
		tree idx, val;

		FOR_EACH_CONSTRUCTOR_ELT(CONSTRUCTOR_ELTS(init), i, idx, val) {
			tree v = val;
			int fl = line;

			while (v && CONVERT_EXPR_P(v))
				v = TREE_OPERAND(v, 0);
			if (!idx || !v || TREE_CODE(v) != ADDR_EXPR ||
			    TREE_CODE(TREE_OPERAND(v, 0)) != VAR_DECL)
				continue;
			if (EXPR_P(val) && EXPR_HAS_LOCATION(val) &&
			    in_main_file(EXPR_LOCATION(val)))
				fl = loc_line(EXPR_LOCATION(val));
			add_fact("fmtid\t" + main_file + "\t" + itos(fl) +
				 "\t" + fmt_name(idx) + "\t" +
				 decl_name(TREE_OPERAND(v, 0)));
		}
		return;
	}
	process_ctor(init, is_ops_type(t) ? t : "", decl_name(decl), line);
}

/* ------------------------------------------------------------------ */
/* PLUGIN_PRE_GENERICIZE: returns, runtime ops stores, binds          */

static std::string render(tree t)
{
	if (!t)
		return "?";
	switch (TREE_CODE(t)) {
	case VAR_DECL:
	case PARM_DECL:
	case FIELD_DECL:
	case FUNCTION_DECL:
		return decl_name(t);
	case COMPONENT_REF: {
		tree o = TREE_OPERAND(t, 0);

		if (TREE_CODE(o) == INDIRECT_REF || TREE_CODE(o) == MEM_REF)
			return render(TREE_OPERAND(o, 0)) + "->" +
			       decl_name(TREE_OPERAND(t, 1));
		return render(o) + "." + decl_name(TREE_OPERAND(t, 1));
	}
	case INDIRECT_REF:
		return "*" + render(TREE_OPERAND(t, 0));
	case ARRAY_REF:
		return render(TREE_OPERAND(t, 0)) + "[" +
		       render(TREE_OPERAND(t, 1)) + "]";
	case INTEGER_CST:
		return itos((long)TREE_INT_CST_LOW(t));
	case NOP_EXPR:
	case CONVERT_EXPR:
	case NON_LVALUE_EXPR:
		return render(TREE_OPERAND(t, 0));
	default:
		return "?";
	}
}

struct walk_ctx {
	gl_fn *fn;
	tree iova_parm;
};

static void runtime_store(gl_fn *fn, tree lhs, tree rhs, location_t loc)
{
	tree obj, field;
	std::string f, func, type, id;

	if (TREE_CODE(lhs) != COMPONENT_REF)
		return;
	field = TREE_OPERAND(lhs, 1);
	f = decl_name(field);
	if (!interesting_field(f))
		return;
	func = stored_func(rhs);
	if (func.empty())
		return;
	obj = TREE_OPERAND(lhs, 0);
	type = record_name(TREE_TYPE(obj));
	if (!is_ops_type(type)) {
		/* classify by the stored function's first parameter */
		tree fd = rhs;

		while (fd && (CONVERT_EXPR_P(fd) || TREE_CODE(fd) == ADDR_EXPR))
			fd = TREE_OPERAND(fd, 0);
		type = "";
		if (fd && TREE_CODE(fd) == FUNCTION_DECL &&
		    DECL_ARGUMENTS(fd)) {
			tree pt = TREE_TYPE(DECL_ARGUMENTS(fd));
			std::string n = pt && TREE_CODE(pt) == POINTER_TYPE ?
					record_name(TREE_TYPE(pt)) : "";

			if (n == "io_pgtable_ops")
				type = "io_pgtable_ops";
			else if (n == "pt_iommu")
				type = "pt_iommu_ops";
			else if (n == "iommu_iotlb_gather")
				type = "iommu_flush_ops";
			else if (n == "iommu_domain")
				type = "iommu_domain_ops";
		}
		if (type.empty())
			return;
	}
	if (TREE_CODE(obj) == INDIRECT_REF || TREE_CODE(obj) == MEM_REF)
		id = render(TREE_OPERAND(obj, 0));
	else
		id = render(obj);
	id = "assign@" + fn->name + ":" + id;
	ops_fact(loc_line(loc), id, type, "-", "-");
	ops_fact(loc_line(loc), id, type, f, func);
}

/* P->m with P a pointer parameter (GENERIC): a carrier loads its gather so */
static bool carrier_load(tree t)
{
	while (t && (CONVERT_EXPR_P(t) || TREE_CODE(t) == NON_LVALUE_EXPR))
		t = TREE_OPERAND(t, 0);
	if (!t || TREE_CODE(t) != COMPONENT_REF)
		return false;
	t = TREE_OPERAND(t, 0);
	if (TREE_CODE(t) != INDIRECT_REF && TREE_CODE(t) != MEM_REF)
		return false;
	t = TREE_OPERAND(t, 0);
	while (t && (CONVERT_EXPR_P(t) || TREE_CODE(t) == NON_LVALUE_EXPR))
		t = TREE_OPERAND(t, 0);
	return t && TREE_CODE(t) == PARM_DECL && POINTER_TYPE_P(TREE_TYPE(t));
}

static tree pre_walk(tree *tp, int *walk_subtrees, void *data)
{
	walk_ctx *ctx = (walk_ctx *)data;
	tree t = *tp;
	location_t loc;

	if (!t)
		return NULL_TREE;
	if (TYPE_P(t)) {
		*walk_subtrees = 0;
		return NULL_TREE;
	}
	loc = EXPR_P(t) ? EXPR_LOCATION(t) : UNKNOWN_LOCATION;
	note_known(loc);
	switch (TREE_CODE(t)) {
	case RETURN_EXPR:
		if (in_main_file(loc)) {
			gl_srcret r;
			expanded_location x = gl_expand(loc);

			r.loc = loc;
			r.mline = r.line = r.tline = x.line;
			r.mcol = r.col = r.tcol = x.column;
			r.in_macro = false;
			if (find_return_kw(x.line, x.column, &r.tline,
					   &r.tcol)) {
				r.line = r.tline;
				r.col = r.tcol;
			} else if (linemap_location_from_macro_expansion_p(
					line_table, loc)) {
				/* "return" written in a macro body */
				expanded_location sp = expand_location(
					gl_spelling_point(loc));

				r.in_macro = true;
				r.tline = r.tcol = 0;
				if (sp.file && main_file == sp.file)
					find_return_kw(sp.line, sp.column,
						       &r.tline, &r.tcol);
			}
			ctx->fn->srcrets.push_back(r);
		}
		break;
	case DECL_EXPR: {
		tree d = DECL_EXPR_DECL(t);

		if (d && TREE_CODE(d) == VAR_DECL &&
		    is_gather_ptr(TREE_TYPE(d)) && carrier_load(DECL_INITIAL(d)))
			ctx->fn->carrier = true;
		break;
	}
	case MODIFY_EXPR:
		if (TREE_CODE(TREE_OPERAND(t, 0)) == VAR_DECL &&
		    is_gather_ptr(TREE_TYPE(TREE_OPERAND(t, 0))) &&
		    carrier_load(TREE_OPERAND(t, 1)))
			ctx->fn->carrier = true;
		if (TREE_OPERAND(t, 0) == ctx->iova_parm && ctx->iova_parm)
			ctx->fn->iova_assigned = true;
		runtime_store(ctx->fn, TREE_OPERAND(t, 0), TREE_OPERAND(t, 1),
			      loc);
		break;
	case PREINCREMENT_EXPR:
	case PREDECREMENT_EXPR:
	case POSTINCREMENT_EXPR:
	case POSTDECREMENT_EXPR:
		if (TREE_OPERAND(t, 0) == ctx->iova_parm && ctx->iova_parm)
			ctx->fn->iova_assigned = true;
		break;
	case CALL_EXPR: {
		tree fd = get_callee_fndecl(t);
		tree cf = CALL_EXPR_FN(t);	/* NULL for an internal function */

		if (cf)
			STRIP_NOPS(cf);
		if (cf && TREE_CODE(cf) == COMPONENT_REF && loc != UNKNOWN_LOCATION) {
			member_call_at[LOCATION_LOCUS(loc)] = decl_name(TREE_OPERAND(cf, 1));
			member_call_pos[src_pos(loc)] = decl_name(TREE_OPERAND(cf, 1));
		}

		if (fd && DECL_NAME(fd) &&
		    api_is(decl_name(fd), "fmtalloc", NULL) &&
		    call_expr_nargs(t) > 0 && in_main_file(loc))
			add_fact("bind\t" + main_file + "\t" +
				 itos(loc_line(loc)) + "\t" + ctx->fn->name +
				 "\t" + fmt_name(CALL_EXPR_ARG(t, 0)));
		break;
	}
	case COMPOUND_LITERAL_EXPR:
		process_anon(COMPOUND_LITERAL_EXPR_DECL(t));
		break;
	case BIND_EXPR: {
		tree v;

		for (v = BIND_EXPR_VARS(t); v; v = DECL_CHAIN(v)) {
			if (TREE_CODE(v) != VAR_DECL)
				continue;
			if (!strcmp(decl_name(v), "unmapped"))
				ctx->fn->has_unmapped = true;
			if (!strcmp(decl_name(v), "iova_start"))
				ctx->fn->has_iova_start = true;
		}
		break;
	}
	default:
		break;
	}
	return NULL_TREE;
}

/*
 * For the fix text: the lines of the declarations that open the body of
 * FN (its outermost block), so that a declaration the fix adds at the top
 * is followed by a blank line when a statement comes next (checkpatch).
 */
static void top_decls(gl_fn *fn, tree body)
{
	tree v;

	if (body && TREE_CODE(body) == STATEMENT_LIST)
		body = STATEMENT_LIST_HEAD(body) ?
		       STATEMENT_LIST_HEAD(body)->stmt : NULL_TREE;
	if (!body || TREE_CODE(body) != BIND_EXPR)
		return;
	for (v = BIND_EXPR_VARS(body); v; v = DECL_CHAIN(v))
		if (TREE_CODE(v) == VAR_DECL &&
		    in_main_file(DECL_SOURCE_LOCATION(v)))
			fn->top_decl_lines.insert(loc_line(DECL_SOURCE_LOCATION(v)));
}

static void gl_pre_genericize(void *gcc_data, void * /* user_data */)
{
	tree fndecl = (tree)gcc_data;
	walk_ctx ctx;
	tree p;

	if (!fndecl || TREE_CODE(fndecl) != FUNCTION_DECL)
		return;
	if (!in_main_file(DECL_SOURCE_LOCATION(fndecl)))
		return;
	ctx.fn = &get_fn(fndecl);
	ctx.fn->decl = fndecl;
	ctx.iova_parm = NULL_TREE;
	for (p = DECL_ARGUMENTS(fndecl); p; p = DECL_CHAIN(p))
		if (ctx.fn->iova != "-" && ctx.fn->iova == decl_name(p))
			ctx.iova_parm = p;
	note_known(DECL_SOURCE_LOCATION(fndecl));
	walk_tree_without_duplicates(&DECL_SAVED_TREE(fndecl), pre_walk, &ctx);
	if (gather_param(fndecl))
		ctx.fn->carrier = false;	/* takes the gather itself */
	top_decls(ctx.fn, DECL_SAVED_TREE(fndecl));
	if (DECL_STRUCT_FUNCTION(fndecl)) {
		location_t e = DECL_STRUCT_FUNCTION(fndecl)->function_end_locus;
		expanded_location x = gl_expand(e);

		ctx.fn->endline = x.line;
		ctx.fn->endcol = x.column;
	}
}

/* ------------------------------------------------------------------ */
/* The path analysis (GIMPLE, CFG, before SSA and inlining)            */

typedef std::vector<int> clause;	/* sorted atom ids */

/*
 * Values on a path, read as a reviewer reads them (SPEC 2, Nonzero
 * path): for each tracked variable (at most GL_MAX_VARS) known zero,
 * known nonzero, or unknown.  An env is the two bit masks; a path state
 * maps each env reached to the paths that reached it with it.
 */
#define GL_MAX_VARS 32
#define GL_MAX_ENVS 48
typedef std::pair<unsigned, unsigned> envkey;	/* zero mask, nonzero mask */

struct pentry {
	bool covered;		/* some path here passed a fill */
	std::set<clause> cl;	/* the other paths: the atoms they passed */

	pentry() : covered(false) {}
	bool operator==(const pentry &o) const
	{
		return covered == o.covered && cl == o.cl;
	}
};

struct pstate {
	std::map<envkey, pentry> m;

	bool operator==(const pstate &o) const
	{
		return m == o.m;
	}
};

enum ev_kind { EV_COVER, EV_ATOM, EV_DEF };

struct event {
	ev_kind kind;
	int atom;
	int var;		/* EV_DEF: the tracked variable stored to */
	bool inc;		/* EV_DEF: v = v + positive constant */
	gimple *stmt;		/* EV_DEF: the store (its value is evaluated) */
};

#define GL_MAX_CLAUSES 64

static bool subset_of(const clause &a, const clause &b)
{
	return std::includes(b.begin(), b.end(), a.begin(), a.end());
}

/* Keep only the minimal clauses (a path needing {a} implies {a,b}). */
static void minimise(std::set<clause> &s)
{
	std::set<clause> out;

	for (const clause &c : s) {
		bool dominated = false;

		for (const clause &d : s) {
			if (&c != &d && d != c && subset_of(d, c)) {
				dominated = true;
				break;
			}
		}
		if (!dominated)
			out.insert(c);
	}
	if (out.size() > GL_MAX_CLAUSES) {
		/* over-approximate by one clause, as the cocci engine does */
		clause u;

		for (const clause &c : out)
			u.insert(u.end(), c.begin(), c.end());
		std::sort(u.begin(), u.end());
		u.erase(std::unique(u.begin(), u.end()), u.end());
		out.clear();
		out.insert(u);
	}
	s.swap(out);
}

static void merge_entry(pentry &dst, const pentry &src)
{
	dst.covered = dst.covered || src.covered;
	dst.cl.insert(src.cl.begin(), src.cl.end());
	minimise(dst.cl);
}

static void put_entry(pstate &st, envkey k, const pentry &e)
{
	auto it = st.m.find(k);

	if (it == st.m.end())
		st.m[k] = e;
	else
		merge_entry(it->second, e);
}

/*
 * Too many distinct envs: forget the values of the variables that only
 * appear in tests (indexes >= keep) first, then of every variable.
 */
static void bound_envs(pstate &st, int keep)
{
	unsigned mask;
	pstate out;

	if (st.m.size() <= GL_MAX_ENVS)
		return;
	mask = keep >= 32 ? ~0u : ((1u << keep) - 1);
	for (int round = 0; round < 2 && st.m.size() > GL_MAX_ENVS; round++) {
		out.m.clear();
		for (auto &kv : st.m)
			put_entry(out, envkey(kv.first.first & mask,
					      kv.first.second & mask),
				  kv.second);
		st.m.swap(out.m);
		mask = 0;
	}
}

static void join_into(pstate &dst, const pstate &src, int keep)
{
	for (auto &kv : src.m)
		put_entry(dst, kv.first, kv.second);
	bound_envs(dst, keep);
}

static void do_cover(pstate &st)
{
	for (auto &kv : st.m) {
		if (!kv.second.cl.empty())
			kv.second.covered = true;
		kv.second.cl.clear();
	}
}

/* The value of tracked variable V in K: 0 zero, 1 nonzero, -1 unknown. */
static int env_val(envkey k, int v)
{
	if (v < 0)
		return -1;
	if (k.first & (1u << v))
		return 0;
	if (k.second & (1u << v))
		return 1;
	return -1;
}

static envkey env_set(envkey k, int v, int val)
{
	unsigned b;

	if (v < 0)
		return k;
	b = 1u << v;
	k.first &= ~b;
	k.second &= ~b;
	if (val == 0)
		k.first |= b;
	else if (val == 1)
		k.second |= b;
	return k;
}

enum ref_kind { R_ZERO, R_NZ, R_LT_T, R_LT_F, R_EQ, R_NE };

/* What taking an edge says about tracked variables A and B. */
struct refine {
	ref_kind kind;
	int a, b;
};

struct retsite {
	basic_block bb;
	int ev_index;		/* events of bb [0, ev_index) run before */
	location_t loc;
	gimple *stmt;		/* the store of the returned value */
	tree rhs;		/* single rhs, or NULL */
	bool is_call;
};

struct fn_analysis {
	tree gather;
	std::set<tree> gvars;		/* the gather parameter and its aliases */
	std::set<tree> gstructs;	/* locals holding the gather in a member */
	bool rangestore;		/* a non-constant store to g->start/end */
	std::map<tree, int> vidx;		/* tracked variables */
	int keep;			/* vidx < keep: the returned values */
	std::map<tree, tree> copy_of;	/* single-store temp -> its source */
	std::map<tree, gimple *> tdef;	/* single-store temp -> its store */
	std::map<edge, std::vector<struct refine>> refs;
	std::set<int> unread;		/* tracked, tested in a way not read */
	std::vector<std::string> atoms;
	std::map<basic_block, std::vector<event>> events;
	std::map<tree, tree> temp_field;	/* temp -> FIELD_DECL */
	std::map<tree, tree> temp_func;	/* temp -> the FUNCTION_DECL it holds */
	std::map<tree, int> qpol;		/* var -> +1/-1 queued */
	std::set<edge> queued_edges;
	std::vector<retsite> rets;
	tree retvar;
	bool failed;

	int atom_id(const std::string &a)
	{
		for (size_t i = 0; i < atoms.size(); i++)
			if (atoms[i] == a)
				return (int)i;
		atoms.push_back(a);
		return (int)atoms.size() - 1;
	}
};

static tree strip_conv(tree t)
{
	while (t && (CONVERT_EXPR_P(t) || TREE_CODE(t) == NON_LVALUE_EXPR))
		t = TREE_OPERAND(t, 0);
	return t;
}

/* a temporary of the gimplifier (assigned once), not a user's variable */
static bool is_func_temp(tree t)
{
	return t && (TREE_CODE(t) == SSA_NAME ||
		     (TREE_CODE(t) == VAR_DECL && DECL_ARTIFICIAL(t)));
}

static bool is_gvar(const fn_analysis &fa, tree t)
{
	t = strip_conv(t);
	return t && fa.gvars.count(t);
}

/* &s or &s.m...: the address of a local that holds the gather in a member */
static bool gstruct_addr(const fn_analysis &fa, tree t)
{
	t = strip_conv(t);
	if (!t || TREE_CODE(t) != ADDR_EXPR)
		return false;
	t = TREE_OPERAND(t, 0);
	while (t && TREE_CODE(t) == COMPONENT_REF)
		t = TREE_OPERAND(t, 0);
	return t && fa.gstructs.count(t);
}

/*
 * A call of a carrier of this unit (a function that loads the gather from
 * a member of its parameter) with the address of a local that holds it.
 */
static bool gstruct_call(const fn_analysis &fa, gimple *stmt, const char *callee)
{
	std::map<std::string, gl_fn>::iterator it = fns.find(callee);

	if (fa.gstructs.empty() || it == fns.end() || !it->second.carrier)
		return false;
	for (unsigned i = 0; i < gimple_call_num_args(stmt); i++)
		if (gstruct_addr(fa, gimple_call_arg(stmt, i)))
			return true;
	return false;
}

/* The call passes the gather (or an alias) as argument IDX (any if < 0). */
static bool call_has_arg(const fn_analysis &fa, gimple *stmt, int idx)
{
	unsigned n = gimple_call_num_args(stmt);

	if (idx >= 0)
		return (unsigned)idx < n && is_gvar(fa, gimple_call_arg(stmt, idx));
	for (unsigned i = 0; i < n; i++)
		if (is_gvar(fa, gimple_call_arg(stmt, i)))
			return true;
	return false;
}

/* g->start or g->end (g the gather or an alias). */
static bool gather_range_ref(const fn_analysis &fa, tree t)
{
	tree base;
	std::string f;

	if (!t || TREE_CODE(t) != COMPONENT_REF)
		return false;
	f = decl_name(TREE_OPERAND(t, 1));
	if (f != "start" && f != "end")
		return false;
	base = TREE_OPERAND(t, 0);
	if (TREE_CODE(base) != MEM_REF && TREE_CODE(base) != INDIRECT_REF)
		return false;
	return is_gvar(fa, TREE_OPERAND(base, 0));
}

/*
 * Callee summaries (SPEC 2 Flushed, Nonzero path), by function of the
 * unit: the pass runs callees first (see plugin_init), so a caller sees
 * what its callees do with the values it passes.  flush: every path to
 * the end flushes (always), or does when parameter flush_param is 0
 * (flush_zero) or not; zero_param: every return is 0 when that
 * parameter is.
 */
struct gl_summary {
	bool flush_always;
	int flush_param;
	bool flush_zero;
	int zero_param;

	gl_summary() : flush_always(false), flush_param(-1),
		       flush_zero(false), zero_param(-1) {}
};

static std::map<std::string, gl_summary> summaries;

static const gl_summary *summary_of(tree fd)
{
	std::map<std::string, gl_summary>::iterator it;

	if (!fd || !DECL_NAME(fd) || !in_main_file(DECL_SOURCE_LOCATION(fd)))
		return NULL;
	it = summaries.find(decl_name(fd));
	return it == summaries.end() ? NULL : &it->second;
}

/*
 * A function some iommu_flush_ops object of this unit stores in a flush
 * callback member (flushcb: tlb_flush_walk, tlb_flush_all): a direct call
 * of it flushes exactly as a call through the member (the gimplifier folds
 * "flush_ops.tlb_flush_all(c)" through a const object into a call of the
 * function it holds, and a driver may call it by name).
 */
static bool flushcb_func(const std::string &name)
{
	for (const std::string &id : ops_order) {
		const gl_ops &o = ops_objs[id];

		if (o.type != "iommu_flush_ops")
			continue;
		for (const auto &fv : o.fields)
			if (fv.second == name &&
			    api_is(fv.first.c_str(), "flushcb", NULL))
				return true;
	}
	return false;
}

/* Events of one call statement. */
static void call_events(fn_analysis &fa, gimple *stmt,
			std::vector<event> &ev)
{
	tree fd = gl_call_fndecl(stmt);
	event e;
	int arg;
	std::string mc = member_call(stmt);

	e.var = -1;
	e.inc = false;
	e.stmt = NULL;
	e.atom = -1;
	/* a call through a temporary that holds a function (the gimplifier's
	 * "_6 = fn; _6 (c);") calls that function */
	if (!fd) {
		tree t = strip_conv(gimple_call_fn(stmt));

		if (t && fa.temp_func.count(t))
			fd = fa.temp_func[t];
	}
	if (fd && !mc.empty())
		fd = NULL_TREE;	/* a member call the gimplifier folded */
	if (fd && DECL_NAME(fd)) {
		const char *n = decl_name(fd);
		const char *k = api_kind(n, &arg);
		const gl_summary *sm = summary_of(fd);

		/* a callee that flushes, given the constant passed for its flag */
		if (sm && (sm->flush_always ||
			   (sm->flush_param >= 0 &&
			    (unsigned)sm->flush_param < gimple_call_num_args(stmt) &&
			    TREE_CODE(gimple_call_arg(stmt, sm->flush_param)) ==
				    INTEGER_CST &&
			    integer_zerop(gimple_call_arg(stmt, sm->flush_param)) ==
				    sm->flush_zero))) {
			e.kind = EV_COVER;
			ev.push_back(e);
			return;
		}

		if (k && !strcmp(k, "fill")) {
			if (call_has_arg(fa, stmt, arg)) {
				e.kind = EV_COVER;
				ev.push_back(e);
			}
			return;
		}
		if ((k && !strcmp(k, "flush")) || (!k && flushcb_func(n))) {
			e.kind = EV_COVER;
			ev.push_back(e);
			return;
		}
		if (k && !strcmp(k, "queued"))
			return;
		if (k && !strcmp(k, "tlbadd")) {
			if (call_has_arg(fa, stmt, arg)) {
				e.kind = EV_ATOM;
				e.atom = fa.atom_id("tlbadd");
				ev.push_back(e);
			}
			return;
		}
		if (call_has_arg(fa, stmt, -1) || gstruct_call(fa, stmt, n)) {
			e.kind = EV_ATOM;
			e.atom = fa.atom_id(std::string("call:") + n);
			ev.push_back(e);
		}
		return;
	}
	/* indirect: through a member of a struct */
	{
		tree fn = gimple_call_fn(stmt);
		tree field = NULL_TREE;
		std::string m;

		fn = strip_conv(fn);
		if (fn && TREE_CODE(fn) == COMPONENT_REF)
			field = TREE_OPERAND(fn, 1);
		else if (fn && fa.temp_field.count(fn))
			field = fa.temp_field[fn];
		if (field)
			m = decl_name(field);
		else if (!mc.empty())
			m = mc;
		else
			return;
		if (api_is(m.c_str(), "flushcb", NULL)) {
			e.kind = EV_COVER;
			ev.push_back(e);
			return;
		}
		if (api_is(m.c_str(), "tlbaddcb", &arg)) {
			if (call_has_arg(fa, stmt, arg)) {
				e.kind = EV_ATOM;
				e.atom = fa.atom_id("tlbadd");
				ev.push_back(e);
			}
			return;
		}
		if (!call_has_arg(fa, stmt, -1))
			return;
		e.kind = EV_ATOM;
		if (m == "unmap_pages" || m == "unmap")
			e.atom = fa.atom_id("fmt");
		else
			e.atom = fa.atom_id("call:" + m);
		ev.push_back(e);
	}
}

/* Queued-test polarity of temporaries (flow-insensitive: temps are
 * assigned once by the gimplifier). */
static void find_queued(fn_analysis &fa, function *fun)
{
	basic_block bb;
	bool changed = true;
	int rounds = 0;

	while (changed && rounds++ < 8) {
		changed = false;
		FOR_EACH_BB_FN(bb, fun) {
			gimple_stmt_iterator gsi;

			for (gsi = gsi_start_bb(bb); !gsi_end_p(gsi);
			     gsi_next(&gsi)) {
				gimple *s = gsi_stmt(gsi);
				tree lhs = NULL_TREE;
				int pol = 0;

				if (is_gimple_call(s)) {
					tree fd = gl_call_fndecl(s);
					int arg;

					lhs = gimple_call_lhs(s);
					if (!fd || !lhs)
						continue;
					if (api_is(decl_name(fd), "queued",
						   &arg) &&
					    call_has_arg(fa, s, arg))
						pol = 1;
					else if (fndecl_built_in_p(fd,
						 BUILT_IN_EXPECT) &&
						 gimple_call_num_args(s) > 0) {
						tree a = strip_conv(
							gimple_call_arg(s, 0));

						if (fa.qpol.count(a))
							pol = fa.qpol[a];
					}
				} else if (is_gimple_assign(s)) {
					enum tree_code c =
						gimple_assign_rhs_code(s);
					tree r1 = strip_conv(
						gimple_assign_rhs1(s));
					tree r2 = gimple_num_ops(s) > 2 ?
						gimple_assign_rhs2(s) :
						NULL_TREE;

					lhs = gimple_assign_lhs(s);
					if (!fa.qpol.count(r1))
						continue;
					pol = fa.qpol[r1];
					if (c == TRUTH_NOT_EXPR ||
					    c == BIT_NOT_EXPR)
						pol = -pol;
					else if (c == BIT_XOR_EXPR && r2 &&
						 integer_onep(r2))
						pol = -pol;
					else if (c == EQ_EXPR && r2 &&
						 integer_zerop(r2))
						pol = -pol;
					else if (c == NE_EXPR && r2 &&
						 integer_zerop(r2))
						;
					else if (c == EQ_EXPR && r2 &&
						 integer_onep(r2))
						;
					else if (!(c == SSA_NAME ||
						   c == VAR_DECL ||
						   c == PARM_DECL ||
						   CONVERT_EXPR_CODE_P(c)))
						pol = 0;
				}
				if (lhs && pol && !fa.qpol.count(lhs)) {
					fa.qpol[lhs] = pol;
					changed = true;
				}
			}
		}
	}
	FOR_EACH_BB_FN(bb, fun) {
		gimple *last = gl_last_stmt(bb);
		tree l, r;
		int pol;
		bool truthy_on_true;
		edge e;
		edge_iterator ei;

		if (!last || gimple_code(last) != GIMPLE_COND)
			continue;
		l = strip_conv(gimple_cond_lhs(last));
		r = gimple_cond_rhs(last);
		if (!fa.qpol.count(l))
			continue;
		pol = fa.qpol[l];
		if (gimple_cond_code(last) == NE_EXPR && integer_zerop(r))
			truthy_on_true = true;
		else if (gimple_cond_code(last) == EQ_EXPR && integer_zerop(r))
			truthy_on_true = false;
		else if (gimple_cond_code(last) == EQ_EXPR && integer_onep(r))
			truthy_on_true = true;
		else if (gimple_cond_code(last) == NE_EXPR && integer_onep(r))
			truthy_on_true = false;
		else
			continue;
		/* queued on the true edge iff (truthy == queued) there */
		FOR_EACH_EDGE(e, ei, bb->succs) {
			bool on_true = e->flags & EDGE_TRUE_VALUE;

			if (!(e->flags & (EDGE_TRUE_VALUE | EDGE_FALSE_VALUE)))
				continue;
			if ((on_true == truthy_on_true) == (pol > 0))
				fa.queued_edges.insert(e);
		}
	}
}

/*
 * The gather pointer (or an alias) tested against NULL: the edge on which
 * it is NULL needs no fill (SPEC 2 Fill), like a queued edge.
 */
static void find_null_tests(fn_analysis &fa, function *fun)
{
	basic_block bb;

	FOR_EACH_BB_FN(bb, fun) {
		gimple *last = gl_last_stmt(bb);
		enum tree_code code;
		edge e;
		edge_iterator ei;

		if (!last || gimple_code(last) != GIMPLE_COND)
			continue;
		code = gimple_cond_code(last);
		if ((code != EQ_EXPR && code != NE_EXPR) ||
		    !is_gvar(fa, gimple_cond_lhs(last)) ||
		    !integer_zerop(gimple_cond_rhs(last)))
			continue;
		FOR_EACH_EDGE(e, ei, bb->succs) {
			bool on_true = e->flags & EDGE_TRUE_VALUE;

			if (!(e->flags & (EDGE_TRUE_VALUE | EDGE_FALSE_VALUE)))
				continue;
			if (on_true == (code == EQ_EXPR))
				fa.queued_edges.insert(e);
		}
	}
}

/* The tracked variable T stands for (through single-store temps), or -1. */
static int var_index(fn_analysis &fa, tree t)
{
	for (int depth = 0; t && depth < 8; depth++) {
		std::map<tree, int>::iterator it;
		std::map<tree, tree>::iterator c;

		t = strip_conv(t);
		it = fa.vidx.find(t);
		if (it != fa.vidx.end())
			return it->second;
		c = fa.copy_of.find(t);
		if (c == fa.copy_of.end())
			return -1;
		t = c->second;
	}
	return -1;
}

static int eval_tree(fn_analysis &fa, tree t, envkey k, int depth);

/* The value a store computes in K: 0 zero, 1 nonzero, -1 unknown. */
static int eval_stmt(fn_analysis &fa, gimple *s, envkey k, int depth)
{
	enum tree_code c;
	tree a, b;
	int va, vb;

	if (s && is_gimple_call(s) && depth <= 8) {
		const gl_summary *sm = summary_of(gl_call_fndecl(s));

		if (sm && sm->zero_param >= 0 &&
		    (unsigned)sm->zero_param < gimple_call_num_args(s) &&
		    eval_tree(fa, gimple_call_arg(s, sm->zero_param), k,
			      depth + 1) == 0)
			return 0;
		return -1;
	}
	if (!s || !is_gimple_assign(s) || depth > 8)
		return -1;
	c = gimple_assign_rhs_code(s);
	a = gimple_assign_rhs1(s);
	b = gimple_num_ops(s) > 2 ? gimple_assign_rhs2(s) : NULL_TREE;
	if (gimple_assign_single_p(s) || CONVERT_EXPR_CODE_P(c))
		return eval_tree(fa, a, k, depth + 1);
	va = eval_tree(fa, a, k, depth + 1);
	vb = b ? eval_tree(fa, b, k, depth + 1) : -1;
	switch (c) {
	case MULT_EXPR:
	case BIT_AND_EXPR:
		return va == 0 || vb == 0 ? 0 : -1;
	case LSHIFT_EXPR:
	case RSHIFT_EXPR:
		return va == 0 ? 0 : -1;
	case PLUS_EXPR:
	case BIT_IOR_EXPR:
		return va == 0 && vb == 0 ? 0 : -1;
	default:
		return -1;
	}
}

static int eval_tree(fn_analysis &fa, tree t, envkey k, int depth)
{
	std::map<tree, gimple *>::iterator d;
	int v;

	t = strip_conv(t);
	if (!t || depth > 8)
		return -1;
	if (TREE_CODE(t) == INTEGER_CST)
		return integer_zerop(t) ? 0 : 1;
	v = fa.vidx.count(t) ? fa.vidx[t] : -1;
	if (v >= 0)
		return env_val(k, v);
	d = fa.tdef.find(t);
	if (d != fa.tdef.end())
		return eval_stmt(fa, d->second, k, depth + 1);
	return -1;
}

static void apply_event(fn_analysis &fa, pstate &st, const event &e)
{
	switch (e.kind) {
	case EV_COVER:
		do_cover(st);
		break;
	case EV_ATOM:
		for (auto &kv : st.m) {
			std::set<clause> n;

			for (clause c : kv.second.cl) {
				if (!std::binary_search(c.begin(), c.end(),
							e.atom)) {
					c.push_back(e.atom);
					std::sort(c.begin(), c.end());
				}
				n.insert(c);
			}
			minimise(n);
			kv.second.cl.swap(n);
		}
		break;
	case EV_DEF: {
		pstate out;

		for (auto &kv : st.m) {
			int val;

			if (e.inc)	/* a counter: 0 + 1 is not 0 */
				val = env_val(kv.first, e.var) >= 0 ? 1 : -1;
			else
				val = eval_stmt(fa, e.stmt, kv.first, 0);
			put_entry(out, env_set(kv.first, e.var, val), kv.second);
		}
		st.m.swap(out.m);
		bound_envs(st, fa.keep);
		break;
	}
	}
}

/* Take an edge: false when the env says it cannot be taken. */
static bool refine_env(envkey &k, const refine &r)
{
	int va = env_val(k, r.a), vb = env_val(k, r.b);

	switch (r.kind) {
	case R_ZERO:
		if (va == 1)
			return false;
		k = env_set(k, r.a, 0);
		break;
	case R_NZ:
		if (va == 0)
			return false;
		k = env_set(k, r.a, 1);
		break;
	case R_LT_T:	/* a < b, a is 0: b > 0 */
		if (va == 0) {
			if (vb == 0)
				return false;
			k = env_set(k, r.b, 1);
		}
		break;
	case R_LT_F:	/* a >= b, a is 0: b <= 0, a count: 0 */
		if (va == 0) {
			if (vb == 1)
				return false;
			k = env_set(k, r.b, 0);
		}
		break;
	case R_EQ:
		if ((va == 0 && vb == 1) || (va == 1 && vb == 0))
			return false;
		if (va == 0)
			k = env_set(k, r.b, 0);
		else if (vb == 0)
			k = env_set(k, r.a, 0);
		break;
	case R_NE:
		if (va == 0 && vb == 0)
			return false;
		if (va == 0)
			k = env_set(k, r.b, 1);
		else if (vb == 0)
			k = env_set(k, r.a, 1);
		break;
	}
	return true;
}

static void add_ref(fn_analysis &fa, edge e, ref_kind kind, int a, int b)
{
	refine r;

	if (!e || a < 0 || (kind >= R_LT_T && b < 0))
		return;
	r.kind = kind;
	r.a = a;
	r.b = b;
	fa.refs[e].push_back(r);
}

/*
 * T is a bool temporary that negates a variable ("_7 = ~flag;", how the
 * gimplifier writes "if (!flag)"): that variable, else NULL.
 */
static tree negated_var(fn_analysis &fa, tree t)
{
	gimple *ds = NULL;
	enum tree_code dc;
	tree x;

	t = strip_conv(t);
	if (t && TREE_CODE(t) == SSA_NAME)
		ds = SSA_NAME_DEF_STMT(t);
	else if (t && fa.tdef.count(t))
		ds = fa.tdef[t];
	if (!ds || !is_gimple_assign(ds))
		return NULL_TREE;
	dc = gimple_assign_rhs_code(ds);
	x = strip_conv(gimple_assign_rhs1(ds));
	if (!x || (TREE_CODE(x) != VAR_DECL && TREE_CODE(x) != PARM_DECL) ||
	    TREE_CODE(TREE_TYPE(x)) != BOOLEAN_TYPE)
		return NULL_TREE;
	if (dc == TRUTH_NOT_EXPR || dc == BIT_NOT_EXPR ||
	    (dc == BIT_XOR_EXPR && integer_onep(gimple_assign_rhs2(ds))))
		return x;
	return NULL_TREE;
}

static void value_vars(fn_analysis &fa, tree t, std::vector<tree> &out,
		       int depth);

/* What each test of a tracked variable says on its edges. */
static void find_value_tests(fn_analysis &fa, function *fun)
{
	basic_block bb;

	FOR_EACH_BB_FN(bb, fun) {
		gimple *last = gl_last_stmt(bb);
		edge te = NULL, fe = NULL, e;
		edge_iterator ei;

		if (!last)
			continue;
		if (gimple_code(last) == GIMPLE_SWITCH) {
			gswitch *sw = as_a<gswitch *>(last);
			int v = var_index(fa, gimple_switch_index(sw));
			std::map<edge, int> kind;	/* 1 zero, 2 nonzero, 3 both */
			bool has_zero = false;

			if (v < 0)
				continue;
			for (unsigned i = 1; i < gimple_switch_num_labels(sw); i++) {
				tree l = gimple_switch_label(sw, i);
				tree lo = CASE_LOW(l), hi = CASE_HIGH(l);
				bool z = lo && integer_zerop(lo) && !hi;
				bool range0 = hi && tree_int_cst_sgn(lo) <= 0 &&
					      tree_int_cst_sgn(hi) >= 0;

				e = find_edge(bb, label_to_block(fun, CASE_LABEL(l)));
				if (!e)
					continue;
				has_zero = has_zero || z || range0;
				kind[e] |= range0 ? 3 : (z ? 1 : 2);
			}
			e = find_edge(bb, label_to_block(fun,
				CASE_LABEL(gimple_switch_label(sw, 0))));
			if (e)
				kind[e] |= has_zero ? 2 : 3;
			for (auto &ek : kind) {
				if (ek.second == 1)
					add_ref(fa, ek.first, R_ZERO, v, -1);
				else if (ek.second == 2)
					add_ref(fa, ek.first, R_NZ, v, -1);
			}
			continue;
		}
		if (gimple_code(last) != GIMPLE_COND)
			continue;
		FOR_EACH_EDGE(e, ei, bb->succs) {
			if (e->flags & EDGE_TRUE_VALUE)
				te = e;
			else if (e->flags & EDGE_FALSE_VALUE)
				fe = e;
		}
		{
			tree l = strip_conv(gimple_cond_lhs(last));
			tree r = strip_conv(gimple_cond_rhs(last));
			enum tree_code c = gimple_cond_code(last);
			int a, b;

			/* "if (!flag)" of a bool: the gimplifier tests ~flag */
			if (TREE_CODE(r) == INTEGER_CST && integer_zerop(r) &&
			    (c == EQ_EXPR || c == NE_EXPR) && negated_var(fa, l)) {
				l = negated_var(fa, l);
				c = c == EQ_EXPR ? NE_EXPR : EQ_EXPR;
			}
			a = var_index(fa, l);
			b = var_index(fa, r);
			bool uns = TYPE_UNSIGNED(TREE_TYPE(gimple_cond_lhs(last)));
			size_t n0 = (te ? fa.refs[te].size() : 0) +
				    (fe ? fa.refs[fe].size() : 0);

			if (a >= 0 && TREE_CODE(r) == INTEGER_CST) {
				bool zero = integer_zerop(r);

				if (zero && c == NE_EXPR) {
					add_ref(fa, te, R_NZ, a, -1);
					add_ref(fa, fe, R_ZERO, a, -1);
				} else if (zero && c == EQ_EXPR) {
					add_ref(fa, te, R_ZERO, a, -1);
					add_ref(fa, fe, R_NZ, a, -1);
				} else if (zero && c == GT_EXPR) {
					add_ref(fa, te, R_NZ, a, -1);
					if (uns)
						add_ref(fa, fe, R_ZERO, a, -1);
				} else if (zero && c == LE_EXPR) {
					add_ref(fa, fe, R_NZ, a, -1);
					if (uns)
						add_ref(fa, te, R_ZERO, a, -1);
				} else if (!zero && c == EQ_EXPR) {
					add_ref(fa, te, R_NZ, a, -1);
				} else if (!zero && c == NE_EXPR) {
					add_ref(fa, fe, R_NZ, a, -1);
				}
				goto done;
			}
			if (a < 0 || b < 0)
				goto done;
			switch (c) {
			case LT_EXPR:	/* a < b */
				add_ref(fa, te, R_LT_T, a, b);
				add_ref(fa, fe, R_LT_F, a, b);
				break;
			case GT_EXPR:	/* b < a */
				add_ref(fa, te, R_LT_T, b, a);
				add_ref(fa, fe, R_LT_F, b, a);
				break;
			case LE_EXPR:	/* !(b < a) */
				add_ref(fa, te, R_LT_F, b, a);
				add_ref(fa, fe, R_LT_T, b, a);
				break;
			case GE_EXPR:	/* !(a < b) */
				add_ref(fa, te, R_LT_F, a, b);
				add_ref(fa, fe, R_LT_T, a, b);
				break;
			case EQ_EXPR:
				add_ref(fa, te, R_EQ, a, b);
				add_ref(fa, fe, R_NE, a, b);
				break;
			case NE_EXPR:
				add_ref(fa, te, R_NE, a, b);
				add_ref(fa, fe, R_EQ, a, b);
				break;
			default:
				break;
			}
done:
			/* a test of a returned value that taught nothing: note it */
			if ((te ? fa.refs[te].size() : 0) + (fe ? fa.refs[fe].size() : 0) == n0) {
				std::vector<tree> vs;

				value_vars(fa, gimple_cond_lhs(last), vs, 0);
				value_vars(fa, gimple_cond_rhs(last), vs, 0);
				for (tree v : vs)
					if (fa.vidx.count(v))
						fa.unread.insert(fa.vidx[v]);
			}
		}
	}
}

static void transfer_bb(fn_analysis &fa, basic_block bb, pstate &st, int upto)
{
	std::vector<event> &ev = fa.events[bb];
	int n = upto < 0 ? (int)ev.size() : upto;

	for (int i = 0; i < n; i++)
		apply_event(fa, st, ev[i]);
}

/* The state after edge E: covers, value tests; false if it cannot be taken. */
static bool take_edge(fn_analysis &fa, edge e, pstate &o)
{
	std::map<edge, std::vector<refine>>::iterator r;

	if (fa.queued_edges.count(e))
		do_cover(o);
	r = fa.refs.find(e);
	if (r != fa.refs.end()) {
		pstate n;

		for (auto &kv : o.m) {
			envkey k = kv.first;
			bool ok = true;

			for (const refine &x : r->second)
				ok = ok && refine_env(k, x);
			if (ok)
				put_entry(n, k, kv.second);
		}
		o.m.swap(n.m);
	}
	return !o.m.empty();
}

/* Forward dataflow; fills in[] for every reachable block. */
static bool solve(fn_analysis &fa, function *fun,
		  std::map<basic_block, pstate> &in)
{
	std::vector<basic_block> work;
	std::set<basic_block> inwork;
	basic_block entry = ENTRY_BLOCK_PTR_FOR_FN(fun);
	long budget = 400L * (n_basic_blocks_for_fn(fun) + 4);
	pstate init;

	init.m[envkey(0, 0)].cl.insert(clause());
	in.clear();
	in[entry] = init;
	work.push_back(entry);
	inwork.insert(entry);
	while (!work.empty()) {
		basic_block bb = work.back();
		pstate out;
		edge e;
		edge_iterator ei;

		work.pop_back();
		inwork.erase(bb);
		if (--budget < 0)
			return false;
		out = in[bb];
		transfer_bb(fa, bb, out, -1);
		FOR_EACH_EDGE(e, ei, bb->succs) {
			pstate o = out;
			basic_block d = e->dest;
			bool first = !in.count(d);
			pstate before;

			if (!take_edge(fa, e, o))
				continue;
			if (!first)
				before = in[d];
			if (first) {
				in[d] = o;
				bound_envs(in[d], fa.keep);
			} else {
				join_into(in[d], o, fa.keep);
				if (in[d] == before)
					continue;
			}
			if (!inwork.count(d)) {
				work.push_back(d);
				inwork.insert(d);
			}
		}
	}
	return true;
}

/* A variable whose value can be tracked: a local or parameter, scalar. */
static bool trackable(fn_analysis &fa, tree t)
{
	t = strip_conv(t);
	if (!t || (TREE_CODE(t) != VAR_DECL && TREE_CODE(t) != PARM_DECL))
		return false;
	if (TREE_STATIC(t) || DECL_EXTERNAL(t) || TREE_ADDRESSABLE(t))
		return false;
	if (!INTEGRAL_TYPE_P(TREE_TYPE(t)) && !POINTER_TYPE_P(TREE_TYPE(t)))
		return false;
	return t != fa.retvar && !fa.tdef.count(t) && !fa.copy_of.count(t);
}

/* The trackable variables a value is computed from (through temps). */
static void value_vars(fn_analysis &fa, tree t, std::vector<tree> &out,
		       int depth)
{
	std::map<tree, gimple *>::iterator d;
	gimple *s;

	t = strip_conv(t);
	if (!t || depth > 8)
		return;
	if (trackable(fa, t)) {
		out.push_back(t);
		return;
	}
	d = fa.tdef.find(t);
	if (d == fa.tdef.end())
		return;
	s = d->second;
	for (unsigned i = 1; i < gimple_num_ops(s); i++)
		value_vars(fa, gimple_op(s, i), out, depth + 1);
}

static void track(fn_analysis &fa, tree t, bool *more)
{
	t = strip_conv(t);
	if (fa.vidx.count(t) || (int)fa.vidx.size() >= GL_MAX_VARS)
		return;
	fa.vidx[t] = (int)fa.vidx.size();
	*more = true;
}

/*
 * The variables whose values decide the returns: those the returned
 * values are computed from, what is copied into them, what they are
 * compared with (indexes below fa.keep); then the other scalars tested.
 */
static void find_tracked(fn_analysis &fa, function *fun)
{
	std::map<tree, int> nstores;
	basic_block bb;
	gimple_stmt_iterator gsi;
	bool more = true;

	FOR_EACH_BB_FN(bb, fun)
		for (gsi = gsi_start_bb(bb); !gsi_end_p(gsi); gsi_next(&gsi)) {
			gimple *s = gsi_stmt(gsi);
			tree l = is_gimple_assign(s) ? gimple_assign_lhs(s) :
				 is_gimple_call(s) ? gimple_call_lhs(s) :
				 NULL_TREE;

			if (l && DECL_P(l))
				nstores[l]++;
		}
	FOR_EACH_BB_FN(bb, fun)
		for (gsi = gsi_start_bb(bb); !gsi_end_p(gsi); gsi_next(&gsi)) {
			gimple *s = gsi_stmt(gsi);
			tree l;

			if (!is_gimple_assign(s))
				continue;
			l = gimple_assign_lhs(s);
			/* the gimplifier's temporaries: artificial variables
			 * stored once, and SSA names ("_3 = (long unsigned
			 * int) i;" before "D.1 = size * _3;") */
			if (TREE_CODE(l) != SSA_NAME &&
			    (TREE_CODE(l) != VAR_DECL || !DECL_ARTIFICIAL(l) ||
			     nstores[l] != 1))
				continue;
			if (l == fa.retvar)
				continue;
			fa.tdef[l] = s;
			if (gimple_assign_single_p(s) ||
			    CONVERT_EXPR_CODE_P(gimple_assign_rhs_code(s))) {
				tree r = strip_conv(gimple_assign_rhs1(s));

				if (TREE_CODE(r) == VAR_DECL ||
				    TREE_CODE(r) == PARM_DECL)
					fa.copy_of[l] = r;
			}
		}
	/* the returned values */
	FOR_EACH_BB_FN(bb, fun)
		for (gsi = gsi_start_bb(bb); !gsi_end_p(gsi); gsi_next(&gsi)) {
			gimple *s = gsi_stmt(gsi);
			std::vector<tree> vs;

			if (!is_gimple_assign(s) || !fa.retvar ||
			    gimple_assign_lhs(s) != fa.retvar)
				continue;
			for (unsigned i = 1; i < gimple_num_ops(s); i++)
				value_vars(fa, gimple_op(s, i), vs, 0);
			for (tree v : vs)
				track(fa, v, &more);
		}
	/* what flows into them, what they are compared with */
	for (int round = 0; more && round < 6; round++) {
		more = false;
		FOR_EACH_BB_FN(bb, fun) {
			gimple *last = gl_last_stmt(bb);

			for (gsi = gsi_start_bb(bb); !gsi_end_p(gsi);
			     gsi_next(&gsi)) {
				gimple *s = gsi_stmt(gsi);
				std::vector<tree> vs;

				if (!is_gimple_assign(s) ||
				    !fa.vidx.count(gimple_assign_lhs(s)))
					continue;
				for (unsigned i = 1; i < gimple_num_ops(s); i++)
					value_vars(fa, gimple_op(s, i), vs, 0);
				for (tree v : vs)
					track(fa, v, &more);
			}
			if (last && gimple_code(last) == GIMPLE_COND) {
				std::vector<tree> a, b;

				value_vars(fa, gimple_cond_lhs(last), a, 0);
				value_vars(fa, gimple_cond_rhs(last), b, 0);
				if (a.size() == 1 && b.size() == 1 &&
				    (fa.vidx.count(a[0]) || fa.vidx.count(b[0]))) {
					track(fa, a[0], &more);
					track(fa, b[0], &more);
				}
			}
		}
	}
	fa.keep = (int)fa.vidx.size();
	/* the other scalars tested (a flag tested twice: if (c) ...; c ? :) */
	FOR_EACH_BB_FN(bb, fun) {
		gimple *last = gl_last_stmt(bb);
		std::vector<tree> a;

		if (!last)
			continue;
		if (gimple_code(last) == GIMPLE_COND &&
		    negated_var(fa, gimple_cond_lhs(last)))
			a.push_back(negated_var(fa, gimple_cond_lhs(last)));
		else if (gimple_code(last) == GIMPLE_COND)
			value_vars(fa, gimple_cond_lhs(last), a, 0);
		else if (gimple_code(last) == GIMPLE_SWITCH)
			value_vars(fa, gimple_switch_index(
					   as_a<gswitch *>(last)), a, 0);
		if (a.size() == 1 && INTEGRAL_TYPE_P(TREE_TYPE(a[0])))
			track(fa, a[0], &more);
	}
}

static std::string cover_string(fn_analysis &fa, const std::set<clause> &cl)
{
	std::vector<std::string> clauses;
	std::string out;

	if (cl.empty())
		return "fill";
	for (const clause &c : cl)
		if (c.empty())
			return "none";
	for (const clause &c : cl) {
		std::vector<int> order(c);
		std::string s;

		/* atoms in first-seen order */
		std::sort(order.begin(), order.end());
		for (int a : order)
			s += (s.empty() ? "" : "|") + fa.atoms[a];
		clauses.push_back(s);
	}
	std::sort(clauses.begin(), clauses.end());
	for (const std::string &s : clauses)
		out += (out.empty() ? "" : "&") + s;
	return out;
}

static bool is_errno_text(const std::string &e0)
{
	std::string e = e0;
	size_t i;

	while (e.size() >= 2 && e[0] == '(' && e[e.size() - 1] == ')')
		e = collapse(e.substr(1, e.size() - 2));
	if (e.size() < 3 || e[0] != '-')
		return false;
	e = collapse(e.substr(1));
	if (e.size() < 2 || e[0] != 'E')
		return false;
	for (i = 0; i < e.size(); i++)
		if (!ISUPPER(e[i]) && !ISDIGIT(e[i]) && e[i] != '_')
			return false;
	return true;
}

/* The source return a GIMPLE return value store belongs to. */
static const gl_srcret *match_return(gl_fn &fn, location_t loc)
{
	expanded_location x = gl_expand(loc);
	const gl_srcret *best = NULL;

	for (const gl_srcret &r : fn.srcrets)
		if (r.mline == x.line && r.mcol == x.column)
			return &r;
	for (const gl_srcret &r : fn.srcrets) {
		if (r.mline != x.line)
			continue;
		if (r.mcol <= x.column && (!best || r.mcol > best->mcol))
			best = &r;
	}
	if (best)
		return best;
	for (const gl_srcret &r : fn.srcrets)
		if (r.line == x.line)
			return &r;
	return NULL;
}

/*
 * A carrier: a function without a gather parameter that loads the gather
 * from a member of a pointer parameter into a local
 * ("struct iommu_iotlb_gather *g = p->gather;").  Returns that parameter
 * (the first one) and adds the locals to *LOCALS.
 */
static tree carrier_param(function *fun, std::set<tree> *locals)
{
	basic_block bb;
	tree param = NULL_TREE;

	FOR_EACH_BB_FN(bb, fun) {
		gimple_stmt_iterator gsi;

		for (gsi = gsi_start_bb(bb); !gsi_end_p(gsi); gsi_next(&gsi)) {
			gimple *s = gsi_stmt(gsi);
			tree l, r, base;

			if (!is_gimple_assign(s) || !gimple_assign_single_p(s))
				continue;
			l = gimple_assign_lhs(s);
			r = gimple_assign_rhs1(s);
			if (TREE_CODE(l) != VAR_DECL || !is_gather_ptr(TREE_TYPE(l)) ||
			    TREE_CODE(r) != COMPONENT_REF)
				continue;
			base = TREE_OPERAND(r, 0);
			if (TREE_CODE(base) != MEM_REF && TREE_CODE(base) != INDIRECT_REF)
				continue;
			base = strip_conv(TREE_OPERAND(base, 0));
			if (!base || TREE_CODE(base) != PARM_DECL ||
			    !POINTER_TYPE_P(TREE_TYPE(base)))
				continue;
			if (!param)
				param = base;
			if (base == param && locals)
				locals->insert(l);
		}
	}
	return param;
}

/*
 * Locals that hold the gather in a member ("args.pending.gather = g;",
 * also what the initialiser "{ .pending.gather = g }" becomes): passing
 * their address passes the gather.
 */
static void find_gstructs(fn_analysis &fa, function *fun)
{
	basic_block bb;

	FOR_EACH_BB_FN(bb, fun) {
		gimple_stmt_iterator gsi;

		for (gsi = gsi_start_bb(bb); !gsi_end_p(gsi); gsi_next(&gsi)) {
			gimple *s = gsi_stmt(gsi);
			tree l;

			if (!is_gimple_assign(s) || !gimple_assign_single_p(s) ||
			    !is_gvar(fa, gimple_assign_rhs1(s)))
				continue;
			l = gimple_assign_lhs(s);
			if (TREE_CODE(l) != COMPONENT_REF)
				continue;
			while (TREE_CODE(l) == COMPONENT_REF)
				l = TREE_OPERAND(l, 0);
			if (TREE_CODE(l) == VAR_DECL && !TREE_STATIC(l) &&
			    !DECL_EXTERNAL(l))
				fa.gstructs.insert(l);
		}
	}
}

/* Is parameter P stored to in FUN?  (then its value at a return is not
 * the one the caller passed) */
static bool parm_stored(function *fun, tree p)
{
	basic_block bb;

	FOR_EACH_BB_FN(bb, fun) {
		gimple_stmt_iterator gsi;

		for (gsi = gsi_start_bb(bb); !gsi_end_p(gsi); gsi_next(&gsi)) {
			gimple *s = gsi_stmt(gsi);
			tree l = is_gimple_assign(s) ? gimple_assign_lhs(s) :
				 is_gimple_call(s) ? gimple_call_lhs(s) : NULL_TREE;

			if (l == p)
				return true;
		}
	}
	return false;
}

/* The summary of FUN (see struct gl_summary), from its solved paths. */
static void summarise(fn_analysis &fa, function *fun,
		      std::map<basic_block, pstate> &sol, gl_fn &fn)
{
	gl_summary sm;
	std::vector<tree> parms;
	std::vector<int> pv;

	for (tree p = DECL_ARGUMENTS(fun->decl); p; p = DECL_CHAIN(p)) {
		parms.push_back(p);
		pv.push_back(fa.vidx.count(p) && !parm_stored(fun, p) ?
			     fa.vidx[p] : -1);
	}
	/* flush (functions without the gather: a cover is a flush there) */
	if (fa.gvars.empty()) {
		pstate ex;
		edge e;
		edge_iterator ei;
		std::vector<envkey> unc;
		bool flushes = false;

		FOR_EACH_EDGE(e, ei, EXIT_BLOCK_PTR_FOR_FN(fun)->preds) {
			pstate o;

			if (!sol.count(e->src))
				continue;
			o = sol[e->src];
			transfer_bb(fa, e->src, o, -1);
			if (take_edge(fa, e, o))
				join_into(ex, o, fa.keep);
		}
		for (auto &kv : ex.m) {
			flushes = flushes || kv.second.covered;
			if (!kv.second.cl.empty())
				unc.push_back(kv.first);
		}
		if (flushes && unc.empty())
			sm.flush_always = true;
		for (size_t i = 0; flushes && !unc.empty() && i < parms.size() &&
				   sm.flush_param < 0; i++) {
			bool all0 = pv[i] >= 0, all1 = pv[i] >= 0;

			for (envkey k : unc) {
				all0 = all0 && env_val(k, pv[i]) == 0;
				all1 = all1 && env_val(k, pv[i]) == 1;
			}
			/* the paths that do not flush all have it nonzero:
			 * it flushes when it is 0 */
			if (all1 || all0) {
				sm.flush_param = (int)i;
				sm.flush_zero = all1;
			}
		}
	}
	/* zero: every return is 0 when one parameter is */
	for (size_t i = 0; fn.retkind != "void" && i < parms.size() &&
			   sm.zero_param < 0; i++) {
		bool ok = pv[i] >= 0, reached = false;

		for (retsite &r : fa.rets) {
			pstate st;

			if (!ok || !sol.count(r.bb))
				continue;
			st = sol[r.bb];
			transfer_bb(fa, r.bb, st, r.ev_index);
			for (auto &kv : st.m) {
				if (env_val(kv.first, pv[i]) == 1)
					continue;
				reached = true;
				if (eval_stmt(fa, r.stmt, env_set(kv.first, pv[i], 0),
					      0) != 0)
					ok = false;
			}
		}
		if (ok && reached)
			sm.zero_param = (int)i;
	}
	if (opt_debug)
		fprintf(stderr, "gatherlint: summary %s: flush %d param %d zero %d, returns 0 with param %d\n",
			fn.name.c_str(), sm.flush_always, sm.flush_param,
			sm.flush_zero, sm.zero_param);
	if (sm.flush_always || sm.flush_param >= 0 || sm.zero_param >= 0)
		summaries[fn.name] = sm;
}

/*
 * Worth a summary (a function without the gather): it calls a flush or a
 * summarised callee, or it returns a value computed from a parameter.
 */
static bool worth_summary(function *fun)
{
	basic_block bb;
	bool value = TREE_CODE(TREE_TYPE(TREE_TYPE(fun->decl))) != VOID_TYPE;
	std::map<tree, tree> tf;	/* temp -> the member it holds */

	FOR_EACH_BB_FN(bb, fun) {
		gimple_stmt_iterator gsi;

		for (gsi = gsi_start_bb(bb); !gsi_end_p(gsi); gsi_next(&gsi)) {
			gimple *s = gsi_stmt(gsi);

			if (is_gimple_assign(s) && gimple_assign_single_p(s) &&
			    TREE_CODE(gimple_assign_rhs1(s)) == COMPONENT_REF)
				tf[gimple_assign_lhs(s)] =
					TREE_OPERAND(gimple_assign_rhs1(s), 1);
			if (is_gimple_call(s)) {
				tree fd = gl_call_fndecl(s);
				tree fn = strip_conv(gimple_call_fn(s));
				const char *k = fd && DECL_NAME(fd) ?
					api_kind(decl_name(fd), NULL) : NULL;

				if (fn && TREE_CODE(fn) == COMPONENT_REF)
					fn = TREE_OPERAND(fn, 1);
				else if (fn && tf.count(fn))
					fn = tf[fn];
				else
					fn = NULL_TREE;
				if ((k && !strcmp(k, "flush")) || summary_of(fd) ||
				    (fn && api_is(decl_name(fn), "flushcb", NULL)) ||
				    member_call_at.count(LOCATION_LOCUS(
					    gimple_location(s))))
					return true;
			} else if (value && is_gimple_assign(s)) {
				for (unsigned i = 1; i < gimple_num_ops(s); i++)
					if (strip_conv(gimple_op(s, i)) &&
					    TREE_CODE(strip_conv(gimple_op(s, i))) ==
						    PARM_DECL)
						return true;
			}
		}
	}
	return false;
}

static void analyse_function(function *fun, bool summary_only)
{
	tree fndecl = fun->decl;
	gl_fn &fn = get_fn(fndecl);
	fn_analysis fa;
	basic_block bb;
	std::map<basic_block, pstate> sol;

	if (!summary_only)
		fn.analysed = true;
	fa.gather = gather_param(fndecl);
	fa.retvar = NULL_TREE;
	fa.failed = false;
	fa.rangestore = false;
	if (fa.gather) {
		fa.gvars.insert(fa.gather);
	} else {
		/* a carrier: its gather is the local it loads; GATHER names
		 * the parameter that carries it (SPEC 2 Fill) */
		tree cp = carrier_param(fun, &fa.gvars);

		if (cp) {
			fa.gvars.insert(cp);
			fn.gather = decl_name(cp);
			fn.has_gather = true;
		}
	}
	/* local aliases of the gather: "g = gather;" (and aliases of those) */
	for (bool more = !fa.gvars.empty(); more;) {
		more = false;
		FOR_EACH_BB_FN(bb, fun) {
			gimple_stmt_iterator gsi;

			for (gsi = gsi_start_bb(bb); !gsi_end_p(gsi);
			     gsi_next(&gsi)) {
				gimple *s = gsi_stmt(gsi);
				tree l;

				if (!is_gimple_assign(s) ||
				    !(gimple_assign_single_p(s) ||
				      CONVERT_EXPR_CODE_P(gimple_assign_rhs_code(s))))
					continue;
				l = gimple_assign_lhs(s);
				if (TREE_CODE(l) == VAR_DECL && !fa.gvars.count(l) &&
				    is_gather_ptr(TREE_TYPE(l)) &&
				    is_gvar(fa, gimple_assign_rhs1(s))) {
					fa.gvars.insert(l);
					more = true;
				}
			}
		}
	}

	find_gstructs(fa, fun);

	/* temps holding a struct member (for indirect calls); the return
	 * value variable */
	FOR_EACH_BB_FN(bb, fun) {
		gimple_stmt_iterator gsi;

		for (gsi = gsi_start_bb(bb); !gsi_end_p(gsi); gsi_next(&gsi)) {
			gimple *s = gsi_stmt(gsi);

			if (is_gimple_assign(s) &&
			    gimple_assign_single_p(s) &&
			    TREE_CODE(gimple_assign_rhs1(s)) == COMPONENT_REF)
				fa.temp_field[gimple_assign_lhs(s)] =
					TREE_OPERAND(gimple_assign_rhs1(s), 1);
			if (is_gimple_assign(s) && gimple_assign_single_p(s) &&
			    is_func_temp(gimple_assign_lhs(s))) {
				tree v = strip_conv(gimple_assign_rhs1(s));

				if (v && TREE_CODE(v) == ADDR_EXPR)
					v = TREE_OPERAND(v, 0);
				if (v && TREE_CODE(v) == FUNCTION_DECL)
					fa.temp_func[gimple_assign_lhs(s)] = v;
			}
			if (gimple_code(s) == GIMPLE_RETURN &&
			    gimple_return_retval(as_a<greturn *>(s)))
				fa.retvar = gimple_return_retval(
						as_a<greturn *>(s));
		}
	}
	/* the range grown by hand: a non-constant store to g->start/end */
	FOR_EACH_BB_FN(bb, fun) {
		gimple_stmt_iterator gsi;

		for (gsi = gsi_start_bb(bb); !gsi_end_p(gsi); gsi_next(&gsi)) {
			gimple *s = gsi_stmt(gsi);

			if (is_gimple_assign(s) && gimple_assign_single_p(s) &&
			    gather_range_ref(fa, gimple_assign_lhs(s)) &&
			    TREE_CODE(gimple_assign_rhs1(s)) != INTEGER_CST)
				fa.rangestore = true;
		}
	}
	find_queued(fa, fun);
	find_null_tests(fa, fun);
	find_tracked(fa, fun);
	find_value_tests(fa, fun);

	/* events */
	FOR_EACH_BB_FN(bb, fun) {
		gimple_stmt_iterator gsi;
		std::vector<event> &ev = fa.events[bb];

		for (gsi = gsi_start_bb(bb); !gsi_end_p(gsi); gsi_next(&gsi)) {
			gimple *s = gsi_stmt(gsi);
			tree lhs = NULL_TREE;

			if (is_gimple_call(s)) {
				call_events(fa, s, ev);
				lhs = gimple_call_lhs(s);
			} else if (is_gimple_assign(s)) {
				lhs = gimple_assign_lhs(s);
				if (fa.rangestore &&
				    (gather_range_ref(fa, lhs) ||
				     gather_range_ref(fa, gimple_assign_rhs1(s)))) {
					event e;

					e.kind = EV_COVER;
					e.atom = -1;
					e.var = -1;
					e.inc = false;
					e.stmt = NULL;
					ev.push_back(e);
				}
			}
			if (lhs && fa.retvar && lhs == fa.retvar) {
				retsite r;

				r.bb = bb;
				r.ev_index = (int)ev.size();
				r.loc = gimple_location(s);
				r.stmt = s;
				r.is_call = is_gimple_call(s);
				r.rhs = NULL_TREE;
				if (is_gimple_assign(s) &&
				    (gimple_assign_single_p(s) ||
				     CONVERT_EXPR_CODE_P(
					gimple_assign_rhs_code(s))))
					r.rhs = strip_conv(
						gimple_assign_rhs1(s));
				fa.rets.push_back(r);
				continue;
			}
			if (lhs && fa.vidx.count(lhs)) {
				event e;

				e.kind = EV_DEF;
				e.atom = -1;
				e.var = fa.vidx[lhs];
				e.stmt = s;
				e.inc = is_gimple_assign(s) &&
					gimple_assign_rhs_code(s) == PLUS_EXPR &&
					gimple_assign_rhs1(s) == lhs &&
					TREE_CODE(gimple_assign_rhs2(s)) == INTEGER_CST &&
					tree_int_cst_sgn(gimple_assign_rhs2(s)) > 0;
				ev.push_back(e);
			}
		}
	}

	if (!solve(fa, fun, sol))
		fa.failed = true;
	if (fa.failed) {
		if (!summary_only)
			fn.incomplete = "the path analysis did not converge";
		return;
	}
	summarise(fa, fun, sol, fn);
	if (summary_only)
		return;

	/*
	 * Several value stores may belong to one source return (a ?: pushed
	 * into its branches by the gimplifier): merge them.
	 */
	struct mret {
		gl_ret out;
		bool reached, nonzero;
		std::set<clause> cl;
		std::set<std::string> unread;
	};
	std::vector<mret> merged;
	std::map<std::pair<int, int>, size_t> slot;

	for (retsite &r : fa.rets) {
		const gl_srcret *src = match_return(fn, r.loc);
		gl_srcret fb;
		int el = 0, ec = 0, xl, xc, xel, xec;
		pstate st;
		size_t k;

		if (!src) {
			/* no RETURN_EXPR matched: the store's own location */
			expanded_location x = gl_expand(r.loc);

			if (!x.file || main_file != x.file)
				continue;
			fb.loc = r.loc;
			fb.line = fb.mline = x.line;
			fb.col = fb.mcol = x.column;
			fb.in_macro = false;
			if (find_return_kw(x.line, x.column, &fb.tline,
					   &fb.tcol)) {
				fb.line = fb.tline;
				fb.col = fb.tcol;
			} else {
				fb.tline = fb.tcol = 0;
			}
			src = &fb;
		}
		if (!slot.count(std::make_pair(src->line, src->col))) {
			mret m;

			m.out.line = src->line;
			m.out.col = src->col;
			m.out.loc = src->loc;
			m.out.in_macro = src->in_macro;
			m.out.expr = "";
			if (src->tline)
				return_text(src->tline, src->tcol, &m.out.expr,
					    &el, &ec, &xl, &xc, &xel, &xec);
			if (m.out.expr.empty())
				m.out.expr = "-";
			m.reached = false;
			m.nonzero = false;
			slot[std::make_pair(src->line, src->col)] =
				merged.size();
			merged.push_back(m);
		}
		k = slot[std::make_pair(src->line, src->col)];
		if (!sol.count(r.bb))
			continue;	/* unreachable */
		st = sol[r.bb];
		transfer_bb(fa, r.bb, st, r.ev_index);
		merged[k].reached = true;
		/* the paths on which the value returned is not 0 */
		for (auto &kv : st.m) {
			if (eval_stmt(fa, r.stmt, kv.first, 0) == 0)
				continue;
			merged[k].nonzero = true;
			merged[k].cl.insert(kv.second.cl.begin(),
					    kv.second.cl.end());
			if (kv.second.cl.empty() || fa.unread.empty() ||
			    !is_gimple_assign(r.stmt))
				continue;
			{
				std::vector<tree> vs;

				for (unsigned i = 1; i < gimple_num_ops(r.stmt); i++)
					value_vars(fa, gimple_op(r.stmt, i), vs, 0);
				for (tree v : vs)
					if (fa.vidx.count(v) &&
					    fa.unread.count(fa.vidx[v]) &&
					    env_val(kv.first, fa.vidx[v]) < 0)
						merged[k].unread.insert(decl_name(v));
			}
		}
	}
	for (mret &m : merged) {
		if (!m.reached)
			continue;
		if (is_errno_text(m.out.expr)) {
			m.out.cls = "errno";
			m.out.cover = "fill";
		} else if (!m.nonzero) {
			m.out.cls = "zero";
			m.out.cover = "fill";
		} else {
			minimise(m.cl);
			m.out.cls = "nonzero";
			m.out.cover = cover_string(fa, m.cl);
			for (const std::string &u : m.unread)
				m.out.unread += (m.out.unread.empty() ? "" : ",") + u;
		}
		fn.rets.push_back(m.out);
	}

	if (fn.retkind == "void") {
		pstate ex;
		edge e;
		edge_iterator ei;
		basic_block exit = EXIT_BLOCK_PTR_FOR_FN(fun);
		std::set<clause> all;
		gl_ret out;

		FOR_EACH_EDGE(e, ei, exit->preds) {
			pstate o;

			if (!sol.count(e->src))
				continue;
			o = sol[e->src];
			transfer_bb(fa, e->src, o, -1);
			if (take_edge(fa, e, o))
				join_into(ex, o, fa.keep);
		}
		for (auto &kv : ex.m)
			all.insert(kv.second.cl.begin(), kv.second.cl.end());
		minimise(all);
		out.line = fn.endline ? fn.endline : fn.line;
		out.col = fn.endline ? fn.endcol : 1;
		out.cls = "nonzero";
		out.cover = cover_string(fa, all);
		out.expr = "-";
		out.loc = UNKNOWN_LOCATION;
		out.in_macro = false;
		fn.rets.push_back(out);
	}
}

static const pass_data gatherlint_pass_data = {
	GIMPLE_PASS,		/* type */
	"gatherlint",		/* name */
	OPTGROUP_NONE,		/* optinfo_flags */
	TV_NONE,		/* tv_id */
	PROP_cfg,		/* properties_required */
	0,			/* properties_provided */
	0,			/* properties_destroyed */
	0,			/* todo_flags_start */
	0,			/* todo_flags_finish */
};

class gatherlint_pass : public gimple_opt_pass {
public:
	GL_PASS_CTOR(gatherlint_pass, gatherlint_pass_data)

	opt_pass *clone() final override
	{
		return new gatherlint_pass(m_ctxt);
	}

	bool gate(function *fun) final override
	{
		return fun && fun->decl &&
		       in_main_file(DECL_SOURCE_LOCATION(fun->decl));
	}

	unsigned int execute(function *fun) final override
	{
		tree fndecl = fun->decl;

		if (gather_param(fndecl) || carrier_param(fun, NULL))
			analyse_function(fun, false);
		else if (worth_summary(fun))
			analyse_function(fun, true);
		return 0;
	}
};

/* ------------------------------------------------------------------ */
/* Fix-it hints (fixlist=FILE)                                        */

struct fixreq {
	std::string func, gather, iova;
	int line;
};

static std::vector<fixreq> fixreqs;

static void load_fixlist(void)
{
	FILE *f;
	char buf[4096];

	if (!opt_fixlist)
		return;
	f = fopen(opt_fixlist, "r");
	if (!f) {
		error("gatherlint: cannot read fixlist %s", opt_fixlist);
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
		if (fl.size() < 6 || fl[0] != "X" || fl[1] != main_file)
			continue;
		fixreq r;
		r.line = atoi(fl[2].c_str());
		r.func = fl[3];
		r.gather = fl[4];
		r.iova = fl[5];
		fixreqs.push_back(r);
	}
	fclose(f);
}

/* A location for (line, col) of the main file, or UNKNOWN_LOCATION. */
static location_t loc_at(int line, int col)
{
	location_t base = UNKNOWN_LOCATION;
	const line_map_ordinary *map;
	location_t loc;
	expanded_location x;

	auto it = known_locs.upper_bound(line);

	if (it != known_locs.begin()) {
		--it;
		base = it->second;
	} else if (!known_locs.empty()) {
		base = known_locs.begin()->second;
	}
	if (base == UNKNOWN_LOCATION)
		return UNKNOWN_LOCATION;
	map = linemap_check_ordinary(linemap_lookup(line_table, base));
	if (line < (int)ORDINARY_MAP_STARTING_LINE_NUMBER(map))
		return UNKNOWN_LOCATION;
	loc = linemap_position_for_line_and_column(line_table, map, line, col);
	x = expand_location(loc);
	if (x.line != line || x.column != col || !x.file ||
	    main_file != x.file)
		return UNKNOWN_LOCATION;
	return loc;
}

/* Where a diagnostic about return R points: its "return" keyword. */
static location_t ret_loc(const gl_ret &r)
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

static bool has_side_effects(const std::string &e)
{
	return e.find('(') != std::string::npos ||
	       e.find('=') != std::string::npos ||
	       e.find("++") != std::string::npos ||
	       e.find("--") != std::string::npos;
}

/*
 * While (*l, *c) is before the start of its line, step back to the end of
 * the previous line (to its // comment with @cut_comment); false at the top.
 */
static bool back_to_line_end(int *l, int *c, bool cut_comment)
{
	while (*c < 1) {
		size_t cpos;

		if (--*l < 1)
			return false;
		*c = (int)src_lines[*l].size();
		cpos = cut_comment ? src_lines[*l].find("//") : std::string::npos;
		if (cpos != std::string::npos)
			*c = (int)cpos;	/* a // comment ends the line */
	}
	return true;
}

/* The token before (line, col), skipping blanks and comments. */
static bool prev_token(int line, int col, int *pl, int *pc, std::string *word)
{
	int l = line, c = col - 1;

	for (;;) {
		if (!back_to_line_end(&l, &c, true))
			return false;
		char ch = src_at(l, c);

		if (ch == ' ' || ch == '\t') {
			c--;
			continue;
		}
		if (ch == '/' && c > 1 && src_at(l, c - 1) == '*') {
			/* skip back over a block comment */
			c -= 2;
			for (;;) {
				if (!back_to_line_end(&l, &c, false))
					return false;
				if (src_at(l, c) == '*' && c > 1 &&
				    src_at(l, c - 1) == '/') {
					c -= 2;
					break;
				}
				c--;
			}
			continue;
		}
		*pl = l;
		*pc = c;
		word->clear();
		if (ISALNUM(ch) || ch == '_') {
			int s = c;

			while (s > 1 && (ISALNUM(src_at(l, s - 1)) ||
					 src_at(l, s - 1) == '_'))
				s--;
			*word = src_lines[l].substr(s - 1, c - s + 1);
		} else {
			*word = std::string(1, ch);
		}
		return true;
	}
}

/* The line holding the opening brace of the function body. */
static int body_open_line(gl_fn &fn)
{
	int l = fn.line, depth = 0;
	bool seen_paren = false;

	for (; l < (int)src_lines.size(); l++) {
		const std::string &s = src_lines[l];

		for (size_t i = 0; i < s.size(); i++) {
			if (s[i] == '(') {
				depth++;
				seen_paren = true;
			} else if (s[i] == ')') {
				depth--;
			} else if (s[i] == '{' && depth == 0 && seen_paren) {
				return l;
			}
		}
	}
	return 0;
}

static std::string trim(const std::string &s)
{
	size_t a = s.find_first_not_of(" \t"), b = s.find_last_not_of(" \t");

	return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

/*
 * Does the body of FN (its brace on line BL) open with a declaration?  The
 * first line after the brace that is not blank or a comment.
 */
static bool opens_with_decl(const gl_fn &fn, int bl)
{
	for (int l = bl + 1; l < (int)src_lines.size(); l++) {
		std::string t = trim(src_lines[l]);

		if (t.empty() || t.compare(0, 2, "/*") == 0 ||
		    t.compare(0, 2, "//") == 0 || t[0] == '*')
			continue;
		return fn.top_decl_lines.count(l) > 0;
	}
	return false;
}

/*
 * "C ? 0 : E" at the top level of a return value (E without side effects:
 * C may have them, it is still evaluated once): the zero branch must not
 * add a range, so the fix returns 0 first and fills for E.
 */
static bool split_cond_zero(const std::string &e, std::string *c,
			    std::string *v)
{
	size_t q = std::string::npos, colon = std::string::npos;
	int depth = 0;

	for (size_t i = 0; i < e.size() && colon == std::string::npos; i++) {
		if (e[i] == '(' || e[i] == '[')
			depth++;
		else if (e[i] == ')' || e[i] == ']')
			depth--;
		else if (depth == 0 && e[i] == '?' && q == std::string::npos)
			q = i;
		else if (depth == 0 && e[i] == ':' && q != std::string::npos)
			colon = i;
	}
	if (colon == std::string::npos ||
	    trim(e.substr(q + 1, colon - q - 1)) != "0")
		return false;
	*c = trim(e.substr(0, q));
	*v = trim(e.substr(colon + 1));
	return !c->empty() && !v->empty();
}

static void apply_fix(gl_fn &fn, gl_ret &r, const fixreq &req)
{
	std::string expr, indent, outer, lv, iv, tail, cond, val, size;
	int el, ec, xl, xc, xel, xec, pl, pc;
	std::string word;
	bool unbraced = false, local, czero;
	const std::string &line = src_lines[r.line];

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

static void apply_fixes(void)
{
	load_source();
	for (const fixreq &req : fixreqs) {
		auto it = fns.find(req.func);

		if (it == fns.end())
			continue;
		for (gl_ret &r : it->second.rets) {
			if (r.line != req.line || r.expr == "-")
				continue;
			apply_fix(it->second, r, req);
			break;
		}
	}
}

/* ------------------------------------------------------------------ */
/* Standalone decision (no db=): what this unit decides alone          */

/* what a decision took on trust from other units (see standalone()) */
static std::set<std::string> gl_assumed;	/* functions of other units */
static bool gl_assumed_fmt;			/* a format's unmap */

static bool atom_true(const std::string &a, std::map<std::string, bool> &fl)
{
	if (a == "tlbadd" || a == "fmt") {
		int n = 0;

		for (const std::string &id : ops_order) {
			gl_ops &o = ops_objs[id];
			std::string f;

			if (o.type != "iommu_flush_ops")
				continue;
			n++;
			f = o.fields.count("tlb_add_page") ?
			    o.fields["tlb_add_page"] : "NULL";
			if (f == "NULL" || f == "-")
				return false;
			if (fns.count(f) && !fl[f])
				return false;
		}
		if (n > 0 && a == "fmt")
			gl_assumed_fmt = true;
		return n > 0;
	}
	if (a.compare(0, 5, "call:") == 0) {
		std::string n = a.substr(5);

		if (!fns.count(n) || !fns[n].has_gather) {
			if (!fns.count(n))
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
			  !strcmp(opt_core, "exposed") ?
			  "this core skips .iotlb_sync for an empty gather: "
			  "the IOTLB flush is lost" :
			  !strcmp(opt_core, "protected") ?
			  "this core back-fills an empty gather, "
			  "so .iotlb_sync still runs" :
			  !strcmp(opt_core, "latent") ?
			  "this core still calls .iotlb_sync, but a core that "
			  "skips empty gathers loses the flush" :
			  "a core that skips .iotlb_sync for empty gathers "
			  "(90c5def10bea) loses the flush";

	if (opt_werror && strcmp(sev, "note"))
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
		inform(f.decl ? DECL_SOURCE_LOCATION(f.decl) : input_location,
		       "gatherlint: %qs not fixed automatically: this driver "
		       "fills the gather through %<tlb_add_page%> (%<add_page%>)",
		       n.c_str());
		return;
	}
	for (const gl_ret &r : f.rets) {
		fixreq req;

		if (r.cls != "nonzero" || cover_true(r.cover, filler))
			continue;
		req.func = n;
		req.gather = f.gather;
		req.iova = f.iova;
		req.line = r.line;
		fixreqs.push_back(req);
	}
}

/*
 * An entry point this unit finds clean only by trusting what it cannot
 * see: say so, so that a clean build is not read as a verdict.
 */
static void standalone_assumed(const gl_fn &f, const std::string &n)
{
	location_t loc = f.decl ? DECL_SOURCE_LOCATION(f.decl) : input_location;

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

static void standalone(void)
{
	std::map<std::string, bool> filler;
	bool changed = true;

	for (auto &p : fns)
		filler[p.first] = p.second.has_gather;
	while (changed) {
		changed = false;
		for (auto &p : fns) {
			bool ok = true, anynz = false;

			if (!filler[p.first])
				continue;
			for (gl_ret &r : p.second.rets) {
				if (r.cls != "nonzero")
					continue;
				anynz = true;
				if (!cover_true(r.cover, filler)) {
					ok = false;
					break;
				}
			}
			if (p.second.retkind != "void" && !anynz)
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

	for (const std::string &id : ops_order) {
		gl_ops &o = ops_objs[id];
		bool entry_ops = o.type == "iommu_domain_ops" ||
				 o.type == "iommu_ops";

		for (auto &f : o.fields) {
			bool sync;

			if (!fns.count(f.second))
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
		std::string state = opt_core;
		bool sync = entries[n];

		gl_assumed.clear();
		gl_assumed_fmt = false;
		for (gl_ret &r : fns[n].rets)
			if (r.cls == "nonzero" &&
			    !cover_true(r.cover, filler) &&
			    (!first || r.line < first->line))
				first = &r;
		if (first)
			standalone_report(ret_loc(*first), n,
					  !sync ? "note" :
					  state == "exposed" ? "error" :
					  state == "protected" ? "note" :
					  "warning", sync);
		if (first && opt_fix && sync && state != "protected")
			standalone_fix(fns[n], n, filler);
		else if (!gl_assumed.empty() || gl_assumed_fmt)
			standalone_assumed(fns[n], n);
	}
	for (const std::string &n : formats) {
		const gl_ret *first = NULL;

		if (entries.count(n))
			continue;
		for (gl_ret &r : fns[n].rets)
			if (r.cls == "nonzero" &&
			    !cover_true(r.cover, filler) &&
			    (!first || r.line < first->line))
				first = &r;
		if (first && !opt_werror)
			inform(ret_loc(*first), "format unmap %qs never fills "
			       "the iotlb gather by itself; its drivers must "
			       "fill it [pgtable-gather-unfilled]", n.c_str());
	}
	for (auto &p : fns) {
		if (!entries.count(p.first) && !formats.count(p.first))
			continue;
		if (p.second.retkind != "size")
			continue;
		for (gl_ret &r : p.second.rets) {
			if (r.cls != "errno")
				continue;
			if (opt_werror)
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

static std::string render_facts(void)
{
	std::string out;

	/* fn lines: gather functions, and functions named by ops */
	for (const std::string &n : fn_order) {
		gl_fn &f = fns[n];

		if (!f.has_gather && !ops_funcs.count(n))
			continue;
		/* never lowered: unreachable code (an unused static) */
		if (f.has_gather && !f.analysed)
			continue;
		out += "fn\t" + main_file + "\t" + itos(f.line) + "\t" + n +
		       "\t" + f.retkind + "\t" + f.gather + "\t" + f.iova +
		       "\t" + f.linkage + "\n";
		if (!f.incomplete.empty())
			out += "incomplete\t" + main_file + "\t" +
			       itos(f.line) + "\t" + n + "\t" + f.incomplete +
			       "\n";
		for (const gl_ret &r : f.rets)
			out += "ret\t" + main_file + "\t" + itos(r.line) +
			       "\t" + itos(r.col) + "\t" + n + "\t" + r.cls +
			       "\t" + r.cover + "\t" + r.expr + "\t" +
			       (r.unread.empty() ? "-" : r.unread) + "\n";
	}
	for (const std::string &f : facts)
		out += f + "\n";
	return out;
}

static void write_db(const std::string &text)
{
	std::string base = main_file, tmp, dst;
	FILE *f;
	char suffix[64];

	for (char &c : base)
		if (c == '/')
			c = '+';
	snprintf(suffix, sizeof(suffix), ".%ld.%ld", (long)getpid(),
		 (long)time(NULL));
	dst = std::string(opt_db) + "/" + base + suffix + ".facts";
	tmp = std::string(opt_db) + "/." + base + suffix + ".tmp";
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

static void gl_finish(void * /* gcc_data */, void * /* user_data */)
{
	std::string facts_text, text;

	/* a unit with errors: the engine reports it as "incomplete" */
	if (seen_error())
		return;
	facts_text = render_facts();
	text = "# gatherlint facts of " + main_file + "\n" + facts_text;
	if (opt_debug)
		fputs(text.c_str(), stderr);
	if (opt_fixlist) {
		load_fixlist();
		apply_fixes();
	}
	if (opt_db) {
		if (!facts_text.empty())
			write_db(text);
	} else if (!opt_fixlist) {
		standalone();
		if (opt_fix)
			apply_fixes();
	}
}

/* ------------------------------------------------------------------ */
/* Registration                                                        */

/* the --target= of a compiler's configuration, "" when none */
static std::string config_target(const char *args)
{
	const char *t = args ? strstr(args, "--target=") : NULL;

	if (!t)
		return "";
	t += strlen("--target=");
	return std::string(t, strcspn(t, " "));
}

int plugin_init(struct plugin_name_args *info,
		struct plugin_gcc_version *version)
{
	struct register_pass_info pass_info;
	int i;

	if (!plugin_default_version_check(version, &gcc_version)) {
		/* a cross compiler of the same release differs by target */
		error("%<gatherlint_plugin%>: built for GCC %s %s, loaded by "
		      "GCC %s %s: build it for this compiler", gcc_version.basever,
		      config_target(gcc_version.configuration_arguments).c_str(),
		      version->basever,
		      config_target(version->configuration_arguments).c_str());
		return 1;
	}
	for (i = 0; i < info->argc; i++) {
		const char *k = info->argv[i].key;
		const char *v = info->argv[i].value;

		if (!strcmp(k, "db") && v)
			opt_db = v;
		else if (!strcmp(k, "fixlist") && v)
			opt_fixlist = v;
		else if (!strcmp(k, "fix"))
			opt_fix = true;
		else if (!strcmp(k, "core") && v) {
			if (strcmp(v, "latent") && strcmp(v, "exposed") &&
			    strcmp(v, "protected") && strcmp(v, "unknown"))
				error("%<gatherlint_plugin%>: core=%qs: not "
				      "latent, exposed, protected or unknown", v);
			opt_core = v;
		} else if (!strcmp(k, "werror"))
			opt_werror = true;
		else if (!strcmp(k, "debug"))
			opt_debug = true;
		else
			error("%<gatherlint_plugin%>: unknown argument %qs", k);
	}
	if (opt_db) {
		struct stat st;

		/* created on first use; parallel units may race on it */
		if (stat(opt_db, &st) != 0)
			mkdir(opt_db, 0777);
		if (stat(opt_db, &st) != 0 || !S_ISDIR(st.st_mode))
			error("%<gatherlint_plugin%>: %<db=%s%> is not a "
			      "directory", opt_db);
	}
	main_file = main_input_filename ? main_input_filename : "";

	register_callback(info->base_name, PLUGIN_INFO, NULL,
			  &gatherlint_plugin_info);
	register_callback(info->base_name, PLUGIN_FINISH_TYPE, gl_finish_type,
			  NULL);
	register_callback(info->base_name, PLUGIN_FINISH_DECL, gl_finish_decl,
			  NULL);
	register_callback(info->base_name, PLUGIN_PRE_GENERICIZE,
			  gl_pre_genericize, NULL);
	register_callback(info->base_name, PLUGIN_FINISH, gl_finish, NULL);

	/*
	 * With the CFG, before SSA and any inlining: first of the passes that
	 * build SSA, which run on the functions of the unit callees first
	 * (do_per_function_toporder), so that a caller sees the summaries of
	 * its callees (struct gl_summary).
	 */
	pass_info.pass = new gatherlint_pass(g);
	pass_info.reference_pass_name = "ssa";
	pass_info.ref_pass_instance_number = 1;
	pass_info.pos_op = PASS_POS_INSERT_BEFORE;
	register_callback(info->base_name, PLUGIN_PASS_MANAGER_SETUP, NULL,
			  &pass_info);
	return 0;
}
