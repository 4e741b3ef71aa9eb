// SPDX-License-Identifier: GPL-2.0
/*
 * jasmine-iommu.c - paths: the gather reached through a local alias,
 * "struct iommu_iotlb_gather *g = gather;" (SPEC section 2, "Fill": any
 * local pointer that holds the gather).
 *
 * jasmine_unmap_pages() fills through the alias, directly on the block
 * path and through a filler helper on the page path: clean.
 * jasmine_unmap_s2() fills through its alias on the block path only.
 *
 * Expected: unmap-gather-unfilled at the last "return size;" of
 * jasmine_unmap_s2() (has sync), nothing else.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/iommu.h>

#define JASMINE_REG_INV		0x80

struct jasmine_domain {
	struct iommu_domain	domain;
	u64			*ptes;
	void __iomem		*base;
	unsigned long		unmapped_bytes;
};

static struct jasmine_domain *to_jasmine_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct jasmine_domain, domain);
}

static void jasmine_note(struct jasmine_domain *jd,
			 struct iommu_iotlb_gather *gather,
			 unsigned long iova, size_t size)
{
	jd->unmapped_bytes += size;
	iommu_iotlb_gather_add_range(gather, iova, size);
}

static size_t jasmine_unmap_pages(struct iommu_domain *domain, unsigned long iova,
				  size_t pgsize, size_t pgcount,
				  struct iommu_iotlb_gather *gather)
{
	struct jasmine_domain *jd = to_jasmine_domain(domain);
	struct iommu_iotlb_gather *g = gather;
	size_t size = pgsize * pgcount;

	memset(jd->ptes + (iova >> 12), 0, pgcount * sizeof(u64));
	if (pgsize != SZ_4K) {
		iommu_iotlb_gather_add_range(g, iova, size);
		return size;
	}

	jasmine_note(jd, g, iova, size);
	return size;
}

static size_t jasmine_unmap_s2(struct iommu_domain *domain, unsigned long iova,
			       size_t pgsize, size_t pgcount,
			       struct iommu_iotlb_gather *gather)
{
	struct jasmine_domain *jd = to_jasmine_domain(domain);
	struct iommu_iotlb_gather *g;
	size_t size = pgsize * pgcount;

	g = gather;
	memset(jd->ptes + (iova >> 12), 0, pgcount * sizeof(u64));
	if (pgsize != SZ_4K) {
		iommu_iotlb_gather_add_range(g, iova, size);
		return size;
	}

	return size; /* expect: unmap-gather-unfilled warning exposed=error protected=note */
}

static void jasmine_iotlb_sync(struct iommu_domain *domain,
			       struct iommu_iotlb_gather *gather)
{
	struct jasmine_domain *jd = to_jasmine_domain(domain);

	writeq(gather->start, jd->base + JASMINE_REG_INV);
}

static const struct iommu_domain_ops jasmine_domain_ops = {
	.unmap_pages	= jasmine_unmap_pages,
	.iotlb_sync	= jasmine_iotlb_sync,
};

static const struct iommu_domain_ops jasmine_s2_domain_ops = {
	.unmap_pages	= jasmine_unmap_s2,
	.iotlb_sync	= jasmine_iotlb_sync,
};

static struct iommu_domain *jasmine_domain_alloc(unsigned int type)
{
	struct jasmine_domain *jd;

	if (type != IOMMU_DOMAIN_UNMANAGED)
		return NULL;
	jd = kzalloc(sizeof(*jd), GFP_KERNEL);
	if (!jd)
		return NULL;
	jd->domain.ops = (type & 1) ? &jasmine_s2_domain_ops : &jasmine_domain_ops;
	return &jd->domain;
}

const struct iommu_ops jasmine_iommu_ops = {
	.domain_alloc		= jasmine_domain_alloc,
	.pgsize_bitmap		= SZ_4K | SZ_2M,
	.default_domain_ops	= &jasmine_domain_ops,
};
