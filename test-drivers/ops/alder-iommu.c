// SPDX-License-Identifier: GPL-2.0
/*
 * alder-iommu.c - ops form: a named "static const struct
 * iommu_domain_ops" referenced from iommu_ops.default_domain_ops (the
 * 6.x layout), with .iotlb_sync set.  The unmap clears a run of entries
 * and returns the size without filling (rockchip-style flat table).
 *
 * Expected: unmap-gather-unfilled at "return unmap_size;" (has sync).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/iommu.h>

#define ALDER_PTE_VALID		BIT(0)
#define ALDER_REG_ZAP_ONE_LINE	0x10
#define ALDER_REG_COMMAND	0x08
#define ALDER_CMD_ZAP_CACHE	0x4

struct alder_domain {
	struct iommu_domain	domain;
	spinlock_t		dt_lock;
	u32			*pt;
	void __iomem		*base;
};

static struct alder_domain *to_alder_domain(struct iommu_domain *dom)
{
	return container_of(dom, struct alder_domain, domain);
}

static size_t alder_unmap_run(struct alder_domain *dom, unsigned long iova, size_t size)
{
	u32 *pte = &dom->pt[iova >> 12];
	unsigned int i, count = size >> 12;

	for (i = 0; i < count; i++) {
		if (!(pte[i] & ALDER_PTE_VALID))
			break;
		pte[i] = 0;
	}
	return (size_t)i << 12;
}

static int alder_map(struct iommu_domain *domain, unsigned long iova,
		     phys_addr_t paddr, size_t pgsize, size_t pgcount,
		     int prot, gfp_t gfp, size_t *mapped)
{
	struct alder_domain *dom = to_alder_domain(domain);
	unsigned long flags;
	size_t i;

	(void)prot;
	(void)gfp;
	spin_lock_irqsave(&dom->dt_lock, flags);
	for (i = 0; i < pgcount; i++)
		dom->pt[(iova >> 12) + i] = (u32)(paddr + i * pgsize) | ALDER_PTE_VALID;
	spin_unlock_irqrestore(&dom->dt_lock, flags);
	*mapped = pgsize * pgcount;
	return 0;
}

static size_t alder_unmap(struct iommu_domain *domain, unsigned long iova,
			  size_t pgsize, size_t pgcount,
			  struct iommu_iotlb_gather *gather)
{
	struct alder_domain *dom = to_alder_domain(domain);
	unsigned long flags;
	size_t unmap_size;

	spin_lock_irqsave(&dom->dt_lock, flags);
	unmap_size = alder_unmap_run(dom, iova, pgsize * pgcount);
	spin_unlock_irqrestore(&dom->dt_lock, flags);

	/* Zap the table cache line now; the IOTLB goes at sync time. */
	writel((u32)iova, dom->base + ALDER_REG_ZAP_ONE_LINE);

	return unmap_size; /* expect: unmap-gather-unfilled warning exposed=error protected=note */
}

static void alder_iotlb_sync(struct iommu_domain *domain,
			     struct iommu_iotlb_gather *gather)
{
	(void)gather;
	writel(ALDER_CMD_ZAP_CACHE, to_alder_domain(domain)->base + ALDER_REG_COMMAND);
}

static void alder_domain_free(struct iommu_domain *domain)
{
	struct alder_domain *dom = to_alder_domain(domain);

	kfree(dom->pt);
	kfree(dom);
}

static const struct iommu_domain_ops alder_domain_ops = {
	.map_pages	= alder_map,
	.unmap_pages	= alder_unmap,
	.iotlb_sync	= alder_iotlb_sync,
	.free		= alder_domain_free,
};

static struct iommu_domain *alder_domain_alloc(unsigned int type)
{
	struct alder_domain *dom;

	if (type != IOMMU_DOMAIN_DMA && type != IOMMU_DOMAIN_UNMANAGED)
		return NULL;
	dom = kzalloc(sizeof(*dom), GFP_KERNEL);
	if (!dom)
		return NULL;
	spin_lock_init(&dom->dt_lock);
	dom->domain.ops = &alder_domain_ops;
	return &dom->domain;
}

const struct iommu_ops alder_iommu_ops = {
	.domain_alloc		= alder_domain_alloc,
	.pgsize_bitmap		= SZ_4K,
	.default_domain_ops	= &alder_domain_ops,
};
