// SPDX-License-Identifier: GPL-2.0
/*
 * quince-iommu.c - paths: a call-valued return in a function that
 * already declares "unmapped".  The fix's local must not clash: it is
 * named "gather_size" instead (design.md section 4, case 2).  The driver
 * keeps a debug shadow of its stage-2 table and delegates the real unmap
 * to the LPAE-like format (ARM_32_LPAE_S2) with flush ops whose
 * tlb_add_page is a no-op.
 *
 * Expected: unmap-gather-unfilled at the "return qd->iop->unmap_pages"
 * line (has sync).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/iommu.h>
#include <linux/io-pgtable.h>

#define QUINCE_REG_VMID_INV	0x80

struct quince_domain {
	struct iommu_domain	domain;
	struct io_pgtable_ops	*iop;
	u64			*shadow;
	unsigned long		shadow_pages;
	u16			vmid;
	void __iomem		*base;
};

static struct quince_domain *to_quince_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct quince_domain, domain);
}

/* Debug shadow: returns how much of it was mapped. */
static size_t quince_unmap_shadow(struct quince_domain *qd, unsigned long iova, size_t size)
{
	unsigned long first = iova >> 12, n = size >> 12, i;

	if (first + n > qd->shadow_pages)
		return 0;
	for (i = 0; i < n; i++)
		qd->shadow[first + i] = 0;
	return size;
}

static void quince_inv_vmid(void *cookie)
{
	struct quince_domain *qd = cookie;

	writel(qd->vmid, qd->base + QUINCE_REG_VMID_INV);
}

static void quince_tlb_flush_walk(unsigned long iova, size_t size,
				  size_t granule, void *cookie)
{
	(void)iova;
	(void)size;
	(void)granule;
	quince_inv_vmid(cookie);
}

/* The whole VMID is invalidated at sync time: nothing to do per page. */
static void quince_tlb_add_page(struct iommu_iotlb_gather *gather,
				unsigned long iova, size_t granule, void *cookie)
{
	(void)gather;
	(void)iova;
	(void)granule;
	(void)cookie;
}

static const struct iommu_flush_ops quince_flush_ops = {
	.tlb_flush_all	= quince_inv_vmid,
	.tlb_flush_walk	= quince_tlb_flush_walk,
	.tlb_add_page	= quince_tlb_add_page,
};

static int quince_init(struct quince_domain *qd)
{
	struct io_pgtable_cfg cfg = {
		.pgsize_bitmap	= SZ_4K | SZ_2M | SZ_1G,
		.ias		= 40,
		.oas		= 40,
		.tlb		= &quince_flush_ops,
	};

	qd->iop = alloc_io_pgtable_ops(ARM_32_LPAE_S2, &cfg, qd);
	return qd->iop ? 0 : -ENOMEM;
}

static size_t quince_unmap_pages(struct iommu_domain *domain, unsigned long iova,
				 size_t pgsize, size_t pgcount,
				 struct iommu_iotlb_gather *gather)
{
	struct quince_domain *qd = to_quince_domain(domain);
	size_t unmapped;

	unmapped = quince_unmap_shadow(qd, iova, pgsize * pgcount);
	if (unmapped != pgsize * pgcount)
		return 0;

	return qd->iop->unmap_pages(qd->iop, iova, pgsize, pgcount, gather); /* expect: unmap-gather-unfilled warning exposed=error protected=note */
}

static void quince_iotlb_sync(struct iommu_domain *domain,
			      struct iommu_iotlb_gather *gather)
{
	(void)gather;
	quince_inv_vmid(to_quince_domain(domain));
}

static void quince_domain_free(struct iommu_domain *domain)
{
	struct quince_domain *qd = to_quince_domain(domain);

	free_io_pgtable_ops(qd->iop);
	kfree(qd->shadow);
	kfree(qd);
}

static const struct iommu_domain_ops quince_domain_ops = {
	.unmap_pages	= quince_unmap_pages,
	.iotlb_sync	= quince_iotlb_sync,
	.free		= quince_domain_free,
};

static struct iommu_domain *quince_domain_alloc(unsigned int type)
{
	struct quince_domain *qd;

	if (type != IOMMU_DOMAIN_UNMANAGED)
		return NULL;
	qd = kzalloc(sizeof(*qd), GFP_KERNEL);
	if (!qd)
		return NULL;
	if (quince_init(qd)) {
		kfree(qd);
		return NULL;
	}
	qd->domain.ops = &quince_domain_ops;
	return &qd->domain;
}

const struct iommu_ops quince_iommu_ops = {
	.domain_alloc		= quince_domain_alloc,
	.pgsize_bitmap		= SZ_4K | SZ_2M | SZ_1G,
	.default_domain_ops	= &quince_domain_ops,
};
