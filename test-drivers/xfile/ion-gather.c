// SPDX-License-Identifier: GPL-2.0
/*
 * ion-gather.c - the library half of a cross-file MISS: an extern helper
 * that takes the gather but returns early for small ranges ("the walker
 * invalidates those by itself").  A void function is a filler only if
 * every return fills; this one's early "return;" does not, so it is NOT
 * a filler.  Its user xfile/ion-iommu.c is reported.
 *
 * No entry point here: nothing to report in this file.
 */
/* gatherlint: clean */
#include <linux/kernel.h>
#include <linux/sizes.h>
#include <linux/iommu.h>
#include <corpus/xfile-gather.h>

#define ION_MIN_BATCHED		SZ_64K

void ion_gather_note(struct iommu_iotlb_gather *gather,
		     unsigned long iova, size_t size)
{
	/* Small unmaps are invalidated by the page-walk hardware. */
	if (size < ION_MIN_BATCHED)
		return;

	iommu_iotlb_gather_add_range(gather, iova, size);
}
