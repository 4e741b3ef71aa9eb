// SPDX-License-Identifier: GPL-2.0
/*
 * generic-page-table style: .unmap_range of struct pt_iommu_ops, the
 * function name built by NS(); this instantiation forgets the gather.
 * spatch cannot parse a function whose name is a macro call: the
 * Coccinelle engine says so (analysis-incomplete), the GCC engine sees the
 * expanded code.
 */
#include <linux/generic_pt/iommu.h>

#define PTPFX	ptmiss_
#define NS(fn)	CONCATENATE(PTPFX, fn)

struct ptmiss_table {
	struct pt_iommu iommu;
	u64 *top;
};

static size_t NS(unmap_range)(struct pt_iommu *iommu_table, dma_addr_t iova,	/* expect: analysis-incomplete warning engine=cocci */
			      dma_addr_t len,
			      struct iommu_iotlb_gather *iotlb_gather)
{
	struct ptmiss_table *table = container_of(iommu_table, struct ptmiss_table, iommu);

	table->top[(iova >> 12) & 511] = 0;
	return len;	/* expect: unmap-gather-unfilled warning exposed=error protected=note engine=gcc */
}

const struct pt_iommu_ops NS(ops) = {
	.unmap_range	= NS(unmap_range),
};
