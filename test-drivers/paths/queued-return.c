// SPDX-License-Identifier: GPL-2.0
/*
 * A return taken only when the gather is queued (lazy mode): no fill needed.
 */
/* gatherlint: clean */
#include <linux/iommu.h>
#include <linux/errno.h>

struct qr_domain {
	struct iommu_domain domain;
	u32 *ptes;
	bool busy;
};

static size_t qr_unmap(struct iommu_domain *domain, unsigned long iova,
		       size_t pgsize, size_t pgcount,
		       struct iommu_iotlb_gather *gather)
{
	struct qr_domain *dom = container_of(domain, struct qr_domain, domain);
	size_t size = pgsize * pgcount;

	dom->ptes[(iova >> 12) & 255] = 0;
	if (iommu_iotlb_gather_queued(gather))
		return size;

	iommu_iotlb_gather_add_range(gather, iova, size);
	return size;
}

static void qr_sync(struct iommu_domain *domain,
		       struct iommu_iotlb_gather *gather)
{
	(void)domain;
	(void)gather;
}

const struct iommu_domain_ops qr_domain_ops = {
	.unmap_pages	= qr_unmap,
	.iotlb_sync	= qr_sync,
};
