// SPDX-License-Identifier: GPL-2.0
/*
 * fig-iommu.c - two ops share one unmap and NEITHER has .iotlb_sync: the
 * driver invalidates synchronously inside its unmap with its own
 * register writes (omap/tegra-smmu style), so nothing is lost today.
 * Still one finding per entry point (per function), at note severity.
 *
 * Expected: ONE unmap-gather-unfilled note at "return bytes;".
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/iommu.h>

#define FIG_MMU_FLUSH_ENTRY	0x5c
#define FIG_MMU_CAM		0x58
#define FIG_PTE_SMALL		0x2

struct fig_domain {
	struct iommu_domain	domain;
	spinlock_t		lock;
	u32			*pgtable;
	void __iomem		*regs;
};

static struct fig_domain *to_fig_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct fig_domain, domain);
}

/* Synchronous per-entry TLB flush through the CAM registers. */
static void fig_flush_entry(struct fig_domain *fd, unsigned long iova)
{
	writel((u32)iova & ~0xfffU, fd->regs + FIG_MMU_CAM);
	writel(1, fd->regs + FIG_MMU_FLUSH_ENTRY);
}

static int fig_map(struct iommu_domain *domain, unsigned long iova,
		   phys_addr_t pa, size_t pgsize, size_t pgcount,
		   int prot, gfp_t gfp, size_t *mapped)
{
	struct fig_domain *fd = to_fig_domain(domain);
	size_t i;

	(void)prot;
	(void)gfp;
	for (i = 0; i < pgcount; i++)
		fd->pgtable[(iova >> 12) + i] = (u32)(pa + i * pgsize) | FIG_PTE_SMALL;
	*mapped = pgsize * pgcount;
	return 0;
}

static size_t fig_unmap(struct iommu_domain *domain, unsigned long iova,
			size_t pgsize, size_t pgcount,
			struct iommu_iotlb_gather *gather)
{
	struct fig_domain *fd = to_fig_domain(domain);
	size_t i, bytes = pgsize * pgcount;
	unsigned long flags;

	spin_lock_irqsave(&fd->lock, flags);
	for (i = 0; i < pgcount; i++) {
		fd->pgtable[(iova >> 12) + i] = 0;
		fig_flush_entry(fd, iova + i * pgsize);
	}
	spin_unlock_irqrestore(&fd->lock, flags);

	return bytes; /* expect: unmap-gather-unfilled note */
}

static void fig_domain_free(struct iommu_domain *domain)
{
	struct fig_domain *fd = to_fig_domain(domain);

	kfree(fd->pgtable);
	kfree(fd);
}

static const struct iommu_domain_ops fig_dma_ops = {
	.map_pages	= fig_map,
	.unmap_pages	= fig_unmap,
	.free		= fig_domain_free,
};

static const struct iommu_domain_ops fig_unmanaged_ops = {
	.map_pages	= fig_map,
	.unmap_pages	= fig_unmap,
};

static struct iommu_domain *fig_domain_alloc(unsigned int type)
{
	struct fig_domain *fd;

	fd = kzalloc(sizeof(*fd), GFP_KERNEL);
	if (!fd)
		return NULL;
	spin_lock_init(&fd->lock);
	fd->domain.ops = (type == IOMMU_DOMAIN_DMA) ? &fig_dma_ops : &fig_unmanaged_ops;
	return &fd->domain;
}

const struct iommu_ops fig_iommu_ops = {
	.domain_alloc		= fig_domain_alloc,
	.pgsize_bitmap		= SZ_4K,
	.default_domain_ops	= &fig_dma_ops,
};
