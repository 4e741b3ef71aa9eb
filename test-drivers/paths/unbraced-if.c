// SPDX-License-Identifier: GPL-2.0
/*
 * An unbraced 'if (...) return size;': the fix must add the braces.
 */
#include <linux/iommu.h>
#include <linux/errno.h>

struct ub_domain {
	struct iommu_domain domain;
	u32 *ptes;
	bool busy;
};

static size_t ub_unmap(struct iommu_domain *domain, unsigned long iova,
		       size_t pgsize, size_t pgcount,
		       struct iommu_iotlb_gather *gather)
{
	struct ub_domain *dom = container_of(domain, struct ub_domain, domain);
	size_t size = pgsize * pgcount;

	dom->ptes[(iova >> 12) & 255] = 0;
	if (dom->busy)
		return size;	/* expect: unmap-gather-unfilled warning exposed=error protected=note */

	iommu_iotlb_gather_add_range(gather, iova, size);
	return size;
}

static void ub_sync(struct iommu_domain *domain,
		       struct iommu_iotlb_gather *gather)
{
	(void)domain;
	(void)gather;
}

const struct iommu_domain_ops ub_domain_ops = {
	.unmap_pages	= ub_unmap,
	.iotlb_sync	= ub_sync,
};
