// SPDX-License-Identifier: GPL-2.0
/*
 * ginger-iommu.c - paths: the fill is inside the loop and the returned
 * count is plainly 0 on the path that skips the loop:
 *
 *	size_t unmapped = 0;
 *	while (unmapped < size) { ...; add_range(...); unmapped += pgsize; }
 *	return unmapped;
 *
 * The skipped-loop (and break-on-first-entry) paths return a variable
 * that is 0 by plain initialisation: zero paths.  Every path on which
 * "unmapped" was incremented went through the fill first.
 *
 * Clean.  Compare paths/fennel-iommu.c.
 */
/* gatherlint: clean */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/iommu.h>

#define GINGER_PTE_VALID	BIT_ULL(0)
#define GINGER_REG_INV_ALL	0x10

struct ginger_domain {
	struct iommu_domain	domain;
	spinlock_t		lock;
	u64			*ptes;
	void __iomem		*base;
};

static struct ginger_domain *to_ginger_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct ginger_domain, domain);
}

static size_t ginger_unmap_pages(struct iommu_domain *domain, unsigned long iova,
				 size_t pgsize, size_t pgcount,
				 struct iommu_iotlb_gather *gather)
{
	struct ginger_domain *gd = to_ginger_domain(domain);
	size_t size = pgsize * pgcount;
	size_t unmapped = 0;
	unsigned long flags;
	u64 *pte;

	spin_lock_irqsave(&gd->lock, flags);
	while (unmapped < size) {
		pte = &gd->ptes[(iova + unmapped) / pgsize];
		if (!(*pte & GINGER_PTE_VALID))
			break;
		WRITE_ONCE(*pte, 0);
		iommu_iotlb_gather_add_range(gather, iova + unmapped, pgsize);
		unmapped += pgsize;
	}
	spin_unlock_irqrestore(&gd->lock, flags);

	return unmapped;
}

static void ginger_iotlb_sync(struct iommu_domain *domain,
			      struct iommu_iotlb_gather *gather)
{
	(void)gather;
	writel(1, to_ginger_domain(domain)->base + GINGER_REG_INV_ALL);
}

static const struct iommu_domain_ops ginger_domain_ops = {
	.unmap_pages	= ginger_unmap_pages,
	.iotlb_sync	= ginger_iotlb_sync,
};

const struct iommu_ops ginger_iommu_ops = {
	.pgsize_bitmap		= SZ_4K,
	.default_domain_ops	= &ginger_domain_ops,
};
