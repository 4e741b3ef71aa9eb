// SPDX-License-Identifier: GPL-2.0
/*
 * rosemary-iommu.c - paths: a flush in a callee that depends on a flag
 * the caller passes as a constant (SPEC section 2, "Flushed").
 *
 * The driver clears its page table in one shared routine that flushes
 * the whole TLB synchronously unless the caller says it will flush later:
 *
 *	static void rosemary_clear(rd, iova, size, bool defer)
 *	{
 *		...clear the PTEs...
 *		if (!defer)
 *			rd->tlb->tlb_flush_all(rd);
 *	}
 *
 * rosemary_unmap_pages() calls it with "false": every path that returns
 * the size is flushed, clean.  rosemary_unmap_lazy() calls it with
 * "true" and never fills the gather: the size is returned with nothing
 * flushed and the gather empty.
 *
 * Expected: unmap-gather-unfilled at the "return size;" of
 * rosemary_unmap_lazy() (has sync), nothing else.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/iommu.h>
#include <linux/io-pgtable.h>

#define ROSEMARY_REG_TLBIALL	0x10
#define ROSEMARY_REG_TLBIVA	0x18

struct rosemary_domain {
	struct iommu_domain		domain;
	u64				*ptes;
	const struct iommu_flush_ops	*tlb;
	void __iomem			*base;
};

static struct rosemary_domain *to_rosemary_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct rosemary_domain, domain);
}

static void rosemary_tlb_flush_all(void *cookie)
{
	struct rosemary_domain *rd = cookie;

	writel(1, rd->base + ROSEMARY_REG_TLBIALL);
}

static const struct iommu_flush_ops rosemary_flush_ops = {
	.tlb_flush_all	= rosemary_tlb_flush_all,
};

/* Clears the PTEs of the range; flushes the TLB unless the caller defers. */
static void rosemary_clear(struct rosemary_domain *rd, unsigned long iova,
			   size_t size, bool defer)
{
	memset(rd->ptes + (iova >> 12), 0, (size >> 12) * sizeof(u64));
	if (!defer)
		rd->tlb->tlb_flush_all(rd);
}

static size_t rosemary_unmap_pages(struct iommu_domain *domain, unsigned long iova,
				   size_t pgsize, size_t pgcount,
				   struct iommu_iotlb_gather *gather)
{
	struct rosemary_domain *rd = to_rosemary_domain(domain);
	size_t size = pgsize * pgcount;

	(void)gather;
	rosemary_clear(rd, iova, size, false);
	return size;
}

static size_t rosemary_unmap_lazy(struct iommu_domain *domain, unsigned long iova,
				  size_t pgsize, size_t pgcount,
				  struct iommu_iotlb_gather *gather)
{
	struct rosemary_domain *rd = to_rosemary_domain(domain);
	size_t size = pgsize * pgcount;

	(void)gather;
	rosemary_clear(rd, iova, size, true);
	return size; /* expect: unmap-gather-unfilled warning exposed=error protected=note */
}

static void rosemary_iotlb_sync(struct iommu_domain *domain,
				struct iommu_iotlb_gather *gather)
{
	struct rosemary_domain *rd = to_rosemary_domain(domain);

	writeq(gather->start, rd->base + ROSEMARY_REG_TLBIVA);
}

static const struct iommu_domain_ops rosemary_domain_ops = {
	.unmap_pages	= rosemary_unmap_pages,
	.iotlb_sync	= rosemary_iotlb_sync,
};

static const struct iommu_domain_ops rosemary_lazy_domain_ops = {
	.unmap_pages	= rosemary_unmap_lazy,
	.iotlb_sync	= rosemary_iotlb_sync,
};

static struct iommu_domain *rosemary_domain_alloc(unsigned int type)
{
	struct rosemary_domain *rd;

	if (type != IOMMU_DOMAIN_UNMANAGED && type != IOMMU_DOMAIN_DMA)
		return NULL;
	rd = kzalloc(sizeof(*rd), GFP_KERNEL);
	if (!rd)
		return NULL;
	rd->tlb = &rosemary_flush_ops;
	rd->domain.ops = type == IOMMU_DOMAIN_DMA ? &rosemary_lazy_domain_ops :
						    &rosemary_domain_ops;
	return &rd->domain;
}

const struct iommu_ops rosemary_iommu_ops = {
	.domain_alloc		= rosemary_domain_alloc,
	.pgsize_bitmap		= SZ_4K | SZ_2M,
	.default_domain_ops	= &rosemary_domain_ops,
};
