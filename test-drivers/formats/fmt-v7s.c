// SPDX-License-Identifier: GPL-2.0
/*
 * fmt-v7s.c - a short-descriptor (ARMv7-like, two levels: 1M sections and
 * 4K pages) io-pgtable format, written for the gatherlint corpus.  Bound
 * with alloc_io_pgtable_ops(ARM_V7S, ...).  Mirrors io-pgtable-arm-v7s.c
 * and the review lesson that it is NOT the LPAE format: a fix or a fill in
 * fmt-lpae.c does nothing for its users (misses/rook-msm.c misses,
 * clean/vale-mtk.c is clean only because it fills before delegating).
 *
 * Expected here:
 *  - pgtable-gather-unfilled (note) at the first uncovered nonzero return
 *    of v7s_unmap_pages(): the leaf path only reaches the driver's
 *    tlb_add_page, so with no driver context nothing fills;
 *  - the same note at the return of v7s_unmap(), the legacy ".unmap"
 *    format callback kept as a wrapper of v7s_unmap_pages() (a format
 *    unmap too: stored in io_pgtable_ops.unmap);
 *  - unmap-returns-errno (warning): v7s_unmap_pages() returns -EINVAL for
 *    an IOVA beyond the input address size, a size_t callback returning a
 *    negative errno (deliberate: a format unmap is checked like an entry
 *    point).  That return is not a "nonzero path" for the gather rules.
 *
 * io_pgtable_ops form used here: field assignment
 * (data->iop.ops.unmap_pages = v7s_unmap_pages).
 */
#include <linux/kernel.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/io-pgtable.h>

typedef u32 v7s_pte_t;

#define V7S_LVL_SHIFT(lvl)		((lvl) == 1 ? 20 : 12)
#define V7S_PTES_PER_LVL(lvl)		((lvl) == 1 ? 4096 : 256)
#define V7S_BLOCK_SIZE(lvl)		(1UL << V7S_LVL_SHIFT(lvl))
#define V7S_LVL_IDX(iova, lvl)		(((iova) >> V7S_LVL_SHIFT(lvl)) & (V7S_PTES_PER_LVL(lvl) - 1))

#define V7S_PTE_TYPE_TABLE		0x1
#define V7S_PTE_TYPE_PAGE		0x2
#define V7S_PTE_TYPE_MASK		0x3
#define V7S_PTE_AP_RDONLY		BIT(9)
#define V7S_PTE_XN			BIT(0)
#define V7S_PTE_IS_TABLE(pte, lvl)	((lvl) == 1 && ((pte) & V7S_PTE_TYPE_MASK) == V7S_PTE_TYPE_TABLE)
#define V7S_TABLE_MASK			((u32)GENMASK(31, 10))

struct v7s_pgtable {
	struct io_pgtable	iop;
	v7s_pte_t		*pgd;
};

#define io_pgtable_to_data(x)		container_of((x), struct v7s_pgtable, iop)
#define io_pgtable_ops_to_data(x)	io_pgtable_to_data(io_pgtable_ops_to_pgtable(x))

static v7s_pte_t *v7s_pte_to_table(v7s_pte_t pte)
{
	return (v7s_pte_t *)(unsigned long)(pte & V7S_TABLE_MASK);
}

static void v7s_set_ptes(v7s_pte_t *ptep, v7s_pte_t pte, int num_entries)
{
	int i;

	for (i = 0; i < num_entries; i++)
		WRITE_ONCE(ptep[i], pte);
}

static void v7s_free_table(struct v7s_pgtable *data, v7s_pte_t *table)
{
	(void)data;
	kfree(table);
}

static int v7s_map_pages(struct io_pgtable_ops *ops, unsigned long iova,
			 phys_addr_t paddr, size_t pgsize, size_t pgcount,
			 int prot, gfp_t gfp, size_t *mapped)
{
	struct v7s_pgtable *data = io_pgtable_ops_to_data(ops);
	v7s_pte_t attr = 0, *ptep, *table;
	int lvl = pgsize == SZ_1M ? 1 : 2;
	int num = pgcount;

	(void)gfp;
	if (!(prot & IOMMU_WRITE))
		attr |= V7S_PTE_AP_RDONLY;
	if (prot & IOMMU_NOEXEC)
		attr |= V7S_PTE_XN;

	ptep = data->pgd + V7S_LVL_IDX(iova, 1);
	if (lvl == 2) {
		if (!*ptep) {
			table = kcalloc(V7S_PTES_PER_LVL(2), sizeof(*table), GFP_ATOMIC);
			if (!table)
				return -ENOMEM;
			WRITE_ONCE(*ptep, (v7s_pte_t)(unsigned long)table | V7S_PTE_TYPE_TABLE);
		}
		ptep = v7s_pte_to_table(*ptep) + V7S_LVL_IDX(iova, 2);
	}
	if (*ptep)
		return -EEXIST;

	v7s_set_ptes(ptep, (v7s_pte_t)paddr | attr | V7S_PTE_TYPE_PAGE, num);
	*mapped += pgsize * pgcount;
	return 0;
}

/*
 * Unmaps `size` bytes that start at a block boundary of level `lvl`, or
 * walks down.  Nonzero returns: the table path (flushed), the leaf path
 * (tlb_add_page or queued) and the descent (a call to itself).
 */
static size_t __v7s_unmap(struct v7s_pgtable *data,
			  struct iommu_iotlb_gather *gather,
			  unsigned long iova, size_t size, int lvl,
			  v7s_pte_t *ptep)
{
	struct io_pgtable *iop = &data->iop;
	int num_entries = size >> V7S_LVL_SHIFT(lvl);
	v7s_pte_t pte;

	if (WARN_ON(lvl > 2))
		return 0;

	ptep += V7S_LVL_IDX(iova, lvl);
	pte = READ_ONCE(*ptep);
	if (WARN_ON(!pte))
		return 0;

	if (num_entries) {
		v7s_set_ptes(ptep, 0, num_entries);
		if (V7S_PTE_IS_TABLE(pte, lvl)) {
			/* Also flush any partial walks */
			io_pgtable_tlb_flush_walk(iop, iova, V7S_BLOCK_SIZE(lvl), SZ_4K);
			v7s_free_table(data, v7s_pte_to_table(pte));
			return size;
		}
		if (!iommu_iotlb_gather_queued(gather))
			io_pgtable_tlb_add_page(iop, gather, iova, size);
		return size;
	}

	/* Less than a section: it must be a second-level table. */
	if (!V7S_PTE_IS_TABLE(pte, lvl))
		return 0;
	return __v7s_unmap(data, gather, iova, size, lvl + 1, v7s_pte_to_table(pte));
}

static size_t v7s_unmap_pages(struct io_pgtable_ops *ops, unsigned long iova,
			      size_t pgsize, size_t pgcount,
			      struct iommu_iotlb_gather *gather)
{
	struct v7s_pgtable *data = io_pgtable_ops_to_data(ops);
	struct io_pgtable_cfg *cfg = &data->iop.cfg;

	if (WARN_ON(iova >> cfg->ias))
		return -EINVAL; /* expect: unmap-returns-errno warning */

	if (WARN_ON(!pgcount || (pgsize & cfg->pgsize_bitmap) != pgsize))
		return 0;

	return __v7s_unmap(data, gather, iova, pgsize * pgcount, 1, data->pgd); /* expect: pgtable-gather-unfilled note */
}

/* The legacy single-size callback of older trees, kept as a wrapper. */
static size_t v7s_unmap(struct io_pgtable_ops *ops, unsigned long iova,
			size_t size, struct iommu_iotlb_gather *gather)
{
	return v7s_unmap_pages(ops, iova, size, 1, gather); /* expect: pgtable-gather-unfilled note */
}

static phys_addr_t v7s_iova_to_phys(struct io_pgtable_ops *ops, unsigned long iova)
{
	struct v7s_pgtable *data = io_pgtable_ops_to_data(ops);
	v7s_pte_t pte = READ_ONCE(data->pgd[V7S_LVL_IDX(iova, 1)]);
	int lvl = 1;

	if (V7S_PTE_IS_TABLE(pte, 1)) {
		pte = READ_ONCE(v7s_pte_to_table(pte)[V7S_LVL_IDX(iova, 2)]);
		lvl = 2;
	}
	if (!pte)
		return 0;

	return (pte & ~(V7S_BLOCK_SIZE(lvl) - 1)) | (iova & (V7S_BLOCK_SIZE(lvl) - 1));
}

static struct io_pgtable *v7s_alloc_pgtable(struct io_pgtable_cfg *cfg, void *cookie)
{
	struct v7s_pgtable *data;

	(void)cookie;
	if (cfg->ias > 32 || cfg->oas > 32)
		return NULL;
	cfg->pgsize_bitmap &= SZ_4K | SZ_1M;

	data = kzalloc(sizeof(*data), GFP_KERNEL);
	if (!data)
		return NULL;

	data->pgd = kcalloc(V7S_PTES_PER_LVL(1), sizeof(v7s_pte_t), GFP_KERNEL);
	if (!data->pgd) {
		kfree(data);
		return NULL;
	}

	data->iop.ops.map_pages = v7s_map_pages;
	data->iop.ops.unmap_pages = v7s_unmap_pages;
	data->iop.ops.unmap = v7s_unmap;
	data->iop.ops.iova_to_phys = v7s_iova_to_phys;

	cfg->arm_v7s_cfg.ttbr = (u32)(unsigned long)data->pgd;
	return &data->iop;
}

static void v7s_free_pgtable(struct io_pgtable *iop)
{
	struct v7s_pgtable *data = io_pgtable_to_data(iop);
	int i;

	for (i = 0; i < V7S_PTES_PER_LVL(1); i++)
		if (V7S_PTE_IS_TABLE(data->pgd[i], 1))
			v7s_free_table(data, v7s_pte_to_table(data->pgd[i]));
	kfree(data->pgd);
	kfree(data);
}

struct io_pgtable_init_fns io_pgtable_v7s_init_fns = {
	.alloc	= v7s_alloc_pgtable,
	.free	= v7s_free_pgtable,
};
