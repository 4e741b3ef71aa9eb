// SPDX-License-Identifier: GPL-2.0
/*
 * format.c - the output formats of SPEC section 6: text (with the BSP
 * summary), tsv, checkpatch, json and sarif.  The only output formatter:
 * the CLI, the hooks and the tests all go through it.  JSON and SARIF are
 * built as jansson values (jansson does every escape).
 */
#define _POSIX_C_SOURCE 200809L
#include "gatherlint.h"
#include "util.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* A hunk of the fix diff. */
struct hunk {
	const char *file;
	long start, len;
	struct gl_buf diff;	/* file header + hunk */
	struct gl_buf text;	/* the replacement lines */
};

struct fmt {
	const struct gl_report *rep;
	const struct gl_format_opts *o;
	FILE *out;
	struct hunk *hunks;
	size_t nhunks, caphunks;
	struct gl_pool *pool;
	long count[3];		/* error, warning, note */
};

static int streq(const char *a, const char *b)
{
	return strcmp(a, b) == 0;
}

static const char *opt(const char *s)
{
	return s ? s : "";
}

/*
 * FILE (relative to root) as the user opens it from where they stand
 * (SPEC 6); absolute paths stay as they are.
 */
static const char *disp(struct fmt *f, const char *file)
{
	const char *here = opt(f->o->here);
	char *h;
	struct gl_buf up = { NULL, 0, 0 };
	const char *r;
	size_t n;

	if (file[0] == '/' || streq(here, "."))
		return file;
	if (!here[0])
		return gl_pool_printf(f->pool, "%s%s", opt(f->o->prefix), file);
	h = gl_pool_printf(f->pool, "%s/", here);
	gl_buf_add(&up, "");
	while (h[0] && strncmp(file, h, strlen(h)) != 0) {
		/* drop the last directory of h */
		n = strlen(h) - 1;
		while (n > 0 && h[n - 1] != '/')
			n--;
		h[n] = '\0';
		gl_buf_add(&up, "../");
	}
	r = gl_pool_printf(f->pool, "%s%s", up.s, file + strlen(h));
	gl_buf_free(&up);
	return r;
}

/* tsv: relative to the kernel tree's root in a kernel tree, else disp() */
static const char *tsvfile(struct fmt *f, const char *file)
{
	return f->o->tsvdisp ? disp(f, file) : file;
}

/* ---- the fix diff ------------------------------------------------------- */

static void read_fixes(struct fmt *f, const char *path)
{
	struct gl_buf hdr = { NULL, 0, 0 };
	const char *cur = "";
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	FILE *fp = fopen(path, "r");

	if (!fp)
		return;
	while ((n = getline(&line, &cap, fp)) >= 0) {
		struct hunk *h;

		if (n > 0 && line[n - 1] == '\n')
			line[--n] = '\0';
		if (strncmp(line, "--- ", 4) == 0) {
			hdr.len = 0;
			gl_buf_add(&hdr, line);
			gl_buf_add(&hdr, "\n");
			continue;
		}
		if (strncmp(line, "+++ b/", 6) == 0) {
			cur = gl_pool_strndup(f->pool, line + 6,
					      strcspn(line + 6, "\t"));
			gl_buf_add(&hdr, line);
			gl_buf_add(&hdr, "\n");
			continue;
		}
		if (strncmp(line, "@@ ", 3) == 0) {
			const char *a = strncmp(line, "@@ -", 4) == 0 ? line + 4
								      : line;
			const char *comma = strchr(a, ',');
			const char *space = strchr(a, ' ');

			f->hunks = (struct hunk *)gl_grow(f->hunks, &f->caphunks,
				f->nhunks + 1, sizeof(*f->hunks));
			h = &f->hunks[f->nhunks++];
			memset(h, 0, sizeof(*h));
			h->file = cur;
			h->start = gl_num(a);
			h->len = comma && (!space || comma < space) ?
				gl_num(comma + 1) : 1;
			if (hdr.len)
				gl_buf_add(&h->diff, hdr.s);
			gl_buf_add(&h->diff, line);
			gl_buf_add(&h->diff, "\n");
			gl_buf_add(&h->text, "");
			continue;
		}
		if (f->nhunks && (line[0] == ' ' || line[0] == '+' ||
				  line[0] == '-' || line[0] == '\0')) {
			h = &f->hunks[f->nhunks - 1];
			gl_buf_add(&h->diff, line);
			gl_buf_add(&h->diff, "\n");
			if (line[0] != '-') {
				gl_buf_add(&h->text, line[0] ? line + 1 : "");
				gl_buf_add(&h->text, "\n");
			}
		}
	}
	free(line);
	gl_buf_free(&hdr);
	fclose(fp);
}

static const struct hunk *hunk_for(const struct fmt *f, const char *file,
				   const char *line)
{
	long l = gl_num(line);
	size_t i;

	for (i = 0; i < f->nhunks; i++)
		if (streq(f->hunks[i].file, file) && l >= f->hunks[i].start &&
		    l <= f->hunks[i].start + f->hunks[i].len)
			return &f->hunks[i];
	return NULL;
}

/* ---- text ------------------------------------------------------------------ */

static int srank(const char *sev)
{
	int r = gl_severity_rank(sev);

	return r > 3 ? 0 : r;
}

/* The BSP summary: the core state and where it was read, the entry-point
 * table, counts. */
static void out_summary(struct fmt *f)
{
	const struct gl_report *rep = f->rep;
	const char *where = opt(f->o->corewhere), *cmsg = opt(f->o->coremsg);
	size_t n = rep->nentries, i, j, nm = 0, nf = 0;
	size_t *ord = (size_t *)gl_xmalloc((n + 1) * sizeof(*ord));
	char **key = (char **)gl_xmalloc((n + 1) * sizeof(*key));
	char **first = (char **)gl_xmalloc((n + 1) * sizeof(*first));
	int w1 = (int)strlen("entry point"), w2 = (int)strlen("ops");
	int w3 = (int)strlen("sync"), w4 = (int)strlen("verdict");
	size_t wl = strlen(where);

	if (strncmp(cmsg, where, wl) == 0 && strncmp(cmsg + wl, ": ", 2) == 0)
		cmsg += wl + 2;
	fprintf(f->out, "\n== gatherlint summary ==\n");
	if (!where[0] || streq(where, "-:0"))
		fprintf(f->out, "core: %s (not read: %s)\n", opt(f->o->core),
			cmsg);
	else if (!cmsg[0])
		fprintf(f->out, "core: %s, read at %s\n", opt(f->o->core), where);
	else
		fprintf(f->out, "core: %s, read at %s (%s)\n", opt(f->o->core),
			where, cmsg);
	for (i = 0; i < n; i++) {
		const struct gl_entry *e = &rep->entries[i];
		int l;

		ord[i] = i;
		key[i] = gl_pool_printf(f->pool, "%d%d%s\t%09ld",
					streq(e->verdict, "MISSES") ? 0 : 1,
					9 - srank(e->sev), e->file,
					gl_num(e->line));
		first[i] = gl_pool_printf(f->pool, "%s:%s %s()", disp(f, e->file),
					  e->line, e->func);
		l = (int)strlen(first[i]);
		if (l > w1)
			w1 = l;
		l = (int)strlen(e->ops);
		if (l > w2)
			w2 = l;
	}
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && strcmp(key[ord[j]], key[ord[j - 1]]) < 0; j--) {
			size_t t = ord[j];

			ord[j] = ord[j - 1];
			ord[j - 1] = t;
		}
	fprintf(f->out, "\n%-*s  %-*s  %-*s  %-*s  %-8s  %s\n", w1,
		"entry point", w2, "ops", w3, "sync", w4, "verdict", "severity",
		"chain");
	for (j = 0; j < n; j++) {
		const struct gl_entry *e = &rep->entries[ord[j]];

		fprintf(f->out, "%-*s  %-*s  %-*s  %-*s  %-8s  %s\n", w1,
			first[ord[j]], w2, e->ops, w3, e->sync, w4, e->verdict,
			e->sev, e->chain);
		if (streq(e->verdict, "MISSES"))
			nm++;
		else
			nf++;
	}
	fprintf(f->out, "\nentry points: %zu (%zu MISSES, %zu FILLS)\n", n, nm,
		nf);
	fprintf(f->out, "findings by severity: %ld error, %ld warning, %ld note\n",
		f->count[0], f->count[1], f->count[2]);
	free(ord);
	free(key);
	free(first);
}

static void out_text(struct fmt *f)
{
	size_t i, k;
	const char *from = opt(f->o->corefrom);

	for (i = 0; i < f->rep->nfindings; i++) {
		const struct gl_finding *g = &f->rep->findings[i];

		fprintf(f->out, "%s:%s:%s: %s: %s [%s]\n", disp(f, g->file), g->line,
			g->col, g->sev, g->msg, g->rule);
		for (k = 0; k < g->nnotes; k++)
			fprintf(f->out, "%s:%s:%s: note: %s\n",
				disp(f, g->notes[k].file),
				g->notes[k].line, g->notes[k].col,
				g->notes[k].msg);
	}
	if (f->o->summary)
		out_summary(f);
	fprintf(f->out, "gatherlint: %ld error%s, %ld warning%s, %ld note%s (core %s%s%s%s%s)\n",
		f->count[0], f->count[0] == 1 ? "" : "s",
		f->count[1], f->count[1] == 1 ? "" : "s",
		f->count[2], f->count[2] == 1 ? "" : "s", opt(f->o->core),
		from[0] ? ", read at " : "", from[0] ? disp(f, from) : "",
		from[0] ? ":" : "", from[0] ? opt(f->o->corefromline) : "");
}

/*
 * sparse: the form of sparse's own diagnostics (the sparse engine's
 * standalone checker prints it on stderr): one "FILE:LINE:COL: warning:
 * MESSAGE [RULE]" line per finding (note for note-severity findings), the
 * chain as sparse's continuation lines "FILE:LINE:COL:    MESSAGE"; no
 * summary (sparse says nothing when a unit is clean).
 */
static void out_sparse(struct fmt *f)
{
	size_t i, k;

	for (i = 0; i < f->rep->nfindings; i++) {
		const struct gl_finding *g = &f->rep->findings[i];

		fprintf(f->out, "%s:%s:%s: %s: %s [%s]\n", disp(f, g->file),
			g->line, g->col, streq(g->sev, "note") ? "note" : "warning",
			g->msg, g->rule);
		for (k = 0; k < g->nnotes; k++)
			fprintf(f->out, "%s:%s:%s:    %s\n",
				disp(f, g->notes[k].file), g->notes[k].line,
				g->notes[k].col, g->notes[k].msg);
	}
	/* resolved alone: what an entry point that fills takes on trust */
	for (i = 0; i < f->rep->nassumed; i++) {
		const struct gl_assumed *a = &f->rep->assumed[i];

		fprintf(f->out, "%s:%s:1: note: %s\n", disp(f, a->file),
			a->line, a->msg);
	}
}

/* ---- tsv and checkpatch -------------------------------------------------------- */

static void out_tsv(struct fmt *f)
{
	size_t i;

	fprintf(f->out, "rule\tfile\tline\tfunction\tseverity\tcore_state\tmessage\n");
	for (i = 0; i < f->rep->nfindings; i++) {
		const struct gl_finding *g = &f->rep->findings[i];

		fprintf(f->out, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", g->rule,
			tsvfile(f, g->file), g->line, g->func, g->sev, g->core, g->msg);
	}
}

/* Line LINE of FILE under SRC, or "". */
static void put_srcline(struct fmt *f, const char *file, const char *line)
{
	const char *src = f->o->src && f->o->src[0] ? f->o->src
						    : opt(f->o->root);
	char *path = gl_pool_printf(f->pool, "%s/%s", src, file);
	char *l = NULL;
	size_t cap = 0;
	ssize_t n;
	long want = gl_num(line), i = 0;
	FILE *fp = fopen(path, "r");

	if (fp) {
		while ((n = getline(&l, &cap, fp)) >= 0) {
			if (++i == want) {
				if (n > 0 && l[n - 1] == '\n')
					l[n - 1] = '\0';
				fputs(l, f->out);
				break;
			}
		}
		fclose(fp);
	}
	free(l);
}

static const char *checkpatch_level(const char *sev)
{
	if (streq(sev, "error"))
		return "ERROR";
	if (streq(sev, "warning"))
		return "WARNING";
	if (streq(sev, "note"))
		return "CHECK";
	return "";
}

static const char *rule_type(const char *rule)
{
	int r = gl_rule_find(rule);

	return r < 0 ? "" : gl_rules[r].type;
}

static void out_checkpatch(struct fmt *f)
{
	size_t i;

	for (i = 0; i < f->rep->nfindings; i++) {
		const struct gl_finding *g = &f->rep->findings[i];

		fprintf(f->out, "%s:%s: %s\n", checkpatch_level(g->sev),
			rule_type(g->rule), g->msg);
		fprintf(f->out, "#%s: FILE: %s:%s:\n", g->line, disp(f, g->file),
			g->line);
		fputs("+", f->out);
		put_srcline(f, g->file, g->line);
		fputs("\n\n", f->out);
	}
	fprintf(f->out, "total: %ld errors, %ld warnings, %ld checks\n",
		f->count[0], f->count[1], f->count[2]);
}

/* ---- json and sarif ---------------------------------------------------------------- */

/* A JSON string of S; bytes that are not UTF-8 are read as Latin-1. */
static json_t *jstr(const char *s)
{
	json_t *j = json_string(s);
	struct gl_buf b = { NULL, 0, 0 };
	const unsigned char *p;

	if (j)
		return j;
	for (p = (const unsigned char *)s; *p; p++) {
		char u[3];

		if (*p < 0x80) {
			gl_buf_addn(&b, (const char *)p, 1);
			continue;
		}
		u[0] = (char)(0xc0 | (*p >> 6));
		u[1] = (char)(0x80 | (*p & 0x3f));
		gl_buf_addn(&b, u, 2);
	}
	j = json_string(b.s ? b.s : "");
	gl_buf_free(&b);
	return j;
}

static json_t *jnum(const char *s)
{
	return json_integer((json_int_t)gl_num(s));
}

static int jdump(struct fmt *f, const json_t *j, size_t flags)
{
	return json_dumpf(j, f->out, flags);
}

/* One finding per line, in an array. */
static int out_json(struct fmt *f)
{
	size_t i, k;
	int rc = 0;

	fputs("[", f->out);
	for (i = 0; i < f->rep->nfindings && rc == 0; i++) {
		const struct gl_finding *g = &f->rep->findings[i];
		const struct hunk *h = hunk_for(f, g->file, g->line);
		json_t *o = json_object(), *notes = json_array();

		json_object_set_new(o, "rule", jstr(g->rule));
		json_object_set_new(o, "file", jstr(disp(f, g->file)));
		json_object_set_new(o, "line", jnum(g->line));
		json_object_set_new(o, "column", jnum(g->col));
		json_object_set_new(o, "function", jstr(g->func));
		json_object_set_new(o, "severity", jstr(g->sev));
		json_object_set_new(o, "core_state", jstr(g->core));
		json_object_set_new(o, "message", jstr(g->msg));
		for (k = 0; k < g->nnotes; k++) {
			json_t *n = json_object();

			json_object_set_new(n, "file",
					    jstr(disp(f, g->notes[k].file)));
			json_object_set_new(n, "line", jnum(g->notes[k].line));
			json_object_set_new(n, "column", jnum(g->notes[k].col));
			json_object_set_new(n, "message", jstr(g->notes[k].msg));
			json_array_append_new(notes, n);
		}
		json_object_set_new(o, "notes", notes);
		json_object_set_new(o, "fix", h ? jstr(h->diff.s) : json_null());
		fputs(i ? ",\n  " : "\n  ", f->out);
		rc = jdump(f, o, 0);
		json_decref(o);
	}
	fputs(f->rep->nfindings ? "\n]\n" : "]\n", f->out);
	return rc;
}

static json_t *jtext(const char *s)
{
	return json_pack("{s:o}", "text", jstr(s));
}

static json_t *sarif_loc(struct fmt *f, const char *file, const char *line, const char *col)
{
	long c = gl_num(col);

	return json_pack("{s:{s:{s:o,s:s},s:{s:o,s:I}}}",
			 "physicalLocation",
			 "artifactLocation", "uri", jstr(disp(f, file)),
			 "uriBaseId", "SRCROOT",
			 "region", "startLine", jnum(line),
			 "startColumn", (json_int_t)(c < 1 ? 1 : c));
}

static json_t *sarif_result(struct fmt *f, const struct gl_finding *g)
{
	const struct hunk *h = hunk_for(f, g->file, g->line);
	int ri = gl_rule_find(g->rule);
	const char *level = gl_severity_rank(g->sev) >= 1 &&
			    gl_severity_rank(g->sev) <= 3 ? g->sev : "";
	json_t *r = json_object();
	size_t k;

	json_object_set_new(r, "ruleId", jstr(g->rule));
	json_object_set_new(r, "ruleIndex", json_integer(ri < 0 ? 0 : ri));
	json_object_set_new(r, "level", jstr(level));
	json_object_set_new(r, "message", jtext(g->msg));
	json_object_set_new(r, "locations",
			    json_pack("[o]", sarif_loc(f, g->file, g->line, g->col)));
	if (g->nnotes) {
		json_t *rel = json_array();

		for (k = 0; k < g->nnotes; k++) {
			json_t *l = json_pack("{s:I,s:o}", "id",
					      (json_int_t)(k + 1), "message",
					      jtext(g->notes[k].msg));
			json_t *loc = sarif_loc(f, g->notes[k].file,
						g->notes[k].line,
						g->notes[k].col);

			json_object_update(l, loc);
			json_decref(loc);
			json_array_append_new(rel, l);
		}
		json_object_set_new(r, "relatedLocations", rel);
	}
	if (h)
		json_object_set_new(r, "fixes", json_pack(
			"[{s:o,s:[{s:{s:o,s:s},s:[{s:{s:I,s:i,s:I,s:i},s:o}]}]}]",
			"description", jtext(gl_msgs[GL_MSG_FIX_DESCRIPTION]),
			"artifactChanges",
			"artifactLocation", "uri", jstr(disp(f, g->file)),
			"uriBaseId", "SRCROOT",
			"replacements",
			"deletedRegion", "startLine", (json_int_t)h->start,
			"startColumn", 1,
			"endLine", (json_int_t)(h->start + h->len),
			"endColumn", 1,
			"insertedContent", jtext(h->text.s)));
	json_object_set_new(r, "properties", json_pack("{s:o,s:o}",
		"function", jstr(g->func), "coreState", jstr(g->core)));
	return r;
}

static int out_sarif(struct fmt *f)
{
	json_t *rules = json_array(), *results = json_array(), *doc;
	size_t i;
	int r, rc;

	for (r = 0; r < GL_NRULES; r++)
		json_array_append_new(rules, json_pack(
			"{s:s,s:s,s:o,s:o,s:o,s:{s:s}}",
			"id", gl_rules[r].id, "name", gl_rules[r].type,
			"shortDescription", jtext(gl_rules[r].brief),
			"fullDescription", jtext(gl_rules[r].help),
			"help", jtext(gl_rules[r].help),
			"defaultConfiguration", "level", gl_rules[r].level));
	for (i = 0; i < f->rep->nfindings; i++)
		json_array_append_new(results,
				      sarif_result(f, &f->rep->findings[i]));
	doc = json_pack("{s:s,s:s,s:[{s:{s:{s:s,s:o,s:s,s:o}},s:{s:{s:o}},s:{s:o},s:o}]}",
		"$schema", "https://json.schemastore.org/sarif-2.1.0.json",
		"version", "2.1.0",
		"runs",
		"tool", "driver", "name", "gatherlint",
		"version", jstr(opt(f->o->version)),
		"informationUri", "https://example.invalid/gatherlint",
		"rules", rules,
		"originalUriBaseIds", "SRCROOT", "uri",
		jstr(gl_pool_printf(f->pool, "file://%s/", opt(f->o->cwd))),
		"properties", "coreState", jstr(opt(f->o->core)),
		"results", results);
	if (!doc)
		return -1;
	rc = jdump(f, doc, JSON_INDENT(2));
	fputs("\n", f->out);
	json_decref(doc);
	return rc;
}

int gl_format(const struct gl_report *rep, const struct gl_format_opts *o,
	      FILE *out, char *err, size_t errlen)
{
	struct fmt f;
	const char *fmt = opt(o->fmt);
	size_t i;
	int rc = 0;

	memset(&f, 0, sizeof(f));
	f.rep = rep;
	f.o = o;
	f.out = out;
	f.pool = gl_pool_new();
	for (i = 0; i < rep->nfindings; i++) {
		int r = gl_severity_rank(rep->findings[i].sev);

		if (r >= 1 && r <= 3)
			f.count[3 - r]++;
	}
	if (o->fixes && o->fixes[0])
		read_fixes(&f, o->fixes);
	if (streq(fmt, "tsv"))
		out_tsv(&f);
	else if (streq(fmt, "checkpatch"))
		out_checkpatch(&f);
	else if (streq(fmt, "json"))
		rc = out_json(&f);
	else if (streq(fmt, "sarif"))
		rc = out_sarif(&f);
	else if (streq(fmt, "sparse"))
		out_sparse(&f);
	else
		out_text(&f);
	if (rc && err)
		snprintf(err, errlen, "cannot write the %s output", fmt);
	for (i = 0; i < f.nhunks; i++) {
		gl_buf_free(&f.hunks[i].diff);
		gl_buf_free(&f.hunks[i].text);
	}
	free(f.hunks);
	gl_pool_free(f.pool);
	return rc ? -1 : 0;
}
