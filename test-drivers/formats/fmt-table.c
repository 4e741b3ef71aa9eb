// SPDX-License-Identifier: GPL-2.0
/*
 * fmt-table.c - the format table and the allocator every driver calls,
 * written for the gatherlint corpus (the kernel's io-pgtable.c).  It maps
 * each enum io_pgtable_fmt to a format's struct io_pgtable_init_fns
 * (the `fmtid` facts of docs/design.md section 3).  AMD_IOMMU_V1/V2 have
 * no format in the corpus on purpose: fills/dyna-iommu.c and
 * paths/tansy-iommu.c bind to AMD_IOMMU_V1 but delegate with a NULL
 * gather, so no format is needed to judge them.
 *
 * No entry point, no format unmap, no finding.
 */
/* gatherlint: clean */
#include <linux/kernel.h>
#include <linux/io-pgtable.h>

static const struct io_pgtable_init_fns *io_pgtable_init_table[IO_PGTABLE_NUM_FMTS] = {
	[ARM_32_LPAE_S1]	= &io_pgtable_lpae_s1_init_fns,
	[ARM_32_LPAE_S2]	= &io_pgtable_lpae_s2_init_fns,
	[ARM_64_LPAE_S1]	= &io_pgtable_lpae_s1_init_fns,
	[ARM_64_LPAE_S2]	= &io_pgtable_lpae_s2_init_fns,
	[ARM_MALI_LPAE]		= &io_pgtable_lpae_mali_init_fns,
	[ARM_V7S]		= &io_pgtable_v7s_init_fns,
	[APPLE_DART]		= &io_pgtable_dart_init_fns,
	[APPLE_DART2]		= &io_pgtable_dart_init_fns,
};

struct io_pgtable_ops *alloc_io_pgtable_ops(enum io_pgtable_fmt fmt,
					    struct io_pgtable_cfg *cfg,
					    void *cookie)
{
	const struct io_pgtable_init_fns *fns;
	struct io_pgtable *iop;

	if (fmt >= IO_PGTABLE_NUM_FMTS)
		return NULL;

	fns = io_pgtable_init_table[fmt];
	if (!fns)
		return NULL;

	iop = fns->alloc(cfg, cookie);
	if (!iop)
		return NULL;

	iop->fmt = fmt;
	iop->cookie = cookie;
	iop->cfg = *cfg;

	return &iop->ops;
}

void free_io_pgtable_ops(struct io_pgtable_ops *ops)
{
	struct io_pgtable *iop;

	if (!ops)
		return;

	iop = io_pgtable_ops_to_pgtable(ops);
	io_pgtable_tlb_flush_all(iop);
	io_pgtable_init_table[iop->fmt]->free(iop);
}
