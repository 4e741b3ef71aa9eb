// SPDX-License-Identifier: GPL-2.0
/*
 * test-core.c - unit tests of libgatherlint: the fixpoint with recursion,
 * a chain through an io-pgtable format and tlb_add_page, severities per
 * core state, every message of the table, the records round trip and the
 * formats.  Prints one `ok - ` / `not ok - ` line per check
 * (tests/t11-core-unit.sh counts them); exits 1 on any failure.
 */
#define _POSIX_C_SOURCE 200809L
#include "gatherlint.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures;
static char *seen;		/* every output, for the message check */
static size_t seenlen;

static void check(int cond, const char *what, const char *detail)
{
	printf("%s - %s\n", cond ? "ok" : "not ok", what);
	if (!cond) {
		failures++;
		if (detail)
			printf("#   %s\n", detail);
	}
}

static void remember(const char *s)
{
	size_t n = strlen(s);

	seen = (char *)realloc(seen, seenlen + n + 1);
	if (!seen)
		exit(2);
	memcpy(seen + seenlen, s, n + 1);
	seenlen += n;
}

/* Resolves the fact LINES (NULL-terminated) with CORE; the records. */
static char *resolve(const char *const *lines, const char *core,
		     const char *fixmin)
{
	struct gl_resolve_opts o = { core, "", fixmin, 0 };
	struct gl_facts *f = gl_facts_new();
	struct gl_report *r;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	for (; *lines; lines++)
		gl_facts_add_line(f, *lines);
	r = gl_resolve(f, &o);
	gl_report_write(r, fp);
	fclose(fp);
	gl_report_free(r);
	gl_facts_free(f);
	remember(buf);
	return buf;
}

/* Formats RECORDS as FMT (with the fix diff FIXES, or NULL). */
static char *format(const char *records, const char *fmt, const char *fixes)
{
	struct gl_format_opts o;
	struct gl_report *r = gl_report_new();
	char *buf = NULL, err[128];
	size_t len = 0;
	FILE *in = fmemopen((void *)records, strlen(records), "r");
	FILE *fp = open_memstream(&buf, &len);

	memset(&o, 0, sizeof(o));
	o.fmt = fmt;
	o.version = "0.0";
	o.root = "/nonexistent";
	o.core = "UNKNOWN";
	o.fixes = fixes;
	o.summary = 1;
	o.corewhere = "-:0";
	o.coremsg = "test";
	gl_report_read(r, in);
	fclose(in);
	gl_format(r, &o, fp, err, sizeof(err));
	fclose(fp);
	gl_report_free(r);
	remember(buf);
	return buf;
}

static void has(const char *out, const char *want, const char *what)
{
	check(strstr(out, want) != NULL, what, want);
}

static void hasnt(const char *out, const char *want, const char *what)
{
	check(strstr(out, want) == NULL, what, want);
}

/* ---- the fixpoint with recursion ------------------------------------------ */

static void test_recursion(void)
{
	static const char *const facts[] = {
		/* walk fills on its leaf and recurses: a filler */
		"fn\ta.c\t10\twalk\tsize\tgather\tiova\tstatic",
		"ret\ta.c\t12\t3\twalk\tnonzero\tfill\tsize",
		"ret\ta.c\t14\t2\twalk\tnonzero\tcall:walk\tx",
		"fn\ta.c\t20\tgood_unmap\tsize\tgather\tiova\tstatic",
		"ret\ta.c\t22\t2\tgood_unmap\tnonzero\tcall:walk\tr",
		/* ping and pong recurse into each other; pong has a path
		 * without a fill: neither fills */
		"fn\ta.c\t30\tping\tsize\tgather\tiova\tstatic",
		"ret\ta.c\t32\t2\tping\tnonzero\tcall:pong\tr",
		"fn\ta.c\t40\tpong\tsize\tgather\tiova\tstatic",
		"ret\ta.c\t41\t2\tpong\tnonzero\tnone\tsize",
		"ret\ta.c\t44\t2\tpong\tnonzero\tcall:ping\tr",
		"fn\ta.c\t50\tbad_unmap\tsize\tgather\tiova\tstatic",
		"ret\ta.c\t51\t2\tbad_unmap\tzero\tnone\t0",
		/* r is tested in a way the engine could not read (UNREAD) */
		"ret\ta.c\t52\t2\tbad_unmap\tnonzero\tcall:ping\tr\tr",
		"ret\ta.c\t54\t2\tbad_unmap\tnonzero\tnone\tsize",
		/* an unknown callee is assumed to fill */
		"fn\ta.c\t60\text_unmap\tsize\tgather\tiova\tstatic",
		"ret\ta.c\t62\t2\text_unmap\tnonzero\tcall:elsewhere\tr",
		"ops\ta.c\t70\ta_ops\tiommu_domain_ops\tunmap_pages\tgood_unmap",
		"ops\ta.c\t71\tb_ops\tiommu_domain_ops\tunmap_pages\tbad_unmap",
		"ops\ta.c\t72\tb_ops\tiommu_domain_ops\tiotlb_sync\tb_sync",
		"ops\ta.c\t73\tc_ops\tiommu_domain_ops\tunmap\text_unmap",
		NULL
	};
	char *r = resolve(facts, "UNKNOWN", "warning");

	has(r, "E\ta.c\t20\tgood_unmap\tiommu_domain_ops a_ops .unmap_pages\tno\twalk()\tFILLS\t-\n",
	    "recursion: a recursive helper that fills on its leaf path fills");
	has(r, "E\ta.c\t50\tbad_unmap\tiommu_domain_ops b_ops .unmap_pages\tyes\tping()\tMISSES\twarning\n",
	    "recursion: mutual recursion with an unfilled path does not fill");
	has(r, "N\ta.c\t52\t2\tr is tested in a way gatherlint does not read (not against 0): this path is taken as returning nonzero\n",
	    "unread: a finding that rests on a test the engine could not read says so");
	has(r, "E\ta.c\t60\text_unmap\tiommu_domain_ops c_ops .unmap\tno\telsewhere()\tFILLS\t-\n",
	    "recursion: an unknown callee is assumed to fill");
	has(r, "F\tunmap-gather-unfilled\ta.c\t52\t2\tbad_unmap\twarning\tUNKNOWN\t",
	    "recursion: the finding is at the lowest uncovered return");
	has(r, "N\ta.c\t30\t1\tcalls ping(), which does not fill",
	    "recursion: the chain names the non-filling callee");
	has(r, "N\ta.c\t40\t1\tcalls pong(), which does not fill",
	    "recursion: and the callee's callee");
	has(r, "N\ta.c\t41\t2\tno fill, flush or queued test",
	    "recursion: down to the return without a fill");
	has(r, "N\ta.c\t54\t2\talso returns size here",
	    "recursion: the other uncovered returns are notes");
	has(r, "X\ta.c\t52\tbad_unmap\tgather\tiova\tr\t-\nX\ta.c\t54\tbad_unmap\tgather\tiova\tsize\t-\n",
	    "recursion: both uncovered returns are in the fix list");
	hasnt(r, "\tgood_unmap\twarning", "recursion: no finding on the filler");
	free(r);
}

/* ---- a chain through a format and tlb_add_page --------------------------------- */

#define DRIVER \
	"fn\td.c\t10\tdrv_unmap\tsize\tgather\tiova\tstatic", \
	"ret\td.c\t12\t2\tdrv_unmap\tnonzero\tfmt\tr", \
	"ops\td.c\t30\tdrv_ops\tiommu_domain_ops\tunmap_pages\tdrv_unmap", \
	"ops\td.c\t31\tdrv_ops\tiommu_domain_ops\tiotlb_sync\tdrv_sync", \
	"bind\td.c\t50\tdrv_init\tFMT_A"
#define FORMAT \
	"fmtinit\tf.c\t5\tfmt_a_init", \
	"fmtid\tt.c\t3\tFMT_A\tfmt_a_init", \
	"ops\tf.c\t60\tfmt_a_ops\tio_pgtable_ops\tunmap_pages\tfmt_unmap", \
	"fn\tf.c\t70\tfmt_unmap\tsize\tgather\tiova\tstatic", \
	"ret\tf.c\t72\t2\tfmt_unmap\tnonzero\ttlbadd\tsize"

static void test_chain(void)
{
	static const char *const fills[] = {
		DRIVER, FORMAT,
		"ops\td.c\t40\tdrv_flush\tiommu_flush_ops\ttlb_add_page\tdrv_add_page",
		"fn\td.c\t20\tdrv_add_page\tvoid\tgather\tiova\tstatic",
		"ret\td.c\t22\t1\tdrv_add_page\tnonzero\tfill\t-",
		NULL
	};
	static const char *const misses[] = {
		DRIVER, FORMAT,
		"ops\td.c\t40\tdrv_flush\tiommu_flush_ops\ttlb_add_page\tdrv_add_page",
		"fn\td.c\t20\tdrv_add_page\tvoid\tgather\tiova\tstatic",
		"ret\td.c\t22\t1\tdrv_add_page\tnonzero\tnone\t-",
		NULL
	};
	static const char *const no_add_page[] = {
		DRIVER, FORMAT,
		"ops\td.c\t40\tdrv_flush\tiommu_flush_ops\ttlb_add_page\tNULL",
		NULL
	};
	static const char *const no_flush_ops[] = { DRIVER, FORMAT, NULL };
	static const char *const out_of_scope[] = {
		DRIVER,
		"ops\td.c\t40\tdrv_flush\tiommu_flush_ops\ttlb_add_page\tNULL",
		NULL
	};
	static const char *const unbound[] = {
		"fn\td.c\t10\tdrv_unmap\tsize\tgather\tiova\tstatic",
		"ret\td.c\t12\t2\tdrv_unmap\tnonzero\tfmt\tr",
		"ops\td.c\t30\tdrv_ops\tiommu_domain_ops\tunmap_pages\tdrv_unmap",
		NULL
	};
	char *r = resolve(fills, "UNKNOWN", "note");

	has(r, "\tFMT_A fmt_unmap() -> tlb_add_page drv_add_page()\tFILLS\t-\n",
	    "chain: driver -> format -> filling tlb_add_page fills");
	has(r, "F\tpgtable-gather-unfilled\tf.c\t72\t2\tfmt_unmap\tnote\t",
	    "chain: the format unmap alone does not fill (pgtable note)");
	has(r, "N\td.c\t10\t1\trelied on by drv_unmap() (FMT_A): its tlb_add_page fills the gather",
	    "chain: the format names the driver that fills for it");
	hasnt(r, "unmap-gather-unfilled", "chain: no finding on the filling driver");
	free(r);

	r = resolve(misses, "EXPOSED", "note");
	has(r, "F\tunmap-gather-unfilled\td.c\t12\t2\tdrv_unmap\terror\tEXPOSED\t",
	    "chain: a tlb_add_page that does not fill: the driver misses");
	has(r, "N\tf.c\t70\t1\tdelegates to format FMT_A unmap fmt_unmap, which",
	    "chain: note on the format unmap");
	has(r, "N\td.c\t20\t1\tio_pgtable_tlb_add_page() reaches no fill: .tlb_add_page drv_add_page of drv_flush does not fill the gather",
	    "chain: note on the tlb_add_page callback");
	has(r, "N\td.c\t10\t1\trelied on by drv_unmap() (FMT_A): nothing fills the gather",
	    "chain: the format's note says nothing fills");
	has(r, "X\td.c\t12\tdrv_unmap\tgather\tiova\tr\t-\n",
	    "chain: the driver's return is in the fix list");
	free(r);

	r = resolve(no_add_page, "UNKNOWN", "note");
	has(r, "N\td.c\t40\t1\tio_pgtable_tlb_add_page() reaches no fill: flush ops drv_flush (d.c:40) has no .tlb_add_page",
	    "chain: flush ops without tlb_add_page");
	has(r, "-> tlb_add_page none\tMISSES", "chain: the table says none");
	free(r);
	r = resolve(no_flush_ops, "UNKNOWN", "note");
	has(r, "N\td.c\t1\t1\tio_pgtable_tlb_add_page() reaches no fill: no iommu_flush_ops in d.c",
	    "chain: a driver without flush ops");
	free(r);
	r = resolve(out_of_scope, "UNKNOWN", "note");
	has(r, "N\td.c\t12\t2\tformat FMT_A is not in the audited scope; assumed to fill only through tlb_add_page",
	    "chain: a format out of scope fills only through tlb_add_page");
	has(r, "N\td.c\t40\t1\tflush ops drv_flush (d.c:40) has no .tlb_add_page",
	    "chain: and why that does not fill");
	free(r);
	r = resolve(unbound, "UNKNOWN", "note");
	has(r, "N\td.c\t12\t2\tdelegates to an io_pgtable_ops unmap whose format is not bound in d.c",
	    "chain: an unbound format");
	has(r, "\tio_pgtable_ops (format not bound) -> tlb_add_page none\tMISSES",
	    "chain: the table says the format is not bound");
	free(r);
}

/* ---- severities per core state ------------------------------------------------------ */

static void test_severities(void)
{
	static const char *const states[] = {
		"UNKNOWN", "LATENT", "EXPOSED", "PROTECTED"
	};
	static const char *const with_sync[] = {
		"warning", "warning", "error", "note"
	};
	static const char *const facts[] = {
		"fn\ts.c\t10\ts_unmap\tsize\tgather\tiova\tstatic",
		"ret\ts.c\t12\t2\ts_unmap\tnonzero\tnone\tsize",
		"fn\ts.c\t20\tn_unmap\tsize\tgather\tiova\tstatic",
		"ret\ts.c\t22\t2\tn_unmap\tnonzero\tnone\tsize",
		"ops\ts.c\t30\ts_ops\tiommu_domain_ops\tunmap_pages\ts_unmap",
		"ops\ts.c\t31\ts_ops\tiommu_domain_ops\tiotlb_sync\ts_sync",
		"ops\ts.c\t40\tn_ops\tiommu_domain_ops\tunmap_pages\tn_unmap",
		"ops\ts.c\t41\tn_ops\tiommu_domain_ops\tiotlb_sync\tNULL",
		NULL
	};
	char want[256], what[128];
	int i;

	for (i = 0; i < 4; i++) {
		char *r = resolve(facts, states[i], "warning");

		snprintf(want, sizeof(want), "\ts_unmap\t%s\t%s\t", with_sync[i],
			 states[i]);
		snprintf(what, sizeof(what), "severity with .iotlb_sync on %s: %s",
			 states[i], with_sync[i]);
		has(r, want, what);
		snprintf(want, sizeof(want), "\tn_unmap\tnote\t%s\t", states[i]);
		snprintf(what, sizeof(what), "severity without .iotlb_sync on %s: note",
			 states[i]);
		has(r, want, what);
		snprintf(what, sizeof(what), "fix list at --fail-on=warning on %s",
			 states[i]);
		check((strstr(r, "X\ts.c\t12\t") != NULL) ==
		      (strcmp(with_sync[i], "note") != 0), what, r);
		free(r);
	}
	check(strcmp(gl_core_severity(gl_core_parse("bogus"), 1), "warning") == 0,
	      "an unknown core state grades as UNKNOWN", NULL);
}

/* ---- the other rules, and every message ---------------------------------------------- */

/* ---- the texts of a patch series ------------------------------------------- */

/* The series text WHAT of RECORDS (FILES for --file); the text, its
 * lines joined again (the wrap only breaks at spaces) remembered. */
static char *series(const char *records, const char *what,
		    const char **files, size_t nfiles, const char *loop,
		    int *rc)
{
	struct gl_series_opts o;
	struct gl_report *r = gl_report_new();
	char *buf = NULL, err[128] = "", *p;
	size_t len = 0;
	FILE *in = fmemopen((void *)records, strlen(records) + 1, "r");
	FILE *fp = open_memstream(&buf, &len);

	memset(&o, 0, sizeof(o));
	o.what = what;
	o.file = files;
	o.nfiles = nfiles;
	o.core = "LATENT";
	o.coremsg = "include/linux/iommu.h:9: iommu_iotlb_sync() calls .iotlb_sync whatever the gather holds; more";
	o.loop = loop;
	o.version = "0.0";
	o.engine = "cocci";
	gl_report_read(r, in);
	fclose(in);
	*rc = gl_series_text(r, &o, fp, err, sizeof(err));
	fclose(fp);
	gl_report_free(r);
	for (p = buf; *p; p++)
		if (*p == '\n')
			*p = ' ';
	remember(buf);
	return buf;
}

static void test_series(void)
{
	static const char *const fmt_driver[] = {
		DRIVER, FORMAT,
		"ops\td.c\t40\tdrv_flush\tiommu_flush_ops\ttlb_add_page\tdrv_add_page",
		"fn\td.c\t20\tdrv_add_page\tvoid\tgather\tiova\tstatic",
		"ret\td.c\t22\t1\tdrv_add_page\tnonzero\tnone\t-",
		NULL
	};
	static const char *const call_driver[] = {
		"fn\tc.c\t10\tc_unmap\tsize\tgather\tiova\tstatic",
		"ret\tc.c\t12\t2\tc_unmap\tnonzero\tcall:c_clear\tn",
		"fn\tc.c\t5\tc_clear\tsize\tgather\tiova\tstatic",
		"ret\tc.c\t7\t2\tc_clear\tnonzero\tnone\tsz",
		"ops\tc.c\t30\tanon@c_iommu_ops/iommu_domain_ops\tiommu_domain_ops\tunmap\tc_unmap",
		"ops\tc.c\t31\tanon@c_iommu_ops/iommu_domain_ops\tiommu_domain_ops\tiotlb_sync\tc_sync",
		NULL
	};
	const char *files[] = { "d.c", "c.c" };
	char *r1 = resolve(fmt_driver, "LATENT", "warning");
	char *r2 = resolve(call_driver, "LATENT", "warning");
	char *t;
	int rc;

	t = series(r1, "driver", files, 1, NULL, &rc);
	check(rc == 0 && strncmp(t, "Fill the iotlb gather before returning the unmapped size  ", 58) == 0,
	      "series: a driver patch starts with its summary and a blank line", t);
	has(t, "drv_unmap(), the .unmap_pages callback of drv_ops, returns a nonzero size",
	    "series: what the driver's unmap is");
	has(t, "It hands the unmap to the io-pgtable format unmap of FMT_A, which leaves the gather to the driver's .tlb_add_page callback, and here io_pgtable_tlb_add_page() reaches no fill: .tlb_add_page drv_add_page of drv_flush does not fill the gather.",
	    "series: the format it delegates to and what tlb_add_page reaches");
	has(t, "This tree's core is LATENT: iommu_iotlb_sync() calls .iotlb_sync whatever the gather holds; this core still calls",
	    "series: the core state and the probe's reading (without FILE:LINE)");
	has(t, "and not in the shared io-pgtable format code",
	    "series: a format driver: why not in the io-pgtable code");
	free(t);

	t = series(r2, "driver", files + 1, 1, NULL, &rc);
	has(t, "c_unmap(), the .unmap callback of the iommu_domain_ops in c_iommu_ops,",
	    "series: an anonymous ops object is named by the object that holds it");
	has(t, "It calls c_clear(), which does not fill the gather on every nonzero path.",
	    "series: the driver's own call that does not fill");
	has(t, "right before each return of a nonzero size, where the driver knows the range",
	    "series: a direct driver: where the fill goes");
	free(t);

	t = series(r2, "driver", files, 1, NULL, &rc);
	check(rc != 0, "series: a file without a fixed finding is an error", NULL);
	free(t);

	t = series("", "core", NULL, 0, "unmap_loop", &rc);
	has(t, "Add the unmapped range to a gather the driver left empty  ",
	    "series: the core patch's summary");
	has(t, "In the unmap loop of unmap_loop(), after a successful driver unmap",
	    "series: the core patch says where the back-fill goes");
	free(t);

	t = series(r1, "cover", files, 1, "unmap_loop", &rc);
	has(t, "Fill the iotlb gather in the unmap of 1 drivers  ",
	    "series: the cover letter's summary");
	has(t, "  d.c: drv_unmap() ", "series: the cover letter lists the drivers");
	has(t, "The first patch makes the core robust instead: the unmap loop in unmap_loop()",
	    "series: the cover letter announces the core patch");
	has(t, "Found and written by gatherlint 0.0 (cocci engine), rule unmap-gather-unfilled.",
	    "series: the cover letter names the tool and the rule");
	free(t);
	free(r1);
	free(r2);
}

/* ---- a NULL gather from the driver's own call: the guarded fix ---------- */

static void test_nullcall(void)
{
	static const char *const facts[] = {
		"fn\tn.c\t10\tn_unmap\tsize\tgather\tiova\tstatic\t3",
		"ret\tn.c\t14\t2\tn_unmap\tnonzero\tnone\tsize",
		"fn\tn.c\t20\tn_tile\tsize\t-\tiova\textern\t-",
		"nullcall\tn.c\t22\tn_tile\tn_unmap\t3",
		/* NULL for another parameter, and a call of another
		 * function of the same name elsewhere: no guard */
		"fn\tm.c\t10\tm_unmap\tsize\tgather\tiova\tstatic\t3",
		"ret\tm.c\t14\t2\tm_unmap\tnonzero\tnone\tsize",
		"nullcall\tm.c\t22\tm_tile\tm_unmap\t0",
		"nullcall\to.c\t22\to_tile\tm_unmap\t3",
		"ops\tn.c\t30\tn_ops\tiommu_domain_ops\tunmap\tn_unmap",
		"ops\tn.c\t31\tn_ops\tiommu_domain_ops\tiotlb_sync\tn_sync",
		"ops\tm.c\t30\tm_ops\tiommu_domain_ops\tunmap\tm_unmap",
		"ops\tm.c\t31\tm_ops\tiommu_domain_ops\tiotlb_sync\tm_sync",
		NULL
	};
	const char *files[] = { "n.c", "m.c" };
	char *r = resolve(facts, "UNKNOWN", "warning");
	char *t;
	int rc;

	has(r, "X\tn.c\t14\tn_unmap\tgather\tiova\tsize\tnull\n",
	    "nullcall: the fix of an entry point called with a NULL gather is guarded");
	has(r, "N\tn.c\t22\t1\tn_unmap() is also called with a NULL gather by n_tile()",
	    "nullcall: a note at the call says why");
	has(r, "X\tm.c\t14\tm_unmap\tgather\tiova\tsize\t-\n",
	    "nullcall: NULL at another parameter, or a call of another file's static, does not guard");
	t = series(r, "driver", files, 1, NULL, &rc);
	has(t, "n_unmap() is also called by n_tile() with a NULL gather, so the fill is guarded by \"if (gather)\"",
	    "nullcall: the patch body says why the fill is guarded");
	free(t);
	t = series(r, "driver", files + 1, 1, NULL, &rc);
	hasnt(t, "is guarded", "nullcall: an unguarded fix's body says nothing of a guard");
	free(t);
	free(r);
}

static void test_rules(void)
{
	static const char *const facts[] = {
		"# a comment line",
		"fn\te.c\t10\te_unmap\tsize\tgather\tiova\tstatic",
		"ret\te.c\t11\t3\te_unmap\terrno\tnone\t-EINVAL",
		"ret\te.c\t12\t2\te_unmap\tnonzero\tnone\tsize",
		"ret\te.c\t12\t2\te_unmap\tnonzero\tnone\tsize",
		"ops\te.c\t30\te_ops\tiommu_domain_ops\tunmap_pages\te_unmap",
		"ops\te.c\t31\te_ops\tiommu_domain_ops\tiotlb_sync\te_sync",
		/* fills through add_page: never an added range */
		"ops\te.c\t40\te_flush\tiommu_flush_ops\ttlb_add_page\te_add",
		"incomplete\tbroken.c\t1\t-\tparse error",
		"incomplete\tbroken.c\t7\thalf\ttoo complex",
		"core\tEXPOSED\tinclude/linux/iommu.h\t99\tiommu_iotlb_sync() returns early on an empty gather",
		NULL
	};
	char *r = resolve(facts, "LATENT", "warning"), *out;
	FILE *fp;
	int i;

	has(r, "F\tunmap-returns-errno\te.c\t11\t3\te_unmap\twarning\tLATENT\te_unmap() returns -EINVAL as a size_t",
	    "rules: a negative errno from a size_t unmap");
	has(r, "F\tanalysis-incomplete\tbroken.c\t1\t1\t-\twarning\tLATENT\tcould not analyse this file: parse error",
	    "rules: a file that did not parse");
	has(r, "F\tanalysis-incomplete\tbroken.c\t7\t1\thalf\twarning\tLATENT\tcould not analyse half(): too complex",
	    "rules: a function that could not be analysed");
	has(r, "F\tcore-empty-gather-skip\tinclude/linux/iommu.h\t99\t1\tiommu_iotlb_sync\terror\t",
	    "rules: the core skips empty gathers");
	has(r, "N\te.c\t12\t2\tnot fixed automatically",
	    "rules: no range is added where add_page fills");
	hasnt(r, "\nX\t", "rules: and no fix is listed for it");
	check(strstr(r, "F\tbroken.c") == NULL &&
	      strstr(r, "F\tanalysis-incomplete\tbroken.c") <
	      strstr(r, "F\tunmap-returns-errno\te.c") &&
	      strstr(r, "F\tunmap-returns-errno\te.c\t11") <
	      strstr(r, "F\tunmap-gather-unfilled\te.c\t12") &&
	      strstr(r, "F\tunmap-gather-unfilled\te.c\t12") <
	      strstr(r, "F\tcore-empty-gather-skip\tinclude"),
	      "rules: findings sorted by file, line, rule", r);

	/* every format; SARIF with a fix */
	fp = fopen("test-core.diff", "w");
	if (fp) {
		fputs("--- a/e.c\n+++ b/e.c\n@@ -11,2 +11,3 @@\n \treturn -EINVAL;\n+\tiommu_iotlb_gather_add_range(gather, iova, size);\n \treturn size;\n", fp);
		fclose(fp);
	}
	out = format(r, "sarif", "test-core.diff");
	has(out, "\"insertedContent\"", "sarif: the fix is a SARIF fix");
	has(out, "\"ruleId\": \"unmap-returns-errno\"", "sarif: results");
	free(out);
	out = format(r, "json", "test-core.diff");
	has(out, "\"fix\": \"--- a/e.c\\n+++ b/e.c\\n@@ -11,2 +11,3 @@\\n \\treturn",
	    "json: the fix diff, escaped by jansson");
	free(out);
	out = format(r, "checkpatch", NULL);
	has(out, "WARNING:IOMMU_UNMAP_RETURNS_ERRNO: e_unmap() returns -EINVAL",
	    "checkpatch: TYPE from the rule table");
	has(out, "total: 1 errors, 4 warnings, 0 checks", "checkpatch: totals");
	free(out);
	out = format(r, "text", NULL);
	has(out, "\nentry points: 1 (1 MISSES, 0 FILLS)\n", "text: the summary");
	has(out, "gatherlint: 1 error, 4 warnings, 0 notes (core UNKNOWN)",
	    "text: the counts");
	free(out);
	out = format(r, "tsv", NULL);
	has(out, "rule\tfile\tline\tfunction\tseverity\tcore_state\tmessage\nanalysis-incomplete\tbroken.c\t1\t-\t",
	    "tsv: header and rows");
	free(out);
	remove("test-core.diff");

	/* the records read back as written */
	{
		struct gl_report *rep = gl_report_new();
		FILE *in = fmemopen(r, strlen(r), "r");
		char *buf = NULL;
		size_t len = 0;
		FILE *o = open_memstream(&buf, &len);

		gl_report_read(rep, in);
		fclose(in);
		gl_report_write(rep, o);
		fclose(o);
		check(strcmp(buf, r) == 0, "records: read back and written unchanged", buf);
		free(buf);
		gl_report_free(rep);
	}
	free(r);

	/* the remaining state texts */
	{
		static const char *const nosync[] = {
			"fn\tq.c\t10\tq_unmap\tsize\tgather\tiova\tstatic",
			"ret\tq.c\t12\t2\tq_unmap\tnonzero\tnone\tsize",
			"ops\tq.c\t30\tq_ops\tiommu_domain_ops\tunmap_pages\tq_unmap",
			"ops\tq.c\t31\tq_ops\tiommu_domain_ops\tiotlb_sync\tq_sync",
			NULL
		};
		free(resolve(nosync, "PROTECTED", "warning"));
		free(resolve(nosync, "EXPOSED", "warning"));
		free(resolve(nosync, "UNKNOWN", "warning"));
	}

	/* one unit alone: what an entry point that fills takes on trust */
	{
		static const char *const unit[] = {
			"fn\tu.c\t10\tu_unmap\tsize\tgather\tiova\tstatic",
			"ret\tu.c\t12\t2\tu_unmap\tnonzero\tcall:elsewhere\tsize",
			"fn\tu.c\t20\tv_unmap\tsize\tgather\tiova\tstatic",
			"ret\tu.c\t22\t2\tv_unmap\tnonzero\tfmt\tsize",
			"fn\tu.c\t30\tu_add_page\tvoid\tgather\tiova\tstatic",
			"ret\tu.c\t32\t1\tu_add_page\tnonzero\tfill\t-",
			"ops\tu.c\t40\tu_ops\tiommu_domain_ops\tunmap_pages\tu_unmap",
			"ops\tu.c\t41\tv_ops\tiommu_domain_ops\tunmap_pages\tv_unmap",
			"ops\tu.c\t42\tu_flush\tiommu_flush_ops\ttlb_add_page\tu_add_page",
			NULL
		};
		struct gl_resolve_opts o = { "UNKNOWN", "", "warning", 1 };
		struct gl_facts *f = gl_facts_new();
		struct gl_report *rep;
		char *buf = NULL;
		size_t len = 0, k;
		FILE *fp = open_memstream(&buf, &len);

		for (k = 0; unit[k]; k++)
			gl_facts_add_line(f, unit[k]);
		rep = gl_resolve(f, &o);
		for (k = 0; k < rep->nassumed; k++)
			fprintf(fp, "%s:%s %s: %s\n", rep->assumed[k].file,
				rep->assumed[k].line, rep->assumed[k].func,
				rep->assumed[k].msg);
		fclose(fp);
		remember(buf);
		has(buf, "u.c:10 u_unmap: u_unmap() is taken to fill the iotlb gather through elsewhere(), which is defined in another unit",
		    "alone: a call of another unit's function is noted as trusted");
		has(buf, "u.c:20 v_unmap: v_unmap() is taken to fill the iotlb gather through its io-pgtable format",
		    "alone: a format out of the unit is noted as trusted");
		check(rep->nassumed == 2, "alone: nothing else is noted", buf);
		o.alone = 0;
		gl_report_free(rep);
		rep = gl_resolve(f, &o);
		check(rep->nassumed == 0, "alone: not listed unless asked", NULL);
		gl_report_free(rep);
		gl_facts_free(f);
		free(buf);
	}

	/* every message of the table was printed by some case */
	for (i = 0; i < GL_NMSGS; i++) {
		const char *m = gl_msgs[i], *p, *best = m;
		size_t n = strcspn(m, "%");
		char what[160], *lit;

		/* the longest literal part of the format */
		for (p = m; *p; p += strcspn(p, "%"), p += *p ? 2 : 0)
			if (strcspn(p, "%") > n) {
				n = strcspn(p, "%");
				best = p;
			}
		lit = (char *)malloc(n + 1);
		memcpy(lit, best, n);
		lit[n] = '\0';
		snprintf(what, sizeof(what), "message %d is printed: %.60s", i, m);
		check(n > 0 && strstr(seen, lit) != NULL, what, NULL);
		free(lit);
	}
	for (i = 0; i < GL_NRULES; i++) {
		char what[128];

		snprintf(what, sizeof(what), "rule %s has a TYPE, level and help",
			 gl_rules[i].id);
		check(gl_rule_find(gl_rules[i].id) == i && gl_rules[i].type[0] &&
		      gl_severity_rank(gl_rules[i].level) > 0 &&
		      strstr(seen, gl_rules[i].help) != NULL, what, NULL);
	}
}

int main(void)
{
	seen = (char *)calloc(1, 1);
	test_recursion();
	test_chain();
	test_severities();
	test_series();
	test_nullcall();
	test_rules();
	free(seen);
	return failures ? 1 : 0;
}
