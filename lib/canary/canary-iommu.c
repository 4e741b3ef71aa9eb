// SPDX-License-Identifier: GPL-2.0
/*
 * canary-iommu.c - the self-check of every engine (SPEC section 4).
 *
 * Before gatherlint trusts an engine's facts, it runs that engine, with
 * the same tool, version and options, on this file and compares the
 * findings with canary.expected.  A tool that parses C differently (a
 * new spatch that hands types to the scripts in another form, a plugin
 * built for another compiler) shows here first: the run stops with exit
 * 2 instead of reporting a tree as clean.
 *
 * Self-contained on purpose (no include): every engine must be able to
 * read it without a kernel tree.  Each case sits next to its expectation
 * in canary.expected (by line), and the names say what they test.
 */
#define EINVAL		22
#define NULL		((void *)0)

typedef unsigned long	size_t;

struct iommu_domain;

struct iommu_iotlb_gather {
	unsigned long	start;
	unsigned long	end;
	size_t		pgsize;
	_Bool		queued;
};

struct iommu_domain_ops {
	size_t (*unmap_pages)(struct iommu_domain *domain, unsigned long iova,
			      size_t pgsize, size_t pgcount,
			      struct iommu_iotlb_gather *gather);
	void (*iotlb_sync)(struct iommu_domain *domain,
			   struct iommu_iotlb_gather *gather);
};

struct iommu_ops {
	const struct iommu_domain_ops *default_domain_ops;
};

void iommu_iotlb_gather_add_range(struct iommu_iotlb_gather *gather,
				  unsigned long iova, size_t size);

struct canary_hw {
	unsigned long	*ptes;
	unsigned long	npages;
};

extern struct canary_hw canary_hw;

static void canary_clear(unsigned long iova, size_t pgcount)
{
	size_t i;

	for (i = 0; i < pgcount; i++)
		canary_hw.ptes[(iova >> 12) + i] = 0;
}

static void canary_sync(struct iommu_domain *domain,
			struct iommu_iotlb_gather *gather)
{
	(void)domain;
	(void)gather;
}

/* a miss, stored in a const ops object that has .iotlb_sync */
static size_t canary_const_miss(struct iommu_domain *domain, unsigned long iova,
				size_t pgsize, size_t pgcount,
				struct iommu_iotlb_gather *gather)
{
	(void)domain;
	(void)gather;
	canary_clear(iova, pgcount);
	return pgsize * pgcount;
}

/* a negative errno returned as a size, and a fill on the other path */
static size_t canary_errno_fill(struct iommu_domain *domain, unsigned long iova,
				size_t pgsize, size_t pgcount,
				struct iommu_iotlb_gather *gather)
{
	(void)domain;
	if ((iova >> 12) + pgcount > canary_hw.npages)
		return -EINVAL;
	canary_clear(iova, pgcount);
	iommu_iotlb_gather_add_range(gather, iova, pgsize * pgcount);
	return pgsize * pgcount;
}

/* a miss, stored in a compound literal */
static size_t canary_literal_miss(struct iommu_domain *domain, unsigned long iova,
				  size_t pgsize, size_t pgcount,
				  struct iommu_iotlb_gather *gather)
{
	(void)domain;
	(void)gather;
	if (!pgcount)
		return 0;
	canary_clear(iova, pgcount);
	return pgsize * pgcount;
}

static const struct iommu_domain_ops canary_const_ops = {
	.unmap_pages	= canary_const_miss,
	.iotlb_sync	= canary_sync,
};

static const struct iommu_domain_ops canary_errno_ops = {
	.unmap_pages	= canary_errno_fill,
	.iotlb_sync	= canary_sync,
};

const struct iommu_ops canary_iommu_ops = {
	.default_domain_ops = &(const struct iommu_domain_ops) {
		.unmap_pages	= canary_literal_miss,
		.iotlb_sync	= canary_sync,
	},
};

const struct iommu_domain_ops *canary_all[] = {
	&canary_const_ops, &canary_errno_ops, NULL,
};
