// SPDX-License-Identifier: GPL-2.0
/*
 * lark-iommu.c - misses: clear the entries and return the size
 * (sprd-iommu before the upstream fix).  Its .iotlb_sync flushes the
 * whole TLB and never reads the gather, so nothing ever filled it; under
 * an EXPOSED core (90c5def10bea) the sync is skipped and stale
 * translations survive the unmap.
 *
 * Expected: unmap-gather-unfilled at "return size;" (ops has sync).
 * Fix: iommu_iotlb_gather_add_range(iotlb_gather, iova, size) before it.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/iommu.h>

#define LARK_PAGE_SHIFT		12
#define LARK_REG_UPDATE		0x44
#define LARK_REG_VAOR		0x50

struct lark_domain {
	struct iommu_domain	domain;
	spinlock_t		pgtlock;
	u32			*pgt_va;
	dma_addr_t		pgt_pa;
	void __iomem		*base;
};

static struct lark_domain *to_lark_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct lark_domain, domain);
}

static unsigned long lark_pgt_index(struct lark_domain *dom, unsigned long iova)
{
	return (iova - dom->domain.geometry.aperture_start) >> LARK_PAGE_SHIFT;
}

static int lark_map(struct iommu_domain *domain, unsigned long iova,
		    phys_addr_t paddr, size_t pgsize, size_t pgcount,
		    int prot, gfp_t gfp, size_t *mapped)
{
	struct lark_domain *dom = to_lark_domain(domain);
	u32 *pgt = dom->pgt_va + lark_pgt_index(dom, iova);
	unsigned long flags;
	size_t i;

	(void)prot;
	(void)gfp;
	if (iova < domain->geometry.aperture_start ||
	    iova + pgsize * pgcount - 1 > domain->geometry.aperture_end)
		return -EINVAL;

	spin_lock_irqsave(&dom->pgtlock, flags);
	for (i = 0; i < pgcount; i++)
		pgt[i] = (u32)((paddr + i * pgsize) >> LARK_PAGE_SHIFT);
	spin_unlock_irqrestore(&dom->pgtlock, flags);

	*mapped = pgsize * pgcount;
	return 0;
}

static size_t lark_unmap(struct iommu_domain *domain, unsigned long iova,
			 size_t pgsize, size_t pgcount,
			 struct iommu_iotlb_gather *iotlb_gather)
{
	struct lark_domain *dom = to_lark_domain(domain);
	size_t size = pgcount * SZ_4K;
	unsigned long flags;
	u32 *pgt_base_iova;

	(void)pgsize;
	if (iova < domain->geometry.aperture_start ||
	    iova + size - 1 > domain->geometry.aperture_end)
		return 0;

	pgt_base_iova = dom->pgt_va + lark_pgt_index(dom, iova);

	spin_lock_irqsave(&dom->pgtlock, flags);
	memset(pgt_base_iova, 0, pgcount * sizeof(u32));
	spin_unlock_irqrestore(&dom->pgtlock, flags);

	return size; /* expect: unmap-gather-unfilled warning exposed=error protected=note */
}

static void lark_iotlb_sync(struct iommu_domain *domain,
			    struct iommu_iotlb_gather *iotlb_gather)
{
	struct lark_domain *dom = to_lark_domain(domain);

	(void)iotlb_gather;
	/* Full flush: the gather contents are never looked at. */
	writel((u32)dom->pgt_pa, dom->base + LARK_REG_VAOR);
	writel(1, dom->base + LARK_REG_UPDATE);
}

static void lark_domain_free(struct iommu_domain *domain)
{
	struct lark_domain *dom = to_lark_domain(domain);

	kfree(dom->pgt_va);
	kfree(dom);
}

static const struct iommu_domain_ops lark_domain_ops = {
	.map_pages	= lark_map,
	.unmap_pages	= lark_unmap,
	.iotlb_sync	= lark_iotlb_sync,
	.free		= lark_domain_free,
};

const struct iommu_ops lark_iommu_ops = {
	.pgsize_bitmap		= SZ_4K,
	.default_domain_ops	= &lark_domain_ops,
};
