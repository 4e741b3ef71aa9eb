// SPDX-License-Identifier: GPL-2.0
/*
 * vendor-retflush-pgtable.c - paths: a page-table format whose unmap
 * callbacks return the value of a same-file helper that flushes the TLB
 * synchronously for the constant flag they pass (SPEC section 2,
 * "Flushed"; the format form of vendor-retflush-iommu.c).
 *
 * Found on a vendor format (Qualcomm's downstream "fast" format, 2026
 * vendor audit): ".unmap_pages" is
 * "return __unmap(ops, iova, pgsize * pgcount, false);" and __unmap()
 * calls io_pgtable_tlb_flush_all() unless its flag allows stale TLB
 * entries.  Such a format never needs the gather: every unmapped range
 * is invalidated before the callback returns.
 *
 *	vrf_unmap_pages()  return vrf_clear(..., false);  flushed, clean
 *	vrf_unmap()        return vrf_clear(..., true);   stale entries left,
 *	                   gather never filled
 *
 * Expected: pgtable-gather-unfilled note at the return of vrf_unmap()
 * only.  Format code: the fix never patches it.
 */
#include <linux/kernel.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/io-pgtable.h>

#define VRF_PTES	1024UL

struct vrf_pgtable {
	struct io_pgtable	iop;
	u64			*ptes;
};

#define vrf_ops_to_data(x) \
	container_of(io_pgtable_ops_to_pgtable(x), struct vrf_pgtable, iop)

static size_t vrf_clear(struct io_pgtable_ops *ops, unsigned long iova,
			size_t size, bool allow_stale_tlb)
{
	struct vrf_pgtable *data = vrf_ops_to_data(ops);
	unsigned long idx = (iova >> 12) & (VRF_PTES - 1);

	memset(data->ptes + idx, 0, (size >> 12) * sizeof(u64));
	if (!allow_stale_tlb)
		io_pgtable_tlb_flush_all(&data->iop);

	return size;
}

static size_t vrf_unmap(struct io_pgtable_ops *ops, unsigned long iova,
			size_t size, struct iommu_iotlb_gather *gather)
{
	(void)gather;
	return vrf_clear(ops, iova, size, true); /* expect: pgtable-gather-unfilled note */
}

static size_t vrf_unmap_pages(struct io_pgtable_ops *ops, unsigned long iova,
			      size_t pgsize, size_t pgcount,
			      struct iommu_iotlb_gather *gather)
{
	(void)gather;
	return vrf_clear(ops, iova, pgsize * pgcount, false);
}

static struct io_pgtable *vrf_alloc_pgtable(struct io_pgtable_cfg *cfg, void *cookie)
{
	struct vrf_pgtable *data;

	(void)cookie;
	cfg->pgsize_bitmap = SZ_4K;
	data = kzalloc(sizeof(*data), GFP_KERNEL);
	if (!data)
		return NULL;
	data->ptes = kcalloc(VRF_PTES, sizeof(u64), GFP_KERNEL);
	if (!data->ptes) {
		kfree(data);
		return NULL;
	}
	data->iop.ops = (struct io_pgtable_ops) {
		.unmap		= vrf_unmap,
		.unmap_pages	= vrf_unmap_pages,
	};
	return &data->iop;
}

static void vrf_free_pgtable(struct io_pgtable *iop)
{
	struct vrf_pgtable *data = container_of(iop, struct vrf_pgtable, iop);

	kfree(data->ptes);
	kfree(data);
}

struct io_pgtable_init_fns io_pgtable_vrf_init_fns = {
	.alloc	= vrf_alloc_pgtable,
	.free	= vrf_free_pgtable,
};
