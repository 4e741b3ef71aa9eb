// SPDX-License-Identifier: GPL-2.0
/*
 * A macro-wrapped return value: return MW_BYTES(pgcount, pgsize).
 */
#include <linux/iommu.h>
#include <linux/errno.h>

#define MW_BYTES(n, sz)	((size_t)(n) * (sz))

struct mw_domain {
	struct iommu_domain domain;
	u32 *ptes;
	bool busy;
};

static size_t mw_unmap(struct iommu_domain *domain, unsigned long iova,
		       size_t pgsize, size_t pgcount,
		       struct iommu_iotlb_gather *gather)
{
	struct mw_domain *dom = container_of(domain, struct mw_domain, domain);

	dom->ptes[(iova >> 12) & 255] = 0;
	return MW_BYTES(pgcount, pgsize);	/* expect: unmap-gather-unfilled warning exposed=error protected=note */
}

static void mw_sync(struct iommu_domain *domain,
		       struct iommu_iotlb_gather *gather)
{
	(void)domain;
	(void)gather;
}

const struct iommu_domain_ops mw_domain_ops = {
	.unmap_pages	= mw_unmap,
	.iotlb_sync	= mw_sync,
};
