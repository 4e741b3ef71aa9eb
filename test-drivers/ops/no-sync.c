// SPDX-License-Identifier: GPL-2.0
/*
 * Ops without .iotlb_sync: the driver flushes in unmap; a miss is a note.
 */
#include <linux/iommu.h>

struct ns_domain {
	struct iommu_domain domain;
	u32 *ptes;
};

static size_t ns_unmap(struct iommu_domain *domain, unsigned long iova,
		       size_t pgsize, size_t pgcount,
		       struct iommu_iotlb_gather *gather)
{
	struct ns_domain *dom = container_of(domain, struct ns_domain, domain);

	dom->ptes[(iova >> 12) & 255] = 0;
	return pgsize * pgcount;	/* expect: unmap-gather-unfilled note */
}

const struct iommu_domain_ops ns_domain_ops = {
	.unmap_pages	= ns_unmap,
};
