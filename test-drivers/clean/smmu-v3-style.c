// SPDX-License-Identifier: GPL-2.0
/*
 * SMMUv3-style: delegates to the LPAE-like format; its tlb_add_page fills
 * with iommu_iotlb_gather_add_page(); table paths are flushed by
 * io_pgtable_tlb_flush_walk() and queued leaves are skipped.
 */
/* gatherlint: clean */
#include <linux/io-pgtable.h>

struct s3_domain {
	struct iommu_domain domain;
	struct io_pgtable_ops *pgtbl_ops;
	struct io_pgtable_cfg cfg;
};

static void s3_tlb_inv_context(void *cookie)
{
	(void)cookie;
}

static void s3_tlb_inv_walk(unsigned long iova, size_t size, size_t granule,
			    void *cookie)
{
	(void)iova;
	(void)size;
	(void)granule;
	s3_tlb_inv_context(cookie);
}

static void s3_tlb_inv_page_nosync(struct iommu_iotlb_gather *gather,
				   unsigned long iova, size_t granule,
				   void *cookie)
{
	struct s3_domain *dom = cookie;

	iommu_iotlb_gather_add_page(&dom->domain, gather, iova, granule);
}

static const struct iommu_flush_ops s3_flush_ops = {
	.tlb_flush_all	= s3_tlb_inv_context,
	.tlb_flush_walk	= s3_tlb_inv_walk,
	.tlb_add_page	= s3_tlb_inv_page_nosync,
};

static int s3_finalise(struct s3_domain *dom)
{
	dom->cfg.tlb = &s3_flush_ops;
	dom->pgtbl_ops = alloc_io_pgtable_ops(ARM_64_LPAE_S1, &dom->cfg, dom);
	return dom->pgtbl_ops ? 0 : -1;
}

static size_t s3_unmap(struct iommu_domain *domain, unsigned long iova,
		       size_t pgsize, size_t pgcount,
		       struct iommu_iotlb_gather *gather)
{
	struct s3_domain *dom = container_of(domain, struct s3_domain, domain);
	struct io_pgtable_ops *ops = dom->pgtbl_ops;

	if (!ops)
		return 0;

	return ops->unmap_pages(ops, iova, pgsize, pgcount, gather);
}

static void s3_sync(struct iommu_domain *domain,
		       struct iommu_iotlb_gather *gather)
{
	(void)domain;
	(void)gather;
}

const struct iommu_domain_ops s3_domain_ops = {
	.unmap_pages	= s3_unmap,
	.iotlb_sync	= s3_sync,
};

int s3_attach(struct s3_domain *dom)
{
	return s3_finalise(dom);
}
