// SPDX-License-Identifier: GPL-2.0
/*
 * kite-iommu.c - name resolution, part 2: its static note_unmapped()
 * only updates statistics and never touches the gather, unlike the
 * helper of the same name in xfile/jade-iommu.c.  The call resolves to
 * this file's definition, which is not a filler.
 *
 * Expected: unmap-gather-unfilled at "return pgsize * pgcount;"
 * (ops has sync).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/iommu.h>

#define KITE_REG_TLB_INVALL	0x50

struct kite_stats {
	unsigned long	unmaps;
	size_t		bytes;
};

struct kite_domain {
	struct iommu_domain	domain;
	u64			*ptes;
	struct kite_stats	stats;
	void __iomem		*base;
};

static struct kite_domain *to_kite_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct kite_domain, domain);
}

static struct kite_stats *kite_current_stats;

/* Same name as jade's helper; this one only counts. */
static void note_unmapped(struct iommu_iotlb_gather *gather,
			  unsigned long iova, size_t size)
{
	(void)gather;
	(void)iova;
	kite_current_stats->unmaps++;
	kite_current_stats->bytes += size;
}

static size_t kite_unmap_pages(struct iommu_domain *domain, unsigned long iova,
			       size_t pgsize, size_t pgcount,
			       struct iommu_iotlb_gather *gather)
{
	struct kite_domain *kd = to_kite_domain(domain);
	size_t i;

	for (i = 0; i < pgcount; i++)
		WRITE_ONCE(kd->ptes[(iova / pgsize) + i], 0);

	kite_current_stats = &kd->stats;
	note_unmapped(gather, iova, pgsize * pgcount);
	return pgsize * pgcount; /* expect: unmap-gather-unfilled warning exposed=error protected=note */
}

static void kite_iotlb_sync(struct iommu_domain *domain,
			    struct iommu_iotlb_gather *gather)
{
	(void)gather;
	writel(1, to_kite_domain(domain)->base + KITE_REG_TLB_INVALL);
}

static const struct iommu_domain_ops kite_domain_ops = {
	.unmap_pages	= kite_unmap_pages,
	.iotlb_sync	= kite_iotlb_sync,
};

const struct iommu_ops kite_iommu_ops = {
	.pgsize_bitmap		= SZ_4K,
	.default_domain_ops	= &kite_domain_ops,
};
