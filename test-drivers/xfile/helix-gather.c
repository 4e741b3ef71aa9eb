// SPDX-License-Identifier: GPL-2.0
/*
 * helix-gather.c - the library half of a cross-file fill: an extern
 * helper that grows the gather on every path (a filler, found by summary
 * across files).  Its user is xfile/helix-iommu.c; the prototype is in
 * include/corpus/xfile-gather.h.  Mirrors a SoC family's shared
 * "iommu-common" object linked into several drivers.
 *
 * No entry point here: nothing to report.
 */
/* gatherlint: clean */
#include <linux/kernel.h>
#include <linux/iommu.h>
#include <corpus/xfile-gather.h>

/*
 * Page-sized pieces go through add_page (it syncs before a disjoint
 * page), anything else through add_range.
 */
void helix_gather_flush_range(struct iommu_domain *domain,
			      struct iommu_iotlb_gather *gather,
			      unsigned long iova, size_t size)
{
	if (size == domain->pgsize_bitmap)
		iommu_iotlb_gather_add_page(domain, gather, iova, size);
	else
		iommu_iotlb_gather_add_range(gather, iova, size);
}
