// SPDX-License-Identifier: GPL-2.0
/*
 * resolve.c - facts to findings: entry points, the greatest fixpoint of
 * filler-ness per driver context, chains, severities by core state and
 * the fix list (gatherlint.h, "Resolution").  The only place where
 * verdicts are decided; every engine only extracts facts.
 */
#define _POSIX_C_SOURCE 200809L
#include "model.h"
#include "gather_api.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define KEYLEN 4096

/* A driver context: "" (no driver) or a driver file. */
struct ctx {
	const char *name;
	unsigned char *filler;		/* per fn */
	int solved;
	/* why tlb_add_page does not fill (kept from the last failure) */
	const char *tlbwhy, *tlbwhyf, *tlbwhyl;
	int fmts_done;
	const char **fmts;		/* format ids bound in this file */
	size_t nfmts, capfmts;
};

struct entry {
	int fn, ops, sync;
	const char *field;
};

struct ilist {
	int *v;
	size_t n, cap;
};

struct res {
	struct gl_facts *f;
	const char *root, *fixmin, *core;
	enum gl_core state;
	const struct gl_retlist **rets;	/* per fn, or NULL */
	struct ctx *ctxs;
	size_t nctxs, capctxs;
	struct gl_map ctxmap;
	struct entry *entries;
	size_t nentries, capentries;
	int *entry_of;			/* per fn: entry or -1 */
	struct ilist fmtu;		/* format unmaps */
	struct gl_report *rep;
	struct gl_pool *pool;		/* scratch strings */
};

static void ipush(struct ilist *l, int x)
{
	l->v = (int *)gl_grow(l->v, &l->cap, l->n + 1, sizeof(*l->v));
	l->v[l->n++] = x;
}

static int ihas(const struct ilist *l, int x)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (l->v[i] == x)
			return 1;
	return 0;
}

static int streq(const char *a, const char *b)
{
	return strcmp(a, b) == 0;
}

static int is_null(const char *func)
{
	return streq(func, "NULL") || streq(func, "-");
}

static struct ctx *ctx_get(struct res *r, const char *name)
{
	int i = gl_map_get(&r->ctxmap, name);
	struct ctx *c;

	if (i >= 0)
		return &r->ctxs[i];
	r->ctxs = (struct ctx *)gl_grow(r->ctxs, &r->capctxs, r->nctxs + 1,
					sizeof(*r->ctxs));
	i = (int)r->nctxs++;
	c = &r->ctxs[i];
	memset(c, 0, sizeof(*c));
	c->name = gl_pool_strdup(r->pool, name);
	c->filler = (unsigned char *)calloc(r->f->nfns + 1, 1);
	c->tlbwhy = c->tlbwhyf = c->tlbwhyl = "";
	gl_map_put(&r->ctxmap, name, i);
	return c;
}

/* The function NAME as seen from FILE: that file's, else an extern one. */
static int fkey(const struct res *r, const char *file, const char *name)
{
	char key[KEYLEN];
	int i = gl_map_get(&r->f->fnmap, gl_key2(key, sizeof(key), file, name));

	return i >= 0 ? i : gl_map_get(&r->f->extmap, name);
}

static const char *field_func(const struct gl_ops *o, const char *field)
{
	const struct gl_field *fl = gl_ops_field(o, field);

	return fl ? fl->func : NULL;
}

static size_t nrets(const struct res *r, int k)
{
	return r->rets[k] ? r->rets[k]->n : 0;
}

static const struct gl_ret *ret_of(const struct res *r, int k, size_t i)
{
	return &r->rets[k]->v[i];
}

/* ---- formats ------------------------------------------------------------ */

static int word_in(const char *line, const char *id)
{
	size_t n = strlen(id);
	const char *p = line;

#define WORDCH(ch) ((ch) == '_' || ((ch) >= 'A' && (ch) <= 'Z') || \
		    ((ch) >= 'a' && (ch) <= 'z') || ((ch) >= '0' && (ch) <= '9'))
	if (!n)
		return 0;
	while ((p = strstr(p, id)) != NULL) {
		if ((p == line || !WORDCH(p[-1])) && !WORDCH(p[n]))
			return 1;
		p++;
	}
	return 0;
#undef WORDCH
}

static void fmts_add(struct ctx *c, const char *fmt)
{
	size_t i;

	for (i = 0; i < c->nfmts; i++)
		if (streq(c->fmts[i], fmt))
			return;
	c->fmts = (const char **)gl_grow(c->fmts, &c->capfmts, c->nfmts + 1,
					  sizeof(*c->fmts));
	c->fmts[c->nfmts++] = fmt;
}

/*
 * The format ids driver file D is bound to.  `?` binds resolve to every
 * known format id the file mentions.
 */
static struct ctx *driver_fmts(struct res *r, const char *d)
{
	struct ctx *c = ctx_get(r, d);
	size_t i;

	if (c->fmts_done)
		return c;
	for (i = 0; i < r->f->nbinds; i++) {
		const struct gl_bind *b = &r->f->binds[i];
		char *path, *line = NULL;
		size_t cap = 0;
		ssize_t n;
		FILE *fp;

		if (!streq(b->file, d))
			continue;
		if (!streq(b->fmt, "?")) {
			fmts_add(c, b->fmt);
			continue;
		}
		path = r->root[0] ? gl_pool_printf(r->pool, "%s/%s", r->root, d)
				  : gl_pool_strdup(r->pool, d);
		fp = fopen(path, "r");
		if (!fp)
			continue;
		while ((n = getline(&line, &cap, fp)) >= 0) {
			size_t j;

			if (n > 0 && line[n - 1] == '\n')
				line[n - 1] = '\0';
			for (j = 0; j < r->f->nfmtids; j++)
				if (word_in(line, r->f->fmtids[j].fmt))
					fmts_add(c, r->f->fmtids[j].fmt);
		}
		free(line);
		fclose(fp);
	}
	c->fmts_done = 1;
	return c;
}

static int has_binds(const struct res *r, const char *d)
{
	size_t i;

	for (i = 0; i < r->f->nbinds; i++)
		if (streq(r->f->binds[i].file, d))
			return 1;
	return 0;
}

/* The file of format FMT's init fns, or NULL when not in scope. */
static const char *fmt_file(struct res *r, const char *fmt)
{
	const char *ini = gl_fmtid_init(r->f, fmt);
	const struct gl_fmtinit *in;

	if (!ini[0])
		return NULL;
	in = gl_fmtinit_get(r->f, ini);
	return in ? in->file : NULL;
}

/* The J-th fmtunmap field (lib/gather-api.txt) of ops type TYPE, or NULL. */
static const char *fmt_field(const char *type, int j)
{
	const struct gatherlint_vocab_entry *v;

	for (v = gatherlint_vocab; v->kind; v++)
		if (streq(v->kind, "fmtunmap") && v->arg && streq(v->arg, type) &&
		    j-- == 0)
			return v->name;
	return NULL;
}

/* Is TYPE the ops type of a driver's flush callbacks (flushops)? */
static int is_flushops(const char *type)
{
	return gatherlint_vocab_find("flushops", type, NULL) != NULL;
}

/* The iommu_flush_ops member that io_pgtable_tlb_add_page() calls. */
static const char *tlbaddcb_field(void)
{
	const struct gatherlint_api_entry *a;

	for (a = gatherlint_api; a->kind; a++)
		if (streq(a->kind, "tlbaddcb"))
			return a->name;
	return "";
}

/* The format unmap functions (fmtunmap fields) of file FF. */
static void fmt_unmaps(const struct res *r, const char *ff, struct ilist *l)
{
	const char *fld;
	size_t i;
	int j;

	l->n = 0;
	for (i = 0; i < r->f->nops; i++) {
		const struct gl_ops *o = &r->f->ops[i];

		if (!streq(o->file, ff))
			continue;
		for (j = 0; (fld = fmt_field(o->type, j)); j++) {
			const char *fn = field_func(o, fld);
			int k;

			if (!fn || streq(fn, "NULL"))
				continue;
			k = fkey(r, ff, fn);
			if (k >= 0 && !ihas(l, k))
				ipush(l, k);
		}
	}
}

/* ---- the fixpoint ---------------------------------------------------------- */

/* Does driver context D have flush callbacks that all fill?  Records why
 * not in the context. */
static int tlbadd_ok(struct res *r, const char *d)
{
	struct ctx *c;
	size_t i, n = 0;

	if (!d[0])
		return 0;
	c = ctx_get(r, d);
	for (i = 0; i < r->f->nops; i++) {
		const struct gl_ops *o = &r->f->ops[i];
		const char *fn;
		int k;

		if (!streq(o->file, d) || !is_flushops(o->type))
			continue;
		n++;
		fn = field_func(o, tlbaddcb_field());
		if (!fn || streq(fn, "NULL")) {
			c->tlbwhy = gl_pool_printf(r->pool,
				gl_msgs[GL_MSG_FLUSH_OPS_NO_ADD_PAGE],
				o->id, d, o->line);
			c->tlbwhyf = d;
			c->tlbwhyl = o->line;
			return 0;
		}
		k = fkey(r, d, fn);
		if (k < 0)
			continue;	/* not in scope: assumed to fill */
		if (!c->filler[k]) {
			c->tlbwhy = gl_pool_printf(r->pool,
				gl_msgs[GL_MSG_ADD_PAGE_NO_FILL], fn, o->id);
			c->tlbwhyf = r->f->fns[k].file;
			c->tlbwhyl = r->f->fns[k].line;
			return 0;
		}
	}
	if (n == 0) {
		c->tlbwhy = gl_pool_printf(r->pool, gl_msgs[GL_MSG_NO_FLUSH_OPS],
					   d);
		c->tlbwhyf = d;
		c->tlbwhyl = "1";
		return 0;
	}
	return 1;
}

/* Is atom A true in context CTX, for a function defined in file FF? */
static int atom_ok(struct res *r, const char *a, const char *ctx,
		   const char *ff)
{
	if (streq(a, "tlbadd"))
		return tlbadd_ok(r, ctx);
	if (streq(a, "fmt")) {
		struct ctx *c;
		struct ilist l = { NULL, 0, 0 };
		size_t i, j, n = 0;

		if (!ctx[0])
			return 0;
		c = driver_fmts(r, ctx);
		for (i = 0; i < c->nfmts; i++) {
			const char *file = fmt_file(r, c->fmts[i]);

			if (!file)
				continue;
			fmt_unmaps(r, file, &l);
			for (j = 0; j < l.n; j++) {
				n++;
				if (!c->filler[l.v[j]]) {
					free(l.v);
					return 0;
				}
			}
		}
		free(l.v);
		if (n > 0)
			return 1;
		/* Format code not in scope: assume, as the standalone
		 * engines do, that the format fills only through
		 * tlb_add_page. */
		return tlbadd_ok(r, ctx);
	}
	if (strncmp(a, "call:", 5) == 0) {
		int k = fkey(r, ff, a + 5);

		if (k < 0)
			return 1;	/* not in scope: assumed to fill */
		return ctx_get(r, ctx)->filler[k];
	}
	return 0;
}

/* Splits S at SEP (awk split(): "" gives no part) into pooled parts. */
static size_t split(struct res *r, const char *s, char sep, char ***parts)
{
	size_t n = 0, cap = 0;
	char **v = NULL;
	const char *p = s;

	*parts = NULL;
	if (!s[0])
		return 0;
	for (;;) {
		const char *q = strchr(p, sep);
		size_t len = q ? (size_t)(q - p) : strlen(p);

		v = (char **)gl_grow(v, &cap, n + 1, sizeof(*v));
		v[n++] = gl_pool_strndup(r->pool, p, len);
		if (!q)
			break;
		p = q + 1;
	}
	*parts = v;
	return n;
}

static int cover_ok(struct res *r, const char *c, const char *ctx,
		    const char *ff, int self)
{
	char **cl, **at;
	size_t ncl, i, na, j;
	int ok = 1;

	if (streq(c, "fill"))
		return 1;
	if (streq(c, "none") || !c[0])
		return 0;
	ncl = split(r, c, '&', &cl);
	for (i = 0; i < ncl && ok; i++) {
		int cok = 0;

		na = split(r, cl[i], '|', &at);
		for (j = 0; j < na && !cok; j++) {
			/* A recursive call in a clause with other candidates
			 * does not decide it (one-clause engines list every
			 * candidate of the function, not only those on the
			 * path). */
			if (na > 1 && strncmp(at[j], "call:", 5) == 0 &&
			    self >= 0 && fkey(r, ff, at[j] + 5) == self)
				continue;
			if (atom_ok(r, at[j], ctx, ff))
				cok = 1;
		}
		free(at);
		if (!cok)
			ok = 0;
	}
	free(cl);
	return ok;
}

/* Greatest fixpoint of filler-ness in context CTX: a function fills iff
 * it has a gather, is void or has a nonzero return, and every nonzero
 * return is covered. */
static void solve(struct res *r, const char *ctxname)
{
	struct ctx *c = ctx_get(r, ctxname);
	size_t i, j;
	int changed;

	for (i = 0; i < r->f->nfns; i++)
		ctx_get(r, ctxname)->filler[i] =
			!streq(r->f->fns[i].gather, "-");
	do {
		changed = 0;
		for (i = 0; i < r->f->nfns; i++) {
			const struct gl_fn *fn = &r->f->fns[i];
			int ok = 1, anynz = 0;

			c = ctx_get(r, ctxname);
			if (!c->filler[i])
				continue;
			for (j = 0; j < nrets(r, (int)i); j++) {
				const struct gl_ret *rt = ret_of(r, (int)i, j);

				if (!streq(rt->cls, "nonzero"))
					continue;
				anynz = 1;
				if (!cover_ok(r, rt->cover, ctxname, fn->file,
					      (int)i)) {
					ok = 0;
					break;
				}
			}
			if (!streq(fn->retkind, "void") && !anynz)
				ok = 0;
			if (!ok) {
				ctx_get(r, ctxname)->filler[i] = 0;
				changed = 1;
			}
		}
	} while (changed);
	ctx_get(r, ctxname)->solved = 1;
}

/* The uncovered nonzero returns of K in CTX, lowest line first. */
static void uncovered(struct res *r, int k, const char *ctx, struct ilist *out)
{
	size_t i, j;

	out->n = 0;
	for (i = 0; i < nrets(r, k); i++) {
		const struct gl_ret *rt = ret_of(r, k, i);

		if (streq(rt->cls, "nonzero") &&
		    !cover_ok(r, rt->cover, ctx, r->f->fns[k].file, k))
			ipush(out, (int)i);
	}
	for (i = 1; i < out->n; i++)
		for (j = i; j > 0 && gl_num(ret_of(r, k, out->v[j])->line) <
				     gl_num(ret_of(r, k, out->v[j - 1])->line); j--) {
			int t = out->v[j];

			out->v[j] = out->v[j - 1];
			out->v[j - 1] = t;
		}
}

/* ---- findings ---------------------------------------------------------------- */

static const char *R(struct res *r, const char *s)
{
	return gl_pool_strdup(r->rep->pool, s);
}

static char *msg(struct res *r, enum gl_msg m, ...)
{
	va_list ap;
	char *s;

	va_start(ap, m);
	s = gl_pool_vprintf(r->rep->pool, gl_msgs[m], ap);
	va_end(ap);
	return s;
}

static size_t emit(struct res *r, enum gl_rule rule, const char *file,
		   const char *line, const char *col, const char *fname,
		   const char *sev, const char *text)
{
	struct gl_report *rep = r->rep;
	struct gl_finding *g;

	rep->findings = (struct gl_finding *)gl_grow(rep->findings,
		&rep->capfindings, rep->nfindings + 1, sizeof(*rep->findings));
	g = &rep->findings[rep->nfindings];
	memset(g, 0, sizeof(*g));
	g->rule = gl_rules[rule].id;
	g->file = R(r, file);
	g->line = R(r, line);
	g->col = R(r, col);
	g->func = R(r, fname);
	g->sev = sev;
	g->core = R(r, r->core);
	g->msg = text;
	return rep->nfindings++;
}

static void note(struct res *r, size_t gi, const char *file, const char *line,
		 const char *col, const char *text)
{
	struct gl_finding *g = &r->rep->findings[gi];
	struct gl_note *n;
	size_t i;

	if (!col[0])
		col = "1";
	for (i = 0; i < g->nnotes; i++) {
		n = &g->notes[i];
		if (streq(n->file, file) && streq(n->line, line) &&
		    streq(n->col, col) && streq(n->msg, text))
			return;
	}
	g->notes = (struct gl_note *)gl_grow(g->notes, &g->capnotes,
					     g->nnotes + 1, sizeof(*g->notes));
	n = &g->notes[g->nnotes++];
	n->file = R(r, file);
	n->line = R(r, line);
	n->col = R(r, col);
	n->msg = R(r, text);
}

/* Explains why return RI of function K is not covered in CTX: the chain
 * of notes, down to depth 4. */
static void explain(struct res *r, size_t g, int k, size_t ri,
		    const char *ctx, int depth)
{
	const struct gl_fn *fn = &r->f->fns[k];
	const struct gl_ret *rt = ret_of(r, k, ri);
	const char *c = rt->cover;
	char **cl, **at;
	size_t ncl, i, na, j, m, u;
	struct ilist list = { NULL, 0, 0 }, out = { NULL, 0, 0 };

	if (depth > 4)
		return;
	if (rt->unread[0] && !streq(rt->unread, "-"))
		note(r, g, fn->file, rt->line, rt->col,
		     msg(r, GL_MSG_UNREAD_TEST, rt->unread));
	if (streq(c, "none") || !c[0]) {
		note(r, g, fn->file, rt->line, rt->col,
		     gl_msgs[GL_MSG_NO_FILL_ON_PATH]);
		return;
	}
	ncl = split(r, c, '&', &cl);
	for (i = 0; i < ncl; i++) {
		na = split(r, cl[i], '|', &at);
		for (j = 0; j < na; j++) {
			const char *a = at[j];

			if (atom_ok(r, a, ctx, fn->file))
				continue;
			if (streq(a, "tlbadd")) {
				struct ctx *cx;

				tlbadd_ok(r, ctx);
				cx = ctx_get(r, ctx);
				note(r, g, cx->tlbwhyf, cx->tlbwhyl, "1",
				     msg(r, GL_MSG_TLBADD_NO_FILL, cx->tlbwhy));
			} else if (streq(a, "fmt")) {
				struct ctx *cx = driver_fmts(r, ctx);

				if (cx->nfmts == 0 || !has_binds(r, ctx))
					note(r, g, fn->file, rt->line, rt->col,
					     msg(r, GL_MSG_FMT_NOT_BOUND, ctx));
				for (m = 0; m < cx->nfmts; m++) {
					const char *fmt = cx->fmts[m];
					const char *file = fmt_file(r, fmt);

					if (!file) {
						note(r, g, fn->file, rt->line,
						     rt->col, msg(r,
						     GL_MSG_FMT_OUT_OF_SCOPE, fmt));
						tlbadd_ok(r, ctx);
						cx = ctx_get(r, ctx);
						if (cx->tlbwhy[0])
							note(r, g, cx->tlbwhyf,
							     cx->tlbwhyl, "1",
							     cx->tlbwhy);
						continue;
					}
					fmt_unmaps(r, file, &list);
					for (u = 0; u < list.n; u++) {
						int uk = list.v[u];
						const struct gl_fn *uf =
							&r->f->fns[uk];

						if (ctx_get(r, ctx)->filler[uk])
							continue;
						note(r, g, uf->file, uf->line,
						     "1", msg(r,
						     GL_MSG_FMT_UNMAP_NO_FILL,
						     fmt, uf->name));
						uncovered(r, uk, ctx, &out);
						if (out.n > 0)
							explain(r, g, uk,
								(size_t)out.v[0],
								ctx, depth + 1);
					}
					cx = ctx_get(r, ctx);
				}
			} else if (strncmp(a, "call:", 5) == 0) {
				int kk = fkey(r, fn->file, a + 5);
				const struct gl_fn *kf;

				if (kk < 0)
					continue;
				kf = &r->f->fns[kk];
				note(r, g, kf->file, kf->line, "1",
				     msg(r, GL_MSG_CALLS_NON_FILLER, kf->name));
				uncovered(r, kk, ctx, &out);
				if (out.n > 0)
					explain(r, g, kk, (size_t)out.v[0], ctx,
						depth + 1);
			}
		}
		free(at);
	}
	free(cl);
	free(list.v);
	free(out.v);
}

static int seen_add(struct res *r, char ***seen, size_t *n, size_t *cap,
		    const char *s)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (streq((*seen)[i], s))
			return 1;
	*seen = (char **)gl_grow(*seen, cap, *n + 1, sizeof(**seen));
	(*seen)[(*n)++] = gl_pool_strdup(r->pool, s);
	return 0;
}

/* The atoms of the covers of K's nonzero returns, each once, in order
 * (pool strings; the array is the caller's to free). */
static size_t nonzero_atoms(struct res *r, int k, char ***out)
{
	char **seen = NULL, **at;
	size_t nseen = 0, capseen = 0, i, j, na;

	for (i = 0; i < nrets(r, k); i++) {
		const struct gl_ret *rt = ret_of(r, k, i);
		char *c;

		if (!streq(rt->cls, "nonzero"))
			continue;
		c = gl_pool_strdup(r->pool, rt->cover);
		for (j = 0; c[j]; j++)
			if (c[j] == '&')
				c[j] = '|';
		na = split(r, c, '|', &at);
		for (j = 0; j < na; j++)
			seen_add(r, &seen, &nseen, &capseen, at[j]);
		free(at);
	}
	*out = seen;
	return nseen;
}

/* How entry point K of driver D reaches the gather, as a short chain:
 * its calls, the formats it delegates to, the tlb_add_page callbacks. */
static const char *chain_of(struct res *r, int k, const char *d)
{
	struct gl_buf s = { NULL, 0, 0 };
	char **at;
	size_t j, na, m;
	struct ilist list = { NULL, 0, 0 };
	const char *res;

#define SEP() gl_buf_add(&s, s.len ? ", " : "")
	na = nonzero_atoms(r, k, &at);
	for (j = 0; j < na; j++) {
		if (strncmp(at[j], "call:", 5) == 0) {
			SEP();
			gl_buf_printf(&s, "%s()", at[j] + 5);
		} else if (streq(at[j], "fmt")) {
			struct ctx *cx = driver_fmts(r, d);
			struct gl_buf tl = { NULL, 0, 0 };
			size_t o;

			for (m = 0; m < cx->nfmts; m++) {
				const char *file = fmt_file(r, cx->fmts[m]);
				const char *u = "";

				list.n = 0;
				if (file)
					fmt_unmaps(r, file, &list);
				if (list.n)
					u = r->f->fns[list.v[list.n - 1]].name;
				SEP();
				gl_buf_add(&s, cx->fmts[m]);
				if (u[0])
					gl_buf_printf(&s, " %s()", u);
			}
			if (cx->nfmts == 0) {
				SEP();
				gl_buf_add(&s, "io_pgtable_ops (format not bound)");
			}
			for (o = 0; o < r->f->nops; o++) {
				const struct gl_ops *op = &r->f->ops[o];
				const char *fn;

				if (!streq(op->file, d) ||
				    !is_flushops(op->type))
					continue;
				fn = field_func(op, tlbaddcb_field());
				if (!fn)
					fn = "NULL";
				gl_buf_add(&tl, tl.len ? "/" : "");
				if (is_null(fn))
					gl_buf_add(&tl, "none");
				else
					gl_buf_printf(&tl, "%s()", fn);
			}
			gl_buf_printf(&s, " -> tlb_add_page %s",
				      tl.len ? tl.s : "none");
			gl_buf_free(&tl);
		} else if (streq(at[j], "tlbadd")) {
			SEP();
			gl_buf_add(&s, "io_pgtable_tlb_add_page()");
		}
	}
	free(at);
#undef SEP
	res = R(r, s.len ? s.s : "direct");
	gl_buf_free(&s);
	free(list.v);
	return res;
}

/* ---- the passes ------------------------------------------------------------------ */

/* Has ops object O an .iotlb_sync (lib/gather-api.txt: sync rows)? */
static int ops_has_sync(const struct gl_ops *o)
{
	const struct gatherlint_vocab_entry *v;

	for (v = gatherlint_vocab; v->kind; v++) {
		const char *sy;

		if (!streq(v->kind, "sync") || !v->arg || !streq(v->arg, o->type))
			continue;
		if (streq(v->name, "*"))
			return 1;
		sy = field_func(o, v->name);
		if (sy && !is_null(sy))
			return 1;
	}
	return 0;
}

/* Entry points: the entry rows of lib/gather-api.txt (field, ops type). */
static void find_entries(struct res *r)
{
	const struct gatherlint_vocab_entry *v;
	size_t i;

	for (i = 0; i < r->f->nops; i++) {
		const struct gl_ops *o = &r->f->ops[i];

		for (v = gatherlint_vocab; v->kind; v++) {
			const char *fn;
			int k, sync;

			if (!streq(v->kind, "entry") || !v->arg ||
			    !streq(v->arg, o->type))
				continue;
			fn = field_func(o, v->name);
			if (!fn || is_null(fn))
				continue;
			k = fkey(r, o->file, fn);
			if (k < 0)
				continue;
			sync = ops_has_sync(o);
			if (r->entry_of[k] < 0) {
				struct entry *e;

				r->entries = (struct entry *)gl_grow(r->entries,
					&r->capentries, r->nentries + 1,
					sizeof(*r->entries));
				e = &r->entries[r->nentries];
				e->fn = k;
				e->ops = (int)i;
				e->sync = sync;
				e->field = v->name;
				r->entry_of[k] = (int)r->nentries++;
			} else if (sync && !r->entries[r->entry_of[k]].sync) {
				r->entries[r->entry_of[k]].sync = 1;
				r->entries[r->entry_of[k]].ops = (int)i;
			}
		}
	}
}

static void find_format_unmaps(struct res *r)
{
	const char *fld;
	size_t i;
	int j;

	for (i = 0; i < r->f->nops; i++) {
		const struct gl_ops *o = &r->f->ops[i];

		for (j = 0; (fld = fmt_field(o->type, j)); j++) {
			const char *fn = field_func(o, fld);
			int k;

			if (!fn || is_null(fn))
				continue;
			k = fkey(r, o->file, fn);
			if (k < 0 || ihas(&r->fmtu, k))
				continue;
			ipush(&r->fmtu, k);
		}
	}
}

/* A direct call of FN (entry point K) with a NULL literal for its gather
 * parameter (a `nullcall` fact), or NULL. */
static const struct gl_nullcall *null_called(const struct res *r, int k)
{
	const struct gl_fn *fn = &r->f->fns[k];
	size_t i;

	if (streq(fn->gpos, "-"))
		return NULL;
	for (i = 0; i < r->f->nnullcalls; i++) {
		const struct gl_nullcall *c = &r->f->nullcalls[i];

		if (streq(c->arg, fn->gpos) && streq(c->callee, fn->name) &&
		    fkey(r, c->file, c->callee) == k)
			return c;
	}
	return NULL;
}

static void unfilled(struct res *r)
{
	struct ilist out = { NULL, 0, 0 };
	struct gl_report *rep = r->rep;
	size_t e, m;

	for (e = 0; e < r->nentries; e++) {
		const struct entry *en = &r->entries[e];
		const struct gl_fn *fn = &r->f->fns[en->fn];
		const struct gl_ops *o = &r->f->ops[en->ops];
		const struct gl_field *fl = gl_ops_field(o, en->field);
		const struct gl_ret *rt;
		const char *d = fn->file, *sev;
		size_t g;
		int fix;

		uncovered(r, en->fn, d, &out);
		if (out.n == 0)
			continue;
		rt = ret_of(r, en->fn, (size_t)out.v[0]);
		sev = gl_core_severity(r->state, en->sync);
		g = emit(r, GL_RULE_UNMAP_GATHER_UNFILLED, d, rt->line, rt->col,
			 fn->name, sev, msg(r, GL_MSG_UNFILLED, fn->name,
			 gl_core_text(r->state, en->sync)));
		note(r, g, o->file, fl ? fl->line : o->line, "1",
		     msg(r, GL_MSG_ENTRY_POINT, en->field, o->type, o->id,
			 gl_msgs[en->sync ? GL_MSG_HAS_SYNC : GL_MSG_NO_SYNC]));
		explain(r, g, en->fn, (size_t)out.v[0], d, 0);
		for (m = 1; m < out.n; m++) {
			const struct gl_ret *rm = ret_of(r, en->fn, (size_t)out.v[m]);

			note(r, g, d, rm->line, rm->col,
			     msg(r, GL_MSG_ALSO_RETURNS, rm->expr));
		}
		/* Never add a range where a gather-using driver's add_page
		 * would see it (it would defeat
		 * iommu_iotlb_gather_is_disjoint()). */
		fix = gl_severity_rank(sev) >= gl_severity_rank(r->fixmin);
		if (fix && tlbadd_ok(r, d)) {
			note(r, g, d, rt->line, rt->col,
			     gl_msgs[GL_MSG_NOT_FIXED_ADD_PAGE]);
		} else if (fix) {
			const struct gl_nullcall *nc = null_called(r, en->fn);

			if (nc)
				note(r, g, nc->file, nc->line, "1",
				     msg(r, GL_MSG_NULL_CALLED, fn->name,
					 nc->caller));
			for (m = 0; m < out.n; m++) {
				const struct gl_ret *rm =
					ret_of(r, en->fn, (size_t)out.v[m]);
				struct gl_fix *x;

				rep->fixes = (struct gl_fix *)gl_grow(rep->fixes,
					&rep->capfixes, rep->nfixes + 1,
					sizeof(*rep->fixes));
				x = &rep->fixes[rep->nfixes++];
				x->file = R(r, d);
				x->line = R(r, rm->line);
				x->func = R(r, fn->name);
				x->gather = R(r, fn->gather);
				x->iova = R(r, fn->iova);
				x->expr = R(r, rm->expr);
				x->guard = R(r, nc ? "null" : "-");
			}
		}
	}
	free(out.v);
}

static void entry_table(struct res *r)
{
	struct ilist out = { NULL, 0, 0 };
	struct gl_report *rep = r->rep;
	size_t e;

	for (e = 0; e < r->nentries; e++) {
		const struct entry *en = &r->entries[e];
		const struct gl_fn *fn = &r->f->fns[en->fn];
		const struct gl_ops *o = &r->f->ops[en->ops];
		struct gl_entry *x;

		uncovered(r, en->fn, fn->file, &out);
		rep->entries = (struct gl_entry *)gl_grow(rep->entries,
			&rep->capentries, rep->nentries + 1,
			sizeof(*rep->entries));
		x = &rep->entries[rep->nentries++];
		x->file = R(r, fn->file);
		x->line = R(r, fn->line);
		x->func = R(r, fn->name);
		x->ops = gl_pool_printf(rep->pool, "%s %s .%s", o->type, o->id,
					en->field);
		x->sync = en->sync ? "yes" : "no";
		x->chain = chain_of(r, en->fn, fn->file);
		x->verdict = out.n ? "MISSES" : "FILLS";
		x->sev = out.n ? gl_core_severity(r->state, en->sync) : "-";
	}
	free(out.v);
}

static void pgtable(struct res *r)
{
	struct ilist out = { NULL, 0, 0 };
	struct gl_map relied;
	char key[KEYLEN];
	size_t i, e, m;

	gl_map_init(&relied);
	for (i = 0; i < r->fmtu.n; i++) {
		int k = r->fmtu.v[i];
		const struct gl_fn *fn = &r->f->fns[k];
		const struct gl_ret *rt;
		size_t g;

		uncovered(r, k, "", &out);
		if (out.n == 0)
			continue;
		rt = ret_of(r, k, (size_t)out.v[0]);
		g = emit(r, GL_RULE_PGTABLE_GATHER_UNFILLED, fn->file, rt->line,
			 rt->col, fn->name, "note",
			 msg(r, GL_MSG_PGTABLE, fn->name));
		/* the drivers relying on it */
		for (e = 0; e < r->nentries; e++) {
			const struct gl_fn *ef = &r->f->fns[r->entries[e].fn];
			const char *d = ef->file;
			struct ctx *cx;

			gl_key2(key, sizeof(key), d, fn->name);
			snprintf(key + strlen(key), sizeof(key) - strlen(key),
				 "\034%d", k);
			if (gl_map_get(&relied, key) >= 0)
				continue;
			cx = driver_fmts(r, d);
			for (m = 0; m < cx->nfmts; m++) {
				const char *file = fmt_file(r, cx->fmts[m]);

				if (!file || !streq(file, fn->file))
					continue;
				gl_map_put(&relied, key, 0);
				note(r, g, d, ef->line, "1",
				     msg(r, GL_MSG_RELIED_ON, ef->name,
					 cx->fmts[m], gl_msgs[
					 ctx_get(r, d)->filler[k] ?
					 GL_MSG_RELIED_FILLS :
					 GL_MSG_RELIED_NOTHING]));
				break;
			}
		}
	}
	gl_map_free(&relied);
	free(out.v);
}

static void errnos(struct res *r)
{
	struct ilist done = { NULL, 0, 0 };
	size_t e, i;

	for (e = 0; e < r->nentries + r->fmtu.n; e++) {
		int k = e < r->nentries ? r->entries[e].fn
					: r->fmtu.v[e - r->nentries];
		const struct gl_fn *fn = &r->f->fns[k];

		if (ihas(&done, k) || !streq(fn->retkind, "size"))
			continue;
		ipush(&done, k);
		for (i = 0; i < nrets(r, k); i++) {
			const struct gl_ret *rt = ret_of(r, k, i);

			if (streq(rt->cls, "errno"))
				emit(r, GL_RULE_UNMAP_RETURNS_ERRNO, fn->file,
				     rt->line, rt->col, fn->name, "warning",
				     msg(r, GL_MSG_ERRNO, fn->name, rt->expr));
		}
	}
	free(done.v);
}

/* Sorts the findings by file, line, rule (then emission order). */
static void sort_findings(struct res *r)
{
	struct gl_report *rep = r->rep;
	size_t n = rep->nfindings, i, j;
	char **key = (char **)gl_xmalloc(n * sizeof(*key));
	size_t *idx = (size_t *)gl_xmalloc(n * sizeof(*idx));
	struct gl_finding *sorted;

	for (i = 0; i < n; i++) {
		const struct gl_finding *g = &rep->findings[i];

		key[i] = gl_pool_printf(r->pool, "%s\t%09ld\t%s\t%06zu",
					g->file, gl_num(g->line), g->rule, i + 1);
		idx[i] = i;
	}
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && strcmp(key[idx[j]], key[idx[j - 1]]) < 0; j--) {
			size_t t = idx[j];

			idx[j] = idx[j - 1];
			idx[j - 1] = t;
		}
	sorted = (struct gl_finding *)gl_xmalloc(n * sizeof(*sorted));
	for (i = 0; i < n; i++)
		sorted[i] = rep->findings[idx[i]];
	free(rep->findings);
	rep->findings = sorted;
	rep->capfindings = n;
	free(key);
	free(idx);
}

/* How many format unmaps driver context D reaches in scope. */
static size_t fmt_unmaps_in_scope(struct res *r, const char *d)
{
	struct ctx *c = driver_fmts(r, d);
	struct ilist l = { NULL, 0, 0 };
	size_t i, n = 0;

	for (i = 0; i < c->nfmts; i++) {
		const char *file = fmt_file(r, c->fmts[i]);

		if (!file)
			continue;
		l.n = 0;
		fmt_unmaps(r, file, &l);
		n += l.n;
	}
	free(l.v);
	return n;
}

static void add_assumed(struct res *r, const struct gl_fn *fn,
			const char *msg)
{
	struct gl_report *rep = r->rep;
	struct gl_assumed *a;

	rep->assumed = (struct gl_assumed *)gl_grow(rep->assumed,
		&rep->capassumed, rep->nassumed + 1, sizeof(*rep->assumed));
	a = &rep->assumed[rep->nassumed++];
	a->file = R(r, fn->file);
	a->line = R(r, fn->line);
	a->func = R(r, fn->name);
	a->msg = msg;
}

/*
 * One unit alone: what each entry point that fills takes on trust from
 * another unit, read on its own nonzero returns: a call of a function the
 * unit does not define, a format whose unmap is not in the unit.
 */
static void assumed(struct res *r)
{
	size_t e, j, na;
	char **at;

	for (e = 0; e < r->nentries && e < r->rep->nentries; e++) {
		int k = r->entries[e].fn;
		const struct gl_fn *fn = &r->f->fns[k];
		int fmt = 0;

		if (!streq(r->rep->entries[e].verdict, "FILLS"))
			continue;
		na = nonzero_atoms(r, k, &at);
		for (j = 0; j < na; j++) {
			if (strncmp(at[j], "call:", 5) == 0 &&
			    fkey(r, fn->file, at[j] + 5) < 0)
				add_assumed(r, fn, msg(r, GL_MSG_ASSUMED_CALL,
						       fn->name, at[j] + 5));
			else if (streq(at[j], "fmt") &&
				 fmt_unmaps_in_scope(r, fn->file) == 0 &&
				 tlbadd_ok(r, fn->file))
				fmt = 1;
		}
		if (fmt)
			add_assumed(r, fn, msg(r, GL_MSG_ASSUMED_FMT, fn->name));
		free(at);
	}
}

struct gl_report *gl_resolve(struct gl_facts *f,
			     const struct gl_resolve_opts *opts)
{
	struct res r;
	size_t i;

	memset(&r, 0, sizeof(r));
	r.f = f;
	r.core = opts && opts->core && opts->core[0] ? opts->core : "UNKNOWN";
	r.root = opts && opts->root ? opts->root : "";
	r.fixmin = opts && opts->fixmin && opts->fixmin[0] ? opts->fixmin
							    : "warning";
	r.state = gl_core_parse(r.core);
	r.pool = gl_pool_new();
	r.rep = gl_report_new();
	gl_map_init(&r.ctxmap);
	r.rets = (const struct gl_retlist **)gl_xmalloc((f->nfns + 1) *
							sizeof(*r.rets));
	r.entry_of = (int *)gl_xmalloc((f->nfns + 1) * sizeof(*r.entry_of));
	for (i = 0; i < f->nfns; i++) {
		r.rets[i] = gl_rets_of(f, f->fns[i].file, f->fns[i].name);
		r.entry_of[i] = -1;
	}

	/* the core finding, when the core is in the scope */
	if (f->probe_state && streq(f->probe_state, "EXPOSED") &&
	    !streq(f->probe_file, "-")) {
		size_t g = emit(&r, GL_RULE_CORE_EMPTY_GATHER_SKIP, f->probe_file,
				f->probe_line, "1", "iommu_iotlb_sync", "error",
				gl_msgs[GL_MSG_CORE_SKIP]);

		note(&r, g, f->probe_file, f->probe_line, "1", f->probe_detail);
	}
	find_entries(&r);
	find_format_unmaps(&r);
	solve(&r, "");
	for (i = 0; i < r.nentries; i++) {
		const char *d = f->fns[r.entries[i].fn].file;

		if (!ctx_get(&r, d)->solved)
			solve(&r, d);
	}
	unfilled(&r);
	entry_table(&r);
	if (opts && opts->alone)
		assumed(&r);
	pgtable(&r);
	errnos(&r);
	for (i = 0; i < f->nincs; i++) {
		const struct gl_incomplete *c = &f->incs[i];

		emit(&r, GL_RULE_ANALYSIS_INCOMPLETE, c->file, c->line, "1",
		     c->name, "warning", streq(c->name, "-") ?
		     msg(&r, GL_MSG_INCOMPLETE_FILE, c->reason) :
		     msg(&r, GL_MSG_INCOMPLETE_FN, c->name, c->reason));
	}
	sort_findings(&r);

	for (i = 0; i < r.nctxs; i++) {
		free(r.ctxs[i].filler);
		free(r.ctxs[i].fmts);
	}
	free(r.ctxs);
	gl_map_free(&r.ctxmap);
	free(r.entries);
	free(r.entry_of);
	free(r.rets);
	free(r.fmtu.v);
	gl_pool_free(r.pool);
	return r.rep;
}
