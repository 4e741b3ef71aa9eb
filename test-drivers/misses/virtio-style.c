// SPDX-License-Identifier: GPL-2.0
/*
 * virtio-style: an early 'return unmapped' when no endpoint is attached,
 * before the path that fills; the early return is the finding.
 */
#include <linux/iommu.h>

struct vv_domain {
	struct iommu_domain domain;
	unsigned int nr_endpoints;
};

static size_t vv_del_mappings(struct vv_domain *dom, unsigned long iova,
			      size_t size)
{
	(void)dom;
	(void)iova;
	return size;
}

static int vv_send_unmap(struct vv_domain *dom, unsigned long iova, size_t size)
{
	(void)dom;
	return iova + size == 0;
}

static size_t vv_unmap(struct iommu_domain *domain, unsigned long iova,
		       size_t pgsize, size_t pgcount,
		       struct iommu_iotlb_gather *gather)
{
	struct vv_domain *dom = container_of(domain, struct vv_domain, domain);
	size_t size = pgsize * pgcount;
	size_t unmapped;

	unmapped = vv_del_mappings(dom, iova, size);
	if (unmapped < size)
		return 0;

	if (!dom->nr_endpoints)
		return unmapped;	/* expect: unmap-gather-unfilled warning exposed=error protected=note */

	if (vv_send_unmap(dom, iova, unmapped))
		return 0;

	iommu_iotlb_gather_add_range(gather, iova, unmapped);
	return unmapped;
}

static void vv_sync(struct iommu_domain *domain,
		       struct iommu_iotlb_gather *gather)
{
	(void)domain;
	(void)gather;
}

const struct iommu_domain_ops vv_domain_ops = {
	.unmap_pages	= vv_unmap,
	.iotlb_sync	= vv_sync,
};
