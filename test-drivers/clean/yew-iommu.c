// SPDX-License-Identifier: GPL-2.0
/*
 * yew-iommu.c - clean, with look-alikes that are NOT entry points:
 *  - yew_hw_unmap() is stored in .unmap_pages of a driver-private
 *    struct yew_backend_ops (not iommu_domain_ops / iommu_ops): never an
 *    entry point, even though it returns a size without filling;
 *  - yew_debug_replay() takes a gather and returns a size, but no ops
 *    stores it;
 *  - yew_unmap_pages(), the real entry point, fills with add_range.
 * Mirrors drivers with a firmware/hypervisor backend table next to the
 * IOMMU ops (e.g. paravirtualised or firmware-managed page tables).
 */
/* gatherlint: clean */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/iommu.h>

struct yew_ctx {
	void __iomem	*mbox;
	u32		handle;
};

/* The backend's own callbacks: same field names, different struct. */
struct yew_backend_ops {
	int (*map_pages)(struct yew_ctx *ctx, unsigned long iova, phys_addr_t paddr,
			 size_t size);
	size_t (*unmap_pages)(struct yew_ctx *ctx, unsigned long iova, size_t size,
			      struct iommu_iotlb_gather *gather);
	void (*iotlb_sync)(struct yew_ctx *ctx);
};

struct yew_domain {
	struct iommu_domain		domain;
	struct yew_ctx			ctx;
	const struct yew_backend_ops	*backend;
};

static struct yew_domain *to_yew_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct yew_domain, domain);
}

static int yew_hw_map(struct yew_ctx *ctx, unsigned long iova, phys_addr_t paddr,
		      size_t size)
{
	writeq(iova, ctx->mbox);
	writeq(paddr, ctx->mbox + 8);
	writeq(size, ctx->mbox + 16);
	return 0;
}

/* Firmware call; the gather is the caller's business. */
static size_t yew_hw_unmap(struct yew_ctx *ctx, unsigned long iova, size_t size,
			   struct iommu_iotlb_gather *gather)
{
	(void)gather;
	writeq(iova, ctx->mbox + 32);
	writeq(size, ctx->mbox + 40);
	return readl(ctx->mbox + 48) ? 0 : size;
}

static void yew_hw_sync(struct yew_ctx *ctx)
{
	writel(ctx->handle, ctx->mbox + 56);
}

static const struct yew_backend_ops yew_fw_backend = {
	.map_pages	= yew_hw_map,
	.unmap_pages	= yew_hw_unmap,
	.iotlb_sync	= yew_hw_sync,
};

/* Debug helper: replays an unmap into a scratch gather.  Not an op. */
size_t yew_debug_replay(struct yew_ctx *ctx, struct iommu_iotlb_gather *gather,
			unsigned long iova, size_t size)
{
	return yew_hw_unmap(ctx, iova, size, gather);
}

static int yew_map_pages(struct iommu_domain *domain, unsigned long iova,
			 phys_addr_t paddr, size_t pgsize, size_t pgcount,
			 int prot, gfp_t gfp, size_t *mapped)
{
	struct yew_domain *yd = to_yew_domain(domain);
	int ret;

	(void)prot;
	(void)gfp;
	ret = yd->backend->map_pages(&yd->ctx, iova, paddr, pgsize * pgcount);
	if (!ret)
		*mapped = pgsize * pgcount;
	return ret;
}

static size_t yew_unmap_pages(struct iommu_domain *domain, unsigned long iova,
			      size_t pgsize, size_t pgcount,
			      struct iommu_iotlb_gather *gather)
{
	struct yew_domain *yd = to_yew_domain(domain);
	size_t unmapped;

	unmapped = yd->backend->unmap_pages(&yd->ctx, iova, pgsize * pgcount, gather);
	if (!unmapped)
		return 0;

	iommu_iotlb_gather_add_range(gather, iova, unmapped);
	return unmapped;
}

static void yew_iotlb_sync(struct iommu_domain *domain,
			   struct iommu_iotlb_gather *gather)
{
	struct yew_domain *yd = to_yew_domain(domain);

	(void)gather;
	yd->backend->iotlb_sync(&yd->ctx);
}

static void yew_domain_free(struct iommu_domain *domain)
{
	kfree(to_yew_domain(domain));
}

static const struct iommu_domain_ops yew_domain_ops = {
	.map_pages	= yew_map_pages,
	.unmap_pages	= yew_unmap_pages,
	.iotlb_sync	= yew_iotlb_sync,
	.free		= yew_domain_free,
};

static struct iommu_domain *yew_domain_alloc(unsigned int type)
{
	struct yew_domain *yd;

	if (type != IOMMU_DOMAIN_DMA && type != IOMMU_DOMAIN_UNMANAGED)
		return NULL;
	yd = kzalloc(sizeof(*yd), GFP_KERNEL);
	if (!yd)
		return NULL;
	yd->backend = &yew_fw_backend;
	yd->domain.ops = &yew_domain_ops;
	return &yd->domain;
}

const struct iommu_ops yew_iommu_ops = {
	.domain_alloc		= yew_domain_alloc,
	.pgsize_bitmap		= SZ_4K | SZ_2M,
	.default_domain_ops	= &yew_domain_ops,
};
