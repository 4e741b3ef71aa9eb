// SPDX-License-Identifier: GPL-2.0
/*
 * Does not parse (a missing parenthesis): analysis-incomplete, never silent.
 * Not part of the compile check.
 */
#include <linux/iommu.h>

static size_t bp_unmap(struct iommu_domain *domain, unsigned long iova,	/* expect: analysis-incomplete warning */
		       size_t pgsize, size_t pgcount,
		       struct iommu_iotlb_gather *gather)
{
	if (pgcount > 1 {
		return pgsize;
	return 0;
}

const struct iommu_domain_ops bp_domain_ops = {
	.unmap_pages	= bp_unmap,
};
