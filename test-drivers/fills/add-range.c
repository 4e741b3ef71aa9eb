// SPDX-License-Identifier: GPL-2.0
/*
 * Fills with iommu_iotlb_gather_add_range() after clearing the PTEs
 * (the shape of the upstream sprd fix).
 */
/* gatherlint: clean */
#include <linux/iommu.h>
#include <linux/spinlock.h>

struct ar_domain {
	struct iommu_domain domain;
	spinlock_t lock;
	u32 *ptes;
};

static size_t ar_unmap(struct iommu_domain *domain, unsigned long iova,
		       size_t pgsize, size_t pgcount,
		       struct iommu_iotlb_gather *gather)
{
	struct ar_domain *dom = container_of(domain, struct ar_domain, domain);
	size_t size = pgsize * pgcount;
	unsigned long flags;
	size_t i;

	spin_lock_irqsave(&dom->lock, flags);
	for (i = 0; i < pgcount; i++)
		dom->ptes[((iova >> 12) + i) & 1023] = 0;
	spin_unlock_irqrestore(&dom->lock, flags);

	iommu_iotlb_gather_add_range(gather, iova, size);
	return size;
}

static void ar_sync(struct iommu_domain *domain,
		    struct iommu_iotlb_gather *gather)
{
	(void)domain;
	(void)gather;
}

const struct iommu_domain_ops ar_domain_ops = {
	.unmap_pages	= ar_unmap,
	.iotlb_sync	= ar_sync,
};
