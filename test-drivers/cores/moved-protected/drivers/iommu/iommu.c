// SPDX-License-Identifier: GPL-2.0
/*
 * cores/moved-protected/drivers/iommu/iommu.c - the moved-loop mini core
 * (written for the gatherlint corpus, not kernel code).
 *
 * iommu_unmap() -> do_unmap() only checks and dispatches: a domain with
 * walk ops is unmapped by the core's own walker, any other one by
 * unmap_by_driver(), which holds the loop over the driver's
 * ->unmap_pages().  None of these names is one the probe knows: it must
 * find the loop by what it does.  After each successful step the loop
 * back-fills a gather the driver left empty (through a helper that tests
 * emptiness), so iommu_iotlb_sync() still calls .iotlb_sync.
 *
 * Build check: gcc -fsyntax-only -Wall -Werror
 *	-I test-drivers/cores/moved-protected/include -I test-drivers/include
 */
/* gatherlint: clean */
#include <linux/kernel.h>
#include <linux/bug.h>
#include <linux/iommu.h>

/* The largest page size the domain supports that fits at iova. */
static size_t step_size(const struct iommu_domain *domain, unsigned long iova,
			size_t left)
{
	unsigned long sizes = domain->pgsize_bitmap;
	size_t best = 0, pg;
	unsigned int bit;

	for (bit = 0; bit < 8 * sizeof(sizes); bit++) {
		pg = 1UL << bit;
		if (!(sizes & pg) || pg > left || (iova & (pg - 1)))
			continue;
		best = pg;
	}
	return best;
}

static size_t unmap_by_driver(struct iommu_domain *domain, unsigned long iova,
			      size_t len, struct iommu_iotlb_gather *gather)
{
	size_t done = 0, step;

	for (;;) {
		size_t pg = step_size(domain, iova, len - done);

		if (!pg)
			break;
		step = domain->ops->unmap_pages(domain, iova, pg, 1, gather);
		if (step == 0)
			break;

		if (iommu_iotlb_gather_is_empty(gather))
			iommu_iotlb_gather_add_range(gather, iova, step);

		iova += step;
		done += step;
		if (done >= len)
			break;
	}
	return done;
}

static size_t do_unmap(struct iommu_domain *domain, unsigned long iova,
		       size_t len, struct iommu_iotlb_gather *gather)
{
	if (WARN_ON(!domain->pgsize_bitmap))
		return 0;
	if (domain->walk)
		return domain->walk->unmap_range(domain, iova, len, gather);
	return unmap_by_driver(domain, iova, len, gather);
}

size_t iommu_unmap(struct iommu_domain *domain, unsigned long iova, size_t len)
{
	struct iommu_iotlb_gather gather;
	size_t ret;

	iommu_iotlb_gather_init(&gather);
	ret = do_unmap(domain, iova, len, &gather);
	iommu_iotlb_sync(domain, &gather);
	return ret;
}
