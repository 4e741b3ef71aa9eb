// SPDX-License-Identifier: GPL-2.0
/*
 * series.c - the texts of `gatherlint fix --series` (SPEC section 5): the
 * summary and body of each driver patch, of the core back-fill patch and
 * of the cover letter, built from the resolver's records (F/N/X/E), the
 * core probe's reading and the message table (rules.c).  Git, the
 * subject prefix, the trailers and the files are the CLI's
 * (lib/series.sh).
 */
#define _POSIX_C_SOURCE 200809L
#include "gatherlint.h"
#include "util.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define WIDTH 72	/* commit messages: checkpatch wants at most 75 */

static int streq(const char *a, const char *b)
{
	return strcmp(a, b) == 0;
}

/*
 * Does S read as message format FMT (each %s any text)?  Fills CAP with
 * up to NCAP copies of what the %s matched (in POOL).
 */
static int match_at(const char *f, const char *s, const char **cap, int ncap,
		    struct gl_pool *pool)
{
	const char *t;

	while (*f) {
		if (f[0] == '%' && f[1] == 's') {
			/* shortest text first, so that a later literal part
			 * decides where this one ends */
			for (t = s;; t++) {
				if (match_at(f + 2, t, cap ? cap + 1 : NULL,
					     ncap - 1, pool)) {
					if (cap && ncap > 0)
						cap[0] = gl_pool_strndup(pool, s,
							(size_t)(t - s));
					return 1;
				}
				if (!*t)
					return 0;
			}
		}
		if (*f != *s)
			return 0;
		f++;
		s++;
	}
	return *s == '\0';
}

static int msg_is(enum gl_msg m, const char *s, const char **cap, int ncap,
		  struct gl_pool *pool)
{
	return match_at(gl_msgs[m], s, cap, ncap, pool);
}

/* Prints TEXT wrapped at WIDTH columns, then a newline. */
static void wrap(FILE *out, const char *text, const char *indent)
{
	size_t col = 0, n;
	const char *w = text;

	while (*w) {
		while (*w == ' ')
			w++;
		if (!*w)
			break;
		n = strcspn(w, " ");
		if (col && col + 1 + n > WIDTH) {
			fputc('\n', out);
			col = 0;
		}
		if (!col) {
			fputs(indent, out);
			col = strlen(indent);
		} else {
			fputc(' ', out);
			col++;
		}
		fwrite(w, 1, n, out);
		col += n;
		w += n;
	}
	fputc('\n', out);
}

static const char *fmt(struct gl_pool *pool, enum gl_msg m, ...)
{
	va_list ap;
	const char *s;

	va_start(ap, m);
	s = gl_pool_vprintf(pool, gl_msgs[m], ap);
	va_end(ap);
	return s;
}

/* "A", "A and B", "A, B and C" of the N strings V. */
static const char *join_and(struct gl_pool *pool, const char **v, size_t n)
{
	struct gl_buf b = { NULL, 0, 0 };
	const char *r;
	size_t i;

	gl_buf_add(&b, "");
	for (i = 0; i < n; i++) {
		if (i)
			gl_buf_add(&b, i + 1 == n ? " and " : ", ");
		gl_buf_add(&b, v[i]);
	}
	r = gl_pool_strdup(pool, b.s);
	gl_buf_free(&b);
	return r;
}

/* Adds S to the set V (of *N) unless it is there. */
static void add_once(const char ***v, size_t *n, size_t *cap, const char *s)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (streq((*v)[i], s))
			return;
	*v = (const char **)gl_grow((void *)*v, cap, *n + 1, sizeof(**v));
	(*v)[(*n)++] = s;
}

/*
 * What the probe read, in words: the first clause of its detail without
 * the FILE:LINE: it starts with.
 */
static const char *core_reading(struct gl_pool *pool, const char *coremsg)
{
	const char *s = coremsg ? coremsg : "", *p;
	size_t n;

	p = strstr(s, ": ");
	if (p && (size_t)(p - s) + 1 == strcspn(s, " ") && strchr(s, ':') < p)
		s = p + 2;	/* "file:line: " */
	n = strcspn(s, ";");
	return gl_pool_strndup(pool, s, n);
}

/* "the iommu_domain_ops in apple_dart_iommu_ops" for an anonymous ops
 * object (anon@OUTER/TYPE), else its name. */
static const char *ops_name(struct gl_pool *pool, const char *type,
			    const char *id)
{
	if (strncmp(id, "anon@", 5) == 0) {
		size_t n = strcspn(id + 5, "/");

		return fmt(pool, GL_MSG_SERIES_OPS_IN, type,
			   gl_pool_strndup(pool, id + 5, n));
	}
	return id;
}

static void state_paragraphs(FILE *out, struct gl_pool *pool,
			     const struct gl_series_opts *o)
{
	const char *state = o->core && o->core[0] ? o->core : "UNKNOWN";

	wrap(out, gl_msgs[GL_MSG_SERIES_SKIP], "");
	fputc('\n', out);
	wrap(out, fmt(pool, GL_MSG_SERIES_STATE, state,
		      core_reading(pool, o->coremsg),
		      gl_core_text(gl_core_parse(state), 1)), "");
}

/* The patch of one driver file: its entry points that the fix covers. */
static int driver_text(const struct gl_report *rep,
		       const struct gl_series_opts *o, FILE *out,
		       struct gl_pool *pool, char *err, size_t errlen)
{
	const char **fmts = NULL, **why = NULL, **calls = NULL;
	size_t nfmts = 0, capf = 0, nwhy = 0, capw = 0, ncalls = 0, capc = 0;
	size_t i, j, k, n = 0;
	int delegates = 0;
	struct gl_buf para = { NULL, 0, 0 };

	fprintf(out, "%s\n\n", gl_msgs[GL_MSG_FIX_DESCRIPTION]);
	for (i = 0; i < rep->nfindings; i++) {
		const struct gl_finding *g = &rep->findings[i];
		const struct gl_entry *e = NULL;
		const char *gather = NULL, *guard = NULL;
		int fixed = 0;
		char type[128], id[256], field[64];

		if (!streq(g->rule, gl_rules[GL_RULE_UNMAP_GATHER_UNFILLED].id) ||
		    !streq(g->file, o->file[0]))
			continue;
		for (j = 0; j < rep->nfixes; j++)
			if (streq(rep->fixes[j].file, g->file) &&
			    streq(rep->fixes[j].func, g->func)) {
				fixed = 1;
				gather = rep->fixes[j].gather;
			}
		if (!fixed)
			continue;
		for (j = 0; j < rep->nentries; j++)
			if (streq(rep->entries[j].file, g->file) &&
			    streq(rep->entries[j].func, g->func))
				e = &rep->entries[j];
		para.len = 0;
		if (e && sscanf(e->ops, "%127s %255s .%63s", type, id,
				field) == 3)
			gl_buf_add(&para, fmt(pool, GL_MSG_SERIES_ENTRY, g->func,
					       field, ops_name(pool, type, id)));
		else
			gl_buf_printf(&para, "%s.", g->msg);
		n++;
		/* why, from the notes: the formats it delegates to and what
		 * their tlb_add_page reaches; the calls in the driver file */
		nfmts = nwhy = ncalls = 0;
		for (k = 0; k < g->nnotes; k++) {
			const struct gl_note *t = &g->notes[k];
			const char *cap[2] = { NULL, NULL };

			if (msg_is(GL_MSG_FMT_UNMAP_NO_FILL, t->msg, cap, 2,
				   pool) ||
			    msg_is(GL_MSG_FMT_OUT_OF_SCOPE, t->msg, cap, 1,
				   pool)) {
				add_once(&fmts, &nfmts, &capf, cap[0]);
			} else if (msg_is(GL_MSG_TLBADD_NO_FILL, t->msg, cap,
					  1, pool)) {
				add_once(&why, &nwhy, &capw, cap[0]);
			} else if (msg_is(GL_MSG_CALLS_NON_FILLER, t->msg, cap,
					  1, pool) && streq(t->file, g->file)) {
				add_once(&calls, &ncalls, &capc, t->msg);
			} else if (msg_is(GL_MSG_NULL_CALLED, t->msg, cap, 2,
					  pool)) {
				guard = cap[1];
			}
		}
		if (nfmts) {
			delegates = 1;
			gl_buf_printf(&para, " %s", fmt(pool, GL_MSG_SERIES_FORMATS,
				join_and(pool, fmts, nfmts),
				fmt(pool, GL_MSG_TLBADD_NO_FILL,
				    nwhy ? join_and(pool, why, nwhy) :
				    gl_msgs[GL_MSG_RELIED_NOTHING])));
		}
		for (k = 0; k < ncalls; k++)
			gl_buf_printf(&para, " %s",
				      fmt(pool, GL_MSG_SERIES_CALLS, calls[k]));
		/* why the fill is guarded (the fix writes "if (gather)") */
		if (guard && gather)
			gl_buf_printf(&para, " %s", fmt(pool, GL_MSG_SERIES_GUARD,
				      g->func, guard, gather));
		wrap(out, para.s, "");
		fputc('\n', out);
	}
	gl_buf_free(&para);
	free((void *)fmts);
	free((void *)why);
	free((void *)calls);
	if (!n) {
		snprintf(err, errlen, "series: no fixed finding in %s",
			 o->file[0]);
		return -1;
	}
	state_paragraphs(out, pool, o);
	fputc('\n', out);
	wrap(out, gl_msgs[delegates ? GL_MSG_SERIES_WHERE_FMT :
			  GL_MSG_SERIES_WHERE], "");
	fputc('\n', out);
	wrap(out, fmt(pool, GL_MSG_SERIES_FOUND,
		      gl_rules[GL_RULE_UNMAP_GATHER_UNFILLED].id), "");
	return 0;
}

static void core_text(const struct gl_series_opts *o, FILE *out,
		      struct gl_pool *pool)
{
	fprintf(out, "%s\n\n", gl_msgs[GL_MSG_SERIES_CORE_SUBJECT]);
	state_paragraphs(out, pool, o);
	fputc('\n', out);
	wrap(out, fmt(pool, GL_MSG_SERIES_CORE_WHERE, o->loop), "");
	fputc('\n', out);
	wrap(out, fmt(pool, GL_MSG_SERIES_FOUND,
		      gl_rules[GL_RULE_CORE_EMPTY_GATHER_SKIP].id), "");
}

static void cover_text(const struct gl_report *rep,
		       const struct gl_series_opts *o, FILE *out,
		       struct gl_pool *pool)
{
	const char *count = gl_pool_printf(pool, "%zu", o->nfiles);
	size_t i, j;

	fprintf(out, "%s\n\n", fmt(pool, GL_MSG_SERIES_COVER_SUBJECT, count));
	if (o->nfiles) {
		wrap(out, fmt(pool, GL_MSG_SERIES_COVER_DRIVERS, count), "");
		fputc('\n', out);
		for (i = 0; i < o->nfiles; i++) {
			struct gl_buf b = { NULL, 0, 0 };

			gl_buf_printf(&b, "%s:", o->file[i]);
			for (j = 0; j < rep->nfindings; j++) {
				const struct gl_finding *g = &rep->findings[j];

				if (streq(g->rule, gl_rules[GL_RULE_UNMAP_GATHER_UNFILLED].id) &&
				    streq(g->file, o->file[i]))
					gl_buf_printf(&b, " %s()", g->func);
			}
			wrap(out, b.s, "  ");
			gl_buf_free(&b);
		}
		fputc('\n', out);
	}
	state_paragraphs(out, pool, o);
	fputc('\n', out);
	if (o->nfiles) {
		wrap(out, gl_msgs[GL_MSG_SERIES_COVER_WHERE], "");
		fputc('\n', out);
	}
	if (o->loop && o->loop[0]) {
		wrap(out, fmt(pool, GL_MSG_SERIES_COVER_CORE, o->loop), "");
		fputc('\n', out);
	}
	wrap(out, fmt(pool, GL_MSG_SERIES_COVER_FOUND,
		      o->version ? o->version : "",
		      o->engine ? o->engine : "cocci",
		      gl_rules[GL_RULE_UNMAP_GATHER_UNFILLED].id), "");
}

int gl_series_text(const struct gl_report *rep,
		   const struct gl_series_opts *o, FILE *out,
		   char *err, size_t errlen)
{
	struct gl_pool *pool = gl_pool_new();
	int rc = 0;

	if (streq(o->what, "driver")) {
		if (o->nfiles != 1) {
			snprintf(err, errlen, "series: driver needs one --file");
			rc = -1;
		} else {
			rc = driver_text(rep, o, out, pool, err, errlen);
		}
	} else if (streq(o->what, "core")) {
		if (!o->loop || !o->loop[0]) {
			snprintf(err, errlen, "series: core needs --loop");
			rc = -1;
		} else {
			core_text(o, out, pool);
		}
	} else if (streq(o->what, "cover")) {
		cover_text(rep, o, out, pool);
	} else {
		snprintf(err, errlen, "series: unknown text '%s'", o->what);
		rc = -1;
	}
	gl_pool_free(pool);
	return rc;
}
