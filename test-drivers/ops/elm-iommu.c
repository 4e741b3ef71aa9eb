// SPDX-License-Identifier: GPL-2.0
/*
 * elm-iommu.c - ops form: an older tree where struct iommu_ops itself
 * carries .map/.unmap/.iotlb_sync (before iommu_domain_ops existed).
 * The entry point is iommu_ops.unmap; the same initializer sets
 * .iotlb_sync, so the ops has sync.
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

#define ELM_PTE_VALID		BIT(0)
#define ELM_REG_INV		0x34

struct elm_domain {
	struct iommu_domain	domain;
	spinlock_t		lock;
	u32			*ptes;
	unsigned long		npages;
	void __iomem		*base;
};

static struct elm_domain *to_elm_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct elm_domain, domain);
}

static int elm_map(struct iommu_domain *domain, unsigned long iova,
		   phys_addr_t paddr, size_t size, int prot, gfp_t gfp)
{
	struct elm_domain *dom = to_elm_domain(domain);

	(void)prot;
	(void)gfp;
	if ((iova >> 12) >= dom->npages || size != SZ_4K)
		return -EINVAL;
	dom->ptes[iova >> 12] = (u32)paddr | ELM_PTE_VALID;
	return 0;
}

static size_t elm_unmap(struct iommu_domain *domain, unsigned long iova,
			size_t size, struct iommu_iotlb_gather *gather)
{
	struct elm_domain *dom = to_elm_domain(domain);
	size_t unmapped = 0;
	unsigned long flags;

	if ((iova >> 12) >= dom->npages)
		return 0;

	spin_lock_irqsave(&dom->lock, flags);
	if (dom->ptes[iova >> 12] & ELM_PTE_VALID) {
		dom->ptes[iova >> 12] = 0;
		unmapped = size;
	}
	spin_unlock_irqrestore(&dom->lock, flags);

	return unmapped; /* expect: unmap-gather-unfilled warning exposed=error protected=note */
}

static void elm_iotlb_sync(struct iommu_domain *domain,
			   struct iommu_iotlb_gather *gather)
{
	(void)gather;
	writel(1, to_elm_domain(domain)->base + ELM_REG_INV);
}

static struct iommu_domain *elm_domain_alloc(unsigned int type)
{
	struct elm_domain *dom;

	if (type != IOMMU_DOMAIN_UNMANAGED)
		return NULL;
	dom = kzalloc(sizeof(*dom), GFP_KERNEL);
	if (!dom)
		return NULL;
	spin_lock_init(&dom->lock);
	return &dom->domain;
}

const struct iommu_ops elm_iommu_ops = {
	.domain_alloc	= elm_domain_alloc,
	.map		= elm_map,
	.unmap		= elm_unmap,
	.iotlb_sync	= elm_iotlb_sync,
	.pgsize_bitmap	= SZ_4K,
};
