// SPDX-License-Identifier: GPL-2.0
/*
 * ember-iommu.c - fills unless queued (Intel VT-d style):
 *
 *	if (!iommu_iotlb_gather_queued(gather))
 *		iommu_iotlb_gather_add_page(domain, gather, iova, size);
 *	return size;
 *
 * The path that skips the fill is the one on which the gather is known
 * to be queued (lazy mode: the flush queue invalidates later), so every
 * nonzero path is filled or queued-guarded: clean.  Freed page-table
 * pages go to gather->freelist, as intel_iommu_unmap() does.
 */
/* gatherlint: clean */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/list.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/iommu.h>

#define EMBER_LEVEL_STRIDE	9
#define EMBER_PTE_PRESENT	BIT_ULL(0)
#define EMBER_PTE_LARGE		BIT_ULL(7)
#define EMBER_REG_IOTLB_INV	0x108

struct ember_pt_page {
	struct list_head	lru;
	u64			*ptes;
};

struct ember_domain {
	struct iommu_domain	domain;
	spinlock_t		lock;
	u64			*pgd;
	int			agaw;
	void __iomem		*reg;
};

static struct ember_domain *to_ember_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct ember_domain, domain);
}

static unsigned int ember_level_shift(int level)
{
	return 12 + (level - 1) * EMBER_LEVEL_STRIDE;
}

/* Finds the leaf for iova; *level is its level (1 = 4K). */
static u64 *ember_find_pte(struct ember_domain *dom, unsigned long iova, int *level)
{
	u64 *table = dom->pgd, *pte;
	int lvl;

	for (lvl = dom->agaw + 2; lvl > 0; lvl--) {
		pte = &table[(iova >> ember_level_shift(lvl)) & 511];
		if (!(*pte & EMBER_PTE_PRESENT))
			return NULL;
		if (lvl == 1 || (*pte & EMBER_PTE_LARGE)) {
			*level = lvl;
			return pte;
		}
		table = (u64 *)(unsigned long)(*pte & ~0xfffULL);
	}
	return NULL;
}

static void ember_collect_freelist(struct ember_domain *dom, u64 *pte,
				   struct list_head *freelist)
{
	struct ember_pt_page *pg;

	(void)dom;
	pg = kzalloc(sizeof(*pg), GFP_ATOMIC);
	if (!pg)
		return;
	pg->ptes = pte;
	list_add_tail(&pg->lru, freelist);
}

static size_t ember_unmap(struct iommu_domain *domain, unsigned long iova,
			  size_t size, struct iommu_iotlb_gather *gather)
{
	struct ember_domain *dom = to_ember_domain(domain);
	unsigned long flags;
	int level = 0;
	u64 *pte;

	spin_lock_irqsave(&dom->lock, flags);
	pte = ember_find_pte(dom, iova, &level);
	if (!pte) {
		spin_unlock_irqrestore(&dom->lock, flags);
		return 0;
	}

	/* Cope with a large page being unmapped whole. */
	if (size < (1UL << ember_level_shift(level)))
		size = 1UL << ember_level_shift(level);

	WRITE_ONCE(*pte, 0);
	if (level > 1)
		ember_collect_freelist(dom, pte, &gather->freelist);
	spin_unlock_irqrestore(&dom->lock, flags);

	if (!iommu_iotlb_gather_queued(gather))
		iommu_iotlb_gather_add_page(domain, gather, iova, size);

	return size;
}

static size_t ember_unmap_pages(struct iommu_domain *domain, unsigned long iova,
				size_t pgsize, size_t pgcount,
				struct iommu_iotlb_gather *gather)
{
	unsigned long pgshift = __builtin_ctzl(pgsize);
	size_t size = pgcount << pgshift;

	return ember_unmap(domain, iova, size, gather);
}

static void ember_iotlb_sync(struct iommu_domain *domain,
			     struct iommu_iotlb_gather *gather)
{
	struct ember_domain *dom = to_ember_domain(domain);

	/* Page-selective invalidation of what the gather holds. */
	writeq(gather->start, dom->reg + EMBER_REG_IOTLB_INV);
	writeq(gather->end - gather->start + 1, dom->reg + EMBER_REG_IOTLB_INV + 8);
}

static void ember_domain_free(struct iommu_domain *domain)
{
	kfree(to_ember_domain(domain));
}

static const struct iommu_domain_ops ember_domain_ops = {
	.unmap_pages	= ember_unmap_pages,
	.iotlb_sync	= ember_iotlb_sync,
	.free		= ember_domain_free,
};

const struct iommu_ops ember_iommu_ops = {
	.pgsize_bitmap		= SZ_4K | SZ_2M | SZ_1G,
	.default_domain_ops	= &ember_domain_ops,
};
