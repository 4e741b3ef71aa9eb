/*
 * gatherlint.h - Coccinelle macro hints for the kernel code gatherlint
 * reads (spatch --macro-file; lib/engine-cocci.sh passes it, and a plain
 * `make coccicheck` can with SPFLAGS="--macro-file .../gatherlint.h").
 * Written for spatch 1.1.1; see cocci/README.md "Macro hints".
 *
 * Identifier builders.  The generic page tables (drivers/iommu/generic_pt)
 * name their functions through a per-format prefix macro: the header is
 * compiled once per format, and a definition reads `T NS(name)(...)`.  One
 * parse of the header sees no format, so the hint expands to the name
 * written inside the macro.  Spelling: spatch 1.1.1 turns a macro argument
 * into an identifier only next to a `##`; a plain `fn` body (or a prefix
 * before `##`) leaves the argument a type name and the definition does
 * not parse.  The trailing `##` concatenates nothing.
 */
#define NS(fn) fn##
#define DOMAIN_NS(op) op##
#define CONCATENATE(a, b) b##
