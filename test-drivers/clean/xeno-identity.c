// SPDX-License-Identifier: GPL-2.0
/*
 * xeno-identity.c - clean because nothing nonzero is ever returned: an
 * identity/bypass domain whose unmap callback exists only to refuse (it
 * returns 0 on every path).  A gather legitimately stays empty after an
 * unmap that unmapped nothing (SPEC section 1), so there is nothing to
 * fill.  Mirrors the blocked/identity domains some drivers register with
 * full ops.
 */
/* gatherlint: clean */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/sizes.h>
#include <linux/iommu.h>

#define XENO_REG_BYPASS		0x08

struct xeno_device {
	void __iomem	*base;
	bool		bypass_locked;
};

struct xeno_domain {
	struct iommu_domain	domain;
	struct xeno_device	*xdev;
};

static struct xeno_domain *to_xeno_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct xeno_domain, domain);
}

static int xeno_identity_attach(struct iommu_domain *domain, struct device *dev)
{
	struct xeno_domain *xd = to_xeno_domain(domain);

	(void)dev;
	writel(1, xd->xdev->base + XENO_REG_BYPASS);
	return 0;
}

static int xeno_identity_map(struct iommu_domain *domain, unsigned long iova,
			     phys_addr_t paddr, size_t pgsize, size_t pgcount,
			     int prot, gfp_t gfp, size_t *mapped)
{
	(void)domain;
	(void)prot;
	(void)gfp;
	if (iova != paddr)
		return -EINVAL;
	*mapped = pgsize * pgcount;
	return 0;
}

static size_t xeno_identity_unmap(struct iommu_domain *domain, unsigned long iova,
				  size_t pgsize, size_t pgcount,
				  struct iommu_iotlb_gather *gather)
{
	struct xeno_domain *xd = to_xeno_domain(domain);
	size_t ret = 0;

	(void)iova;
	(void)pgsize;
	(void)pgcount;
	(void)gather;
	if (xd->xdev->bypass_locked)
		return 0;

	/* The 1:1 window cannot be punched: report nothing unmapped. */
	return ret;
}

static void xeno_identity_sync(struct iommu_domain *domain,
			       struct iommu_iotlb_gather *gather)
{
	(void)domain;
	(void)gather;
}

static const struct iommu_domain_ops xeno_identity_ops = {
	.attach_dev	= xeno_identity_attach,
	.map_pages	= xeno_identity_map,
	.unmap_pages	= xeno_identity_unmap,
	.iotlb_sync	= xeno_identity_sync,
};

const struct iommu_ops xeno_iommu_ops = {
	.pgsize_bitmap		= SZ_4K,
	.default_domain_ops	= &xeno_identity_ops,
};
