// SPDX-License-Identifier: GPL-2.0
/*
 * Fills through a helper defined in another file (xfile/xfill-lib.c).
 */
/* gatherlint: clean */
#include <corpus/xfill.h>

static size_t xu_unmap(struct iommu_domain *domain, unsigned long iova,
		       size_t pgsize, size_t pgcount,
		       struct iommu_iotlb_gather *gather)
{
	(void)domain;
	xfill_note_range(gather, iova, pgsize * pgcount);
	return pgsize * pgcount;
}

static void xu_sync(struct iommu_domain *domain,
		       struct iommu_iotlb_gather *gather)
{
	(void)domain;
	(void)gather;
}

const struct iommu_domain_ops xu_domain_ops = {
	.unmap_pages	= xu_unmap,
	.iotlb_sync	= xu_sync,
};
