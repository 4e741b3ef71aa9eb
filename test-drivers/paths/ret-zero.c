// SPDX-License-Identifier: GPL-2.0
/*
 * 'return ret' where ret is 0 on the unfilled path (plain assignment).
 */
/* gatherlint: clean */
#include <linux/iommu.h>
#include <linux/errno.h>

struct rz_domain {
	struct iommu_domain domain;
	u32 *ptes;
	bool busy;
};

static size_t rz_unmap(struct iommu_domain *domain, unsigned long iova,
		       size_t pgsize, size_t pgcount,
		       struct iommu_iotlb_gather *gather)
{
	struct rz_domain *dom = container_of(domain, struct rz_domain, domain);
	size_t ret;

	ret = 0;
	if (dom->busy)
		goto out;

	dom->ptes[(iova >> 12) & 255] = 0;
	ret = pgsize * pgcount;
	iommu_iotlb_gather_add_range(gather, iova, ret);
out:
	return ret;
}

static void rz_sync(struct iommu_domain *domain,
		       struct iommu_iotlb_gather *gather)
{
	(void)domain;
	(void)gather;
}

const struct iommu_domain_ops rz_domain_ops = {
	.unmap_pages	= rz_unmap,
	.iotlb_sync	= rz_sync,
};
