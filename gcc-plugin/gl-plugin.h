/* SPDX-License-Identifier: GPL-2.0 */
/*
 * gl-plugin.h - what the files of the gatherlint GCC plugin share.
 *
 *   gatherlint_plugin.c  registration, arguments, the pass, PLUGIN_FINISH
 *   unit.c               the unit's state, locations, the gather API
 *                        vocabulary, types and the functions of the unit
 *   source.c             the source text of the file being read, the
 *                        main file or a header (return keywords,
 *                        return values, tokens)
 *   ops.c                ops/bind/fmtinit/fmtid facts (initialisers,
 *                        PLUGIN_PRE_GENERICIZE: runtime stores, returns)
 *   events.c             what a GIMPLE statement does to the gather
 *                        (fills, flushes, candidate calls, queued tests)
 *   values.c             values on a path: tracked variables and the tests
 *                        of them
 *   paths.c              the path solver (path states, envs, the dataflow)
 *   analyse.c            one function: returns, covers, callee summaries
 *   fixit.c              fix-it hints (fixlist=FILE, fix)
 *   facts.c              the facts of the unit (db=) and the standalone
 *                        decision through libgatherlint (no db=)
 *
 * GC: no tree outlives the pass that found it.  The unit's state keeps
 * names, lines and location_t values only (location_t is not a GC
 * object); the trees of one function's analysis (struct fn_analysis) live
 * on the stack of the pass that made them.  So no GGC root is needed.
 */
#ifndef GATHERLINT_GL_PLUGIN_H
#define GATHERLINT_GL_PLUGIN_H

#include "gcc-compat.h"

/* ---- the vocabulary of lib/gather-api.txt, as kinds ------------------- */

enum gl_api_kind {
	GL_API_NONE,
	GL_API_FILL,
	GL_API_FLUSH,
	GL_API_FLUSHCB,
	GL_API_QUEUED,
	GL_API_TLBADD,
	GL_API_TLBADDCB,
	GL_API_FMTALLOC,
	GL_API_KEYWORD
};

/* RETKIND of a `fn` fact */
enum gl_retkind { GL_RK_SIZE, GL_RK_VOID, GL_RK_INT, GL_RK_OTHER };

/* CLASS of a `ret` fact */
enum gl_rcls { GL_RC_NONE, GL_RC_ZERO, GL_RC_ERRNO, GL_RC_NONZERO };

/* ---- the unit's functions and returns ------------------------------- */

struct gl_srcret {
	location_t loc;		/* the RETURN_EXPR, unresolved */
	int line, col;		/* the return keyword (or macro use) */
	int mline, mcol;	/* the RETURN_EXPR location, resolved */
	int tline, tcol;	/* where the text "return" is spelled */
	bool in_macro;
};

struct gl_ret {
	int line, col;
	gl_rcls cls;
	std::string cover, expr;
	std::string unread;	/* variables of the value whose tests were not read */
	location_t loc;
	bool in_macro;
};

struct gl_fn {
	std::string name;
	std::string file;	/* of its definition, as facts name it */
	int line;
	gl_retkind retkind;
	std::string gather, iova, linkage;
	int gpos;		/* 0-based position of the gather parameter, or -1 */
	location_t decl_loc;	/* of the definition */
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

/* an ops object seen */
struct gl_ops {
	std::string id, type;
	std::map<std::string, std::string> fields;
	int line;
};

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

/* a return to fix: an X line of the fixlist, or a standalone finding */
struct fixreq {
	std::string func, gather, iova;
	int line;
	bool guard;	/* X guard "null": fill only if (gather) */
};

/* ---- options (set once by plugin_init) and the unit's state ---------- */

struct gl_options {
	const char *db;
	const char *fixlist;
	const char *core;	/* latent exposed protected unknown */
	bool werror;
	bool fix;
	bool debug;
};

struct gl_unit {
	std::string main_file;
	/* the file whose functions are being read: the main file, or a
	 * header defining a function that matters (entry_reach()); its
	 * source text is src_lines */
	std::string cur_file;
	std::map<std::string, std::vector<std::string>> src_cache;
	std::set<std::string> header_fns;	/* entry_reach(): names */
	bool reach_done;
	std::vector<std::string> src_lines;	/* cur_file, by line */
	bool src_loaded;
	std::map<std::string, gl_fn> fns;
	std::vector<std::string> fn_order;
	std::vector<std::string> facts;		/* ops, bind, fmtinit, fmtid */
	std::set<std::string> facts_seen;
	std::set<std::string> ops_funcs;
	std::map<int, location_t> known_locs;	/* line -> a location */
	/* calls through a struct member, by location: the gimplifier folds
	 * a call through a const object ("flush_ops.tlb_flush_all(c)") into
	 * a call of the function it holds.  The GIMPLE call may carry
	 * another location_t for the same source position (GCC 15), so the
	 * position is a key too. */
	std::map<location_t, std::string> member_call_at;
	std::map<std::string, std::string> member_call_pos;
	/* the enumerators of enum io_pgtable_fmt: value -> name */
	std::map<HOST_WIDE_INT, std::string> fmt_values;
	bool fmt_seen;
	std::set<unsigned> anon_done;		/* DECL_UIDs of literals seen */
	std::map<std::string, gl_ops> ops_objs;
	std::vector<std::string> ops_order;
	std::map<std::string, gl_summary> summaries;
	std::vector<fixreq> fixreqs;
};

extern gl_options gl_opt;
extern gl_unit unit;

/* ---- unit.c ------------------------------------------------------------ */

void gl_api_init(void);
gl_api_kind api_kind(const char *name, int *arg);
bool api_is(const char *name, gl_api_kind kind, int *arg);
const char *retkind_name(gl_retkind k);
const char *rcls_name(gl_rcls c);
std::string itos(long v);
void add_fact(const std::string &f);
expanded_location gl_expand(location_t loc);
bool in_cur_file(location_t loc);
/* Functions defined outside the main file (headers): the raw file of a
 * location, the path facts give it, and the file being read. */
std::string file_of(location_t loc);
std::string fact_path(const std::string &raw);
void set_cur_file(const std::string &raw);
bool outside_candidate(tree fndecl);
bool outside_wanted(tree fndecl);
int loc_line(location_t loc);
std::string src_pos(location_t loc);
std::string member_call(gimple *stmt);
void note_known(location_t loc);
std::string type_name_of(tree type);
std::string record_name(tree type);
bool is_ops_type(const std::string &n);
bool interesting_field(const std::string &f);
/* The vocabulary of lib/gather-api.txt (unit.c reads gather_api.h): a row
 * KIND NAME; the ops type of a function whose first parameter is a
 * pointer to struct NAME ("" when none). */
bool vocab_has(const char *kind, const std::string &name);
std::string vocab_param_ops(const std::string &name);
bool is_gather_ptr(tree type);
const char *decl_name(tree d);
tree gather_param(tree fndecl);
gl_fn &get_fn(tree fndecl);

/* ---- source.c ------------------------------------------------------------ */

void load_source(void);
std::string collapse(const std::string &s);
char src_at(int line, int col);
bool word_char(char c);
bool return_text(int line, int col, std::string *expr, int *eline, int *ecol,
		 int *xline, int *xcol, int *xeline, int *xecol);
bool find_return_kw(int line, int col, int *rl, int *rc);
int field_line(int line, const std::string &field);
bool is_errno_text(const std::string &e0);
bool prev_token(int line, int col, int *pl, int *pc, std::string *word);
int body_open_line(const gl_fn &fn);
std::string trim(const std::string &s);
bool split_cond_zero(const std::string &e, std::string *c, std::string *v);
bool has_side_effects(const std::string &e);

/* ---- ops.c --------------------------------------------------------------- */

void gl_finish_type(void *gcc_data, void *user_data);
void gl_finish_decl(void *gcc_data, void *user_data);
void gl_pre_genericize(void *gcc_data, void *user_data);

/* ---- the path analysis (events.c, values.c, paths.c, analyse.c) -------- */

typedef std::vector<int> clause;	/* sorted atom ids */

/*
 * Values on a path, read as a reviewer reads them (SPEC 2, Nonzero
 * path): for each tracked variable (at most GL_MAX_VARS) known zero,
 * known nonzero, or unknown.  An env is the two bit masks; a path state
 * maps each env reached to the paths that reached it with it.
 */
#define GL_MAX_VARS 32
#define GL_MAX_ENVS 48
#define GL_MAX_CLAUSES 64
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

	explicit event(ev_kind k = EV_COVER) : kind(k), atom(-1), var(-1),
					       inc(false), stmt(NULL) {}
};

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

/* One function's analysis: lives during the pass's execute() only. */
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

/* events.c */
tree strip_conv(tree t);
bool is_func_temp(tree t);
bool is_gvar(const fn_analysis &fa, tree t);
bool gather_range_ref(const fn_analysis &fa, tree t);
const gl_summary *summary_of(tree fd);
void call_events(fn_analysis &fa, gimple *stmt, std::vector<event> &ev);
void find_queued(fn_analysis &fa, function *fun);
void find_null_tests(fn_analysis &fa, function *fun);
int gather_pos(tree fndecl);
void record_nullcalls(function *fun);

/* values.c */
int eval_stmt(fn_analysis &fa, gimple *s, envkey k, int depth);
void value_vars(fn_analysis &fa, tree t, std::vector<tree> &out, int depth);
void find_tracked(fn_analysis &fa, function *fun);
void find_value_tests(fn_analysis &fa, function *fun);

/* paths.c */
void minimise(std::set<clause> &s);
void join_into(pstate &dst, const pstate &src, int keep);
void put_entry(pstate &st, envkey k, const pentry &e);
void bound_envs(pstate &st, int keep);
int env_val(envkey k, int v);
envkey env_set(envkey k, int v, int val);
void transfer_bb(fn_analysis &fa, basic_block bb, pstate &st, int upto);
bool take_edge(fn_analysis &fa, edge e, pstate &o);
void exit_state(fn_analysis &fa, function *fun,
		std::map<basic_block, pstate> &sol, pstate &ex);
bool solve(fn_analysis &fa, function *fun, std::map<basic_block, pstate> &in);

/* analyse.c */
tree carrier_param(function *fun, std::set<tree> *locals);
bool worth_summary(function *fun);
void analyse_function(function *fun, bool summary_only);

/* ---- fixit.c, facts.c ----------------------------------------------------- */

void load_fixlist(void);
location_t loc_at(int line, int col);
location_t ret_loc(const gl_ret &r);
void apply_fixes(void);
std::string render_facts(void);
void write_db(const std::string &text);
void standalone(void);

#endif /* GATHERLINT_GL_PLUGIN_H */
