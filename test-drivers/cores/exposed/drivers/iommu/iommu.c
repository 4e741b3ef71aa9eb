// SPDX-License-Identifier: GPL-2.0
/*
 * cores/exposed/drivers/iommu/iommu.c - the EXPOSED mini core's unmap path,
 * written for the gatherlint corpus (not kernel code): __iommu_unmap()
 * calls the driver's unmap_pages (or legacy unmap) in a loop until the
 * range is done, and iommu_unmap() syncs the gather afterwards.
 * The loop does not back-fill the gather: what the driver leaves in it is
 * what iommu_iotlb_sync() sees.
 *
 * Build check: gcc -fsyntax-only -Wall -Werror
 *	-I test-drivers/cores/<state>/include -I test-drivers/include
 */
/* gatherlint: clean */
#include <linux/kernel.h>
#include <linux/iommu.h>

/* Largest supported page size that fits alignment and length. */
static size_t iommu_pgsize(struct iommu_domain *domain, unsigned long iova,
			   size_t size, size_t *count)
{
	unsigned long pgsizes = domain->pgsize_bitmap;
	unsigned int pgsize_idx;
	size_t pgsize;

	/* Page sizes no larger than the remaining size */
	pgsizes &= GENMASK(63 - __builtin_clzl(size), 0);
	/* ... and aligned to the iova */
	if (iova)
		pgsizes &= GENMASK(__builtin_ctzl(iova), 0);
	if (WARN_ON(!pgsizes))
		return 0;

	pgsize_idx = 63 - __builtin_clzl(pgsizes);
	pgsize = 1UL << pgsize_idx;
	*count = size >> pgsize_idx;
	return pgsize;
}

static size_t __iommu_unmap(struct iommu_domain *domain,
			    unsigned long iova, size_t size,
			    struct iommu_iotlb_gather *iotlb_gather)
{
	const struct iommu_domain_ops *ops = domain->ops;
	size_t unmapped_page, unmapped = 0;
	unsigned long min_pagesz;

	if (WARN_ON(!ops->unmap_pages && !ops->unmap))
		return 0;

	/* find out the minimum page size supported */
	min_pagesz = 1UL << __builtin_ctzl(domain->pgsize_bitmap);
	if (!IS_ALIGNED(iova | size, min_pagesz))
		return 0;

	pr_debug("unmap this: iova 0x%lx size 0x%zx\n", iova, size);

	/*
	 * Keep iterating until we either unmap 'size' bytes (or more)
	 * or we hit an area that isn't mapped.
	 */
	while (unmapped < size) {
		size_t pgsize, count = 1;

		pgsize = iommu_pgsize(domain, iova, size - unmapped, &count);
		if (ops->unmap_pages)
			unmapped_page = ops->unmap_pages(domain, iova, pgsize, count, iotlb_gather);
		else
			unmapped_page = ops->unmap(domain, iova, pgsize, iotlb_gather);
		if (!unmapped_page)
			break;

		pr_debug("unmapped: iova 0x%lx size 0x%zx\n", iova, unmapped_page);

		iova += unmapped_page;
		unmapped += unmapped_page;
	}

	return unmapped;
}

size_t iommu_unmap(struct iommu_domain *domain, unsigned long iova, size_t size)
{
	struct iommu_iotlb_gather iotlb_gather;
	size_t ret;

	iommu_iotlb_gather_init(&iotlb_gather);
	ret = __iommu_unmap(domain, iova, size, &iotlb_gather);
	iommu_iotlb_sync(domain, &iotlb_gather);

	return ret;
}

size_t iommu_unmap_fast(struct iommu_domain *domain, unsigned long iova,
			size_t size, struct iommu_iotlb_gather *iotlb_gather)
{
	return __iommu_unmap(domain, iova, size, iotlb_gather);
}
