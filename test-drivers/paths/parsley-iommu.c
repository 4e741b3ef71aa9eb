// SPDX-License-Identifier: GPL-2.0
/*
 * parsley-iommu.c - paths: the gather carried in a struct (SPEC section 2,
 * "Fill": any local pointer or field that holds the gather).
 *
 * The unmap keeps the state of its page-table walk in a local struct;
 * one member of it holds the gather pointer:
 *
 *	struct parsley_unmap_args args = { .pending.gather = gather };
 *	parsley_walk(pd, iova, size, &args);
 *	parsley_gather_pending(&args.pending, iova, args.unmapped);
 *	return args.unmapped;
 *
 * and the helper fills the gather it finds in the member:
 *
 *	struct iommu_iotlb_gather *gather = pending->gather;
 *	if (!iommu_iotlb_gather_queued(gather))
 *		iommu_iotlb_gather_add_range(gather, iova, len);
 *
 * parsley_unmap_pages() passes the state to that helper: clean.
 * parsley_unmap_s2() stores the gather by assignment and passes the state
 * to a helper that adds only ranges larger than 2M: a 4K unmap returns a
 * nonzero size with the gather empty.
 *
 * Expected: unmap-gather-unfilled at the "return args.unmapped;" of
 * parsley_unmap_s2() (has sync), nothing else.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/iommu.h>

#define PARSLEY_REG_INV		0x40

struct parsley_domain {
	struct iommu_domain	domain;
	u64			*ptes;
	void __iomem		*base;
};

/* What one unmap has to hand to the TLB. */
struct parsley_pending {
	struct iommu_iotlb_gather	*gather;
	unsigned long			tables_freed;
};

/* The state of one unmap walk. */
struct parsley_unmap_args {
	struct parsley_pending	pending;
	size_t			unmapped;
};

static struct parsley_domain *to_parsley_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct parsley_domain, domain);
}

static void parsley_walk(struct parsley_domain *pd, unsigned long iova,
			 size_t size, struct parsley_unmap_args *args)
{
	u64 *pte = pd->ptes + (iova >> 12);

	while (args->unmapped < size && *pte) {
		*pte++ = 0;
		args->unmapped += SZ_4K;
	}
}

/* Adds the range of the walk to the gather it carries, unless queued. */
static void parsley_gather_pending(struct parsley_pending *pending,
				   unsigned long iova, size_t len)
{
	struct iommu_iotlb_gather *gather = pending->gather;

	if (!iommu_iotlb_gather_queued(gather))
		iommu_iotlb_gather_add_range(gather, iova, len);
}

/* Adds only block-sized ranges: small ones are flushed by the sync. */
static void parsley_note_pending(struct parsley_pending *pending,
				 unsigned long iova, size_t len)
{
	struct iommu_iotlb_gather *gather = pending->gather;

	if (len > SZ_2M)
		iommu_iotlb_gather_add_range(gather, iova, len);
	pending->tables_freed++;
}

static size_t parsley_unmap_pages(struct iommu_domain *domain, unsigned long iova,
				  size_t pgsize, size_t pgcount,
				  struct iommu_iotlb_gather *gather)
{
	struct parsley_domain *pd = to_parsley_domain(domain);
	struct parsley_unmap_args args = {
		.pending.gather = gather,
	};

	parsley_walk(pd, iova, pgsize * pgcount, &args);
	parsley_gather_pending(&args.pending, iova, args.unmapped);
	return args.unmapped;
}

static size_t parsley_unmap_s2(struct iommu_domain *domain, unsigned long iova,
			       size_t pgsize, size_t pgcount,
			       struct iommu_iotlb_gather *gather)
{
	struct parsley_domain *pd = to_parsley_domain(domain);
	struct parsley_unmap_args args;

	memset(&args, 0, sizeof(args));
	args.pending.gather = gather;
	parsley_walk(pd, iova, pgsize * pgcount, &args);
	parsley_note_pending(&args.pending, iova, args.unmapped);
	return args.unmapped; /* expect: unmap-gather-unfilled warning exposed=error protected=note */
}

static void parsley_iotlb_sync(struct iommu_domain *domain,
			       struct iommu_iotlb_gather *gather)
{
	struct parsley_domain *pd = to_parsley_domain(domain);

	writeq(gather->start, pd->base + PARSLEY_REG_INV);
}

static const struct iommu_domain_ops parsley_domain_ops = {
	.unmap_pages	= parsley_unmap_pages,
	.iotlb_sync	= parsley_iotlb_sync,
};

static const struct iommu_domain_ops parsley_s2_domain_ops = {
	.unmap_pages	= parsley_unmap_s2,
	.iotlb_sync	= parsley_iotlb_sync,
};

static struct iommu_domain *parsley_domain_alloc(unsigned int type)
{
	struct parsley_domain *pd;

	if (type != IOMMU_DOMAIN_UNMANAGED)
		return NULL;
	pd = kzalloc(sizeof(*pd), GFP_KERNEL);
	if (!pd)
		return NULL;
	pd->domain.ops = (type & 1) ? &parsley_s2_domain_ops : &parsley_domain_ops;
	return &pd->domain;
}

const struct iommu_ops parsley_iommu_ops = {
	.domain_alloc		= parsley_domain_alloc,
	.pgsize_bitmap		= SZ_4K | SZ_2M,
	.default_domain_ops	= &parsley_domain_ops,
};
