// SPDX-License-Identifier: GPL-2.0
/*
 * A fill inside a loop that may run zero times: the zero-trip path returns
 * i * pgsize without a fill (the engines do not fold i == 0).
 */
#include <linux/iommu.h>
#include <linux/errno.h>

struct lz_domain {
	struct iommu_domain domain;
	u32 *ptes;
	bool busy;
};

static size_t lz_unmap(struct iommu_domain *domain, unsigned long iova,
		       size_t pgsize, size_t pgcount,
		       struct iommu_iotlb_gather *gather)
{
	struct lz_domain *dom = container_of(domain, struct lz_domain, domain);
	size_t i;

	for (i = 0; i < pgcount; i++) {
		dom->ptes[((iova >> 12) + i) & 255] = 0;
		iommu_iotlb_gather_add_range(gather, iova + i * pgsize, pgsize);
	}
	return i * pgsize;	/* expect: unmap-gather-unfilled warning exposed=error protected=note */
}

static void lz_sync(struct iommu_domain *domain,
		       struct iommu_iotlb_gather *gather)
{
	(void)domain;
	(void)gather;
}

const struct iommu_domain_ops lz_domain_ops = {
	.unmap_pages	= lz_unmap,
	.iotlb_sync	= lz_sync,
};
