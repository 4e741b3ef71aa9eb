// SPDX-License-Identifier: GPL-2.0
/*
 * fir-iommu.c - two ops share one unmap.  fir_paging_ops has .iotlb_sync,
 * fir_sva_ops does not (its invalidations go through the PASID path at
 * unbind time).  SPEC: one finding per entry point, i.e. per FUNCTION,
 * not per ops: fir_unmap_pages is reported once, at its first uncovered
 * nonzero return, with the most severe of its ops' severities (the
 * has-sync one).  The other ops appears in the notes.
 *
 * Expected: ONE unmap-gather-unfilled at "return size;", severity of a
 * has-sync ops (warning; exposed=error; protected=note).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/iommu.h>

#define FIR_PTE_V		BIT_ULL(0)
#define FIR_REG_INV_ALL		0x200

struct fir_domain {
	struct iommu_domain	domain;
	spinlock_t		lock;
	u64			*pt;
	void __iomem		*regs;
};

static struct fir_domain *to_fir_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct fir_domain, domain);
}

static int fir_map_pages(struct iommu_domain *domain, unsigned long iova,
			 phys_addr_t paddr, size_t pgsize, size_t pgcount,
			 int prot, gfp_t gfp, size_t *mapped)
{
	struct fir_domain *fd = to_fir_domain(domain);
	unsigned long flags;
	size_t i;

	(void)prot;
	(void)gfp;
	spin_lock_irqsave(&fd->lock, flags);
	for (i = 0; i < pgcount; i++)
		fd->pt[(iova / pgsize) + i] = (paddr + i * pgsize) | FIR_PTE_V;
	spin_unlock_irqrestore(&fd->lock, flags);
	*mapped = pgsize * pgcount;
	return 0;
}

static size_t fir_unmap_pages(struct iommu_domain *domain, unsigned long iova,
			      size_t pgsize, size_t pgcount,
			      struct iommu_iotlb_gather *gather)
{
	struct fir_domain *fd = to_fir_domain(domain);
	size_t i, size = pgsize * pgcount;
	unsigned long flags;

	spin_lock_irqsave(&fd->lock, flags);
	for (i = 0; i < pgcount; i++)
		fd->pt[(iova / pgsize) + i] = 0;
	spin_unlock_irqrestore(&fd->lock, flags);

	return size; /* expect: unmap-gather-unfilled warning exposed=error protected=note */
}

static void fir_iotlb_sync(struct iommu_domain *domain,
			   struct iommu_iotlb_gather *gather)
{
	(void)gather;
	writel(1, to_fir_domain(domain)->regs + FIR_REG_INV_ALL);
}

static void fir_domain_free(struct iommu_domain *domain)
{
	struct fir_domain *fd = to_fir_domain(domain);

	kfree(fd->pt);
	kfree(fd);
}

static const struct iommu_domain_ops fir_paging_ops = {
	.map_pages	= fir_map_pages,
	.unmap_pages	= fir_unmap_pages,
	.iotlb_sync	= fir_iotlb_sync,
	.free		= fir_domain_free,
};

static const struct iommu_domain_ops fir_sva_ops = {
	.map_pages	= fir_map_pages,
	.unmap_pages	= fir_unmap_pages,
	.free		= fir_domain_free,
};

static struct iommu_domain *fir_domain_alloc(unsigned int type)
{
	struct fir_domain *fd;

	fd = kzalloc(sizeof(*fd), GFP_KERNEL);
	if (!fd)
		return NULL;
	spin_lock_init(&fd->lock);
	fd->domain.ops = (type == IOMMU_DOMAIN_UNMANAGED) ? &fir_sva_ops : &fir_paging_ops;
	return &fd->domain;
}

const struct iommu_ops fir_iommu_ops = {
	.domain_alloc		= fir_domain_alloc,
	.pgsize_bitmap		= SZ_4K | SZ_2M,
	.default_domain_ops	= &fir_paging_ops,
};
