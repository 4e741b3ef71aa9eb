// SPDX-License-Identifier: GPL-2.0
/*
 * dyna-iommu.c - fills after delegating with a NULL gather (AMD style),
 * written so that it is clean under the rules.
 *
 * The format is called with NULL instead of the gather (not a candidate
 * call), then the driver's own wrapper dyna_gather_add_page() fills: it
 * syncs first when the new range is disjoint from the gathered one, then
 * iommu_iotlb_gather_add_range() on every path, so it is a filler.  The
 * failed unmap returns 0 explicitly ("if (!r) return 0;") before the
 * wrapper, so no nonzero path skips the fill.  Compare
 * paths/tansy-iommu.c, the "if (r) wrapper(); return r;" form, which the
 * rules report.
 *
 * Mirrors amd_iommu_unmap_pages() + amd_iommu_iotlb_gather_add_page().
 */
/* gatherlint: clean */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/iommu.h>
#include <linux/io-pgtable.h>

#define DYNA_MODE_PASSTHROUGH	0
#define DYNA_MODE_PAGING	1
#define DYNA_CMD_INV_PAGES	0x03
#define DYNA_REG_CMD		0x2000

struct dyna_domain {
	struct iommu_domain	domain;
	struct io_pgtable_cfg	cfg;
	struct io_pgtable_ops	*iop;
	int			mode;
	u16			id;
	void __iomem		*mmio;
};

static struct dyna_domain *to_dyna_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct dyna_domain, domain);
}

static void dyna_inv_pages(struct dyna_domain *dom, unsigned long address, size_t size)
{
	writeq(((u64)dom->id << 32) | DYNA_CMD_INV_PAGES, dom->mmio + DYNA_REG_CMD);
	writeq(address, dom->mmio + DYNA_REG_CMD + 8);
	writeq(size, dom->mmio + DYNA_REG_CMD + 16);
}

/*
 * The hardware invalidates one contiguous range per command: flush what
 * is gathered before adding a disjoint range.
 */
static void dyna_gather_add_page(struct iommu_domain *domain,
				 struct iommu_iotlb_gather *gather,
				 unsigned long iova, size_t size)
{
	if (iommu_iotlb_gather_is_disjoint(gather, iova, size))
		iommu_iotlb_sync(domain, gather);

	iommu_iotlb_gather_add_range(gather, iova, size);
}

static int dyna_map_pages(struct iommu_domain *domain, unsigned long iova,
			  phys_addr_t paddr, size_t pgsize, size_t pgcount,
			  int prot, gfp_t gfp, size_t *mapped)
{
	struct dyna_domain *dom = to_dyna_domain(domain);
	struct io_pgtable_ops *ops = dom->iop;

	if (dom->mode == DYNA_MODE_PASSTHROUGH || !ops->map_pages)
		return -EINVAL;

	return ops->map_pages(ops, iova, paddr, pgsize, pgcount, prot, gfp, mapped);
}

static size_t dyna_unmap_pages(struct iommu_domain *domain, unsigned long iova,
			       size_t pgsize, size_t pgcount,
			       struct iommu_iotlb_gather *gather)
{
	struct dyna_domain *dom = to_dyna_domain(domain);
	struct io_pgtable_ops *ops = dom->iop;
	size_t r;

	if (dom->mode == DYNA_MODE_PASSTHROUGH || !ops->unmap_pages)
		return 0;

	r = ops->unmap_pages(ops, iova, pgsize, pgcount, NULL);
	if (!r)
		return 0;

	dyna_gather_add_page(domain, gather, iova, r);

	return r;
}

static void dyna_iotlb_sync(struct iommu_domain *domain,
			    struct iommu_iotlb_gather *gather)
{
	struct dyna_domain *dom = to_dyna_domain(domain);

	/* Uses the gather: one ranged invalidation. */
	if (gather->start < gather->end)
		dyna_inv_pages(dom, gather->start, gather->end - gather->start + 1);
}

static void dyna_flush_iotlb_all(struct iommu_domain *domain)
{
	dyna_inv_pages(to_dyna_domain(domain), 0, ~0UL);
}

static void dyna_domain_free(struct iommu_domain *domain)
{
	struct dyna_domain *dom = to_dyna_domain(domain);

	free_io_pgtable_ops(dom->iop);
	kfree(dom);
}

static const struct iommu_domain_ops dyna_domain_ops = {
	.map_pages	 = dyna_map_pages,
	.unmap_pages	 = dyna_unmap_pages,
	.flush_iotlb_all = dyna_flush_iotlb_all,
	.iotlb_sync	 = dyna_iotlb_sync,
	.free		 = dyna_domain_free,
};

static struct iommu_domain *dyna_domain_alloc(unsigned int type)
{
	struct dyna_domain *dom;

	dom = kzalloc(sizeof(*dom), GFP_KERNEL);
	if (!dom)
		return NULL;

	dom->mode = (type == IOMMU_DOMAIN_IDENTITY) ? DYNA_MODE_PASSTHROUGH : DYNA_MODE_PAGING;
	dom->cfg.pgsize_bitmap = SZ_4K | SZ_2M | SZ_1G;
	dom->cfg.ias = 48;
	dom->cfg.oas = 52;
	dom->iop = alloc_io_pgtable_ops(AMD_IOMMU_V1, &dom->cfg, dom);
	if (!dom->iop) {
		kfree(dom);
		return NULL;
	}
	dom->domain.ops = &dyna_domain_ops;
	return &dom->domain;
}

const struct iommu_ops dyna_iommu_ops = {
	.domain_alloc		= dyna_domain_alloc,
	.pgsize_bitmap		= SZ_4K | SZ_2M | SZ_1G,
	.default_domain_ops	= &dyna_domain_ops,
};
