// SPDX-License-Identifier: GPL-2.0
/*
 * lone/oot-npu-mmu.c - an out-of-tree module audited ALONE (a vendor's
 * NPU MMU shipped outside the kernel tree): no include/linux/iommu.h or
 * drivers/iommu/iommu.c in scope, so the core state is UNKNOWN and a
 * has-sync miss is a warning; --core=exposed (or KDIR= pointing at an
 * exposed tree) makes it an error, --core=protected a note.
 *
 * The driver keeps a flat table per context and programs a full
 * invalidation in .iotlb_sync; its unmap never fills the gather.
 *
 * Expected: unmap-gather-unfilled at "return unmapped;":
 * warning (unknown, latent), error (exposed), note (protected).
 * Keep this the only .c under lone/ (tests take the first one).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/iommu.h>

#define NPU_MMU_PTE_VALID	BIT(0)
#define NPU_MMU_PTE_WRITE	BIT(1)
#define NPU_MMU_CTX_INVAL	0x1000
#define NPU_MMU_CTX_STATUS	0x1004
#define NPU_MMU_CTX_STRIDE	0x100

struct npu_mmu_ctx {
	struct iommu_domain	domain;
	spinlock_t		lock;
	u32			*table;
	unsigned long		entries;
	unsigned int		ctx_id;
	void __iomem		*regs;
};

static struct npu_mmu_ctx *to_npu_ctx(struct iommu_domain *domain)
{
	return container_of(domain, struct npu_mmu_ctx, domain);
}

static int npu_mmu_map(struct iommu_domain *domain, unsigned long iova,
		       phys_addr_t paddr, size_t pgsize, size_t pgcount,
		       int prot, gfp_t gfp, size_t *mapped)
{
	struct npu_mmu_ctx *ctx = to_npu_ctx(domain);
	unsigned long idx = iova >> 12, flags;
	size_t i;

	(void)gfp;
	if (idx + pgcount > ctx->entries)
		return -ERANGE;

	spin_lock_irqsave(&ctx->lock, flags);
	for (i = 0; i < pgcount; i++)
		ctx->table[idx + i] = (u32)((paddr + i * pgsize) >> 12) << 4 | NPU_MMU_PTE_VALID |
				      ((prot & IOMMU_WRITE) ? NPU_MMU_PTE_WRITE : 0);
	spin_unlock_irqrestore(&ctx->lock, flags);
	*mapped = pgsize * pgcount;
	return 0;
}

static size_t npu_mmu_unmap(struct iommu_domain *domain, unsigned long iova,
			    size_t pgsize, size_t pgcount,
			    struct iommu_iotlb_gather *gather)
{
	struct npu_mmu_ctx *ctx = to_npu_ctx(domain);
	unsigned long idx = iova >> 12, flags;
	size_t i, unmapped;

	if (idx + pgcount > ctx->entries)
		return 0;

	spin_lock_irqsave(&ctx->lock, flags);
	for (i = 0; i < pgcount; i++)
		ctx->table[idx + i] = 0;
	spin_unlock_irqrestore(&ctx->lock, flags);

	unmapped = pgsize * pgcount;
	return unmapped; /* expect: unmap-gather-unfilled warning exposed=error protected=note */
}

static void npu_mmu_iotlb_sync(struct iommu_domain *domain,
			       struct iommu_iotlb_gather *gather)
{
	struct npu_mmu_ctx *ctx = to_npu_ctx(domain);
	void __iomem *cb = ctx->regs + ctx->ctx_id * NPU_MMU_CTX_STRIDE;

	(void)gather;
	writel(1, cb + NPU_MMU_CTX_INVAL);
	while (readl(cb + NPU_MMU_CTX_STATUS) & 1)
		;
}

static void npu_mmu_domain_free(struct iommu_domain *domain)
{
	struct npu_mmu_ctx *ctx = to_npu_ctx(domain);

	kfree(ctx->table);
	kfree(ctx);
}

static const struct iommu_domain_ops npu_mmu_domain_ops = {
	.map_pages	= npu_mmu_map,
	.unmap_pages	= npu_mmu_unmap,
	.iotlb_sync	= npu_mmu_iotlb_sync,
	.free		= npu_mmu_domain_free,
};

static struct iommu_domain *npu_mmu_domain_alloc(unsigned int type)
{
	struct npu_mmu_ctx *ctx;

	if (type != IOMMU_DOMAIN_UNMANAGED)
		return NULL;
	ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return NULL;
	ctx->entries = SZ_1G >> 12;
	ctx->table = kcalloc(ctx->entries, sizeof(u32), GFP_KERNEL);
	if (!ctx->table) {
		kfree(ctx);
		return NULL;
	}
	spin_lock_init(&ctx->lock);
	ctx->domain.ops = &npu_mmu_domain_ops;
	return &ctx->domain;
}

const struct iommu_ops npu_mmu_iommu_ops = {
	.domain_alloc		= npu_mmu_domain_alloc,
	.pgsize_bitmap		= SZ_4K,
	.default_domain_ops	= &npu_mmu_domain_ops,
};
