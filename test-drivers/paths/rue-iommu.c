// SPDX-License-Identifier: GPL-2.0
/*
 * rue-iommu.c - paths: a flushed path.  The driver delegates to the
 * LPAE-like format with flush ops that have no tlb_add_page (the format
 * does not fill for it), then invalidates everything synchronously with
 * io_pgtable_tlb_flush_all() before returning.  io-pgtable documents
 * tlb_flush_all as synchronous: the path is "flushed" and needs no fill
 * (SPEC section 2).
 *
 * Clean.
 */
/* gatherlint: clean */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/iommu.h>
#include <linux/io-pgtable.h>

#define RUE_REG_TLB_FLUSH_ALL	0x100
#define RUE_REG_TLB_STATUS	0x104

struct rue_domain {
	struct iommu_domain	domain;
	struct io_pgtable_ops	*pgtbl_ops;
	void __iomem		*base;
};

static struct rue_domain *to_rue_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct rue_domain, domain);
}

static void rue_tlb_flush_all(void *cookie)
{
	struct rue_domain *rd = cookie;

	writel(1, rd->base + RUE_REG_TLB_FLUSH_ALL);
	while (readl(rd->base + RUE_REG_TLB_STATUS))
		;
}

static void rue_tlb_flush_walk(unsigned long iova, size_t size,
			       size_t granule, void *cookie)
{
	(void)iova;
	(void)size;
	(void)granule;
	rue_tlb_flush_all(cookie);
}

static const struct iommu_flush_ops rue_flush_ops = {
	.tlb_flush_all	= rue_tlb_flush_all,
	.tlb_flush_walk	= rue_tlb_flush_walk,
};

static int rue_init(struct rue_domain *rd)
{
	struct io_pgtable_cfg cfg = {
		.pgsize_bitmap	= SZ_4K | SZ_2M,
		.ias		= 39,
		.oas		= 40,
		.tlb		= &rue_flush_ops,
	};

	rd->pgtbl_ops = alloc_io_pgtable_ops(ARM_64_LPAE_S1, &cfg, rd);
	return rd->pgtbl_ops ? 0 : -ENOMEM;
}

static size_t rue_unmap_pages(struct iommu_domain *domain, unsigned long iova,
			      size_t pgsize, size_t pgcount,
			      struct iommu_iotlb_gather *gather)
{
	struct rue_domain *rd = to_rue_domain(domain);
	struct io_pgtable_ops *ops = rd->pgtbl_ops;
	size_t unmapped;

	unmapped = ops->unmap_pages(ops, iova, pgsize, pgcount, gather);

	/* No ranged invalidation in this hardware: drop everything now. */
	io_pgtable_tlb_flush_all(io_pgtable_ops_to_pgtable(ops));

	return unmapped;
}

static void rue_iotlb_sync(struct iommu_domain *domain,
			   struct iommu_iotlb_gather *gather)
{
	(void)gather;
	rue_tlb_flush_all(to_rue_domain(domain));
}

static void rue_domain_free(struct iommu_domain *domain)
{
	struct rue_domain *rd = to_rue_domain(domain);

	free_io_pgtable_ops(rd->pgtbl_ops);
	kfree(rd);
}

static const struct iommu_domain_ops rue_domain_ops = {
	.unmap_pages	= rue_unmap_pages,
	.iotlb_sync	= rue_iotlb_sync,
	.free		= rue_domain_free,
};

static struct iommu_domain *rue_domain_alloc(unsigned int type)
{
	struct rue_domain *rd;

	if (type != IOMMU_DOMAIN_UNMANAGED && type != IOMMU_DOMAIN_DMA)
		return NULL;
	rd = kzalloc(sizeof(*rd), GFP_KERNEL);
	if (!rd)
		return NULL;
	if (rue_init(rd)) {
		kfree(rd);
		return NULL;
	}
	rd->domain.ops = &rue_domain_ops;
	return &rd->domain;
}

const struct iommu_ops rue_iommu_ops = {
	.domain_alloc		= rue_domain_alloc,
	.pgsize_bitmap		= SZ_4K | SZ_2M,
	.default_domain_ops	= &rue_domain_ops,
};
