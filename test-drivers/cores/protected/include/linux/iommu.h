/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cores/protected/include/linux/iommu.h - the PROTECTED mini core's iommu.h,
 * written for the gatherlint corpus (not kernel code).  It shadows
 * test-drivers/include/linux/iommu.h when this tree is built with
 *	-I test-drivers/cores/protected/include -I test-drivers/include
 * and is what "gatherlint core test-drivers/cores/protected" probes.
 */
/* core-probe: PROTECTED */
#ifndef __LINUX_IOMMU_H
#define __LINUX_IOMMU_H

#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/errno.h>

/* The mini core is always built with the IOMMU API. */
#define CONFIG_IOMMU_API 1

#define IOMMU_READ	(1 << 0)
#define IOMMU_WRITE	(1 << 1)

struct device;
struct iommu_domain;

struct iommu_iotlb_gather {
	unsigned long		start;
	unsigned long		end;
	size_t			pgsize;
	struct list_head	freelist;
	bool			queued;
};

struct iommu_domain_ops {
	int (*attach_dev)(struct iommu_domain *domain, struct device *dev);
	int (*map_pages)(struct iommu_domain *domain, unsigned long iova,
			 phys_addr_t paddr, size_t pgsize, size_t pgcount,
			 int prot, gfp_t gfp, size_t *mapped);
	size_t (*unmap_pages)(struct iommu_domain *domain, unsigned long iova,
			      size_t pgsize, size_t pgcount,
			      struct iommu_iotlb_gather *iotlb_gather);
	size_t (*unmap)(struct iommu_domain *domain, unsigned long iova,
			size_t size, struct iommu_iotlb_gather *iotlb_gather);
	void (*flush_iotlb_all)(struct iommu_domain *domain);
	void (*iotlb_sync)(struct iommu_domain *domain,
			   struct iommu_iotlb_gather *iotlb_gather);
	phys_addr_t (*iova_to_phys)(struct iommu_domain *domain, dma_addr_t iova);
	void (*free)(struct iommu_domain *domain);
};

struct iommu_domain {
	unsigned int type;
	const struct iommu_domain_ops *ops;
	unsigned long pgsize_bitmap;
};

#ifdef CONFIG_IOMMU_API

extern size_t iommu_unmap(struct iommu_domain *domain, unsigned long iova,
			  size_t size);
extern size_t iommu_unmap_fast(struct iommu_domain *domain,
			       unsigned long iova, size_t size,
			       struct iommu_iotlb_gather *iotlb_gather);

static inline void iommu_iotlb_gather_init(struct iommu_iotlb_gather *gather)
{
	gather->start = ULONG_MAX;
	gather->end = 0;
	gather->pgsize = 0;
	INIT_LIST_HEAD(&gather->freelist);
	gather->queued = false;
}

/*
 * PROTECTED: the same skip as 90c5def10bea ("iommu: Do not call drivers
 * for empty gathers"), but the unmap loop (drivers/iommu/iommu.c)
 * back-fills a gather the driver left empty (the upstream fix).
 */
static inline void iommu_iotlb_sync(struct iommu_domain *domain,
				    struct iommu_iotlb_gather *iotlb_gather)
{
	if (domain->ops->iotlb_sync && likely(iotlb_gather->start < iotlb_gather->end))
		domain->ops->iotlb_sync(domain, iotlb_gather);

	iommu_iotlb_gather_init(iotlb_gather);
}

static inline bool
iommu_iotlb_gather_is_disjoint(struct iommu_iotlb_gather *gather,
			       unsigned long iova, size_t size)
{
	unsigned long first = iova, last = iova + size - 1;

	if (gather->end == 0)
		return false;
	return last + 1 < gather->start || first > gather->end + 1;
}

static inline void
iommu_iotlb_gather_add_range(struct iommu_iotlb_gather *gather,
			     unsigned long iova, size_t size)
{
	unsigned long last = iova + size - 1;

	if (iova < gather->start)
		gather->start = iova;
	if (last > gather->end)
		gather->end = last;
}

static inline void
iommu_iotlb_gather_add_page(struct iommu_domain *domain,
			    struct iommu_iotlb_gather *gather,
			    unsigned long iova, size_t size)
{
	if ((gather->pgsize && gather->pgsize != size) ||
	    iommu_iotlb_gather_is_disjoint(gather, iova, size))
		iommu_iotlb_sync(domain, gather);

	gather->pgsize = size;
	iommu_iotlb_gather_add_range(gather, iova, size);
}

static inline bool
iommu_iotlb_gather_queued(struct iommu_iotlb_gather *gather)
{
	return gather && gather->queued;
}

#else /* !CONFIG_IOMMU_API */

/* The stubs of a kernel built without the IOMMU API (never used here). */
static inline void iommu_iotlb_sync(struct iommu_domain *domain,
				    struct iommu_iotlb_gather *iotlb_gather)
{
}

static inline void
iommu_iotlb_gather_add_range(struct iommu_iotlb_gather *gather,
			     unsigned long iova, size_t size)
{
}

#endif /* CONFIG_IOMMU_API */

#endif /* __LINUX_IOMMU_H */
