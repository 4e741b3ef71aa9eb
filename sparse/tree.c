// SPDX-License-Identifier: GPL-2.0
/*
 * tree.c - gatherlint-sparse: the parsed tree, before evaluation (types,
 * the functions of the unit and their carriers; the ops, bind, fmtinit and
 * fmtid facts; runtime stores of ops fields).
 */
#include "gls.h"
#include "gather_api.h"

/* ------------------------------------------------------------------ */
/* Types                                                               */

struct symbol *strip_node(struct symbol *t)
{
	while (t && t->type == SYM_NODE)
		t = t->ctype.base_type;
	return t;
}

/* "struct NAME" -> NAME, else "". */
static const char *record_name(struct symbol *t)
{
	t = strip_node(t);
	if (!t || t->type != SYM_STRUCT)
		return "";
	return idname(t->ident);
}

static int is_ops_type(const char *n)
{
	return gatherlint_vocab_find("opstype", n, NULL) != NULL;
}

static int interesting_field(const char *f)
{
	return gatherlint_field_read(f);
}

int is_gather_ptr(struct symbol *t)
{
	t = strip_node(t);
	return t && t->type == SYM_PTR &&
	       !strcmp(record_name(t->ctype.base_type), "iommu_iotlb_gather");
}

/* The member IDENT of struct/union T (anonymous members searched). */
struct symbol *find_member(struct symbol *t, const struct ident *id)
{
	struct symbol *m, *r;

	t = strip_node(t);
	if (!t || (t->type != SYM_STRUCT && t->type != SYM_UNION))
		return NULL;
	FOR_EACH_PTR(t->symbol_list, m) {
		if (m->ident == id)
			return m;
		if (!m->ident && (r = find_member(m, id)))
			return r;
	} END_FOR_EACH_PTR(m);
	return NULL;
}

/* The type of an expression of the parsed tree (before evaluation), for
 * the ops objects of runtime stores; NULL when unknown. */
static struct symbol *type_of(struct expression *e)
{
	struct symbol *t;

	if (!e)
		return NULL;
	switch (e->type) {
	case EXPR_SYMBOL:
		return e->symbol ? strip_node(e->symbol->ctype.base_type) : NULL;
	case EXPR_PREOP:
		if (e->op == '*') {
			t = type_of(e->unop);
			if (t && (t->type == SYM_PTR || t->type == SYM_ARRAY))
				return strip_node(t->ctype.base_type);
			return NULL;
		}
		if (e->op == '(')
			return type_of(e->unop);
		return NULL;
	case EXPR_DEREF: {
		struct symbol *m = find_member(type_of(e->deref), e->member);

		return m ? strip_node(m->ctype.base_type) : NULL;
	}
	case EXPR_CAST:
	case EXPR_FORCE_CAST:
	case EXPR_IMPLIED_CAST:
		return strip_node(e->cast_type);
	default:
		return NULL;
	}
}

static struct expression *strip_paren(struct expression *e)
{
	while (e && ((e->type == EXPR_PREOP && e->op == '(') ||
		     e->type == EXPR_CAST || e->type == EXPR_FORCE_CAST ||
		     e->type == EXPR_IMPLIED_CAST)) {
		if (e->type == EXPR_PREOP)
			e = e->unop;
		else if (e->cast_expression &&
			 e->cast_expression->type == EXPR_INITIALIZER)
			return e;	/* a compound literal */
		else
			e = e->cast_expression;
	}
	return e;
}

int is_function_sym(struct symbol *s)
{
	struct symbol *t = s ? strip_node(s->ctype.base_type) : NULL;

	return s && s->ident && t && t->type == SYM_FN;
}

/* A stored function value: its name, "NULL", or NULL when not a function. */
static const char *stored_func(struct expression *v)
{
	v = strip_paren(v);
	if (!v)
		return NULL;
	if (v->type == EXPR_PREOP && v->op == '&')
		v = strip_paren(v->unop);
	if (v && v->type == EXPR_SYMBOL && is_function_sym(v->symbol))
		return idname(v->symbol->ident);
	if (v && v->type == EXPR_VALUE && v->value == 0)
		return "NULL";
	return NULL;
}

/* The enumerator of enum io_pgtable_fmt with value V, or "?". */
static const char *fmt_name_of_value(long long v)
{
	struct scope *sc;
	struct symbol *s;

	for (sc = file_scope; sc; sc = sc == file_scope ? global_scope : NULL) {
		FOR_EACH_PTR(sc->symbols, s) {
			struct symbol *t = s->ctype.base_type;

			if (s->namespace != NS_SYMBOL || !s->initializer ||
			    !t || t->type != SYM_ENUM ||
			    strcmp(idname(t->ident), "io_pgtable_fmt"))
				continue;
			if (s->initializer->type == EXPR_VALUE &&
			    (long long)s->initializer->value == v)
				return idname(s->ident);
		} END_FOR_EACH_PTR(s);
	}
	return "?";
}

static const char *fmt_name(struct expression *e)
{
	e = strip_paren(e);
	if (!e)
		return "?";
	if (e->type == EXPR_SYMBOL && e->symbol &&
	    e->symbol->ctype.base_type &&
	    e->symbol->enum_member &&
	    e->symbol->ctype.base_type->type == SYM_ENUM) {
		if (!strcmp(idname(e->symbol->ctype.base_type->ident),
			    "io_pgtable_fmt"))
			return idname(e->symbol->ident);
		if (e->symbol->initializer &&
		    e->symbol->initializer->type == EXPR_VALUE)
			return fmt_name_of_value(e->symbol->initializer->value);
		return "?";
	}
	if (e->type == EXPR_VALUE)
		return fmt_name_of_value((long long)e->value);
	return "?";
}

/* ------------------------------------------------------------------ */
/* Functions of the unit                                               */

struct fninfo *fns;
int nfns;
struct strv ops_funcs;	/* functions named by ops facts */

struct fninfo *fn_get(const char *name)
{
	int i;

	for (i = 0; i < nfns; i++)
		if (!strcmp(fns[i].name, name))
			return &fns[i];
	fns = xrealloc(fns, (nfns + 1) * sizeof(*fns));
	memset(&fns[nfns], 0, sizeof(*fns));
	fns[nfns].name = sdup(name);
	return &fns[nfns++];
}

/* The function NAME defined in the main file, or NULL. */
struct fninfo *fn_find(const char *name)
{
	int i;

	for (i = 0; name && i < nfns; i++)
		if (fns[i].defined && !strcmp(fns[i].name, name))
			return &fns[i];
	return NULL;
}

/* P->m (the parsed tree) with P a pointer parameter of FN: P, else NULL */
static struct symbol *carrier_load(struct fninfo *fn, struct expression *e)
{
	struct symbol *ft, *p;

	e = strip_paren(e);
	if (!fn || !fn->sym || !e || e->type != EXPR_DEREF)
		return NULL;
	e = strip_paren(e->deref);
	if (!e || e->type != EXPR_PREOP || e->op != '*')
		return NULL;
	e = strip_paren(e->unop);
	if (!e || e->type != EXPR_SYMBOL || !e->symbol)
		return NULL;
	ft = strip_node(fn->sym->ctype.base_type);
	FOR_EACH_PTR(ft->arguments, p) {
		struct symbol *t = strip_node(p->ctype.base_type);

		if (p == e->symbol && t && t->type == SYM_PTR)
			return p;
	} END_FOR_EACH_PTR(p);
	return NULL;
}

/* "struct iommu_iotlb_gather *L = P->m;" (or "L = P->m;"): FN carries the
 * gather in P's member (the first such P; its locals) */
static void carrier_store(struct fninfo *fn, struct symbol *l,
			  struct expression *rhs)
{
	struct symbol *p;

	if (!fn || !l || !is_gather_ptr(l->ctype.base_type) ||
	    !(p = carrier_load(fn, rhs)))
		return;
	fn->carrier = 1;
	if (!fn->cparam)
		fn->cparam = p;
	if (p == fn->cparam && fn->nclocals < 8)
		fn->clocals[fn->nclocals++] = l;
}

static void ops_fact(int line, const char *id, const char *type,
		     const char *field, const char *func)
{
	if (strcmp(field, "-") && strcmp(func, "NULL") && strcmp(func, "-") &&
	    !sv_has(&ops_funcs, func))
		sv_push(&ops_funcs, sdup(func));
	add_fact(fmt("ops\t%s\t%d\t%s\t%s\t%s\t%s", main_file, line, id, type,
		     field, func));
}

/* ------------------------------------------------------------------ */
/* ops, bind, fmtinit, fmtid: the parsed tree, before evaluation       */

static void walk_expr(struct expression *e, struct fninfo *fn);
void walk_stmt(struct statement *s, struct fninfo *fn);

static void process_init(struct expression *init, const char *type,
			 const char *id, int line);

/* A compound literal "(struct T){...}": anon@LINE. */
static int compound_literal(struct expression *e)
{
	struct symbol *t;
	const char *tn;
	char *id;

	e = strip_paren(e);
	if (e && e->type == EXPR_PREOP && e->op == '&')
		e = strip_paren(e->unop);
	if (!e || e->type != EXPR_CAST || !e->cast_expression ||
	    e->cast_expression->type != EXPR_INITIALIZER)
		return 0;
	if (!in_main(e->pos))
		return 1;
	t = e->cast_type;
	tn = record_name(t);
	id = fmt("anon@%d", e->pos.line);
	process_init(e->cast_expression, is_ops_type(tn) ? tn : "", id,
		     e->pos.line);
	free(id);
	return 1;
}

/* The fields of an initializer: ops fields, nested objects. */
static void process_init(struct expression *init, const char *type,
			 const char *id, int line)
{
	struct expression *el;

	if (type[0])
		ops_fact(line, id, type, "-", "-");
	FOR_EACH_PTR(init->expr_list, el) {
		struct expression *v = el;
		const char *field = NULL;
		struct symbol *ft = NULL;

		if (!el)
			continue;
		if (el->type == EXPR_IDENTIFIER) {
			field = idname(el->expr_ident);
			v = el->ident_expression;
			ft = el->field;
			/* .a.b = v: only the first designator names a field
			 * of this object */
			if (v && v->type == EXPR_IDENTIFIER)
				continue;
		} else if (el->type == EXPR_INDEX) {
			v = el->idx_expression;
		}
		if (!v)
			continue;
		if (v->type == EXPR_INITIALIZER) {
			const char *nt = ft ? record_name(ft->ctype.base_type) : "";
			char *nid;

			if (is_ops_type(nt)) {
				nid = fmt("anon@%d.%s", line, field ? field : "elt");
				process_init(v, nt, nid, line);
				free(nid);
			} else {
				process_init(v, "", id, line);
			}
			continue;
		}
		if (compound_literal(v))
			continue;
		if (!type[0] || !field || !interesting_field(field))
			continue;
		{
			const char *fn = stored_func(v);
			int fl = line;

			if (!fn)
				continue;
			if (in_main(v->pos))
				fl = v->pos.line;
			ops_fact(fl, id, type, field, fn);
		}
	} END_FOR_EACH_PTR(el);
}

/* A declared object with an initializer (file scope or local). */
void process_decl(struct symbol *sym)
{
	struct symbol *t;
	struct expression *init = sym->initializer;
	const char *tn;
	int line = sym->pos.line;

	if (!init || !in_main(sym->pos) || !sym->ident)
		return;
	t = strip_node(sym->ctype.base_type);
	tn = record_name(t);
	if (gatherlint_vocab_find("fmtinit", tn, NULL)) {
		if (init->type == EXPR_INITIALIZER)
			add_fact(fmt("fmtinit\t%s\t%d\t%s", main_file, line,
				     idname(sym->ident)));
		return;
	}
	if (t && t->type == SYM_ARRAY &&
	    is_gather_ptr(t) == 0 &&
	    strip_node(t->ctype.base_type) &&
	    strip_node(t->ctype.base_type)->type == SYM_PTR &&
	    gatherlint_vocab_find("fmtinit", record_name(strip_node(t->ctype.base_type)->ctype.base_type),
				  NULL)) {
		struct expression *el;

		if (init->type != EXPR_INITIALIZER)
			return;
		FOR_EACH_PTR(init->expr_list, el) {
			struct expression *v;

			if (!el || el->type != EXPR_INDEX)
				continue;
			v = strip_paren(el->idx_expression);
			if (!v || v->type != EXPR_PREOP || v->op != '&')
				continue;
			v = strip_paren(v->unop);
			if (!v || v->type != EXPR_SYMBOL || !v->symbol)
				continue;
			add_fact(fmt("fmtid\t%s\t%d\t%s\t%s", main_file,
				     in_main(el->idx_expression->pos) ?
				     el->idx_expression->pos.line : line,
				     fmt_name_of_value(el->idx_from),
				     idname(v->symbol->ident)));
		} END_FOR_EACH_PTR(el);
		return;
	}
	if (init->type == EXPR_INITIALIZER)
		process_init(init, is_ops_type(tn) ? tn : "",
			     idname(sym->ident), line);
	else
		walk_expr(init, NULL);
}

/* render(): the object of a runtime store as the plugin writes it */
static void render(struct sb *b, struct expression *e)
{
	e = strip_paren(e);
	if (!e) {
		sb_add(b, "?");
		return;
	}
	switch (e->type) {
	case EXPR_SYMBOL:
		sb_add(b, e->symbol_name ? idname(e->symbol_name) : "?");
		return;
	case EXPR_DEREF: {
		struct expression *d = strip_paren(e->deref);

		if (d && d->type == EXPR_PREOP && d->op == '*') {
			render(b, d->unop);
			sb_add(b, "->");
		} else {
			render(b, d);
			sb_add(b, ".");
		}
		sb_add(b, idname(e->member));
		return;
	}
	case EXPR_PREOP:
		if (e->op == '*') {
			sb_add(b, "*");
			render(b, e->unop);
			return;
		}
		break;
	case EXPR_VALUE: {
		char t[32];

		snprintf(t, sizeof(t), "%lld", (long long)e->value);
		sb_add(b, t);
		return;
	}
	default:
		break;
	}
	sb_add(b, "?");
}

/* "x->unmap_pages = fn" in function FN */
static void runtime_store(struct fninfo *fn, struct expression *lhs,
			  struct expression *rhs, struct position pos)
{
	struct expression *obj, *d;
	const char *f, *func, *type;
	struct symbol *ot;
	struct sb id = { NULL, 0, 0 };

	lhs = strip_paren(lhs);
	if (!fn || !lhs || lhs->type != EXPR_DEREF)
		return;
	f = idname(lhs->member);
	if (!interesting_field(f))
		return;
	func = stored_func(rhs);
	if (!func)
		return;
	obj = lhs->deref;
	ot = type_of(obj);
	type = record_name(ot);
	if (!is_ops_type(type)) {
		/* classify by the stored function's first parameter */
		struct expression *v = strip_paren(rhs);
		struct symbol *ft, *p;

		if (v && v->type == EXPR_PREOP && v->op == '&')
			v = strip_paren(v->unop);
		type = "";
		if (v && v->type == EXPR_SYMBOL && is_function_sym(v->symbol)) {
			ft = strip_node(v->symbol->ctype.base_type);
			p = first_ptr_list((struct ptr_list *)ft->arguments);
			if (p) {
				struct symbol *pt = strip_node(p->ctype.base_type);
				const char *n = pt && pt->type == SYM_PTR ?
						record_name(pt->ctype.base_type) : "";

				const char *o = gatherlint_param_ops(n);

				if (o)
					type = o;
			}
		}
		if (!type[0])
			return;
	}
	d = strip_paren(obj);
	sb_add(&id, "assign@");
	sb_add(&id, fn->name);
	sb_add(&id, ":");
	if (d && d->type == EXPR_PREOP && d->op == '*')
		render(&id, d->unop);
	else
		render(&id, d);
	ops_fact(pos.line, id.s, type, "-", "-");
	ops_fact(pos.line, id.s, type, f, func);
	free(id.s);
}

/*
 * A call of NAME that passes a NULL literal (NULL, 0, (void *)0; the tree
 * is walked before evaluation, so 0 for an integer parameter too): one
 * `nullcall` fact per such argument (lib/core/gatherlint.h), whatever
 * the callee.
 */
static void null_args(struct fninfo *fn, const char *name,
		      struct expression *call)
{
	struct expression *a, *v;
	int i = 0;

	FOR_EACH_PTR(call->args, a) {
		v = strip_paren(a);
		if (v && v->type == EXPR_VALUE && v->value == 0)
			add_fact(fmt("nullcall\t%s\t%d\t%s\t%s\t%d", main_file,
				     call->pos.line, fn->name, name, i));
		i++;
	} END_FOR_EACH_PTR(a);
}

static void walk_expr(struct expression *e, struct fninfo *fn)
{
	struct expression *a;

	if (!e)
		return;
	switch (e->type) {
	case EXPR_ASSIGNMENT:
		if (e->op == '=' && in_main(e->pos))
			runtime_store(fn, e->left, e->right, e->pos);
		if (e->op == '=' && strip_paren(e->left) &&
		    strip_paren(e->left)->type == EXPR_SYMBOL)
			carrier_store(fn, strip_paren(e->left)->symbol, e->right);
		walk_expr(e->left, fn);
		walk_expr(e->right, fn);
		break;
	case EXPR_BINOP:
	case EXPR_COMMA:
	case EXPR_COMPARE:
	case EXPR_LOGICAL:
		walk_expr(e->left, fn);
		walk_expr(e->right, fn);
		break;
	case EXPR_DEREF:
		walk_expr(e->deref, fn);
		break;
	case EXPR_PREOP:
	case EXPR_POSTOP:
		walk_expr(e->unop, fn);
		break;
	case EXPR_CAST:
	case EXPR_FORCE_CAST:
	case EXPR_IMPLIED_CAST:
		if (e->cast_expression &&
		    e->cast_expression->type == EXPR_INITIALIZER) {
			compound_literal(e);
			break;
		}
		walk_expr(e->cast_expression, fn);
		break;
	case EXPR_CONDITIONAL:
	case EXPR_SELECT:
		walk_expr(e->conditional, fn);
		walk_expr(e->cond_true, fn);
		walk_expr(e->cond_false, fn);
		break;
	case EXPR_STATEMENT:
		walk_stmt(e->statement, fn);
		break;
	case EXPR_CALL: {
		struct expression *f = strip_paren(e->fn);

		if (fn && f && f->type == EXPR_SYMBOL && f->symbol_name &&
		    api_is(idname(f->symbol_name), "fmtalloc", NULL) &&
		    in_main(e->pos)) {
			struct expression *a0 =
				first_ptr_list((struct ptr_list *)e->args);

			if (a0)
				add_fact(fmt("bind\t%s\t%d\t%s\t%s", main_file,
					     e->pos.line, fn->name,
					     fmt_name(a0)));
		}
		if (fn && f && f->type == EXPR_SYMBOL && f->symbol_name &&
		    in_main(e->pos))
			null_args(fn, idname(f->symbol_name), e);
		walk_expr(e->fn, fn);
		FOR_EACH_PTR(e->args, a) {
			walk_expr(a, fn);
		} END_FOR_EACH_PTR(a);
		break;
	}
	case EXPR_INITIALIZER:
		FOR_EACH_PTR(e->expr_list, a) {
			walk_expr(a, fn);
		} END_FOR_EACH_PTR(a);
		break;
	case EXPR_IDENTIFIER:
		walk_expr(e->ident_expression, fn);
		break;
	case EXPR_INDEX:
		walk_expr(e->idx_expression, fn);
		break;
	default:
		break;
	}
}

static void add_srcret(struct fninfo *fn, struct statement *s)
{
	struct srcret r;
	int l = s->pos.line, c = pos_col(s->pos);

	if (!fn || !in_main(s->pos))
		return;
	memset(&r, 0, sizeof(r));
	r.sline = l;
	r.scol = c;
	r.line = l;
	r.col = c;
	if (!strncmp(src_lines[l < nsrc ? l : 0] + (c - 1 <= (int)strlen(
		src_lines[l < nsrc ? l : 0]) ? c - 1 : 0), "return", 6)) {
		r.kwline = l;
		r.kwcol = c;
	} else if (find_return_kw(l, c, &r.kwline, &r.kwcol)) {
		r.line = r.kwline;
		r.col = r.kwcol;
	} else {
		/* "return" written in a macro body: the return is at the
		 * macro's use, its text where the macro is defined */
		const char *s = l < nsrc ? src_lines[l] : "";
		int b = c;
		struct symbol *mac;
		char *name;

		while (b > 1 && b - 1 <= (int)strlen(s) && word_char(s[b - 2]))
			b--;
		r.col = b;
		name = strndup(s + b - 1, strspn(s + b - 1,
			"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"));
		mac = name[0] ? lookup_symbol(built_in_ident(name), NS_MACRO) : NULL;
		free(name);
		if (mac) {
			struct token *t;

			for (t = mac->expansion; t && !eof_token(t); t = t->next)
				if (token_type(t) == TOKEN_IDENT &&
				    !strcmp(idname(t->ident), "return") &&
				    in_main(t->pos)) {
					r.kwline = t->pos.line;
					r.kwcol = pos_col(t->pos);
					break;
				}
		}
	}
	fn->srcrets = xrealloc(fn->srcrets, (fn->nsrcrets + 1) *
			       sizeof(*fn->srcrets));
	fn->srcrets[fn->nsrcrets++] = r;
}

void walk_stmt(struct statement *s, struct fninfo *fn)
{
	struct statement *c;
	struct symbol *sym;

	if (!s)
		return;
	switch (s->type) {
	case STMT_DECLARATION:
		FOR_EACH_PTR(s->declaration, sym) {
			carrier_store(fn, sym, sym->initializer);
			process_decl(sym);
		} END_FOR_EACH_PTR(sym);
		break;
	case STMT_EXPRESSION:
		walk_expr(s->expression, fn);
		break;
	case STMT_COMPOUND:
		FOR_EACH_PTR(s->stmts, c) {
			walk_stmt(c, fn);
		} END_FOR_EACH_PTR(c);
		break;
	case STMT_IF:
		walk_expr(s->if_conditional, fn);
		walk_stmt(s->if_true, fn);
		walk_stmt(s->if_false, fn);
		break;
	case STMT_RETURN:
		add_srcret(fn, s);
		walk_expr(s->ret_value, fn);
		break;
	case STMT_CASE:
		walk_stmt(s->case_statement, fn);
		break;
	case STMT_SWITCH:
		walk_expr(s->switch_expression, fn);
		walk_stmt(s->switch_statement, fn);
		break;
	case STMT_ITERATOR:
		walk_stmt(s->iterator_pre_statement, fn);
		walk_expr(s->iterator_pre_condition, fn);
		walk_stmt(s->iterator_statement, fn);
		walk_stmt(s->iterator_post_statement, fn);
		walk_expr(s->iterator_post_condition, fn);
		break;
	case STMT_LABEL:
		walk_stmt(s->label_statement, fn);
		break;
	default:
		break;
	}
}

