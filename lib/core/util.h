/* SPDX-License-Identifier: GPL-2.0 */
/* util.h - libgatherlint internals: string pool, string map, growth. */
#ifndef GL_UTIL_H
#define GL_UTIL_H

#include <stdarg.h>
#include <stddef.h>

/* Every string of a fact set or a report lives in its pool. */
struct gl_pool;
struct gl_pool *gl_pool_new(void);
void gl_pool_free(struct gl_pool *pool);
char *gl_pool_strdup(struct gl_pool *pool, const char *s);
char *gl_pool_strndup(struct gl_pool *pool, const char *s, size_t n);
#ifdef __GNUC__
__attribute__((format(printf, 2, 3)))
#endif
char *gl_pool_printf(struct gl_pool *pool, const char *fmt, ...);
char *gl_pool_vprintf(struct gl_pool *pool, const char *fmt, va_list ap);

/* realloc P (of *CAP elements of SIZE bytes) to hold NEED; aborts when
 * out of memory. */
void *gl_grow(void *p, size_t *cap, size_t need, size_t size);
void *gl_xmalloc(size_t size);

/* A map from strings to non-negative ints (open addressing). */
struct gl_map {
	char **keys;
	int *vals;
	size_t cap, n;
};
void gl_map_init(struct gl_map *m);
void gl_map_free(struct gl_map *m);
int gl_map_get(const struct gl_map *m, const char *key);	/* -1: absent */
void gl_map_put(struct gl_map *m, const char *key, int val);
/* KEY made of two or three parts (joined by \034, awk's SUBSEP). */
const char *gl_key2(char *buf, size_t len, const char *a, const char *b);
const char *gl_key3(char *buf, size_t len, const char *a, const char *b,
		    const char *c);

/* Growing string buffer. */
struct gl_buf {
	char *s;
	size_t len, cap;
};
void gl_buf_add(struct gl_buf *b, const char *s);
void gl_buf_addn(struct gl_buf *b, const char *s, size_t n);
#ifdef __GNUC__
__attribute__((format(printf, 2, 3)))
#endif
void gl_buf_printf(struct gl_buf *b, const char *fmt, ...);
void gl_buf_free(struct gl_buf *b);

/* Splits a TAB-separated LINE in place (awk -F '\t'): up to MAX fields
 * into F, returns the number of fields. */
int gl_split_tabs(char *line, char **f, int max);

/* awk's string-to-number for line and column fields. */
long gl_num(const char *s);

#endif /* GL_UTIL_H */
