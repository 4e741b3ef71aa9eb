// SPDX-License-Identifier: GPL-2.0
/*
 * msm-style: a v7s-like format user whose tlb_add_page flushes one page
 * without touching the gather.
 */
#include <linux/io-pgtable.h>

struct mm_priv {
	struct iommu_domain domain;
	struct io_pgtable_ops *iop;
	struct io_pgtable_cfg cfg;
};

static void mm_flush_all(void *cookie)
{
	(void)cookie;
}

static void mm_flush_page(struct iommu_iotlb_gather *gather,
			  unsigned long iova, size_t granule, void *cookie)
{
	(void)iova;
	(void)granule;
	mm_flush_all(cookie);
}

static const struct iommu_flush_ops mm_flush_ops = {
	.tlb_flush_all	= mm_flush_all,
	.tlb_add_page	= mm_flush_page,
};

static int mm_domain_init(struct mm_priv *priv)
{
	priv->cfg.tlb = &mm_flush_ops;
	priv->iop = alloc_io_pgtable_ops(ARM_V7S, &priv->cfg, priv);
	return priv->iop ? 0 : -1;
}

static size_t mm_unmap(struct iommu_domain *domain, unsigned long iova,
		       size_t len, struct iommu_iotlb_gather *gather)
{
	struct mm_priv *priv = container_of(domain, struct mm_priv, domain);

	len = priv->iop->unmap_pages(priv->iop, iova, len, 1, gather);
	return len;	/* expect: unmap-gather-unfilled warning exposed=error protected=note */
}

static void mm_sync(struct iommu_domain *domain,
		       struct iommu_iotlb_gather *gather)
{
	(void)domain;
	(void)gather;
}

const struct iommu_domain_ops mm_domain_ops = {
	.unmap		= mm_unmap,
	.iotlb_sync	= mm_sync,
};

int mm_attach(struct mm_priv *priv)
{
	return mm_domain_init(priv);
}
