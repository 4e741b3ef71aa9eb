// SPDX-License-Identifier: GPL-2.0
/*
 * oregano-iommu.c - paths: a zero test that jumps to a shared exit
 * (SPEC section 2, "Nonzero path"):
 *
 *	size = clear(...);
 *	if (!size)
 *		goto unlock;
 *	...
 *	unlock:
 *	spin_unlock(...);
 *	return size;
 *
 * The jump reaches the return with size 0, but so does the fall-through
 * path, with the size cleared: the return is 0 only on the first path.
 * A path where the value was tested nonzero and then reaches the return
 * is a nonzero path.
 *
 * oregano_unmap_pages() posts its own TLB invalidation on the
 * fall-through path and never fills: a finding.  oregano_unmap_s2() has
 * the same shape and fills on the fall-through path: clean.
 *
 * Expected: unmap-gather-unfilled at the "return size;" of
 * oregano_unmap_pages() (has sync), nothing else.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/iommu.h>

#define OREGANO_REG_INV		0x30
#define OREGANO_PTE_VALID	0x1

struct oregano_domain {
	struct iommu_domain	domain;
	spinlock_t		lock;
	u32			*ptes;
	void __iomem		*base;
};

static struct oregano_domain *to_oregano_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct oregano_domain, domain);
}

/* Clears the valid entries of the range; returns the bytes cleared. */
static size_t oregano_clear(struct oregano_domain *od, unsigned long iova,
			    size_t size)
{
	u32 *pte = od->ptes + (iova >> 12);
	size_t done = 0;

	while (done < size && (*pte & OREGANO_PTE_VALID)) {
		*pte++ = 0;
		done += SZ_4K;
	}
	return done;
}

static size_t oregano_unmap_pages(struct iommu_domain *domain, unsigned long iova,
				  size_t pgsize, size_t pgcount,
				  struct iommu_iotlb_gather *gather)
{
	struct oregano_domain *od = to_oregano_domain(domain);
	unsigned long flags;
	size_t size = 0;

	(void)gather;
	spin_lock_irqsave(&od->lock, flags);
	if (!od->ptes)
		goto unlock;
	size = oregano_clear(od, iova, pgsize * pgcount);
	if (!size)
		goto unlock;
	writel(iova >> 12, od->base + OREGANO_REG_INV);
unlock:
	spin_unlock_irqrestore(&od->lock, flags);
	return size; /* expect: unmap-gather-unfilled warning exposed=error protected=note */
}

static size_t oregano_unmap_s2(struct iommu_domain *domain, unsigned long iova,
			       size_t pgsize, size_t pgcount,
			       struct iommu_iotlb_gather *gather)
{
	struct oregano_domain *od = to_oregano_domain(domain);
	unsigned long flags;
	size_t size = 0;

	spin_lock_irqsave(&od->lock, flags);
	if (!od->ptes)
		goto unlock;
	size = oregano_clear(od, iova, pgsize * pgcount);
	if (!size)
		goto unlock;
	iommu_iotlb_gather_add_range(gather, iova, size);
unlock:
	spin_unlock_irqrestore(&od->lock, flags);
	return size;
}

static void oregano_iotlb_sync(struct iommu_domain *domain,
			       struct iommu_iotlb_gather *gather)
{
	struct oregano_domain *od = to_oregano_domain(domain);

	writel(gather->start >> 12, od->base + OREGANO_REG_INV);
}

static const struct iommu_domain_ops oregano_domain_ops = {
	.unmap_pages	= oregano_unmap_pages,
	.iotlb_sync	= oregano_iotlb_sync,
};

static const struct iommu_domain_ops oregano_s2_domain_ops = {
	.unmap_pages	= oregano_unmap_s2,
	.iotlb_sync	= oregano_iotlb_sync,
};

static struct iommu_domain *oregano_domain_alloc(unsigned int type)
{
	struct oregano_domain *od;

	if (type != IOMMU_DOMAIN_UNMANAGED)
		return NULL;
	od = kzalloc(sizeof(*od), GFP_KERNEL);
	if (!od)
		return NULL;
	spin_lock_init(&od->lock);
	od->domain.ops = (type & 1) ? &oregano_s2_domain_ops : &oregano_domain_ops;
	return &od->domain;
}

const struct iommu_ops oregano_iommu_ops = {
	.domain_alloc		= oregano_domain_alloc,
	.pgsize_bitmap		= SZ_4K,
	.default_domain_ops	= &oregano_domain_ops,
};
