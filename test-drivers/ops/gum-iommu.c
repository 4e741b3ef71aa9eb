// SPDX-License-Identifier: GPL-2.0
/*
 * gum-iommu.c - ops form: a field-list macro used inside a named
 * initializer, naming a sync callback that another macro generates:
 *	#define GUM_DOMAIN_OPS_COMMON .map_pages = ..., .unmap_pages = ...,
 *				      .iotlb_sync = ...
 *	static const struct iommu_domain_ops gum_domain_ops = {
 *		GUM_DOMAIN_OPS_COMMON, .free = gum_domain_free, };
 *	#define GUM_DEFINE_IOTLB_SYNC(name, reg) static void name(...) {...}
 * The GCC engine sees the expanded code.  Coccinelle does not expand
 * macros, and whether a given spatch parses a #define body is its own
 * business (1.1 cannot parse the field list, 1.3 can): the cocci engine
 * reads #define bodies by their text on every version.  The CLI's
 * textual pre-pass reads the ops initialiser (OPSID
 * macro@GUM_DOMAIN_OPS_COMMON; the struct type comes from the stored
 * function's first parameter): one entry point, with sync.  The macro
 * that generates a function taking the gather is code the engine did not
 * check, and it says so.
 *
 * Expected: unmap-gather-unfilled at "return size;" (has sync), both
 * engines.  Coccinelle engine only: analysis-incomplete at the first line
 * of the GUM_DEFINE_IOTLB_SYNC body that names the gather, on every
 * spatch version; nothing for the field-list body.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/iommu.h>

#define GUM_PTE_PRESENT		BIT(0)
#define GUM_REG_TLB_INVALL	0x14

struct gum_domain {
	struct iommu_domain	domain;
	u32			*ptes;
	void __iomem		*base;
};

static struct gum_domain *to_gum_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct gum_domain, domain);
}

static int gum_map_pages(struct iommu_domain *domain, unsigned long iova,
			 phys_addr_t paddr, size_t pgsize, size_t pgcount,
			 int prot, gfp_t gfp, size_t *mapped)
{
	struct gum_domain *gd = to_gum_domain(domain);
	size_t i;

	(void)prot;
	(void)gfp;
	for (i = 0; i < pgcount; i++)
		gd->ptes[(iova >> 12) + i] = (u32)(paddr + i * pgsize) | GUM_PTE_PRESENT;
	*mapped = pgsize * pgcount;
	return 0;
}

static size_t gum_unmap_pages(struct iommu_domain *domain, unsigned long iova,
			      size_t pgsize, size_t pgcount,
			      struct iommu_iotlb_gather *gather)
{
	struct gum_domain *gd = to_gum_domain(domain);
	size_t i, size = pgsize * pgcount;

	for (i = 0; i < pgcount; i++)
		gd->ptes[(iova >> 12) + i] = 0;

	return size; /* expect: unmap-gather-unfilled warning exposed=error protected=note */
}

/* One sync callback per register block, stamped out by a macro. */
#define GUM_DEFINE_IOTLB_SYNC(name, reg)				\
static void name(struct iommu_domain *domain,				\
		 struct iommu_iotlb_gather *gather)	/* expect: analysis-incomplete warning engine=cocci */ \
{									\
	(void)gather;							\
	writel(1, to_gum_domain(domain)->base + (reg));			\
}

GUM_DEFINE_IOTLB_SYNC(gum_iotlb_sync, GUM_REG_TLB_INVALL)

static void gum_domain_free(struct iommu_domain *domain)
{
	struct gum_domain *gd = to_gum_domain(domain);

	kfree(gd->ptes);
	kfree(gd);
}

#define GUM_DOMAIN_OPS_COMMON			\
	.map_pages	= gum_map_pages,	\
	.unmap_pages	= gum_unmap_pages,	\
	.iotlb_sync	= gum_iotlb_sync

static const struct iommu_domain_ops gum_domain_ops = {
	GUM_DOMAIN_OPS_COMMON,
	.free		= gum_domain_free,
};

const struct iommu_ops gum_iommu_ops = {
	.pgsize_bitmap		= SZ_4K,
	.default_domain_ops	= &gum_domain_ops,
};
