// SPDX-License-Identifier: GPL-2.0
/*
 * larch-pt.c - a generic-page-table instantiation whose .unmap_range
 * (name built by NS(), see ops/kapok-pt.c) clears the range but never
 * fills the gather.  pt_iommu_ops entry points always count as having
 * sync (their drivers - AMD, VT-d, RISC-V, the iommufd selftest - have
 * .iotlb_sync).
 *
 * Both engines: unmap-gather-unfilled at "return unmapped;" (GCC names
 * the function larch_unmap_range(), Coccinelle through the hints of
 * cocci/gatherlint.h unmap_range()).
 */
#include <linux/kernel.h>
#include <linux/args.h>
#include <linux/sizes.h>
#include <linux/generic_pt/iommu.h>

#define PTPFX		larch_
#define NS(fn)		CONCATENATE(PTPFX, fn)

#define LARCH_ITEMS		512
#define LARCH_PTE_V		BIT_ULL(0)

struct larch_table {
	struct pt_iommu	iommu;
	u64		*top;
	unsigned int	top_level;
};

static size_t NS(unmap_range)(struct pt_iommu *iommu_table, dma_addr_t iova, dma_addr_t len, struct iommu_iotlb_gather *iotlb_gather)
{
	struct larch_table *table = container_of(iommu_table, struct larch_table, iommu);
	dma_addr_t end = iova + len;
	size_t unmapped = 0;
	dma_addr_t va;

	for (va = iova; va < end; va += SZ_4K) {
		u64 *pte = &table->top[(va >> 12) & (LARCH_ITEMS - 1)];

		if (!(*pte & LARCH_PTE_V))
			break;
		WRITE_ONCE(*pte, 0);
		unmapped += SZ_4K;
	}

	return unmapped; /* expect: unmap-gather-unfilled warning exposed=error protected=note */
}

static void NS(deinit)(struct pt_iommu *iommu_table)
{
	(void)iommu_table;
}

static const struct pt_iommu_ops NS(ops) = {
	.unmap_range	= NS(unmap_range),
	.deinit		= NS(deinit),
};

int NS(table_init)(struct larch_table *table)
{
	table->iommu.ops = &NS(ops);
	return 0;
}
