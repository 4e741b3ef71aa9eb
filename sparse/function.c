// SPDX-License-Identifier: GPL-2.0
/*
 * function.c - gatherlint-sparse: a function definition's record (the fn
 * fact: RETKIND, GATHER, IOVA, LINKAGE; where it ends), and the member
 * calls of its body, found by position; inline calls kept as calls.
 */
#include "gls.h"

/* W names a typedef of the program (not a type keyword such as long) */
static int is_typedef_name(const char *w)
{
	struct ident *id;
	struct symbol *s;

	if (!w[0])
		return 0;
	id = built_in_ident(w);
	if (id->reserved)
		return 0;
	s = lookup_symbol(id, NS_TYPEDEF);
	return s && (s->ctype.modifiers & MOD_USERTYPE);
}

/* retkind from the resolved type and the type's spelling (sparse resolves
 * typedefs: their names are read from the source) */
static const char *retkind_of(struct symbol *fsym)
{
	struct symbol *ft = strip_node(fsym->ctype.base_type);
	struct symbol *rt = ft ? ft->ctype.base_type : NULL;
	struct symbol *rs = strip_node(rt);
	char *w;
	const char *k;

	if (!rs)
		return "other";
	if (rs == &void_ctype)
		return "void";
	w = type_word(fsym->pos.line, pos_col(fsym->pos), idname(fsym->ident));
	if (is_typedef_name(w)) {
		k = !strcmp(w, "size_t") || !strcmp(w, "ssize_t") ||
		    !strcmp(w, "dma_addr_t") || !strcmp(w, "u64") ? "size"
								  : "other";
		free(w);
		return k;
	}
	free(w);
	if (rs->type == SYM_PTR)
		return "other";
	if (rs == &ulong_ctype)
		return "size";
	if (rs == &int_ctype || rs == &long_ctype)
		return "int";
	return "other";
}

/* The second parameter when it is "unsigned long" or "dma_addr_t". */
static char *iova_of(struct symbol *fsym)
{
	struct symbol *ft = strip_node(fsym->ctype.base_type);
	struct symbol *p, *t;
	char *w;
	int i = 0;

	FOR_EACH_PTR(ft->arguments, p) {
		if (++i != 2)
			continue;
		if (!p->ident)
			return sdup("-");
		t = strip_node(p->ctype.base_type);
		w = type_word(p->pos.line, pos_col(p->pos), idname(p->ident));
		if (is_typedef_name(w)) {
			int ok = !strcmp(w, "dma_addr_t");

			free(w);
			return sdup(ok ? idname(p->ident) : "-");
		}
		free(w);
		if (t == &ulong_ctype)
			return sdup(idname(p->ident));
		return sdup("-");
	} END_FOR_EACH_PTR(p);
	return sdup("-");
}

struct symbol *gather_param(struct symbol *fsym)
{
	struct symbol *ft = strip_node(fsym->ctype.base_type);
	struct symbol *p;

	FOR_EACH_PTR(ft->arguments, p) {
		if (is_gather_ptr(p->ctype.base_type))
			return p;
	} END_FOR_EACH_PTR(p);
	return NULL;
}

/* A function definition of the main file: its fn record, its returns and
 * the structural facts of its body. */
void pre_function(struct symbol *sym)
{
	struct symbol *ft = strip_node(sym->ctype.base_type);
	struct fninfo *fn;
	struct symbol *g;
	struct symbol *p;
	int i;

	if (!ft || ft->type != SYM_FN || !ft->stmt || !sym->ident ||
	    !in_main(sym->pos))
		return;
	fn = fn_get(idname(sym->ident));
	if (fn->defined)
		return;
	fn->defined = 1;
	fn->sym = sym;
	fn->line = sym->pos.line;
	fn->retkind = retkind_of(sym);
	g = gather_param(sym);
	fn->has_gather = g != NULL;
	fn->gather = sdup(g && g->ident ? idname(g->ident) : "-");
	fn->iova = iova_of(sym);
	fn->linkage = sym->ctype.modifiers & MOD_STATIC ? "static" : "extern";
	fn->gpos = -1;
	i = 0;
	FOR_EACH_PTR(ft->arguments, p) {
		if (p == g)
			fn->gpos = i;
		i++;
	} END_FOR_EACH_PTR(p);
	walk_stmt(ft->stmt, fn);
	if (g) {
		fn->carrier = 0;	/* takes the gather itself */
		fn->nclocals = 0;
		fn->cparam = NULL;
	} else if (fn->carrier && fn->cparam->ident) {
		/* a carrier: GATHER names the parameter that carries it
		 * (SPEC 2 Fill) */
		fn->has_gather = 1;
		free(fn->gather);
		fn->gather = sdup(idname(fn->cparam->ident));
	}
	if (ft->stmt->type == STMT_COMPOUND && in_main(ft->endpos)) {
		int el, ec;

		int bl = ft->endpos.line, bc = pos_col(ft->endpos);

		/* endpos is the body's '{' or the token after it */
		if (src_at(bl, bc) != '{') {
			int l = bl, c = bc - 1;

			for (;;) {
				while (c < 1 && --l >= 1)
					c = (int)strlen(src_lines[l]);
				if (l < 1 || (src_at(l, c) != ' ' &&
					      src_at(l, c) != '\t'))
					break;
				c--;
			}
			if (l >= 1 && src_at(l, c) == '{') {
				bl = l;
				bc = c;
			}
		}
		if (src_at(bl, bc) != '{') {
			/* a body written in a macro: it ends at the macro's use */
			const char *s = src_lines[ft->endpos.line < nsrc ?
						  ft->endpos.line : 0];
			int b = pos_col(ft->endpos);

			while (b > 1 && b - 1 <= (int)strlen(s) &&
			       word_char(s[b - 2]))
				b--;
			fn->endline = ft->endpos.line;
			fn->endcol = b;
		} else if (match_brace(bl, bc,
				&el, &ec)) {
			fn->endline = el;
			fn->endcol = ec;
		}
	}
}

/* ------------------------------------------------------------------ */
/* Member calls, by position (evaluation turns members into offsets)   */

struct mcall {
	struct position pos;
	const char *member;
};

struct mcall *mcalls;
int nmcalls;

static int same_pos(struct position a, struct position b)
{
	return a.stream == b.stream && a.line == b.line && a.pos == b.pos;
}

const char *member_call_at(struct position pos)
{
	int i;

	for (i = 0; i < nmcalls; i++)
		if (same_pos(mcalls[i].pos, pos))
			return mcalls[i].member;
	return NULL;
}

static void ev_walk_expr(struct expression *e);

void ev_walk_stmt(struct statement *s)
{
	struct statement *c;
	struct symbol *sym;

	if (!s)
		return;
	switch (s->type) {
	case STMT_DECLARATION:
		FOR_EACH_PTR(s->declaration, sym) {
			ev_walk_expr(sym->initializer);
		} END_FOR_EACH_PTR(sym);
		break;
	case STMT_EXPRESSION:
		ev_walk_expr(s->expression);
		break;
	case STMT_COMPOUND:
		FOR_EACH_PTR(s->stmts, c) {
			ev_walk_stmt(c);
		} END_FOR_EACH_PTR(c);
		break;
	case STMT_IF:
		ev_walk_expr(s->if_conditional);
		ev_walk_stmt(s->if_true);
		ev_walk_stmt(s->if_false);
		break;
	case STMT_RETURN:
		ev_walk_expr(s->ret_value);
		break;
	case STMT_CASE:
		ev_walk_stmt(s->case_statement);
		break;
	case STMT_SWITCH:
		ev_walk_expr(s->switch_expression);
		ev_walk_stmt(s->switch_statement);
		break;
	case STMT_ITERATOR:
		ev_walk_stmt(s->iterator_pre_statement);
		ev_walk_expr(s->iterator_pre_condition);
		ev_walk_stmt(s->iterator_statement);
		ev_walk_stmt(s->iterator_post_statement);
		ev_walk_expr(s->iterator_post_condition);
		break;
	case STMT_LABEL:
		ev_walk_stmt(s->label_statement);
		break;
	default:
		break;
	}
}

static void ev_walk_expr(struct expression *e)
{
	struct expression *a;

	if (!e)
		return;
	switch (e->type) {
	case EXPR_ASSIGNMENT:
	case EXPR_BINOP:
	case EXPR_COMMA:
	case EXPR_COMPARE:
	case EXPR_LOGICAL:
		ev_walk_expr(e->left);
		ev_walk_expr(e->right);
		break;
	case EXPR_PREOP:
	case EXPR_POSTOP:
		ev_walk_expr(e->unop);
		break;
	case EXPR_CAST:
	case EXPR_FORCE_CAST:
	case EXPR_IMPLIED_CAST:
		ev_walk_expr(e->cast_expression);
		break;
	case EXPR_CONDITIONAL:
	case EXPR_SELECT:
		ev_walk_expr(e->conditional);
		ev_walk_expr(e->cond_true);
		ev_walk_expr(e->cond_false);
		break;
	case EXPR_STATEMENT:
		ev_walk_stmt(e->statement);
		break;
	case EXPR_CALL: {
		struct expression *f = e->fn;
		int depth;

		/* calls of inline functions stay calls (as before GCC's
		 * inliner): the expander does not inline what it is
		 * already expanding */
		while (f && ((f->type == EXPR_PREOP && f->op == '*') ||
			     f->type == EXPR_CAST || f->type == EXPR_IMPLIED_CAST))
			f = f->type == EXPR_PREOP ? f->unop : f->cast_expression;
		if (f && f->type == EXPR_SYMBOL && is_function_sym(f->symbol)) {
			struct symbol *d = f->symbol->definition ?
					   f->symbol->definition : f->symbol;

			strip_node(d->ctype.base_type)->expanding = 1;
			strip_node(f->symbol->ctype.base_type)->expanding = 1;
		}
		f = e->fn;

		for (depth = 0; f && depth < 3; depth++) {
			struct symbol *t = f->ctype;

			if (f->type != EXPR_SYMBOL && t && t->type == SYM_NODE &&
			    t->ident) {
				mcalls = xrealloc(mcalls, (nmcalls + 1) *
						  sizeof(*mcalls));
				mcalls[nmcalls].pos = e->pos;
				mcalls[nmcalls].member = idname(t->ident);
				nmcalls++;
				break;
			}
			if (f->type == EXPR_PREOP && f->op == '*' &&
			    f->unop && f->unop->ctype &&
			    strip_node(f->unop->ctype) &&
			    strip_node(f->unop->ctype)->type == SYM_PTR &&
			    f->unop->type == EXPR_PREOP)
				f = f->unop;
			else if (f->type == EXPR_CAST ||
				 f->type == EXPR_IMPLIED_CAST)
				f = f->cast_expression;
			else
				break;
		}
		ev_walk_expr(e->fn);
		FOR_EACH_PTR(e->args, a) {
			ev_walk_expr(a);
		} END_FOR_EACH_PTR(a);
		break;
	}
	default:
		break;
	}
}

