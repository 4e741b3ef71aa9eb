// SPDX-License-Identifier: GPL-2.0
/*
 * cobalt-iommu.c - fills through a local wrapper: cobalt_gather_range()
 * is a static void helper that always calls iommu_iotlb_gather_add_range()
 * on the gather it receives, so it is a "filler" (SPEC section 2) and the
 * call covers the entry point's nonzero return.
 *
 * Mirrors drivers that wrap the gather update with their own accounting
 * (rockchip/exynos-style flat tables with per-domain statistics).
 */
/* gatherlint: clean */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/iommu.h>

#define COBALT_PTE_VALID	BIT(0)
#define COBALT_PTE_WRITABLE	BIT(1)
#define COBALT_REG_INV_ALL	0x40

struct cobalt_domain {
	struct iommu_domain	domain;
	spinlock_t		lock;
	u32			*ptes;
	unsigned long		nr_ptes;
	size_t			bytes_unmapped;
	void __iomem		*regs;
};

static struct cobalt_domain *to_cobalt_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct cobalt_domain, domain);
}

/* The local wrapper: accounting, then the gather. */
static void cobalt_gather_range(struct cobalt_domain *cd,
				struct iommu_iotlb_gather *gather,
				unsigned long iova, size_t size)
{
	cd->bytes_unmapped += size;
	iommu_iotlb_gather_add_range(gather, iova, size);
}

static int cobalt_map_pages(struct iommu_domain *domain, unsigned long iova,
			    phys_addr_t paddr, size_t pgsize, size_t pgcount,
			    int prot, gfp_t gfp, size_t *mapped)
{
	struct cobalt_domain *cd = to_cobalt_domain(domain);
	unsigned long idx = iova / SZ_4K, flags;
	size_t i;

	(void)gfp;
	if (idx + pgcount > cd->nr_ptes)
		return -ERANGE;

	spin_lock_irqsave(&cd->lock, flags);
	for (i = 0; i < pgcount; i++)
		cd->ptes[idx + i] = (u32)((paddr + i * pgsize) & ~0xfffULL) | COBALT_PTE_VALID |
				    ((prot & IOMMU_WRITE) ? COBALT_PTE_WRITABLE : 0);
	spin_unlock_irqrestore(&cd->lock, flags);
	*mapped = pgsize * pgcount;
	return 0;
}

static size_t cobalt_unmap_pages(struct iommu_domain *domain, unsigned long iova,
				 size_t pgsize, size_t pgcount,
				 struct iommu_iotlb_gather *gather)
{
	struct cobalt_domain *cd = to_cobalt_domain(domain);
	unsigned long idx = iova / SZ_4K, flags;
	size_t i, size = pgsize * pgcount;

	if (idx + pgcount > cd->nr_ptes)
		return 0;

	spin_lock_irqsave(&cd->lock, flags);
	for (i = 0; i < pgcount; i++)
		cd->ptes[idx + i] = 0;
	spin_unlock_irqrestore(&cd->lock, flags);

	cobalt_gather_range(cd, gather, iova, size);
	return size;
}

static void cobalt_iotlb_sync(struct iommu_domain *domain,
			      struct iommu_iotlb_gather *gather)
{
	struct cobalt_domain *cd = to_cobalt_domain(domain);

	(void)gather;
	writel(1, cd->regs + COBALT_REG_INV_ALL);
}

static void cobalt_flush_iotlb_all(struct iommu_domain *domain)
{
	cobalt_iotlb_sync(domain, NULL);
}

static void cobalt_domain_free(struct iommu_domain *domain)
{
	struct cobalt_domain *cd = to_cobalt_domain(domain);

	kfree(cd->ptes);
	kfree(cd);
}

static const struct iommu_domain_ops cobalt_domain_ops = {
	.map_pages	 = cobalt_map_pages,
	.unmap_pages	 = cobalt_unmap_pages,
	.flush_iotlb_all = cobalt_flush_iotlb_all,
	.iotlb_sync	 = cobalt_iotlb_sync,
	.free		 = cobalt_domain_free,
};

const struct iommu_ops cobalt_iommu_ops = {
	.pgsize_bitmap		= SZ_4K,
	.default_domain_ops	= &cobalt_domain_ops,
};
