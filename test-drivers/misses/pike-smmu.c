// SPDX-License-Identifier: GPL-2.0
/*
 * pike-smmu.c - misses through a format whose flush callback ignores the
 * gather (arm-smmu style).  The context bank uses the LPAE-like format
 * (64-bit or 32-bit, stage 1 or 2) or the short-descriptor one, chosen at
 * run time, so alloc_io_pgtable_ops() gets a variable: its formats are
 * every format id this file mentions, and they must ALL fill for the
 * delegation to count (neither does: the tlb_add_page below posts a TLBI
 * by VA to the context bank and never touches the gather).
 * Chain: pike_unmap_pages -> lpae_unmap_pages / v7s_unmap_pages ->
 * pike_tlb_add_page.
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

#define PIKE_CB_TLBIVA		0x600
#define PIKE_CB_TLBIASID	0x610
#define PIKE_CB_TLBSYNC		0x7f0
#define PIKE_CB_TLBSTATUS	0x7f4
#define PIKE_TLBSTATUS_SACTIVE	BIT(0)

enum pike_context_fmt {
	PIKE_CTX_AARCH64,
	PIKE_CTX_AARCH32_L,
	PIKE_CTX_AARCH32_S,
};

struct pike_device {
	void __iomem	*cb_base;
	int		rpm_count;
};

struct pike_domain {
	struct iommu_domain	domain;
	struct pike_device	*smmu;
	struct io_pgtable_ops	*pgtbl_ops;
	enum pike_context_fmt	ctx_fmt;
	bool			stage2;
	u16			asid;
	spinlock_t		cb_lock;
};

static struct pike_domain *to_pike_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct pike_domain, domain);
}

static void pike_rpm_get(struct pike_device *smmu)
{
	smmu->rpm_count++;
}

static void pike_rpm_put(struct pike_device *smmu)
{
	smmu->rpm_count--;
}

static void pike_tlb_sync_context(struct pike_domain *dom)
{
	void __iomem *cb = dom->smmu->cb_base;
	unsigned long flags;

	spin_lock_irqsave(&dom->cb_lock, flags);
	writel(0, cb + PIKE_CB_TLBSYNC);
	while (readl(cb + PIKE_CB_TLBSTATUS) & PIKE_TLBSTATUS_SACTIVE)
		;
	spin_unlock_irqrestore(&dom->cb_lock, flags);
}

static void pike_tlb_inv_context(void *cookie)
{
	struct pike_domain *dom = cookie;

	writel(dom->asid, dom->smmu->cb_base + PIKE_CB_TLBIASID);
	pike_tlb_sync_context(dom);
}

static void pike_tlb_inv_range(unsigned long iova, size_t size, size_t granule,
			       struct pike_domain *dom)
{
	do {
		writeq((iova >> 12) | ((u64)dom->asid << 48), dom->smmu->cb_base + PIKE_CB_TLBIVA);
		iova += granule;
	} while (size -= granule);
}

static void pike_tlb_flush_walk(unsigned long iova, size_t size,
				size_t granule, void *cookie)
{
	pike_tlb_inv_range(iova, size, granule, cookie);
	pike_tlb_sync_context(cookie);
}

/* Posts the invalidation now; the sync in .iotlb_sync completes it. */
static void pike_tlb_add_page(struct iommu_iotlb_gather *gather,
			      unsigned long iova, size_t granule, void *cookie)
{
	(void)gather;
	pike_tlb_inv_range(iova, granule, granule, cookie);
}

static const struct iommu_flush_ops pike_flush_ops = {
	.tlb_flush_all	= pike_tlb_inv_context,
	.tlb_flush_walk	= pike_tlb_flush_walk,
	.tlb_add_page	= pike_tlb_add_page,
};

static int pike_init_domain_context(struct pike_domain *dom)
{
	struct io_pgtable_cfg pgtbl_cfg = {
		.pgsize_bitmap	= SZ_4K | SZ_2M | SZ_1G,
		.ias		= 40,
		.oas		= 40,
		.coherent_walk	= true,
		.tlb		= &pike_flush_ops,
	};
	enum io_pgtable_fmt fmt;

	switch (dom->ctx_fmt) {
	case PIKE_CTX_AARCH64:
		fmt = dom->stage2 ? ARM_64_LPAE_S2 : ARM_64_LPAE_S1;
		break;
	case PIKE_CTX_AARCH32_L:
		fmt = dom->stage2 ? ARM_32_LPAE_S2 : ARM_32_LPAE_S1;
		break;
	case PIKE_CTX_AARCH32_S:
		fmt = ARM_V7S;
		pgtbl_cfg.ias = 32;
		pgtbl_cfg.oas = 32;
		pgtbl_cfg.pgsize_bitmap = SZ_4K | SZ_1M;
		break;
	default:
		return -EINVAL;
	}

	dom->pgtbl_ops = alloc_io_pgtable_ops(fmt, &pgtbl_cfg, dom);
	if (!dom->pgtbl_ops)
		return -ENOMEM;

	dom->domain.pgsize_bitmap = pgtbl_cfg.pgsize_bitmap;
	return 0;
}

static int pike_map_pages(struct iommu_domain *domain, unsigned long iova,
			  phys_addr_t paddr, size_t pgsize, size_t pgcount,
			  int prot, gfp_t gfp, size_t *mapped)
{
	struct pike_domain *dom = to_pike_domain(domain);
	struct io_pgtable_ops *ops = dom->pgtbl_ops;
	int ret;

	if (!ops)
		return -ENODEV;

	pike_rpm_get(dom->smmu);
	ret = ops->map_pages(ops, iova, paddr, pgsize, pgcount, prot, gfp, mapped);
	pike_rpm_put(dom->smmu);
	return ret;
}

static size_t pike_unmap_pages(struct iommu_domain *domain, unsigned long iova,
			       size_t pgsize, size_t pgcount,
			       struct iommu_iotlb_gather *iotlb_gather)
{
	struct pike_domain *dom = to_pike_domain(domain);
	struct io_pgtable_ops *ops = dom->pgtbl_ops;
	size_t ret;

	if (!ops)
		return 0;

	pike_rpm_get(dom->smmu);
	ret = ops->unmap_pages(ops, iova, pgsize, pgcount, iotlb_gather);
	pike_rpm_put(dom->smmu);

	return ret; /* expect: unmap-gather-unfilled warning exposed=error protected=note */
}

static void pike_iotlb_sync(struct iommu_domain *domain,
			    struct iommu_iotlb_gather *gather)
{
	struct pike_domain *dom = to_pike_domain(domain);

	(void)gather;
	pike_rpm_get(dom->smmu);
	pike_tlb_sync_context(dom);
	pike_rpm_put(dom->smmu);
}

static void pike_flush_iotlb_all(struct iommu_domain *domain)
{
	pike_tlb_inv_context(to_pike_domain(domain));
}

static void pike_domain_free(struct iommu_domain *domain)
{
	struct pike_domain *dom = to_pike_domain(domain);

	free_io_pgtable_ops(dom->pgtbl_ops);
	kfree(dom);
}

static const struct iommu_domain_ops pike_domain_ops = {
	.map_pages	 = pike_map_pages,
	.unmap_pages	 = pike_unmap_pages,
	.flush_iotlb_all = pike_flush_iotlb_all,
	.iotlb_sync	 = pike_iotlb_sync,
	.free		 = pike_domain_free,
};

static struct iommu_domain *pike_domain_alloc(unsigned int type)
{
	struct pike_domain *dom;

	if (type != IOMMU_DOMAIN_DMA && type != IOMMU_DOMAIN_UNMANAGED)
		return NULL;
	dom = kzalloc(sizeof(*dom), GFP_KERNEL);
	if (!dom)
		return NULL;
	spin_lock_init(&dom->cb_lock);
	if (pike_init_domain_context(dom)) {
		kfree(dom);
		return NULL;
	}
	dom->domain.ops = &pike_domain_ops;
	return &dom->domain;
}

const struct iommu_ops pike_iommu_ops = {
	.domain_alloc		= pike_domain_alloc,
	.pgsize_bitmap		= -1UL,
	.default_domain_ops	= &pike_domain_ops,
};
