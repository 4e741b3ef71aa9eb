// SPDX-License-Identifier: GPL-2.0
/*
 * kumquat-iommu.c - paths: returns whose value is 0 on the path taken
 * (SPEC section 2, "Nonzero path": values read as a reviewer reads them).
 *
 * kumquat_unmap_pages() dispatches on the page size to helpers that each
 * return 0 without a fill only on a path where the value is 0:
 *   - "if (!r) return r;" and "if (r == 0) return r;" before the fill,
 *   - "if (live) fill;" then "return live ? size : 0;",
 *   - "switch (r) { case 0: return r; ... }",
 *   - a loop counter still 0 on the zero-trip path: "return i * pgsize;",
 *     a size_t one and an int one (widened for the multiplication).
 * All are fillers: clean.
 *
 * kumquat_unmap_s2() fills only "if (r > SZ_4K)": a 4K unmap returns a
 * nonzero size with the gather empty.
 *
 * Expected: unmap-gather-unfilled at the "return r;" of
 * kumquat_unmap_s2() (has sync), nothing else.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/iommu.h>

#define KUMQUAT_REG_INV		0x60

struct kumquat_domain {
	struct iommu_domain	domain;
	u64			*ptes;
	bool			enabled;
	void __iomem		*base;
};

static struct kumquat_domain *to_kumquat_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct kumquat_domain, domain);
}

/* Clears the valid entries of the range; returns the bytes cleared. */
static size_t kumquat_clear(struct kumquat_domain *kd, unsigned long iova,
			    size_t pgsize, size_t pgcount)
{
	u64 *pte = kd->ptes + (iova >> 12);
	size_t done = 0;
	size_t i;

	for (i = 0; i < pgcount; i++) {
		if (!pte[i])
			break;
		pte[i] = 0;
		done += pgsize;
	}
	return done;
}

static size_t kumquat_unmap_4k(struct kumquat_domain *kd, unsigned long iova,
			       size_t pgcount, struct iommu_iotlb_gather *gather)
{
	size_t r = kumquat_clear(kd, iova, SZ_4K, pgcount);

	if (!r)
		return r;
	iommu_iotlb_gather_add_range(gather, iova, r);
	return r;
}

static size_t kumquat_unmap_64k(struct kumquat_domain *kd, unsigned long iova,
				size_t pgcount, struct iommu_iotlb_gather *gather)
{
	size_t r = kumquat_clear(kd, iova, SZ_64K, pgcount);

	if (r == 0)
		return r;
	iommu_iotlb_gather_add_range(gather, iova, r);
	return r;
}

static size_t kumquat_unmap_2m(struct kumquat_domain *kd, unsigned long iova,
			       size_t pgcount, struct iommu_iotlb_gather *gather)
{
	size_t size = SZ_2M * pgcount;
	bool live = kd->enabled;

	if (live) {
		memset(kd->ptes + (iova >> 12), 0, pgcount * sizeof(u64));
		iommu_iotlb_gather_add_range(gather, iova, size);
	}
	return live ? size : 0;
}

static size_t kumquat_unmap_1g(struct kumquat_domain *kd, unsigned long iova,
			       size_t pgcount, struct iommu_iotlb_gather *gather)
{
	size_t r = kumquat_clear(kd, iova, SZ_1G, pgcount);

	switch (r) {
	case 0:
		return r;
	default:
		iommu_iotlb_gather_add_range(gather, iova, r);
		break;
	}
	return r;
}

static size_t kumquat_unmap_run(struct kumquat_domain *kd, unsigned long iova,
				size_t pgsize, size_t pgcount,
				struct iommu_iotlb_gather *gather)
{
	u64 *pte = kd->ptes + (iova >> 12);
	size_t i;

	for (i = 0; i < pgcount; i++) {
		pte[i] = 0;
		iommu_iotlb_gather_add_range(gather, iova + i * pgsize, pgsize);
	}
	return i * pgsize;
}

/*
 * An int counter, widened for the multiplication (io-pgtable-arm's
 * __arm_lpae_unmap shape): "return i * pgsize;" is 0 on the zero-trip path
 * and on a break at the first entry; after that the body has filled.
 */
static size_t kumquat_unmap_blocks(struct kumquat_domain *kd, unsigned long iova,
				   size_t pgsize, size_t pgcount,
				   struct iommu_iotlb_gather *gather)
{
	u64 *pte = kd->ptes + (iova >> 12);
	int i = 0, n = min_t(int, pgcount, 512);

	while (i < n) {
		if (!pte[i])
			break;
		pte[i] = 0;
		iommu_iotlb_gather_add_range(gather, iova + i * pgsize, pgsize);
		i++;
	}
	return i * pgsize;
}

static size_t kumquat_unmap_pages(struct iommu_domain *domain, unsigned long iova,
				  size_t pgsize, size_t pgcount,
				  struct iommu_iotlb_gather *gather)
{
	struct kumquat_domain *kd = to_kumquat_domain(domain);

	switch (pgsize) {
	case SZ_4K:
		return kumquat_unmap_4k(kd, iova, pgcount, gather);
	case SZ_16K:
		return kumquat_unmap_blocks(kd, iova, pgsize, pgcount, gather);
	case SZ_64K:
		return kumquat_unmap_64k(kd, iova, pgcount, gather);
	case SZ_2M:
		return kumquat_unmap_2m(kd, iova, pgcount, gather);
	case SZ_1G:
		return kumquat_unmap_1g(kd, iova, pgcount, gather);
	default:
		return kumquat_unmap_run(kd, iova, pgsize, pgcount, gather);
	}
}

static size_t kumquat_unmap_s2(struct iommu_domain *domain, unsigned long iova,
			       size_t pgsize, size_t pgcount,
			       struct iommu_iotlb_gather *gather)
{
	struct kumquat_domain *kd = to_kumquat_domain(domain);
	size_t r = kumquat_clear(kd, iova, pgsize, pgcount);

	if (r > SZ_4K)
		iommu_iotlb_gather_add_range(gather, iova, r);
	return r; /* expect: unmap-gather-unfilled warning exposed=error protected=note */
}

static void kumquat_iotlb_sync(struct iommu_domain *domain,
			       struct iommu_iotlb_gather *gather)
{
	struct kumquat_domain *kd = to_kumquat_domain(domain);

	writeq(gather->start, kd->base + KUMQUAT_REG_INV);
}

static const struct iommu_domain_ops kumquat_domain_ops = {
	.unmap_pages	= kumquat_unmap_pages,
	.iotlb_sync	= kumquat_iotlb_sync,
};

static const struct iommu_domain_ops kumquat_s2_domain_ops = {
	.unmap_pages	= kumquat_unmap_s2,
	.iotlb_sync	= kumquat_iotlb_sync,
};

static struct iommu_domain *kumquat_domain_alloc(unsigned int type)
{
	struct kumquat_domain *kd;
	unsigned long top;

	/* an internal-function call (the GCC engine must not trip on it) */
	if (__builtin_add_overflow(SZ_1G, (unsigned long)type, &top))
		return NULL;
	if (type != IOMMU_DOMAIN_UNMANAGED)
		return NULL;
	kd = kzalloc(sizeof(*kd), GFP_KERNEL);
	if (!kd)
		return NULL;
	kd->domain.ops = (type & 1) ? &kumquat_s2_domain_ops : &kumquat_domain_ops;
	return &kd->domain;
}

const struct iommu_ops kumquat_iommu_ops = {
	.domain_alloc		= kumquat_domain_alloc,
	.pgsize_bitmap		= SZ_4K | SZ_64K | SZ_2M | SZ_1G,
	.default_domain_ops	= &kumquat_domain_ops,
};
