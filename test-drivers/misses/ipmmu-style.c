// SPDX-License-Identifier: GPL-2.0
/*
 * ipmmu-style: LPAE-like format, flush ops without .tlb_add_page, legacy .unmap
 * returning the format's result directly.
 */
#include <linux/io-pgtable.h>

struct ip_domain {
	struct iommu_domain domain;
	struct io_pgtable_ops *iop;
	struct io_pgtable_cfg cfg;
};

static void ip_tlb_flush_all(void *cookie)
{
	(void)cookie;
}

static void ip_tlb_flush(unsigned long iova, size_t size, size_t granule,
			 void *cookie)
{
	(void)iova;
	(void)size;
	(void)granule;
	ip_tlb_flush_all(cookie);
}

static const struct iommu_flush_ops ip_flush_ops = {
	.tlb_flush_all	= ip_tlb_flush_all,
	.tlb_flush_walk	= ip_tlb_flush,
};

static int ip_init_context(struct ip_domain *dom)
{
	dom->cfg.tlb = &ip_flush_ops;
	dom->iop = alloc_io_pgtable_ops(ARM_32_LPAE_S1, &dom->cfg, dom);
	return dom->iop ? 0 : -1;
}

static size_t ip_unmap(struct iommu_domain *domain, unsigned long iova,
		       size_t size, struct iommu_iotlb_gather *gather)
{
	struct ip_domain *dom = container_of(domain, struct ip_domain, domain);

	return dom->iop->unmap_pages(dom->iop, iova, size, 1, gather);	/* expect: unmap-gather-unfilled warning exposed=error protected=note */
}

static void ip_sync(struct iommu_domain *domain,
		       struct iommu_iotlb_gather *gather)
{
	(void)domain;
	(void)gather;
}

const struct iommu_domain_ops ip_domain_ops = {
	.unmap		= ip_unmap,
	.iotlb_sync	= ip_sync,
};

int ip_attach(struct ip_domain *dom)
{
	return ip_init_context(dom);
}
