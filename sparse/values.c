// SPDX-License-Identifier: GPL-2.0
/*
 * values.c - gatherlint-sparse: the values of stores and returns, read
 * one operation deep as GIMPLE reads them; the tracked variables and what
 * the branches and switches teach about them.
 */
#include "gls.h"

/*
 * Values are read as the GCC plugin reads GIMPLE before SSA: a statement's
 * operands are constants or variables; anything computed is a temporary
 * whose value is not known.  So a value is looked into one level deep: a
 * store or a return computes one operation (or one conversion) of
 * operands, and a test compares two operands.  Pointer casts change
 * nothing (GCC drops them); other conversions make a temporary.
 */
struct symbol *direct_var(pseudo_t p)
{
	struct instruction *d = def_of(p);
	int n = 0;

	while (d && d->opcode == OP_PTRCAST && n++ < 8)
		d = def_of(d->src);
	if (!d || d->opcode != OP_LOAD || d->offset != 0 ||
	    d->src->type != PSEUDO_SYM || !d->src->sym ||
	    !scalar_sym(d->src->sym))
		return NULL;
	return d->src->sym;
}

/* The variable an assignment's value was just stored to ("++i < n" tests
 * i, as GIMPLE reads it after the store), or NULL. */
static struct symbol *assigned_var(pseudo_t p)
{
	struct pseudo_user *pu;

	if (!p || p->type != PSEUDO_REG)
		return NULL;
	FOR_EACH_PTR(p->users, pu) {
		struct instruction *u = pu->insn;

		if (u && u->bb && u->opcode == OP_STORE && u->target == p &&
		    u->offset == 0 && u->src->type == PSEUDO_SYM &&
		    u->src->sym && scalar_sym(u->src->sym))
			return u->src->sym;
	} END_FOR_EACH_PTR(pu);
	return NULL;
}

static int var_index(struct fa *fa, pseudo_t p)
{
	struct symbol *s = direct_var(p) ? direct_var(p) : assigned_var(p);
	int i;

	if (!s)
		return -1;
	for (i = 0; i < fa->nvars; i++)
		if (fa->vars[i] == s)
			return i;
	return -1;
}

int sym_index(struct fa *fa, struct symbol *s)
{
	int i;

	for (i = 0; i < fa->nvars; i++)
		if (fa->vars[i] == s)
			return i;
	return -1;
}

/* An operand's value in env (z, nz): 0 zero, 1 nonzero, -1 unknown. */
int eval_operand(struct fa *fa, pseudo_t p, unsigned z, unsigned nz)
{
	int v;

	if (!p)
		return -1;
	if (p->type == PSEUDO_VAL)
		return p->value == 0 ? 0 : 1;
	v = var_index(fa, p);
	if (v < 0)	/* a conversion of a variable: the plugin reads the
			 * temporary "_3 = (long unsigned int) i;" as i */
		v = var_index(fa, strip_noop(p));
	return v >= 0 ? env_val(z, nz, v) : -1;
}

/* A tested condition's value (a ?: the expander made a select of). */
int eval_cond(struct fa *fa, pseudo_t p, unsigned z, unsigned nz)
{
	struct instruction *d = def_of(p);
	int v;

	if (d && (d->opcode == OP_SET_NE || d->opcode == OP_SET_EQ) &&
	    d->src2->type == PSEUDO_VAL && d->src2->value == 0) {
		v = eval_operand(fa, d->src1, z, nz);
		if (v < 0 || d->opcode == OP_SET_NE)
			return v;
		return !v;
	}
	return eval_operand(fa, p, z, nz);
}

/* Conversions and "x + 0", "x - 0" (GCC folds them: container_of of a
 * first member) stripped. */
pseudo_t strip_noop(pseudo_t p)
{
	struct instruction *d;
	int n = 0;

	while ((d = def_of(p)) && n++ < 16) {
		if (is_cast_op(d->opcode))
			p = d->src;
		else if ((d->opcode == OP_ADD || d->opcode == OP_SUB) &&
			 d->src2->type == PSEUDO_VAL && d->src2->value == 0)
			p = d->src1;
		else
			break;
	}
	return p;
}

/* The value a store or a return computes in env (z, nz). */
int eval(struct fa *fa, pseudo_t p, unsigned z, unsigned nz, int depth)
{
	struct instruction *d;
	pseudo_t q;
	int va, vb, v;

	if (!p || depth > 8)
		return -1;
	if (p->type == PSEUDO_VAL || direct_var(p))
		return eval_operand(fa, p, z, nz);
	q = strip_noop(p);
	if (q != p && (q->type == PSEUDO_VAL || direct_var(q)))
		return eval_operand(fa, q, z, nz);
	d = def_of(q);
	if (!d || d->opcode != OP_CALL)
		d = def_of(p);
	if (!d)
		return -1;
	if (is_cast_op(d->opcode))
		return eval_operand(fa, d->src, z, nz);
	switch (d->opcode) {
	case OP_CALL: {
		/* a helper of this unit whose returns are 0 when the
		 * parameter is, given 0 */
		struct fninfo *sm = summary_of(direct_callee(d));

		if (sm && sm->zero_param >= 0 &&
		    eval(fa, call_arg(d, sm->zero_param), z, nz, depth + 1) == 0)
			return 0;
		return -1;
	}
	case OP_MUL:
	case OP_AND:
		va = eval_operand(fa, d->src1, z, nz);
		vb = eval_operand(fa, d->src2, z, nz);
		return va == 0 || vb == 0 ? 0 : -1;
	case OP_SHL:
	case OP_LSR:
	case OP_ASR:
		return eval_operand(fa, d->src1, z, nz) == 0 ? 0 : -1;
	case OP_ADD:
	case OP_OR:
		va = eval_operand(fa, d->src1, z, nz);
		vb = eval_operand(fa, d->src2, z, nz);
		return va == 0 && vb == 0 ? 0 : -1;
	case OP_SEL:
		v = eval_cond(fa, d->src1, z, nz);
		va = eval_operand(fa, d->src2, z, nz);
		vb = eval_operand(fa, d->src3, z, nz);
		if (v == 1)
			return va;
		if (v == 0)
			return vb;
		return va == 0 && vb == 0 ? 0 : -1;
	default:
		return -1;
	}
}

/* ---- conditions, tracked variables ---- */

/* The test a branch on C makes, as "L CODE R". */
void norm_cond(pseudo_t c, struct cond *o)
{
	struct instruction *d = def_of(c);
	static const int mirror[] = { C_EQ, C_NE, C_GT, C_GE, C_LT, C_LE };

	o->uns = 0;
	o->code = C_NE;
	o->l = c;
	o->r = value_pseudo(0);
	if (!d)
		return;
	switch (d->opcode) {
	case OP_SET_EQ: o->code = C_EQ; break;
	case OP_SET_NE: o->code = C_NE; break;
	case OP_SET_LT: o->code = C_LT; break;
	case OP_SET_B: o->code = C_LT; o->uns = 1; break;
	case OP_SET_LE: o->code = C_LE; break;
	case OP_SET_BE: o->code = C_LE; o->uns = 1; break;
	case OP_SET_GT: o->code = C_GT; break;
	case OP_SET_A: o->code = C_GT; o->uns = 1; break;
	case OP_SET_GE: o->code = C_GE; break;
	case OP_SET_AE: o->code = C_GE; o->uns = 1; break;
	default:
		return;
	}
	o->l = d->src1;
	o->r = d->src2;
	if (o->l->type == PSEUDO_VAL && o->r->type != PSEUDO_VAL) {
		pseudo_t t = o->l;

		o->l = o->r;
		o->r = t;
		o->code = mirror[o->code];
	}
	if (!o->uns && o->code != C_EQ && o->code != C_NE) {
		struct symbol *t = d->itype ? strip_node(d->itype) : NULL;

		if (t && (t->type == SYM_PTR ||
			  (t->ctype.modifiers & MOD_UNSIGNED)))
			o->uns = 1;
	}
}

static int trackable(struct symbol *s)
{
	return s && local_sym(s) && scalar_sym(s);
}

/* The trackable variables a value is computed from. */
void value_vars(pseudo_t p, struct symbol **out, int *n, int depth)
{
	struct instruction *d;
	struct symbol *s;

	if (!p || depth > 1 || *n >= 16)
		return;
	s = direct_var(p);
	if (!s)	/* through conversions and x +- 0 */
		s = direct_var(strip_noop(p));
	if (!s && depth)
		s = assigned_var(p);
	if (s) {
		if (trackable(s))
			out[(*n)++] = s;
		return;
	}
	d = def_of(p);
	if (!d || depth)	/* an operand that is computed: a temporary */
		return;
	if (d->opcode == OP_SEL) {
		value_vars(d->src2, out, n, 1);
		value_vars(d->src3, out, n, 1);
	} else if (d->opcode >= OP_ADD && d->opcode <= OP_SET_NE) {
		value_vars(d->src1, out, n, 1);
		value_vars(d->src2, out, n, 1);
	} else if (d->opcode >= OP_NOT && d->opcode <= OP_PTRCAST) {
		value_vars(d->src, out, n, 1);
	}
}

static void track(struct fa *fa, struct symbol *s, int *more)
{
	if (sym_index(fa, s) >= 0 || fa->nvars >= GL_MAX_VARS)
		return;
	fa->vars[fa->nvars++] = s;
	*more = 1;
}

struct instruction *last_insn(struct basic_block *bb)
{
	struct instruction *insn, *last = NULL;

	FOR_EACH_PTR(bb->insns, insn) {
		if (insn->bb)
			last = insn;
	} END_FOR_EACH_PTR(insn);
	return last;
}

/* A store to a local variable: the variable, else NULL. */
struct symbol *store_var(struct instruction *insn)
{
	if (insn->opcode != OP_STORE || insn->offset != 0 ||
	    insn->src->type != PSEUDO_SYM)
		return NULL;
	return insn->src->sym;
}

void find_tracked(struct fa *fa)
{
	int i, round, more = 1;
	struct symbol *vs[16];
	int n;

	for (i = 0; i < fa->nrets; i++) {
		n = 0;
		value_vars(fa->rets[i].val, vs, &n, 0);
		for (int k = 0; k < n; k++)
			track(fa, vs[k], &more);
	}
	for (round = 0; more && round < 6; round++) {
		more = 0;
		for (i = 0; i < fa->nbl; i++) {
			struct instruction *insn, *last;

			FOR_EACH_PTR(fa->bl[i].bb->insns, insn) {
				struct symbol *s;
				int k;

				if (!insn->bb || !(s = store_var(insn)) ||
				    sym_index(fa, s) < 0)
					continue;
				n = 0;
				value_vars(insn->target, vs, &n, 0);
				for (k = 0; k < n; k++)
					track(fa, vs[k], &more);
			} END_FOR_EACH_PTR(insn);
			last = last_insn(fa->bl[i].bb);
			if (last && last->opcode == OP_CBR) {
				struct cond c;
				struct symbol *a[16], *b[16];
				int na = 0, nb = 0;

				norm_cond(last->cond, &c);
				value_vars(c.l, a, &na, 1);
				value_vars(c.r, b, &nb, 1);
				if (na == 1 && nb == 1 &&
				    (sym_index(fa, a[0]) >= 0 ||
				     sym_index(fa, b[0]) >= 0)) {
					track(fa, a[0], &more);
					track(fa, b[0], &more);
				}
			}
		}
	}
	fa->keep = fa->nvars;
	/* the other scalars tested */
	for (i = 0; i < fa->nbl; i++) {
		struct instruction *last = last_insn(fa->bl[i].bb), *insn;
		struct symbol *a[16];
		int na = 0;

		if (last && last->opcode == OP_CBR) {
			struct cond c;

			norm_cond(last->cond, &c);
			value_vars(c.l, a, &na, 1);
		} else if (last && last->opcode == OP_SWITCH) {
			value_vars(last->cond, a, &na, 1);
		}
		if (na == 1 && strip_node(a[0]->ctype.base_type)->type != SYM_PTR)
			track(fa, a[0], &more);
		/* a ?: the expander made a select: its condition is a test */
		FOR_EACH_PTR(fa->bl[i].bb->insns, insn) {
			if (!insn->bb || insn->opcode != OP_SEL)
				continue;
			na = 0;
			value_vars(insn->src1, a, &na, 1);
			if (na == 1 &&
			    strip_node(a[0]->ctype.base_type)->type != SYM_PTR)
				track(fa, a[0], &more);
		} END_FOR_EACH_PTR(insn);
	}
}

struct edge *edge_to(struct block *b, int dst)
{
	int i;

	for (i = 0; i < b->nout; i++)
		if (b->out[i].dst == dst)
			return &b->out[i];
	return NULL;
}

void add_edge(struct block *b, int dst)
{
	if (dst < 0 || edge_to(b, dst))
		return;
	b->out = xrealloc(b->out, (b->nout + 1) * sizeof(*b->out));
	memset(&b->out[b->nout], 0, sizeof(*b->out));
	b->out[b->nout++].dst = dst;
}

void find_value_tests(struct fa *fa)
{
	int i;

	for (i = 0; i < fa->nbl; i++) {
		struct block *b = &fa->bl[i];
		struct instruction *last = last_insn(b->bb);
		struct edge *te, *fe;
		struct cond c;
		int a, bv, n0, k;

		if (!last)
			continue;
		if (last->opcode == OP_SWITCH) {
			struct multijmp *j;
			int v = var_index(fa, last->cond), has_zero = 0;

			if (v < 0)
				continue;
			FOR_EACH_PTR(last->multijmp_list, j) {
				struct edge *e = edge_to(b, block_of(j->target));
				int z, r0;

				if (!e || j->begin > j->end)
					continue;
				z = j->begin == 0 && j->end == 0;
				r0 = j->begin != j->end && j->begin <= 0 &&
				     j->end >= 0;
				has_zero = has_zero || z || r0;
				e->kind |= r0 ? 3 : (z ? 1 : 2);
			} END_FOR_EACH_PTR(j);
			FOR_EACH_PTR(last->multijmp_list, j) {
				struct edge *e = edge_to(b, block_of(j->target));

				if (e && j->begin > j->end)
					e->kind |= has_zero ? 2 : 3;
			} END_FOR_EACH_PTR(j);
			for (k = 0; k < b->nout; k++) {
				if (b->out[k].kind == 1)
					add_ref(&b->out[k], R_ZERO, v, -1);
				else if (b->out[k].kind == 2)
					add_ref(&b->out[k], R_NZ, v, -1);
			}
			continue;
		}
		if (last->opcode != OP_CBR || last->bb_true == last->bb_false)
			continue;
		te = edge_to(b, block_of(last->bb_true));
		fe = edge_to(b, block_of(last->bb_false));
		norm_cond(last->cond, &c);
		a = var_index(fa, c.l);
		bv = var_index(fa, c.r);
		n0 = (te ? te->nrefs : 0) + (fe ? fe->nrefs : 0);
		if (a >= 0 && c.r->type == PSEUDO_VAL) {
			int zero = c.r->value == 0;

			if (zero && c.code == C_NE) {
				add_ref(te, R_NZ, a, -1);
				add_ref(fe, R_ZERO, a, -1);
			} else if (zero && c.code == C_EQ) {
				add_ref(te, R_ZERO, a, -1);
				add_ref(fe, R_NZ, a, -1);
			} else if (zero && c.code == C_GT) {
				add_ref(te, R_NZ, a, -1);
				if (c.uns)
					add_ref(fe, R_ZERO, a, -1);
			} else if (zero && c.code == C_LE) {
				add_ref(fe, R_NZ, a, -1);
				if (c.uns)
					add_ref(te, R_ZERO, a, -1);
			} else if (!zero && c.code == C_EQ) {
				add_ref(te, R_NZ, a, -1);
			} else if (!zero && c.code == C_NE) {
				add_ref(fe, R_NZ, a, -1);
			}
		} else if (a >= 0 && bv >= 0) {
			switch (c.code) {
			case C_LT:
				add_ref(te, R_LT_T, a, bv);
				add_ref(fe, R_LT_F, a, bv);
				break;
			case C_GT:
				add_ref(te, R_LT_T, bv, a);
				add_ref(fe, R_LT_F, bv, a);
				break;
			case C_LE:
				add_ref(te, R_LT_F, bv, a);
				add_ref(fe, R_LT_T, bv, a);
				break;
			case C_GE:
				add_ref(te, R_LT_F, a, bv);
				add_ref(fe, R_LT_T, a, bv);
				break;
			case C_EQ:
				add_ref(te, R_EQ, a, bv);
				add_ref(fe, R_NE, a, bv);
				break;
			case C_NE:
				add_ref(te, R_NE, a, bv);
				add_ref(fe, R_EQ, a, bv);
				break;
			}
		}
		/* a test of a returned value that taught nothing: note it */
		if ((te ? te->nrefs : 0) + (fe ? fe->nrefs : 0) == n0) {
			struct symbol *vs[32];
			int n = 0;

			value_vars(c.l, vs, &n, 1);
			value_vars(c.r, vs, &n, 1);
			while (n-- > 0) {
				int v = sym_index(fa, vs[n]);

				if (v >= 0)
					fa->unread |= 1u << v;
			}
		}
	}
}
