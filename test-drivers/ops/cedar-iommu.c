// SPDX-License-Identifier: GPL-2.0
/*
 * cedar-iommu.c - ops form: runtime assignment.  The domain ops are a
 * writable object filled in at probe time, because the unmap and sync
 * callbacks depend on the hardware revision:
 *
 *	ops->unmap_pages = cedar_unmap_pages;
 *	ops->iotlb_sync = cedar_iotlb_sync;	(same function, same object)
 *
 * The struct type is not visible at the assignment; the stored function's
 * first parameter (struct iommu_domain *) says it is iommu_domain_ops.
 * OPSID: assign@cedar_setup_ops:ops.
 *
 * Expected: unmap-gather-unfilled at "return size;" (has sync).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/iommu.h>

#define CEDAR_REV_2		2
#define CEDAR_REG_FLUSH		0x100
#define CEDAR_REG_FLUSH_V2	0x180

struct cedar_device {
	void __iomem	*base;
	unsigned int	rev;
};

struct cedar_domain {
	struct iommu_domain	domain;
	struct cedar_device	*cdev;
	u64			*ptes;
};

static struct cedar_domain *to_cedar_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct cedar_domain, domain);
}

static size_t cedar_unmap_pages(struct iommu_domain *domain, unsigned long iova,
				size_t pgsize, size_t pgcount,
				struct iommu_iotlb_gather *gather)
{
	struct cedar_domain *cd = to_cedar_domain(domain);
	size_t i, size = pgsize * pgcount;

	for (i = 0; i < pgcount; i++)
		WRITE_ONCE(cd->ptes[(iova / pgsize) + i], 0);

	return size; /* expect: unmap-gather-unfilled warning exposed=error protected=note */
}

static void cedar_iotlb_sync(struct iommu_domain *domain,
			     struct iommu_iotlb_gather *gather)
{
	struct cedar_domain *cd = to_cedar_domain(domain);

	(void)gather;
	writel(1, cd->cdev->base + CEDAR_REG_FLUSH);
}

static void cedar_iotlb_sync_v2(struct iommu_domain *domain)
{
	struct cedar_domain *cd = to_cedar_domain(domain);

	writel(1, cd->cdev->base + CEDAR_REG_FLUSH_V2);
}

static void cedar_domain_free(struct iommu_domain *domain)
{
	struct cedar_domain *cd = to_cedar_domain(domain);

	kfree(cd->ptes);
	kfree(cd);
}

static struct iommu_domain_ops cedar_domain_ops;

static void cedar_setup_ops(struct iommu_domain_ops *ops, struct cedar_device *cdev)
{
	ops->unmap_pages = cedar_unmap_pages;
	ops->iotlb_sync = cedar_iotlb_sync;
	ops->free = cedar_domain_free;
	if (cdev->rev >= CEDAR_REV_2)
		ops->flush_iotlb_all = cedar_iotlb_sync_v2;
}

static struct iommu_ops cedar_iommu_ops = {
	.pgsize_bitmap	= SZ_4K | SZ_64K,
};

int cedar_probe(struct cedar_device *cdev)
{
	cedar_setup_ops(&cedar_domain_ops, cdev);
	cedar_iommu_ops.default_domain_ops = &cedar_domain_ops;
	return 0;
}
