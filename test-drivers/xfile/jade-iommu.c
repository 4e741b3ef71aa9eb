// SPDX-License-Identifier: GPL-2.0
/*
 * jade-iommu.c - name resolution, part 1: a static helper called
 * note_unmapped() that fills.  xfile/kite-iommu.c has a static helper of
 * the SAME name that does not fill.  A call resolves to the definition in
 * the caller's own file first (design.md section 3), so this driver is
 * clean and kite is reported; a resolver keyed on the bare name would get
 * one of them wrong.
 */
/* gatherlint: clean */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/iommu.h>

#define JADE_PTE_VALID		BIT_ULL(63)
#define JADE_REG_TLBI		0x30

struct jade_domain {
	struct iommu_domain	domain;
	u64			*ptes;
	void __iomem		*base;
};

static struct jade_domain *to_jade_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct jade_domain, domain);
}

static void note_unmapped(struct iommu_iotlb_gather *gather,
			  unsigned long iova, size_t size)
{
	iommu_iotlb_gather_add_range(gather, iova, size);
}

static size_t jade_unmap_pages(struct iommu_domain *domain, unsigned long iova,
			       size_t pgsize, size_t pgcount,
			       struct iommu_iotlb_gather *gather)
{
	struct jade_domain *jd = to_jade_domain(domain);
	size_t i;

	for (i = 0; i < pgcount; i++)
		WRITE_ONCE(jd->ptes[(iova / pgsize) + i], 0);

	note_unmapped(gather, iova, pgsize * pgcount);
	return pgsize * pgcount;
}

static void jade_iotlb_sync(struct iommu_domain *domain,
			    struct iommu_iotlb_gather *gather)
{
	(void)gather;
	writel(0, to_jade_domain(domain)->base + JADE_REG_TLBI);
}

static const struct iommu_domain_ops jade_domain_ops = {
	.unmap_pages	= jade_unmap_pages,
	.iotlb_sync	= jade_iotlb_sync,
};

const struct iommu_ops jade_iommu_ops = {
	.pgsize_bitmap		= SZ_4K | SZ_64K,
	.default_domain_ops	= &jade_domain_ops,
};
