// SPDX-License-Identifier: GPL-2.0
/* util.c - string pool, string map, buffers. */
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *gl_xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p) {
		fputs("gatherlint-core: out of memory\n", stderr);
		exit(2);
	}
	return p;
}

void *gl_grow(void *p, size_t *cap, size_t need, size_t size)
{
	size_t c = *cap;

	if (need <= c)
		return p;
	while (c < need)
		c = c ? 2 * c : 16;
	p = realloc(p, c * size);
	if (!p) {
		fputs("gatherlint-core: out of memory\n", stderr);
		exit(2);
	}
	*cap = c;
	return p;
}

/* ---- pool: a list of blocks --------------------------------------------- */

struct gl_block {
	struct gl_block *next;
	size_t used, size;
	char data[1];
};

struct gl_pool {
	struct gl_block *head;
};

struct gl_pool *gl_pool_new(void)
{
	struct gl_pool *p = (struct gl_pool *)gl_xmalloc(sizeof(*p));

	p->head = NULL;
	return p;
}

void gl_pool_free(struct gl_pool *pool)
{
	struct gl_block *b, *next;

	if (!pool)
		return;
	for (b = pool->head; b; b = next) {
		next = b->next;
		free(b);
	}
	free(pool);
}

static char *pool_alloc(struct gl_pool *pool, size_t n)
{
	struct gl_block *b = pool->head;
	char *r;

	if (!b || b->size - b->used < n) {
		size_t size = n > 65536 ? n : 65536;

		b = (struct gl_block *)gl_xmalloc(sizeof(*b) + size);
		b->size = size;
		b->used = 0;
		b->next = pool->head;
		pool->head = b;
	}
	r = b->data + b->used;
	b->used += n;
	return r;
}

char *gl_pool_strndup(struct gl_pool *pool, const char *s, size_t n)
{
	char *r = pool_alloc(pool, n + 1);

	memcpy(r, s, n);
	r[n] = '\0';
	return r;
}

char *gl_pool_strdup(struct gl_pool *pool, const char *s)
{
	return gl_pool_strndup(pool, s, strlen(s));
}

char *gl_pool_vprintf(struct gl_pool *pool, const char *fmt, va_list ap)
{
	va_list aq;
	int n;
	char *r;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		n = 0;
	r = pool_alloc(pool, (size_t)n + 1);
	vsnprintf(r, (size_t)n + 1, fmt, ap);
	return r;
}

char *gl_pool_printf(struct gl_pool *pool, const char *fmt, ...)
{
	va_list ap;
	char *r;

	va_start(ap, fmt);
	r = gl_pool_vprintf(pool, fmt, ap);
	va_end(ap);
	return r;
}

/* ---- map ----------------------------------------------------------------- */

static size_t hash(const char *s)
{
	size_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

void gl_map_init(struct gl_map *m)
{
	m->keys = NULL;
	m->vals = NULL;
	m->cap = m->n = 0;
}

void gl_map_free(struct gl_map *m)
{
	size_t i;

	for (i = 0; i < m->cap; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->vals);
	gl_map_init(m);
}

static size_t slot(const struct gl_map *m, const char *key)
{
	size_t i = hash(key) & (m->cap - 1);

	while (m->keys[i] && strcmp(m->keys[i], key) != 0)
		i = (i + 1) & (m->cap - 1);
	return i;
}

int gl_map_get(const struct gl_map *m, const char *key)
{
	size_t i;

	if (!m->cap)
		return -1;
	i = slot(m, key);
	return m->keys[i] ? m->vals[i] : -1;
}

static void rehash(struct gl_map *m)
{
	struct gl_map old = *m;
	size_t i;

	m->cap = old.cap ? 2 * old.cap : 64;
	m->keys = (char **)calloc(m->cap, sizeof(*m->keys));
	m->vals = (int *)calloc(m->cap, sizeof(*m->vals));
	if (!m->keys || !m->vals) {
		fputs("gatherlint-core: out of memory\n", stderr);
		exit(2);
	}
	for (i = 0; i < old.cap; i++) {
		if (old.keys[i]) {
			size_t j = slot(m, old.keys[i]);

			m->keys[j] = old.keys[i];
			m->vals[j] = old.vals[i];
		}
	}
	free(old.keys);
	free(old.vals);
}

void gl_map_put(struct gl_map *m, const char *key, int val)
{
	size_t i;

	if (2 * (m->n + 1) > m->cap)
		rehash(m);
	i = slot(m, key);
	if (!m->keys[i]) {
		size_t n = strlen(key);

		m->keys[i] = (char *)gl_xmalloc(n + 1);
		memcpy(m->keys[i], key, n + 1);
		m->n++;
	}
	m->vals[i] = val;
}

const char *gl_key2(char *buf, size_t len, const char *a, const char *b)
{
	snprintf(buf, len, "%s\034%s", a, b);
	return buf;
}

const char *gl_key3(char *buf, size_t len, const char *a, const char *b,
		    const char *c)
{
	snprintf(buf, len, "%s\034%s\034%s", a, b, c);
	return buf;
}

/* ---- buffers and fields ----------------------------------------------------- */

void gl_buf_addn(struct gl_buf *b, const char *s, size_t n)
{
	b->s = (char *)gl_grow(b->s, &b->cap, b->len + n + 1, 1);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void gl_buf_add(struct gl_buf *b, const char *s)
{
	gl_buf_addn(b, s, strlen(s));
}

void gl_buf_printf(struct gl_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	b->s = (char *)gl_grow(b->s, &b->cap, b->len + (size_t)n + 1, 1);
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void gl_buf_free(struct gl_buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

int gl_split_tabs(char *line, char **f, int max)
{
	int n = 0;
	char *p = line;

	for (;;) {
		char *t = strchr(p, '\t');

		if (n < max)
			f[n] = p;
		n++;
		if (!t)
			break;
		*t = '\0';
		p = t + 1;
	}
	return n;
}

long gl_num(const char *s)
{
	return (long)strtod(s, NULL);
}
