// SPDX-License-Identifier: GPL-2.0
/*
 * generic-page-table style, NS()-built names, gathers the range (clean for
 * the GCC engine; spatch cannot parse a macro-named function and says so).
 */

#include <linux/generic_pt/iommu.h>

#define PTPFX	ptfill_
#define NS(fn)	CONCATENATE(PTPFX, fn)

struct ptfill_table {
	struct pt_iommu iommu;
	u64 *top;
};

static size_t NS(unmap_range)(struct pt_iommu *iommu_table, dma_addr_t iova,	/* expect: analysis-incomplete warning engine=cocci */
			      dma_addr_t len,
			      struct iommu_iotlb_gather *iotlb_gather)
{
	struct ptfill_table *table = container_of(iommu_table, struct ptfill_table, iommu);

	table->top[(iova >> 12) & 511] = 0;
	iommu_iotlb_gather_add_range(iotlb_gather, iova, len);
	return len;
}

const struct pt_iommu_ops NS(ops) = {
	.unmap_range	= NS(unmap_range),
};
