// SPDX-License-Identifier: GPL-2.0
/*
 * Fills with iommu_iotlb_gather_add_page() per page (SMMUv3-like direct use).
 */
/* gatherlint: clean */
#include <linux/iommu.h>

struct ap_domain {
	struct iommu_domain domain;
	u64 *ptes;
};

static size_t ap_unmap(struct iommu_domain *domain, unsigned long iova,
		       size_t pgsize, size_t pgcount,
		       struct iommu_iotlb_gather *gather)
{
	struct ap_domain *dom = container_of(domain, struct ap_domain, domain);

	dom->ptes[(iova >> 12) & 511] = 0;
	iommu_iotlb_gather_add_page(domain, gather, iova, pgsize * pgcount);
	return pgsize * pgcount;
}

static void ap_sync(struct iommu_domain *domain,
		    struct iommu_iotlb_gather *gather)
{
	(void)domain;
	(void)gather;
}

const struct iommu_domain_ops ap_domain_ops = {
	.unmap_pages	= ap_unmap,
	.iotlb_sync	= ap_sync,
};
