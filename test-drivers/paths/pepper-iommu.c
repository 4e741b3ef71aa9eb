// SPDX-License-Identifier: GPL-2.0
/*
 * pepper-iommu.c - paths: the uncovered return's value is a call,
 *	return pd->pgtbl_ops->unmap_pages(pd->pgtbl_ops, iova, ...);
 * on a format that does not fill for this driver (ARM_MALI_LPAE, served
 * by the LPAE-like format; this driver's tlb_add_page locks the region
 * and flushes it at once, without the gather).  The fix cannot repeat
 * the call: it stores it in a new local, "size_t unmapped = ...;", fills
 * with it and returns it.
 *
 * Expected: unmap-gather-unfilled at the "return ...->unmap_pages(...)"
 * line (has sync).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/iommu.h>
#include <linux/io-pgtable.h>

#define PEPPER_AS_LOCKADDR	0x10
#define PEPPER_AS_COMMAND	0x18
#define PEPPER_AS_CMD_LOCK	0x2
#define PEPPER_AS_CMD_FLUSH_PT	0x4
#define PEPPER_AS_CMD_FLUSH_MEM	0x5

struct pepper_domain {
	struct iommu_domain	domain;
	struct io_pgtable_ops	*pgtbl_ops;
	void __iomem		*as_regs;
};

static struct pepper_domain *to_pepper_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct pepper_domain, domain);
}

static void pepper_as_cmd(struct pepper_domain *pd, u32 cmd)
{
	writel(cmd, pd->as_regs + PEPPER_AS_COMMAND);
}

static void pepper_lock_region(struct pepper_domain *pd, unsigned long iova, size_t size)
{
	writeq(iova | (__builtin_ctzl(size) - 1), pd->as_regs + PEPPER_AS_LOCKADDR);
	pepper_as_cmd(pd, PEPPER_AS_CMD_LOCK);
}

static void pepper_tlb_flush_all(void *cookie)
{
	pepper_as_cmd(cookie, PEPPER_AS_CMD_FLUSH_MEM);
}

static void pepper_tlb_flush_walk(unsigned long iova, size_t size,
				  size_t granule, void *cookie)
{
	(void)granule;
	pepper_lock_region(cookie, iova, size);
	pepper_as_cmd(cookie, PEPPER_AS_CMD_FLUSH_PT);
}

static void pepper_tlb_add_page(struct iommu_iotlb_gather *gather,
				unsigned long iova, size_t granule, void *cookie)
{
	(void)gather;
	pepper_lock_region(cookie, iova, granule);
	pepper_as_cmd(cookie, PEPPER_AS_CMD_FLUSH_PT);
}

static const struct iommu_flush_ops pepper_flush_ops = {
	.tlb_flush_all	= pepper_tlb_flush_all,
	.tlb_flush_walk	= pepper_tlb_flush_walk,
	.tlb_add_page	= pepper_tlb_add_page,
};

static int pepper_init_pgtable(struct pepper_domain *pd)
{
	struct io_pgtable_cfg cfg = {
		.pgsize_bitmap	= SZ_4K | SZ_2M,
		.ias		= 48,
		.oas		= 40,
		.coherent_walk	= false,
		.tlb		= &pepper_flush_ops,
	};

	pd->pgtbl_ops = alloc_io_pgtable_ops(ARM_MALI_LPAE, &cfg, pd);
	return pd->pgtbl_ops ? 0 : -ENOMEM;
}

static size_t pepper_unmap_pages(struct iommu_domain *domain, unsigned long iova,
				 size_t pgsize, size_t pgcount,
				 struct iommu_iotlb_gather *gather)
{
	struct pepper_domain *pd = to_pepper_domain(domain);

	if (!pd->pgtbl_ops)
		return 0;

	return pd->pgtbl_ops->unmap_pages(pd->pgtbl_ops, iova, pgsize, pgcount, gather); /* expect: unmap-gather-unfilled warning exposed=error protected=note */
}

static void pepper_iotlb_sync(struct iommu_domain *domain,
			      struct iommu_iotlb_gather *gather)
{
	(void)gather;
	pepper_tlb_flush_all(to_pepper_domain(domain));
}

static void pepper_domain_free(struct iommu_domain *domain)
{
	struct pepper_domain *pd = to_pepper_domain(domain);

	free_io_pgtable_ops(pd->pgtbl_ops);
	kfree(pd);
}

static const struct iommu_domain_ops pepper_domain_ops = {
	.unmap_pages	= pepper_unmap_pages,
	.iotlb_sync	= pepper_iotlb_sync,
	.free		= pepper_domain_free,
};

static struct iommu_domain *pepper_domain_alloc(unsigned int type)
{
	struct pepper_domain *pd;

	if (type != IOMMU_DOMAIN_UNMANAGED)
		return NULL;
	pd = kzalloc(sizeof(*pd), GFP_KERNEL);
	if (!pd)
		return NULL;
	if (pepper_init_pgtable(pd)) {
		kfree(pd);
		return NULL;
	}
	pd->domain.ops = &pepper_domain_ops;
	return &pd->domain;
}

const struct iommu_ops pepper_iommu_ops = {
	.domain_alloc		= pepper_domain_alloc,
	.pgsize_bitmap		= SZ_4K | SZ_2M,
	.default_domain_ops	= &pepper_domain_ops,
};
