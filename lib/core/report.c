// SPDX-License-Identifier: GPL-2.0
/* report.c - the resolver records (F/N/X/E lines) written and read. */
#define _POSIX_C_SOURCE 200809L
#include "gatherlint.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

struct gl_report *gl_report_new(void)
{
	struct gl_report *r = (struct gl_report *)gl_xmalloc(sizeof(*r));

	memset(r, 0, sizeof(*r));
	r->pool = gl_pool_new();
	return r;
}

void gl_report_free(struct gl_report *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->nfindings; i++)
		free(r->findings[i].notes);
	free(r->findings);
	free(r->fixes);
	free(r->entries);
	free(r->assumed);
	gl_pool_free(r->pool);
	free(r);
}

void gl_report_write(const struct gl_report *r, FILE *fp)
{
	size_t i, j;

	for (i = 0; i < r->nfindings; i++) {
		const struct gl_finding *g = &r->findings[i];

		fprintf(fp, "F\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", g->rule,
			g->file, g->line, g->col, g->func, g->sev, g->core,
			g->msg);
		for (j = 0; j < g->nnotes; j++)
			fprintf(fp, "N\t%s\t%s\t%s\t%s\n", g->notes[j].file,
				g->notes[j].line, g->notes[j].col,
				g->notes[j].msg);
	}
	for (i = 0; i < r->nfixes; i++) {
		const struct gl_fix *x = &r->fixes[i];

		fprintf(fp, "X\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", x->file,
			x->line, x->func, x->gather, x->iova, x->expr,
			x->guard ? x->guard : "-");
	}
	for (i = 0; i < r->nentries; i++) {
		const struct gl_entry *e = &r->entries[i];

		fprintf(fp, "E\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", e->file,
			e->line, e->func, e->ops, e->sync, e->chain, e->verdict,
			e->sev);
	}
}

#define MAXF 10

/* One record line; missing fields read as "" (as awk's $N). */
static void read_line(struct gl_report *r, char *line)
{
	char *v[MAXF];
	int nf = gl_split_tabs(line, v, MAXF), i;

	for (i = nf; i < MAXF; i++)
		v[i] = (char *)"";
	if (strcmp(v[0], "F") == 0) {
		struct gl_finding *g;

		r->findings = (struct gl_finding *)gl_grow(r->findings,
			&r->capfindings, r->nfindings + 1, sizeof(*r->findings));
		g = &r->findings[r->nfindings++];
		memset(g, 0, sizeof(*g));
		g->rule = v[1];
		g->file = v[2];
		g->line = v[3];
		g->col = v[4];
		g->func = v[5];
		g->sev = v[6];
		g->core = v[7];
		g->msg = v[8];
	} else if (strcmp(v[0], "N") == 0 && r->nfindings) {
		struct gl_finding *g = &r->findings[r->nfindings - 1];
		struct gl_note *n;

		g->notes = (struct gl_note *)gl_grow(g->notes, &g->capnotes,
			g->nnotes + 1, sizeof(*g->notes));
		n = &g->notes[g->nnotes++];
		n->file = v[1];
		n->line = v[2];
		n->col = v[3];
		n->msg = v[4];
	} else if (strcmp(v[0], "X") == 0) {
		struct gl_fix *x;

		r->fixes = (struct gl_fix *)gl_grow(r->fixes, &r->capfixes,
			r->nfixes + 1, sizeof(*r->fixes));
		x = &r->fixes[r->nfixes++];
		x->file = v[1];
		x->line = v[2];
		x->func = v[3];
		x->gather = v[4];
		x->iova = v[5];
		x->expr = v[6];
		x->guard = v[7][0] ? v[7] : "-";
	} else if (strcmp(v[0], "E") == 0) {
		struct gl_entry *e;

		r->entries = (struct gl_entry *)gl_grow(r->entries,
			&r->capentries, r->nentries + 1, sizeof(*r->entries));
		e = &r->entries[r->nentries++];
		e->file = v[1];
		e->line = v[2];
		e->func = v[3];
		e->ops = v[4];
		e->sync = v[5];
		e->chain = v[6];
		e->verdict = v[7];
		e->sev = v[8];
	}
}

void gl_report_read(struct gl_report *r, FILE *fp)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	while ((n = getline(&line, &cap, fp)) >= 0) {
		if (n > 0 && line[n - 1] == '\n')
			line[--n] = '\0';
		read_line(r, gl_pool_strndup(r->pool, line, (size_t)n));
	}
	free(line);
}
