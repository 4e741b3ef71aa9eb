// SPDX-License-Identifier: GPL-2.0
/*
 * DART-style: delegates to the DART-like loop format; no flush ops at all,
 * and the format hands leaves to a tlb_add_page that does not exist.
 */
#include <linux/io-pgtable.h>

struct dd_domain {
	struct iommu_domain domain;
	struct io_pgtable_ops *pgtbl_ops;
	struct io_pgtable_cfg cfg;
};

static int dd_finalize(struct dd_domain *dom)
{
	dom->pgtbl_ops = alloc_io_pgtable_ops(APPLE_DART, &dom->cfg, dom);
	return dom->pgtbl_ops ? 0 : -1;
}

static size_t dd_unmap(struct iommu_domain *domain, unsigned long iova,
		       size_t pgsize, size_t pgcount,
		       struct iommu_iotlb_gather *gather)
{
	struct dd_domain *dom = container_of(domain, struct dd_domain, domain);
	struct io_pgtable_ops *ops = dom->pgtbl_ops;

	return ops->unmap_pages(ops, iova, pgsize, pgcount, gather);	/* expect: unmap-gather-unfilled warning exposed=error protected=note */
}

static void dd_sync(struct iommu_domain *domain,
		       struct iommu_iotlb_gather *gather)
{
	(void)domain;
	(void)gather;
}

const struct iommu_domain_ops dd_domain_ops = {
	.unmap_pages	= dd_unmap,
	.iotlb_sync	= dd_sync,
};

int dd_attach(struct dd_domain *dom)
{
	return dd_finalize(dom);
}
