// SPDX-License-Identifier: GPL-2.0
/*
 * olive-iommu.c - paths: the iova parameter is advanced in the loop
 * ("iova += pgsize") before the uncovered return.  The fix must use the
 * value on entry: it captures it first ("unsigned long iova_start =
 * iova;" as the first line of the body) and fills with iova_start
 * (design.md section 4, case 3).
 *
 * Expected: unmap-gather-unfilled at "return unmapped;" (has sync).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/iommu.h>

#define OLIVE_PTE_VALID		BIT(1)
#define OLIVE_REG_FLUSH		0x0c

struct olive_domain {
	struct iommu_domain	domain;
	spinlock_t		lock;
	u32			*ptes;
	void __iomem		*base;
};

static struct olive_domain *to_olive_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct olive_domain, domain);
}

static bool olive_clear_pte(struct olive_domain *od, unsigned long iova)
{
	u32 *pte = &od->ptes[iova >> 12];

	if (!(*pte & OLIVE_PTE_VALID))
		return false;
	*pte = 0;
	return true;
}

static size_t olive_unmap_pages(struct iommu_domain *domain, unsigned long iova,
				size_t pgsize, size_t pgcount,
				struct iommu_iotlb_gather *gather)
{
	struct olive_domain *od = to_olive_domain(domain);
	size_t unmapped = 0;
	unsigned long flags;

	spin_lock_irqsave(&od->lock, flags);
	while (pgcount--) {
		if (!olive_clear_pte(od, iova))
			break;
		iova += pgsize;
		unmapped += pgsize;
	}
	spin_unlock_irqrestore(&od->lock, flags);

	return unmapped; /* expect: unmap-gather-unfilled warning exposed=error protected=note */
}

static void olive_iotlb_sync(struct iommu_domain *domain,
			     struct iommu_iotlb_gather *gather)
{
	(void)gather;
	writel(1, to_olive_domain(domain)->base + OLIVE_REG_FLUSH);
}

static void olive_domain_free(struct iommu_domain *domain)
{
	kfree(to_olive_domain(domain));
}

static const struct iommu_domain_ops olive_domain_ops = {
	.unmap_pages	= olive_unmap_pages,
	.iotlb_sync	= olive_iotlb_sync,
	.free		= olive_domain_free,
};

const struct iommu_ops olive_iommu_ops = {
	.pgsize_bitmap		= SZ_4K,
	.default_domain_ops	= &olive_domain_ops,
};
