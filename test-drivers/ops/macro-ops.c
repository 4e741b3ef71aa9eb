// SPDX-License-Identifier: GPL-2.0
/*
 * s390-style: the ops initializer is produced by a macro; Coccinelle does
 * not expand it (spatch reports the macro it cannot parse), gatherlint's
 * textual pre-pass reads the #define bodies and finds the entry point.
 */
#include <linux/iommu.h>

struct mo_domain {
	struct iommu_domain domain;
	u32 *ptes;
};

static size_t mo_unmap(struct iommu_domain *domain, unsigned long iova,
		       size_t pgsize, size_t pgcount,
		       struct iommu_iotlb_gather *gather)
{
	struct mo_domain *dom = container_of(domain, struct mo_domain, domain);

	dom->ptes[(iova >> 12) & 255] = 0;
	return pgsize * pgcount;	/* expect: unmap-gather-unfilled warning exposed=error protected=note */
}

static void mo_sync(struct iommu_domain *domain,
		       struct iommu_iotlb_gather *gather)
{
	(void)domain;
	(void)gather;
}

#define MO_DOMAIN_OPS(unmap_fn, sync_fn)	\
	{					\
		.unmap_pages	= unmap_fn,	\
		.iotlb_sync	= sync_fn,	\
	}

#define MO_OPS_INIT			\
	.unmap_pages	= mo_unmap,	/* expect: analysis-incomplete warning engine=cocci */ \
	.iotlb_sync	= mo_sync

const struct iommu_domain_ops mo_domain_ops = { MO_OPS_INIT };
