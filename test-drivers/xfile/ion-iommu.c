// SPDX-License-Identifier: GPL-2.0
/*
 * ion-iommu.c - misses through a helper defined in ANOTHER file:
 * ion_gather_note() (xfile/ion-gather.c) receives the gather but does not
 * fill it on every path, so the call does not cover the return.  The
 * driver's .iotlb_sync does a full flush, so under an EXPOSED core a 4K
 * unmap loses its flush.
 *
 * Expected: unmap-gather-unfilled at "return size;" (ops has sync).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/iommu.h>
#include <corpus/xfile-gather.h>

#define ION_PTE_PRESENT		BIT(0)
#define ION_REG_FLUSH_ALL	0x20

struct ion_domain {
	struct iommu_domain	domain;
	spinlock_t		lock;
	u32			*ptes;
	void __iomem		*base;
};

static struct ion_domain *to_ion_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct ion_domain, domain);
}

static int ion_map_pages(struct iommu_domain *domain, unsigned long iova,
			 phys_addr_t paddr, size_t pgsize, size_t pgcount,
			 int prot, gfp_t gfp, size_t *mapped)
{
	struct ion_domain *id = to_ion_domain(domain);
	size_t i;

	(void)prot;
	(void)gfp;
	for (i = 0; i < pgcount; i++)
		id->ptes[(iova >> 12) + i] = (u32)(paddr + i * pgsize) | ION_PTE_PRESENT;
	*mapped = pgsize * pgcount;
	return 0;
}

static size_t ion_unmap_pages(struct iommu_domain *domain, unsigned long iova,
			      size_t pgsize, size_t pgcount,
			      struct iommu_iotlb_gather *gather)
{
	struct ion_domain *id = to_ion_domain(domain);
	size_t i, size = pgsize * pgcount;
	unsigned long flags;

	spin_lock_irqsave(&id->lock, flags);
	for (i = 0; i < pgcount; i++)
		id->ptes[(iova >> 12) + i] = 0;
	spin_unlock_irqrestore(&id->lock, flags);

	ion_gather_note(gather, iova, size);
	return size; /* expect: unmap-gather-unfilled warning exposed=error protected=note */
}

static void ion_iotlb_sync(struct iommu_domain *domain,
			   struct iommu_iotlb_gather *gather)
{
	(void)gather;
	writel(1, to_ion_domain(domain)->base + ION_REG_FLUSH_ALL);
}

static void ion_domain_free(struct iommu_domain *domain)
{
	kfree(to_ion_domain(domain));
}

static const struct iommu_domain_ops ion_domain_ops = {
	.map_pages	= ion_map_pages,
	.unmap_pages	= ion_unmap_pages,
	.iotlb_sync	= ion_iotlb_sync,
	.free		= ion_domain_free,
};

const struct iommu_ops ion_iommu_ops = {
	.pgsize_bitmap		= SZ_4K,
	.default_domain_ops	= &ion_domain_ops,
};
