// SPDX-License-Identifier: GPL-2.0
/*
 * zinc-smmu.c - clean through the LPAE-like format with a flush callback
 * that fills with iommu_iotlb_gather_add_range() (an arm-smmu-like
 * driver fixed in the driver, not in the shared format): it still posts
 * the TLBI at once, and records the range so that .iotlb_sync is called.
 * Bound to ARM_64_LPAE_S2 with a constant.
 */
/* gatherlint: clean */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/iommu.h>
#include <linux/io-pgtable.h>

#define ZINC_GR0_TLBIVMID	0x64
#define ZINC_GR0_TLBIIPAS2	0x630
#define ZINC_GR0_TLBGSYNC	0x70
#define ZINC_GR0_TLBGSTATUS	0x74

struct zinc_domain {
	struct iommu_domain	domain;
	struct io_pgtable_ops	*pgtbl_ops;
	void __iomem		*gr0;
	u16			vmid;
};

static struct zinc_domain *to_zinc_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct zinc_domain, domain);
}

static void zinc_tlb_sync_global(struct zinc_domain *dom)
{
	writel(0, dom->gr0 + ZINC_GR0_TLBGSYNC);
	while (readl(dom->gr0 + ZINC_GR0_TLBGSTATUS) & 1)
		;
}

static void zinc_tlb_inv_vmid(void *cookie)
{
	struct zinc_domain *dom = cookie;

	writel(dom->vmid, dom->gr0 + ZINC_GR0_TLBIVMID);
	zinc_tlb_sync_global(dom);
}

static void zinc_tlb_inv_ipa(struct zinc_domain *dom, unsigned long iova, size_t size,
			     size_t granule)
{
	unsigned long end = iova + size;

	for (; iova < end; iova += granule)
		writeq(iova >> 12, dom->gr0 + ZINC_GR0_TLBIIPAS2);
}

static void zinc_tlb_flush_walk(unsigned long iova, size_t size,
				size_t granule, void *cookie)
{
	zinc_tlb_inv_ipa(cookie, iova, size, granule);
	zinc_tlb_sync_global(cookie);
}

static void zinc_tlb_add_page(struct iommu_iotlb_gather *gather,
			      unsigned long iova, size_t granule, void *cookie)
{
	zinc_tlb_inv_ipa(cookie, iova, granule, granule);
	iommu_iotlb_gather_add_range(gather, iova, granule);
}

static const struct iommu_flush_ops zinc_flush_ops = {
	.tlb_flush_all	= zinc_tlb_inv_vmid,
	.tlb_flush_walk	= zinc_tlb_flush_walk,
	.tlb_add_page	= zinc_tlb_add_page,
};

static int zinc_init_context(struct zinc_domain *dom)
{
	struct io_pgtable_cfg cfg = {
		.pgsize_bitmap	= SZ_4K | SZ_2M | SZ_1G,
		.ias		= 40,
		.oas		= 40,
		.coherent_walk	= true,
		.tlb		= &zinc_flush_ops,
	};

	dom->pgtbl_ops = alloc_io_pgtable_ops(ARM_64_LPAE_S2, &cfg, dom);
	return dom->pgtbl_ops ? 0 : -ENOMEM;
}

static int zinc_map_pages(struct iommu_domain *domain, unsigned long iova,
			  phys_addr_t paddr, size_t pgsize, size_t pgcount,
			  int prot, gfp_t gfp, size_t *mapped)
{
	struct io_pgtable_ops *ops = to_zinc_domain(domain)->pgtbl_ops;

	return ops->map_pages(ops, iova, paddr, pgsize, pgcount, prot, gfp, mapped);
}

static size_t zinc_unmap_pages(struct iommu_domain *domain, unsigned long iova,
			       size_t pgsize, size_t pgcount,
			       struct iommu_iotlb_gather *gather)
{
	struct io_pgtable_ops *ops = to_zinc_domain(domain)->pgtbl_ops;
	size_t ret;

	ret = ops->unmap_pages(ops, iova, pgsize, pgcount, gather);
	return ret;
}

static void zinc_iotlb_sync(struct iommu_domain *domain,
			    struct iommu_iotlb_gather *gather)
{
	(void)gather;
	zinc_tlb_sync_global(to_zinc_domain(domain));
}

static void zinc_domain_free(struct iommu_domain *domain)
{
	struct zinc_domain *dom = to_zinc_domain(domain);

	free_io_pgtable_ops(dom->pgtbl_ops);
	kfree(dom);
}

static const struct iommu_domain_ops zinc_domain_ops = {
	.map_pages	= zinc_map_pages,
	.unmap_pages	= zinc_unmap_pages,
	.iotlb_sync	= zinc_iotlb_sync,
	.free		= zinc_domain_free,
};

static struct iommu_domain *zinc_domain_alloc(unsigned int type)
{
	struct zinc_domain *dom;

	if (type != IOMMU_DOMAIN_UNMANAGED)
		return NULL;
	dom = kzalloc(sizeof(*dom), GFP_KERNEL);
	if (!dom)
		return NULL;
	if (zinc_init_context(dom)) {
		kfree(dom);
		return NULL;
	}
	dom->domain.ops = &zinc_domain_ops;
	return &dom->domain;
}

const struct iommu_ops zinc_iommu_ops = {
	.domain_alloc		= zinc_domain_alloc,
	.pgsize_bitmap		= SZ_4K | SZ_2M | SZ_1G,
	.default_domain_ops	= &zinc_domain_ops,
};
