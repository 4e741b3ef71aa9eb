// SPDX-License-Identifier: GPL-2.0
/*
 * basil-iommu.c - paths: a nonzero early return before the fill.  While
 * the device is powered down the table is cleared but the hardware is
 * not told: the early return skips the fill that the normal path does.
 * (Whether the sync is needed then is the driver's business; the rule is
 * that a nonzero return without a fill loses the .iotlb_sync call.)
 *
 * Expected: unmap-gather-unfilled at the early "return size;" only; the
 * later "return size;" is filled.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/iommu.h>

#define BASIL_PTE_VALID		BIT(0)
#define BASIL_REG_FLUSH		0x18

struct basil_domain {
	struct iommu_domain	domain;
	u32			*ptes;
	bool			suspended;
	unsigned int		pending;
	void __iomem		*base;
};

static struct basil_domain *to_basil_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct basil_domain, domain);
}

static void basil_clear(struct basil_domain *bd, unsigned long iova, size_t pgcount)
{
	size_t i;

	for (i = 0; i < pgcount; i++)
		bd->ptes[(iova >> 12) + i] = 0;
}

static size_t basil_unmap_pages(struct iommu_domain *domain, unsigned long iova,
				size_t pgsize, size_t pgcount,
				struct iommu_iotlb_gather *gather)
{
	struct basil_domain *bd = to_basil_domain(domain);
	size_t size = pgsize * pgcount;

	basil_clear(bd, iova, pgcount);

	if (bd->suspended) {
		/* Flushed on resume. */
		bd->pending++;
		return size; /* expect: unmap-gather-unfilled warning exposed=error protected=note */
	}

	iommu_iotlb_gather_add_range(gather, iova, size);
	return size;
}

static void basil_iotlb_sync(struct iommu_domain *domain,
			     struct iommu_iotlb_gather *gather)
{
	struct basil_domain *bd = to_basil_domain(domain);

	(void)gather;
	writel(1, bd->base + BASIL_REG_FLUSH);
}

static void basil_domain_free(struct iommu_domain *domain)
{
	kfree(to_basil_domain(domain));
}

static const struct iommu_domain_ops basil_domain_ops = {
	.unmap_pages	= basil_unmap_pages,
	.iotlb_sync	= basil_iotlb_sync,
	.free		= basil_domain_free,
};

const struct iommu_ops basil_iommu_ops = {
	.pgsize_bitmap		= SZ_4K,
	.default_domain_ops	= &basil_domain_ops,
};
