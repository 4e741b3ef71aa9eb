// SPDX-License-Identifier: GPL-2.0
/*
 * yarrow-iommu.c - paths: one unmap whose uncovered returns need the three
 * forms of the fix, all written in one pass:
 *
 *	if (!yd->live)
 *		return size;			plain: fill before it, braces
 *	ret = yarrow_fw_unmap(...);
 *	if (ret == -EAGAIN)
 *		return yarrow_slow_unmap(...);	a call: stored in a local first
 *	return ret ? 0 : size;			zero branch: return 0 first
 *
 * Expected: one unmap-gather-unfilled, at the first (has sync); the other
 * two are notes.  "gatherlint fix" fixes all three, and a second run
 * finds nothing.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/iommu.h>

#define YARROW_REG_IOVA		0x40
#define YARROW_REG_SIZE		0x48
#define YARROW_REG_GO		0x50
#define YARROW_REG_STATUS	0x54
#define YARROW_REG_FLUSH	0x58
#define YARROW_STATUS_BUSY	0x1

struct yarrow_domain {
	struct iommu_domain	domain;
	void __iomem		*regs;
	bool			live;
	unsigned long		unmaps;
};

static struct yarrow_domain *to_yarrow_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct yarrow_domain, domain);
}

static int yarrow_fw_unmap(struct yarrow_domain *yd, unsigned long iova,
			   size_t size)
{
	writeq(iova, yd->regs + YARROW_REG_IOVA);
	writeq(size, yd->regs + YARROW_REG_SIZE);
	writel(1, yd->regs + YARROW_REG_GO);
	if (readl(yd->regs + YARROW_REG_STATUS) & YARROW_STATUS_BUSY)
		return -EAGAIN;
	return 0;
}

/* Page by page, waiting for each: returns what was unmapped. */
static size_t yarrow_slow_unmap(struct yarrow_domain *yd, unsigned long iova,
				size_t size)
{
	size_t done;

	for (done = 0; done < size; done += SZ_4K) {
		writeq(iova + done, yd->regs + YARROW_REG_IOVA);
		writeq(SZ_4K, yd->regs + YARROW_REG_SIZE);
		writel(1, yd->regs + YARROW_REG_GO);
		while (readl(yd->regs + YARROW_REG_STATUS) & YARROW_STATUS_BUSY)
			;
	}
	return done;
}

static size_t yarrow_unmap_pages(struct iommu_domain *domain,
				 unsigned long iova, size_t pgsize,
				 size_t pgcount,
				 struct iommu_iotlb_gather *gather)
{
	struct yarrow_domain *yd = to_yarrow_domain(domain);
	size_t size = pgsize * pgcount;
	int ret;

	if (!yd->live)
		return size; /* expect: unmap-gather-unfilled warning exposed=error protected=note */

	ret = yarrow_fw_unmap(yd, iova, size);
	if (ret == -EAGAIN)
		return yarrow_slow_unmap(yd, iova, size);

	yd->unmaps++;
	return ret ? 0 : size;
}

static void yarrow_iotlb_sync(struct iommu_domain *domain,
			      struct iommu_iotlb_gather *gather)
{
	struct yarrow_domain *yd = to_yarrow_domain(domain);

	(void)gather;
	writel(1, yd->regs + YARROW_REG_FLUSH);
}

static void yarrow_domain_free(struct iommu_domain *domain)
{
	kfree(to_yarrow_domain(domain));
}

static const struct iommu_domain_ops yarrow_domain_ops = {
	.unmap_pages	= yarrow_unmap_pages,
	.iotlb_sync	= yarrow_iotlb_sync,
	.free		= yarrow_domain_free,
};

static struct iommu_domain *yarrow_domain_alloc(unsigned int type)
{
	struct yarrow_domain *yd;

	if (type != IOMMU_DOMAIN_DMA && type != IOMMU_DOMAIN_UNMANAGED)
		return NULL;
	yd = kzalloc(sizeof(*yd), GFP_KERNEL);
	if (!yd)
		return NULL;
	yd->domain.ops = &yarrow_domain_ops;
	return &yd->domain;
}

const struct iommu_ops yarrow_iommu_ops = {
	.domain_alloc		= yarrow_domain_alloc,
	.pgsize_bitmap		= SZ_4K,
	.default_domain_ops	= &yarrow_domain_ops,
};
