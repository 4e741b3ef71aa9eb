// SPDX-License-Identifier: GPL-2.0
/*
 * mtk-style: a v7s-like format user that fills the whole range with
 * add_range before delegating (its tlb_add_page does not fill).
 */
/* gatherlint: clean */
#include <linux/io-pgtable.h>

struct mt_domain {
	struct iommu_domain domain;
	struct io_pgtable_ops *iop;
	struct io_pgtable_cfg cfg;
};

static void mt_flush_all(void *cookie)
{
	(void)cookie;
}

static void mt_add_page_nop(struct iommu_iotlb_gather *gather,
			    unsigned long iova, size_t granule, void *cookie)
{
	(void)gather;
	(void)iova;
	(void)granule;
	(void)cookie;
}

static const struct iommu_flush_ops mt_flush_ops = {
	.tlb_flush_all	= mt_flush_all,
	.tlb_add_page	= mt_add_page_nop,
};

static int mt_domain_finalise(struct mt_domain *dom)
{
	dom->cfg.tlb = &mt_flush_ops;
	dom->iop = alloc_io_pgtable_ops(ARM_V7S, &dom->cfg, dom);
	return dom->iop ? 0 : -1;
}

static size_t mt_unmap(struct iommu_domain *domain, unsigned long iova,
		       size_t pgsize, size_t pgcount,
		       struct iommu_iotlb_gather *gather)
{
	struct mt_domain *dom = container_of(domain, struct mt_domain, domain);

	iommu_iotlb_gather_add_range(gather, iova, pgsize * pgcount);
	return dom->iop->unmap_pages(dom->iop, iova, pgsize, pgcount, gather);
}

static void mt_sync(struct iommu_domain *domain,
		       struct iommu_iotlb_gather *gather)
{
	(void)domain;
	(void)gather;
}

const struct iommu_domain_ops mt_domain_ops = {
	.unmap_pages	= mt_unmap,
	.iotlb_sync	= mt_sync,
};

int mt_attach(struct mt_domain *dom)
{
	return mt_domain_finalise(dom);
}
