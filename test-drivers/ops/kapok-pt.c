// SPDX-License-Identifier: GPL-2.0
/*
 * kapok-pt.c - a generic-page-table instantiation (7.x
 * drivers/iommu/generic_pt/ style) whose .unmap_range fills: the
 * function names are built by token pasting,
 *	#define NS(fn) CONCATENATE(PTPFX, fn)
 *	static size_t NS(unmap_range)(struct pt_iommu *iommu_table, ...)
 *	static const struct pt_iommu_ops NS(ops) = { .unmap_range = NS(unmap_range) };
 * pt_iommu_ops entry points always count as having sync.
 *
 * GCC sees kapok_unmap_range(): clean.  The Coccinelle engine parses the
 * definition through the hints of cocci/gatherlint.h (NS() and
 * CONCATENATE()), which name it unmap_range(): clean too.
 */
/* gatherlint: clean */
#include <linux/kernel.h>
#include <linux/args.h>
#include <linux/sizes.h>
#include <linux/generic_pt/iommu.h>

#define PTPFX		kapok_
#define NS(fn)		CONCATENATE(PTPFX, fn)

#define KAPOK_LEVELS		3
#define KAPOK_ITEMS		512
#define KAPOK_PTE_PRESENT	BIT_ULL(0)
#define KAPOK_PTE_LEAF		BIT_ULL(7)

struct kapok_table {
	struct pt_iommu	iommu;
	u64		*top;
};

static unsigned int NS(lvl_shift)(int lvl)
{
	return 12 + 9 * lvl;
}

static u64 *NS(leaf_entry)(struct kapok_table *table, dma_addr_t iova, int *lvl_out)
{
	u64 *tbl = table->top;
	int lvl;

	for (lvl = KAPOK_LEVELS - 1; lvl >= 0; lvl--) {
		u64 *pte = &tbl[(iova >> NS(lvl_shift)(lvl)) & (KAPOK_ITEMS - 1)];

		if (!(*pte & KAPOK_PTE_PRESENT))
			return NULL;
		if (lvl == 0 || (*pte & KAPOK_PTE_LEAF)) {
			*lvl_out = lvl;
			return pte;
		}
		tbl = (u64 *)(unsigned long)(*pte & ~0xfffULL);
	}
	return NULL;
}

static size_t NS(unmap_range)(struct pt_iommu *iommu_table, dma_addr_t iova, dma_addr_t len, struct iommu_iotlb_gather *iotlb_gather)
{
	struct kapok_table *table = container_of(iommu_table, struct kapok_table, iommu);
	dma_addr_t done = 0;
	int lvl = 0;
	u64 *pte;

	while (done < len) {
		pte = NS(leaf_entry)(table, iova + done, &lvl);
		if (!pte)
			break;
		WRITE_ONCE(*pte, 0);
		done += 1ULL << NS(lvl_shift)(lvl);
	}
	if (!done)
		return 0;

	iommu_iotlb_gather_add_range(iotlb_gather, iova, done);
	return done;
}

static void NS(deinit)(struct pt_iommu *iommu_table)
{
	(void)iommu_table;
}

static const struct pt_iommu_ops NS(ops) = {
	.unmap_range	= NS(unmap_range),
	.deinit		= NS(deinit),
};

int NS(table_init)(struct kapok_table *table)
{
	table->iommu.ops = &NS(ops);
	return 0;
}
