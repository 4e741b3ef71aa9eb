// SPDX-License-Identifier: GPL-2.0
/*
 * rules.c - the one table of rules (SPEC section 4), their checkpatch TYPEs
 * and every message text of the core, and the core-state grading.
 *
 * The single source of rules and messages: lib/gen-api.sh renders the rule
 * table and the messages coccicheck prints into the semantic patch (make
 * api; tests/t00-static.sh checks the render).  It reads the two tables
 * below line by line: keep each rule's { "id", "TYPE", "severity", on one
 * line and each message one string on the line after its GL_MSG_ comment.
 */
#include "gatherlint.h"

#include <string.h>

const struct gl_rule_info gl_rules[GL_NRULES] = {
	{ "unmap-gather-unfilled", "IOMMU_GATHER_UNFILLED", "warning",
	  "An IOMMU unmap returns a nonzero size without filling the iotlb gather",
	  "Since 90c5def10bea (iommu: Do not call drivers for empty gathers) iommu_iotlb_sync() skips the driver's .iotlb_sync when the gather is empty. A driver whose .unmap_pages/.unmap returns a nonzero size without iommu_iotlb_gather_add_range()/add_page() then loses its TLB flush: stale IOTLB entries, DMA to freed memory. Fix: call iommu_iotlb_gather_add_range(gather, iova, size) before returning the size (gatherlint fix writes it), or apply the core back-fill (gatherlint fix --fix=core)." },
	{ "core-empty-gather-skip", "IOMMU_CORE_EMPTY_GATHER_SKIP", "error",
	  "The IOMMU core skips .iotlb_sync for empty gathers and does not back-fill them",
	  "This tree's iommu_iotlb_sync() skips .iotlb_sync for an empty gather and __iommu_unmap() does not add the unmapped range itself. Apply the upstream core fix (iommu: Ensure .iotlb_sync is called correctly) or gatherlint fix --fix=core." },
	{ "pgtable-gather-unfilled", "IOMMU_PGTABLE_GATHER_UNFILLED", "note",
	  "An io-pgtable format unmap never fills the iotlb gather by itself",
	  "The format unmap leaves the gather to the driver's tlb_add_page callback. Drivers using this format must fill the gather themselves; do not add a range here while a driver fills through iommu_iotlb_gather_add_page(), which relies on iommu_iotlb_gather_is_disjoint()." },
	{ "unmap-returns-errno", "IOMMU_UNMAP_RETURNS_ERRNO", "warning",
	  "A size_t unmap callback returns a negative errno",
	  "Unmap callbacks return size_t: -EINVAL is a huge unmapped size to the core. Return 0 on failure." },
	{ "analysis-incomplete", "IOMMU_ANALYSIS_INCOMPLETE", "warning",
	  "gatherlint could not parse or analyse a file or function",
	  "The engine could not parse or analyse this code; its unmap paths were not checked." },
};

/* Indexed by enum gl_msg; printf formats, the arguments in comments. */
const char *const gl_msgs[GL_NMSGS] = {
	/* GL_MSG_CORE_SKIP */
	"iommu_iotlb_sync() skips .iotlb_sync for an empty gather and the unmap loop does not back-fill it: drivers that never fill the gather lose their TLB flush",
	/* GL_MSG_UNFILLED: function, GL_MSG_STATE_* */
	"%s() returns a nonzero size without filling the iotlb gather; %s",
	/* GL_MSG_PGTABLE: function */
	"format unmap %s() never fills the iotlb gather by itself; its drivers must fill it (tlb_add_page or their own unmap)",
	/* GL_MSG_ERRNO: function, expression */
	"%s() returns %s as a size_t: the core reads it as a huge unmapped size; return 0 on failure",
	/* GL_MSG_INCOMPLETE_FILE: reason */
	"could not analyse this file: %s",
	/* GL_MSG_INCOMPLETE_FN: function, reason */
	"could not analyse %s(): %s",
	/* GL_MSG_STATE_NO_SYNC */
	"its ops has no .iotlb_sync, so skipping it for an empty gather changes nothing",
	/* GL_MSG_STATE_EXPOSED */
	"this core skips .iotlb_sync for an empty gather: the IOTLB flush is lost",
	/* GL_MSG_STATE_PROTECTED */
	"this core back-fills an empty gather, so .iotlb_sync still runs",
	/* GL_MSG_STATE_LATENT */
	"this core still calls .iotlb_sync, but a core that skips empty gathers loses the flush",
	/* GL_MSG_STATE_UNKNOWN */
	"a core that skips .iotlb_sync for empty gathers (90c5def10bea) loses the flush",
	/* GL_MSG_ENTRY_POINT: field, ops type, ops id, GL_MSG_HAS/NO_SYNC */
	"entry point .%s of %s %s%s",
	/* GL_MSG_HAS_SYNC */
	" (has .iotlb_sync)",
	/* GL_MSG_NO_SYNC */
	" (no .iotlb_sync)",
	/* GL_MSG_NO_FILL_ON_PATH */
	"no fill, flush or queued test on a path to this return",
	/* GL_MSG_TLBADD_NO_FILL: why */
	"io_pgtable_tlb_add_page() reaches no fill: %s",
	/* GL_MSG_FMT_NOT_BOUND: driver file */
	"delegates to an io_pgtable_ops unmap whose format is not bound in %s",
	/* GL_MSG_FMT_OUT_OF_SCOPE: format */
	"format %s is not in the audited scope; assumed to fill only through tlb_add_page",
	/* GL_MSG_FMT_UNMAP_NO_FILL: format, function */
	"delegates to format %s unmap %s, which does not fill the gather for this driver",
	/* GL_MSG_CALLS_NON_FILLER: function */
	"calls %s(), which does not fill the gather on every nonzero path",
	/* GL_MSG_ALSO_RETURNS: expression */
	"also returns %s here without filling the gather",
	/* GL_MSG_NOT_FIXED_ADD_PAGE */
	"not fixed automatically: this driver fills the gather through tlb_add_page (add_page); an added range would merge disjoint ranges",
	/* GL_MSG_RELIED_ON: entry point, format, GL_MSG_RELIED_* */
	"relied on by %s() (%s): %s",
	/* GL_MSG_RELIED_FILLS */
	"its tlb_add_page fills the gather",
	/* GL_MSG_RELIED_NOTHING */
	"nothing fills the gather",
	/* GL_MSG_FLUSH_OPS_NO_ADD_PAGE: ops id, file, line */
	"flush ops %s (%s:%s) has no .tlb_add_page",
	/* GL_MSG_ADD_PAGE_NO_FILL: function, ops id */
	".tlb_add_page %s of %s does not fill the gather",
	/* GL_MSG_NO_FLUSH_OPS: driver file */
	"no iommu_flush_ops in %s",
	/* GL_MSG_UNREAD_TEST: variables */
	"%s is tested in a way gatherlint does not read (not against 0): this path is taken as returning nonzero",
	/* GL_MSG_FIX_DESCRIPTION */
	"Fill the iotlb gather before returning the unmapped size",
	/* GL_MSG_SERIES_ENTRY: function, field, ops */
	"%s(), the .%s callback of %s, returns a nonzero size without filling the iotlb gather.",
	/* GL_MSG_SERIES_OPS_IN: ops type, outer object */
	"the %s in %s",
	/* GL_MSG_SERIES_FORMATS: formats, GL_MSG_TLBADD_NO_FILL */
	"It hands the unmap to the io-pgtable format unmap of %s, which leaves the gather to the driver's .tlb_add_page callback, and here %s.",
	/* GL_MSG_SERIES_CALLS: GL_MSG_CALLS_NON_FILLER */
	"It %s.",
	/* GL_MSG_SERIES_SKIP */
	"Since \"iommu: Do not call drivers for empty gathers\" (90c5def10bea), iommu_iotlb_sync() skips .iotlb_sync when the gather is empty: a driver with an .iotlb_sync whose unmap does not fill the gather loses its IOTLB flush (stale IOTLB entries, DMA to freed memory).",
	/* GL_MSG_SERIES_STATE: state, the probe's reading, GL_MSG_STATE_* */
	"This tree's core is %s: %s; %s.",
	/* GL_MSG_SERIES_WHERE */
	"Add the unmapped range with iommu_iotlb_gather_add_range() right before each return of a nonzero size, where the driver knows the range; a return of 0 adds nothing.",
	/* GL_MSG_SERIES_WHERE_FMT */
	"Add the unmapped range with iommu_iotlb_gather_add_range() in the driver's own unmap callback, right before each return of a nonzero size, and not in the shared io-pgtable format code: drivers that use the same format and fill the gather through iommu_iotlb_gather_add_page() rely on iommu_iotlb_gather_is_disjoint(), which an added range would defeat.",
	/* GL_MSG_SERIES_FOUND: rule */
	"Found by gatherlint (%s).",
	/* GL_MSG_SERIES_COVER_SUBJECT: count */
	"Fill the iotlb gather in the unmap of %s drivers",
	/* GL_MSG_SERIES_COVER_DRIVERS: count */
	"%s IOMMU drivers return a nonzero size from their unmap callback without filling the iotlb gather:",
	/* GL_MSG_SERIES_COVER_WHERE */
	"Each driver patch fills the gather in the driver's own unmap callback, never in the shared io-pgtable code (drivers that fill it through iommu_iotlb_gather_add_page() rely on iommu_iotlb_gather_is_disjoint()). The patches are independent of each other.",
	/* GL_MSG_SERIES_COVER_CORE: loop function */
	"The first patch makes the core robust instead: the unmap loop in %s() adds the unmapped range to a gather the driver left empty, so that these drivers and any others keep their flush; the driver patches still make each driver's gather honest.",
	/* GL_MSG_SERIES_COVER_FOUND: version, engine, rule */
	"Found and written by gatherlint %s (%s engine), rule %s.",
	/* GL_MSG_SERIES_CORE_SUBJECT */
	"Add the unmapped range to a gather the driver left empty",
	/* GL_MSG_SERIES_CORE_WHERE: loop function */
	"In the unmap loop of %s(), after a successful driver unmap, add the unmapped range when the gather is still empty, so that .iotlb_sync runs for drivers that do not use the gather. A driver that fills the gather keeps its own ranges (iommu_iotlb_gather_is_disjoint() still works for it), and a failed or empty unmap adds nothing.",
	/* GL_MSG_ASSUMED_CALL: entry point, function */
	"%s() is taken to fill the iotlb gather through %s(), which is defined in another unit; gatherlint audit decides it",
	/* GL_MSG_ASSUMED_FMT: entry point */
	"%s() is taken to fill the iotlb gather through its io-pgtable format, whose unmap is in another unit; gatherlint audit decides it",
	/* GL_MSG_NULL_CALLED: function, caller */
	"%s() is also called with a NULL gather by %s(): the fix fills the gather only when it is not NULL",
	/* GL_MSG_SERIES_GUARD: function, caller, gather */
	"%s() is also called by %s() with a NULL gather, so the fill is guarded by \"if (%s)\": a NULL gather has nothing to fill and must not be dereferenced.",
};

int gl_rule_find(const char *id)
{
	int i;

	for (i = 0; i < GL_NRULES; i++)
		if (strcmp(gl_rules[i].id, id) == 0)
			return i;
	return -1;
}

enum gl_core gl_core_parse(const char *state)
{
	if (strcmp(state, "LATENT") == 0)
		return GL_CORE_LATENT;
	if (strcmp(state, "EXPOSED") == 0)
		return GL_CORE_EXPOSED;
	if (strcmp(state, "PROTECTED") == 0)
		return GL_CORE_PROTECTED;
	return GL_CORE_UNKNOWN;
}

/*
 * A driver without .iotlb_sync loses nothing (note).  With one: an EXPOSED
 * core loses the flush (error), a PROTECTED core back-fills (note), a
 * LATENT or UNKNOWN core loses it once the core changes (warning).
 */
const char *gl_core_severity(enum gl_core core, int has_sync)
{
	if (!has_sync)
		return "note";
	if (core == GL_CORE_EXPOSED)
		return "error";
	if (core == GL_CORE_PROTECTED)
		return "note";
	return "warning";
}

const char *gl_core_text(enum gl_core core, int has_sync)
{
	if (!has_sync)
		return gl_msgs[GL_MSG_STATE_NO_SYNC];
	switch (core) {
	case GL_CORE_EXPOSED:
		return gl_msgs[GL_MSG_STATE_EXPOSED];
	case GL_CORE_PROTECTED:
		return gl_msgs[GL_MSG_STATE_PROTECTED];
	case GL_CORE_LATENT:
		return gl_msgs[GL_MSG_STATE_LATENT];
	default:
		return gl_msgs[GL_MSG_STATE_UNKNOWN];
	}
}

int gl_severity_rank(const char *severity)
{
	if (strcmp(severity, "error") == 0)
		return 3;
	if (strcmp(severity, "warning") == 0)
		return 2;
	if (strcmp(severity, "note") == 0)
		return 1;
	if (strcmp(severity, "never") == 0)
		return 99;
	return 0;
}
