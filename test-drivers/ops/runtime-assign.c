// SPDX-License-Identifier: GPL-2.0
/*
 * Ops filled at probe time: ops->unmap_pages = fn; ops->iotlb_sync = fn.
 */
#include <linux/iommu.h>

struct ra_domain {
	struct iommu_domain domain;
	u32 *ptes;
};

static size_t ra_unmap(struct iommu_domain *domain, unsigned long iova,
		       size_t pgsize, size_t pgcount,
		       struct iommu_iotlb_gather *gather)
{
	struct ra_domain *dom = container_of(domain, struct ra_domain, domain);

	dom->ptes[(iova >> 12) & 255] = 0;
	return pgsize * pgcount;	/* expect: unmap-gather-unfilled warning exposed=error protected=note */
}

static void ra_sync(struct iommu_domain *domain,
		       struct iommu_iotlb_gather *gather)
{
	(void)domain;
	(void)gather;
}

void ra_setup_ops(struct iommu_domain_ops *ops)
{
	ops->unmap_pages = ra_unmap;
	ops->iotlb_sync = ra_sync;
}
