// SPDX-License-Identifier: GPL-2.0
/*
 * hyssop-iommu.c - paths: a queued-guarded early return.  In lazy mode
 * (the gather is queued) the flush queue invalidates later and no
 * per-unmap sync happens, so
 *
 *	if (iommu_iotlb_gather_queued(gather))
 *		return size;
 *
 * needs no fill: the path is one on which iommu_iotlb_gather_queued()
 * is known true.  The strict path fills with add_page.
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

#define HYSSOP_PTE_P		BIT_ULL(0)
#define HYSSOP_REG_QI_TAIL	0x88

struct hyssop_domain {
	struct iommu_domain	domain;
	spinlock_t		lock;
	u64			*ptes;
	void __iomem		*reg;
	u32			qi_tail;
};

static struct hyssop_domain *to_hyssop_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct hyssop_domain, domain);
}

static size_t hyssop_unmap_pages(struct iommu_domain *domain, unsigned long iova,
				 size_t pgsize, size_t pgcount,
				 struct iommu_iotlb_gather *gather)
{
	struct hyssop_domain *hd = to_hyssop_domain(domain);
	size_t i, size = pgsize * pgcount;
	unsigned long flags;

	spin_lock_irqsave(&hd->lock, flags);
	for (i = 0; i < pgcount; i++)
		WRITE_ONCE(hd->ptes[(iova / pgsize) + i], 0);
	spin_unlock_irqrestore(&hd->lock, flags);

	if (iommu_iotlb_gather_queued(gather))
		return size;

	iommu_iotlb_gather_add_page(domain, gather, iova, size);
	return size;
}

static void hyssop_iotlb_sync(struct iommu_domain *domain,
			      struct iommu_iotlb_gather *gather)
{
	struct hyssop_domain *hd = to_hyssop_domain(domain);

	writeq(gather->start | __builtin_ctzl(gather->pgsize), hd->reg + HYSSOP_REG_QI_TAIL + 8);
	writel(++hd->qi_tail, hd->reg + HYSSOP_REG_QI_TAIL);
}

static const struct iommu_domain_ops hyssop_domain_ops = {
	.unmap_pages	= hyssop_unmap_pages,
	.iotlb_sync	= hyssop_iotlb_sync,
};

const struct iommu_ops hyssop_iommu_ops = {
	.pgsize_bitmap		= SZ_4K | SZ_2M,
	.default_domain_ops	= &hyssop_domain_ops,
};
