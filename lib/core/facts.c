// SPDX-License-Identifier: GPL-2.0
/* facts.c - the fact model and the parser of the fact lines. */
#define _POSIX_C_SOURCE 200809L
#include "model.h"

#include <stdlib.h>
#include <string.h>

#define KEYLEN 4096

struct gl_facts *gl_facts_new(void)
{
	struct gl_facts *f = (struct gl_facts *)gl_xmalloc(sizeof(*f));

	memset(f, 0, sizeof(*f));
	f->pool = gl_pool_new();
	gl_map_init(&f->fnmap);
	gl_map_init(&f->extmap);
	gl_map_init(&f->retmap);
	gl_map_init(&f->seenret);
	gl_map_init(&f->opsmap);
	gl_map_init(&f->seenbind);
	gl_map_init(&f->fmtidmap);
	gl_map_init(&f->initmap);
	gl_map_init(&f->seeninc);
	return f;
}

void gl_facts_free(struct gl_facts *f)
{
	size_t i;

	if (!f)
		return;
	for (i = 0; i < f->nrets; i++)
		free(f->rets[i].v);
	for (i = 0; i < f->nops; i++)
		free(f->ops[i].fields);
	free(f->fns);
	free(f->rets);
	free(f->ops);
	free(f->binds);
	free(f->fmtids);
	free(f->inits);
	free(f->incs);
	free(f->nullcalls);
	gl_map_free(&f->fnmap);
	gl_map_free(&f->extmap);
	gl_map_free(&f->retmap);
	gl_map_free(&f->seenret);
	gl_map_free(&f->opsmap);
	gl_map_free(&f->seenbind);
	gl_map_free(&f->fmtidmap);
	gl_map_free(&f->initmap);
	gl_map_free(&f->seeninc);
	gl_pool_free(f->pool);
	free(f);
}

const struct gl_field *gl_ops_field(const struct gl_ops *ops,
				    const char *field)
{
	size_t i;

	for (i = 0; i < ops->nfields; i++)
		if (strcmp(ops->fields[i].field, field) == 0)
			return &ops->fields[i];
	return NULL;
}

struct gl_fmtid *gl_fmtid_get(struct gl_facts *f, const char *fmt)
{
	int i = gl_map_get(&f->fmtidmap, fmt);

	if (i < 0) {
		f->fmtids = (struct gl_fmtid *)gl_grow(f->fmtids,
			&f->capfmtids, f->nfmtids + 1, sizeof(*f->fmtids));
		i = (int)f->nfmtids++;
		f->fmtids[i].fmt = gl_pool_strdup(f->pool, fmt);
		f->fmtids[i].init = "";
		gl_map_put(&f->fmtidmap, fmt, i);
	}
	return &f->fmtids[i];
}

const struct gl_fmtinit *gl_fmtinit_get(const struct gl_facts *f,
					const char *name)
{
	int i = gl_map_get(&f->initmap, name);

	return i < 0 ? NULL : &f->inits[i];
}

const struct gl_retlist *gl_rets_of(const struct gl_facts *f,
				    const char *file, const char *name)
{
	char key[KEYLEN];
	int i = gl_map_get(&f->retmap, gl_key2(key, sizeof(key), file, name));

	return i < 0 ? NULL : &f->rets[i];
}

/* the fields point into the pooled copy of their line */
#define S(x) ((const char *)(x))

static void add_fn(struct gl_facts *f, char **v)
{
	char key[KEYLEN];
	struct gl_fn *fn;
	int i;

	gl_key2(key, sizeof(key), v[1], v[3]);
	if (gl_map_get(&f->fnmap, key) >= 0)
		return;
	f->fns = (struct gl_fn *)gl_grow(f->fns, &f->capfns, f->nfns + 1,
					 sizeof(*f->fns));
	i = (int)f->nfns++;
	fn = &f->fns[i];
	fn->file = S(v[1]);
	fn->line = S(v[2]);
	fn->name = S(v[3]);
	fn->retkind = S(v[4]);
	fn->gather = S(v[5]);
	fn->iova = S(v[6]);
	fn->linkage = S(v[7]);
	fn->gpos = S(v[8][0] ? v[8] : "-");
	gl_map_put(&f->fnmap, key, i);
	if (strcmp(v[7], "extern") == 0 && gl_map_get(&f->extmap, v[3]) < 0)
		gl_map_put(&f->extmap, v[3], i);
}

static void add_ret(struct gl_facts *f, char **v)
{
	char key[KEYLEN], id[KEYLEN];
	struct gl_retlist *l;
	struct gl_ret *r;
	int i;

	gl_key2(key, sizeof(key), v[1], v[4]);
	gl_key3(id, sizeof(id), key, v[2], v[3]);
	if (gl_map_get(&f->seenret, id) >= 0)
		return;
	gl_map_put(&f->seenret, id, 0);
	i = gl_map_get(&f->retmap, key);
	if (i < 0) {
		f->rets = (struct gl_retlist *)gl_grow(f->rets, &f->caprets,
			f->nrets + 1, sizeof(*f->rets));
		i = (int)f->nrets++;
		memset(&f->rets[i], 0, sizeof(f->rets[i]));
		gl_map_put(&f->retmap, key, i);
	}
	l = &f->rets[i];
	l->v = (struct gl_ret *)gl_grow(l->v, &l->cap, l->n + 1, sizeof(*l->v));
	r = &l->v[l->n++];
	r->line = S(v[2]);
	r->col = S(v[3]);
	r->cls = S(v[5]);
	r->cover = S(v[6]);
	r->expr = S(v[7]);
	r->unread = S(v[8][0] ? v[8] : "-");
}

static void add_ops(struct gl_facts *f, char **v)
{
	char key[KEYLEN];
	struct gl_ops *o;
	struct gl_field *fld;
	int i;

	gl_key2(key, sizeof(key), v[1], v[3]);
	i = gl_map_get(&f->opsmap, key);
	if (i < 0) {
		f->ops = (struct gl_ops *)gl_grow(f->ops, &f->capops,
			f->nops + 1, sizeof(*f->ops));
		i = (int)f->nops++;
		o = &f->ops[i];
		memset(o, 0, sizeof(*o));
		o->file = S(v[1]);
		o->line = S(v[2]);
		o->id = S(v[3]);
		o->type = S(v[4]);
		gl_map_put(&f->opsmap, key, i);
	}
	o = &f->ops[i];
	if (strcmp(v[5], "-") == 0)
		return;
	/* the first non-NULL function of a field wins */
	fld = (struct gl_field *)gl_ops_field(o, v[5]);
	if (!fld) {
		o->fields = (struct gl_field *)gl_grow(o->fields,
			&o->capfields, o->nfields + 1, sizeof(*o->fields));
		fld = &o->fields[o->nfields++];
		fld->field = S(v[5]);
	} else if (strcmp(fld->func, "NULL") != 0) {
		return;
	}
	fld->func = S(v[6]);
	fld->line = S(v[2]);
}

static void add_bind(struct gl_facts *f, char **v)
{
	char key[KEYLEN];
	struct gl_bind *b;

	gl_key2(key, sizeof(key), v[1], v[4]);
	if (gl_map_get(&f->seenbind, key) >= 0)
		return;
	gl_map_put(&f->seenbind, key, 0);
	f->binds = (struct gl_bind *)gl_grow(f->binds, &f->capbinds,
		f->nbinds + 1, sizeof(*f->binds));
	b = &f->binds[f->nbinds++];
	b->file = S(v[1]);
	b->line = S(v[2]);
	b->fmt = S(v[4]);
}

static void add_fmtinit(struct gl_facts *f, char **v)
{
	int i = gl_map_get(&f->initmap, v[3]);

	if (i < 0) {
		f->inits = (struct gl_fmtinit *)gl_grow(f->inits,
			&f->capinits, f->ninits + 1, sizeof(*f->inits));
		i = (int)f->ninits++;
		f->inits[i].name = S(v[3]);
		gl_map_put(&f->initmap, v[3], i);
	}
	/* the last fact wins */
	f->inits[i].file = S(v[1]);
	f->inits[i].line = S(v[2]);
}

static void add_incomplete(struct gl_facts *f, char **v)
{
	char key[KEYLEN];
	struct gl_incomplete *c;

	gl_key3(key, sizeof(key), v[1], v[2], v[3]);
	if (gl_map_get(&f->seeninc, key) >= 0)
		return;
	gl_map_put(&f->seeninc, key, 0);
	f->incs = (struct gl_incomplete *)gl_grow(f->incs, &f->capincs,
		f->nincs + 1, sizeof(*f->incs));
	c = &f->incs[f->nincs++];
	c->file = S(v[1]);
	c->line = S(v[2]);
	c->name = S(v[3]);
	c->reason = S(v[4]);
}

static void add_nullcall(struct gl_facts *f, char **v)
{
	struct gl_nullcall *c;

	f->nullcalls = (struct gl_nullcall *)gl_grow(f->nullcalls,
		&f->capnullcalls, f->nnullcalls + 1, sizeof(*f->nullcalls));
	c = &f->nullcalls[f->nnullcalls++];
	c->file = S(v[1]);
	c->line = S(v[2]);
	c->caller = S(v[3]);
	c->callee = S(v[4]);
	c->arg = S(v[5]);
}

#define MAXF 16

void gl_facts_add_line(struct gl_facts *f, const char *line)
{
	char *copy, *v[MAXF];
	int nf, i;

	if (line[0] == '#' || line[0] == '\0')
		return;
	copy = gl_pool_strdup(f->pool, line);
	nf = gl_split_tabs(copy, v, MAXF);
	for (i = nf; i < MAXF; i++)
		v[i] = (char *)"";
	if (nf < 2)
		return;
	if (strcmp(v[0], "fn") == 0 && nf >= 8)
		add_fn(f, v);
	else if (strcmp(v[0], "ret") == 0 && nf >= 8)
		add_ret(f, v);
	else if (strcmp(v[0], "ops") == 0 && nf >= 7)
		add_ops(f, v);
	else if (strcmp(v[0], "bind") == 0 && nf >= 5)
		add_bind(f, v);
	else if (strcmp(v[0], "fmtinit") == 0 && nf >= 4)
		add_fmtinit(f, v);
	else if (strcmp(v[0], "fmtid") == 0 && nf >= 5)
		gl_fmtid_get(f, v[3])->init = S(v[4]);
	else if (strcmp(v[0], "incomplete") == 0 && nf >= 5)
		add_incomplete(f, v);
	else if (strcmp(v[0], "nullcall") == 0 && nf >= 6)
		add_nullcall(f, v);
	else if (strcmp(v[0], "core") == 0 && nf >= 5) {
		f->probe_state = S(v[1]);
		f->probe_file = S(v[2]);
		f->probe_line = S(v[3]);
		f->probe_detail = S(v[4]);
	}
}

void gl_facts_read(struct gl_facts *f, FILE *fp)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	while ((n = getline(&line, &cap, fp)) >= 0) {
		if (n > 0 && line[n - 1] == '\n')
			line[n - 1] = '\0';
		gl_facts_add_line(f, line);
	}
	free(line);
}

const char *gl_fmtid_init(const struct gl_facts *f, const char *fmt)
{
	int i = gl_map_get(&f->fmtidmap, fmt);

	return i < 0 ? "" : f->fmtids[i].init;
}
