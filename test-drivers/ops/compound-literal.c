// SPDX-License-Identifier: GPL-2.0
/*
 * Entry point in a compound literal: .default_domain_ops = &(const struct
 * iommu_domain_ops){ ... } inside struct iommu_ops.
 */
#include <linux/iommu.h>

struct cl_domain {
	struct iommu_domain domain;
	u32 *ptes;
};

static size_t cl_unmap(struct iommu_domain *domain, unsigned long iova,
		       size_t pgsize, size_t pgcount,
		       struct iommu_iotlb_gather *gather)
{
	struct cl_domain *dom = container_of(domain, struct cl_domain, domain);

	dom->ptes[(iova >> 12) & 255] = 0;
	return pgsize * pgcount;	/* expect: unmap-gather-unfilled warning exposed=error protected=note */
}

static void cl_sync(struct iommu_domain *domain,
		       struct iommu_iotlb_gather *gather)
{
	(void)domain;
	(void)gather;
}

const struct iommu_ops cl_iommu_ops = {
	.pgsize_bitmap = 0x1000,
	.default_domain_ops = &(const struct iommu_domain_ops) {
		.unmap_pages	= cl_unmap,
		.iotlb_sync	= cl_sync,
	},
};
