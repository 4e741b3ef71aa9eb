// SPDX-License-Identifier: GPL-2.0
/*
 * The size comes from a call in the return statement; the fix stores it in
 * a local first (the call has side effects).
 */
#include <linux/iommu.h>
#include <linux/errno.h>

struct rc_domain {
	struct iommu_domain domain;
	u32 *ptes;
	bool busy;
};

static size_t rc_clear(struct rc_domain *dom, unsigned long iova, size_t size)
{
	dom->ptes[(iova >> 12) & 255] = 0;
	return size;
}

static size_t rc_unmap(struct iommu_domain *domain, unsigned long iova,
		       size_t pgsize, size_t pgcount,
		       struct iommu_iotlb_gather *gather)
{
	struct rc_domain *dom = container_of(domain, struct rc_domain, domain);

	return rc_clear(dom, iova, pgsize * pgcount);	/* expect: unmap-gather-unfilled warning exposed=error protected=note */
}

static void rc_sync(struct iommu_domain *domain,
		       struct iommu_iotlb_gather *gather)
{
	(void)domain;
	(void)gather;
}

const struct iommu_domain_ops rc_domain_ops = {
	.unmap_pages	= rc_unmap,
	.iotlb_sync	= rc_sync,
};
