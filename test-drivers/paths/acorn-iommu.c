// SPDX-License-Identifier: GPL-2.0
/*
 * acorn-iommu.c - paths: a fill in only one branch.  Block (2M) unmaps
 * record the range for the ranged invalidation; the 4K branch forgets to
 * (a typical half-converted driver).  Both branches reach the same
 * "return size;", which therefore has a nonzero path without a fill.
 *
 * Expected: unmap-gather-unfilled at "return size;" (has sync).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/iommu.h>

#define ACORN_PDE_BLOCK		BIT_ULL(1)
#define ACORN_PTE_V		BIT_ULL(0)
#define ACORN_REG_INV_START	0x70
#define ACORN_REG_INV_SIZE	0x78

struct acorn_domain {
	struct iommu_domain	domain;
	spinlock_t		lock;
	u64			*pd;
	void __iomem		*base;
};

static struct acorn_domain *to_acorn_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct acorn_domain, domain);
}

static u64 *acorn_pde(struct acorn_domain *ad, unsigned long iova)
{
	return &ad->pd[(iova >> 21) & 511];
}

static void acorn_clear_block(struct acorn_domain *ad, unsigned long iova)
{
	WRITE_ONCE(*acorn_pde(ad, iova), 0);
}

static void acorn_clear_pages(struct acorn_domain *ad, unsigned long iova, size_t pgcount)
{
	u64 *pt = (u64 *)(unsigned long)(*acorn_pde(ad, iova) & ~0xfffULL);
	size_t i;

	for (i = 0; i < pgcount; i++)
		WRITE_ONCE(pt[((iova >> 12) & 511) + i], 0);
}

static size_t acorn_unmap_pages(struct iommu_domain *domain, unsigned long iova,
				size_t pgsize, size_t pgcount,
				struct iommu_iotlb_gather *gather)
{
	struct acorn_domain *ad = to_acorn_domain(domain);
	size_t size = pgsize * pgcount;
	unsigned long flags;

	spin_lock_irqsave(&ad->lock, flags);
	if (pgsize == SZ_2M) {
		acorn_clear_block(ad, iova);
		iommu_iotlb_gather_add_range(gather, iova, size);
	} else {
		acorn_clear_pages(ad, iova, pgcount);
	}
	spin_unlock_irqrestore(&ad->lock, flags);

	return size; /* expect: unmap-gather-unfilled warning exposed=error protected=note */
}

static void acorn_iotlb_sync(struct iommu_domain *domain,
			     struct iommu_iotlb_gather *gather)
{
	struct acorn_domain *ad = to_acorn_domain(domain);

	writeq(gather->start, ad->base + ACORN_REG_INV_START);
	writeq(gather->end - gather->start + 1, ad->base + ACORN_REG_INV_SIZE);
}

static void acorn_domain_free(struct iommu_domain *domain)
{
	struct acorn_domain *ad = to_acorn_domain(domain);

	kfree(ad->pd);
	kfree(ad);
}

static const struct iommu_domain_ops acorn_domain_ops = {
	.unmap_pages	= acorn_unmap_pages,
	.iotlb_sync	= acorn_iotlb_sync,
	.free		= acorn_domain_free,
};

const struct iommu_ops acorn_iommu_ops = {
	.pgsize_bitmap		= SZ_4K | SZ_2M,
	.default_domain_ops	= &acorn_domain_ops,
};
