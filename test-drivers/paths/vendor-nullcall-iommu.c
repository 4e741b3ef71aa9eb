// SPDX-License-Identifier: GPL-2.0
/*
 * vendor-nullcall-iommu.c - paths/fix shape: the entry point is also
 * called by the driver itself with a NULL gather.
 *
 * Found on a vendor driver (HiSilicon Hi3660 SMMU, 2026 vendor audit):
 * its ".unmap_tile" callback is "return hisi_smmu_unmap_lpae(domain,
 * iova, size, NULL);", i.e. the ".unmap" entry point runs with a NULL
 * gather on that path.  The finding is right (the size is returned with
 * the gather unfilled), but the fill the fix adds must not dereference
 * the NULL gather: iommu_iotlb_gather_add_range() reads gather->start.
 * A maintainer accepts only
 *
 *	if (gather)
 *		iommu_iotlb_gather_add_range(gather, iova, size);
 *
 * (SPEC section 2 Fill: a test that the gather pointer is NULL covers
 * the NULL branch) - or the fill in a helper the tile path does not
 * reach.  The engines record the call (a `nullcall` fact, NULL for the
 * gather parameter), and the fix of nullcall_unmap() is the guarded form
 * above: tests/t40-fix.sh asserts it for each engine that writes fixes.
 *
 * Expected: unmap-gather-unfilled at "return size;" of nullcall_unmap()
 * (has sync).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/iommu.h>

#define NULLCALL_REG_TLBIVA	0x18

struct nullcall_domain {
	struct iommu_domain	domain;
	u32			*ptes;
	void __iomem		*base;
};

static struct nullcall_domain *to_nullcall_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct nullcall_domain, domain);
}

static size_t nullcall_unmap(struct iommu_domain *domain, unsigned long iova,
			     size_t size, struct iommu_iotlb_gather *gather)
{
	struct nullcall_domain *nd = to_nullcall_domain(domain);

	if (!nd->ptes)
		return 0;
	memset(nd->ptes + (iova >> 12), 0, (size >> 12) * sizeof(u32));
	return size; /* expect: unmap-gather-unfilled warning exposed=error protected=note */
}

/* Driver-private tiled unmap: no gather, the caller flushes everything. */
size_t nullcall_unmap_tile(struct iommu_domain *domain, unsigned long iova,
			   size_t size)
{
	return nullcall_unmap(domain, iova, size, NULL);
}

static void nullcall_iotlb_sync(struct iommu_domain *domain,
				struct iommu_iotlb_gather *gather)
{
	struct nullcall_domain *nd = to_nullcall_domain(domain);

	writeq(gather->start, nd->base + NULLCALL_REG_TLBIVA);
}

static const struct iommu_domain_ops nullcall_domain_ops = {
	.unmap		= nullcall_unmap,
	.iotlb_sync	= nullcall_iotlb_sync,
};

const struct iommu_ops nullcall_iommu_ops = {
	.pgsize_bitmap		= SZ_4K,
	.default_domain_ops	= &nullcall_domain_ops,
};
