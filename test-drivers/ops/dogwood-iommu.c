// SPDX-License-Identifier: GPL-2.0
/*
 * dogwood-iommu.c - ops form: the legacy single-size ".unmap" member of
 * iommu_domain_ops (5.x trees, before unmap_pages):
 *	size_t (*unmap)(domain, iova, size, iotlb_gather)
 * with .iotlb_sync set.  The unmap clears one block and returns its size.
 *
 * Expected: unmap-gather-unfilled at "return size;" (has sync).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/iommu.h>

#define DOGWOOD_SECTION		0x2
#define DOGWOOD_REG_MMU_FLUSH	0x0c

struct dogwood_domain {
	struct iommu_domain	domain;
	spinlock_t		lock;
	u32			*lv1;
	void __iomem		*sfr;
};

static struct dogwood_domain *to_dogwood_domain(struct iommu_domain *dom)
{
	return container_of(dom, struct dogwood_domain, domain);
}

static int dogwood_map(struct iommu_domain *domain, unsigned long iova,
		       phys_addr_t paddr, size_t pgsize, size_t pgcount,
		       int prot, gfp_t gfp, size_t *mapped)
{
	struct dogwood_domain *dom = to_dogwood_domain(domain);

	(void)prot;
	(void)gfp;
	if (pgsize != SZ_1M || pgcount != 1)
		return -EINVAL;
	dom->lv1[iova >> 20] = (u32)paddr | DOGWOOD_SECTION;
	*mapped = SZ_1M;
	return 0;
}

static size_t dogwood_unmap(struct iommu_domain *domain, unsigned long iova,
			    size_t size, struct iommu_iotlb_gather *iotlb_gather)
{
	struct dogwood_domain *dom = to_dogwood_domain(domain);
	unsigned long flags;
	u32 *ent;

	if (WARN_ON(size != SZ_1M))
		return 0;

	spin_lock_irqsave(&dom->lock, flags);
	ent = &dom->lv1[iova >> 20];
	if (!(*ent & DOGWOOD_SECTION)) {
		spin_unlock_irqrestore(&dom->lock, flags);
		return 0;
	}
	*ent = 0;
	spin_unlock_irqrestore(&dom->lock, flags);

	return size; /* expect: unmap-gather-unfilled warning exposed=error protected=note */
}

static void dogwood_iotlb_sync(struct iommu_domain *domain,
			       struct iommu_iotlb_gather *iotlb_gather)
{
	(void)iotlb_gather;
	writel(1, to_dogwood_domain(domain)->sfr + DOGWOOD_REG_MMU_FLUSH);
}

static void dogwood_domain_free(struct iommu_domain *domain)
{
	kfree(to_dogwood_domain(domain));
}

static const struct iommu_domain_ops dogwood_domain_ops = {
	.map_pages	= dogwood_map,
	.unmap		= dogwood_unmap,
	.iotlb_sync	= dogwood_iotlb_sync,
	.free		= dogwood_domain_free,
};

const struct iommu_ops dogwood_iommu_ops = {
	.pgsize_bitmap		= SZ_1M,
	.default_domain_ops	= &dogwood_domain_ops,
};
