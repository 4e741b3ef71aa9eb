// SPDX-License-Identifier: GPL-2.0
/*
 * goto error exits that return 0: an empty gather is legitimate there.
 */
/* gatherlint: clean */
#include <linux/iommu.h>
#include <linux/errno.h>

struct gz_domain {
	struct iommu_domain domain;
	u32 *ptes;
	bool busy;
};

static size_t gz_unmap(struct iommu_domain *domain, unsigned long iova,
		       size_t pgsize, size_t pgcount,
		       struct iommu_iotlb_gather *gather)
{
	struct gz_domain *dom = container_of(domain, struct gz_domain, domain);
	size_t size = pgsize * pgcount;

	if (dom->busy)
		goto err;
	if (!dom->ptes)
		goto err;

	dom->ptes[(iova >> 12) & 255] = 0;
	iommu_iotlb_gather_add_range(gather, iova, size);
	return size;
err:
	return 0;
}

static void gz_sync(struct iommu_domain *domain,
		       struct iommu_iotlb_gather *gather)
{
	(void)domain;
	(void)gather;
}

const struct iommu_domain_ops gz_domain_ops = {
	.unmap_pages	= gz_unmap,
	.iotlb_sync	= gz_sync,
};
