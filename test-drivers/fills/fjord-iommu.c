// SPDX-License-Identifier: GPL-2.0
/*
 * fjord-iommu.c - fills through a helper that returns the size:
 * "return fjord_zap_range(dom, gather, iova, size);".
 *
 * fjord_zap_range() returns 0 when nothing is mapped and otherwise fills
 * the gather before returning the size, so it fills on every path on
 * which it returns nonzero: a filler, and the entry point's only nonzero
 * return is covered by the call.  Mirrors drivers whose unmap_pages is a
 * thin shim over an internal "unmap one range" routine (riscv/s390 style).
 */
/* gatherlint: clean */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/iommu.h>

#define FJORD_PTE_V		BIT_ULL(0)
#define FJORD_PTE_LEAF		(BIT_ULL(1) | BIT_ULL(2))
#define FJORD_REG_CQ_TAIL	0x48
#define FJORD_REG_CQ_BASE	0x40

struct fjord_domain {
	struct iommu_domain	domain;
	spinlock_t		lock;
	u64			*root;
	void __iomem		*regs;
	u32			cq_tail;
};

static struct fjord_domain *to_fjord_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct fjord_domain, domain);
}

static u64 *fjord_walk(struct fjord_domain *dom, unsigned long iova)
{
	u64 *pte = &dom->root[(iova >> 30) & 511];

	if (!(*pte & FJORD_PTE_V))
		return NULL;
	if (*pte & FJORD_PTE_LEAF)
		return pte;
	pte = (u64 *)(unsigned long)((*pte >> 10) << 12);
	return &pte[(iova >> 21) & 511];
}

/* Returns the bytes unmapped; fills the gather whenever that is nonzero. */
static size_t fjord_zap_range(struct fjord_domain *dom,
			      struct iommu_iotlb_gather *gather,
			      unsigned long iova, size_t size)
{
	unsigned long flags;
	u64 *pte;

	spin_lock_irqsave(&dom->lock, flags);
	pte = fjord_walk(dom, iova);
	if (!pte || !(*pte & FJORD_PTE_V)) {
		spin_unlock_irqrestore(&dom->lock, flags);
		return 0;
	}
	WRITE_ONCE(*pte, 0);
	spin_unlock_irqrestore(&dom->lock, flags);

	iommu_iotlb_gather_add_range(gather, iova, size);
	return size;
}

static size_t fjord_unmap_pages(struct iommu_domain *domain, unsigned long iova,
				size_t pgsize, size_t pgcount,
				struct iommu_iotlb_gather *gather)
{
	struct fjord_domain *dom = to_fjord_domain(domain);

	if (WARN_ON(pgcount != 1))
		return 0;

	return fjord_zap_range(dom, gather, iova, pgsize);
}

static void fjord_iotlb_sync(struct iommu_domain *domain,
			     struct iommu_iotlb_gather *gather)
{
	struct fjord_domain *dom = to_fjord_domain(domain);

	/* One IOTINVAL.VMA per gathered range, then a fence. */
	writeq(gather->start, dom->regs + FJORD_REG_CQ_BASE);
	writel(++dom->cq_tail, dom->regs + FJORD_REG_CQ_TAIL);
}

static void fjord_domain_free(struct iommu_domain *domain)
{
	struct fjord_domain *dom = to_fjord_domain(domain);

	kfree(dom->root);
	kfree(dom);
}

static const struct iommu_domain_ops fjord_domain_ops = {
	.unmap_pages	= fjord_unmap_pages,
	.iotlb_sync	= fjord_iotlb_sync,
	.free		= fjord_domain_free,
};

const struct iommu_ops fjord_iommu_ops = {
	.pgsize_bitmap		= SZ_2M | SZ_1G,
	.default_domain_ops	= &fjord_domain_ops,
};
