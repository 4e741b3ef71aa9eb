// SPDX-License-Identifier: GPL-2.0
/*
 * kelp-iommu.c - paths: a macro-wrapped return value,
 *	return KELP_PAGES_TO_BYTES(cleared, pgsize);
 * Both engines see a return whose value is not 0 nor an errno constant
 * (Coccinelle sees a call-like macro use, GCC the expanded product), so
 * both report it at that line.  For the fix, EXPR is the source text
 * "KELP_PAGES_TO_BYTES(cleared, pgsize)", which reads as a call: it is
 * stored in a local first (design.md section 4, case 2).
 *
 * Expected: unmap-gather-unfilled at the "return KELP_PAGES_TO_BYTES"
 * line (has sync).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/iommu.h>

#define KELP_PAGES_TO_BYTES(n, pgsize)	((size_t)(n) * (pgsize))
#define KELP_PTE_VALID			BIT(0)
#define KELP_REG_TLB_INVALL		0x60

struct kelp_domain {
	struct iommu_domain	domain;
	u32			*ptes;
	void __iomem		*base;
};

static struct kelp_domain *to_kelp_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct kelp_domain, domain);
}

static size_t kelp_unmap_pages(struct iommu_domain *domain, unsigned long iova,
			       size_t pgsize, size_t pgcount,
			       struct iommu_iotlb_gather *gather)
{
	struct kelp_domain *kd = to_kelp_domain(domain);
	unsigned int cleared = 0;
	u32 *pte = &kd->ptes[iova >> 12];

	while (cleared < pgcount && (pte[cleared] & KELP_PTE_VALID))
		pte[cleared++] = 0;

	if (!cleared)
		return 0;

	return KELP_PAGES_TO_BYTES(cleared, pgsize); /* expect: unmap-gather-unfilled warning exposed=error protected=note */
}

static void kelp_iotlb_sync(struct iommu_domain *domain,
			    struct iommu_iotlb_gather *gather)
{
	(void)gather;
	writel(1, to_kelp_domain(domain)->base + KELP_REG_TLB_INVALL);
}

static void kelp_domain_free(struct iommu_domain *domain)
{
	kfree(to_kelp_domain(domain));
}

static const struct iommu_domain_ops kelp_domain_ops = {
	.unmap_pages	= kelp_unmap_pages,
	.iotlb_sync	= kelp_iotlb_sync,
	.free		= kelp_domain_free,
};

const struct iommu_ops kelp_iommu_ops = {
	.pgsize_bitmap		= SZ_4K,
	.default_domain_ops	= &kelp_domain_ops,
};
