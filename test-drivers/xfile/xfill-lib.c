// SPDX-License-Identifier: GPL-2.0
/*
 * Extern gather helpers used by xfile/xfill-user*.c: one fills, one does not.
 */
/* gatherlint: clean */
#include <corpus/xfill.h>

void xfill_note_range(struct iommu_iotlb_gather *gather, unsigned long iova,
		      size_t size)
{
	iommu_iotlb_gather_add_range(gather, iova, size);
}

void xfill_note_nothing(struct iommu_iotlb_gather *gather, unsigned long iova,
			size_t size)
{
	/* counts statistics only; never touches the gather */
	(void)gather;
	(void)iova;
	(void)size;
}
