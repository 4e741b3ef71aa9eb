// SPDX-License-Identifier: GPL-2.0
/*
 * Flushed paths need no fill: io_pgtable_tlb_flush_all() or a direct call of
 * the flush ops' tlb_flush_all ran before the return.
 */
/* gatherlint: clean */
#include <linux/io-pgtable.h>

struct fl_domain {
	struct iommu_domain domain;
	struct io_pgtable iop;
	u32 *ptes;
	bool big;
};

static size_t fl_unmap(struct iommu_domain *domain, unsigned long iova,
		       size_t pgsize, size_t pgcount,
		       struct iommu_iotlb_gather *gather)
{
	struct fl_domain *dom = container_of(domain, struct fl_domain, domain);

	dom->ptes[(iova >> 12) & 255] = 0;
	if (dom->big) {
		io_pgtable_tlb_flush_all(&dom->iop);
		return pgsize * pgcount;
	}
	dom->iop.cfg.tlb->tlb_flush_all(dom->iop.cookie);
	return pgsize * pgcount;
}

static void fl_sync(struct iommu_domain *domain,
		       struct iommu_iotlb_gather *gather)
{
	(void)domain;
	(void)gather;
}

const struct iommu_domain_ops fl_domain_ops = {
	.unmap_pages	= fl_unmap,
	.iotlb_sync	= fl_sync,
};
