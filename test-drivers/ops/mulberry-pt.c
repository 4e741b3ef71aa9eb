// SPDX-License-Identifier: GPL-2.0
/*
 * mulberry-pt.c - instantiates the generic-page-table template
 * ops/mulberry-pt.h (7.x drivers/iommu/generic_pt/fmt/iommu_FMT.c style:
 * a prefix, then the include); the code, and what the engines say about
 * it, is in the header.
 */
/* gatherlint: clean */
#include <linux/kernel.h>
#include <linux/args.h>
#include <linux/sizes.h>
#include <linux/generic_pt/iommu.h>

#define PTPFX		mulberry_
#define NS(fn)		CONCATENATE(PTPFX, fn)

#define MULBERRY_ITEMS		512
#define MULBERRY_PTE_V		BIT_ULL(0)

struct mulberry_table {
	struct pt_iommu	iommu;
	u64		*top;
};

#include "mulberry-pt.h"

int NS(table_init)(struct mulberry_table *table)
{
	table->iommu.ops = &NS(ops);
	return 0;
}
