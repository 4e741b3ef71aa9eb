// SPDX-License-Identifier: GPL-2.0
/*
 * dill-iommu.c - paths: "return ret;" where ret is 0 on the error paths
 * by plain initialisation/assignment and the size on the success path,
 * which fills.  SPEC's folding: "return ret where ret is 0 on that path by
 * a plain assignment" is a zero path; the only nonzero path to the
 * return passes the fill.
 *
 * Clean.
 */
/* gatherlint: clean */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/iommu.h>

#define DILL_PTE_VALID		BIT(0)
#define DILL_REG_TLB_INV	0x28

struct dill_domain {
	struct iommu_domain	domain;
	spinlock_t		lock;
	u32			*ptes;
	unsigned long		nr;
	bool			dying;
	void __iomem		*base;
};

static struct dill_domain *to_dill_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct dill_domain, domain);
}

static size_t dill_unmap_pages(struct iommu_domain *domain, unsigned long iova,
			       size_t pgsize, size_t pgcount,
			       struct iommu_iotlb_gather *gather)
{
	struct dill_domain *dd = to_dill_domain(domain);
	unsigned long idx = iova >> 12, flags;
	size_t ret = 0;
	size_t i;

	spin_lock_irqsave(&dd->lock, flags);
	if (idx + pgcount > dd->nr)
		goto out;

	if (dd->dying) {
		ret = 0;
		goto out;
	}

	for (i = 0; i < pgcount; i++)
		dd->ptes[idx + i] = 0;

	iommu_iotlb_gather_add_range(gather, iova, pgsize * pgcount);
	ret = pgsize * pgcount;
out:
	spin_unlock_irqrestore(&dd->lock, flags);
	return ret;
}

static void dill_iotlb_sync(struct iommu_domain *domain,
			    struct iommu_iotlb_gather *gather)
{
	(void)gather;
	writel(1, to_dill_domain(domain)->base + DILL_REG_TLB_INV);
}

static const struct iommu_domain_ops dill_domain_ops = {
	.unmap_pages	= dill_unmap_pages,
	.iotlb_sync	= dill_iotlb_sync,
};

const struct iommu_ops dill_iommu_ops = {
	.pgsize_bitmap		= SZ_4K,
	.default_domain_ops	= &dill_domain_ops,
};
