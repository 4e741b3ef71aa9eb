/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mulberry-pt.h - a generic-page-table template (7.x
 * drivers/iommu/generic_pt/iommu_pt.h style): its functions are defined
 * here, named by NS(), and each file that includes it (ops/mulberry-pt.c)
 * instantiates them under its own prefix.  The .unmap_range keeps the
 * gather in a walk state and fills it through a helper that loads it from
 * there (a carrier, SPEC 2 Fill).
 *
 * GCC reads the header's functions because its pt_iommu_ops stores one
 * (facts under ops/mulberry-pt.h, names expanded: mulberry_unmap_range);
 * no C file of the corpus names the gather API, so the engine compiles
 * the file that includes this header.  Coccinelle reads the header itself
 * through the hints of cocci/gatherlint.h.  Clean for every engine.
 */
/* gatherlint: clean */

struct mulberry_pending {
	struct iommu_iotlb_gather	*iotlb_gather;
	dma_addr_t			cleared;
};

static void mulberry_flush_pending(struct mulberry_pending *pending, dma_addr_t iova)
{
	struct iommu_iotlb_gather *iotlb_gather = pending->iotlb_gather;

	iommu_iotlb_gather_add_range(iotlb_gather, iova, pending->cleared);
}

static size_t NS(unmap_range)(struct pt_iommu *iommu_table, dma_addr_t iova, dma_addr_t len, struct iommu_iotlb_gather *iotlb_gather)
{
	struct mulberry_table *table = container_of(iommu_table, struct mulberry_table, iommu);
	struct mulberry_pending pending = {
		.iotlb_gather	= iotlb_gather,
	};
	dma_addr_t va;

	for (va = iova; va < iova + len; va += SZ_4K) {
		u64 *pte = &table->top[(va >> 12) & (MULBERRY_ITEMS - 1)];

		if (!(*pte & MULBERRY_PTE_V))
			break;
		WRITE_ONCE(*pte, 0);
		pending.cleared += SZ_4K;
	}
	if (!pending.cleared)
		return 0;

	mulberry_flush_pending(&pending, iova);
	return pending.cleared;
}

static void NS(deinit)(struct pt_iommu *iommu_table)
{
	(void)iommu_table;
}

static const struct pt_iommu_ops NS(ops) = {
	.unmap_range	= NS(unmap_range),
	.deinit		= NS(deinit),
};
