// SPDX-License-Identifier: GPL-2.0
/*
 * sun50i-style: one 4K page, legacy .unmap, returns SZ_4K without filling.
 */
#include <linux/iommu.h>
#include <linux/sizes.h>

struct sx_domain {
	struct iommu_domain domain;
	u32 *dt;
};

static size_t sx_unmap(struct iommu_domain *domain, unsigned long iova,
		       size_t size, struct iommu_iotlb_gather *gather)
{
	struct sx_domain *dom = container_of(domain, struct sx_domain, domain);
	u32 *pte = &dom->dt[(iova >> 12) & 4095];

	if (!*pte)
		return 0;

	*pte = 0;
	return SZ_4K;	/* expect: unmap-gather-unfilled warning exposed=error protected=note */
}

static void sx_sync(struct iommu_domain *domain,
		       struct iommu_iotlb_gather *gather)
{
	(void)domain;
	(void)gather;
}

const struct iommu_domain_ops sx_domain_ops = {
	.unmap		= sx_unmap,
	.iotlb_sync	= sx_sync,
};
