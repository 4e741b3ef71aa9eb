// SPDX-License-Identifier: GPL-2.0
/*
 * helix-iommu.c - fills through a helper defined in ANOTHER file:
 * helix_gather_flush_range() lives in xfile/helix-gather.c (extern,
 * prototype in include/corpus/xfile-gather.h) and fills on every path.
 * The audit must resolve the call through the cross-file summary: clean.
 */
/* gatherlint: clean */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/iommu.h>
#include <corpus/xfile-gather.h>

#define HELIX_PTE_VALID		BIT(31)
#define HELIX_REG_INVALIDATE	0x100

struct helix_domain {
	struct iommu_domain	domain;
	spinlock_t		lock;
	u32			*ptes;
	void __iomem		*base;
};

static struct helix_domain *to_helix_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct helix_domain, domain);
}

static int helix_map_pages(struct iommu_domain *domain, unsigned long iova,
			   phys_addr_t paddr, size_t pgsize, size_t pgcount,
			   int prot, gfp_t gfp, size_t *mapped)
{
	struct helix_domain *hd = to_helix_domain(domain);
	size_t i;

	(void)prot;
	(void)gfp;
	for (i = 0; i < pgcount; i++)
		hd->ptes[(iova >> 12) + i] = (u32)((paddr + i * pgsize) >> 12) | HELIX_PTE_VALID;
	*mapped = pgsize * pgcount;
	return 0;
}

static size_t helix_unmap_pages(struct iommu_domain *domain, unsigned long iova,
				size_t pgsize, size_t pgcount,
				struct iommu_iotlb_gather *gather)
{
	struct helix_domain *hd = to_helix_domain(domain);
	unsigned long flags;
	size_t i;

	spin_lock_irqsave(&hd->lock, flags);
	for (i = 0; i < pgcount; i++)
		hd->ptes[(iova >> 12) + i] = 0;
	spin_unlock_irqrestore(&hd->lock, flags);

	helix_gather_flush_range(domain, gather, iova, pgsize * pgcount);
	return pgsize * pgcount;
}

static void helix_iotlb_sync(struct iommu_domain *domain,
			     struct iommu_iotlb_gather *gather)
{
	struct helix_domain *hd = to_helix_domain(domain);

	writel((u32)gather->start, hd->base + HELIX_REG_INVALIDATE);
	writel((u32)gather->end, hd->base + HELIX_REG_INVALIDATE + 4);
}

static void helix_domain_free(struct iommu_domain *domain)
{
	kfree(to_helix_domain(domain));
}

static const struct iommu_domain_ops helix_domain_ops = {
	.map_pages	= helix_map_pages,
	.unmap_pages	= helix_unmap_pages,
	.iotlb_sync	= helix_iotlb_sync,
	.free		= helix_domain_free,
};

const struct iommu_ops helix_iommu_ops = {
	.pgsize_bitmap		= SZ_4K,
	.default_domain_ops	= &helix_domain_ops,
};
