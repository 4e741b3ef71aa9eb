// SPDX-License-Identifier: GPL-2.0
/*
 * birch-iommu.c - ops form: a compound literal,
 *	.default_domain_ops = &(const struct iommu_domain_ops) { ... }
 * inside the iommu_ops initializer (its OPSID is anon@LINE), with
 * .iotlb_sync set.  The unmap returns the size without filling
 * (tegra-gart-like aperture driver).
 *
 * Expected: unmap-gather-unfilled at "return bytes;" (has sync).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/sizes.h>
#include <linux/spinlock.h>
#include <linux/iommu.h>

#define BIRCH_ENTRY_ADDR	0x28
#define BIRCH_ENTRY_DATA	0x2c
#define BIRCH_PAGE_SHIFT	12

struct birch_device {
	void __iomem		*regs;
	spinlock_t		pte_lock;
	unsigned long		iovmm_base;
	unsigned long		iovmm_end;
	struct iommu_domain	domain;
};

static struct birch_device *birch_from_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct birch_device, domain);
}

static void birch_set_pte(struct birch_device *birch, unsigned long iova, u32 pte)
{
	writel((u32)iova, birch->regs + BIRCH_ENTRY_ADDR);
	writel(pte, birch->regs + BIRCH_ENTRY_DATA);
}

static int birch_map(struct iommu_domain *domain, unsigned long iova,
		     phys_addr_t pa, size_t pgsize, size_t pgcount,
		     int prot, gfp_t gfp, size_t *mapped)
{
	struct birch_device *birch = birch_from_domain(domain);
	unsigned long flags;
	size_t i;

	(void)prot;
	(void)gfp;
	if (iova < birch->iovmm_base || iova + pgsize * pgcount > birch->iovmm_end)
		return -EINVAL;

	spin_lock_irqsave(&birch->pte_lock, flags);
	for (i = 0; i < pgcount; i++)
		birch_set_pte(birch, iova + i * pgsize, BIT(31) | (u32)((pa + i * pgsize) >> BIRCH_PAGE_SHIFT));
	spin_unlock_irqrestore(&birch->pte_lock, flags);
	*mapped = pgsize * pgcount;
	return 0;
}

static size_t birch_unmap(struct iommu_domain *domain, unsigned long iova,
			  size_t pgsize, size_t pgcount,
			  struct iommu_iotlb_gather *gather)
{
	struct birch_device *birch = birch_from_domain(domain);
	size_t i, bytes = pgsize * pgcount;
	unsigned long flags;

	if (iova < birch->iovmm_base || iova + bytes > birch->iovmm_end)
		return 0;

	spin_lock_irqsave(&birch->pte_lock, flags);
	for (i = 0; i < pgcount; i++)
		birch_set_pte(birch, iova + i * pgsize, 0);
	spin_unlock_irqrestore(&birch->pte_lock, flags);

	return bytes; /* expect: unmap-gather-unfilled warning exposed=error protected=note */
}

static void birch_iotlb_sync(struct iommu_domain *domain,
			     struct iommu_iotlb_gather *gather)
{
	struct birch_device *birch = birch_from_domain(domain);

	(void)gather;
	/* A read back orders the PTE writes before the next DMA. */
	(void)readl(birch->regs + BIRCH_ENTRY_DATA);
}

static struct iommu_domain *birch_domain_alloc(unsigned int type)
{
	(void)type;
	return NULL;
}

const struct iommu_ops birch_iommu_ops = {
	.domain_alloc		= birch_domain_alloc,
	.pgsize_bitmap		= SZ_4K,
	.default_domain_ops	= &(const struct iommu_domain_ops) {
		.map_pages	= birch_map,
		.unmap_pages	= birch_unmap,
		.iotlb_sync	= birch_iotlb_sync,
	},
};
