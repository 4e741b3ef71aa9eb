// SPDX-License-Identifier: GPL-2.0
/*
 * vendor-retflush-iommu.c - paths: the flush happens inside the callee
 * whose value the entry point returns, "return clear(..., false);"
 * (SPEC section 2, "Flushed": a flush in a callee of the same file, also
 * when it flushes only for some values of a parameter and the caller
 * passes one of them as a constant).
 *
 * Found on a vendor page-table format (Qualcomm's downstream "fast"
 * format, 2026 vendor audit): its unmap callbacks are one-line
 * "return __unmap(ops, iova, size, false);" and __unmap() clears the
 * PTEs, flushes the whole TLB unless told the caller tolerates stale
 * entries, and returns the size.  rosemary-iommu.c covers the same flag
 * when the call is a statement followed by "return size;"; here the
 * flushing call is the return expression itself.
 *
 *	retflush_unmap_pages()   return retflush_clear(..., false);  flushed
 *	retflush_unmap_always()  return retflush_zap(...);  zap always flushes
 *	retflush_unmap_lazy()    return retflush_clear(..., true);   NOT flushed
 *
 * Expected: unmap-gather-unfilled at the return of retflush_unmap_lazy()
 * (has sync), nothing else.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/iommu.h>
#include <linux/io-pgtable.h>

#define RETFLUSH_REG_TLBIVA	0x18

struct retflush_domain {
	struct iommu_domain	domain;
	struct io_pgtable	iop;
	u64			*ptes;
	void __iomem		*base;
};

static struct retflush_domain *to_retflush_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct retflush_domain, domain);
}

/* Clears the range; flushes the whole TLB unless stale entries are allowed. */
static size_t retflush_clear(struct retflush_domain *rd, unsigned long iova,
			     size_t size, bool allow_stale)
{
	memset(rd->ptes + (iova >> 12), 0, (size >> 12) * sizeof(u64));
	if (!allow_stale)
		io_pgtable_tlb_flush_all(&rd->iop);
	return size;
}

/* Clears the range and always flushes. */
static size_t retflush_zap(struct retflush_domain *rd, unsigned long iova,
			   size_t size)
{
	memset(rd->ptes + (iova >> 12), 0, (size >> 12) * sizeof(u64));
	io_pgtable_tlb_flush_all(&rd->iop);
	return size;
}

static size_t retflush_unmap_pages(struct iommu_domain *domain, unsigned long iova,
				   size_t pgsize, size_t pgcount,
				   struct iommu_iotlb_gather *gather)
{
	struct retflush_domain *rd = to_retflush_domain(domain);

	(void)gather;
	return retflush_clear(rd, iova, pgsize * pgcount, false);
}

static size_t retflush_unmap_always(struct iommu_domain *domain, unsigned long iova,
				    size_t pgsize, size_t pgcount,
				    struct iommu_iotlb_gather *gather)
{
	struct retflush_domain *rd = to_retflush_domain(domain);

	(void)gather;
	return retflush_zap(rd, iova, pgsize * pgcount);
}

static size_t retflush_unmap_lazy(struct iommu_domain *domain, unsigned long iova,
				  size_t pgsize, size_t pgcount,
				  struct iommu_iotlb_gather *gather)
{
	struct retflush_domain *rd = to_retflush_domain(domain);

	(void)gather;
	return retflush_clear(rd, iova, pgsize * pgcount, true); /* expect: unmap-gather-unfilled warning exposed=error protected=note */
}

static void retflush_iotlb_sync(struct iommu_domain *domain,
				struct iommu_iotlb_gather *gather)
{
	struct retflush_domain *rd = to_retflush_domain(domain);

	writeq(gather->start, rd->base + RETFLUSH_REG_TLBIVA);
}

static const struct iommu_domain_ops retflush_domain_ops = {
	.unmap_pages	= retflush_unmap_pages,
	.iotlb_sync	= retflush_iotlb_sync,
};

static const struct iommu_domain_ops retflush_always_domain_ops = {
	.unmap_pages	= retflush_unmap_always,
	.iotlb_sync	= retflush_iotlb_sync,
};

static const struct iommu_domain_ops retflush_lazy_domain_ops = {
	.unmap_pages	= retflush_unmap_lazy,
	.iotlb_sync	= retflush_iotlb_sync,
};

static struct iommu_domain *retflush_domain_alloc(unsigned int type)
{
	struct retflush_domain *rd;

	if (type != IOMMU_DOMAIN_UNMANAGED && type != IOMMU_DOMAIN_DMA)
		return NULL;
	rd = kzalloc(sizeof(*rd), GFP_KERNEL);
	if (!rd)
		return NULL;
	if (type == IOMMU_DOMAIN_DMA)
		rd->domain.ops = &retflush_lazy_domain_ops;
	else if (rd->iop.cfg.quirks)
		rd->domain.ops = &retflush_always_domain_ops;
	else
		rd->domain.ops = &retflush_domain_ops;
	return &rd->domain;
}

const struct iommu_ops retflush_iommu_ops = {
	.domain_alloc		= retflush_domain_alloc,
	.pgsize_bitmap		= SZ_4K,
	.default_domain_ops	= &retflush_domain_ops,
};
