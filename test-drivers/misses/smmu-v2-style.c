// SPDX-License-Identifier: GPL-2.0
/*
 * arm-smmu-style: delegates to the LPAE-like format; its tlb_add_page posts
 * an invalidation without touching the gather, so nothing fills it.
 */
#include <linux/io-pgtable.h>

struct s2_domain {
	struct iommu_domain domain;
	struct io_pgtable_ops *pgtbl_ops;
	struct io_pgtable_cfg cfg;
};

static void s2_tlb_inv_range(unsigned long iova, size_t size, void *cookie)
{
	(void)iova;
	(void)size;
	(void)cookie;
}

static void s2_tlb_flush_all(void *cookie)
{
	(void)cookie;
}

static void s2_tlb_flush_walk(unsigned long iova, size_t size, size_t granule,
			      void *cookie)
{
	(void)granule;
	s2_tlb_inv_range(iova, size, cookie);
}

static void s2_tlb_add_page(struct iommu_iotlb_gather *gather,
			    unsigned long iova, size_t granule, void *cookie)
{
	s2_tlb_inv_range(iova, granule, cookie);
}

static const struct iommu_flush_ops s2_flush_ops = {
	.tlb_flush_all	= s2_tlb_flush_all,
	.tlb_flush_walk	= s2_tlb_flush_walk,
	.tlb_add_page	= s2_tlb_add_page,
};

static int s2_init_domain(struct s2_domain *dom)
{
	dom->cfg.tlb = &s2_flush_ops;
	dom->pgtbl_ops = alloc_io_pgtable_ops(ARM_64_LPAE_S1, &dom->cfg, dom);
	return dom->pgtbl_ops ? 0 : -1;
}

static size_t s2_unmap(struct iommu_domain *domain, unsigned long iova,
		       size_t pgsize, size_t pgcount,
		       struct iommu_iotlb_gather *gather)
{
	struct s2_domain *dom = container_of(domain, struct s2_domain, domain);
	struct io_pgtable_ops *ops = dom->pgtbl_ops;
	size_t ret;

	if (!ops)
		return 0;

	ret = ops->unmap_pages(ops, iova, pgsize, pgcount, gather);
	return ret;	/* expect: unmap-gather-unfilled warning exposed=error protected=note */
}

static void s2_sync(struct iommu_domain *domain,
		       struct iommu_iotlb_gather *gather)
{
	(void)domain;
	(void)gather;
}

const struct iommu_domain_ops s2_domain_ops = {
	.unmap_pages	= s2_unmap,
	.iotlb_sync	= s2_sync,
};

int s2_probe(struct s2_domain *dom)
{
	return s2_init_domain(dom);
}
