/* SPDX-License-Identifier: GPL-2.0 */
/*
 * gatherlint.h - libgatherlint: the one decision core of gatherlint.
 *
 * Every engine (Coccinelle, the GCC plugin) only extracts facts; this
 * library reads them, decides (verdicts, chains, severities by core state,
 * the fix list) and prints the findings in every output format.  The C
 * compiles as C11 and as C++ (the GCC plugin links it).
 *
 *   facts.c    the fact model and the fact-line parser (section 3 below)
 *   rules.c    the one table of rules, checkpatch TYPEs and message texts
 *   resolve.c  the resolver (greatest fixpoint per driver context)
 *   report.c   the resolver records (F/N/X/E lines) written and read back
 *   format.c   text, tsv, checkpatch, json, sarif and sparse (json/sarif:
 *              jansson)
 *   main.c     gatherlint-core, the program the POSIX-sh CLI calls
 *
 * This comment is the contract between the engines and the core (it was
 * docs/design.md section 3).
 *
 * ========================================================================
 * 3. Facts (the cross-file format)
 * ========================================================================
 *
 * Plain text, one fact per line, fields separated by one TAB, no empty fields
 * (`-` for "none"). Lines starting with `#` are comments. Both engines write it;
 * the resolver (`gl_facts_add_line`) reads the concatenation (duplicates are harmless). FILE is
 * relative to the audited root, exactly as the compiler/spatch was given it.
 * LINE/COL are 1-based; COL of a `ret` is the column of the `return` keyword.
 *
 *     fn	FILE	LINE	NAME	RETKIND	GATHER	IOVA	LINKAGE	GPOS
 *     ret	FILE	LINE	COL	NAME	CLASS	COVER	EXPR	UNREAD
 *     ops	FILE	LINE	OPSID	TYPE	FIELD	FUNC
 *     bind	FILE	LINE	FUNC	FMT
 *     fmtinit	FILE	LINE	INITNAME
 *     fmtid	FILE	LINE	FMT	INITNAME
 *     incomplete	FILE	LINE	NAME	REASON
 *     nullcall	FILE	LINE	CALLER	CALLEE	ARG
 *
 * * `fn`: every function definition that has a `struct iommu_iotlb_gather *`
 *   parameter, every *carrier* (a function without one that loads the gather
 *   from a member of a pointer parameter P into a local: `struct
 *   iommu_iotlb_gather *g = P->gather;`), plus every function named in an
 *   `ops` fact. LINE is the line of the function's name. RETKIND: `size`
 *   (size_t / ssize_t / unsigned long / dma_addr_t style unsigned size), `void`,
 *   `int`, `other`. GATHER: name of the gather parameter (of a carrier: P) or
 *   `-`. IOVA: name of the iova parameter (the first `unsigned long`
 *   or `dma_addr_t` parameter after the domain/ops/table parameter) or `-`.
 *   LINKAGE: `static` or `extern`.
 *   GPOS: the 0-based position of the gather parameter among the
 *   parameters, or `-` (a carrier, or no gather); readers accept 8-field
 *   `fn` lines (GPOS `-`).
 * * `ret`: one per `return` statement of every `fn` that has a GATHER; for a
 *   `void` function also one for falling off the end (LINE/COL of the closing
 *   brace, EXPR `-`). CLASS:
 *   * `zero`  every path to it returns 0, values read as a reviewer reads them
 *     (SPEC 2 Nonzero path): `return 0;`; `return ret;` with ret = 0 by plain
 *     assignment or initialisation; a branch the path took (`if (r)` false,
 *     `if (!r)` / `if (r == 0)` / `case 0:` true); `return i * size;` with i a
 *     counter still 0 on the zero-trip path of `for (i = 0; i < n; i++)`;
 *     `c ? x : 0` with c 0.  A product, shift or `&` is 0 when one operand is;
 *   * `errno` the value is a negative errno constant (`-EINVAL`, `-ENODEV`, ...),
 *   * `nonzero` any other (on at least one path); for `void` functions every
 *     return is `nonzero`.
 *   COVER, computed over the nonzero paths reaching this return only:
 *   * `fill`: every such path passes a fill (`fill` in gather-api.txt on the
 *     gather parameter or a local alias of it; or, in a function that stores
 *     a non-constant value to `gather->start` or `gather->end`, any access to
 *     them: the range grown by hand), a test that the gather pointer is NULL
 *     (the NULL branch needs no fill), a flush (`flush`, or a direct call of a
 *     `flushcb` member, through a pointer or a named `iommu_flush_ops`
 *     object), or a queued guard (the path is one on which
 *     `iommu_iotlb_gather_queued(gather)` is known true);
 *   * `none`: some such path passes none of those and no candidate call;
 *   * otherwise a CNF over candidate atoms: clauses separated by `&`, atoms in a
 *     clause by `|`; the return is covered when every clause has a true atom.
 *     Atoms:
 *     * `call:NAME` a call to function NAME that receives the gather parameter
 *       (or an alias; or, NAME being a carrier of the same file, the address
 *       of a local struct that holds the gather in a member: `&args.pending`),
 *     * `fmt`      a call through an `io_pgtable_ops` member (`X->unmap_pages(X,
 *       ..., gather)` or `->unmap`) that receives the gather,
 *     * `tlbadd`   `io_pgtable_tlb_add_page(iop, gather, ...)` or a direct call
 *       of the `tlb_add_page` member with the gather.
 *   A call that passes `NULL` (or anything but the gather parameter) is not a
 *   candidate. Engines may over-approximate a CNF by one clause holding every
 *   candidate on the fill-free paths (Coccinelle does, see cocci/README).
 *   EXPR: the return expression, whitespace collapsed to single spaces.
 *   UNREAD: `-`, or the variables (comma-separated, sorted) the returned value
 *   is computed from that the function tests in a way the engine does not
 *   read (not against 0, nor against another tracked variable: `r > SZ_4K`),
 *   on a nonzero path that is not covered; the resolver adds a note "V is
 *   tested in a way gatherlint does not read" to a finding at that return.
 *   Readers accept 8-field `ret` lines (UNREAD `-`).
 * * `ops`: a field of an ops object. OPSID names the object uniquely in its file:
 *   the variable name; `anon@LINE` for a compound literal starting on LINE;
 *   `assign@FUNC:EXPR` for runtime assignments in function FUNC to the object
 *   EXPR (e.g. `assign@foo_probe:ops`). TYPE: `iommu_domain_ops`, `iommu_ops`,
 *   `pt_iommu_ops`, `io_pgtable_ops`, `iommu_flush_ops`; when the struct type is
 *   not visible (runtime assignment), the engine classifies by the stored
 *   function's first parameter (`struct iommu_domain *` → iommu_domain_ops,
 *   `struct io_pgtable_ops *` → io_pgtable_ops, `struct pt_iommu *` →
 *   pt_iommu_ops). FIELD: `unmap_pages`, `unmap`, `unmap_range`, `iotlb_sync`,
 *   `tlb_add_page`, `tlb_flush_walk`, `tlb_flush_all`, or `-` (one `-` line per
 *   object so that objects without those fields still exist). FUNC: the function
 *   name, `NULL`, or `-`. LINE: the line of the field (of the object for `-`).
 *   Macro-built names (`NS(unmap_range)`) are written as the engine sees them
 *   after expansion; the CLI's textual pre-pass writes `ops` facts for
 *   initialisers that sit inside `#define` bodies (OPSID `macro@NAME`).
 * * `bind`: `alloc_io_pgtable_ops(FMT, ...)` in function FUNC. FMT is the format
 *   constant, or `?` when the argument is not a constant; `?` is resolved by the
 *   CLI to every known format id mentioned in that file.
 * * `fmtinit`: `struct io_pgtable_init_fns INITNAME = {...}` defined in FILE.
 *   The format unmaps of INITNAME are the `io_pgtable_ops` unmap fields of FILE.
 * * `fmtid`: `[FMT] = &INITNAME` in the format table (`io_pgtable_init_table`).
 * * `incomplete`: FILE could not be parsed (NAME `-`, LINE 1) or function NAME
 *   could not be analysed. Becomes an `analysis-incomplete` warning.
 * * `nullcall`: a direct call CALLEE(...) in function CALLER of FILE (LINE: the
 *   call's) that passes the literal `NULL` (or `0`, or `(void *)0`) as
 *   its argument at 0-based position ARG.  Engines write it for every such
 *   call of a named function in the audited files (the GCC plugin for
 *   pointer arguments only: it sees the types); the resolver uses the calls that
 *   pass NULL for an entry point's gather (ARG = its GPOS; CALLEE resolved
 *   from FILE as a `call:` atom is) to guard its fix (SPEC 2 Fill, 5).
 *
 * ### Resolution (resolve.c)
 *
 * * Entry point: an `ops` fact of TYPE iommu_domain_ops/iommu_ops with FIELD
 *   unmap_pages/unmap, or pt_iommu_ops with unmap_range, FUNC not NULL. Has sync:
 *   the same (FILE, OPSID) has FIELD iotlb_sync with FUNC not NULL (pt_iommu_ops:
 *   always). Driver context of an entry point: its FILE.
 * * Format unmap: `ops` TYPE io_pgtable_ops FIELD unmap_pages/unmap.
 * * Flush callbacks of a driver file D: the `tlb_add_page` FUNCs of every
 *   iommu_flush_ops object of D. `tlbadd` is true in context D iff D has at least
 *   one flush ops object and every one of them has a `tlb_add_page` that fills.
 * * Formats of D: the FMTs of D's `bind` facts; `fmt` is true in context D iff
 *   every format unmap of every such format fills in context D (and there is one).
 * * `call:NAME` resolves to NAME's `fn` in the same file, else an `extern` one.
 *   Unknown → false. Filler-ness is the greatest fixpoint (recursion bottoms out)
 *   per context; a function is a filler iff it is `void` or has a nonzero return,
 *   and every nonzero return is covered.
 * * Verdict MISSES ⇔ some `nonzero` return is not covered. The finding is at the
 *   lowest-numbered uncovered return; the others become notes. For
 *   `pgtable-gather-unfilled` the context is "none" (tlbadd false, fmt false).
 *
 * ### Resolver output
 *
 *     F	rule	file	line	col	function	severity	core_state	message
 *     N	file	line	col	message
 *     X	file	line	function	gather	iova	expr	guard
 *     E	file	line	function	ops	has_sync	chain	verdict	severity
 *
 * `N` lines are notes of the preceding `F`. `X` lines are the fix list: returns
 * that need `iommu_iotlb_gather_add_range(gather, iova, size)`; the engines' fix
 * modes read them (`-D fixlist=FILE` for spatch, `fixlist=FILE` for the plugin).
 * guard: `-`, or `null` when the entry point is also called with a NULL
 * gather (a `nullcall` fact): the fix then writes the fill as
 * `if (gather)` + newline + tab + `iommu_iotlb_gather_add_range(...);`, and the
 * finding carries a note at that call (GL_MSG_NULL_CALLED) that the patch
 * series body turns into one sentence (GL_MSG_SERIES_GUARD).  Readers
 * accept 7-field X lines (guard `-`).
 * `E` lines are the entry-point table of the BSP summary, one per entry point:
 * chain is the calls, formats and tlb_add_page callbacks it reaches (or
 * `direct`), verdict FILLS or MISSES, severity `-` for FILLS.
 */
#ifndef GATHERLINT_H
#define GATHERLINT_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- the rules and their texts (rules.c) ------------------------------ */

enum gl_rule {
	GL_RULE_UNMAP_GATHER_UNFILLED,
	GL_RULE_CORE_EMPTY_GATHER_SKIP,
	GL_RULE_PGTABLE_GATHER_UNFILLED,
	GL_RULE_UNMAP_RETURNS_ERRNO,
	GL_RULE_ANALYSIS_INCOMPLETE,
	GL_NRULES
};

struct gl_rule_info {
	const char *id;		/* SPEC section 4 name */
	const char *type;	/* checkpatch TYPE */
	const char *level;	/* SARIF default level */
	const char *brief;	/* SARIF shortDescription */
	const char *help;	/* SARIF fullDescription and help */
};

extern const struct gl_rule_info gl_rules[GL_NRULES];

/* Every message the core prints, as a printf format (rules.c). */
enum gl_msg {
	GL_MSG_CORE_SKIP,
	GL_MSG_UNFILLED,
	GL_MSG_PGTABLE,
	GL_MSG_ERRNO,
	GL_MSG_INCOMPLETE_FILE,
	GL_MSG_INCOMPLETE_FN,
	GL_MSG_STATE_NO_SYNC,
	GL_MSG_STATE_EXPOSED,
	GL_MSG_STATE_PROTECTED,
	GL_MSG_STATE_LATENT,
	GL_MSG_STATE_UNKNOWN,
	GL_MSG_ENTRY_POINT,
	GL_MSG_HAS_SYNC,
	GL_MSG_NO_SYNC,
	GL_MSG_NO_FILL_ON_PATH,
	GL_MSG_TLBADD_NO_FILL,
	GL_MSG_FMT_NOT_BOUND,
	GL_MSG_FMT_OUT_OF_SCOPE,
	GL_MSG_FMT_UNMAP_NO_FILL,
	GL_MSG_CALLS_NON_FILLER,
	GL_MSG_ALSO_RETURNS,
	GL_MSG_NOT_FIXED_ADD_PAGE,
	GL_MSG_RELIED_ON,
	GL_MSG_RELIED_FILLS,
	GL_MSG_RELIED_NOTHING,
	GL_MSG_FLUSH_OPS_NO_ADD_PAGE,
	GL_MSG_ADD_PAGE_NO_FILL,
	GL_MSG_NO_FLUSH_OPS,
	GL_MSG_UNREAD_TEST,
	GL_MSG_FIX_DESCRIPTION,
	GL_MSG_SERIES_ENTRY,
	GL_MSG_SERIES_OPS_IN,
	GL_MSG_SERIES_FORMATS,
	GL_MSG_SERIES_CALLS,
	GL_MSG_SERIES_SKIP,
	GL_MSG_SERIES_STATE,
	GL_MSG_SERIES_WHERE,
	GL_MSG_SERIES_WHERE_FMT,
	GL_MSG_SERIES_FOUND,
	GL_MSG_SERIES_COVER_SUBJECT,
	GL_MSG_SERIES_COVER_DRIVERS,
	GL_MSG_SERIES_COVER_WHERE,
	GL_MSG_SERIES_COVER_CORE,
	GL_MSG_SERIES_COVER_FOUND,
	GL_MSG_SERIES_CORE_SUBJECT,
	GL_MSG_SERIES_CORE_WHERE,
	GL_MSG_ASSUMED_CALL,
	GL_MSG_ASSUMED_FMT,
	GL_MSG_NULL_CALLED,
	GL_MSG_SERIES_GUARD,
	GL_NMSGS
};

extern const char *const gl_msgs[GL_NMSGS];

/* The rule named ID, or -1. */
int gl_rule_find(const char *id);

/* ---- core state -------------------------------------------------------- */

enum gl_core {
	GL_CORE_UNKNOWN,
	GL_CORE_LATENT,
	GL_CORE_EXPOSED,
	GL_CORE_PROTECTED
};

/* LATENT, EXPOSED, PROTECTED; anything else is UNKNOWN. */
enum gl_core gl_core_parse(const char *state);
/* Severity of an unmap-gather-unfilled finding ("error", ...). */
const char *gl_core_severity(enum gl_core core, int has_sync);
/* Why, in words (GL_MSG_STATE_*). */
const char *gl_core_text(enum gl_core core, int has_sync);
/* error 3, warning 2, note 1, never 99, anything else 0. */
int gl_severity_rank(const char *severity);

/* ---- the fact model (facts.c) ------------------------------------------ */

struct gl_facts;

struct gl_facts *gl_facts_new(void);
void gl_facts_free(struct gl_facts *facts);
/*
 * Adds one line (no newline) of the fact format, or a `core STATE FILE
 * LINE DETAIL` line of lib/core-probe.awk.  Comments, short lines and
 * unknown kinds are ignored; duplicates are harmless.
 */
void gl_facts_add_line(struct gl_facts *facts, const char *line);
/* Reads every line of FP. */
void gl_facts_read(struct gl_facts *facts, FILE *fp);

/* ---- the report: findings, fix list, entry points ----------------------- */

struct gl_note {
	const char *file, *line, *col, *msg;
};

struct gl_finding {
	const char *rule, *file, *line, *col, *func, *sev, *core, *msg;
	struct gl_note *notes;
	size_t nnotes, capnotes;
};

struct gl_fix {
	const char *file, *line, *func, *gather, *iova, *expr;
	const char *guard;	/* "null": fill only "if (gather)"; else "-" */
};

struct gl_entry {
	const char *file, *line, *func, *ops, *sync, *chain, *verdict, *sev;
};

/* What an entry point that fills takes on trust from another unit (only
 * when resolving one unit alone: gl_resolve_opts.alone). */
struct gl_assumed {
	const char *file, *line, *func, *msg;
};

struct gl_report {
	struct gl_finding *findings;
	size_t nfindings, capfindings;
	struct gl_fix *fixes;
	size_t nfixes, capfixes;
	struct gl_entry *entries;
	size_t nentries, capentries;
	struct gl_assumed *assumed;
	size_t nassumed, capassumed;
	struct gl_pool *pool;	/* owns every string above */
};

struct gl_report *gl_report_new(void);
void gl_report_free(struct gl_report *report);
/* Writes the F/N/X/E records of section 3 "Resolver output". */
void gl_report_write(const struct gl_report *report, FILE *fp);
/* Reads records back (what gl_report_write wrote, possibly filtered). */
void gl_report_read(struct gl_report *report, FILE *fp);

/* ---- the resolver (resolve.c) ------------------------------------------- */

struct gl_resolve_opts {
	const char *core;	/* LATENT EXPOSED PROTECTED UNKNOWN */
	const char *root;	/* the audited root, to read files for `bind ?` */
	const char *fixmin;	/* X lines at or above this severity */
	/* The facts are one unit's, resolved alone (a compiler plugin or a
	 * checker in a kernel build): what another unit defines is assumed
	 * to fill, as always; also list, in report->assumed, what each entry
	 * point that fills takes on trust. */
	int alone;
};

/* Decides every finding of FACTS; the findings are sorted by file, line
 * and rule.  Returns NULL when out of memory. */
struct gl_report *gl_resolve(struct gl_facts *facts,
			     const struct gl_resolve_opts *opts);

/* ---- the output formats (format.c) -------------------------------------- */

struct gl_format_opts {
	const char *fmt;	/* text tsv checkpatch json sarif sparse */
	const char *version;	/* gatherlint's, for SARIF */
	const char *root;	/* the audited root (SARIF SRCROOT) */
	const char *src;	/* where checkpatch reads source lines (root) */
	const char *core;	/* the core state of the run */
	const char *fixes;	/* a -p1 diff: json "fix", SARIF fixes, or NULL */
	int summary;		/* text: the BSP summary */
	const char *corewhere;	/* FILE:LINE the core was read at, or -:0 */
	const char *coremsg;	/* the probe's detail */
	/* Paths as the user opens them from where they stand (SPEC 6): HERE is
	 * the current directory relative to ROOT ("." for ROOT itself, "" when
	 * outside it), PREFIX leads from the current directory to ROOT. */
	const char *here, *prefix;
	int tsvdisp;		/* tsv paths displayed too (not in a kernel tree) */
	const char *cwd;	/* SARIF SRCROOT: the current directory */
	const char *corefrom;	/* text: where the core state was read, or "" */
	const char *corefromline;
};

/* Prints REPORT; returns 0, or -1 with a message in ERR on failure. */
int gl_format(const struct gl_report *report,
	      const struct gl_format_opts *opts, FILE *out,
	      char *err, size_t errlen);

/* ---- the texts of a patch series (series.c) ----------------------------- */

struct gl_series_opts {
	const char *what;	/* driver, core or cover */
	const char **file;	/* driver: its file; cover: the driver files */
	size_t nfiles;
	const char *core;	/* the core state */
	const char *coremsg;	/* the core probe's detail */
	const char *loop;	/* core, cover: the unmap loop's function */
	const char *version;	/* cover: gatherlint's */
	const char *engine;	/* cover: the engine that wrote the fixes */
};

/*
 * Prints the summary line (the subject without its prefix), a blank line
 * and the body of a driver patch, the core patch or the cover letter,
 * wrapped for a commit message.  Returns 0, or -1 with a message in ERR.
 */
int gl_series_text(const struct gl_report *report,
		   const struct gl_series_opts *opts, FILE *out,
		   char *err, size_t errlen);

#ifdef __cplusplus
}
#endif

#endif /* GATHERLINT_H */
