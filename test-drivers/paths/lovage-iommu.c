// SPDX-License-Identifier: GPL-2.0
/*
 * lovage-iommu.c - paths: a flush callback called directly through a
 * named iommu_flush_ops object, "lovage_flush_ops.tlb_flush_all(ld);"
 * (SPEC section 2, "Flushed": a flushed path needs no fill).
 *
 * lovage_unmap_pages() flushes the whole TLB on every path that returns
 * the size: clean.  lovage_unmap_s2() flushes only the block path; its
 * page path returns the size with nothing flushed and the gather empty.
 *
 * Expected: unmap-gather-unfilled at the last "return size;" of
 * lovage_unmap_s2() (has sync), nothing else.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/iommu.h>
#include <linux/io-pgtable.h>

#define LOVAGE_REG_TLBIALL	0x20
#define LOVAGE_REG_TLBIVA	0x28

struct lovage_domain {
	struct iommu_domain	domain;
	u64			*ptes;
	void __iomem		*base;
};

static struct lovage_domain *to_lovage_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct lovage_domain, domain);
}

static void lovage_tlb_flush_all(void *cookie)
{
	struct lovage_domain *ld = cookie;

	writel(1, ld->base + LOVAGE_REG_TLBIALL);
}

static void lovage_tlb_flush_walk(unsigned long iova, size_t size,
				  size_t granule, void *cookie)
{
	struct lovage_domain *ld = cookie;

	(void)size;
	(void)granule;
	writeq(iova, ld->base + LOVAGE_REG_TLBIVA);
}

static const struct iommu_flush_ops lovage_flush_ops = {
	.tlb_flush_all	= lovage_tlb_flush_all,
	.tlb_flush_walk	= lovage_tlb_flush_walk,
};

static size_t lovage_unmap_pages(struct iommu_domain *domain, unsigned long iova,
				 size_t pgsize, size_t pgcount,
				 struct iommu_iotlb_gather *gather)
{
	struct lovage_domain *ld = to_lovage_domain(domain);
	size_t size = pgsize * pgcount;

	(void)gather;
	memset(ld->ptes + (iova >> 12), 0, pgcount * sizeof(u64));
	lovage_flush_ops.tlb_flush_all(ld);
	return size;
}

static size_t lovage_unmap_s2(struct iommu_domain *domain, unsigned long iova,
			      size_t pgsize, size_t pgcount,
			      struct iommu_iotlb_gather *gather)
{
	struct lovage_domain *ld = to_lovage_domain(domain);
	size_t size = pgsize * pgcount;

	(void)gather;
	memset(ld->ptes + (iova >> 12), 0, pgcount * sizeof(u64));
	if (pgsize != SZ_4K) {
		lovage_flush_ops.tlb_flush_walk(iova, size, pgsize, ld);
		return size;
	}
	return size; /* expect: unmap-gather-unfilled warning exposed=error protected=note */
}

static void lovage_iotlb_sync(struct iommu_domain *domain,
			      struct iommu_iotlb_gather *gather)
{
	struct lovage_domain *ld = to_lovage_domain(domain);

	writeq(gather->start, ld->base + LOVAGE_REG_TLBIVA);
}

static const struct iommu_domain_ops lovage_domain_ops = {
	.unmap_pages	= lovage_unmap_pages,
	.iotlb_sync	= lovage_iotlb_sync,
};

static const struct iommu_domain_ops lovage_s2_domain_ops = {
	.unmap_pages	= lovage_unmap_s2,
	.iotlb_sync	= lovage_iotlb_sync,
};

static struct iommu_domain *lovage_domain_alloc(unsigned int type)
{
	struct lovage_domain *ld;

	if (type != IOMMU_DOMAIN_UNMANAGED)
		return NULL;
	ld = kzalloc(sizeof(*ld), GFP_KERNEL);
	if (!ld)
		return NULL;
	ld->domain.ops = (type & 1) ? &lovage_s2_domain_ops : &lovage_domain_ops;
	return &ld->domain;
}

const struct iommu_ops lovage_iommu_ops = {
	.domain_alloc		= lovage_domain_alloc,
	.pgsize_bitmap		= SZ_4K | SZ_2M,
	.default_domain_ops	= &lovage_domain_ops,
};
