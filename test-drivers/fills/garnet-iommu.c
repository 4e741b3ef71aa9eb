// SPDX-License-Identifier: GPL-2.0
/*
 * garnet-iommu.c - fills three calls down: garnet_unmap_pages() ->
 * garnet_unmap_block() (returns 0 or the size) -> garnet_account() (void)
 * -> garnet_gather() -> iommu_iotlb_gather_add_range().
 *
 * Filler-ness is a summary that composes (SPEC: "a function that fills
 * its gather parameter on every path on which it returns nonzero"):
 * garnet_gather and garnet_account are void fillers, garnet_unmap_block
 * fills on its only nonzero path, so "ret = garnet_unmap_block(...);
 * return ret;" is covered.  Mirrors layered drivers (exynos/rockchip
 * style) that keep per-domain in-flight accounting next to the gather.
 */
/* gatherlint: clean */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/iommu.h>

#define GARNET_SECTION_SHIFT	20
#define GARNET_LV1_SECTION	0x2
#define GARNET_LV1_TABLE	0x1
#define GARNET_REG_FLUSH	0x0c

struct garnet_domain {
	struct iommu_domain	domain;
	spinlock_t		pgtablelock;
	u32			*lv1;
	size_t			inflight;
	void __iomem		*sfrbase;
};

static struct garnet_domain *to_garnet_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct garnet_domain, domain);
}

static void garnet_gather(struct iommu_iotlb_gather *gather,
			  unsigned long iova, size_t size)
{
	iommu_iotlb_gather_add_range(gather, iova, size);
}

static void garnet_account(struct garnet_domain *dom,
			   struct iommu_iotlb_gather *gather,
			   unsigned long iova, size_t size)
{
	dom->inflight += size;
	garnet_gather(gather, iova, size);
}

static size_t garnet_unmap_block(struct garnet_domain *dom,
				 struct iommu_iotlb_gather *gather,
				 unsigned long iova, size_t size)
{
	u32 *ent = &dom->lv1[iova >> GARNET_SECTION_SHIFT];
	unsigned long flags;

	spin_lock_irqsave(&dom->pgtablelock, flags);
	if (!(*ent & (GARNET_LV1_SECTION | GARNET_LV1_TABLE))) {
		spin_unlock_irqrestore(&dom->pgtablelock, flags);
		return 0;
	}
	*ent = 0;
	spin_unlock_irqrestore(&dom->pgtablelock, flags);

	garnet_account(dom, gather, iova, size);
	return size;
}

static size_t garnet_unmap_pages(struct iommu_domain *domain, unsigned long iova,
				 size_t pgsize, size_t pgcount,
				 struct iommu_iotlb_gather *gather)
{
	struct garnet_domain *dom = to_garnet_domain(domain);
	size_t ret;

	if (pgsize != SZ_1M)
		return 0;

	ret = garnet_unmap_block(dom, gather, iova, pgsize * pgcount);
	return ret;
}

static void garnet_iotlb_sync(struct iommu_domain *domain,
			      struct iommu_iotlb_gather *gather)
{
	struct garnet_domain *dom = to_garnet_domain(domain);

	(void)gather;
	writel(1, dom->sfrbase + GARNET_REG_FLUSH);
	dom->inflight = 0;
}

static void garnet_domain_free(struct iommu_domain *domain)
{
	struct garnet_domain *dom = to_garnet_domain(domain);

	kfree(dom->lv1);
	kfree(dom);
}

static const struct iommu_domain_ops garnet_domain_ops = {
	.unmap_pages	= garnet_unmap_pages,
	.iotlb_sync	= garnet_iotlb_sync,
	.free		= garnet_domain_free,
};

const struct iommu_ops garnet_iommu_ops = {
	.pgsize_bitmap		= SZ_1M,
	.default_domain_ops	= &garnet_domain_ops,
};
