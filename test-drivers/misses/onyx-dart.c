// SPDX-License-Identifier: GPL-2.0
/*
 * onyx-dart.c - misses through a format (apple-dart style): the unmap
 * delegates to the DART-like format (formats/fmt-dart.c) whose loop
 * queues each page through io_pgtable_tlb_add_page(); this driver's
 * tlb_add_page is a no-op (DART invalidates the whole stream at sync
 * time) and the format never fills the gather by itself.  Chain:
 * onyx_unmap_pages -> dart_unmap_pages (APPLE_DART) -> onyx_tlb_add_page.
 *
 * Expected: unmap-gather-unfilled at the "return ops->unmap_pages(...)"
 * line (ops has sync); the fix stores the call's value in a local first.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/iommu.h>
#include <linux/io-pgtable.h>

#define ONYX_REG_TLB_OP		0x20
#define ONYX_TLB_OP_INVALIDATE	BIT(20)
#define ONYX_TLB_OP_BUSY	BIT(2)

struct onyx_stream_map {
	void __iomem	*regs;
	unsigned long	sidmap;
};

struct onyx_domain {
	struct iommu_domain	domain;
	struct io_pgtable_ops	*pgtbl_ops;
	struct io_pgtable_cfg	pgtbl_cfg;
	struct onyx_stream_map	stream_map;
	spinlock_t		lock;
};

static struct onyx_domain *to_onyx_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct onyx_domain, domain);
}

static void onyx_hw_invalidate_tlb(struct onyx_stream_map *map)
{
	writel(ONYX_TLB_OP_INVALIDATE | (u32)map->sidmap, map->regs + ONYX_REG_TLB_OP);
	while (readl(map->regs + ONYX_REG_TLB_OP) & ONYX_TLB_OP_BUSY)
		;
}

static void onyx_tlb_flush_all(void *cookie)
{
	struct onyx_domain *dom = cookie;

	onyx_hw_invalidate_tlb(&dom->stream_map);
}

static void onyx_tlb_flush_walk(unsigned long iova, size_t size,
				size_t granule, void *cookie)
{
	(void)iova;
	(void)size;
	(void)granule;
	onyx_tlb_flush_all(cookie);
}

/* Nothing to batch: the stream is invalidated as a whole at sync time. */
static void onyx_tlb_add_page(struct iommu_iotlb_gather *gather,
			      unsigned long iova, size_t granule, void *cookie)
{
	(void)gather;
	(void)iova;
	(void)granule;
	(void)cookie;
}

static const struct iommu_flush_ops onyx_flush_ops = {
	.tlb_flush_all	= onyx_tlb_flush_all,
	.tlb_flush_walk	= onyx_tlb_flush_walk,
	.tlb_add_page	= onyx_tlb_add_page,
};

static int onyx_domain_finalise(struct onyx_domain *dom, bool dart2)
{
	dom->pgtbl_cfg = (struct io_pgtable_cfg) {
		.pgsize_bitmap	= SZ_16K,
		.ias		= 32,
		.oas		= 36,
		.coherent_walk	= true,
		.tlb		= &onyx_flush_ops,
	};

	dom->pgtbl_ops = alloc_io_pgtable_ops(dart2 ? APPLE_DART2 : APPLE_DART, &dom->pgtbl_cfg, dom);
	if (!dom->pgtbl_ops)
		return -ENOMEM;

	dom->domain.pgsize_bitmap = dom->pgtbl_cfg.pgsize_bitmap;
	return 0;
}

static int onyx_map_pages(struct iommu_domain *domain, unsigned long iova,
			  phys_addr_t paddr, size_t pgsize, size_t pgcount,
			  int prot, gfp_t gfp, size_t *mapped)
{
	struct io_pgtable_ops *ops = to_onyx_domain(domain)->pgtbl_ops;

	if (!ops)
		return -ENODEV;

	return ops->map_pages(ops, iova, paddr, pgsize, pgcount, prot, gfp, mapped);
}

static size_t onyx_unmap_pages(struct iommu_domain *domain, unsigned long iova,
			       size_t pgsize, size_t pgcount,
			       struct iommu_iotlb_gather *gather)
{
	struct onyx_domain *dom = to_onyx_domain(domain);
	struct io_pgtable_ops *ops = dom->pgtbl_ops;

	return ops->unmap_pages(ops, iova, pgsize, pgcount, gather); /* expect: unmap-gather-unfilled warning exposed=error protected=note */
}

static void onyx_iotlb_sync(struct iommu_domain *domain,
			    struct iommu_iotlb_gather *gather)
{
	(void)gather;
	onyx_hw_invalidate_tlb(&to_onyx_domain(domain)->stream_map);
}

static void onyx_flush_iotlb_all(struct iommu_domain *domain)
{
	onyx_hw_invalidate_tlb(&to_onyx_domain(domain)->stream_map);
}

static void onyx_domain_free(struct iommu_domain *domain)
{
	struct onyx_domain *dom = to_onyx_domain(domain);

	free_io_pgtable_ops(dom->pgtbl_ops);
	kfree(dom);
}

static const struct iommu_domain_ops onyx_domain_ops = {
	.map_pages	 = onyx_map_pages,
	.unmap_pages	 = onyx_unmap_pages,
	.flush_iotlb_all = onyx_flush_iotlb_all,
	.iotlb_sync	 = onyx_iotlb_sync,
	.free		 = onyx_domain_free,
};

static struct iommu_domain *onyx_domain_alloc(unsigned int type)
{
	struct onyx_domain *dom;

	if (type != IOMMU_DOMAIN_DMA && type != IOMMU_DOMAIN_UNMANAGED)
		return NULL;

	dom = kzalloc(sizeof(*dom), GFP_KERNEL);
	if (!dom)
		return NULL;
	spin_lock_init(&dom->lock);
	if (onyx_domain_finalise(dom, false)) {
		kfree(dom);
		return NULL;
	}
	dom->domain.ops = &onyx_domain_ops;
	return &dom->domain;
}

const struct iommu_ops onyx_iommu_ops = {
	.domain_alloc		= onyx_domain_alloc,
	.pgsize_bitmap		= SZ_16K,
	.default_domain_ops	= &onyx_domain_ops,
};
