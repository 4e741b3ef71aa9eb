// SPDX-License-Identifier: GPL-2.0
/*
 * moss-iommu.c - misses: a single-page unmap that returns SZ_4K
 * (sun50i-iommu before the upstream fix).  The entry is cleared and the
 * table cache line flushed, but the IOTLB flush lives in .iotlb_sync,
 * which an EXPOSED core skips because the gather is empty.
 *
 * Expected: unmap-gather-unfilled at "return SZ_4K;" (ops has sync).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/iommu.h>

#define MOSS_DTE_SHIFT		20
#define MOSS_PTE_SHIFT		12
#define MOSS_PTE_PER_PT		256
#define MOSS_DTE_PT_VALID	0x1
#define MOSS_PTE_VALID		0x2
#define MOSS_REG_TLB_FLUSH	0x80
#define MOSS_REG_TLB_STATUS	0x84

struct moss_domain {
	struct iommu_domain	domain;
	spinlock_t		dt_lock;
	u32			*dt;
	void __iomem		*base;
};

static struct moss_domain *to_moss_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct moss_domain, domain);
}

static u32 *moss_dte_get_pt(u32 dte)
{
	return (u32 *)(unsigned long)(dte & ~0x3ffU);
}

static void moss_table_flush(struct moss_domain *dom, u32 *addr, unsigned int count)
{
	(void)dom;
	/* Stand-in for dma_sync_single_for_device() on the table memory. */
	(void)READ_ONCE(addr[count - 1]);
}

static size_t moss_unmap(struct iommu_domain *domain, unsigned long iova,
			 size_t pgsize, size_t pgcount,
			 struct iommu_iotlb_gather *gather)
{
	struct moss_domain *dom = to_moss_domain(domain);
	u32 pte, dte, *pte_addr;

	(void)pgsize;
	(void)pgcount;
	dte = dom->dt[iova >> MOSS_DTE_SHIFT];
	if (!(dte & MOSS_DTE_PT_VALID))
		return 0;

	pte_addr = moss_dte_get_pt(dte) + ((iova >> MOSS_PTE_SHIFT) & (MOSS_PTE_PER_PT - 1));
	pte = *pte_addr;
	if (!(pte & MOSS_PTE_VALID))
		return 0;

	*pte_addr = 0;
	moss_table_flush(dom, pte_addr, 1);

	return SZ_4K; /* expect: unmap-gather-unfilled warning exposed=error protected=note */
}

static void moss_iotlb_sync(struct iommu_domain *domain,
			    struct iommu_iotlb_gather *gather)
{
	struct moss_domain *dom = to_moss_domain(domain);
	unsigned long flags;

	(void)gather;
	spin_lock_irqsave(&dom->dt_lock, flags);
	writel(1, dom->base + MOSS_REG_TLB_FLUSH);
	while (readl(dom->base + MOSS_REG_TLB_STATUS) & 1)
		;
	spin_unlock_irqrestore(&dom->dt_lock, flags);
}

static void moss_flush_iotlb_all(struct iommu_domain *domain)
{
	moss_iotlb_sync(domain, NULL);
}

static void moss_domain_free(struct iommu_domain *domain)
{
	struct moss_domain *dom = to_moss_domain(domain);

	kfree(dom->dt);
	kfree(dom);
}

static const struct iommu_domain_ops moss_domain_ops = {
	.unmap_pages	 = moss_unmap,
	.flush_iotlb_all = moss_flush_iotlb_all,
	.iotlb_sync	 = moss_iotlb_sync,
	.free		 = moss_domain_free,
};

const struct iommu_ops moss_iommu_ops = {
	.pgsize_bitmap		= SZ_4K,
	.default_domain_ops	= &moss_domain_ops,
};
