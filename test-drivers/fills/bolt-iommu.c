// SPDX-License-Identifier: GPL-2.0
/*
 * bolt-iommu.c - fills: iommu_iotlb_gather_add_page(domain, gather, ...)
 * on the only nonzero path.
 *
 * A two-level (directory + page table) driver that unmaps exactly one 4K
 * page per call and returns SZ_4K.  Mirrors sun50i-iommu after the
 * upstream fix, except that it uses the add_page form (which syncs first
 * when the new page is disjoint from what is gathered).
 */
/* gatherlint: clean */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/iommu.h>

#define BOLT_DTE_SHIFT		22
#define BOLT_PTE_SHIFT		12
#define BOLT_PTES_PER_PT	1024
#define BOLT_DTE_PT_VALID	BIT(0)
#define BOLT_PTE_VALID		BIT(1)
#define BOLT_ADDR_MASK		((u32)GENMASK(31, 12))
#define BOLT_REG_FLUSH_ALL	0x80
#define BOLT_REG_FLUSH_DONE	0x84

struct bolt_domain {
	struct iommu_domain	domain;
	spinlock_t		dt_lock;
	u32			*dt;
	void __iomem		*base;
};

static struct bolt_domain *to_bolt_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct bolt_domain, domain);
}

static unsigned int bolt_dte_index(unsigned long iova)
{
	return (iova >> BOLT_DTE_SHIFT) & 0x3ff;
}

static unsigned int bolt_pte_index(unsigned long iova)
{
	return (iova >> BOLT_PTE_SHIFT) & (BOLT_PTES_PER_PT - 1);
}

static u32 *bolt_dte_get_pt(u32 dte)
{
	return (u32 *)(unsigned long)(dte & BOLT_ADDR_MASK);
}

/* Make the cleared entry visible to a non-coherent walker. */
static void bolt_table_flush(struct bolt_domain *dom, u32 *ptep, unsigned int count)
{
	(void)dom;
	(void)READ_ONCE(ptep[count - 1]);
}

static int bolt_map(struct iommu_domain *domain, unsigned long iova,
		    phys_addr_t paddr, size_t pgsize, size_t pgcount,
		    int prot, gfp_t gfp, size_t *mapped)
{
	struct bolt_domain *dom = to_bolt_domain(domain);
	u32 *dtep = &dom->dt[bolt_dte_index(iova)];
	u32 *pt;

	(void)prot;
	if (pgsize != SZ_4K || pgcount != 1)
		return -EINVAL;

	if (!(*dtep & BOLT_DTE_PT_VALID)) {
		pt = kcalloc(BOLT_PTES_PER_PT, sizeof(u32), gfp);
		if (!pt)
			return -ENOMEM;
		*dtep = ((u32)(unsigned long)pt & BOLT_ADDR_MASK) | BOLT_DTE_PT_VALID;
	}

	pt = bolt_dte_get_pt(*dtep) + bolt_pte_index(iova);
	*pt = ((u32)paddr & BOLT_ADDR_MASK) | BOLT_PTE_VALID;
	bolt_table_flush(dom, pt, 1);
	*mapped = SZ_4K;
	return 0;
}

static size_t bolt_unmap(struct iommu_domain *domain, unsigned long iova,
			 size_t pgsize, size_t pgcount,
			 struct iommu_iotlb_gather *gather)
{
	struct bolt_domain *dom = to_bolt_domain(domain);
	u32 dte, *pte_addr;

	(void)pgsize;
	(void)pgcount;
	dte = dom->dt[bolt_dte_index(iova)];
	if (!(dte & BOLT_DTE_PT_VALID))
		return 0;

	pte_addr = bolt_dte_get_pt(dte) + bolt_pte_index(iova);
	if (!(*pte_addr & BOLT_PTE_VALID))
		return 0;

	*pte_addr = 0;
	bolt_table_flush(dom, pte_addr, 1);
	iommu_iotlb_gather_add_page(domain, gather, iova, SZ_4K);

	return SZ_4K;
}

static void bolt_iotlb_sync(struct iommu_domain *domain,
			    struct iommu_iotlb_gather *gather)
{
	struct bolt_domain *dom = to_bolt_domain(domain);
	unsigned long flags;

	(void)gather;
	spin_lock_irqsave(&dom->dt_lock, flags);
	writel(1, dom->base + BOLT_REG_FLUSH_ALL);
	while (!readl(dom->base + BOLT_REG_FLUSH_DONE))
		;
	spin_unlock_irqrestore(&dom->dt_lock, flags);
}

static void bolt_domain_free(struct iommu_domain *domain)
{
	struct bolt_domain *dom = to_bolt_domain(domain);

	kfree(dom->dt);
	kfree(dom);
}

static const struct iommu_domain_ops bolt_domain_ops = {
	.map_pages	= bolt_map,
	.unmap_pages	= bolt_unmap,
	.iotlb_sync	= bolt_iotlb_sync,
	.free		= bolt_domain_free,
};

static struct iommu_domain *bolt_domain_alloc(unsigned int type)
{
	struct bolt_domain *dom;

	if (type != IOMMU_DOMAIN_DMA && type != IOMMU_DOMAIN_UNMANAGED)
		return NULL;

	dom = kzalloc(sizeof(*dom), GFP_KERNEL);
	if (!dom)
		return NULL;
	dom->dt = kcalloc(1024, sizeof(u32), GFP_KERNEL);
	if (!dom->dt) {
		kfree(dom);
		return NULL;
	}
	spin_lock_init(&dom->dt_lock);
	dom->domain.ops = &bolt_domain_ops;
	return &dom->domain;
}

const struct iommu_ops bolt_iommu_ops = {
	.domain_alloc		= bolt_domain_alloc,
	.pgsize_bitmap		= SZ_4K,
	.default_domain_ops	= &bolt_domain_ops,
};
