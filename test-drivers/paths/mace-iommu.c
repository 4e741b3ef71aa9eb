// SPDX-License-Identifier: GPL-2.0
/*
 * mace-iommu.c - paths: the uncovered return is the unbraced body of an
 * if:
 *	if (md->stage == MACE_STAGE_BYPASS_TLB)
 *		return size;
 * The fix must add braces around the inserted add_range and the return
 * (design.md section 4, case 4).
 *
 * Expected: unmap-gather-unfilled at that "return size;" (has sync);
 * the final return is filled.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/iommu.h>

#define MACE_STAGE_NORMAL	0
#define MACE_STAGE_BYPASS_TLB	1
#define MACE_REG_TLB_FLUSH	0x44

struct mace_domain {
	struct iommu_domain	domain;
	u64			*ptes;
	int			stage;
	void __iomem		*base;
};

static struct mace_domain *to_mace_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct mace_domain, domain);
}

static void mace_clear_ptes(struct mace_domain *md, unsigned long iova, size_t pgcount)
{
	size_t i;

	for (i = 0; i < pgcount; i++)
		WRITE_ONCE(md->ptes[(iova >> 12) + i], 0);
}

static size_t mace_unmap_pages(struct iommu_domain *domain, unsigned long iova,
			       size_t pgsize, size_t pgcount,
			       struct iommu_iotlb_gather *gather)
{
	struct mace_domain *md = to_mace_domain(domain);
	size_t size = pgsize * pgcount;

	mace_clear_ptes(md, iova, pgcount);
	if (md->stage == MACE_STAGE_BYPASS_TLB)
		return size; /* expect: unmap-gather-unfilled warning exposed=error protected=note */

	iommu_iotlb_gather_add_range(gather, iova, size);
	return size;
}

static void mace_iotlb_sync(struct iommu_domain *domain,
			    struct iommu_iotlb_gather *gather)
{
	(void)gather;
	writel(1, to_mace_domain(domain)->base + MACE_REG_TLB_FLUSH);
}

static void mace_domain_free(struct iommu_domain *domain)
{
	kfree(to_mace_domain(domain));
}

static const struct iommu_domain_ops mace_domain_ops = {
	.unmap_pages	= mace_unmap_pages,
	.iotlb_sync	= mace_iotlb_sync,
	.free		= mace_domain_free,
};

const struct iommu_ops mace_iommu_ops = {
	.pgsize_bitmap		= SZ_4K,
	.default_domain_ops	= &mace_domain_ops,
};
