// SPDX-License-Identifier: GPL-2.0
/*
 * summary.c - gatherlint-sparse: callee summaries (SPEC 2 Flushed,
 * Nonzero path), and the order that feeds them: callees first.
 */
#include "gls.h"

/* Is parameter P stored to (other than by the entry's copy of the
 * argument)?  Then its value at a return is not the one the caller passed. */
static int parm_stored(struct fa *fa, struct symbol *p)
{
	int i;

	for (i = 0; i < fa->nbl; i++) {
		struct instruction *insn;

		FOR_EACH_PTR(fa->bl[i].bb->insns, insn) {
			if (insn->bb && insn->opcode == OP_STORE &&
			    insn->src->type == PSEUDO_SYM && insn->src->sym == p &&
			    insn->target->type != PSEUDO_ARG)
				return 1;
		} END_FOR_EACH_PTR(insn);
	}
	return 0;
}

/*
 * The summary of FN (struct fninfo), from its solved paths: the callers
 * of this unit read it (the functions are analysed callees first).
 */
void summarise(struct fa *fa, struct fninfo *fn, int retb)
{
	struct symbol *ft = strip_node(fn->sym->ctype.base_type), *p;
	int pv[64], np = 0, i, k, e;

	fn->flush_always = 0;
	fn->flush_param = fn->zero_param = -1;
	fn->flush_zero = 0;
	FOR_EACH_PTR(ft->arguments, p) {
		int v = sym_index(fa, p);

		if (np < 64)
			pv[np++] = v >= 0 && !parm_stored(fa, p) ? v : -1;
	} END_FOR_EACH_PTR(p);
	/* flush (functions without the gather: a cover is a flush there) */
	if (!fa->ngvars && retb >= 0 && fa->bl[retb].reached) {
		struct pstate ex;
		int flushes = 0, nunc = 0;

		ps_copy(&ex, &fa->bl[retb].in);
		transfer(fa, retb, &ex, -1);
		for (e = 0; e < ex.n; e++) {
			flushes = flushes || ex.e[e].covered;
			nunc += ex.e[e].ncl > 0;
		}
		if (flushes && !nunc)
			fn->flush_always = 1;
		for (i = 0; flushes && nunc && i < np && fn->flush_param < 0; i++) {
			int all0 = pv[i] >= 0, all1 = pv[i] >= 0;

			for (e = 0; e < ex.n; e++) {
				if (!ex.e[e].ncl)
					continue;
				all0 = all0 && env_val(ex.e[e].z, ex.e[e].nz, pv[i]) == 0;
				all1 = all1 && env_val(ex.e[e].z, ex.e[e].nz, pv[i]) == 1;
			}
			/* the paths that do not flush all have it nonzero:
			 * it flushes when it is 0 */
			if (all1 || all0) {
				fn->flush_param = i;
				fn->flush_zero = all1;
			}
		}
		ps_free(&ex);
	}
	/* zero: every return is 0 when one parameter is */
	for (i = 0; strcmp(fn->retkind, "void") && i < np &&
		    fn->zero_param < 0; i++) {
		int ok = pv[i] >= 0, reached = 0;

		for (k = 0; ok && k < fa->nrets; k++) {
			struct retsite *r = &fa->rets[k];
			struct pstate st;

			if (r->b < 0 || !fa->bl[r->b].reached)
				continue;
			ps_copy(&st, &fa->bl[r->b].in);
			transfer(fa, r->b, &st, r->ev_index < 0 ? 0 : r->ev_index);
			for (e = 0; e < st.n; e++) {
				unsigned z = st.e[e].z, nz = st.e[e].nz;
				unsigned z0 = z, nz0 = nz;
				struct instruction *sd = def_of(strip_noop(r->val));

				if (env_val(z, nz, pv[i]) == 1)
					continue;
				reached = 1;
				env_set(&z, &nz, pv[i], 0);
				if (sd && sd->opcode == OP_SEL) {
					/* GIMPLE stores the arms of a ?: to a
					 * temporary where they are computed:
					 * the parameter is 0 there only when
					 * the condition tested it */
					int c = eval_cond(fa, sd->src1, z, nz);
					int va, vb;

					if (c >= 0 && eval_cond(fa, sd->src1, z0, nz0) < 0) {
						z0 = z;
						nz0 = nz;
					}
					va = eval_operand(fa, sd->src2, z0, nz0);
					vb = eval_operand(fa, sd->src3, z0, nz0);
					if (!(c == 1 ? va == 0 : c == 0 ? vb == 0 :
					      va == 0 && vb == 0))
						ok = 0;
					continue;
				}
				if (eval(fa, r->val, z, nz, 0) != 0)
					ok = 0;
			}
			ps_free(&st);
		}
		if (ok && reached)
			fn->zero_param = i;
	}
	fn->summarised = fn->flush_always || fn->flush_param >= 0 ||
			 fn->zero_param >= 0;
	if (opt_debug)
		fprintf(stderr, "gatherlint: summary %s: flush %d param %d zero %d, returns 0 with param %d\n",
			fn->name, fn->flush_always, fn->flush_param,
			fn->flush_zero, fn->zero_param);
}

/* A ?: of the constants 0 and 1: GCC folds it into the test's value. */
static int sel_01(struct instruction *u)
{
	return u->src2->type == PSEUDO_VAL && u->src3->type == PSEUDO_VAL &&
	       ((u->src2->value == 0 && u->src3->value == 1) ||
		(u->src2->value == 1 && u->src3->value == 0));
}

/*
 * Is the value P, computed from a parameter, kept (stored, returned,
 * computed with) rather than only tested, passed or dereferenced?  What
 * GIMPLE before SSA writes as an assignment with the parameter as an
 * operand.  TEST: P is (part of) a condition already.
 */
static int value_kept(pseudo_t p, int test, int depth)
{
	struct pseudo_user *pu;

	if (!p || p->type != PSEUDO_REG || depth > 8)
		return 0;
	FOR_EACH_PTR(p->users, pu) {
		struct instruction *u = pu->insn;

		if (!u || !u->bb)
			continue;
		switch (u->opcode) {
		case OP_CBR:
		case OP_SWITCH:
		case OP_CALL:
		case OP_LOAD:
			continue;
		case OP_STORE:
			if (u->target == p)
				return 1;
			continue;
		case OP_SEL:
			if (u->src1 == p && !sel_01(u))
				continue;	/* an if */
			return 1;
		case OP_PTRCAST:	/* GCC drops them */
			if (value_kept(u->target, test, depth + 1))
				return 1;
			continue;
		case OP_ADD:
		case OP_SUB:
			if (test)
				return 1;
			/* x +- 0 (folded); &p->m, p->a[i] (a reference; not
			 * container_of: p - offset) */
			if (u->src2->type == PSEUDO_VAL && u->src2->value == 0) {
				if (value_kept(u->target, test, depth + 1))
					return 1;
				continue;
			}
			if (u->opcode == OP_ADD && u->type && strip_node(u->type) &&
			    strip_node(u->type)->type == SYM_PTR)
				continue;
			return 1;
		default:
			/* a test and the logic of a condition ("a && b") */
			if ((u->opcode >= OP_BINCMP && u->opcode <= OP_BINCMP_END) ||
			    (test && (u->opcode == OP_AND || u->opcode == OP_OR ||
				      u->opcode == OP_ZEXT || u->opcode == OP_TRUNC))) {
				if (value_kept(u->target, 1, depth + 1))
					return 1;
				continue;
			}
			return 1;
		}
	} END_FOR_EACH_PTR(pu);
	return 0;
}

/*
 * Worth a summary (a function without the gather): it calls a flush, a
 * summarised callee or a member, or it returns a value and keeps a value
 * computed from a parameter (value_kept).
 */
static int worth_summary(struct fninfo *fn, struct entrypoint *ep)
{
	struct symbol *ft = strip_node(fn->sym->ctype.base_type);
	int value = strip_node(ft->ctype.base_type) != &void_ctype;
	struct basic_block *bb;

	FOR_EACH_PTR(ep->bbs, bb) {
		struct instruction *insn;

		FOR_EACH_PTR(bb->insns, insn) {
			const char *n, *k;
			struct symbol *p;
			int parm = 0;

			if (!insn->bb)
				continue;
			if (insn->opcode == OP_CALL) {
				n = direct_callee(insn);
				k = n ? api_kind(n, NULL) : NULL;
				if ((k && !strcmp(k, "flush")) || summary_of(n) ||
				    (!n && member_call_at(insn->pos)))
					return 1;
				continue;
			}
			if (!value || insn->opcode != OP_LOAD || insn->offset ||
			    insn->src->type != PSEUDO_SYM)
				continue;
			FOR_EACH_PTR(ft->arguments, p) {
				parm |= p == insn->src->sym;
			} END_FOR_EACH_PTR(p);
			if (parm && value_kept(insn->target, 0, 0))
				return 1;
		} END_FOR_EACH_PTR(insn);
	} END_FOR_EACH_PTR(bb);
	return 0;
}

/*
 * FN and, first, its callees of this unit (GCC runs its passes callees
 * first: a caller sees the summaries of its callees): linearized with
 * the calls of inline helpers kept as calls, then analysed (a function
 * with the gather or a carrier) or summarised (one worth it).
 */
void visit(struct fninfo *fn)
{
	struct symbol *ft;
	struct entrypoint *ep;
	struct basic_block *bb;
	struct instruction *insn;

	if (!fn->defined || fn->visit)
		return;
	fn->visit = 1;
	ft = strip_node(fn->sym->ctype.base_type);
	ev_walk_stmt(ft->stmt);
	ft->expanding = 1;
	expand_symbol(fn->sym);
	ep = linearize_symbol(fn->sym);
	if (!ep || !ep->entry) {
		if (fn->has_gather)
			fn->incomplete = sdup("sparse did not linearize it");
		fn->visit = 2;
		return;
	}
	FOR_EACH_PTR(ep->bbs, bb) {
		FOR_EACH_PTR(bb->insns, insn) {
			struct fninfo *c;

			if (insn->bb && insn->opcode == OP_CALL &&
			    (c = fn_find(direct_callee(insn))))
				visit(c);
		} END_FOR_EACH_PTR(insn);
	} END_FOR_EACH_PTR(bb);
	if (opt_debug)
		show_entry(ep);
	if (fn->has_gather)
		analyse(fn, ep, 0);
	else if (worth_summary(fn, ep))
		analyse(fn, ep, 1);
	fn->visit = 2;
}

