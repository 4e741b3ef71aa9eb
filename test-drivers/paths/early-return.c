// SPDX-License-Identifier: GPL-2.0
/*
 * A nonzero early return before the fill.
 */
#include <linux/iommu.h>
#include <linux/errno.h>

struct er_domain {
	struct iommu_domain domain;
	u32 *ptes;
	bool busy;
};

static size_t er_unmap(struct iommu_domain *domain, unsigned long iova,
		       size_t pgsize, size_t pgcount,
		       struct iommu_iotlb_gather *gather)
{
	struct er_domain *dom = container_of(domain, struct er_domain, domain);
	size_t size = pgsize * pgcount;

	if (!dom->ptes[(iova >> 12) & 255])
		return size;	/* expect: unmap-gather-unfilled warning exposed=error protected=note */

	dom->ptes[(iova >> 12) & 255] = 0;
	iommu_iotlb_gather_add_range(gather, iova, size);
	return size;
}

static void er_sync(struct iommu_domain *domain,
		       struct iommu_iotlb_gather *gather)
{
	(void)domain;
	(void)gather;
}

const struct iommu_domain_ops er_domain_ops = {
	.unmap_pages	= er_unmap,
	.iotlb_sync	= er_sync,
};
