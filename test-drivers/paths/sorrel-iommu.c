// SPDX-License-Identifier: GPL-2.0
/*
 * sorrel-iommu.c - paths: a return whose value is a constant the caller
 * passes to a helper's parameter (SPEC section 2, "Nonzero path").
 *
 * Every exit of the unmap goes through one helper that drops the lock
 * and returns what it is given:
 *
 *	static size_t sorrel_done(sd, flags, size_t unmapped)
 *	{
 *		spin_unlock_irqrestore(&sd->lock, flags);
 *		return unmapped;
 *	}
 *
 * "return sorrel_done(sd, flags, 0);" returns 0: the path needs no fill.
 * sorrel_unmap_pages() fills before its one nonzero exit: clean.
 * sorrel_unmap_s2() also has a 4K shortcut, "return sorrel_done(sd,
 * flags, SZ_4K);", that returns a nonzero size with the gather empty.
 *
 * Expected: unmap-gather-unfilled at that shortcut (has sync), nothing
 * else.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/iommu.h>

#define SORREL_REG_INV		0x50

struct sorrel_domain {
	struct iommu_domain	domain;
	spinlock_t		lock;
	u64			*ptes;
	void __iomem		*base;
};

static struct sorrel_domain *to_sorrel_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct sorrel_domain, domain);
}

/* Drops the lock the unmap took; returns what was unmapped. */
static size_t sorrel_done(struct sorrel_domain *sd, unsigned long flags,
			  size_t unmapped)
{
	spin_unlock_irqrestore(&sd->lock, flags);
	return unmapped;
}

static size_t sorrel_unmap_pages(struct iommu_domain *domain, unsigned long iova,
				 size_t pgsize, size_t pgcount,
				 struct iommu_iotlb_gather *gather)
{
	struct sorrel_domain *sd = to_sorrel_domain(domain);
	size_t size = pgsize * pgcount;
	unsigned long flags;
	size_t ret;

	spin_lock_irqsave(&sd->lock, flags);
	if (!sd->ptes)
		return sorrel_done(sd, flags, 0);
	if (iova & (pgsize - 1)) {
		ret = sorrel_done(sd, flags, 0);
		return ret;
	}
	memset(sd->ptes + (iova >> 12), 0, pgcount * sizeof(u64));
	iommu_iotlb_gather_add_range(gather, iova, size);
	return sorrel_done(sd, flags, size);
}

static size_t sorrel_unmap_s2(struct iommu_domain *domain, unsigned long iova,
			      size_t pgsize, size_t pgcount,
			      struct iommu_iotlb_gather *gather)
{
	struct sorrel_domain *sd = to_sorrel_domain(domain);
	size_t size = pgsize * pgcount;
	unsigned long flags;

	spin_lock_irqsave(&sd->lock, flags);
	if (!sd->ptes)
		return sorrel_done(sd, flags, 0);
	if (size == SZ_4K) {
		sd->ptes[iova >> 12] = 0;
		return sorrel_done(sd, flags, SZ_4K); /* expect: unmap-gather-unfilled warning exposed=error protected=note */
	}
	memset(sd->ptes + (iova >> 12), 0, pgcount * sizeof(u64));
	iommu_iotlb_gather_add_range(gather, iova, size);
	return sorrel_done(sd, flags, size);
}

static void sorrel_iotlb_sync(struct iommu_domain *domain,
			      struct iommu_iotlb_gather *gather)
{
	struct sorrel_domain *sd = to_sorrel_domain(domain);

	writeq(gather->start, sd->base + SORREL_REG_INV);
}

static const struct iommu_domain_ops sorrel_domain_ops = {
	.unmap_pages	= sorrel_unmap_pages,
	.iotlb_sync	= sorrel_iotlb_sync,
};

static const struct iommu_domain_ops sorrel_s2_domain_ops = {
	.unmap_pages	= sorrel_unmap_s2,
	.iotlb_sync	= sorrel_iotlb_sync,
};

static struct iommu_domain *sorrel_domain_alloc(unsigned int type)
{
	struct sorrel_domain *sd;

	if (type != IOMMU_DOMAIN_UNMANAGED)
		return NULL;
	sd = kzalloc(sizeof(*sd), GFP_KERNEL);
	if (!sd)
		return NULL;
	spin_lock_init(&sd->lock);
	sd->domain.ops = (type & 1) ? &sorrel_s2_domain_ops : &sorrel_domain_ops;
	return &sd->domain;
}

const struct iommu_ops sorrel_iommu_ops = {
	.domain_alloc		= sorrel_domain_alloc,
	.pgsize_bitmap		= SZ_4K | SZ_2M,
	.default_domain_ops	= &sorrel_domain_ops,
};
