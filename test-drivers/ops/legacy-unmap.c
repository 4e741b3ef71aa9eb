// SPDX-License-Identifier: GPL-2.0
/*
 * Legacy .unmap in an older-tree struct iommu_ops (with its own .iotlb_sync).
 */
#include <linux/iommu.h>

struct lg_domain {
	struct iommu_domain domain;
	u32 *ptes;
};

static size_t lg_unmap(struct iommu_domain *domain, unsigned long iova,
		       size_t size, struct iommu_iotlb_gather *gather)
{
	struct lg_domain *dom = container_of(domain, struct lg_domain, domain);

	dom->ptes[(iova >> 12) & 255] = 0;
	return size;	/* expect: unmap-gather-unfilled warning exposed=error protected=note */
}

static void lg_sync(struct iommu_domain *domain,
		       struct iommu_iotlb_gather *gather)
{
	(void)domain;
	(void)gather;
}

const struct iommu_ops lg_iommu_ops = {
	.pgsize_bitmap	= 0x1000,
	.unmap		= lg_unmap,
	.iotlb_sync	= lg_sync,
};
