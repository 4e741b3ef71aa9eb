// SPDX-License-Identifier: GPL-2.0
/*
 * facts.c - gatherlint-sparse: one function analysed (blocks, edges,
 * events, the solved paths) and its ret facts (CLASS, COVER, EXPR, UNREAD).
 */
#include "gls.h"

static char *cover_string(struct fa *fa, clause *cl, int ncl)
{
	char **strs;
	struct sb out = { NULL, 0, 0 };
	int i, j, k;

	if (!ncl)
		return sdup("fill");
	for (i = 0; i < ncl; i++)
		if (!cl[i])
			return sdup("none");
	strs = xrealloc(NULL, ncl * sizeof(*strs));
	for (i = 0; i < ncl; i++) {
		struct sb s = { NULL, 0, 0 };

		sb_add(&s, "");
		for (k = 0; k < fa->natoms; k++) {
			if (!(cl[i] & ((clause)1 << k)))
				continue;
			if (s.len)
				sb_add(&s, "|");
			sb_add(&s, fa->atoms[k]);
		}
		strs[i] = s.s;
	}
	for (i = 1; i < ncl; i++)
		for (j = i; j > 0 && strcmp(strs[j], strs[j - 1]) < 0; j--) {
			char *t = strs[j];

			strs[j] = strs[j - 1];
			strs[j - 1] = t;
		}
	sb_add(&out, "");
	for (i = 0; i < ncl; i++) {
		if (i)
			sb_add(&out, "&");
		sb_add(&out, strs[i]);
		free(strs[i]);
	}
	free(strs);
	return out.s;
}

static int is_errno_text(const char *e0)
{
	char *e = sdup(e0), *p = e;
	size_t n;
	int ok = 0;

	for (;;) {
		n = strlen(p);
		if (n >= 2 && p[0] == '(' && p[n - 1] == ')') {
			p[n - 1] = 0;
			p++;
			while (*p == ' ')
				p++;
			n = strlen(p);
			while (n && p[n - 1] == ' ')
				p[--n] = 0;
			continue;
		}
		break;
	}
	if (p[0] == '-') {
		p++;
		while (*p == ' ')
			p++;
		if (p[0] == 'E' && strlen(p) >= 2) {
			ok = 1;
			for (; *p; p++)
				if (!((*p >= 'A' && *p <= 'Z') ||
				      (*p >= '0' && *p <= '9') || *p == '_'))
					ok = 0;
		}
	}
	free(e);
	return ok;
}

/* The source return a return value belongs to: the last one at or before
 * the position of its phi source. */
static int match_return(struct fninfo *fn, struct position pos)
{
	int i, best = -1;

	if (!in_main(pos))
		return -1;
	for (i = 0; i < fn->nsrcrets; i++) {
		struct srcret *r = &fn->srcrets[i];

		if (r->sline < (int)pos.line ||
		    (r->sline == (int)pos.line && r->scol <= pos_col(pos))) {
			if (best < 0 || r->sline > fn->srcrets[best].sline ||
			    (r->sline == fn->srcrets[best].sline &&
			     r->scol > fn->srcrets[best].scol))
				best = i;
		}
	}
	return best;
}

/* The returned values: the phi sources of the return's phi, through the
 * phis of ?: joins. */
static void collect_rets(struct fa *fa, pseudo_t v, struct instruction *ret,
			 int depth)
{
	struct instruction *d = def_of(v);
	pseudo_t p;

	if (!d || d->opcode != OP_PHI || depth > 8) {
		/* one return: its phi was folded into the ret itself */
		if (depth || !ret || v->type == PSEUDO_UNDEF)
			return;
		fa->rets = xrealloc(fa->rets, (fa->nrets + 1) * sizeof(*fa->rets));
		fa->rets[fa->nrets].b = block_of(ret->bb);
		fa->rets[fa->nrets].ev_index = -1;
		fa->rets[fa->nrets].val = v;
		fa->rets[fa->nrets].src = fa->fn->nsrcrets == 1 ? 0 :
			match_return(fa->fn, ret->pos);
		fa->rets[fa->nrets].insn = ret;
		fa->nrets++;
		return;
	}
	FOR_EACH_PTR(d->phi_list, p) {
		struct instruction *src;

		if (!p || p == VOID || p->type != PSEUDO_PHI)
			continue;
		src = p->def;
		if (!src || !src->bb || src->opcode != OP_PHISOURCE)
			continue;
		if (def_of(src->phi_src) && def_of(src->phi_src)->opcode == OP_PHI &&
		    depth < 8) {
			collect_rets(fa, src->phi_src, ret, depth + 1);
			continue;
		}
		if (src->phi_src->type == PSEUDO_UNDEF ||
		    src->phi_src == VOID)
			continue;
		fa->rets = xrealloc(fa->rets, (fa->nrets + 1) * sizeof(*fa->rets));
		fa->rets[fa->nrets].b = block_of(src->bb);
		fa->rets[fa->nrets].ev_index = -1;
		fa->rets[fa->nrets].val = src->phi_src;
		fa->rets[fa->nrets].src = match_return(fa->fn, src->pos);
		fa->rets[fa->nrets].insn = src;
		fa->nrets++;
	} END_FOR_EACH_PTR(p);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* One merged source return. */
struct mret {
	int reached, nonzero;
	clause *cl;
	int ncl;
	struct strv unread;
};

void analyse(struct fninfo *fn, struct entrypoint *ep, int summary_only)
{
	struct fa fa;
	struct basic_block *bb;
	struct symbol *gt;
	struct mret *m;
	int i, k, entry = -1, retb = -1;

	memset(&fa, 0, sizeof(fa));
	fa.fn = fn;
	fa.ep = ep;
	fa.start_off = fa.end_off = -1;
	/* blocks */
	FOR_EACH_PTR(ep->bbs, bb) {
		fa.bl = xrealloc(fa.bl, (fa.nbl + 1) * sizeof(*fa.bl));
		memset(&fa.bl[fa.nbl], 0, sizeof(*fa.bl));
		fa.bl[fa.nbl].bb = bb;
		bb->priv = (void *)(intptr_t)(fa.nbl + 1);
		fa.nbl++;
	} END_FOR_EACH_PTR(bb);
	if (ep->entry && ep->entry->bb)
		entry = block_of(ep->entry->bb);
	for (i = 0; i < fa.nbl; i++) {
		struct instruction *last = last_insn(fa.bl[i].bb);
		struct multijmp *j;
		struct basic_block *c;

		if (!last)
			continue;
		switch (last->opcode) {
		case OP_BR:
			add_edge(&fa.bl[i], block_of(last->bb_true));
			break;
		case OP_CBR:
			add_edge(&fa.bl[i], block_of(last->bb_true));
			add_edge(&fa.bl[i], block_of(last->bb_false));
			break;
		case OP_SWITCH:
			FOR_EACH_PTR(last->multijmp_list, j) {
				add_edge(&fa.bl[i], block_of(j->target));
			} END_FOR_EACH_PTR(j);
			break;
		case OP_RET:
			retb = i;
			if (last->src && last->src != VOID)
				collect_rets(&fa, last->src, last, 0);
			break;
		case OP_UNREACH:
			break;
		default:
			FOR_EACH_PTR(fa.bl[i].bb->children, c) {
				add_edge(&fa.bl[i], block_of(c));
			} END_FOR_EACH_PTR(c);
		}
	}
	if (entry < 0) {
		if (!summary_only)
			fn->incomplete = sdup("sparse did not linearize it");
		goto out;
	}
	/* the gather parameter (of a carrier: the parameter that carries it
	 * and the locals it loads) and its local aliases ("g = gather;") */
	{
		struct symbol *g = gather_param(fn->sym);

		gt = NULL;
		if (g) {
			fa.gvars[fa.ngvars++] = g;
			gt = strip_node(strip_node(g->ctype.base_type)->ctype.base_type);
		} else if (fn->carrier) {
			fa.gvars[fa.ngvars++] = fn->cparam;
			for (i = 0; i < fn->nclocals; i++)
				fa.gvars[fa.ngvars++] = fn->clocals[i];
			if (fn->nclocals)
				gt = strip_node(strip_node(fn->clocals[0]->ctype.base_type)->ctype.base_type);
		}
	}
	for (k = 1; k && fa.ngvars;) {
		k = 0;
		for (i = 0; i < fa.nbl; i++) {
			struct instruction *insn;

			FOR_EACH_PTR(fa.bl[i].bb->insns, insn) {
				struct symbol *s;
				int j, seen = 0;

				if (!insn->bb || !(s = store_var(insn)) ||
				    !is_gather_ptr(s->ctype.base_type) ||
				    !is_gvar(&fa, insn->target) || fa.ngvars >= 16)
					continue;
				for (j = 0; j < fa.ngvars; j++)
					seen |= fa.gvars[j] == s;
				if (!seen) {
					fa.gvars[fa.ngvars++] = s;
					k = 1;
				}
			} END_FOR_EACH_PTR(insn);
		}
	}
	/* locals that hold the gather in a member ("a.pending.gather = g;",
	 * also an initialiser's): passing their address passes the gather */
	for (i = 0; fa.ngvars && i < fa.nbl; i++) {
		struct instruction *insn;

		FOR_EACH_PTR(fa.bl[i].bb->insns, insn) {
			struct symbol *s, *t;
			int j, seen = 0;

			if (!insn->bb || insn->opcode != OP_STORE ||
			    insn->src->type != PSEUDO_SYM || !(s = insn->src->sym) ||
			    (s->ctype.modifiers &
			     (MOD_STATIC | MOD_EXTERN | MOD_TOPLEVEL)) ||
			    !(t = strip_node(s->ctype.base_type)) ||
			    (t->type != SYM_STRUCT && t->type != SYM_UNION) ||
			    !is_gvar(&fa, insn->target) || fa.ngstructs >= 16)
				continue;
			for (j = 0; j < fa.ngstructs; j++)
				seen |= fa.gstructs[j] == s;
			if (!seen)
				fa.gstructs[fa.ngstructs++] = s;
		} END_FOR_EACH_PTR(insn);
	}
	if (gt) {
		struct symbol *s = find_member(gt, built_in_ident("start"));
		struct symbol *e = find_member(gt, built_in_ident("end"));

		fa.start_off = s ? (long)s->offset : -1;
		fa.end_off = e ? (long)e->offset : -1;
	}
	/* the range grown by hand: a non-constant store to g->start/end */
	for (i = 0; i < fa.nbl; i++) {
		struct instruction *insn;

		FOR_EACH_PTR(fa.bl[i].bb->insns, insn) {
			if (insn->bb && insn->opcode == OP_STORE &&
			    gather_range_ref(&fa, insn) &&
			    insn->target->type != PSEUDO_VAL)
				fa.rangestore = 1;
		} END_FOR_EACH_PTR(insn);
	}
	find_queued(&fa);
	find_tracked(&fa);
	find_value_tests(&fa);
	/* events */
	for (i = 0; i < fa.nbl; i++) {
		struct block *b = &fa.bl[i];
		struct instruction *insn;

		FOR_EACH_PTR(b->bb->insns, insn) {
			struct symbol *s;
			struct event e = { EV_COVER, -1, -1, 0, NULL };

			if (!insn->bb)
				continue;
			switch (insn->opcode) {
			case OP_CALL:
				call_events(&fa, b, insn);
				break;
			case OP_LOAD:
				if (fa.rangestore && gather_range_ref(&fa, insn))
					ev_push(b, e);
				break;
			case OP_STORE:
				if (fa.rangestore && gather_range_ref(&fa, insn))
					ev_push(b, e);
				s = store_var(insn);
				if (s && sym_index(&fa, s) >= 0) {
					struct instruction *d = def_of(insn->target);

					e.kind = EV_DEF;
					e.var = sym_index(&fa, s);
					e.val = insn->target;
					e.inc = d && d->opcode == OP_ADD &&
						direct_var(d->src1) == s &&
						d->src2->type == PSEUDO_VAL &&
						d->src2->value > 0;
					ev_push(b, e);
				}
				break;
			case OP_PHISOURCE:
			case OP_RET:
				for (k = 0; k < fa.nrets; k++)
					if (fa.rets[k].insn == insn)
						fa.rets[k].ev_index = b->nev;
				break;
			default:
				break;
			}
		} END_FOR_EACH_PTR(insn);
	}
	if (!solve(&fa, entry)) {
		if (!summary_only)
			fn->incomplete = sdup("the path analysis did not converge");
		goto out;
	}
	summarise(&fa, fn, retb);
	if (summary_only)
		goto out;
	/* the returns, merged by source return */
	m = xrealloc(NULL, (fn->nsrcrets + 1) * sizeof(*m));
	memset(m, 0, (fn->nsrcrets + 1) * sizeof(*m));
	for (i = 0; i < fa.nrets; i++) {
		struct retsite *r = &fa.rets[i];
		struct mret *mr;
		struct pstate st;
		int e;

		if (r->src < 0 || r->b < 0 || !fa.bl[r->b].reached)
			continue;
		mr = &m[r->src];
		ps_copy(&st, &fa.bl[r->b].in);
		transfer(&fa, r->b, &st, r->ev_index < 0 ? 0 : r->ev_index);
		mr->reached = 1;
		for (e = 0; e < st.n; e++) {
			struct pentry *pe = &st.e[e];
			struct symbol *vs[16];
			int n = 0, j;

			if (eval(&fa, r->val, pe->z, pe->nz, 0) == 0)
				continue;
			mr->nonzero = 1;
			for (j = 0; j < pe->ncl; j++)
				cl_add(&mr->cl, &mr->ncl, pe->cl[j]);
			if (!pe->ncl || !fa.unread)
				continue;
			value_vars(r->val, vs, &n, 0);
			for (j = 0; j < n; j++) {
				int v = sym_index(&fa, vs[j]);

				if (v >= 0 && (fa.unread & (1u << v)) &&
				    env_val(pe->z, pe->nz, v) < 0 &&
				    !sv_has(&mr->unread, idname(vs[j]->ident)))
					sv_push(&mr->unread,
						sdup(idname(vs[j]->ident)));
			}
		}
		ps_free(&st);
	}
	for (i = 0; i < fn->nsrcrets; i++) {
		struct srcret *sr = &fn->srcrets[i];
		char *expr = NULL, *cover, *unread;
		const char *cls;
		struct sb u = { NULL, 0, 0 };

		if (!m[i].reached)
			continue;
		if (sr->kwline)
			expr = return_text(sr->kwline, sr->kwcol);
		if (!expr || !expr[0]) {
			free(expr);
			expr = sdup("-");
		}
		if (is_errno_text(expr)) {
			cls = "errno";
			cover = sdup("fill");
		} else if (!m[i].nonzero) {
			cls = "zero";
			cover = sdup("fill");
		} else {
			cls = "nonzero";
			minimise(&m[i].cl, &m[i].ncl);
			cover = cover_string(&fa, m[i].cl, m[i].ncl);
		}
		sb_add(&u, "");
		if (!strcmp(cls, "nonzero") && m[i].unread.n) {
			qsort(m[i].unread.v, m[i].unread.n, sizeof(char *),
			      cmp_str);
			for (k = 0; k < (int)m[i].unread.n; k++) {
				if (k)
					sb_add(&u, ",");
				sb_add(&u, m[i].unread.v[k]);
			}
		}
		unread = u.len ? u.s : (free(u.s), sdup("-"));
		sv_push(&fn->rets, fmt("ret\t%s\t%d\t%d\t%s\t%s\t%s\t%s\t%s",
				       main_file, sr->line, sr->col, fn->name,
				       cls, cover, expr, unread));
		free(expr);
		free(cover);
		free(unread);
	}
	if (!strcmp(fn->retkind, "void") && retb >= 0) {
		struct pstate st;
		clause *all = NULL;
		int nall = 0, e, j;
		char *cover;

		if (fa.bl[retb].reached) {
			ps_copy(&st, &fa.bl[retb].in);
			transfer(&fa, retb, &st, -1);
			for (e = 0; e < st.n; e++)
				for (j = 0; j < st.e[e].ncl; j++)
					cl_add(&all, &nall, st.e[e].cl[j]);
			ps_free(&st);
		}
		minimise(&all, &nall);
		cover = cover_string(&fa, all, nall);
		sv_push(&fn->rets, fmt("ret\t%s\t%d\t%d\t%s\tnonzero\t%s\t-\t-",
				       main_file, fn->endline ? fn->endline : fn->line,
				       fn->endline ? fn->endcol : 1, fn->name,
				       cover));
		free(cover);
		free(all);
	}
	for (i = 0; i < fn->nsrcrets; i++) {
		free(m[i].cl);
		sv_free(&m[i].unread);
	}
	free(m);
out:
	for (i = 0; i < fa.nbl; i++) {
		free(fa.bl[i].ev);
		for (k = 0; k < fa.bl[i].nout; k++)
			free(fa.bl[i].out[k].refs);
		free(fa.bl[i].out);
		ps_free(&fa.bl[i].in);
	}
	free(fa.bl);
	free(fa.rets);
	for (i = 0; i < fa.natoms; i++)
		free((char *)fa.atoms[i]);
}
