// SPDX-License-Identifier: GPL-2.0
/*
 * nutmeg-iommu.c - paths: an if / else-if / else chain of unbraced
 * returns.  The block branch returns a helper that fills (a filler, so
 * the call covers it); the page branch returns a helper that does not
 * get the gather at all.  That last return is
 *  - the unbraced body of an else (the fix adds braces), and
 *  - a call (the fix stores it in a local first: "size_t unmapped = ...").
 *
 * Expected: unmap-gather-unfilled at the "return nutmeg_unmap_page(...)"
 * line (has sync).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/iommu.h>

#define NUTMEG_PTE_VALID	BIT_ULL(0)
#define NUTMEG_PTE_BLOCK	BIT_ULL(1)
#define NUTMEG_REG_TLBI		0x500

struct nutmeg_domain {
	struct iommu_domain	domain;
	spinlock_t		lock;
	u64			*l1;
	void __iomem		*base;
};

static struct nutmeg_domain *to_nutmeg_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct nutmeg_domain, domain);
}

static u64 *nutmeg_l1e(struct nutmeg_domain *nd, unsigned long iova)
{
	return &nd->l1[(iova >> 21) & 511];
}

/* Fills whenever it returns nonzero. */
static size_t nutmeg_unmap_block(struct nutmeg_domain *nd, unsigned long iova,
				 struct iommu_iotlb_gather *gather)
{
	WRITE_ONCE(*nutmeg_l1e(nd, iova), 0);
	iommu_iotlb_gather_add_range(gather, iova, SZ_2M);
	return SZ_2M;
}

/* Never sees the gather. */
static size_t nutmeg_unmap_page(struct nutmeg_domain *nd, unsigned long iova)
{
	u64 *l2 = (u64 *)(unsigned long)(*nutmeg_l1e(nd, iova) & ~0xfffULL);
	u64 *pte = &l2[(iova >> 12) & 511];

	if (!(*pte & NUTMEG_PTE_VALID))
		return 0;
	WRITE_ONCE(*pte, 0);
	return SZ_4K;
}

static size_t nutmeg_unmap_pages(struct iommu_domain *domain, unsigned long iova,
				 size_t pgsize, size_t pgcount,
				 struct iommu_iotlb_gather *gather)
{
	struct nutmeg_domain *nd = to_nutmeg_domain(domain);
	u64 l1e = READ_ONCE(*nutmeg_l1e(nd, iova));

	(void)pgsize;
	(void)pgcount;
	if (WARN_ON(!(l1e & NUTMEG_PTE_VALID)))
		return 0;
	else if (l1e & NUTMEG_PTE_BLOCK)
		return nutmeg_unmap_block(nd, iova, gather);
	else
		return nutmeg_unmap_page(nd, iova); /* expect: unmap-gather-unfilled warning exposed=error protected=note */
}

static void nutmeg_iotlb_sync(struct iommu_domain *domain,
			      struct iommu_iotlb_gather *gather)
{
	(void)gather;
	writel(1, to_nutmeg_domain(domain)->base + NUTMEG_REG_TLBI);
}

static void nutmeg_domain_free(struct iommu_domain *domain)
{
	kfree(to_nutmeg_domain(domain));
}

static const struct iommu_domain_ops nutmeg_domain_ops = {
	.unmap_pages	= nutmeg_unmap_pages,
	.iotlb_sync	= nutmeg_iotlb_sync,
	.free		= nutmeg_domain_free,
};

const struct iommu_ops nutmeg_iommu_ops = {
	.pgsize_bitmap		= SZ_4K | SZ_2M,
	.default_domain_ops	= &nutmeg_domain_ops,
};
