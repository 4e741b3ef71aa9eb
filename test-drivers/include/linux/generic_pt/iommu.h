/* SPDX-License-Identifier: GPL-2.0 */
/*
 * gatherlint test corpus: the generic page table (7.x) interface the
 * core calls directly, reduced to what the corpus needs.
 */
#ifndef __GENERIC_PT_IOMMU_H
#define __GENERIC_PT_IOMMU_H

#include <linux/types.h>
#include <linux/iommu.h>

struct pt_iommu_ops;

struct pt_iommu {
	/* the iommu_domain the core hands out; the table is embedded */
	struct iommu_domain domain;
	const struct pt_iommu_ops *ops;
	struct device *iommu_device;
};

struct pt_iommu_info {
	u64 pgsize_bitmap;
};

struct pt_iommu_ops {
	int (*map_range)(struct pt_iommu *iommu_table, dma_addr_t iova,
			 phys_addr_t paddr, dma_addr_t len, unsigned int prot,
			 gfp_t gfp, size_t *mapped);
	size_t (*unmap_range)(struct pt_iommu *iommu_table, dma_addr_t iova,
			      dma_addr_t len,
			      struct iommu_iotlb_gather *iotlb_gather);
	phys_addr_t (*iova_to_phys)(struct pt_iommu *iommu_table,
				    dma_addr_t iova);
	void (*get_info)(struct pt_iommu *iommu_table,
			 struct pt_iommu_info *info);
	void (*deinit)(struct pt_iommu *iommu_table);
};

#endif /* __GENERIC_PT_IOMMU_H */
