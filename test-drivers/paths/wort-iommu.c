// SPDX-License-Identifier: GPL-2.0
/*
 * wort-iommu.c - paths: "return ret ? 0 : size;", the virtio-iommu ending,
 * where only one branch of the conditional is a nonzero path:
 *
 *	if (!wd->attached)
 *		return wd->stale ? 0 : size;	nonzero branch, no fill <- finding
 *	ret = wort_fw_unmap(wd, iova, size);
 *	return ret ? 0 : size;			nonzero branch, no fill (note)
 *
 * Expected: one unmap-gather-unfilled at the first (has sync).  The fix
 * must not add a range on the zero branch: it returns 0 first, then fills
 * for the size,
 *
 *	if (ret)
 *		return 0;
 *	iommu_iotlb_gather_add_range(gather, iova, size);
 *	return size;
 *
 * and inside the unbraced if it adds the braces.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/iommu.h>

#define WORT_REG_UNMAP_IOVA	0x10
#define WORT_REG_UNMAP_SIZE	0x18
#define WORT_REG_UNMAP_STATUS	0x20
#define WORT_REG_INV_ALL	0x28

struct wort_domain {
	struct iommu_domain	domain;
	void __iomem		*fw;
	bool			attached;
	bool			stale;
};

static struct wort_domain *to_wort_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct wort_domain, domain);
}

static int wort_fw_unmap(struct wort_domain *wd, unsigned long iova,
			 size_t size)
{
	writeq(iova, wd->fw + WORT_REG_UNMAP_IOVA);
	writeq(size, wd->fw + WORT_REG_UNMAP_SIZE);
	return readl(wd->fw + WORT_REG_UNMAP_STATUS) ? -EIO : 0;
}

static size_t wort_unmap_pages(struct iommu_domain *domain, unsigned long iova,
			       size_t pgsize, size_t pgcount,
			       struct iommu_iotlb_gather *gather)
{
	struct wort_domain *wd = to_wort_domain(domain);
	size_t size = pgsize * pgcount;
	int ret;

	/* Detached: the firmware dropped the mappings already. */
	if (!wd->attached)
		return wd->stale ? 0 : size; /* expect: unmap-gather-unfilled warning exposed=error protected=note */

	ret = wort_fw_unmap(wd, iova, size);
	return ret ? 0 : size;
}

static void wort_iotlb_sync(struct iommu_domain *domain,
			    struct iommu_iotlb_gather *gather)
{
	struct wort_domain *wd = to_wort_domain(domain);

	(void)gather;
	writel(1, wd->fw + WORT_REG_INV_ALL);
}

static void wort_domain_free(struct iommu_domain *domain)
{
	kfree(to_wort_domain(domain));
}

static const struct iommu_domain_ops wort_domain_ops = {
	.unmap_pages	= wort_unmap_pages,
	.iotlb_sync	= wort_iotlb_sync,
	.free		= wort_domain_free,
};

static struct iommu_domain *wort_domain_alloc(unsigned int type)
{
	struct wort_domain *wd;

	if (type != IOMMU_DOMAIN_DMA && type != IOMMU_DOMAIN_UNMANAGED)
		return NULL;
	wd = kzalloc(sizeof(*wd), GFP_KERNEL);
	if (!wd)
		return NULL;
	wd->domain.ops = &wort_domain_ops;
	return &wd->domain;
}

const struct iommu_ops wort_iommu_ops = {
	.domain_alloc		= wort_domain_alloc,
	.pgsize_bitmap		= SZ_4K,
	.default_domain_ops	= &wort_domain_ops,
};
