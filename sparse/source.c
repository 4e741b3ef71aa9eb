// SPDX-License-Identifier: GPL-2.0
/*
 * source.c - gatherlint-sparse: small helpers (memory, strings, the gather API
 * vocabulary) and the main file's text: columns, return texts, braces.
 */
#include "gls.h"
#include "gather_api.h"

/* ------------------------------------------------------------------ */
/* Small helpers                                                       */

__attribute__((noinline)) void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p) {
		fprintf(stderr, "gatherlint-sparse: out of memory\n");
		exit(2);
	}
	return p;
}

char *sdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(xrealloc(NULL, n), s, n);
}

char *fmt(const char *f, ...)
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

void sb_add(struct sb *b, const char *s)
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

void sv_push(struct strv *l, char *s)
{
	if (l->n + 1 > l->cap) {
		l->cap = (l->n + 1) * 2;
		l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	l->v[l->n++] = s;
}

int sv_has(const struct strv *l, const char *s)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (!strcmp(l->v[i], s))
			return 1;
	return 0;
}

void sv_free(struct strv *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

const char *api_kind(const char *name, int *arg)
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

int api_is(const char *name, const char *kind, int *arg)
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
const char *idname(const struct ident *id)
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

const char *main_file;	/* as given on the command line */
int main_stream = -1;
char **src_lines;	/* the main file, by line (1-based) */
int nsrc;

struct strv facts;	/* fact lines, in order, no duplicates */

void add_fact(char *f)
{
	if (sv_has(&facts, f)) {
		free(f);
		return;
	}
	sv_push(&facts, f);
}

void load_source(const char *path)
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

void free_source(void)
{
	int i;

	for (i = 0; i < nsrc; i++)
		free(src_lines[i]);
	free(src_lines);
	src_lines = NULL;
	nsrc = 0;
}

int in_main(struct position pos)
{
	return pos.type && (int)pos.stream == main_stream;
}

/* Character at (line, col) of the main file, 1-based; 0 outside. */
char src_at(int line, int col)
{
	if (line < 1 || line >= nsrc || col < 1)
		return 0;
	if (col > (int)strlen(src_lines[line]))
		return 0;
	return src_lines[line][col - 1];
}

int word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_';
}

/* sparse counts columns from 0 (tabstop 1: bytes): 1-based bytes here */
int pos_col(struct position pos)
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
char *return_text(int line, int col)
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
int find_return_kw(int line, int col, int *rl, int *rc)
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
char *type_word(int line, int col, const char *name)
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
int match_brace(int line, int col, int *el, int *ec)
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

