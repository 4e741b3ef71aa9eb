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
#include "gls.h"
#include "gatherlint.h"

/* the options (own_option) */
const char *opt_db;
const char *opt_core = "unknown";
int opt_facts;
int opt_debug;

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
		l = f->gpos >= 0 ?
		    fmt("fn\t%s\t%d\t%s\t%s\t%s\t%s\t%s\t%d\n", main_file,
			f->line, f->name, f->retkind, f->gather, f->iova,
			f->linkage, f->gpos) :
		    fmt("fn\t%s\t%d\t%s\t%s\t%s\t%s\t%s\t-\n", main_file,
			f->line, f->name, f->retkind, f->gather, f->iova,
			f->linkage);
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
	ro.alone = 1;	/* notes where an entry point fills only on trust */
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
	/* the functions with the gather (and carriers), callees first; only
	 * what they call can matter to them: the rest is not linearized */
	for (i = 0; i < nfns; i++)
		if (fns[i].has_gather)
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
