// SPDX-License-Identifier: GPL-2.0
/*
 * nova-viommu.c - misses on an early nonzero return before a later path
 * that fills (virtio-iommu before the upstream fix, with the fill put
 * where the later path needs it):
 *
 *	if (unmapped < size)
 *		return 0;			zero: fine
 *	if (!vdomain->nr_endpoints)
 *		return unmapped;		nonzero, no fill  <- finding
 *	iommu_iotlb_gather_add_range(...);
 *	return ret ? 0 : unmapped;		filled
 *
 * Expected: one unmap-gather-unfilled, at the early "return unmapped;"
 * (ops has sync).  The fix lands inside an unbraced if: it adds braces.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/iommu.h>

#define NOVA_REQ_UNMAP		2

struct nova_req_unmap {
	u8	type;
	u32	domain;
	u64	virt_start;
	u64	virt_end;
	u32	flags;
};

struct nova_mapping {
	unsigned long	iova_start;
	unsigned long	iova_last;
	bool		used;
};

struct nova_domain {
	struct iommu_domain	domain;
	spinlock_t		mappings_lock;
	struct nova_mapping	mappings[64];
	unsigned int		id;
	unsigned int		nr_endpoints;
};

static struct nova_domain *to_nova_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct nova_domain, domain);
}

/* Removes the tracked mappings inside [iova, end]; returns their size. */
static size_t nova_del_mappings(struct nova_domain *vdomain,
				unsigned long iova, unsigned long end)
{
	size_t unmapped = 0;
	unsigned long flags;
	unsigned int i;

	spin_lock_irqsave(&vdomain->mappings_lock, flags);
	for (i = 0; i < ARRAY_SIZE(vdomain->mappings); i++) {
		struct nova_mapping *m = &vdomain->mappings[i];

		if (!m->used || m->iova_start < iova || m->iova_last > end)
			continue;
		unmapped += m->iova_last - m->iova_start + 1;
		m->used = false;
	}
	spin_unlock_irqrestore(&vdomain->mappings_lock, flags);

	return unmapped;
}

/* Queues a request on the virtqueue; the device acks at sync time. */
extern int nova_add_req(struct nova_domain *vdomain, void *req, size_t len);
extern int nova_sync_req(struct nova_domain *vdomain);

static size_t nova_unmap_pages(struct iommu_domain *domain, unsigned long iova,
			       size_t pgsize, size_t pgcount,
			       struct iommu_iotlb_gather *gather)
{
	struct nova_domain *vdomain = to_nova_domain(domain);
	struct nova_req_unmap unmap;
	size_t size = pgsize * pgcount;
	size_t unmapped;
	int ret;

	unmapped = nova_del_mappings(vdomain, iova, iova + size - 1);
	if (unmapped < size)
		return 0;

	/* Device already removed all mappings after detach. */
	if (!vdomain->nr_endpoints)
		return unmapped; /* expect: unmap-gather-unfilled warning exposed=error protected=note */

	unmap = (struct nova_req_unmap) {
		.type		= NOVA_REQ_UNMAP,
		.domain		= vdomain->id,
		.virt_start	= iova,
		.virt_end	= iova + unmapped - 1,
	};

	ret = nova_add_req(vdomain, &unmap, sizeof(unmap));
	iommu_iotlb_gather_add_range(gather, iova, unmapped);
	return ret ? 0 : unmapped;
}

static void nova_iotlb_sync(struct iommu_domain *domain,
			    struct iommu_iotlb_gather *gather)
{
	(void)gather;
	/* Kick the request queue and wait: ignores the gather. */
	nova_sync_req(to_nova_domain(domain));
}

static void nova_domain_free(struct iommu_domain *domain)
{
	kfree(to_nova_domain(domain));
}

static const struct iommu_domain_ops nova_domain_ops = {
	.unmap_pages	= nova_unmap_pages,
	.iotlb_sync	= nova_iotlb_sync,
	.free		= nova_domain_free,
};

const struct iommu_ops nova_iommu_ops = {
	.pgsize_bitmap		= SZ_4K,
	.default_domain_ops	= &nova_domain_ops,
};
