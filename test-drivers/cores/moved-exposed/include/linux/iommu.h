/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cores/moved-exposed/include/linux/iommu.h - a mini core for the
 * gatherlint corpus (written for it, not kernel code), in the shape of
 * the later kernels: the unmap loop no longer sits in the function that
 * iommu_unmap() calls, but in a helper further down (drivers/iommu/iommu.c).
 * The sync below returns early on an empty gather (a helper tests it),
 * and the loop does not back-fill: the tree is EXPOSED.
 *
 * Built with -I test-drivers/cores/moved-exposed/include -I test-drivers/include
 */
/* core-probe: EXPOSED */
#ifndef __LINUX_IOMMU_H
#define __LINUX_IOMMU_H

#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/compiler.h>

struct iommu_domain;

/* What an unmap leaves to be flushed: the range [start, end]. */
struct iommu_iotlb_gather {
	unsigned long	start;
	unsigned long	end;
	size_t		pgsize;
};

struct iommu_domain_ops {
	size_t (*unmap_pages)(struct iommu_domain *domain, unsigned long iova,
			      size_t pgsize, size_t pgcount,
			      struct iommu_iotlb_gather *iotlb_gather);
	void (*iotlb_sync)(struct iommu_domain *domain,
			   struct iommu_iotlb_gather *iotlb_gather);
};

/* A domain whose page table the core walks itself (no driver callback). */
struct iommu_walk_ops {
	size_t (*unmap_range)(struct iommu_domain *domain, unsigned long iova,
			      size_t len, struct iommu_iotlb_gather *gather);
};

struct iommu_domain {
	const struct iommu_domain_ops	*ops;
	const struct iommu_walk_ops	*walk;
	unsigned long			pgsize_bitmap;
};

size_t iommu_unmap(struct iommu_domain *domain, unsigned long iova, size_t len);

static inline void iommu_iotlb_gather_init(struct iommu_iotlb_gather *gather)
{
	*gather = (struct iommu_iotlb_gather) { .start = ULONG_MAX };
}

/* True while nothing was added to the gather since its init. */
static inline bool iommu_iotlb_gather_is_empty(struct iommu_iotlb_gather *gather)
{
	return gather->end <= gather->start;
}

static inline void
iommu_iotlb_gather_add_range(struct iommu_iotlb_gather *gather,
			     unsigned long iova, size_t size)
{
	gather->start = min(gather->start, iova);
	gather->end = max(gather->end, iova + size - 1);
}

static inline void iommu_iotlb_sync(struct iommu_domain *domain,
				    struct iommu_iotlb_gather *iotlb_gather)
{
	const struct iommu_domain_ops *ops = domain->ops;

	/* Nothing was gathered, nothing to flush */
	if (iommu_iotlb_gather_is_empty(iotlb_gather)) /* expect: core-empty-gather-skip error */
		return;
	if (ops->iotlb_sync)
		ops->iotlb_sync(domain, iotlb_gather);
	iommu_iotlb_gather_init(iotlb_gather);
}

#endif /* __LINUX_IOMMU_H */
