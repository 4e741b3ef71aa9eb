/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Mini core (PROTECTED): the corpus' linux/iommu.h with this state's
 * iommu_iotlb_sync().  Written from scratch for gatherlint's core probe.
 */
/* core-probe: PROTECTED */
#ifndef _GL_CORE_IOMMU_H
#define _GL_CORE_IOMMU_H

#define iommu_iotlb_sync corpus_latent_iotlb_sync
#include "../../../../include/linux/iommu.h"
#undef iommu_iotlb_sync

static inline void iommu_iotlb_sync(struct iommu_domain *domain,
				    struct iommu_iotlb_gather *iotlb_gather)
{
	if (domain->ops->iotlb_sync &&
	    likely(iotlb_gather->start < iotlb_gather->end))
		domain->ops->iotlb_sync(domain, iotlb_gather);

	iommu_iotlb_gather_init(iotlb_gather);
}

#endif
