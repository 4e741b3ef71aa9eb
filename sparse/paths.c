// SPDX-License-Identifier: GPL-2.0
/*
 * paths.c - gatherlint-sparse: the path states (per env of the tracked
 * variables: covered, and a CNF over the candidate atoms of the uncovered
 * paths), the events applied to them, the edges taken, the solver.
 */
#include "gls.h"

/* ---- path states ---- */

static int subset(clause a, clause b)
{
	return (a & ~b) == 0;
}

void cl_add(clause **v, int *n, clause c)
{
	int i;

	for (i = 0; i < *n; i++)
		if ((*v)[i] == c)
			return;
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[(*n)++] = c;
}

/* Keep only the minimal clauses; too many: one clause of every atom. */
void minimise(clause **v, int *n)
{
	int i, j, k = 0;

	for (i = 0; i < *n; i++) {
		int dom = 0;

		for (j = 0; j < *n && !dom; j++)
			if (j != i && (*v)[j] != (*v)[i] &&
			    subset((*v)[j], (*v)[i]))
				dom = 1;
		if (!dom)
			(*v)[k++] = (*v)[i];
	}
	*n = k;
	if (*n > GL_MAX_CLAUSES) {
		clause u = 0;

		for (i = 0; i < *n; i++)
			u |= (*v)[i];
		(*v)[0] = u;
		*n = 1;
	}
}

void ps_free(struct pstate *s)
{
	int i;

	for (i = 0; i < s->n; i++)
		free(s->e[i].cl);
	free(s->e);
	s->e = NULL;
	s->n = 0;
}

void ps_copy(struct pstate *d, const struct pstate *s)
{
	int i;

	d->n = s->n;
	d->e = xrealloc(NULL, (s->n + 1) * sizeof(*d->e));
	for (i = 0; i < s->n; i++) {
		d->e[i] = s->e[i];
		d->e[i].cl = xrealloc(NULL, (s->e[i].ncl + 1) * sizeof(clause));
		if (s->e[i].ncl)
			memcpy(d->e[i].cl, s->e[i].cl,
			       s->e[i].ncl * sizeof(clause));
	}
}

/* Merges entry (z, nz, covered, cl) into S. */
static void ps_put(struct pstate *s, unsigned z, unsigned nz, int covered,
		   const clause *cl, int ncl)
{
	struct pentry *e = NULL;
	int i;

	for (i = 0; i < s->n; i++)
		if (s->e[i].z == z && s->e[i].nz == nz)
			e = &s->e[i];
	if (!e) {
		s->e = xrealloc(s->e, (s->n + 1) * sizeof(*s->e));
		e = &s->e[s->n++];
		memset(e, 0, sizeof(*e));
		e->z = z;
		e->nz = nz;
	}
	e->covered = e->covered || covered;
	for (i = 0; i < ncl; i++)
		cl_add(&e->cl, &e->ncl, cl[i]);
	minimise(&e->cl, &e->ncl);
}

static int ps_equal(const struct pstate *a, const struct pstate *b)
{
	int i, j, k;

	if (a->n != b->n)
		return 0;
	for (i = 0; i < a->n; i++) {
		const struct pentry *x = &a->e[i], *y = NULL;

		for (j = 0; j < b->n; j++)
			if (b->e[j].z == x->z && b->e[j].nz == x->nz)
				y = &b->e[j];
		if (!y || y->covered != x->covered || y->ncl != x->ncl)
			return 0;
		for (k = 0; k < x->ncl; k++) {
			int f = 0;

			for (j = 0; j < y->ncl; j++)
				f |= y->cl[j] == x->cl[k];
			if (!f)
				return 0;
		}
	}
	return 1;
}

static void bound_envs(struct pstate *s, int keep)
{
	unsigned mask;
	int round, i;

	if (s->n <= GL_MAX_ENVS)
		return;
	mask = keep >= 32 ? ~0u : ((1u << keep) - 1);
	for (round = 0; round < 2 && s->n > GL_MAX_ENVS; round++) {
		struct pstate out = { NULL, 0 };

		for (i = 0; i < s->n; i++)
			ps_put(&out, s->e[i].z & mask, s->e[i].nz & mask,
			       s->e[i].covered, s->e[i].cl, s->e[i].ncl);
		ps_free(s);
		*s = out;
		mask = 0;
	}
}

static void do_cover(struct pstate *s)
{
	int i;

	for (i = 0; i < s->n; i++) {
		if (s->e[i].ncl)
			s->e[i].covered = 1;
		s->e[i].ncl = 0;
	}
}

int env_val(unsigned z, unsigned nz, int v)
{
	if (v < 0)
		return -1;
	if (z & (1u << v))
		return 0;
	if (nz & (1u << v))
		return 1;
	return -1;
}

void env_set(unsigned *z, unsigned *nz, int v, int val)
{
	unsigned b;

	if (v < 0)
		return;
	b = 1u << v;
	*z &= ~b;
	*nz &= ~b;
	if (val == 0)
		*z |= b;
	else if (val == 1)
		*nz |= b;
}

static void apply_event(struct fa *fa, struct pstate *st, const struct event *e)
{
	int i, j;

	switch (e->kind) {
	case EV_COVER:
		do_cover(st);
		break;
	case EV_ATOM:
		for (i = 0; i < st->n; i++) {
			clause *n = NULL;
			int nn = 0;

			for (j = 0; j < st->e[i].ncl; j++)
				cl_add(&n, &nn, st->e[i].cl[j] |
				       ((clause)1 << e->atom));
			minimise(&n, &nn);
			free(st->e[i].cl);
			st->e[i].cl = n;
			st->e[i].ncl = nn;
		}
		break;
	case EV_DEF: {
		struct pstate out = { NULL, 0 };

		for (i = 0; i < st->n; i++) {
			unsigned z = st->e[i].z, nz = st->e[i].nz;
			int val;

			if (e->inc)
				val = env_val(z, nz, e->var) >= 0 ? 1 : -1;
			else
				val = eval(fa, e->val, z, nz, 0);
			env_set(&z, &nz, e->var, val);
			ps_put(&out, z, nz, st->e[i].covered, st->e[i].cl,
			       st->e[i].ncl);
		}
		ps_free(st);
		*st = out;
		bound_envs(st, fa->keep);
		break;
	}
	}
}

static int refine_env(unsigned *z, unsigned *nz, const struct refine *r)
{
	int va = env_val(*z, *nz, r->a), vb = env_val(*z, *nz, r->b);

	switch (r->kind) {
	case R_ZERO:
		if (va == 1)
			return 0;
		env_set(z, nz, r->a, 0);
		break;
	case R_NZ:
		if (va == 0)
			return 0;
		env_set(z, nz, r->a, 1);
		break;
	case R_LT_T:
		if (va == 0) {
			if (vb == 0)
				return 0;
			env_set(z, nz, r->b, 1);
		}
		break;
	case R_LT_F:
		if (va == 0) {
			if (vb == 1)
				return 0;
			env_set(z, nz, r->b, 0);
		}
		break;
	case R_EQ:
		if ((va == 0 && vb == 1) || (va == 1 && vb == 0))
			return 0;
		if (va == 0)
			env_set(z, nz, r->b, 0);
		else if (vb == 0)
			env_set(z, nz, r->a, 0);
		break;
	case R_NE:
		if (va == 0 && vb == 0)
			return 0;
		if (va == 0)
			env_set(z, nz, r->b, 1);
		else if (vb == 0)
			env_set(z, nz, r->a, 1);
		break;
	}
	return 1;
}

void add_ref(struct edge *e, enum ref_kind kind, int a, int b)
{
	if (!e || a < 0 || (kind >= R_LT_T && b < 0))
		return;
	e->refs = xrealloc(e->refs, (e->nrefs + 1) * sizeof(*e->refs));
	e->refs[e->nrefs].kind = kind;
	e->refs[e->nrefs].a = a;
	e->refs[e->nrefs].b = b;
	e->nrefs++;
}

void transfer(struct fa *fa, int b, struct pstate *st, int upto)
{
	struct block *bl = &fa->bl[b];
	int n = upto < 0 ? bl->nev : upto, i;

	for (i = 0; i < n; i++)
		apply_event(fa, st, &bl->ev[i]);
}

/* The state after edge E: covers, value tests; 0 if it cannot be taken. */
static int take_edge(struct edge *e, struct pstate *o)
{
	struct pstate n = { NULL, 0 };
	int i, j;

	if (e->queued)
		do_cover(o);
	if (!e->nrefs)
		return o->n > 0;
	for (i = 0; i < o->n; i++) {
		unsigned z = o->e[i].z, nz = o->e[i].nz;
		int ok = 1;

		for (j = 0; j < e->nrefs && ok; j++)
			ok = refine_env(&z, &nz, &e->refs[j]);
		if (ok)
			ps_put(&n, z, nz, o->e[i].covered, o->e[i].cl,
			       o->e[i].ncl);
	}
	ps_free(o);
	*o = n;
	return o->n > 0;
}

/* Forward dataflow from the entry block; 0 when over budget. */
int solve(struct fa *fa, int entry)
{
	int *work = xrealloc(NULL, (fa->nbl + 1) * sizeof(int));
	int nwork = 0, i;
	long budget = 400L * (fa->nbl + 4);

	for (i = 0; i < fa->nbl; i++) {
		fa->bl[i].reached = 0;
		fa->bl[i].inwork = 0;
	}
	ps_put(&fa->bl[entry].in, 0, 0, 0, (clause[]){ 0 }, 1);
	fa->bl[entry].reached = 1;
	work[nwork++] = entry;
	fa->bl[entry].inwork = 1;
	while (nwork) {
		int b = work[--nwork];
		struct pstate out;

		fa->bl[b].inwork = 0;
		if (--budget < 0) {
			free(work);
			return 0;
		}
		ps_copy(&out, &fa->bl[b].in);
		transfer(fa, b, &out, -1);
		for (i = 0; i < fa->bl[b].nout; i++) {
			struct edge *e = &fa->bl[b].out[i];
			struct block *d = &fa->bl[e->dst];
			struct pstate o, before = { NULL, 0 };
			int k, same;

			ps_copy(&o, &out);
			if (!take_edge(e, &o)) {
				ps_free(&o);
				continue;
			}
			if (!d->reached) {
				d->reached = 1;
				d->in = o;
				bound_envs(&d->in, fa->keep);
			} else {
				ps_copy(&before, &d->in);
				for (k = 0; k < o.n; k++)
					ps_put(&d->in, o.e[k].z, o.e[k].nz,
					       o.e[k].covered, o.e[k].cl,
					       o.e[k].ncl);
				bound_envs(&d->in, fa->keep);
				same = ps_equal(&before, &d->in);
				ps_free(&before);
				ps_free(&o);
				if (same)
					continue;
			}
			if (!d->inwork) {
				d->inwork = 1;
				work[nwork++] = e->dst;
			}
		}
		ps_free(&out);
	}
	free(work);
	return 1;
}

