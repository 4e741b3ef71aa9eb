// SPDX-License-Identifier: GPL-2.0
/*
 * unit.c - the unit's state, locations, the gather API vocabulary as kinds,
 * the types of the facts and the functions of the unit.
 */
#include "gl-plugin.h"

#include "gather_api.h"

gl_options gl_opt = { NULL, NULL, "unknown", false, false, false };
gl_unit unit;
/* ------------------------------------------------------------------ */
/* The gather API (lib/gather-api.txt) by name, its kinds as enums      */

struct gl_api_info {
	gl_api_kind kind;
	int arg;	/* the gather argument, -1: none */
};

static std::map<std::string, gl_api_info> api_by_name;

/* The one place a kind of gather_api.h is read by its name. */
static gl_api_kind kind_named(const char *k)
{
	static const struct { const char *name; gl_api_kind kind; } kinds[] = {
		{ "fill", GL_API_FILL }, { "flush", GL_API_FLUSH },
		{ "flushcb", GL_API_FLUSHCB }, { "queued", GL_API_QUEUED },
		{ "tlbadd", GL_API_TLBADD }, { "tlbaddcb", GL_API_TLBADDCB },
		{ "fmtalloc", GL_API_FMTALLOC }, { "keyword", GL_API_KEYWORD },
	};

	for (const auto &k2 : kinds)
		if (!strcmp(k2.name, k))
			return k2.kind;
	return GL_API_NONE;
}

void gl_api_init(void)
{
	const struct gatherlint_api_entry *e;

	for (e = gatherlint_api; e->kind; e++) {
		gl_api_info i = { kind_named(e->kind), e->gather_arg };

		if (i.kind != GL_API_KEYWORD && !api_by_name.count(e->name))
			api_by_name[e->name] = i;
	}
}

/* The kind of function or member NAME (and its gather argument). */
gl_api_kind api_kind(const char *name, int *arg)
{
	auto it = api_by_name.find(name);

	if (it == api_by_name.end())
		return GL_API_NONE;
	if (arg)
		*arg = it->second.arg;
	return it->second.kind;
}

bool api_is(const char *name, gl_api_kind kind, int *arg)
{
	int a;

	if (api_kind(name, &a) != kind)
		return false;
	if (arg)
		*arg = a;
	return true;
}

const char *retkind_name(gl_retkind k)
{
	static const char *const names[] = { "size", "void", "int", "other" };

	return names[k];
}

const char *rcls_name(gl_rcls c)
{
	static const char *const names[] = { "-", "zero", "errno", "nonzero" };

	return names[c];
}

/* ------------------------------------------------------------------ */
/* Locations and facts                                                 */

std::string itos(long v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%ld", v);
	return buf;
}

void add_fact(const std::string &f)
{
	if (unit.facts_seen.insert(f).second)
		unit.facts.push_back(f);
}

expanded_location gl_expand(location_t loc)
{
	return expand_location(gl_expansion_point(loc));
}

bool in_cur_file(location_t loc)
{
	expanded_location x;

	if (loc == UNKNOWN_LOCATION)
		return false;
	x = gl_expand(loc);
	return x.file && unit.cur_file == x.file;
}

/* ------------------------------------------------------------------ */
/* Functions defined outside the main file                             */

/*
 * A function defined in a header (a template such as the generic page
 * tables, whose functions each including unit instantiates under its own
 * names) is read when it matters: it is stored in a field of an ops object
 * that the engines read (an entry point, wherever its ops object is
 * initialised), or it is called, directly or not, by such a function
 * defined in the same file.  A function of the gather API vocabulary is
 * never read: the engines model it.  The facts of such a function carry
 * its header's path; identical facts from several units are one fact for
 * the core (lib/core/facts.c keys functions by file and name).
 */

/* the raw file of a location's expansion point, "" when none */
std::string file_of(location_t loc)
{
	expanded_location x;

	if (loc == UNKNOWN_LOCATION)
		return "";
	x = gl_expand(loc);
	return x.file ? x.file : "";
}

/* RAW as facts name it: the main file as the compiler was given it, a
 * header with its "dir/../" and "./" steps taken (kbuild names headers
 * from the including file's directory: "fmt/../iommu_pt.h"). */
std::string fact_path(const std::string &raw)
{
	std::vector<std::string> parts;
	std::string out;
	size_t s = 0;
	bool abs = !raw.empty() && raw[0] == '/';

	if (raw == unit.main_file)
		return raw;
	while (s <= raw.size()) {
		size_t e = raw.find('/', s);
		std::string p;

		if (e == std::string::npos)
			e = raw.size();
		p = raw.substr(s, e - s);
		s = e + 1;
		if (p.empty() || p == ".")
			continue;
		if (p == ".." && !parts.empty() && parts.back() != "..")
			parts.pop_back();
		else
			parts.push_back(p);
	}
	for (const std::string &p : parts)
		out += (out.empty() && !abs ? "" : "/") + p;
	return out;
}

/* Read the functions of RAW now: its source text becomes src_lines. */
void set_cur_file(const std::string &raw)
{
	if (raw == unit.cur_file)
		return;
	if (unit.src_loaded)
		unit.src_cache[unit.cur_file].swap(unit.src_lines);
	unit.src_lines.clear();
	unit.cur_file = raw;
	auto it = unit.src_cache.find(raw);
	unit.src_loaded = it != unit.src_cache.end();
	if (unit.src_loaded)
		unit.src_lines.swap(it->second);
}

static bool in_vocab(tree fndecl)
{
	return api_kind(decl_name(fndecl), NULL) != GL_API_NONE;
}

/* a pointer to a struct with a gather pointer member: what a carrier takes */
static bool carrier_type(tree t)
{
	if (!t || TREE_CODE(t) != POINTER_TYPE)
		return false;
	t = TYPE_MAIN_VARIANT(TREE_TYPE(t));
	if (TREE_CODE(t) != RECORD_TYPE || !COMPLETE_TYPE_P(t))
		return false;
	for (tree f = TYPE_FIELDS(t); f; f = DECL_CHAIN(f))
		if (TREE_CODE(f) == FIELD_DECL && is_gather_ptr(TREE_TYPE(f)))
			return true;
	return false;
}

/* At PLUGIN_PRE_GENERICIZE: whether a function defined outside the main
 * file may come to matter (its body is read then or never). */
bool outside_candidate(tree fndecl)
{
	if (!DECL_NAME(fndecl) || in_vocab(fndecl))
		return false;
	if (unit.ops_funcs.count(decl_name(fndecl)) || gather_param(fndecl))
		return true;
	for (tree p = DECL_ARGUMENTS(fndecl); p; p = DECL_CHAIN(p))
		if (carrier_type(TREE_TYPE(p)))
			return true;
	return false;
}

/* The functions outside the main file that matter: the entry points (in a
 * field of an ops object) and the functions they call in their file. */
static void entry_reach(void)
{
	cgraph_node *node;
	std::vector<cgraph_node *> work;
	std::set<cgraph_node *> seen;

	unit.reach_done = true;
	FOR_EACH_DEFINED_FUNCTION(node) {
		tree d = node->decl;

		if (!DECL_NAME(d) || !unit.ops_funcs.count(decl_name(d)) ||
		    file_of(DECL_SOURCE_LOCATION(d)) == unit.main_file ||
		    in_vocab(d))
			continue;
		if (seen.insert(node).second)
			work.push_back(node);
	}
	while (!work.empty()) {
		cgraph_node *n = work.back();
		std::string file = file_of(DECL_SOURCE_LOCATION(n->decl));

		work.pop_back();
		unit.header_fns.insert(decl_name(n->decl));
		for (cgraph_edge *e = n->callees; e; e = e->next_callee) {
			tree d = e->callee->decl;

			if (!DECL_NAME(d) || in_vocab(d) ||
			    file_of(DECL_SOURCE_LOCATION(d)) != file)
				continue;
			if (seen.insert(e->callee).second)
				work.push_back(e->callee);
		}
	}
}

/* At the pass: whether FNDECL, defined outside the main file, is read. */
bool outside_wanted(tree fndecl)
{
	if (!unit.reach_done)
		entry_reach();
	return DECL_NAME(fndecl) && unit.header_fns.count(decl_name(fndecl));
}

int loc_line(location_t loc)
{
	return gl_expand(loc).line;
}

/* "file:line:column" of a location (its locus, macros unexpanded) */
std::string src_pos(location_t loc)
{
	expanded_location x = expand_location(LOCATION_LOCUS(loc));

	return std::string(x.file ? x.file : "") + ":" + itos(x.line) + ":" +
	       itos(x.column);
}

/* the member a call statement was written through, "" if none */
std::string member_call(gimple *stmt)
{
	location_t l = LOCATION_LOCUS(gimple_location(stmt));
	std::map<location_t, std::string>::iterator it;
	std::map<std::string, std::string>::iterator p;

	if (l == UNKNOWN_LOCATION)
		return "";
	it = unit.member_call_at.find(l);
	if (it != unit.member_call_at.end())
		return it->second;
	p = unit.member_call_pos.find(src_pos(l));
	return p != unit.member_call_pos.end() ? p->second : "";
}

void note_known(location_t loc)
{
	expanded_location x;

	/* lines of the main file only: fix-its and diagnostics go there */
	if (loc == UNKNOWN_LOCATION || unit.cur_file != unit.main_file ||
	    !in_cur_file(loc))
		return;
	if (linemap_location_from_macro_expansion_p(line_table, loc))
		return;
	x = expand_location(loc);
	if (!unit.known_locs.count(x.line))
		unit.known_locs[x.line] = loc;
}

std::string type_name_of(tree type)
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
std::string record_name(tree type)
{
	if (!type)
		return "";
	type = TYPE_MAIN_VARIANT(type);
	if (TREE_CODE(type) != RECORD_TYPE)
		return "";
	return type_name_of(type);
}

bool vocab_has(const char *kind, const std::string &name)
{
	return gatherlint_vocab_find(kind, name.c_str(), NULL) != NULL;
}

std::string vocab_param_ops(const std::string &name)
{
	const char *t = gatherlint_param_ops(name.c_str());

	return t ? t : "";
}

bool is_ops_type(const std::string &n)
{
	return gatherlint_vocab_find("opstype", n.c_str(), NULL) != NULL;
}

bool interesting_field(const std::string &f)
{
	return gatherlint_field_read(f.c_str()) != 0;
}

bool is_gather_ptr(tree type)
{
	return type && TREE_CODE(type) == POINTER_TYPE &&
	       record_name(TREE_TYPE(type)) == "iommu_iotlb_gather";
}

const char *decl_name(tree d)
{
	if (!d || !DECL_NAME(d))
		return "";
	return IDENTIFIER_POINTER(DECL_NAME(d));
}

static gl_retkind retkind_of(tree type)
{
	std::string tn;

	if (!type)
		return GL_RK_OTHER;
	if (TREE_CODE(type) == VOID_TYPE)
		return GL_RK_VOID;
	tn = type_name_of(type);
	if (TYPE_NAME(type) && TREE_CODE(TYPE_NAME(type)) == TYPE_DECL &&
	    DECL_ORIGINAL_TYPE(TYPE_NAME(type))) {
		if (tn == "size_t" || tn == "ssize_t" || tn == "dma_addr_t" ||
		    tn == "u64")
			return GL_RK_SIZE;
		return GL_RK_OTHER;
	}
	if (TREE_CODE(type) != INTEGER_TYPE)
		return GL_RK_OTHER;
	type = TYPE_MAIN_VARIANT(type);
	if (type == long_unsigned_type_node)
		return GL_RK_SIZE;
	if (type == integer_type_node || type == long_integer_type_node)
		return GL_RK_INT;
	if (tn == "size_t" || tn == "ssize_t")
		return GL_RK_SIZE;
	return GL_RK_OTHER;
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

tree gather_param(tree fndecl)
{
	tree p;

	for (p = DECL_ARGUMENTS(fndecl); p; p = DECL_CHAIN(p))
		if (is_gather_ptr(TREE_TYPE(p)))
			return p;
	return NULL_TREE;
}

gl_fn &get_fn(tree fndecl)
{
	std::string name = decl_name(fndecl);
	auto it = unit.fns.find(name);

	if (it == unit.fns.end()) {
		gl_fn f;
		tree g = gather_param(fndecl);

		f.name = name;
		f.file = fact_path(file_of(DECL_SOURCE_LOCATION(fndecl)));
		if (f.file.empty())
			f.file = unit.main_file;
		f.line = loc_line(DECL_SOURCE_LOCATION(fndecl));
		f.retkind = retkind_of(TREE_TYPE(TREE_TYPE(fndecl)));
		f.gather = g ? decl_name(g) : "-";
		f.has_gather = g != NULL_TREE;
		f.gpos = gather_pos(fndecl);
		f.iova = iova_of(fndecl, &f.iova_type);
		f.linkage = TREE_PUBLIC(fndecl) ? "extern" : "static";
		f.decl_loc = DECL_SOURCE_LOCATION(fndecl);
		f.analysed = false;
		f.iova_assigned = false;
		f.has_unmapped = false;
		f.has_iova_start = false;
		f.endline = 0;
		f.endcol = 0;
		f.fixed_start = false;
		f.carrier = false;
		unit.fns[name] = f;
		unit.fn_order.push_back(name);
		it = unit.fns.find(name);
	}
	return it->second;
}

/* ------------------------------------------------------------------ */
