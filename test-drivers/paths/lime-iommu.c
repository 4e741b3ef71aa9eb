// SPDX-License-Identifier: GPL-2.0
/*
 * lime-iommu.c - paths: a return hidden in a STATEMENT macro,
 *	LIME_BAIL_IF_OFFLINE(ld, size);
 * expands to "do { if (...) return (size); } while (0)": an early nonzero
 * return without a fill.  The GCC engine sees the expanded return and
 * reports it at the line where the macro is used (the expansion point).
 * Coccinelle does not expand macros and sees no return there, so it has
 * nothing to report (engine=gcc): this is a legitimate difference in what
 * the engines see.  The ops has no .iotlb_sync (the driver waits for
 * each invalidation itself), so the finding is a note and the fix list
 * (warning and above) is the same for both engines.
 *
 * Expected: unmap-gather-unfilled note, GCC engine only, at the
 * LIME_BAIL_IF_OFFLINE line.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/iommu.h>

#define LIME_PTE_VALID		BIT(0)
#define LIME_REG_INV		0x24
#define LIME_REG_INV_DONE	0x28

#define LIME_BAIL_IF_OFFLINE(ld, sz)		\
	do {					\
		if ((ld)->offline)		\
			return (sz);		\
	} while (0)

struct lime_domain {
	struct iommu_domain	domain;
	u32			*ptes;
	bool			offline;
	void __iomem		*base;
};

static struct lime_domain *to_lime_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct lime_domain, domain);
}

static void lime_inv_wait(struct lime_domain *ld, unsigned long iova)
{
	writel((u32)iova, ld->base + LIME_REG_INV);
	while (!readl(ld->base + LIME_REG_INV_DONE))
		;
}

static size_t lime_unmap_pages(struct iommu_domain *domain, unsigned long iova,
			       size_t pgsize, size_t pgcount,
			       struct iommu_iotlb_gather *gather)
{
	struct lime_domain *ld = to_lime_domain(domain);
	size_t i, size = pgsize * pgcount;

	for (i = 0; i < pgcount; i++)
		ld->ptes[(iova >> 12) + i] = 0;

	LIME_BAIL_IF_OFFLINE(ld, size); /* expect: unmap-gather-unfilled note engine=gcc */

	for (i = 0; i < pgcount; i++)
		lime_inv_wait(ld, iova + i * pgsize);

	iommu_iotlb_gather_add_range(gather, iova, size);
	return size;
}

static void lime_domain_free(struct iommu_domain *domain)
{
	kfree(to_lime_domain(domain));
}

static const struct iommu_domain_ops lime_domain_ops = {
	.unmap_pages	= lime_unmap_pages,
	.free		= lime_domain_free,
};

const struct iommu_ops lime_iommu_ops = {
	.pgsize_bitmap		= SZ_4K,
	.default_domain_ops	= &lime_domain_ops,
};
