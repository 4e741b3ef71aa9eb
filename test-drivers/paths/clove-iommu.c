// SPDX-License-Identifier: GPL-2.0
/*
 * clove-iommu.c - paths: goto error exits that return 0.  Every failure
 * jumps to a label that unlocks and returns 0 (a failed unmap legitimately
 * leaves the gather empty); the success path fills before returning the
 * size.
 *
 * Clean.
 */
/* gatherlint: clean */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/iommu.h>

#define CLOVE_PTE_VALID		BIT_ULL(0)
#define CLOVE_PTE_LOCKED	BIT_ULL(62)
#define CLOVE_REG_INVAL		0x40

struct clove_domain {
	struct iommu_domain	domain;
	spinlock_t		lock;
	u64			*ptes;
	unsigned long		nr;
	void __iomem		*base;
};

static struct clove_domain *to_clove_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct clove_domain, domain);
}

static size_t clove_unmap_pages(struct iommu_domain *domain, unsigned long iova,
				size_t pgsize, size_t pgcount,
				struct iommu_iotlb_gather *gather)
{
	struct clove_domain *cd = to_clove_domain(domain);
	unsigned long idx = iova / pgsize, flags;
	size_t i;

	spin_lock_irqsave(&cd->lock, flags);
	if (idx + pgcount > cd->nr)
		goto out_unlock;

	for (i = 0; i < pgcount; i++) {
		if (!(cd->ptes[idx + i] & CLOVE_PTE_VALID))
			goto out_unlock;
		if (cd->ptes[idx + i] & CLOVE_PTE_LOCKED)
			goto out_unlock;
	}
	for (i = 0; i < pgcount; i++)
		cd->ptes[idx + i] = 0;
	spin_unlock_irqrestore(&cd->lock, flags);

	iommu_iotlb_gather_add_range(gather, iova, pgsize * pgcount);
	return pgsize * pgcount;

out_unlock:
	spin_unlock_irqrestore(&cd->lock, flags);
	return 0;
}

static void clove_iotlb_sync(struct iommu_domain *domain,
			     struct iommu_iotlb_gather *gather)
{
	(void)gather;
	writel(1, to_clove_domain(domain)->base + CLOVE_REG_INVAL);
}

static const struct iommu_domain_ops clove_domain_ops = {
	.unmap_pages	= clove_unmap_pages,
	.iotlb_sync	= clove_iotlb_sync,
};

const struct iommu_ops clove_iommu_ops = {
	.pgsize_bitmap		= SZ_4K,
	.default_domain_ops	= &clove_domain_ops,
};
