/* SPDX-License-Identifier: GPL-2.0 */
/*
 * gatherlint test corpus: a minimal <linux/iommu.h>, written for the
 * corpus.  It carries the real names, signatures and semantics of the
 * API subset the corpus needs.  iommu_iotlb_sync() is in its LATENT form
 * (it calls .iotlb_sync whatever the gather holds); the mini core trees
 * under test-drivers/cores/ carry the other forms.
 */
#ifndef __LINUX_IOMMU_H
#define __LINUX_IOMMU_H

#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/errno.h>
#include <linux/err.h>

#define IOMMU_READ	(1 << 0)
#define IOMMU_WRITE	(1 << 1)
#define IOMMU_CACHE	(1 << 2)
#define IOMMU_NOEXEC	(1 << 3)
#define IOMMU_MMIO	(1 << 4)
#define IOMMU_PRIV	(1 << 5)

#define __IOMMU_DOMAIN_PAGING	(1U << 0)
#define __IOMMU_DOMAIN_DMA_API	(1U << 1)
#define __IOMMU_DOMAIN_PT	(1U << 2)
#define __IOMMU_DOMAIN_DMA_FQ	(1U << 3)

#define IOMMU_DOMAIN_BLOCKED	(0U)
#define IOMMU_DOMAIN_IDENTITY	(__IOMMU_DOMAIN_PT)
#define IOMMU_DOMAIN_UNMANAGED	(__IOMMU_DOMAIN_PAGING)
#define IOMMU_DOMAIN_DMA	(__IOMMU_DOMAIN_PAGING | __IOMMU_DOMAIN_DMA_API)
#define IOMMU_DOMAIN_DMA_FQ	(__IOMMU_DOMAIN_PAGING | __IOMMU_DOMAIN_DMA_API | \
				 __IOMMU_DOMAIN_DMA_FQ)

struct device;
struct module;
struct iommu_domain;
struct iommu_device;

struct iommu_domain_geometry {
	dma_addr_t aperture_start;
	dma_addr_t aperture_end;
	bool force_aperture;
};

/**
 * struct iommu_iotlb_gather - range information for a pending IOTLB flush
 * @start: IOVA of the first byte to invalidate (ULONG_MAX when empty)
 * @end: IOVA of the last byte to invalidate (0 when empty)
 * @pgsize: the granule of the pages added so far
 * @freelist: page-table pages to free once the flush is done
 * @queued: the unmap is lazy: a flush queue will do the invalidation
 *
 * The gather is empty while start > end.
 */
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
	/* legacy single-size unmap (older trees) */
	size_t (*unmap)(struct iommu_domain *domain, unsigned long iova,
			size_t size, struct iommu_iotlb_gather *iotlb_gather);
	void (*flush_iotlb_all)(struct iommu_domain *domain);
	int (*iotlb_sync_map)(struct iommu_domain *domain, unsigned long iova,
			      size_t size);
	void (*iotlb_sync)(struct iommu_domain *domain,
			   struct iommu_iotlb_gather *iotlb_gather);
	phys_addr_t (*iova_to_phys)(struct iommu_domain *domain, dma_addr_t iova);
	void (*free)(struct iommu_domain *domain);
};

struct iommu_domain {
	unsigned int type;
	const struct iommu_domain_ops *ops;
	unsigned long pgsize_bitmap;
	struct iommu_domain_geometry geometry;
	void *iova_cookie;
};

struct iommu_ops {
	bool (*capable)(struct device *dev, int cap);
	struct iommu_domain *(*domain_alloc)(unsigned int iommu_domain_type);
	struct iommu_device *(*probe_device)(struct device *dev);
	void (*release_device)(struct device *dev);
	/*
	 * Older trees keep the domain callbacks here instead of in
	 * default_domain_ops.
	 */
	int (*attach_dev)(struct iommu_domain *domain, struct device *dev);
	int (*map)(struct iommu_domain *domain, unsigned long iova,
		   phys_addr_t paddr, size_t size, int prot, gfp_t gfp);
	size_t (*unmap)(struct iommu_domain *domain, unsigned long iova,
			size_t size, struct iommu_iotlb_gather *iotlb_gather);
	size_t (*unmap_pages)(struct iommu_domain *domain, unsigned long iova,
			      size_t pgsize, size_t pgcount,
			      struct iommu_iotlb_gather *iotlb_gather);
	void (*flush_iotlb_all)(struct iommu_domain *domain);
	void (*iotlb_sync)(struct iommu_domain *domain,
			   struct iommu_iotlb_gather *iotlb_gather);
	phys_addr_t (*iova_to_phys)(struct iommu_domain *domain, dma_addr_t iova);

	const struct iommu_domain_ops *default_domain_ops;
	unsigned long pgsize_bitmap;
	struct module *owner;
};

struct iommu_device {
	const struct iommu_ops *ops;
	struct device *dev;
};

extern int iommu_device_register(struct iommu_device *iommu,
				 const struct iommu_ops *ops,
				 struct device *hwdev);
extern void iommu_device_unregister(struct iommu_device *iommu);
extern size_t iommu_unmap(struct iommu_domain *domain, unsigned long iova,
			  size_t size);

static inline void iommu_iotlb_gather_init(struct iommu_iotlb_gather *gather)
{
	gather->start = ULONG_MAX;
	gather->end = 0;
	gather->pgsize = 0;
	INIT_LIST_HEAD(&gather->freelist);
	gather->queued = false;
}

/* LATENT: .iotlb_sync runs whatever the gather holds. */
static inline void iommu_iotlb_sync(struct iommu_domain *domain,
				    struct iommu_iotlb_gather *iotlb_gather)
{
	if (domain->ops->iotlb_sync)
		domain->ops->iotlb_sync(domain, iotlb_gather);

	iommu_iotlb_gather_init(iotlb_gather);
}

/*
 * True when [iova, iova + size) neither overlaps nor touches what the
 * (non-empty) gather already holds.
 */
static inline bool
iommu_iotlb_gather_is_disjoint(struct iommu_iotlb_gather *gather,
			       unsigned long iova, size_t size)
{
	unsigned long first = iova, last = iova + size - 1;

	if (gather->end == 0)
		return false;
	return last + 1 < gather->start || first > gather->end + 1;
}

/* Grow the gather so that it covers [iova, iova + size). */
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

/*
 * Add one page; when its size differs from the pages gathered so far,
 * or it is disjoint from them, sync what is gathered first.
 */
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

#endif /* __LINUX_IOMMU_H */
