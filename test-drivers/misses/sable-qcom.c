// SPDX-License-Identifier: GPL-2.0
/*
 * sable-qcom.c - misses through the LPAE-like format with a flush
 * callback that issues a non-posted TLBIVA per page and ignores the
 * gather (qcom_iommu style: firmware-owned context banks, ARM_64_LPAE_S1).
 * The map/unmap calls are made under the page-table lock.
 * Chain: sable_unmap -> lpae_unmap_pages -> sable_tlb_add_page.
 *
 * Expected: unmap-gather-unfilled at "return ret;" (ops has sync).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/iommu.h>
#include <linux/io-pgtable.h>

#define SABLE_CB_TLBIVA		0x608
#define SABLE_CB_TLBIASID	0x610
#define SABLE_CB_TLBSYNC	0x7f0

struct sable_ctx {
	void __iomem	*base;
	u16		asid;
};

struct sable_domain {
	struct iommu_domain	domain;
	struct io_pgtable_ops	*pgtbl_ops;
	spinlock_t		pgtbl_lock;
	struct sable_ctx	ctx;
};

static struct sable_domain *to_sable_domain(struct iommu_domain *dom)
{
	return container_of(dom, struct sable_domain, domain);
}

static void sable_tlb_sync(void *cookie)
{
	struct sable_domain *dom = cookie;

	writel(0, dom->ctx.base + SABLE_CB_TLBSYNC);
}

static void sable_tlb_inv_context(void *cookie)
{
	struct sable_domain *dom = cookie;

	writel(dom->ctx.asid, dom->ctx.base + SABLE_CB_TLBIASID);
	sable_tlb_sync(cookie);
}

static void sable_tlb_inv_range_nosync(unsigned long iova, size_t size,
				       size_t granule, void *cookie)
{
	struct sable_domain *dom = cookie;
	size_t s = size;

	iova = (iova >> 12) << 12;
	iova |= dom->ctx.asid;
	do {
		writel((u32)iova, dom->ctx.base + SABLE_CB_TLBIVA);
		iova += granule;
	} while (s -= granule);
}

static void sable_tlb_flush_walk(unsigned long iova, size_t size,
				 size_t granule, void *cookie)
{
	sable_tlb_inv_range_nosync(iova, size, granule, cookie);
	sable_tlb_sync(cookie);
}

static void sable_tlb_add_page(struct iommu_iotlb_gather *gather,
			       unsigned long iova, size_t granule, void *cookie)
{
	(void)gather;
	sable_tlb_inv_range_nosync(iova, granule, granule, cookie);
}

static const struct iommu_flush_ops sable_flush_ops = {
	.tlb_flush_all	= sable_tlb_inv_context,
	.tlb_flush_walk	= sable_tlb_flush_walk,
	.tlb_add_page	= sable_tlb_add_page,
};

static int sable_init_domain(struct sable_domain *dom)
{
	struct io_pgtable_cfg pgtbl_cfg = {
		.pgsize_bitmap	= SZ_4K | SZ_64K | SZ_1M | SZ_16M,
		.ias		= 32,
		.oas		= 40,
		.tlb		= &sable_flush_ops,
	};

	dom->pgtbl_ops = alloc_io_pgtable_ops(ARM_64_LPAE_S1, &pgtbl_cfg, dom);
	if (!dom->pgtbl_ops)
		return -ENOMEM;

	dom->domain.pgsize_bitmap = pgtbl_cfg.pgsize_bitmap;
	return 0;
}

static int sable_map(struct iommu_domain *domain, unsigned long iova,
		     phys_addr_t paddr, size_t pgsize, size_t pgcount,
		     int prot, gfp_t gfp, size_t *mapped)
{
	struct sable_domain *dom = to_sable_domain(domain);
	struct io_pgtable_ops *ops = dom->pgtbl_ops;
	unsigned long flags;
	int ret;

	if (!ops)
		return -ENODEV;

	spin_lock_irqsave(&dom->pgtbl_lock, flags);
	ret = ops->map_pages(ops, iova, paddr, pgsize, pgcount, prot, GFP_ATOMIC, mapped);
	spin_unlock_irqrestore(&dom->pgtbl_lock, flags);
	(void)gfp;
	return ret;
}

static size_t sable_unmap(struct iommu_domain *domain, unsigned long iova,
			  size_t pgsize, size_t pgcount,
			  struct iommu_iotlb_gather *gather)
{
	struct sable_domain *dom = to_sable_domain(domain);
	struct io_pgtable_ops *ops = dom->pgtbl_ops;
	unsigned long flags;
	size_t ret;

	if (!ops)
		return 0;

	spin_lock_irqsave(&dom->pgtbl_lock, flags);
	ret = ops->unmap_pages(ops, iova, pgsize, pgcount, gather);
	spin_unlock_irqrestore(&dom->pgtbl_lock, flags);

	return ret; /* expect: unmap-gather-unfilled warning exposed=error protected=note */
}

static void sable_iotlb_sync(struct iommu_domain *domain,
			     struct iommu_iotlb_gather *gather)
{
	(void)gather;
	sable_tlb_sync(to_sable_domain(domain));
}

static void sable_flush_iotlb_all(struct iommu_domain *domain)
{
	sable_tlb_inv_context(to_sable_domain(domain));
}

static void sable_domain_free(struct iommu_domain *domain)
{
	struct sable_domain *dom = to_sable_domain(domain);

	free_io_pgtable_ops(dom->pgtbl_ops);
	kfree(dom);
}

static const struct iommu_domain_ops sable_domain_ops = {
	.map_pages	 = sable_map,
	.unmap_pages	 = sable_unmap,
	.flush_iotlb_all = sable_flush_iotlb_all,
	.iotlb_sync	 = sable_iotlb_sync,
	.free		 = sable_domain_free,
};

static struct iommu_domain *sable_domain_alloc(unsigned int type)
{
	struct sable_domain *dom;

	if (type != IOMMU_DOMAIN_UNMANAGED && type != IOMMU_DOMAIN_DMA)
		return NULL;
	dom = kzalloc(sizeof(*dom), GFP_KERNEL);
	if (!dom)
		return NULL;
	spin_lock_init(&dom->pgtbl_lock);
	if (sable_init_domain(dom)) {
		kfree(dom);
		return NULL;
	}
	dom->domain.ops = &sable_domain_ops;
	return &dom->domain;
}

const struct iommu_ops sable_iommu_ops = {
	.domain_alloc		= sable_domain_alloc,
	.pgsize_bitmap		= SZ_4K | SZ_64K | SZ_1M | SZ_16M,
	.default_domain_ops	= &sable_domain_ops,
};
