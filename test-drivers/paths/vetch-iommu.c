// SPDX-License-Identifier: GPL-2.0
/*
 * vetch-iommu.c - paths: a switch on the page size where every case that
 * reaches the common "return size;" fills (add_range for blocks,
 * add_page for pages) and the default case returns 0.
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

#define VETCH_REG_INV_START	0x20
#define VETCH_REG_INV_END	0x28

struct vetch_domain {
	struct iommu_domain	domain;
	spinlock_t		lock;
	u64			*l1;
	u64			*l2;
	void __iomem		*base;
};

static struct vetch_domain *to_vetch_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct vetch_domain, domain);
}

static size_t vetch_unmap_pages(struct iommu_domain *domain, unsigned long iova,
				size_t pgsize, size_t pgcount,
				struct iommu_iotlb_gather *gather)
{
	struct vetch_domain *vd = to_vetch_domain(domain);
	size_t i, size = pgsize * pgcount;
	unsigned long flags;

	spin_lock_irqsave(&vd->lock, flags);
	switch (pgsize) {
	case SZ_2M:
		for (i = 0; i < pgcount; i++)
			WRITE_ONCE(vd->l1[((iova >> 21) & 511) + i], 0);
		iommu_iotlb_gather_add_range(gather, iova, size);
		break;
	case SZ_4K:
		for (i = 0; i < pgcount; i++)
			WRITE_ONCE(vd->l2[((iova >> 12) & 511) + i], 0);
		iommu_iotlb_gather_add_page(domain, gather, iova, size);
		break;
	default:
		spin_unlock_irqrestore(&vd->lock, flags);
		return 0;
	}
	spin_unlock_irqrestore(&vd->lock, flags);

	return size;
}

static void vetch_iotlb_sync(struct iommu_domain *domain,
			     struct iommu_iotlb_gather *gather)
{
	struct vetch_domain *vd = to_vetch_domain(domain);

	writeq(gather->start, vd->base + VETCH_REG_INV_START);
	writeq(gather->end, vd->base + VETCH_REG_INV_END);
}

static const struct iommu_domain_ops vetch_domain_ops = {
	.unmap_pages	= vetch_unmap_pages,
	.iotlb_sync	= vetch_iotlb_sync,
};

const struct iommu_ops vetch_iommu_ops = {
	.pgsize_bitmap		= SZ_4K | SZ_2M,
	.default_domain_ops	= &vetch_domain_ops,
};
