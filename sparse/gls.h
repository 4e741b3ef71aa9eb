/* SPDX-License-Identifier: GPL-2.0 */
/*
 * gls.h - the internals of gatherlint-sparse, the sparse engine (one
 * program, one concern per file; see gatherlint-sparse.c for what it does):
 *
 *   gatherlint-sparse.c  main: options, one unit, the facts written
 *   source.c             small helpers; the main file's text (columns,
 *                        return texts, braces)
 *   tree.c               the parsed tree: types, the functions of the unit,
 *                        carriers, ops/bind/fmtinit/fmtid facts
 *   function.c           a function definition's record (fn fact, returns);
 *                        member calls; inline calls kept as calls
 *   events.c             what a path passes: fills, flushes, candidate
 *                        calls, queued guards (sparse's instructions)
 *   values.c             values read one operation deep; tracked variables;
 *                        what the branches test
 *   paths.c              path states (CNF per env) and the solver
 *   facts.c              one function analysed: its ret facts
 *   summary.c            callee summaries, callees first
 */
#ifndef GATHERLINT_SPARSE_GLS_H
#define GATHERLINT_SPARSE_GLS_H

#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "lib.h"
#include "allocate.h"
#include "token.h"
#include "parse.h"
#include "symbol.h"
#include "expression.h"
#include "linearize.h"
#include "scope.h"
#include "evaluate.h"

/* ---- source.c --------------------------------------------------------- */

void *xrealloc(void *p, size_t n);

/* A growable string. */
struct sb {
	char *s;
	size_t len, cap;
};

/* A list of strings. */
struct strv {
	char **v;
	size_t n, cap;
};

/* the options (gatherlint-sparse.c) */
extern const char *opt_db;
extern const char *opt_core;
extern int opt_facts;
extern int opt_debug;

extern const char *main_file;	/* as given on the command line */
extern int main_stream;
extern char **src_lines;	/* the main file, by line (1-based) */
extern int nsrc;

extern struct strv facts;	/* fact lines, in order, no duplicates */

/* ---- tree.c ----------------------------------------------------------- */

struct srcret {
	int line, col;		/* the return keyword (or macro use) */
	int kwline, kwcol;	/* where "return" is spelled, or 0 */
	int sline, scol;	/* the statement's position */
};

struct fninfo {
	struct symbol *sym;
	char *name;
	int line;
	const char *retkind, *linkage;
	char *gather, *iova;
	int has_gather, named, defined;
	int gpos;		/* 0-based position of the gather parameter, or -1 */
	struct srcret *srcrets;
	int nsrcrets;
	struct strv rets;	/* ret fact lines */
	char *incomplete;
	int endline, endcol;
	/* a carrier (no gather parameter: loads the gather from a member of
	 * pointer parameter cparam into the locals clocals) */
	int carrier;
	struct symbol *cparam;
	struct symbol *clocals[8];
	int nclocals;
	int visit;		/* callees first: 1 visiting, 2 done */
	/* callee summary (SPEC 2 Flushed, Nonzero path): every path flushes
	 * (flush_always), or does when parameter flush_param is 0
	 * (flush_zero) or not; every return is 0 when zero_param is */
	int summarised, flush_always, flush_param, flush_zero, zero_param;
};

extern struct fninfo *fns;
extern int nfns;
extern struct strv ops_funcs;	/* functions named by ops facts */

/* ---- function.c ------------------------------------------------------- */

extern struct mcall *mcalls;
extern int nmcalls;

/* ---- the path analysis (events.c, values.c, paths.c, facts.c) --------- */

#define GL_MAX_VARS 32
#define GL_MAX_ENVS 48
#define GL_MAX_CLAUSES 64
#define GL_MAX_ATOMS 64

typedef uint64_t clause;	/* a set of atoms */

struct pentry {
	unsigned z, nz;		/* env: zero mask, nonzero mask */
	int covered;		/* some path here passed a fill */
	clause *cl;		/* the other paths: the atoms they passed */
	int ncl;
};

struct pstate {
	struct pentry *e;
	int n;
};

enum ev_kind { EV_COVER, EV_ATOM, EV_DEF };

struct event {
	enum ev_kind kind;
	int atom, var, inc;
	pseudo_t val;		/* EV_DEF: the value stored */
};

enum ref_kind { R_ZERO, R_NZ, R_LT_T, R_LT_F, R_EQ, R_NE };

struct refine {
	enum ref_kind kind;
	int a, b;
};

struct edge {
	int dst;
	int queued;
	struct refine *refs;
	int nrefs;
	int kind;		/* switch: 1 zero, 2 nonzero, 3 both */
};

struct block {
	struct basic_block *bb;
	struct event *ev;
	int nev;
	struct edge *out;
	int nout;
	struct pstate in;
	int reached, inwork;
};

struct retsite {
	int b;			/* block */
	int ev_index;
	pseudo_t val;
	int src;		/* srcret index */
	struct instruction *insn;	/* the phi source */
};

struct fa {
	struct fninfo *fn;
	struct entrypoint *ep;
	struct block *bl;
	int nbl;
	struct symbol *gvars[16];
	int ngvars;
	struct symbol *gstructs[16];	/* locals holding the gather in a member */
	int ngstructs;
	int rangestore;
	long start_off, end_off;
	struct symbol *vars[GL_MAX_VARS];
	int nvars, keep;
	unsigned unread;
	const char *atoms[GL_MAX_ATOMS];
	int natoms;
	struct retsite *rets;
	int nrets;
	struct symbol *qsyms[16];
	int qpols[16], nq;
};

enum { C_EQ, C_NE, C_LT, C_LE, C_GT, C_GE };

struct cond {
	int code, uns;
	pseudo_t l, r;
};

/* ---- prototypes ----------------------------------------------------- */

/* events.c */
int block_of(struct basic_block *bb);
struct instruction *def_of(pseudo_t p);
int is_cast_op(int op);
int scalar_sym(struct symbol *s);
int local_sym(struct symbol *s);
int is_gvar(struct fa *fa, pseudo_t p);
pseudo_t call_arg(struct instruction *call, int idx);
const char *direct_callee(struct instruction *call);
int gather_range_ref(struct fa *fa, struct instruction *insn);
struct fninfo *summary_of(const char *name);
void ev_push(struct block *b, struct event e);
void call_events(struct fa *fa, struct block *b, struct instruction *s);
void find_queued(struct fa *fa);

/* facts.c */
void analyse(struct fninfo *fn, struct entrypoint *ep, int summary_only);

/* function.c */
struct symbol *gather_param(struct symbol *fsym);
void pre_function(struct symbol *sym);
const char *member_call_at(struct position pos);
void ev_walk_stmt(struct statement *s);

/* paths.c */
void cl_add(clause **v, int *n, clause c);
void minimise(clause **v, int *n);
void ps_free(struct pstate *s);
void ps_copy(struct pstate *d, const struct pstate *s);
int env_val(unsigned z, unsigned nz, int v);
void env_set(unsigned *z, unsigned *nz, int v, int val);
void add_ref(struct edge *e, enum ref_kind kind, int a, int b);
void transfer(struct fa *fa, int b, struct pstate *st, int upto);
int solve(struct fa *fa, int entry);

/* source.c */
char *sdup(const char *s);
char *fmt(const char *f, ...);
void sb_add(struct sb *b, const char *s);
void sv_push(struct strv *l, char *s);
int sv_has(const struct strv *l, const char *s);
void sv_free(struct strv *l);
const char *api_kind(const char *name, int *arg);
int api_is(const char *name, const char *kind, int *arg);
const char *idname(const struct ident *id);
void add_fact(char *f);
void load_source(const char *path);
void free_source(void);
int in_main(struct position pos);
char src_at(int line, int col);
int word_char(char c);
int pos_col(struct position pos);
char *return_text(int line, int col);
int find_return_kw(int line, int col, int *rl, int *rc);
char *type_word(int line, int col, const char *name);
int match_brace(int line, int col, int *el, int *ec);

/* summary.c */
void summarise(struct fa *fa, struct fninfo *fn, int retb);
void visit(struct fninfo *fn);

/* tree.c */
struct symbol *strip_node(struct symbol *t);
int is_gather_ptr(struct symbol *t);
struct symbol *find_member(struct symbol *t, const struct ident *id);
int is_function_sym(struct symbol *s);
struct fninfo *fn_get(const char *name);
struct fninfo *fn_find(const char *name);
void process_decl(struct symbol *sym);
void walk_stmt(struct statement *s, struct fninfo *fn);

/* values.c */
struct symbol *direct_var(pseudo_t p);
int sym_index(struct fa *fa, struct symbol *s);
int eval_operand(struct fa *fa, pseudo_t p, unsigned z, unsigned nz);
int eval_cond(struct fa *fa, pseudo_t p, unsigned z, unsigned nz);
pseudo_t strip_noop(pseudo_t p);
int eval(struct fa *fa, pseudo_t p, unsigned z, unsigned nz, int depth);
void norm_cond(pseudo_t c, struct cond *o);
void value_vars(pseudo_t p, struct symbol **out, int *n, int depth);
struct instruction *last_insn(struct basic_block *bb);
struct symbol *store_var(struct instruction *insn);
void find_tracked(struct fa *fa);
struct edge *edge_to(struct block *b, int dst);
void add_edge(struct block *b, int dst);
void find_value_tests(struct fa *fa);

#endif
