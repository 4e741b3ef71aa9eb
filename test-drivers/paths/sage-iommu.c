// SPDX-License-Identifier: GPL-2.0
/*
 * sage-iommu.c - paths: a flushed path through a DIRECT call of a flush
 * callback, "sd->tlb->tlb_flush_all(sd);".  The driver walks its own
 * table (no io-pgtable) but keeps its TLB maintenance in a struct
 * iommu_flush_ops shared with its io-pgtable-based sibling driver.
 * A direct call of the tlb_flush_all member counts as a flush.
 *
 * Clean.
 */
/* gatherlint: clean */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/iommu.h>
#include <linux/io-pgtable.h>

#define SAGE_PTE_VALID		BIT(0)
#define SAGE_REG_INVALL		0x30
#define SAGE_REG_INV_VA		0x34

struct sage_domain {
	struct iommu_domain		domain;
	const struct iommu_flush_ops	*tlb;
	spinlock_t			lock;
	u32				*ptes;
	void __iomem			*base;
};

static struct sage_domain *to_sage_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct sage_domain, domain);
}

static void sage_tlb_inv_all(void *cookie)
{
	struct sage_domain *sd = cookie;

	writel(1, sd->base + SAGE_REG_INVALL);
	(void)readl(sd->base + SAGE_REG_INVALL);
}

static void sage_tlb_inv_walk(unsigned long iova, size_t size,
			      size_t granule, void *cookie)
{
	struct sage_domain *sd = cookie;
	unsigned long end = iova + size;

	for (; iova < end; iova += granule)
		writel((u32)iova, sd->base + SAGE_REG_INV_VA);
	(void)readl(sd->base + SAGE_REG_INV_VA);
}

const struct iommu_flush_ops sage_flush_ops = {
	.tlb_flush_all	= sage_tlb_inv_all,
	.tlb_flush_walk	= sage_tlb_inv_walk,
};

static size_t sage_unmap_pages(struct iommu_domain *domain, unsigned long iova,
			       size_t pgsize, size_t pgcount,
			       struct iommu_iotlb_gather *gather)
{
	struct sage_domain *sd = to_sage_domain(domain);
	unsigned long flags;
	size_t i;

	(void)gather;
	spin_lock_irqsave(&sd->lock, flags);
	for (i = 0; i < pgcount; i++)
		sd->ptes[(iova >> 12) + i] = 0;
	spin_unlock_irqrestore(&sd->lock, flags);

	sd->tlb->tlb_flush_all(sd);

	return pgsize * pgcount;
}

static void sage_iotlb_sync(struct iommu_domain *domain,
			    struct iommu_iotlb_gather *gather)
{
	(void)gather;
	sage_tlb_inv_all(to_sage_domain(domain));
}

static void sage_domain_free(struct iommu_domain *domain)
{
	kfree(to_sage_domain(domain));
}

static const struct iommu_domain_ops sage_domain_ops = {
	.unmap_pages	= sage_unmap_pages,
	.iotlb_sync	= sage_iotlb_sync,
	.free		= sage_domain_free,
};

static struct iommu_domain *sage_domain_alloc(unsigned int type)
{
	struct sage_domain *sd;

	if (type != IOMMU_DOMAIN_UNMANAGED)
		return NULL;
	sd = kzalloc(sizeof(*sd), GFP_KERNEL);
	if (!sd)
		return NULL;
	spin_lock_init(&sd->lock);
	sd->tlb = &sage_flush_ops;
	sd->domain.ops = &sage_domain_ops;
	return &sd->domain;
}

const struct iommu_ops sage_iommu_ops = {
	.domain_alloc		= sage_domain_alloc,
	.pgsize_bitmap		= SZ_4K,
	.default_domain_ops	= &sage_domain_ops,
};
