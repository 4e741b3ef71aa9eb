// SPDX-License-Identifier: GPL-2.0
/*
 * rook-msm.c - misses on the short-descriptor format (msm_iommu style),
 * the v7s user that a fix in the LPAE format would NOT reach (review
 * lesson: the formats are different and have different users).  Its
 * tlb_add_page writes a TLBIVA per context and ignores the gather.
 * Chain: rook_unmap -> v7s_unmap_pages (ARM_V7S) -> rook_tlb_add_page.
 *
 * Expected: unmap-gather-unfilled at "return len;" (ops has sync).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/list.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/iommu.h>
#include <linux/io-pgtable.h>

#define ROOK_TLBIVA		0x800
#define ROOK_TLBIALL		0x804
#define ROOK_TLBSYNC		0x7f0

struct rook_priv {
	struct iommu_domain	domain;
	struct io_pgtable_ops	*iop;
	struct io_pgtable_cfg	cfg;
	void __iomem		*ctx_base;
	unsigned int		asid;
	spinlock_t		pgtlock;
};

static struct rook_priv *to_rook_priv(struct iommu_domain *dom)
{
	return container_of(dom, struct rook_priv, domain);
}

static void rook_tlb_flush_all(void *cookie)
{
	struct rook_priv *priv = cookie;

	writel(0, priv->ctx_base + ROOK_TLBIALL);
	writel(0, priv->ctx_base + ROOK_TLBSYNC);
}

static void rook_tlb_flush_range_nosync(unsigned long iova, size_t size,
					size_t granule, bool leaf, void *cookie)
{
	struct rook_priv *priv = cookie;
	unsigned long va = iova;

	(void)leaf;
	do {
		writel((u32)(va & ~0xfffUL) | priv->asid, priv->ctx_base + ROOK_TLBIVA);
		va += granule;
	} while (va < iova + size);
}

static void rook_tlb_flush_walk(unsigned long iova, size_t size,
				size_t granule, void *cookie)
{
	rook_tlb_flush_range_nosync(iova, size, granule, false, cookie);
	writel(0, ((struct rook_priv *)cookie)->ctx_base + ROOK_TLBSYNC);
}

static void rook_tlb_add_page(struct iommu_iotlb_gather *gather,
			      unsigned long iova, size_t granule, void *cookie)
{
	(void)gather;
	rook_tlb_flush_range_nosync(iova, granule, granule, true, cookie);
}

static const struct iommu_flush_ops rook_flush_ops = {
	.tlb_flush_all	= rook_tlb_flush_all,
	.tlb_flush_walk	= rook_tlb_flush_walk,
	.tlb_add_page	= rook_tlb_add_page,
};

static int rook_domain_config(struct rook_priv *priv)
{
	priv->cfg = (struct io_pgtable_cfg) {
		.pgsize_bitmap	= SZ_4K | SZ_64K | SZ_1M | SZ_16M,
		.ias		= 32,
		.oas		= 32,
		.tlb		= &rook_flush_ops,
	};

	priv->iop = alloc_io_pgtable_ops(ARM_V7S, &priv->cfg, priv);
	if (!priv->iop)
		return -EINVAL;

	priv->domain.pgsize_bitmap = priv->cfg.pgsize_bitmap;
	return 0;
}

static int rook_map(struct iommu_domain *domain, unsigned long iova,
		    phys_addr_t pa, size_t pgsize, size_t pgcount,
		    int prot, gfp_t gfp, size_t *mapped)
{
	struct rook_priv *priv = to_rook_priv(domain);
	unsigned long flags;
	int ret;

	spin_lock_irqsave(&priv->pgtlock, flags);
	ret = priv->iop->map_pages(priv->iop, iova, pa, pgsize, pgcount, prot, GFP_ATOMIC, mapped);
	spin_unlock_irqrestore(&priv->pgtlock, flags);
	(void)gfp;
	return ret;
}

static size_t rook_unmap(struct iommu_domain *domain, unsigned long iova,
			 size_t pgsize, size_t pgcount,
			 struct iommu_iotlb_gather *gather)
{
	struct rook_priv *priv = to_rook_priv(domain);
	unsigned long flags;
	size_t len;

	spin_lock_irqsave(&priv->pgtlock, flags);
	len = priv->iop->unmap_pages(priv->iop, iova, pgsize, pgcount, gather);
	spin_unlock_irqrestore(&priv->pgtlock, flags);

	return len; /* expect: unmap-gather-unfilled warning exposed=error protected=note */
}

static void rook_iotlb_sync(struct iommu_domain *domain,
			    struct iommu_iotlb_gather *gather)
{
	struct rook_priv *priv = to_rook_priv(domain);

	(void)gather;
	writel(0, priv->ctx_base + ROOK_TLBSYNC);
}

static void rook_domain_free(struct iommu_domain *domain)
{
	struct rook_priv *priv = to_rook_priv(domain);

	free_io_pgtable_ops(priv->iop);
	kfree(priv);
}

static const struct iommu_domain_ops rook_domain_ops = {
	.map_pages	= rook_map,
	.unmap_pages	= rook_unmap,
	.iotlb_sync	= rook_iotlb_sync,
	.free		= rook_domain_free,
};

static struct iommu_domain *rook_domain_alloc(unsigned int type)
{
	struct rook_priv *priv;

	if (type != IOMMU_DOMAIN_UNMANAGED)
		return NULL;
	priv = kzalloc(sizeof(*priv), GFP_KERNEL);
	if (!priv)
		return NULL;
	spin_lock_init(&priv->pgtlock);
	if (rook_domain_config(priv)) {
		kfree(priv);
		return NULL;
	}
	priv->domain.ops = &rook_domain_ops;
	return &priv->domain;
}

const struct iommu_ops rook_iommu_ops = {
	.domain_alloc		= rook_domain_alloc,
	.pgsize_bitmap		= SZ_4K | SZ_64K | SZ_1M | SZ_16M,
	.default_domain_ops	= &rook_domain_ops,
};
