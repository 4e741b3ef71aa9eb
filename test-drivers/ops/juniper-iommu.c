// SPDX-License-Identifier: GPL-2.0
/*
 * juniper-iommu.c - ops with ".iotlb_sync = NULL" written out: the same
 * as not setting it (the core skips a NULL callback), so the ops has no
 * sync and a gather left empty loses nothing.  The unmap waits for a
 * register-level invalidation itself.
 *
 * Expected: unmap-gather-unfilled note at "return unmapped;".
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/iommu.h>

#define JUNIPER_PTE_VALID	BIT_ULL(0)
#define JUNIPER_REG_INV_ADDR	0x60
#define JUNIPER_REG_INV_STATUS	0x68

struct juniper_domain {
	struct iommu_domain	domain;
	u64			*ptes;
	unsigned long		nr_ptes;
	void __iomem		*base;
};

static struct juniper_domain *to_juniper_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct juniper_domain, domain);
}

static void juniper_inv_wait(struct juniper_domain *jd, unsigned long iova)
{
	writeq(iova, jd->base + JUNIPER_REG_INV_ADDR);
	while (readl(jd->base + JUNIPER_REG_INV_STATUS))
		;
}

static size_t juniper_unmap_pages(struct iommu_domain *domain, unsigned long iova,
				  size_t pgsize, size_t pgcount,
				  struct iommu_iotlb_gather *gather)
{
	struct juniper_domain *jd = to_juniper_domain(domain);
	unsigned long idx = iova / pgsize;
	size_t unmapped;

	if (idx + pgcount > jd->nr_ptes)
		return 0;

	for (unmapped = 0; unmapped < pgcount; unmapped++) {
		if (!(jd->ptes[idx + unmapped] & JUNIPER_PTE_VALID))
			break;
		jd->ptes[idx + unmapped] = 0;
		juniper_inv_wait(jd, iova + unmapped * pgsize);
	}

	unmapped *= pgsize;
	return unmapped; /* expect: unmap-gather-unfilled note */
}

static void juniper_domain_free(struct iommu_domain *domain)
{
	struct juniper_domain *jd = to_juniper_domain(domain);

	kfree(jd->ptes);
	kfree(jd);
}

static const struct iommu_domain_ops juniper_domain_ops = {
	.unmap_pages	= juniper_unmap_pages,
	.iotlb_sync	= NULL,
	.free		= juniper_domain_free,
};

const struct iommu_ops juniper_iommu_ops = {
	.pgsize_bitmap		= SZ_4K,
	.default_domain_ops	= &juniper_domain_ops,
};
