// SPDX-License-Identifier: GPL-2.0
/*
 * gatherlint-core - the decision core as a program for the POSIX-sh CLI.
 *
 *   gatherlint-core resolve [--core=STATE] [--root=DIR] [--fixmin=SEV]
 *       stdin: facts and the core line; stdout: F/N/X/E records
 *   gatherlint-core format [--fmt=FMT] [--version=V] [--root=DIR]
 *                          [--src=DIR] [--core=STATE] [--fixes=DIFF]
 *                          [--summary=1] [--corewhere=FILE:LINE]
 *                          [--coremsg=TEXT] [--here=DIR] [--prefix=DIR/]
 *                          [--tsvdisp=1] [--cwd=DIR] [--corefrom=FILE]
 *                          [--corefromline=LINE]
 *       stdin: records; stdout: the findings in FMT
 *   gatherlint-core series --what=driver|core|cover [--file=FILE]...
 *                          [--core=STATE] [--coremsg=TEXT] [--loop=FUNC]
 *                          [--version=V] [--engine=NAME]
 *       stdin: records; stdout: the summary line, a blank line and the
 *       body of a patch of `gatherlint fix --series`
 *
 * Bad usage: one line on stderr, exit 2.
 */
#include "gatherlint.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void die(const char *what, const char *arg)
{
	fprintf(stderr, "gatherlint-core: %s%s\n", what, arg);
	exit(2);
}

/* VALUE of --NAME=VALUE in ARG, or NULL. */
static const char *val(const char *arg, const char *name)
{
	size_t n = strlen(name);

	if (strncmp(arg, "--", 2) != 0 || strncmp(arg + 2, name, n) != 0 ||
	    arg[2 + n] != '=')
		return NULL;
	return arg + 3 + n;
}

static int cmd_resolve(int argc, char **argv)
{
	struct gl_resolve_opts o = { "", "", "", 0 };
	struct gl_facts *facts;
	struct gl_report *rep;
	int i;

	for (i = 0; i < argc; i++) {
		const char *v;

		if ((v = val(argv[i], "core")))
			o.core = v;
		else if ((v = val(argv[i], "root")))
			o.root = v;
		else if ((v = val(argv[i], "fixmin")))
			o.fixmin = v;
		else
			die("resolve: unknown option ", argv[i]);
	}
	facts = gl_facts_new();
	gl_facts_read(facts, stdin);
	rep = gl_resolve(facts, &o);
	gl_report_write(rep, stdout);
	gl_report_free(rep);
	gl_facts_free(facts);
	return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 2;
}

static int cmd_format(int argc, char **argv)
{
	struct gl_format_opts o;
	struct gl_report *rep;
	char err[256] = "";
	int i, rc;

	memset(&o, 0, sizeof(o));
	for (i = 0; i < argc; i++) {
		const char *v;

		if ((v = val(argv[i], "fmt")))
			o.fmt = v;
		else if ((v = val(argv[i], "version")))
			o.version = v;
		else if ((v = val(argv[i], "root")))
			o.root = v;
		else if ((v = val(argv[i], "src")))
			o.src = v;
		else if ((v = val(argv[i], "core")))
			o.core = v;
		else if ((v = val(argv[i], "fixes")))
			o.fixes = v;
		else if ((v = val(argv[i], "summary")))
			o.summary = v[0] && strcmp(v, "0") != 0;
		else if ((v = val(argv[i], "corewhere")))
			o.corewhere = v;
		else if ((v = val(argv[i], "coremsg")))
			o.coremsg = v;
		else if ((v = val(argv[i], "here")))
			o.here = v;
		else if ((v = val(argv[i], "prefix")))
			o.prefix = v;
		else if ((v = val(argv[i], "tsvdisp")))
			o.tsvdisp = v[0] && strcmp(v, "0") != 0;
		else if ((v = val(argv[i], "cwd")))
			o.cwd = v;
		else if ((v = val(argv[i], "corefrom")))
			o.corefrom = v;
		else if ((v = val(argv[i], "corefromline")))
			o.corefromline = v;
		else
			die("format: unknown option ", argv[i]);
	}
	rep = gl_report_new();
	gl_report_read(rep, stdin);
	rc = gl_format(rep, &o, stdout, err, sizeof(err));
	gl_report_free(rep);
	if (rc)
		die(err, "");
	return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 2;
}

static int cmd_series(int argc, char **argv)
{
	struct gl_series_opts o;
	struct gl_report *rep;
	char err[256] = "";
	const char **files;
	int i, rc;

	memset(&o, 0, sizeof(o));
	files = (const char **)calloc((size_t)argc + 1, sizeof(*files));
	if (!files)
		die("out of memory", "");
	o.file = files;
	o.what = "";
	for (i = 0; i < argc; i++) {
		const char *v;

		if ((v = val(argv[i], "what")))
			o.what = v;
		else if ((v = val(argv[i], "file")))
			files[o.nfiles++] = v;
		else if ((v = val(argv[i], "core")))
			o.core = v;
		else if ((v = val(argv[i], "coremsg")))
			o.coremsg = v;
		else if ((v = val(argv[i], "loop")))
			o.loop = v;
		else if ((v = val(argv[i], "version")))
			o.version = v;
		else if ((v = val(argv[i], "engine")))
			o.engine = v;
		else
			die("series: unknown option ", argv[i]);
	}
	rep = gl_report_new();
	gl_report_read(rep, stdin);
	rc = gl_series_text(rep, &o, stdout, err, sizeof(err));
	gl_report_free(rep);
	free(files);
	if (rc)
		die(err, "");
	return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 2;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		die("usage: gatherlint-core resolve|format|series [--NAME=VALUE]...", "");
	if (strcmp(argv[1], "resolve") == 0)
		return cmd_resolve(argc - 2, argv + 2);
	if (strcmp(argv[1], "format") == 0)
		return cmd_format(argc - 2, argv + 2);
	if (strcmp(argv[1], "series") == 0)
		return cmd_series(argc - 2, argv + 2);
	die("unknown command ", argv[1]);
	return 2;
}
