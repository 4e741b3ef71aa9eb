// SPDX-License-Identifier: GPL-2.0
/*
 * sprd-style: clears the PTEs and returns the size, never fills.
 */
#include <linux/iommu.h>
#include <linux/spinlock.h>

struct sp_domain {
	struct iommu_domain domain;
	spinlock_t lock;
	u32 *pgt;
};

static size_t sp_unmap(struct iommu_domain *domain, unsigned long iova,
		       size_t pgsize, size_t pgcount,
		       struct iommu_iotlb_gather *gather)
{
	struct sp_domain *dom = container_of(domain, struct sp_domain, domain);
	size_t size = pgsize * pgcount;
	unsigned long flags;
	size_t i;

	spin_lock_irqsave(&dom->lock, flags);
	for (i = 0; i < pgcount; i++)
		dom->pgt[((iova >> 12) + i) & 1023] = 0;
	spin_unlock_irqrestore(&dom->lock, flags);

	return size;	/* expect: unmap-gather-unfilled warning exposed=error protected=note */
}

static void sp_sync(struct iommu_domain *domain,
		       struct iommu_iotlb_gather *gather)
{
	(void)domain;
	(void)gather;
}

const struct iommu_domain_ops sp_domain_ops = {
	.unmap_pages	= sp_unmap,
	.iotlb_sync	= sp_sync,
};
