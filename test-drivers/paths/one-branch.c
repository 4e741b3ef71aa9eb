// SPDX-License-Identifier: GPL-2.0
/*
 * A fill in only one branch: the other branch returns the size unfilled.
 */
#include <linux/iommu.h>
#include <linux/errno.h>

struct ob_domain {
	struct iommu_domain domain;
	u32 *ptes;
	bool busy;
};

static size_t ob_unmap(struct iommu_domain *domain, unsigned long iova,
		       size_t pgsize, size_t pgcount,
		       struct iommu_iotlb_gather *gather)
{
	struct ob_domain *dom = container_of(domain, struct ob_domain, domain);
	size_t size = pgsize * pgcount;

	dom->ptes[(iova >> 12) & 255] = 0;
	if (pgcount > 1) {
		iommu_iotlb_gather_add_range(gather, iova, size);
		return size;
	}
	return pgsize;	/* expect: unmap-gather-unfilled warning exposed=error protected=note */
}

static void ob_sync(struct iommu_domain *domain,
		       struct iommu_iotlb_gather *gather)
{
	(void)domain;
	(void)gather;
}

const struct iommu_domain_ops ob_domain_ops = {
	.unmap_pages	= ob_unmap,
	.iotlb_sync	= ob_sync,
};
