// SPDX-License-Identifier: GPL-2.0
/*
 * Two ops share one unmap: one finding for the function (the entry point);
 * one ops has a sync and one has none, so the severity is the sync one's.
 */
#include <linux/iommu.h>

struct sh_domain {
	struct iommu_domain domain;
	u32 *ptes;
};

static size_t sh_unmap(struct iommu_domain *domain, unsigned long iova,
		       size_t pgsize, size_t pgcount,
		       struct iommu_iotlb_gather *gather)
{
	struct sh_domain *dom = container_of(domain, struct sh_domain, domain);

	dom->ptes[(iova >> 12) & 255] = 0;
	return pgsize * pgcount;	/* expect: unmap-gather-unfilled warning exposed=error protected=note */
}

static void sh_sync(struct iommu_domain *domain,
		       struct iommu_iotlb_gather *gather)
{
	(void)domain;
	(void)gather;
}

const struct iommu_domain_ops sh_paging_ops = {
	.unmap_pages	= sh_unmap,
	.iotlb_sync	= sh_sync,
};

const struct iommu_domain_ops sh_legacy_ops = {
	.unmap_pages	= sh_unmap,
};
