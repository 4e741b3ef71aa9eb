// SPDX-License-Identifier: GPL-2.0
/*
 * hollow-iommu.c - paths: a vendor driver that grows the gather by hand,
 * storing gather->start and gather->end itself instead of calling
 * iommu_iotlb_gather_add_range() (SPEC section 2, "Fill": direct stores
 * to the range count as a fill).
 *
 * hollow_unmap_pages() grows the range on every path that returns the
 * size: clean.  hollow_unmap_legacy() (the second ops, an older hardware
 * revision) grows it only on the block path; its page path returns the
 * size with the gather untouched.
 *
 * Expected: unmap-gather-unfilled at the page path's "return size;" of
 * hollow_unmap_legacy() (has sync), nothing in hollow_unmap_pages().
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/iommu.h>

#define HOLLOW_PTE_VALID	BIT(0)
#define HOLLOW_PTE_BLOCK	BIT(1)
#define HOLLOW_REG_INV_START	0x40
#define HOLLOW_REG_INV_END	0x48

struct hollow_domain {
	struct iommu_domain	domain;
	u64			*ptes;
	void __iomem		*base;
};

static struct hollow_domain *to_hollow_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct hollow_domain, domain);
}

static u64 *hollow_pte(struct hollow_domain *hd, unsigned long iova)
{
	return hd->ptes + (iova >> 12);
}

static size_t hollow_unmap_pages(struct iommu_domain *domain, unsigned long iova,
				 size_t pgsize, size_t pgcount,
				 struct iommu_iotlb_gather *gather)
{
	struct hollow_domain *hd = to_hollow_domain(domain);
	size_t size = pgsize * pgcount;
	u64 *pte = hollow_pte(hd, iova);
	size_t i;

	for (i = 0; i < pgcount; i++)
		pte[i] = 0;

	/* grow the pending range by hand */
	if (iova < gather->start)
		gather->start = iova;
	if (iova + size - 1 > gather->end)
		gather->end = iova + size - 1;

	return size;
}

static size_t hollow_unmap_legacy(struct iommu_domain *domain, unsigned long iova,
				  size_t pgsize, size_t pgcount,
				  struct iommu_iotlb_gather *gather)
{
	struct hollow_domain *hd = to_hollow_domain(domain);
	size_t size = pgsize * pgcount;
	u64 *pte = hollow_pte(hd, iova);

	if (*pte & HOLLOW_PTE_BLOCK) {
		*pte = 0;
		gather->start = min(gather->start, iova);
		gather->end = max(gather->end, iova + size - 1);
		return size;
	}

	memset(pte, 0, pgcount * sizeof(*pte));
	return size; /* expect: unmap-gather-unfilled warning exposed=error protected=note */
}

static void hollow_iotlb_sync(struct iommu_domain *domain,
			      struct iommu_iotlb_gather *gather)
{
	struct hollow_domain *hd = to_hollow_domain(domain);

	writeq(gather->start, hd->base + HOLLOW_REG_INV_START);
	writeq(gather->end, hd->base + HOLLOW_REG_INV_END);
}

static const struct iommu_domain_ops hollow_domain_ops = {
	.unmap_pages	= hollow_unmap_pages,
	.iotlb_sync	= hollow_iotlb_sync,
};

static const struct iommu_domain_ops hollow_legacy_domain_ops = {
	.unmap_pages	= hollow_unmap_legacy,
	.iotlb_sync	= hollow_iotlb_sync,
};

static struct iommu_domain *hollow_domain_alloc(unsigned int type)
{
	struct hollow_domain *hd;

	if (type != IOMMU_DOMAIN_UNMANAGED)
		return NULL;
	hd = kzalloc(sizeof(*hd), GFP_KERNEL);
	if (!hd)
		return NULL;
	hd->domain.ops = (type & 1) ? &hollow_legacy_domain_ops : &hollow_domain_ops;
	return &hd->domain;
}

const struct iommu_ops hollow_iommu_ops = {
	.domain_alloc		= hollow_domain_alloc,
	.pgsize_bitmap		= SZ_4K | SZ_2M,
	.default_domain_ops	= &hollow_domain_ops,
};
