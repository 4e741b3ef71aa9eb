// SPDX-License-Identifier: GPL-2.0
/*
 * fennel-iommu.c - paths: the fill sits inside a loop that may run zero
 * times.  Statically the loop can be skipped, and "return size;" returns
 * pgsize * pgcount, not a folded zero, so a nonzero path reaches it
 * without a fill (the engines track no loop trip counts).
 *
 * Expected: unmap-gather-unfilled at "return size;" (has sync).
 * Compare paths/ginger-iommu.c, where the skipped-loop path returns a
 * variable that is plainly 0 on that path: clean.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/iommu.h>

#define FENNEL_PTE_VALID	BIT_ULL(0)
#define FENNEL_REG_INV_RANGE	0x300

struct fennel_domain {
	struct iommu_domain	domain;
	spinlock_t		lock;
	u64			*ptes;
	void __iomem		*base;
};

static struct fennel_domain *to_fennel_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct fennel_domain, domain);
}

static size_t fennel_unmap_pages(struct iommu_domain *domain, unsigned long iova,
				 size_t pgsize, size_t pgcount,
				 struct iommu_iotlb_gather *gather)
{
	struct fennel_domain *fd = to_fennel_domain(domain);
	size_t i, size = pgsize * pgcount;
	unsigned long flags;

	spin_lock_irqsave(&fd->lock, flags);
	for (i = 0; i < pgcount; i++) {
		WRITE_ONCE(fd->ptes[(iova / pgsize) + i], 0);
		iommu_iotlb_gather_add_range(gather, iova + i * pgsize, pgsize);
	}
	spin_unlock_irqrestore(&fd->lock, flags);

	return size; /* expect: unmap-gather-unfilled warning exposed=error protected=note */
}

static void fennel_iotlb_sync(struct iommu_domain *domain,
			      struct iommu_iotlb_gather *gather)
{
	struct fennel_domain *fd = to_fennel_domain(domain);

	writeq(gather->start, fd->base + FENNEL_REG_INV_RANGE);
	writeq(gather->end, fd->base + FENNEL_REG_INV_RANGE + 8);
}

static void fennel_domain_free(struct iommu_domain *domain)
{
	kfree(to_fennel_domain(domain));
}

static const struct iommu_domain_ops fennel_domain_ops = {
	.unmap_pages	= fennel_unmap_pages,
	.iotlb_sync	= fennel_iotlb_sync,
	.free		= fennel_domain_free,
};

const struct iommu_ops fennel_iommu_ops = {
	.pgsize_bitmap		= SZ_4K,
	.default_domain_ops	= &fennel_domain_ops,
};
