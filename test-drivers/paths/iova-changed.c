// SPDX-License-Identifier: GPL-2.0
/*
 * The iova parameter advances in the loop: the fix must use its entry value.
 */
#include <linux/iommu.h>
#include <linux/errno.h>

struct ic_domain {
	struct iommu_domain domain;
	u32 *ptes;
	bool busy;
};

static size_t ic_unmap(struct iommu_domain *domain, unsigned long iova,
		       size_t pgsize, size_t pgcount,
		       struct iommu_iotlb_gather *gather)
{
	struct ic_domain *dom = container_of(domain, struct ic_domain, domain);
	size_t unmapped = 0;

	while (pgcount--) {
		dom->ptes[(iova >> 12) & 255] = 0;
		iova += pgsize;
		unmapped += pgsize;
	}
	return unmapped;	/* expect: unmap-gather-unfilled warning exposed=error protected=note */
}

static void ic_sync(struct iommu_domain *domain,
		       struct iommu_iotlb_gather *gather)
{
	(void)domain;
	(void)gather;
}

const struct iommu_domain_ops ic_domain_ops = {
	.unmap_pages	= ic_unmap,
	.iotlb_sync	= ic_sync,
};
