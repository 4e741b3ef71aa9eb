// SPDX-License-Identifier: GPL-2.0
/*
 * quill-ipmmu.c - misses through a format when the flush ops have NO
 * .tlb_add_page at all (ipmmu-vmsa style: tlb_flush_all and
 * tlb_flush_walk only).  io_pgtable_tlb_add_page() then does nothing, the
 * LPAE-like format never fills by itself, and the driver does a full
 * flush in .iotlb_sync.  Chain: quill_unmap -> lpae_unmap_pages
 * (ARM_32_LPAE_S1) -> no tlb_add_page.
 *
 * Expected: unmap-gather-unfilled at the "return ...->unmap_pages(...)"
 * line (ops has sync).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/iommu.h>
#include <linux/io-pgtable.h>

#define QUILL_IMCTR		0x0000
#define QUILL_IMCTR_FLUSH	BIT(1)
#define QUILL_IMSTR		0x0020

struct quill_device {
	void __iomem	*base;
};

struct quill_domain {
	struct iommu_domain	io_domain;
	struct quill_device	*mmu;
	struct io_pgtable_cfg	cfg;
	struct io_pgtable_ops	*iop;
	unsigned int		context_id;
};

static struct quill_domain *to_quill_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct quill_domain, io_domain);
}

static void quill_ctx_write(struct quill_domain *dom, unsigned int reg, u32 data)
{
	writel(data, dom->mmu->base + dom->context_id * 0x40 + reg);
}

static void quill_tlb_sync(struct quill_domain *dom)
{
	while (readl(dom->mmu->base + dom->context_id * 0x40 + QUILL_IMCTR) & QUILL_IMCTR_FLUSH)
		;
}

static void quill_tlb_invalidate(struct quill_domain *dom)
{
	quill_ctx_write(dom, QUILL_IMCTR, QUILL_IMCTR_FLUSH);
	quill_tlb_sync(dom);
}

static void quill_tlb_flush_all(void *cookie)
{
	quill_tlb_invalidate(cookie);
}

static void quill_tlb_flush(unsigned long iova, size_t size,
			    size_t granule, void *cookie)
{
	(void)iova;
	(void)size;
	(void)granule;
	quill_tlb_flush_all(cookie);
}

static const struct iommu_flush_ops quill_flush_ops = {
	.tlb_flush_all	= quill_tlb_flush_all,
	.tlb_flush_walk	= quill_tlb_flush,
};

static int quill_domain_init_context(struct quill_domain *dom)
{
	dom->cfg.quirks = IO_PGTABLE_QUIRK_ARM_NS;
	dom->cfg.pgsize_bitmap = SZ_1G | SZ_2M | SZ_4K;
	dom->cfg.ias = 32;
	dom->cfg.oas = 40;
	dom->cfg.tlb = &quill_flush_ops;
	dom->cfg.coherent_walk = false;

	dom->iop = alloc_io_pgtable_ops(ARM_32_LPAE_S1, &dom->cfg, dom);
	if (!dom->iop)
		return -EINVAL;

	quill_ctx_write(dom, QUILL_IMSTR, 0);
	return 0;
}

static int quill_map(struct iommu_domain *io_domain, unsigned long iova,
		     phys_addr_t paddr, size_t pgsize, size_t pgcount,
		     int prot, gfp_t gfp, size_t *mapped)
{
	struct quill_domain *domain = to_quill_domain(io_domain);

	return domain->iop->map_pages(domain->iop, iova, paddr, pgsize, pgcount, prot, gfp, mapped);
}

static size_t quill_unmap(struct iommu_domain *io_domain, unsigned long iova,
			  size_t pgsize, size_t pgcount,
			  struct iommu_iotlb_gather *gather)
{
	struct quill_domain *domain = to_quill_domain(io_domain);

	return domain->iop->unmap_pages(domain->iop, iova, pgsize, pgcount, gather); /* expect: unmap-gather-unfilled warning exposed=error protected=note */
}

static void quill_flush_iotlb_all(struct iommu_domain *io_domain)
{
	struct quill_domain *domain = to_quill_domain(io_domain);

	if (domain->mmu)
		quill_tlb_flush_all(domain);
}

static void quill_iotlb_sync(struct iommu_domain *io_domain,
			     struct iommu_iotlb_gather *gather)
{
	(void)gather;
	quill_flush_iotlb_all(io_domain);
}

static void quill_domain_free(struct iommu_domain *io_domain)
{
	struct quill_domain *domain = to_quill_domain(io_domain);

	free_io_pgtable_ops(domain->iop);
	kfree(domain);
}

static const struct iommu_domain_ops quill_domain_ops = {
	.map_pages	 = quill_map,
	.unmap_pages	 = quill_unmap,
	.flush_iotlb_all = quill_flush_iotlb_all,
	.iotlb_sync	 = quill_iotlb_sync,
	.free		 = quill_domain_free,
};

static struct iommu_domain *quill_domain_alloc(unsigned int type)
{
	struct quill_domain *dom;

	if (type != IOMMU_DOMAIN_UNMANAGED && type != IOMMU_DOMAIN_DMA)
		return NULL;
	dom = kzalloc(sizeof(*dom), GFP_KERNEL);
	if (!dom)
		return NULL;
	if (quill_domain_init_context(dom)) {
		kfree(dom);
		return NULL;
	}
	dom->io_domain.ops = &quill_domain_ops;
	return &dom->io_domain;
}

const struct iommu_ops quill_iommu_ops = {
	.domain_alloc		= quill_domain_alloc,
	.pgsize_bitmap		= SZ_1G | SZ_2M | SZ_4K,
	.default_domain_ops	= &quill_domain_ops,
};
