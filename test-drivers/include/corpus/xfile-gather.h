/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Prototypes shared by the cross-file cases (test-drivers/xfile/): a
 * gather helper defined in one .c and used by a driver in another.  The
 * header lives outside the audited themes on purpose: filler-ness must
 * come from the definition (a cross-file summary), not from a prototype.
 */
#ifndef _CORPUS_XFILE_GATHER_H
#define _CORPUS_XFILE_GATHER_H

#include <linux/types.h>
#include <linux/iommu.h>

/* xfile/helix-gather.c: fills on every path (a filler). */
extern void helix_gather_flush_range(struct iommu_domain *domain,
				     struct iommu_iotlb_gather *gather,
				     unsigned long iova, size_t size);

/* xfile/ion-gather.c: returns early for small ranges (not a filler). */
extern void ion_gather_note(struct iommu_iotlb_gather *gather,
			    unsigned long iova, size_t size);

#endif /* _CORPUS_XFILE_GATHER_H */
