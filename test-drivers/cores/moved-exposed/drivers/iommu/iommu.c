// SPDX-License-Identifier: GPL-2.0
/*
 * cores/moved-exposed/drivers/iommu/iommu.c - the moved-loop mini core
 * without back-fill (written for the gatherlint corpus, not kernel code):
 * a tree that took the empty-gather skip but not the loop's back-fill.
 *
 * iommu_unmap() -> unmap_checked() -> unmap_dispatch() -> unmap_walk_driver():
 * two levels of helpers before the loop over the driver's ->unmap_pages()
 * (called through a local ops pointer), and none of them with a name the
 * probe knows.  The loop leaves the gather to the driver, so a driver
 * that never fills it loses its .iotlb_sync.  `gatherlint fix --fix=core`
 * must put the back-fill into unmap_walk_driver().
 *
 * Build check: gcc -fsyntax-only -Wall -Werror
 *	-I test-drivers/cores/moved-exposed/include -I test-drivers/include
 */
/* gatherlint: clean */
#include <linux/kernel.h>
#include <linux/bug.h>
#include <linux/iommu.h>

/* The largest page size the domain supports that fits at iova. */
static size_t pick_pgsize(const struct iommu_domain *domain, unsigned long iova,
			  size_t left)
{
	size_t pg = 1UL << (8 * sizeof(long) - 1);

	for (; pg; pg >>= 1)
		if ((domain->pgsize_bitmap & pg) && pg <= left && !(iova & (pg - 1)))
			return pg;
	return 0;
}

static size_t unmap_walk_driver(struct iommu_domain *domain,
				unsigned long iova, size_t len,
				struct iommu_iotlb_gather *iotlb_gather)
{
	const struct iommu_domain_ops *ops = domain->ops;
	size_t unmapped = 0, got, pg;

	while (unmapped < len) {
		pg = pick_pgsize(domain, iova, len - unmapped);
		if (!pg)
			return unmapped;
		got = ops->unmap_pages(domain, iova, pg, 1, iotlb_gather);
		if (!got)
			return unmapped;

		pr_debug("unmapped 0x%zx at 0x%lx\n", got, iova);
		iova += got;
		unmapped += got;
	}
	return unmapped;
}

static size_t unmap_dispatch(struct iommu_domain *domain, unsigned long iova,
			     size_t len, struct iommu_iotlb_gather *iotlb_gather)
{
	if (domain->walk)
		return domain->walk->unmap_range(domain, iova, len, iotlb_gather);
	return unmap_walk_driver(domain, iova, len, iotlb_gather);
}

static size_t unmap_checked(struct iommu_domain *domain, unsigned long iova,
			    size_t len, struct iommu_iotlb_gather *iotlb_gather)
{
	if (WARN_ON(!domain->ops->unmap_pages))
		return 0;
	if (!IS_ALIGNED(iova | len, domain->pgsize_bitmap & -domain->pgsize_bitmap))
		return 0;
	return unmap_dispatch(domain, iova, len, iotlb_gather);
}

size_t iommu_unmap(struct iommu_domain *domain, unsigned long iova, size_t len)
{
	struct iommu_iotlb_gather iotlb_gather;
	size_t ret;

	iommu_iotlb_gather_init(&iotlb_gather);
	ret = unmap_checked(domain, iova, len, &iotlb_gather);
	iommu_iotlb_sync(domain, &iotlb_gather);
	return ret;
}
