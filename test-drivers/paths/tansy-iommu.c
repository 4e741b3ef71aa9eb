// SPDX-License-Identifier: GPL-2.0
/*
 * tansy-iommu.c - paths: the AMD-style "fill only if something was
 * unmapped" after delegating with a NULL gather:
 *
 *	r = ops->unmap_pages(ops, iova, pgsize, pgcount, NULL);
 *	if (r)
 *		tansy_gather_add_page(domain, gather, iova, r);
 *	return r;
 *
 * The path that skips the fill returns 0: SPEC section 2 reads the value
 * as a reviewer does, and a branch condition the path took ("if (r)"
 * false) says r is 0 there.  The other path fills through the local
 * wrapper (a filler).  No finding, and gatherlint fix adds nothing.
 */
/* gatherlint: clean */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/iommu.h>
#include <linux/io-pgtable.h>

#define TANSY_CMD_INV_IOMMU_PAGES	0x3
#define TANSY_REG_CMD_BUF		0x2000

struct tansy_domain {
	struct iommu_domain	domain;
	struct io_pgtable_cfg	cfg;
	struct io_pgtable_ops	*iop;
	u16			id;
	void __iomem		*mmio;
};

static struct tansy_domain *to_tansy_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct tansy_domain, domain);
}

static void tansy_gather_add_page(struct iommu_domain *domain,
				  struct iommu_iotlb_gather *gather,
				  unsigned long iova, size_t size)
{
	/* One ranged command per sync: flush first if disjoint. */
	if (iommu_iotlb_gather_is_disjoint(gather, iova, size))
		iommu_iotlb_sync(domain, gather);

	iommu_iotlb_gather_add_range(gather, iova, size);
}

static size_t tansy_unmap_pages(struct iommu_domain *domain, unsigned long iova,
				size_t pgsize, size_t pgcount,
				struct iommu_iotlb_gather *gather)
{
	struct tansy_domain *td = to_tansy_domain(domain);
	struct io_pgtable_ops *ops = td->iop;
	size_t r;

	r = ops->unmap_pages(ops, iova, pgsize, pgcount, NULL);
	if (r)
		tansy_gather_add_page(domain, gather, iova, r);

	return r;
}

static void tansy_iotlb_sync(struct iommu_domain *domain,
			     struct iommu_iotlb_gather *gather)
{
	struct tansy_domain *td = to_tansy_domain(domain);

	writeq(((u64)td->id << 32) | TANSY_CMD_INV_IOMMU_PAGES, td->mmio + TANSY_REG_CMD_BUF);
	writeq(gather->start, td->mmio + TANSY_REG_CMD_BUF + 8);
	writeq(gather->end - gather->start + 1, td->mmio + TANSY_REG_CMD_BUF + 16);
}

static void tansy_domain_free(struct iommu_domain *domain)
{
	struct tansy_domain *td = to_tansy_domain(domain);

	free_io_pgtable_ops(td->iop);
	kfree(td);
}

static const struct iommu_domain_ops tansy_domain_ops = {
	.unmap_pages	= tansy_unmap_pages,
	.iotlb_sync	= tansy_iotlb_sync,
	.free		= tansy_domain_free,
};

static struct iommu_domain *tansy_domain_alloc(unsigned int type)
{
	struct tansy_domain *td;

	if (type != IOMMU_DOMAIN_DMA && type != IOMMU_DOMAIN_UNMANAGED)
		return NULL;
	td = kzalloc(sizeof(*td), GFP_KERNEL);
	if (!td)
		return NULL;
	td->cfg.pgsize_bitmap = SZ_4K | SZ_2M | SZ_1G;
	td->cfg.ias = 48;
	td->cfg.oas = 52;
	td->iop = alloc_io_pgtable_ops(AMD_IOMMU_V1, &td->cfg, td);
	if (!td->iop) {
		kfree(td);
		return NULL;
	}
	td->domain.ops = &tansy_domain_ops;
	return &td->domain;
}

const struct iommu_ops tansy_iommu_ops = {
	.domain_alloc		= tansy_domain_alloc,
	.pgsize_bitmap		= SZ_4K | SZ_2M | SZ_1G,
	.default_domain_ops	= &tansy_domain_ops,
};
