// SPDX-License-Identifier: GPL-2.0
/*
 * Fills through a static wrapper of the same file (a filler).
 */
/* gatherlint: clean */
#include <linux/iommu.h>

static void lw_note_unmapped(struct iommu_iotlb_gather *gather,
			     unsigned long iova, size_t size)
{
	iommu_iotlb_gather_add_range(gather, iova, size);
}

static size_t lw_unmap(struct iommu_domain *domain, unsigned long iova,
		       size_t pgsize, size_t pgcount,
		       struct iommu_iotlb_gather *gather)
{
	size_t size = pgsize * pgcount;

	(void)domain;
	lw_note_unmapped(gather, iova, size);
	return size;
}

static void lw_sync(struct iommu_domain *domain,
		    struct iommu_iotlb_gather *gather)
{
	(void)domain;
	(void)gather;
}

const struct iommu_domain_ops lw_domain_ops = {
	.unmap_pages	= lw_unmap,
	.iotlb_sync	= lw_sync,
};
