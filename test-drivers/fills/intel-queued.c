// SPDX-License-Identifier: GPL-2.0
/*
 * Intel-style: add_page only when the gather is not queued (lazy mode
 * defers the flush to the flush queue).
 */
/* gatherlint: clean */
#include <linux/iommu.h>

struct vtdish_domain {
	struct iommu_domain domain;
	u64 *ptes;
};

static size_t vtdish_unmap(struct iommu_domain *domain, unsigned long iova,
			   size_t pgsize, size_t pgcount,
			   struct iommu_iotlb_gather *gather)
{
	struct vtdish_domain *dom = container_of(domain, struct vtdish_domain, domain);
	size_t size = pgsize * pgcount;

	dom->ptes[(iova >> 12) & 511] = 0;
	if (!iommu_iotlb_gather_queued(gather))
		iommu_iotlb_gather_add_page(domain, gather, iova, size);

	return size;
}

static void vtdish_sync(struct iommu_domain *domain,
			struct iommu_iotlb_gather *gather)
{
	(void)domain;
	(void)gather;
}

const struct iommu_domain_ops vtdish_domain_ops = {
	.unmap_pages	= vtdish_unmap,
	.iotlb_sync	= vtdish_sync,
};
