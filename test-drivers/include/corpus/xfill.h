/* SPDX-License-Identifier: GPL-2.0 */
/* Helpers shared across corpus files (defined in xfile/xfill-lib.c). */
#ifndef _GL_CORPUS_XFILL_H
#define _GL_CORPUS_XFILL_H

#include <linux/iommu.h>

void xfill_note_range(struct iommu_iotlb_gather *gather, unsigned long iova,
		      size_t size);
void xfill_note_nothing(struct iommu_iotlb_gather *gather, unsigned long iova,
			size_t size);

#endif
