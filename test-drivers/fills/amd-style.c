// SPDX-License-Identifier: GPL-2.0
/*
 * AMD-style: delegates to its page table with a NULL gather, then fills
 * with its own wrapper (which may sync first, then add_range).  The
 * zero case returns 0 explicitly, so every nonzero path fills.
 */
/* gatherlint: clean */
#include <linux/io-pgtable.h>

struct amdish_domain {
	struct iommu_domain domain;
	struct io_pgtable_ops *iop;
	bool np_cache;
};

static void amdish_gather_add_page(struct iommu_domain *domain,
				   struct iommu_iotlb_gather *gather,
				   unsigned long iova, size_t size)
{
	struct amdish_domain *dom = container_of(domain, struct amdish_domain, domain);

	if (dom->np_cache && iommu_iotlb_gather_is_disjoint(gather, iova, size))
		iommu_iotlb_sync(domain, gather);

	iommu_iotlb_gather_add_range(gather, iova, size);
}

static size_t amdish_unmap(struct iommu_domain *domain, unsigned long iova,
			   size_t pgsize, size_t pgcount,
			   struct iommu_iotlb_gather *gather)
{
	struct amdish_domain *dom = container_of(domain, struct amdish_domain, domain);
	struct io_pgtable_ops *ops = dom->iop;
	size_t r;

	r = ops->unmap_pages(ops, iova, pgsize, pgcount, NULL);
	if (!r)
		return 0;

	amdish_gather_add_page(domain, gather, iova, r);
	return r;
}

static void amdish_sync(struct iommu_domain *domain,
			struct iommu_iotlb_gather *gather)
{
	(void)domain;
	(void)gather;
}

const struct iommu_domain_ops amdish_domain_ops = {
	.unmap_pages	= amdish_unmap,
	.iotlb_sync	= amdish_sync,
};
