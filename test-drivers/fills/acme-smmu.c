// SPDX-License-Identifier: GPL-2.0
/*
 * acme-smmu.c - fills: iommu_iotlb_gather_add_range() right before the
 * successful return.
 *
 * A flat, single-level table driver (one u32 entry per 4K page) whose
 * .iotlb_sync flushes the whole TLB and ignores the gather contents.
 * Mirrors sprd-iommu after the upstream fix: clear the entries, then
 * iommu_iotlb_gather_add_range(gather, iova, size), then return size.
 */
/* gatherlint: clean */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/iommu.h>

#define ACME_PAGE_SHIFT		12
#define ACME_PTE_VALID		BIT(0)
#define ACME_REG_TLB_FLUSH	0x10
#define ACME_REG_PT_BASE	0x14

struct acme_domain {
	struct iommu_domain	domain;
	spinlock_t		pgtlock;
	u32			*pgt_va;
	dma_addr_t		pgt_pa;
	void __iomem		*base;
};

static struct acme_domain *to_acme_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct acme_domain, domain);
}

static u32 *acme_pte(struct acme_domain *dom, unsigned long iova)
{
	return dom->pgt_va + ((iova - dom->domain.geometry.aperture_start) >> ACME_PAGE_SHIFT);
}

static int acme_attach_dev(struct iommu_domain *domain, struct device *dev)
{
	struct acme_domain *dom = to_acme_domain(domain);

	(void)dev;
	writel((u32)dom->pgt_pa, dom->base + ACME_REG_PT_BASE);
	return 0;
}

static int acme_map_pages(struct iommu_domain *domain, unsigned long iova,
			  phys_addr_t paddr, size_t pgsize, size_t pgcount,
			  int prot, gfp_t gfp, size_t *mapped)
{
	struct acme_domain *dom = to_acme_domain(domain);
	unsigned long flags;
	u32 *pte = acme_pte(dom, iova);
	size_t i;

	(void)prot;
	(void)gfp;
	spin_lock_irqsave(&dom->pgtlock, flags);
	for (i = 0; i < pgcount; i++)
		pte[i] = (u32)((paddr + i * pgsize) >> ACME_PAGE_SHIFT) | ACME_PTE_VALID;
	spin_unlock_irqrestore(&dom->pgtlock, flags);

	*mapped = pgsize * pgcount;
	return 0;
}

static size_t acme_unmap_pages(struct iommu_domain *domain, unsigned long iova,
			       size_t pgsize, size_t pgcount,
			       struct iommu_iotlb_gather *iotlb_gather)
{
	struct acme_domain *dom = to_acme_domain(domain);
	size_t size = pgcount * SZ_4K;
	unsigned long flags;

	if (iova < domain->geometry.aperture_start ||
	    iova + size - 1 > domain->geometry.aperture_end)
		return 0;

	(void)pgsize;
	spin_lock_irqsave(&dom->pgtlock, flags);
	memset(acme_pte(dom, iova), 0, pgcount * sizeof(u32));
	spin_unlock_irqrestore(&dom->pgtlock, flags);

	iommu_iotlb_gather_add_range(iotlb_gather, iova, size);
	return size;
}

static void acme_iotlb_sync(struct iommu_domain *domain,
			    struct iommu_iotlb_gather *iotlb_gather)
{
	struct acme_domain *dom = to_acme_domain(domain);

	(void)iotlb_gather;
	writel(1, dom->base + ACME_REG_TLB_FLUSH);
}

static phys_addr_t acme_iova_to_phys(struct iommu_domain *domain, dma_addr_t iova)
{
	struct acme_domain *dom = to_acme_domain(domain);
	u32 pte = *acme_pte(dom, iova);

	return ((phys_addr_t)pte >> ACME_PAGE_SHIFT << ACME_PAGE_SHIFT) | (iova & (SZ_4K - 1));
}

static void acme_domain_free(struct iommu_domain *domain)
{
	struct acme_domain *dom = to_acme_domain(domain);

	kfree(dom->pgt_va);
	kfree(dom);
}

static const struct iommu_domain_ops acme_domain_ops = {
	.attach_dev	= acme_attach_dev,
	.map_pages	= acme_map_pages,
	.unmap_pages	= acme_unmap_pages,
	.iotlb_sync	= acme_iotlb_sync,
	.iova_to_phys	= acme_iova_to_phys,
	.free		= acme_domain_free,
};

static struct iommu_domain *acme_domain_alloc(unsigned int type)
{
	struct acme_domain *dom;

	if (type != IOMMU_DOMAIN_DMA && type != IOMMU_DOMAIN_UNMANAGED)
		return NULL;

	dom = kzalloc(sizeof(*dom), GFP_KERNEL);
	if (!dom)
		return NULL;

	spin_lock_init(&dom->pgtlock);
	dom->domain.geometry.aperture_start = 0;
	dom->domain.geometry.aperture_end = SZ_512M - 1;
	dom->domain.geometry.force_aperture = true;
	dom->domain.ops = &acme_domain_ops;
	return &dom->domain;
}

const struct iommu_ops acme_iommu_ops = {
	.domain_alloc		= acme_domain_alloc,
	.pgsize_bitmap		= SZ_4K,
	.default_domain_ops	= &acme_domain_ops,
};
