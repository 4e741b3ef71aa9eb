/* SPDX-License-Identifier: GPL-2.0 */
/* model.h - libgatherlint internals: the fact model behind gl_facts. */
#ifndef GL_MODEL_H
#define GL_MODEL_H

#include "gatherlint.h"
#include "util.h"

struct gl_ret {
	const char *line, *col, *cls, *cover, *expr;
	const char *unread;	/* returned variables tested in a way not read, or "-" */
};

/* The returns of one (file, function), in fact order. */
struct gl_retlist {
	struct gl_ret *v;
	size_t n, cap;
};

struct gl_fn {
	const char *file, *name, *line, *retkind, *gather, *iova, *linkage;
	const char *gpos;	/* 0-based index of the gather parameter, or "-" */
};

struct gl_field {
	const char *field, *func, *line;
};

/* An ops object: its first fact gives type and line. */
struct gl_ops {
	const char *file, *id, *type, *line;
	struct gl_field *fields;
	size_t nfields, capfields;
};

struct gl_bind {
	const char *file, *line, *fmt;
};

struct gl_incomplete {
	const char *file, *line, *name, *reason;
};

/* A direct call that passes a NULL (or 0) literal at argument ARG. */
struct gl_nullcall {
	const char *file, *line, *caller, *callee, *arg;
};

/* A format id and its init-fns name ("" until a fmtid fact names one). */
struct gl_fmtid {
	const char *fmt, *init;
};

struct gl_fmtinit {
	const char *name, *file, *line;
};

struct gl_facts {
	struct gl_pool *pool;
	struct gl_fn *fns;
	size_t nfns, capfns;
	struct gl_map fnmap;	/* file SUBSEP name -> fn */
	struct gl_map extmap;	/* name -> first extern fn */
	struct gl_retlist *rets;
	size_t nrets, caprets;
	struct gl_map retmap;	/* file SUBSEP name -> rets */
	struct gl_map seenret;
	struct gl_ops *ops;
	size_t nops, capops;
	struct gl_map opsmap;	/* file SUBSEP opsid -> ops */
	struct gl_bind *binds;
	size_t nbinds, capbinds;
	struct gl_map seenbind;
	struct gl_fmtid *fmtids;
	size_t nfmtids, capfmtids;
	struct gl_map fmtidmap;	/* format id -> fmtids */
	struct gl_fmtinit *inits;
	size_t ninits, capinits;
	struct gl_map initmap;	/* init name -> inits */
	struct gl_incomplete *incs;
	size_t nincs, capincs;
	struct gl_map seeninc;
	struct gl_nullcall *nullcalls;
	size_t nnullcalls, capnullcalls;
	/* the core line, or NULL */
	const char *probe_state, *probe_file, *probe_line, *probe_detail;
};

/* FUNC of FIELD of OPS, or NULL when the field has no fact. */
const struct gl_field *gl_ops_field(const struct gl_ops *ops,
				    const char *field);
/* The fmtid entry of FMT, created (with init "") when absent. */
struct gl_fmtid *gl_fmtid_get(struct gl_facts *facts, const char *fmt);
/* The init-fns name of format FMT, or "". */
const char *gl_fmtid_init(const struct gl_facts *facts, const char *fmt);
/* The fmtinit named NAME, or NULL. */
const struct gl_fmtinit *gl_fmtinit_get(const struct gl_facts *facts,
					const char *name);
/* The returns of FILE/NAME, or NULL. */
const struct gl_retlist *gl_rets_of(const struct gl_facts *facts,
				    const char *file, const char *name);

#endif /* GL_MODEL_H */
