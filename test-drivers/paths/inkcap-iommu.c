// SPDX-License-Identifier: GPL-2.0
/*
 * inkcap-iommu.c - paths: a fill under "if (gather)" (SPEC section 2,
 * "Fill": a path on which the gather pointer is NULL needs no fill; the
 * core never passes NULL, but the driver's own callers do).
 *
 * inkcap_unmap_pages() fills under "if (gather)" and its helper
 * inkcap_clear() returns early when there is no gather: clean.
 * inkcap_unmap_s2() fills only for 4K pages: with a gather and a 2M
 * page the size is returned with the gather empty.
 *
 * Expected: unmap-gather-unfilled at the "return size;" of
 * inkcap_unmap_s2() (has sync), nothing else.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/iommu.h>

#define INKCAP_REG_TLB_INV	0x30

struct inkcap_domain {
	struct iommu_domain	domain;
	u32			*ptes;
	void __iomem		*base;
};

static struct inkcap_domain *to_inkcap_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct inkcap_domain, domain);
}

/* Also called by the driver's map error path with a NULL gather. */
static size_t inkcap_clear(struct inkcap_domain *id, unsigned long iova,
			   size_t size, struct iommu_iotlb_gather *gather)
{
	memset(id->ptes + (iova >> 12), 0, (size >> 12) * sizeof(u32));
	if (!gather)
		return size;

	iommu_iotlb_gather_add_range(gather, iova, size);
	return size;
}

static size_t inkcap_unmap_pages(struct iommu_domain *domain, unsigned long iova,
				 size_t pgsize, size_t pgcount,
				 struct iommu_iotlb_gather *gather)
{
	struct inkcap_domain *id = to_inkcap_domain(domain);
	size_t size = pgsize * pgcount;

	if (pgsize == SZ_4K)
		return inkcap_clear(id, iova, size, gather);

	memset(id->ptes + (iova >> 12), 0, pgcount * sizeof(u32));
	if (gather)
		iommu_iotlb_gather_add_range(gather, iova, size);
	return size;
}

static size_t inkcap_unmap_s2(struct iommu_domain *domain, unsigned long iova,
			      size_t pgsize, size_t pgcount,
			      struct iommu_iotlb_gather *gather)
{
	struct inkcap_domain *id = to_inkcap_domain(domain);
	size_t size = pgsize * pgcount;

	memset(id->ptes + (iova >> 12), 0, pgcount * sizeof(u32));
	if (gather && pgsize == SZ_4K)
		iommu_iotlb_gather_add_range(gather, iova, size);
	return size; /* expect: unmap-gather-unfilled warning exposed=error protected=note */
}

static void inkcap_iotlb_sync(struct iommu_domain *domain,
			      struct iommu_iotlb_gather *gather)
{
	struct inkcap_domain *id = to_inkcap_domain(domain);

	writel((u32)(gather->start >> 12), id->base + INKCAP_REG_TLB_INV);
}

static const struct iommu_domain_ops inkcap_domain_ops = {
	.unmap_pages	= inkcap_unmap_pages,
	.iotlb_sync	= inkcap_iotlb_sync,
};

static const struct iommu_domain_ops inkcap_s2_domain_ops = {
	.unmap_pages	= inkcap_unmap_s2,
	.iotlb_sync	= inkcap_iotlb_sync,
};

static struct iommu_domain *inkcap_domain_alloc(unsigned int type)
{
	struct inkcap_domain *id;

	if (type != IOMMU_DOMAIN_UNMANAGED)
		return NULL;
	id = kzalloc(sizeof(*id), GFP_KERNEL);
	if (!id)
		return NULL;
	id->domain.ops = (type & 1) ? &inkcap_s2_domain_ops : &inkcap_domain_ops;
	return &id->domain;
}

const struct iommu_ops inkcap_iommu_ops = {
	.domain_alloc		= inkcap_domain_alloc,
	.pgsize_bitmap		= SZ_4K | SZ_2M,
	.default_domain_ops	= &inkcap_domain_ops,
};
