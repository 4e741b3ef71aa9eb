// SPDX-License-Identifier: GPL-2.0
/*
 * umbra-smmu3.c - clean through the LPAE-like format (arm-smmu-v3 style):
 * the driver's tlb_add_page fills with iommu_iotlb_gather_add_page(), so
 * in this driver's context the format's leaf path fills, its table path
 * is flushed synchronously by io_pgtable_tlb_flush_walk(), and its lazy
 * path is queued-guarded.  .iotlb_sync issues one ranged invalidation
 * from gather->start/end.
 *
 * This is the driver the review thread warns about: an add_range in the
 * shared format code before these add_page calls would defeat
 * iommu_iotlb_gather_is_disjoint() and over-invalidate, which is why a
 * fix never goes into format code while such a driver uses it.
 *
 * The stage is chosen at run time, so alloc_io_pgtable_ops() gets a
 * variable and binds to the format ids mentioned in this file.
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

#define UMBRA_CMDQ_OP_TLBI_NH_VA	0x12
#define UMBRA_CMDQ_OP_TLBI_S2_IPA	0x2a
#define UMBRA_CMDQ_OP_TLBI_NH_ASID	0x11
#define UMBRA_CMDQ_OP_CMD_SYNC		0x46
#define UMBRA_REG_CMDQ_PROD		0x98

enum umbra_stage {
	UMBRA_STAGE_S1,
	UMBRA_STAGE_S2,
};

struct umbra_device {
	void __iomem	*base;
	u32		cmdq_prod;
	spinlock_t	cmdq_lock;
};

struct umbra_domain {
	struct iommu_domain	domain;
	struct umbra_device	*smmu;
	struct io_pgtable_ops	*pgtbl_ops;
	enum umbra_stage	stage;
	u16			asid;
	u16			vmid;
};

static struct umbra_domain *to_umbra_domain(struct iommu_domain *dom)
{
	return container_of(dom, struct umbra_domain, domain);
}

static void umbra_cmdq_issue(struct umbra_device *smmu, u8 op, u64 arg0, u64 arg1)
{
	unsigned long flags;

	spin_lock_irqsave(&smmu->cmdq_lock, flags);
	writeq(((u64)op) | (arg0 << 8), smmu->base + 0x1000 + 16 * (smmu->cmdq_prod & 0xff));
	writeq(arg1, smmu->base + 0x1008 + 16 * (smmu->cmdq_prod & 0xff));
	writel(++smmu->cmdq_prod, smmu->base + UMBRA_REG_CMDQ_PROD);
	spin_unlock_irqrestore(&smmu->cmdq_lock, flags);
}

static void umbra_tlb_inv_range(struct umbra_domain *dom, unsigned long iova,
				size_t size, size_t granule)
{
	u8 op = dom->stage == UMBRA_STAGE_S1 ? UMBRA_CMDQ_OP_TLBI_NH_VA : UMBRA_CMDQ_OP_TLBI_S2_IPA;
	unsigned long end = iova + size;

	while (iova < end) {
		umbra_cmdq_issue(dom->smmu, op, dom->stage == UMBRA_STAGE_S1 ? dom->asid : dom->vmid, iova);
		iova += granule;
	}
	umbra_cmdq_issue(dom->smmu, UMBRA_CMDQ_OP_CMD_SYNC, 0, 0);
}

static void umbra_tlb_inv_context(void *cookie)
{
	struct umbra_domain *dom = cookie;

	umbra_cmdq_issue(dom->smmu, UMBRA_CMDQ_OP_TLBI_NH_ASID, dom->asid, 0);
	umbra_cmdq_issue(dom->smmu, UMBRA_CMDQ_OP_CMD_SYNC, 0, 0);
}

static void umbra_tlb_inv_walk(unsigned long iova, size_t size,
			       size_t granule, void *cookie)
{
	umbra_tlb_inv_range(cookie, iova, size, granule);
}

/* Batches the page into the core's gather; .iotlb_sync invalidates it. */
static void umbra_tlb_inv_page_nosync(struct iommu_iotlb_gather *gather,
				      unsigned long iova, size_t granule,
				      void *cookie)
{
	struct umbra_domain *dom = cookie;

	iommu_iotlb_gather_add_page(&dom->domain, gather, iova, granule);
}

static const struct iommu_flush_ops umbra_flush_ops = {
	.tlb_flush_all	= umbra_tlb_inv_context,
	.tlb_flush_walk	= umbra_tlb_inv_walk,
	.tlb_add_page	= umbra_tlb_inv_page_nosync,
};

static int umbra_domain_finalise(struct umbra_domain *dom)
{
	struct io_pgtable_cfg pgtbl_cfg;
	enum io_pgtable_fmt fmt;

	switch (dom->stage) {
	case UMBRA_STAGE_S1:
		fmt = ARM_64_LPAE_S1;
		break;
	case UMBRA_STAGE_S2:
		fmt = ARM_64_LPAE_S2;
		break;
	default:
		return -EINVAL;
	}

	pgtbl_cfg = (struct io_pgtable_cfg) {
		.pgsize_bitmap	= SZ_4K | SZ_2M | SZ_1G,
		.ias		= 48,
		.oas		= 48,
		.coherent_walk	= true,
		.tlb		= &umbra_flush_ops,
	};

	dom->pgtbl_ops = alloc_io_pgtable_ops(fmt, &pgtbl_cfg, dom);
	if (!dom->pgtbl_ops)
		return -ENOMEM;

	dom->domain.pgsize_bitmap = pgtbl_cfg.pgsize_bitmap;
	return 0;
}

static int umbra_map_pages(struct iommu_domain *domain, unsigned long iova,
			   phys_addr_t paddr, size_t pgsize, size_t pgcount,
			   int prot, gfp_t gfp, size_t *mapped)
{
	struct io_pgtable_ops *ops = to_umbra_domain(domain)->pgtbl_ops;

	if (!ops)
		return -ENODEV;

	return ops->map_pages(ops, iova, paddr, pgsize, pgcount, prot, gfp, mapped);
}

static size_t umbra_unmap_pages(struct iommu_domain *domain, unsigned long iova,
				size_t pgsize, size_t pgcount,
				struct iommu_iotlb_gather *gather)
{
	struct umbra_domain *dom = to_umbra_domain(domain);
	struct io_pgtable_ops *ops = dom->pgtbl_ops;

	if (!ops)
		return 0;

	return ops->unmap_pages(ops, iova, pgsize, pgcount, gather);
}

static void umbra_iotlb_sync(struct iommu_domain *domain,
			     struct iommu_iotlb_gather *gather)
{
	struct umbra_domain *dom = to_umbra_domain(domain);

	if (!gather->pgsize)
		return;

	umbra_tlb_inv_range(dom, gather->start, gather->end - gather->start + 1, gather->pgsize);
}

static void umbra_flush_iotlb_all(struct iommu_domain *domain)
{
	umbra_tlb_inv_context(to_umbra_domain(domain));
}

static void umbra_domain_free(struct iommu_domain *domain)
{
	struct umbra_domain *dom = to_umbra_domain(domain);

	free_io_pgtable_ops(dom->pgtbl_ops);
	kfree(dom);
}

static const struct iommu_domain_ops umbra_domain_ops = {
	.map_pages	 = umbra_map_pages,
	.unmap_pages	 = umbra_unmap_pages,
	.flush_iotlb_all = umbra_flush_iotlb_all,
	.iotlb_sync	 = umbra_iotlb_sync,
	.free		 = umbra_domain_free,
};

static struct iommu_domain *umbra_domain_alloc(unsigned int type)
{
	struct umbra_domain *dom;

	if (type != IOMMU_DOMAIN_UNMANAGED && type != IOMMU_DOMAIN_DMA &&
	    type != IOMMU_DOMAIN_DMA_FQ)
		return NULL;
	dom = kzalloc(sizeof(*dom), GFP_KERNEL);
	if (!dom)
		return NULL;
	if (umbra_domain_finalise(dom)) {
		kfree(dom);
		return NULL;
	}
	dom->domain.ops = &umbra_domain_ops;
	return &dom->domain;
}

const struct iommu_ops umbra_iommu_ops = {
	.domain_alloc		= umbra_domain_alloc,
	.pgsize_bitmap		= SZ_4K | SZ_2M | SZ_1G,
	.default_domain_ops	= &umbra_domain_ops,
};
