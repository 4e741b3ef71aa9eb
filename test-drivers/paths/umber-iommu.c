// SPDX-License-Identifier: GPL-2.0
/*
 * umber-iommu.c - paths: three uncovered nonzero returns in one entry
 * point.  SPEC: one finding per entry point, not per return; it is
 * placed at the LOWEST-numbered uncovered return, and the other two are
 * notes of that finding (the fix still patches all three).
 *
 * Expected: ONE unmap-gather-unfilled, at the first "return size;"
 * (the unbraced one inside the aperture test), has sync.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/iommu.h>

#define UMBER_WINDOW_END	SZ_16M
#define UMBER_REG_FLUSH		0x08

struct umber_domain {
	struct iommu_domain	domain;
	spinlock_t		lock;
	u64			*l1;
	u64			*l2;
	bool			has_fixed_window;
	void __iomem		*base;
};

static struct umber_domain *to_umber_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct umber_domain, domain);
}

static void umber_clear_huge(struct umber_domain *ud, unsigned long iova)
{
	WRITE_ONCE(ud->l1[(iova >> 30) & 511], 0);
}

static void umber_clear(struct umber_domain *ud, unsigned long iova, size_t pgcount)
{
	size_t i;

	for (i = 0; i < pgcount; i++)
		WRITE_ONCE(ud->l2[((iova >> 12) & 511) + i], 0);
}

static size_t umber_unmap_pages(struct iommu_domain *domain, unsigned long iova,
				size_t pgsize, size_t pgcount,
				struct iommu_iotlb_gather *gather)
{
	struct umber_domain *ud = to_umber_domain(domain);
	size_t size = pgsize * pgcount;
	unsigned long flags;

	/* The firmware window is never really mapped: pretend. */
	if (ud->has_fixed_window && iova < UMBER_WINDOW_END)
		return size; /* expect: unmap-gather-unfilled warning exposed=error protected=note */

	if (pgsize == SZ_1G) {
		umber_clear_huge(ud, iova);
		return size;
	}

	spin_lock_irqsave(&ud->lock, flags);
	umber_clear(ud, iova, pgcount);
	spin_unlock_irqrestore(&ud->lock, flags);
	(void)gather;

	return size;
}

static void umber_iotlb_sync(struct iommu_domain *domain,
			     struct iommu_iotlb_gather *gather)
{
	(void)gather;
	writel(1, to_umber_domain(domain)->base + UMBER_REG_FLUSH);
}

static void umber_domain_free(struct iommu_domain *domain)
{
	kfree(to_umber_domain(domain));
}

static const struct iommu_domain_ops umber_domain_ops = {
	.unmap_pages	= umber_unmap_pages,
	.iotlb_sync	= umber_iotlb_sync,
	.free		= umber_domain_free,
};

const struct iommu_ops umber_iommu_ops = {
	.pgsize_bitmap		= SZ_4K | SZ_1G,
	.default_domain_ops	= &umber_domain_ops,
};
