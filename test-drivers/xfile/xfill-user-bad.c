// SPDX-License-Identifier: GPL-2.0
/*
 * Calls a helper of another file that does NOT fill: a miss only the
 * cross-file resolution can see.
 */
#include <corpus/xfill.h>

static size_t xb_unmap(struct iommu_domain *domain, unsigned long iova,
		       size_t pgsize, size_t pgcount,
		       struct iommu_iotlb_gather *gather)
{
	(void)domain;
	xfill_note_nothing(gather, iova, pgsize * pgcount);
	return pgsize * pgcount;	/* expect: unmap-gather-unfilled warning exposed=error protected=note */
}

static void xb_sync(struct iommu_domain *domain,
		       struct iommu_iotlb_gather *gather)
{
	(void)domain;
	(void)gather;
}

const struct iommu_domain_ops xb_domain_ops = {
	.unmap_pages	= xb_unmap,
	.iotlb_sync	= xb_sync,
};
