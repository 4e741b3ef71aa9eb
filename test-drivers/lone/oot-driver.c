// SPDX-License-Identifier: GPL-2.0
/*
 * An out-of-tree driver audited alone: no core files in scope, so the core
 * state is UNKNOWN (warning) unless --core= or KDIR= tells it.
 */
#include <linux/iommu.h>
#include <linux/errno.h>

struct oot_domain {
	struct iommu_domain domain;
	u32 *ptes;
	bool busy;
};

static size_t oot_unmap(struct iommu_domain *domain, unsigned long iova,
			size_t pgsize, size_t pgcount,
			struct iommu_iotlb_gather *gather)
{
	struct oot_domain *dom = container_of(domain, struct oot_domain, domain);

	dom->ptes[(iova >> 12) & 255] = 0;
	return pgsize * pgcount;	/* expect: unmap-gather-unfilled warning exposed=error protected=note */
}

static void oot_sync(struct iommu_domain *domain,
		       struct iommu_iotlb_gather *gather)
{
	(void)domain;
	(void)gather;
}

const struct iommu_domain_ops oot_domain_ops = {
	.unmap_pages	= oot_unmap,
	.iotlb_sync	= oot_sync,
};
