// SPDX-License-Identifier: GPL-2.0
/*
 * ivy-iommu.c - ops WITHOUT .iotlb_sync: the unmap invalidates by itself
 * (a posted "invalidate range" command it waits for), so no flush can be
 * lost whatever the core does with empty gathers.  The gather is never
 * filled, which the rules still report, at note severity in every core
 * state (SPEC section 4: "note if ... the ops has no sync").
 *
 * Expected: unmap-gather-unfilled note at "return size;".
 * Mirrors older tegra-smmu / omap-iommu style drivers.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/iommu.h>

#define IVY_PTE_ATTR		0xe0000000U
#define IVY_REG_TLB_FLUSH	0x30
#define IVY_REG_PTC_FLUSH	0x34
#define IVY_TLB_FLUSH_VA_MATCH	(2U << 0)

struct ivy_as {
	struct iommu_domain	domain;
	spinlock_t		lock;
	u32			*pd;
	u32			id;
	void __iomem		*regs;
};

static struct ivy_as *to_ivy_as(struct iommu_domain *dom)
{
	return container_of(dom, struct ivy_as, domain);
}

static void ivy_flush_ptc(struct ivy_as *as, unsigned long iova)
{
	writel((u32)iova, as->regs + IVY_REG_PTC_FLUSH);
}

static void ivy_flush_tlb_section(struct ivy_as *as, unsigned long iova)
{
	writel(IVY_TLB_FLUSH_VA_MATCH | ((u32)iova & ~0x3fffffU) | (as->id << 24),
	       as->regs + IVY_REG_TLB_FLUSH);
	/* read back: the flush has completed when this returns */
	(void)readl(as->regs + IVY_REG_TLB_FLUSH);
}

static int ivy_map(struct iommu_domain *domain, unsigned long iova,
		   phys_addr_t paddr, size_t pgsize, size_t pgcount,
		   int prot, gfp_t gfp, size_t *mapped)
{
	struct ivy_as *as = to_ivy_as(domain);
	unsigned long flags;

	(void)prot;
	(void)gfp;
	(void)pgcount;
	spin_lock_irqsave(&as->lock, flags);
	as->pd[iova >> 22] = (u32)(paddr >> 12) | IVY_PTE_ATTR;
	spin_unlock_irqrestore(&as->lock, flags);
	*mapped = pgsize;
	return 0;
}

static size_t ivy_unmap(struct iommu_domain *domain, unsigned long iova,
			size_t pgsize, size_t pgcount,
			struct iommu_iotlb_gather *gather)
{
	struct ivy_as *as = to_ivy_as(domain);
	size_t size = pgsize * pgcount;
	unsigned long flags;

	spin_lock_irqsave(&as->lock, flags);
	as->pd[iova >> 22] = 0;
	ivy_flush_ptc(as, iova);
	ivy_flush_tlb_section(as, iova);
	spin_unlock_irqrestore(&as->lock, flags);

	return size; /* expect: unmap-gather-unfilled note */
}

static void ivy_domain_free(struct iommu_domain *domain)
{
	struct ivy_as *as = to_ivy_as(domain);

	kfree(as->pd);
	kfree(as);
}

static const struct iommu_domain_ops ivy_domain_ops = {
	.map_pages	= ivy_map,
	.unmap_pages	= ivy_unmap,
	.free		= ivy_domain_free,
};

const struct iommu_ops ivy_iommu_ops = {
	.pgsize_bitmap		= SZ_4K,
	.default_domain_ops	= &ivy_domain_ops,
};
