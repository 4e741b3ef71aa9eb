// SPDX-License-Identifier: GPL-2.0
/*
 * 'return -EINVAL' from a size_t unmap: its own rule, never 'fixed' by a fill.
 */
#include <linux/iommu.h>
#include <linux/errno.h>

struct en_domain {
	struct iommu_domain domain;
	u32 *ptes;
	bool busy;
};

static size_t en_unmap(struct iommu_domain *domain, unsigned long iova,
		       size_t pgsize, size_t pgcount,
		       struct iommu_iotlb_gather *gather)
{
	struct en_domain *dom = container_of(domain, struct en_domain, domain);
	size_t size = pgsize * pgcount;

	if (pgsize != 4096)
		return -EINVAL;	/* expect: unmap-returns-errno warning */

	dom->ptes[(iova >> 12) & 255] = 0;
	iommu_iotlb_gather_add_range(gather, iova, size);
	return size;
}

static void en_sync(struct iommu_domain *domain,
		       struct iommu_iotlb_gather *gather)
{
	(void)domain;
	(void)gather;
}

const struct iommu_domain_ops en_domain_ops = {
	.unmap_pages	= en_unmap,
	.iotlb_sync	= en_sync,
};
