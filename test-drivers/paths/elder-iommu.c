// SPDX-License-Identifier: GPL-2.0
/*
 * elder-iommu.c - paths: negative errno constants returned from a size_t
 * unmap.  "return -EINVAL;" is a huge nonzero size to the core: it is
 * reported by its own rule, unmap-returns-errno (warning), at EACH such
 * return, and it is NOT a nonzero path for the gather rule (a fill would
 * not fix it: the fix is "return 0").  The success path fills.
 *
 * Expected: unmap-returns-errno at both "return -E...;" lines, and no
 * unmap-gather-unfilled.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/iommu.h>

#define ELDER_PTE_VALID		BIT(0)
#define ELDER_REG_FLUSH		0x90

struct elder_domain {
	struct iommu_domain	domain;
	u32			*ptes;
	unsigned long		nr;
	bool			attached;
	void __iomem		*base;
};

static struct elder_domain *to_elder_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct elder_domain, domain);
}

static size_t elder_unmap_pages(struct iommu_domain *domain, unsigned long iova,
				size_t pgsize, size_t pgcount,
				struct iommu_iotlb_gather *gather)
{
	struct elder_domain *ed = to_elder_domain(domain);
	unsigned long idx = iova >> 12;
	size_t i;

	if (!ed->attached)
		return -ENODEV; /* expect: unmap-returns-errno warning */

	if (pgsize != SZ_4K || idx + pgcount > ed->nr)
		return -EINVAL; /* expect: unmap-returns-errno warning */

	for (i = 0; i < pgcount; i++)
		ed->ptes[idx + i] = 0;

	iommu_iotlb_gather_add_range(gather, iova, pgsize * pgcount);
	return pgsize * pgcount;
}

static void elder_iotlb_sync(struct iommu_domain *domain,
			     struct iommu_iotlb_gather *gather)
{
	(void)gather;
	writel(1, to_elder_domain(domain)->base + ELDER_REG_FLUSH);
}

static void elder_domain_free(struct iommu_domain *domain)
{
	kfree(to_elder_domain(domain));
}

static const struct iommu_domain_ops elder_domain_ops = {
	.unmap_pages	= elder_unmap_pages,
	.iotlb_sync	= elder_iotlb_sync,
	.free		= elder_domain_free,
};

const struct iommu_ops elder_iommu_ops = {
	.pgsize_bitmap		= SZ_4K,
	.default_domain_ops	= &elder_domain_ops,
};
