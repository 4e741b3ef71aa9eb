// SPDX-License-Identifier: GPL-2.0
/*
 * gatherlint-sparse.c - the sparse engine of gatherlint.
 *
 * A drop-in CHECK= program (make C=1/C=2 CHECK=gatherlint-sparse): it takes
 * the arguments kbuild passes to sparse and, per unit, extracts the facts of
 * lib/core/gatherlint.h section 3 on sparse's library:
 *
 *  - ops/bind/fmtinit/fmtid and runtime "x->unmap_pages = fn" stores: from
 *    the parsed, not yet evaluated, syntax tree (designators, member names
 *    and enumerators are still there; evaluation turns members into
 *    offsets);
 *  - fn/ret: every function of the unit with a "struct
 *    iommu_iotlb_gather *" parameter is linearized (linearize_symbol) with
 *    inlining, SSA conversion and the optimizer turned off, so that local
 *    variables stay loads and stores of symbols (like GIMPLE before SSA,
 *    where the GCC plugin runs) and calls of static inline helpers stay
 *    calls.  Each return is classified (zero, errno, nonzero) and its cover
 *    computed on the basic blocks, path by path, as a CNF over the
 *    candidate calls (call:NAME, fmt, tlbadd): the same analysis as the GCC
 *    plugin, on sparse's instructions.
 *
 * Then, unless told to write the facts, the unit's facts go to the shared
 * decision core (libgatherlint) with "other units unknown" assumptions, and
 * the findings are printed in sparse's form (FILE:LINE:COL: warning: ...).
 *
 * Own options (removed before sparse sees the command line):
 *   -fgatherlint-db=DIR     write the unit's facts to DIR/<unique>.facts
 *                           (temporary file + rename: safe under make -jN)
 *   -fgatherlint-facts      print the unit's facts on stdout
 *   -fgatherlint-core=STATE latent|exposed|protected|unknown (findings)
 *   -fgatherlint-debug      dump the linearized functions on stderr
 * Everything else is sparse's (unknown options are ignored, as sparse
 * does).  sparse's own warnings are not printed: this is a checker for one
 * rule set, stock sparse is the other.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "lib.h"
#include "allocate.h"
#include "token.h"
#include "parse.h"
#include "symbol.h"
#include "expression.h"
#include "linearize.h"
#include "scope.h"
#include "evaluate.h"

#include "gather_api.h"
#include "gatherlint.h"

/* ------------------------------------------------------------------ */
/* Small helpers                                                       */

__attribute__((noinline)) static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p) {
		fprintf(stderr, "gatherlint-sparse: out of memory\n");
		exit(2);
	}
	return p;
}

static char *sdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(xrealloc(NULL, n), s, n);
}

static char *fmt(const char *f, ...)
{
	va_list ap;
	char *s;

	va_start(ap, f);
	if (vasprintf(&s, f, ap) < 0) {
		fprintf(stderr, "gatherlint-sparse: out of memory\n");
		exit(2);
	}
	va_end(ap);
	return s;
}

/* A growable string. */
struct sb {
	char *s;
	size_t len, cap;
};

static void sb_add(struct sb *b, const char *s)
{
	size_t n = strlen(s);

	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->len, s, n + 1);
	b->len += n;
}

static void sb_addc(struct sb *b, char c)
{
	char t[2] = { c, 0 };

	sb_add(b, t);
}

/* A list of strings. */
struct strv {
	char **v;
	size_t n, cap;
};

static void sv_push(struct strv *l, char *s)
{
	if (l->n + 1 > l->cap) {
		l->cap = (l->n + 1) * 2;
		l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	l->v[l->n++] = s;
}

static int sv_has(const struct strv *l, const char *s)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (!strcmp(l->v[i], s))
			return 1;
	return 0;
}

static void sv_free(struct strv *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static const char *api_kind(const char *name, int *arg)
{
	const struct gatherlint_api_entry *e;

	for (e = gatherlint_api; e->kind; e++) {
		if (!strcmp(e->name, name)) {
			if (arg)
				*arg = e->gather_arg;
			return e->kind;
		}
	}
	return NULL;
}

static int api_is(const char *name, const char *kind, int *arg)
{
	const struct gatherlint_api_entry *e;

	for (e = gatherlint_api; e->kind; e++) {
		if (!strcmp(e->kind, kind) && !strcmp(e->name, name)) {
			if (arg)
				*arg = e->gather_arg;
			return 1;
		}
	}
	return 0;
}

/* The name of an identifier, kept for the life of the process (sparse's
 * own show_ident() returns a buffer that the next call reuses). */
static const char *idname(const struct ident *id)
{
	static struct {
		const struct ident *id;
		char *name;
	} *tab;
	static size_t cap, used;
	size_t h, i;

	if (!id)
		return "";
	if (used * 2 >= cap) {
		size_t ncap = cap ? cap * 2 : 1024;
		__typeof__(tab) nt = xrealloc(NULL, ncap * sizeof(*nt));

		memset(nt, 0, ncap * sizeof(*nt));
		for (i = 0; i < cap; i++) {
			if (!tab[i].id)
				continue;
			h = ((uintptr_t)tab[i].id >> 4) & (ncap - 1);
			while (nt[h].id)
				h = (h + 1) & (ncap - 1);
			nt[h] = tab[i];
		}
		free(tab);
		tab = nt;
		cap = ncap;
	}
	h = ((uintptr_t)id >> 4) & (cap - 1);
	while (tab[h].id && tab[h].id != id)
		h = (h + 1) & (cap - 1);
	if (!tab[h].id) {
		tab[h].id = id;
		tab[h].name = strndup(id->name, id->len);
		used++;
	}
	return tab[h].name;
}

/* ------------------------------------------------------------------ */
/* The unit                                                            */

static const char *opt_db;
static const char *opt_core = "unknown";
static int opt_facts;
static int opt_debug;

static const char *main_file;	/* as given on the command line */
static int main_stream = -1;
static char **src_lines;	/* the main file, by line (1-based) */
static int nsrc;

static struct strv facts;	/* fact lines, in order, no duplicates */

static void add_fact(char *f)
{
	if (sv_has(&facts, f)) {
		free(f);
		return;
	}
	sv_push(&facts, f);
}

static void load_source(const char *path)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	nsrc = 1;
	src_lines = xrealloc(NULL, sizeof(*src_lines));
	src_lines[0] = sdup("");
	if (!f)
		return;
	while ((n = getline(&line, &cap, f)) >= 0) {
		if (n > 0 && line[n - 1] == '\n')
			line[--n] = 0;
		src_lines = xrealloc(src_lines, (nsrc + 1) * sizeof(*src_lines));
		src_lines[nsrc++] = sdup(line);
	}
	free(line);
	fclose(f);
}

static void free_source(void)
{
	int i;

	for (i = 0; i < nsrc; i++)
		free(src_lines[i]);
	free(src_lines);
	src_lines = NULL;
	nsrc = 0;
}

static int in_main(struct position pos)
{
	return pos.type && (int)pos.stream == main_stream;
}

/* Character at (line, col) of the main file, 1-based; 0 outside. */
static char src_at(int line, int col)
{
	if (line < 1 || line >= nsrc || col < 1)
		return 0;
	if (col > (int)strlen(src_lines[line]))
		return 0;
	return src_lines[line][col - 1];
}

static int word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_';
}

/* sparse counts columns from 0 (tabstop 1: bytes): 1-based bytes here */
static int pos_col(struct position pos)
{
	return (int)pos.pos + 1;
}

static char *collapse(const char *s)
{
	struct sb b = { NULL, 0, 0 };
	int sp = 0;

	sb_add(&b, "");
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			sp = 1;
			continue;
		}
		if (sp && b.len)
			sb_addc(&b, ' ');
		sp = 0;
		sb_addc(&b, *s);
	}
	return b.s;
}

/*
 * The text of "return EXPR;" starting at (line, col): EXPR collapsed.
 * Comments are skipped.  NULL when (line, col) is not "return".
 */
static char *return_text(int line, int col)
{
	int l = line, c = col, depth = 0;
	struct sb out = { NULL, 0, 0 };

	if (line < 1 || line >= nsrc ||
	    strncmp(src_lines[line] + col - 1, "return", 6) != 0)
		return NULL;
	sb_add(&out, "");
	c += 6;
	while (l < nsrc) {
		const char *s = src_lines[l];
		int len = (int)strlen(s);

		while (c <= len) {
			char ch = s[c - 1];

			if (ch == '/' && c < len && s[c] == '*') {
				const char *e = strstr(s + c + 1, "*/");

				while (!e) {
					l++;
					if (l >= nsrc)
						goto fail;
					s = src_lines[l];
					len = (int)strlen(s);
					e = strstr(s, "*/");
				}
				c = (int)(e - s) + 3;
				sb_addc(&out, ' ');
				continue;
			}
			if (ch == '/' && c < len && s[c] == '/')
				break;
			if (ch == '"' || ch == '\'') {
				char q = ch;

				sb_addc(&out, ch);
				c++;
				while (c <= len && s[c - 1] != q) {
					if (s[c - 1] == '\\') {
						sb_addc(&out, s[c - 1]);
						c++;
					}
					if (c <= len)
						sb_addc(&out, s[c - 1]);
					c++;
				}
				sb_addc(&out, q);
				c++;
				continue;
			}
			if (ch == '(' || ch == '[' || ch == '{')
				depth++;
			if (ch == ')' || ch == ']' || ch == '}')
				depth--;
			if (ch == ';' && depth == 0) {
				char *r = collapse(out.s);

				free(out.s);
				return r;
			}
			sb_addc(&out, ch);
			c++;
		}
		sb_addc(&out, ' ');
		l++;
		c = 1;
	}
fail:
	free(out.s);
	return NULL;
}

/* The "return" keyword of the statement holding (line, col), scanning
 * backwards without crossing a statement boundary. */
static int find_return_kw(int line, int col, int *rl, int *rc)
{
	int l = line, c = col, steps = 0;

	while (l >= 1 && l < nsrc && steps++ < 200) {
		const char *s = src_lines[l];
		int len = (int)strlen(s);

		if (c > len)
			c = len;
		for (; c >= 1; c--) {
			char ch = s[c - 1];

			if (!strncmp(s + c - 1, "return", 6) &&
			    (c == 1 || !word_char(s[c - 2])) &&
			    !word_char(s[c + 5])) {
				*rl = l;
				*rc = c;
				return 1;
			}
			if ((ch == ';' || ch == '{' || ch == '}') &&
			    !(l == line && c == col))
				return 0;
		}
		l--;
		if (l >= 1)
			c = (int)strlen(src_lines[l]);
	}
	return 0;
}

/* The word that ends just before (line, col), skipping blanks, '*' and
 * comments-free layout; "" when none. */
static char *word_before(int line, int col)
{
	int l = line, c = col - 1, e;

	for (;;) {
		while (c < 1) {
			if (--l < 1)
				return sdup("");
			c = (int)strlen(src_lines[l]);
		}
		if (src_at(l, c) == ' ' || src_at(l, c) == '\t' ||
		    src_at(l, c) == '*' || src_at(l, c) == '(' ) {
			c--;
			continue;
		}
		break;
	}
	if (!word_char(src_at(l, c)))
		return sdup("");
	e = c;
	while (c > 1 && word_char(src_at(l, c - 1)))
		c--;
	return strndup(src_lines[l] + c - 1, e - c + 1);
}

/* The type word spelled before declarator NAME, searched from (line, col)
 * (a parameter's position is that of its type). */
static char *type_word(int line, int col, const char *name)
{
	size_t n = strlen(name);
	int l, tries = 0;

	for (l = line; l < nsrc && l >= 1 && tries++ < 8; l++) {
		const char *s = src_lines[l], *p = s + (l == line && col > 1 ?
							 col - 1 : 0);

		if (l == line && col - 1 > (int)strlen(s))
			p = s + strlen(s);
		while ((p = strstr(p, name)) != NULL) {
			if ((p == s || !word_char(p[-1])) && !word_char(p[n]))
				return word_before(l, (int)(p - s) + 1);
			p++;
		}
	}
	return sdup("");
}

/* The '}' matching the '{' at (line, col). */
static int match_brace(int line, int col, int *el, int *ec)
{
	int l = line, c = col, depth = 0;

	while (l < nsrc) {
		const char *s = src_lines[l];
		int len = (int)strlen(s);

		for (; c <= len; c++) {
			char ch = s[c - 1];

			if (ch == '/' && c < len && s[c] == '/')
				break;
			if (ch == '/' && c < len && s[c] == '*') {
				const char *e = strstr(s + c + 1, "*/");

				while (!e) {
					if (++l >= nsrc)
						return 0;
					s = src_lines[l];
					len = (int)strlen(s);
					e = strstr(s, "*/");
				}
				c = (int)(e - s) + 2;
				continue;
			}
			if (ch == '"' || ch == '\'') {
				for (c++; c <= len && s[c - 1] != ch; c++)
					if (s[c - 1] == '\\')
						c++;
				continue;
			}
			if (ch == '{')
				depth++;
			if (ch == '}' && --depth == 0) {
				*el = l;
				*ec = c;
				return 1;
			}
		}
		l++;
		c = 1;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Types                                                               */

static struct symbol *strip_node(struct symbol *t)
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
	return !strcmp(n, "iommu_domain_ops") || !strcmp(n, "iommu_ops") ||
	       !strcmp(n, "pt_iommu_ops") || !strcmp(n, "io_pgtable_ops") ||
	       !strcmp(n, "iommu_flush_ops");
}

static int interesting_field(const char *f)
{
	return !strcmp(f, "unmap_pages") || !strcmp(f, "unmap") ||
	       !strcmp(f, "unmap_range") || !strcmp(f, "iotlb_sync") ||
	       !strcmp(f, "tlb_add_page") || !strcmp(f, "tlb_flush_walk") ||
	       !strcmp(f, "tlb_flush_all");
}

static int is_gather_ptr(struct symbol *t)
{
	t = strip_node(t);
	return t && t->type == SYM_PTR &&
	       !strcmp(record_name(t->ctype.base_type), "iommu_iotlb_gather");
}

/* The member IDENT of struct/union T (anonymous members searched). */
static struct symbol *find_member(struct symbol *t, const struct ident *id)
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

static int is_function_sym(struct symbol *s)
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

struct srcret {
	int line, col;		/* the return keyword (or macro use) */
	int kwline, kwcol;	/* where "return" is spelled, or 0 */
	int sline, scol;	/* the statement's position */
};

struct fninfo {
	struct symbol *sym;
	char *name;
	int line;
	const char *retkind, *linkage;
	char *gather, *iova;
	int has_gather, named, defined;
	struct srcret *srcrets;
	int nsrcrets;
	struct strv rets;	/* ret fact lines */
	char *incomplete;
	int endline, endcol;
	/* a carrier (no gather parameter: loads the gather from a member of
	 * pointer parameter cparam into the locals clocals) */
	int carrier;
	struct symbol *cparam;
	struct symbol *clocals[8];
	int nclocals;
	struct entrypoint *ep;
	int visit;		/* callees first: 1 visiting, 2 done */
	/* callee summary (SPEC 2 Flushed, Nonzero path): every path flushes
	 * (flush_always), or does when parameter flush_param is 0
	 * (flush_zero) or not; every return is 0 when zero_param is */
	int summarised, flush_always, flush_param, flush_zero, zero_param;
};

static struct fninfo *fns;
static int nfns;
static struct strv ops_funcs;	/* functions named by ops facts */

static struct fninfo *fn_get(const char *name)
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
static struct fninfo *fn_find(const char *name)
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
static void walk_stmt(struct statement *s, struct fninfo *fn);

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
static void process_decl(struct symbol *sym)
{
	struct symbol *t;
	struct expression *init = sym->initializer;
	const char *tn;
	int line = sym->pos.line;

	if (!init || !in_main(sym->pos) || !sym->ident)
		return;
	t = strip_node(sym->ctype.base_type);
	tn = record_name(t);
	if (!strcmp(tn, "io_pgtable_init_fns")) {
		if (init->type == EXPR_INITIALIZER)
			add_fact(fmt("fmtinit\t%s\t%d\t%s", main_file, line,
				     idname(sym->ident)));
		return;
	}
	if (t && t->type == SYM_ARRAY &&
	    is_gather_ptr(t) == 0 &&
	    strip_node(t->ctype.base_type) &&
	    strip_node(t->ctype.base_type)->type == SYM_PTR &&
	    !strcmp(record_name(strip_node(t->ctype.base_type)->ctype.base_type),
		    "io_pgtable_init_fns")) {
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

				if (!strcmp(n, "io_pgtable_ops"))
					type = "io_pgtable_ops";
				else if (!strcmp(n, "pt_iommu"))
					type = "pt_iommu_ops";
				else if (!strcmp(n, "iommu_iotlb_gather"))
					type = "iommu_flush_ops";
				else if (!strcmp(n, "iommu_domain"))
					type = "iommu_domain_ops";
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

static void walk_stmt(struct statement *s, struct fninfo *fn)
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

static struct symbol *gather_param(struct symbol *fsym)
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
static void pre_function(struct symbol *sym)
{
	struct symbol *ft = strip_node(sym->ctype.base_type);
	struct fninfo *fn;
	struct symbol *g;
	struct symbol *p;

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
	FOR_EACH_PTR(ft->arguments, p) {
		(void)p;
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

static struct mcall *mcalls;
static int nmcalls;

static int same_pos(struct position a, struct position b)
{
	return a.stream == b.stream && a.line == b.line && a.pos == b.pos;
}

static const char *member_call_at(struct position pos)
{
	int i;

	for (i = 0; i < nmcalls; i++)
		if (same_pos(mcalls[i].pos, pos))
			return mcalls[i].member;
	return NULL;
}

static void ev_walk_expr(struct expression *e);

static void ev_walk_stmt(struct statement *s)
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

/* ------------------------------------------------------------------ */
/* The path analysis (sparse's basic blocks, before SSA)               */

#define GL_MAX_VARS 32
#define GL_MAX_ENVS 48
#define GL_MAX_CLAUSES 64
#define GL_MAX_ATOMS 64

typedef uint64_t clause;	/* a set of atoms */

struct pentry {
	unsigned z, nz;		/* env: zero mask, nonzero mask */
	int covered;		/* some path here passed a fill */
	clause *cl;		/* the other paths: the atoms they passed */
	int ncl;
};

struct pstate {
	struct pentry *e;
	int n;
};

enum ev_kind { EV_COVER, EV_ATOM, EV_DEF };

struct event {
	enum ev_kind kind;
	int atom, var, inc;
	pseudo_t val;		/* EV_DEF: the value stored */
};

enum ref_kind { R_ZERO, R_NZ, R_LT_T, R_LT_F, R_EQ, R_NE };

struct refine {
	enum ref_kind kind;
	int a, b;
};

struct edge {
	int dst;
	int queued;
	struct refine *refs;
	int nrefs;
	int kind;		/* switch: 1 zero, 2 nonzero, 3 both */
};

struct block {
	struct basic_block *bb;
	struct event *ev;
	int nev;
	struct edge *out;
	int nout;
	struct pstate in;
	int reached, inwork;
};

struct retsite {
	int b;			/* block */
	int ev_index;
	pseudo_t val;
	int src;		/* srcret index */
	struct instruction *insn;	/* the phi source */
};

struct fa {
	struct fninfo *fn;
	struct entrypoint *ep;
	struct block *bl;
	int nbl;
	struct symbol *gvars[16];
	int ngvars;
	struct symbol *gstructs[16];	/* locals holding the gather in a member */
	int ngstructs;
	int rangestore;
	long start_off, end_off;
	struct symbol *vars[GL_MAX_VARS];
	int nvars, keep;
	unsigned unread;
	const char *atoms[GL_MAX_ATOMS];
	int natoms;
	struct retsite *rets;
	int nrets;
	struct symbol *qsyms[16];
	int qpols[16], nq;
};

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

static int block_of(struct basic_block *bb)
{
	return bb ? (int)(intptr_t)bb->priv - 1 : -1;
}

static struct instruction *def_of(pseudo_t p)
{
	return p && p->type == PSEUDO_REG ? p->def : NULL;
}

static int is_cast_op(int op)
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

static int scalar_sym(struct symbol *s)
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

static int local_sym(struct symbol *s)
{
	return s && !(s->ctype.modifiers &
		      (MOD_STATIC | MOD_EXTERN | MOD_TOPLEVEL | MOD_ADDRESSABLE));
}

static int is_gvar(struct fa *fa, pseudo_t p)
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

static pseudo_t call_arg(struct instruction *call, int idx)
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

static const char *direct_callee(struct instruction *call)
{
	pseudo_t f = call->func;

	if (f && f->type == PSEUDO_SYM && is_function_sym(f->sym))
		return idname(f->sym->ident);
	return NULL;
}

/* g->start or g->end: a memory access through a gather value (the
 * gather pointer itself, not a carrier's parameter) */
static int gather_range_ref(struct fa *fa, struct instruction *insn)
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
static struct fninfo *summary_of(const char *name)
{
	struct fninfo *f = fn_find(name);

	return f && f->summarised ? f : NULL;
}

static void ev_push(struct block *b, struct event e)
{
	b->ev = xrealloc(b->ev, (b->nev + 1) * sizeof(*b->ev));
	b->ev[b->nev++] = e;
}

/* Events of one call. */
static void call_events(struct fa *fa, struct block *b, struct instruction *s)
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
	if (!strcmp(m, "unmap_pages") || !strcmp(m, "unmap")) {
		e.atom = atom_id(fa, "fmt");
	} else {
		char *a = fmt("call:%s", m);

		e.atom = atom_id(fa, a);
		free(a);
	}
	if (e.atom >= 0)
		ev_push(b, e);
}

/* ---- path states ---- */

static int subset(clause a, clause b)
{
	return (a & ~b) == 0;
}

static void cl_add(clause **v, int *n, clause c)
{
	int i;

	for (i = 0; i < *n; i++)
		if ((*v)[i] == c)
			return;
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[(*n)++] = c;
}

/* Keep only the minimal clauses; too many: one clause of every atom. */
static void minimise(clause **v, int *n)
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

static void ps_free(struct pstate *s)
{
	int i;

	for (i = 0; i < s->n; i++)
		free(s->e[i].cl);
	free(s->e);
	s->e = NULL;
	s->n = 0;
}

static void ps_copy(struct pstate *d, const struct pstate *s)
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

static int env_val(unsigned z, unsigned nz, int v)
{
	if (v < 0)
		return -1;
	if (z & (1u << v))
		return 0;
	if (nz & (1u << v))
		return 1;
	return -1;
}

static void env_set(unsigned *z, unsigned *nz, int v, int val)
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

/*
 * Values are read as the GCC plugin reads GIMPLE before SSA: a statement's
 * operands are constants or variables; anything computed is a temporary
 * whose value is not known.  So a value is looked into one level deep: a
 * store or a return computes one operation (or one conversion) of
 * operands, and a test compares two operands.  Pointer casts change
 * nothing (GCC drops them); other conversions make a temporary.
 */
static struct symbol *direct_var(pseudo_t p)
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

static int sym_index(struct fa *fa, struct symbol *s)
{
	int i;

	for (i = 0; i < fa->nvars; i++)
		if (fa->vars[i] == s)
			return i;
	return -1;
}

/* An operand's value in env (z, nz): 0 zero, 1 nonzero, -1 unknown. */
static int eval_operand(struct fa *fa, pseudo_t p, unsigned z, unsigned nz)
{
	int v;

	if (!p)
		return -1;
	if (p->type == PSEUDO_VAL)
		return p->value == 0 ? 0 : 1;
	v = var_index(fa, p);
	return v >= 0 ? env_val(z, nz, v) : -1;
}

/* A tested condition's value (a ?: the expander made a select of). */
static int eval_cond(struct fa *fa, pseudo_t p, unsigned z, unsigned nz)
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
static pseudo_t strip_noop(pseudo_t p)
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
static int eval(struct fa *fa, pseudo_t p, unsigned z, unsigned nz, int depth)
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

static void add_ref(struct edge *e, enum ref_kind kind, int a, int b)
{
	if (!e || a < 0 || (kind >= R_LT_T && b < 0))
		return;
	e->refs = xrealloc(e->refs, (e->nrefs + 1) * sizeof(*e->refs));
	e->refs[e->nrefs].kind = kind;
	e->refs[e->nrefs].a = a;
	e->refs[e->nrefs].b = b;
	e->nrefs++;
}

static void transfer(struct fa *fa, int b, struct pstate *st, int upto)
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

/* ---- conditions, tracked variables ---- */

enum { C_EQ, C_NE, C_LT, C_LE, C_GT, C_GE };

struct cond {
	int code, uns;
	pseudo_t l, r;
};

/* The test a branch on C makes, as "L CODE R". */
static void norm_cond(pseudo_t c, struct cond *o)
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
static void value_vars(pseudo_t p, struct symbol **out, int *n, int depth)
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

static struct instruction *last_insn(struct basic_block *bb)
{
	struct instruction *insn, *last = NULL;

	FOR_EACH_PTR(bb->insns, insn) {
		if (insn->bb)
			last = insn;
	} END_FOR_EACH_PTR(insn);
	return last;
}

/* A store to a local variable: the variable, else NULL. */
static struct symbol *store_var(struct instruction *insn)
{
	if (insn->opcode != OP_STORE || insn->offset != 0 ||
	    insn->src->type != PSEUDO_SYM)
		return NULL;
	return insn->src->sym;
}

static void find_tracked(struct fa *fa)
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

static struct edge *edge_to(struct block *b, int dst)
{
	int i;

	for (i = 0; i < b->nout; i++)
		if (b->out[i].dst == dst)
			return &b->out[i];
	return NULL;
}

static void add_edge(struct block *b, int dst)
{
	if (dst < 0 || edge_to(b, dst))
		return;
	b->out = xrealloc(b->out, (b->nout + 1) * sizeof(*b->out));
	memset(&b->out[b->nout], 0, sizeof(*b->out));
	b->out[b->nout++].dst = dst;
}

static void find_value_tests(struct fa *fa)
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

static void find_queued(struct fa *fa)
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

/* Forward dataflow from the entry block; 0 when over budget. */
static int solve(struct fa *fa, int entry)
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
static void summarise(struct fa *fa, struct fninfo *fn, int retb)
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

/* One merged source return. */
struct mret {
	int reached, nonzero;
	clause *cl;
	int ncl;
	struct strv unread;
};

static void analyse(struct fninfo *fn, struct entrypoint *ep, int summary_only)
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
static void visit(struct fninfo *fn)
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

/* ------------------------------------------------------------------ */
/* Output                                                              */

static void render_facts(struct sb *out)
{
	int i;
	size_t k;

	sb_add(out, "");
	for (i = 0; i < nfns; i++) {
		struct fninfo *f = &fns[i];
		char *l;

		if (!f->defined || (!f->has_gather && !sv_has(&ops_funcs, f->name)))
			continue;
		l = fmt("fn\t%s\t%d\t%s\t%s\t%s\t%s\t%s\n", main_file, f->line,
			f->name, f->retkind, f->gather, f->iova, f->linkage);
		sb_add(out, l);
		free(l);
		if (f->incomplete) {
			l = fmt("incomplete\t%s\t%d\t%s\t%s\n", main_file,
				f->line, f->name, f->incomplete);
			sb_add(out, l);
			free(l);
		}
		for (k = 0; k < f->rets.n; k++) {
			sb_add(out, f->rets.v[k]);
			sb_add(out, "\n");
		}
	}
	for (k = 0; k < facts.n; k++) {
		sb_add(out, facts.v[k]);
		sb_add(out, "\n");
	}
}

static int write_db(const char *text)
{
	char *base = sdup(main_file), *p, *dst, *tmp;
	FILE *f;
	int ok;

	for (p = base; *p; p++)
		if (*p == '/')
			*p = '+';
	dst = fmt("%s/%s.%ld.%ld.facts", opt_db, base, (long)getpid(),
		  (long)time(NULL));
	tmp = fmt("%s/.%s.%ld.tmp", opt_db, base, (long)getpid());
	f = fopen(tmp, "w");
	ok = f && fputs(text, f) >= 0;
	if (f && fclose(f) != 0)
		ok = 0;
	if (!ok || rename(tmp, dst) != 0) {
		unlink(tmp);
		fprintf(stderr, "gatherlint-sparse: cannot write %s\n", dst);
		ok = 0;
	}
	free(base);
	free(dst);
	free(tmp);
	return ok;
}

/* What this unit decides alone, through the shared core, printed in
 * sparse's form. */
static int standalone(const char *text)
{
	struct gl_facts *gf = gl_facts_new();
	struct gl_resolve_opts ro;
	struct gl_format_opts fo;
	struct gl_report *rep;
	char core[16], err[256] = "";
	char *t = sdup(text), *line, *save = NULL;
	int i, rc;

	for (line = strtok_r(t, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save))
		gl_facts_add_line(gf, line);
	free(t);
	for (i = 0; opt_core[i] && i < 15; i++)
		core[i] = (char)(opt_core[i] >= 'a' && opt_core[i] <= 'z' ?
				 opt_core[i] - 'a' + 'A' : opt_core[i]);
	core[i] = 0;
	memset(&ro, 0, sizeof(ro));
	ro.core = core;
	ro.root = "";
	ro.fixmin = "warning";
	rep = gl_resolve(gf, &ro);
	if (!rep) {
		gl_facts_free(gf);
		return -1;
	}
	memset(&fo, 0, sizeof(fo));
	fo.fmt = "sparse";
	fo.core = core;
	fo.here = ".";
	fflush(stdout);
	rc = gl_format(rep, &fo, stderr, err, sizeof(err));
	gl_report_free(rep);
	gl_facts_free(gf);
	return rc;
}

/* ------------------------------------------------------------------ */
/* One unit                                                            */

static void reset_unit(void)
{
	int i;

	for (i = 0; i < nfns; i++) {
		free(fns[i].name);
		free(fns[i].gather);
		free(fns[i].iova);
		free(fns[i].srcrets);
		free(fns[i].incomplete);
		sv_free(&fns[i].rets);
	}
	free(fns);
	fns = NULL;
	nfns = 0;
	sv_free(&facts);
	sv_free(&ops_funcs);
	free(mcalls);
	mcalls = NULL;
	nmcalls = 0;
	free_source();
}

static int find_stream(const char *name)
{
	int i;

	for (i = 0; i < input_stream_nr; i++)
		if (input_streams[i].name && !strcmp(input_streams[i].name, name))
			return i;
	return -1;
}

static int check_unit(char *file)
{
	struct symbol_list *list;
	struct symbol *sym;
	struct sb text = { NULL, 0, 0 };
	int bad, rc = 0, i;

	reset_unit();
	main_file = file;
	load_source(file);
	has_error = 0;
	list = sparse_keep_tokens(file);
	main_stream = find_stream(file);
	bad = has_error & ERROR_CURR_PHASE;
	if (has_error & ERROR_CURR_PHASE)
		has_error = ERROR_PREV_PHASE;
	/* the parsed tree: functions, ops objects, binds */
	FOR_EACH_PTR(list, sym) {
		struct symbol *t = strip_node(sym->ctype.base_type);

		if (t && t->type == SYM_FN)
			pre_function(sym);
		else
			process_decl(sym);
	} END_FOR_EACH_PTR(sym);
	evaluate_symbol_list(list);
	/* type errors (address spaces...) are sparse's own diagnostics: only
	 * a unit that does not parse is incomplete */
	if (has_error & ERROR_CURR_PHASE)
		has_error = ERROR_PREV_PHASE;
	if (bad) {
		char *l = fmt("# gatherlint facts of %s\nincomplete\t%s\t1\t-\t"
			      "sparse cannot parse this file\n", file, file);

		sb_add(&text, l);
		free(l);
		goto emit;
	}
	/* every function of the unit, callees first */
	for (i = 0; i < nfns; i++)
		visit(&fns[i]);
	sb_add(&text, "# gatherlint facts of ");
	sb_add(&text, file);
	sb_add(&text, "\n");
	{
		struct sb body;

		memset(&body, 0, sizeof(body));
		render_facts(&body);
		sb_add(&text, body.s);
		free(body.s);
	}
emit:
	if (opt_debug)
		fputs(text.s, stderr);
	if (opt_facts)
		fputs(text.s, stdout);
	if (opt_db) {
		if (!write_db(text.s))
			rc = 1;
	}
	if (!opt_facts && !opt_db && standalone(text.s) != 0)
		rc = 1;
	free(text.s);
	/* the tokens were kept for the macro bodies */
	clear_token_alloc();
	return rc;
}

/* ------------------------------------------------------------------ */

static int own_option(const char *a)
{
	const char *v;

	if (strncmp(a, "-fgatherlint-", 13) != 0)
		return 0;
	a += 13;
	if (!strncmp(a, "db=", 3)) {
		struct stat st;

		opt_db = a + 3;
		if (stat(opt_db, &st) != 0)
			mkdir(opt_db, 0777);	/* parallel units may race */
		if (stat(opt_db, &st) != 0 || !S_ISDIR(st.st_mode)) {
			fprintf(stderr, "gatherlint-sparse: -fgatherlint-db=%s "
				"is not a directory\n", opt_db);
			exit(2);
		}
	} else if (!strcmp(a, "facts")) {
		opt_facts = 1;
	} else if (!strcmp(a, "debug")) {
		opt_debug = 1;
	} else if (!strncmp(a, "core=", 5)) {
		v = a + 5;
		if (strcmp(v, "latent") && strcmp(v, "exposed") &&
		    strcmp(v, "protected") && strcmp(v, "unknown")) {
			fprintf(stderr, "gatherlint-sparse: -fgatherlint-core=%s: "
				"not latent, exposed, protected or unknown\n", v);
			exit(2);
		}
		opt_core = v;
	} else {
		fprintf(stderr, "gatherlint-sparse: unknown option -fgatherlint-%s\n",
			a);
		exit(2);
	}
	return 1;
}

int main(int argc, char **argv)
{
	struct string_list *filelist = NULL;
	char **args = xrealloc(NULL, (argc + 1) * sizeof(*args));
	char *file;
	int i, n = 0, rc = 0;

	for (i = 0; i < argc; i++)
		if (i == 0 || !own_option(argv[i]))
			args[n++] = argv[i];
	args[n] = NULL;
	sparse_initialize(n, args, &filelist);
	/* sparse's own warnings are stock sparse's business */
	fmax_warnings = 0;
	/* columns in bytes, as the other engines count them */
	tabstop = 1;
	/* linearize only: no SSA, no optimizer (locals stay symbols) */
	fpasses &= ~(PASS_MEM2REG | PASS_OPTIM);
	FOR_EACH_PTR(filelist, file) {
		rc |= check_unit(file);
	} END_FOR_EACH_PTR(file);
	reset_unit();
	free(args);
	return rc ? 2 : 0;
}
