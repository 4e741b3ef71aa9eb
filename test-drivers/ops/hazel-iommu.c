// SPDX-License-Identifier: GPL-2.0
/*
 * hazel-iommu.c - ops form: an s390-style function-like macro that
 * expands to part of a struct iommu_ops initializer holding a compound
 * literal for .default_domain_ops, used by two iommu_ops (with and
 * without the interrupt-remapping bits):
 *
 *	#define HAZEL_IOMMU_COMMON_OPS() \
 *		.default_domain_ops = &(const struct iommu_domain_ops) { \
 *			.unmap_pages = hazel_unmap_pages, \
 *			.iotlb_sync = hazel_iotlb_sync, ... }
 *
 * The compound literal is expanded twice by the compiler, but it is one
 * entry point (one function): one finding.  The cocci engine reads the
 * macro body only through the CLI's textual pre-pass (OPSID macro@...),
 * on every spatch version: 1.1 cannot parse this body, 1.3 can, and what
 * a version matches inside a #define body is not used.
 *
 * Expected: ONE unmap-gather-unfilled at "return size;" (has sync), both
 * engines, and nothing else (the body holds no gather code).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/iommu.h>

#define HAZEL_RTE_VALID		BIT_ULL(0)
#define HAZEL_REFRESH_TRANS	0x1

struct hazel_domain {
	struct iommu_domain	domain;
	spinlock_t		dma_table_lock;
	u64			*dma_table;
	u32			fh;
};

static struct hazel_domain *to_hazel_domain(struct iommu_domain *dom)
{
	return container_of(dom, struct hazel_domain, domain);
}

extern int hazel_refresh_trans(u32 fh, unsigned long iova, size_t size);

static int hazel_map_pages(struct iommu_domain *domain, unsigned long iova,
			   phys_addr_t paddr, size_t pgsize, size_t pgcount,
			   int prot, gfp_t gfp, size_t *mapped)
{
	struct hazel_domain *hd = to_hazel_domain(domain);
	unsigned long flags;
	size_t i;

	(void)prot;
	(void)gfp;
	spin_lock_irqsave(&hd->dma_table_lock, flags);
	for (i = 0; i < pgcount; i++)
		hd->dma_table[(iova >> 12) + i] = (paddr + i * pgsize) | HAZEL_RTE_VALID;
	spin_unlock_irqrestore(&hd->dma_table_lock, flags);
	*mapped = pgsize * pgcount;
	return 0;
}

static size_t hazel_unmap_pages(struct iommu_domain *domain, unsigned long iova,
				size_t pgsize, size_t pgcount,
				struct iommu_iotlb_gather *gather)
{
	struct hazel_domain *hd = to_hazel_domain(domain);
	size_t i, size = pgcount << __builtin_ctzl(pgsize);
	unsigned long flags;

	if (WARN_ON(!size))
		return 0;

	spin_lock_irqsave(&hd->dma_table_lock, flags);
	for (i = 0; i < pgcount; i++)
		hd->dma_table[(iova >> 12) + i] = 0;
	spin_unlock_irqrestore(&hd->dma_table_lock, flags);

	return size; /* expect: unmap-gather-unfilled warning exposed=error protected=note */
}

static void hazel_iotlb_sync(struct iommu_domain *domain,
			     struct iommu_iotlb_gather *gather)
{
	struct hazel_domain *hd = to_hazel_domain(domain);

	/* Refreshes the whole translation: ignores the gather. */
	(void)gather;
	hazel_refresh_trans(hd->fh, 0, ~0UL);
}

static void hazel_flush_iotlb_all(struct iommu_domain *domain)
{
	hazel_iotlb_sync(domain, NULL);
}

static void hazel_domain_free(struct iommu_domain *domain)
{
	struct hazel_domain *hd = to_hazel_domain(domain);

	kfree(hd->dma_table);
	kfree(hd);
}

static struct iommu_domain *hazel_domain_alloc(unsigned int type)
{
	struct hazel_domain *hd;

	if (type != IOMMU_DOMAIN_UNMANAGED && type != IOMMU_DOMAIN_DMA)
		return NULL;
	hd = kzalloc(sizeof(*hd), GFP_KERNEL);
	if (!hd)
		return NULL;
	spin_lock_init(&hd->dma_table_lock);
	return &hd->domain;
}

#define HAZEL_IOMMU_COMMON_OPS()						\
	.domain_alloc	= hazel_domain_alloc,					\
	.pgsize_bitmap	= SZ_4K,						\
	.default_domain_ops = &(const struct iommu_domain_ops) {	\
		.map_pages	 = hazel_map_pages,				\
		.unmap_pages	 = hazel_unmap_pages,				\
		.flush_iotlb_all = hazel_flush_iotlb_all,			\
		.iotlb_sync	 = hazel_iotlb_sync,				\
		.free		 = hazel_domain_free,				\
	}

const struct iommu_ops hazel_iommu_ops = {
	HAZEL_IOMMU_COMMON_OPS()
};

const struct iommu_ops hazel_iommu_rtr_ops = {
	HAZEL_IOMMU_COMMON_OPS(),
	.capable	= NULL,
};
