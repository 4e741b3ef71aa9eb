// SPDX-License-Identifier: GPL-2.0
/*
 * Ops with .iotlb_sync = NULL (msm-like): a miss is a note.
 */
#include <linux/iommu.h>

struct sn_domain {
	struct iommu_domain domain;
	u32 *ptes;
};

static size_t sn_unmap(struct iommu_domain *domain, unsigned long iova,
		       size_t pgsize, size_t pgcount,
		       struct iommu_iotlb_gather *gather)
{
	struct sn_domain *dom = container_of(domain, struct sn_domain, domain);

	dom->ptes[(iova >> 12) & 255] = 0;
	return pgsize * pgcount;	/* expect: unmap-gather-unfilled note */
}

const struct iommu_domain_ops sn_domain_ops = {
	.unmap_pages	= sn_unmap,
	.iotlb_sync	= NULL,
};
