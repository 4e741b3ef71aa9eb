// SPDX-License-Identifier: GPL-2.0
/*
 * events.c - gatherlint-sparse: what a path passes, on sparse's
 * instructions (the gather and its aliases; fills, flushes, candidate calls
 * of call:NAME, fmt and tlbadd; queued guards and NULL tests).
 */
#include "gls.h"
#include "gather_api.h"

/* ------------------------------------------------------------------ */
/* The path analysis (sparse's basic blocks, before SSA)               */

static int atom_id(struct fa *fa, const char *a)
{
	int i;

	for (i = 0; i < fa->natoms; i++)
		if (!strcmp(fa->atoms[i], a))
			return i;
	if (fa->natoms >= GL_MAX_ATOMS)
		return -1;
	fa->atoms[fa->natoms] = sdup(a);
	return fa->natoms++;
}

int block_of(struct basic_block *bb)
{
	return bb ? (int)(intptr_t)bb->priv - 1 : -1;
}

struct instruction *def_of(pseudo_t p)
{
	return p && p->type == PSEUDO_REG ? p->def : NULL;
}

int is_cast_op(int op)
{
	return op == OP_TRUNC || op == OP_ZEXT || op == OP_SEXT ||
	       op == OP_PTRCAST || op == OP_UTPTR || op == OP_PTRTU ||
	       op == OP_COPY;
}

static pseudo_t strip_cast(pseudo_t p)
{
	struct instruction *d;
	int n = 0;

	while ((d = def_of(p)) && is_cast_op(d->opcode) && n++ < 16)
		p = d->src;
	return p;
}

int scalar_sym(struct symbol *s)
{
	struct symbol *t = strip_node(s->ctype.base_type);

	if (!t)
		return 0;
	if (t->type == SYM_ENUM || t->type == SYM_PTR)
		return 1;
	return t->type == SYM_BASETYPE && is_int_type(t);
}

/* The local variable P is a plain load of, or NULL. */
static struct symbol *load_var(pseudo_t p)
{
	struct instruction *d = def_of(strip_cast(p));
	struct symbol *s;

	if (!d || d->opcode != OP_LOAD || d->offset != 0 ||
	    d->src->type != PSEUDO_SYM)
		return NULL;
	s = d->src->sym;
	if (!s || !scalar_sym(s))
		return NULL;
	return s;
}

int local_sym(struct symbol *s)
{
	return s && !(s->ctype.modifiers &
		      (MOD_STATIC | MOD_EXTERN | MOD_TOPLEVEL | MOD_ADDRESSABLE));
}

int is_gvar(struct fa *fa, pseudo_t p)
{
	struct symbol *s = load_var(p);
	int i;

	if (!s)
		return 0;
	for (i = 0; i < fa->ngvars; i++)
		if (fa->gvars[i] == s)
			return 1;
	return 0;
}

pseudo_t call_arg(struct instruction *call, int idx)
{
	pseudo_t a;
	int i = 0;

	FOR_EACH_PTR(call->arguments, a) {
		if (i++ == idx)
			return a;
	} END_FOR_EACH_PTR(a);
	return NULL;
}

static int call_has_arg(struct fa *fa, struct instruction *call, int idx)
{
	pseudo_t a;

	if (idx >= 0)
		return (a = call_arg(call, idx)) && is_gvar(fa, a);
	FOR_EACH_PTR(call->arguments, a) {
		if (is_gvar(fa, a))
			return 1;
	} END_FOR_EACH_PTR(a);
	return 0;
}

const char *direct_callee(struct instruction *call)
{
	pseudo_t f = call->func;

	if (f && f->type == PSEUDO_SYM && is_function_sym(f->sym))
		return idname(f->sym->ident);
	return NULL;
}

/* g->start or g->end: a memory access through a gather value (the
 * gather pointer itself, not a carrier's parameter) */
int gather_range_ref(struct fa *fa, struct instruction *insn)
{
	if (insn->opcode != OP_LOAD && insn->opcode != OP_STORE)
		return 0;
	if (insn->offset != fa->start_off && insn->offset != fa->end_off)
		return 0;
	return is_gvar(fa, insn->src) &&
	       is_gather_ptr(load_var(insn->src)->ctype.base_type);
}

/* &s or &s.m...: the address of a local that holds the gather in a member */
static int gstruct_addr(struct fa *fa, pseudo_t p)
{
	struct instruction *d;
	int i;

	p = strip_cast(p);
	d = def_of(p);
	if (d && d->opcode == OP_ADD && d->src2->type == PSEUDO_VAL) {
		p = strip_cast(d->src1);
		d = def_of(p);
	}
	if (d && d->opcode == OP_SYMADDR)
		p = d->src;
	if (!p || p->type != PSEUDO_SYM)
		return 0;
	for (i = 0; i < fa->ngstructs; i++)
		if (fa->gstructs[i] == p->sym)
			return 1;
	return 0;
}

/*
 * A call of a carrier of this unit (a function that loads the gather from
 * a member of its parameter) with the address of a local that holds it.
 */
static int gstruct_call(struct fa *fa, struct instruction *call,
			const char *callee)
{
	struct fninfo *f = fn_find(callee);
	pseudo_t a;

	if (!fa->ngstructs || !f || !f->carrier)
		return 0;
	FOR_EACH_PTR(call->arguments, a) {
		if (gstruct_addr(fa, a))
			return 1;
	} END_FOR_EACH_PTR(a);
	return 0;
}

/* The summary of the callee NAME of this unit, or NULL. */
struct fninfo *summary_of(const char *name)
{
	struct fninfo *f = fn_find(name);

	return f && f->summarised ? f : NULL;
}

void ev_push(struct block *b, struct event e)
{
	b->ev = xrealloc(b->ev, (b->nev + 1) * sizeof(*b->ev));
	b->ev[b->nev++] = e;
}

/* Events of one call. */
void call_events(struct fa *fa, struct block *b, struct instruction *s)
{
	const char *n = direct_callee(s), *m;
	struct event e = { EV_COVER, -1, -1, 0, NULL };
	int arg;

	if (n) {
		const char *k = api_kind(n, &arg);
		struct fninfo *sm = summary_of(n);
		pseudo_t fa_arg = sm && sm->flush_param >= 0 ?
				  strip_cast(call_arg(s, sm->flush_param)) : NULL;

		/* a callee that flushes, given the constant passed for its flag */
		if (sm && (sm->flush_always ||
			   (fa_arg && fa_arg->type == PSEUDO_VAL &&
			    (fa_arg->value == 0) == sm->flush_zero))) {
			ev_push(b, e);
			return;
		}
		if (k && !strcmp(k, "fill")) {
			if (call_has_arg(fa, s, arg))
				ev_push(b, e);
			return;
		}
		if (k && !strcmp(k, "flush")) {
			ev_push(b, e);
			return;
		}
		if (k && !strcmp(k, "queued"))
			return;
		if (k && !strcmp(k, "tlbadd")) {
			if (call_has_arg(fa, s, arg)) {
				e.kind = EV_ATOM;
				e.atom = atom_id(fa, "tlbadd");
				if (e.atom >= 0)
					ev_push(b, e);
			}
			return;
		}
		if (call_has_arg(fa, s, -1) || gstruct_call(fa, s, n)) {
			char *a = fmt("call:%s", n);

			e.kind = EV_ATOM;
			e.atom = atom_id(fa, a);
			free(a);
			if (e.atom >= 0)
				ev_push(b, e);
		}
		return;
	}
	/* indirect: through a member of a struct */
	m = member_call_at(s->pos);
	if (!m)
		return;
	if (api_is(m, "flushcb", NULL)) {
		ev_push(b, e);
		return;
	}
	if (api_is(m, "tlbaddcb", &arg)) {
		if (call_has_arg(fa, s, arg)) {
			e.kind = EV_ATOM;
			e.atom = atom_id(fa, "tlbadd");
			if (e.atom >= 0)
				ev_push(b, e);
		}
		return;
	}
	if (!call_has_arg(fa, s, -1))
		return;
	e.kind = EV_ATOM;
	if (gatherlint_vocab_find("fmtunmap", m, NULL)) {
		e.atom = atom_id(fa, "fmt");
	} else {
		char *a = fmt("call:%s", m);

		e.atom = atom_id(fa, a);
		free(a);
	}
	if (e.atom >= 0)
		ev_push(b, e);
}

/* Queued polarity of a value: +1 queued when nonzero, -1 when zero. */
static int qpol(struct fa *fa, pseudo_t p, int depth)
{
	struct instruction *d = def_of(p);
	int i, arg;

	if (!d || depth > 12)
		return 0;
	switch (d->opcode) {
	case OP_CALL: {
		const char *n = direct_callee(d);

		if (!n)
			return 0;
		if (api_is(n, "queued", &arg) && call_has_arg(fa, d, arg))
			return 1;
		if (!strcmp(n, "__builtin_expect"))
			return qpol(fa, call_arg(d, 0), depth + 1);
		return 0;
	}
	case OP_LOAD:
		if (d->src->type != PSEUDO_SYM || d->offset)
			return 0;
		for (i = 0; i < fa->nq; i++)
			if (fa->qsyms[i] == d->src->sym)
				return fa->qpols[i];
		return 0;
	case OP_SET_EQ:
	case OP_SET_NE:
		if (d->src2->type != PSEUDO_VAL ||
		    (d->src2->value != 0 && d->src2->value != 1))
			return 0;
		return ((d->opcode == OP_SET_EQ) == (d->src2->value == 0) ? -1 : 1) *
		       qpol(fa, d->src1, depth + 1);
	case OP_XOR:
		if (d->src2->type == PSEUDO_VAL && d->src2->value == 1)
			return -qpol(fa, d->src1, depth + 1);
		return 0;
	case OP_NOT:
		return -qpol(fa, d->src, depth + 1);
	default:
		if (is_cast_op(d->opcode))
			return qpol(fa, d->src, depth + 1);
		return 0;
	}
}

void find_queued(struct fa *fa)
{
	int i, round, changed = 1;

	for (round = 0; changed && round < 8; round++) {
		changed = 0;
		for (i = 0; i < fa->nbl; i++) {
			struct instruction *insn;

			FOR_EACH_PTR(fa->bl[i].bb->insns, insn) {
				struct symbol *s;
				int p, k, seen = 0;

				if (!insn->bb || !(s = store_var(insn)) ||
				    fa->nq >= 16)
					continue;
				for (k = 0; k < fa->nq; k++)
					seen |= fa->qsyms[k] == s;
				if (seen)
					continue;
				p = qpol(fa, insn->target, 0);
				if (p) {
					fa->qsyms[fa->nq] = s;
					fa->qpols[fa->nq++] = p;
					changed = 1;
				}
			} END_FOR_EACH_PTR(insn);
		}
	}
	for (i = 0; i < fa->nbl; i++) {
		struct block *b = &fa->bl[i];
		struct instruction *last = last_insn(b->bb);
		struct edge *te, *fe;
		struct cond c;
		int p;

		if (!last || last->opcode != OP_CBR ||
		    last->bb_true == last->bb_false)
			continue;
		te = edge_to(b, block_of(last->bb_true));
		fe = edge_to(b, block_of(last->bb_false));
		p = qpol(fa, last->cond, 0);
		if (p > 0 && te)
			te->queued = 1;
		if (p < 0 && fe)
			fe->queued = 1;
		/* the gather tested against NULL: the NULL edge needs no fill */
		norm_cond(last->cond, &c);
		if ((c.code == C_EQ || c.code == C_NE) && is_gvar(fa, c.l) &&
		    c.r->type == PSEUDO_VAL && c.r->value == 0) {
			if (c.code == C_EQ && te)
				te->queued = 1;
			if (c.code == C_NE && fe)
				fe->queued = 1;
		}
	}
}

