// SPDX-License-Identifier: GPL-2.0
/*
 * vale-mtk.c - clean on the short-descriptor format because the DRIVER
 * fills before delegating (mtk_iommu style, the state before the first
 * upstream patch wrongly moved this fill into the LPAE format):
 *
 *	iommu_iotlb_gather_add_range(gather, iova, pgsize * pgcount);
 *	return dom->iop->unmap_pages(dom->iop, iova, ...);
 *
 * The fill is on every path to the return, so the format's verdict does
 * not matter (it never fills by itself, and these flush ops have no
 * tlb_add_page).  .iotlb_sync invalidates gather->start..end.
 */
/* gatherlint: clean */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/iommu.h>
#include <linux/io-pgtable.h>

#define VALE_REG_INV_SEL	0x038
#define VALE_REG_INVLD_START	0x024
#define VALE_REG_INVLD_END	0x028
#define VALE_REG_INVALIDATE	0x020
#define VALE_INV_RANGE		BIT(0)
#define VALE_INV_ALL		BIT(1)

struct vale_data {
	void __iomem	*base;
	spinlock_t	tlb_lock;
};

struct vale_domain {
	struct iommu_domain	domain;
	struct io_pgtable_cfg	cfg;
	struct io_pgtable_ops	*iop;
	struct vale_data	*data;
};

static struct vale_domain *to_vale_domain(struct iommu_domain *dom)
{
	return container_of(dom, struct vale_domain, domain);
}

static void vale_tlb_flush_range_sync(unsigned long iova, size_t size,
				      size_t granule, void *cookie)
{
	struct vale_data *data = cookie;
	unsigned long flags;

	(void)granule;
	spin_lock_irqsave(&data->tlb_lock, flags);
	writel((u32)iova, data->base + VALE_REG_INVLD_START);
	writel((u32)(iova + size - 1), data->base + VALE_REG_INVLD_END);
	writel(VALE_INV_RANGE, data->base + VALE_REG_INVALIDATE);
	spin_unlock_irqrestore(&data->tlb_lock, flags);
}

static void vale_tlb_flush_all(void *cookie)
{
	struct vale_data *data = cookie;

	writel(VALE_INV_ALL, data->base + VALE_REG_INVALIDATE);
}

static const struct iommu_flush_ops vale_flush_ops = {
	.tlb_flush_all	= vale_tlb_flush_all,
	.tlb_flush_walk	= vale_tlb_flush_range_sync,
};

static int vale_domain_finalise(struct vale_domain *dom, struct vale_data *data)
{
	dom->data = data;
	dom->cfg = (struct io_pgtable_cfg) {
		.quirks		= IO_PGTABLE_QUIRK_ARM_NS | IO_PGTABLE_QUIRK_ARM_MTK_EXT,
		.pgsize_bitmap	= SZ_4K | SZ_64K | SZ_1M | SZ_16M,
		.ias		= 32,
		.oas		= 35,
		.tlb		= &vale_flush_ops,
	};

	dom->iop = alloc_io_pgtable_ops(ARM_V7S, &dom->cfg, data);
	if (!dom->iop)
		return -ENOMEM;

	dom->domain.pgsize_bitmap = dom->cfg.pgsize_bitmap;
	return 0;
}

static int vale_map(struct iommu_domain *domain, unsigned long iova,
		    phys_addr_t paddr, size_t pgsize, size_t pgcount,
		    int prot, gfp_t gfp, size_t *mapped)
{
	struct vale_domain *dom = to_vale_domain(domain);

	return dom->iop->map_pages(dom->iop, iova, paddr, pgsize, pgcount, prot, gfp, mapped);
}

static size_t vale_unmap(struct iommu_domain *domain, unsigned long iova,
			 size_t pgsize, size_t pgcount,
			 struct iommu_iotlb_gather *gather)
{
	struct vale_domain *dom = to_vale_domain(domain);

	iommu_iotlb_gather_add_range(gather, iova, pgsize * pgcount);
	return dom->iop->unmap_pages(dom->iop, iova, pgsize, pgcount, gather);
}

static void vale_iotlb_sync(struct iommu_domain *domain,
			    struct iommu_iotlb_gather *gather)
{
	struct vale_domain *dom = to_vale_domain(domain);
	size_t length = gather->end - gather->start + 1;

	vale_tlb_flush_range_sync(gather->start, length, dom->cfg.pgsize_bitmap, dom->data);
}

static void vale_flush_iotlb_all(struct iommu_domain *domain)
{
	vale_tlb_flush_all(to_vale_domain(domain)->data);
}

static void vale_domain_free(struct iommu_domain *domain)
{
	struct vale_domain *dom = to_vale_domain(domain);

	free_io_pgtable_ops(dom->iop);
	kfree(dom);
}

static const struct iommu_domain_ops vale_domain_ops = {
	.map_pages	 = vale_map,
	.unmap_pages	 = vale_unmap,
	.flush_iotlb_all = vale_flush_iotlb_all,
	.iotlb_sync	 = vale_iotlb_sync,
	.free		 = vale_domain_free,
};

static struct vale_data vale_the_data;

static struct iommu_domain *vale_domain_alloc(unsigned int type)
{
	struct vale_domain *dom;

	if (type != IOMMU_DOMAIN_DMA && type != IOMMU_DOMAIN_UNMANAGED)
		return NULL;
	dom = kzalloc(sizeof(*dom), GFP_KERNEL);
	if (!dom)
		return NULL;
	if (vale_domain_finalise(dom, &vale_the_data)) {
		kfree(dom);
		return NULL;
	}
	dom->domain.ops = &vale_domain_ops;
	return &dom->domain;
}

const struct iommu_ops vale_iommu_ops = {
	.domain_alloc		= vale_domain_alloc,
	.pgsize_bitmap		= SZ_4K | SZ_64K | SZ_1M | SZ_16M,
	.default_domain_ops	= &vale_domain_ops,
};
