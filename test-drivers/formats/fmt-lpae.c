// SPDX-License-Identifier: GPL-2.0
/*
 * fmt-lpae.c - an LPAE-like io-pgtable format (4 levels of 512 entries,
 * 4K granule), written for the gatherlint corpus.  Shared code: drivers
 * bind to it with alloc_io_pgtable_ops(ARM_{32,64}_LPAE_S{1,2} or
 * ARM_MALI_LPAE, ...).  Mirrors the shape of io-pgtable-arm.c:
 *
 *  - leaf entries: io_pgtable_tlb_add_page() for each page, unless the
 *    gather is queued (lazy mode).  Whether that fills the gather is the
 *    driver's business (its iommu_flush_ops.tlb_add_page);
 *  - a whole next-level table: io_pgtable_tlb_flush_walk(), synchronous,
 *    so that path is "flushed".
 *
 * The format never fills the gather by itself: pgtable-gather-unfilled
 * (note) at the first uncovered nonzero return of the format unmap
 * stored in io_pgtable_ops, lpae_unmap_pages().  Per driver, the verdict
 * follows the driver's tlb_add_page: clean/umbra-smmu3.c fills,
 * misses/pike-smmu.c, misses/quill-ipmmu.c and misses/sable-qcom.c do not.
 *
 * io_pgtable_ops form used here: compound literal assignment
 * (data->iop.ops = (struct io_pgtable_ops) { ... }).
 */
#include <linux/kernel.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/io-pgtable.h>

typedef u64 lpae_pte_t;

#define LPAE_GRANULE		SZ_4K
#define LPAE_BITS_PER_LEVEL	9
#define LPAE_PTES_PER_TABLE	(1UL << LPAE_BITS_PER_LEVEL)
#define LPAE_MAX_LEVELS		4
#define LPAE_LVL_SHIFT(lvl)	(12 + (LPAE_MAX_LEVELS - 1 - (lvl)) * LPAE_BITS_PER_LEVEL)
#define LPAE_BLOCK_SIZE(lvl)	(1UL << LPAE_LVL_SHIFT(lvl))
#define LPAE_LVL_IDX(iova, lvl)	(((iova) >> LPAE_LVL_SHIFT(lvl)) & (LPAE_PTES_PER_TABLE - 1))

#define LPAE_PTE_VALID		BIT_ULL(0)
#define LPAE_PTE_NEXT		BIT_ULL(1)	/* table (lvl < 3) or page (lvl 3) */
#define LPAE_PTE_AF		BIT_ULL(10)
#define LPAE_PTE_RDONLY		BIT_ULL(7)
#define LPAE_PTE_XN		BIT_ULL(54)
#define LPAE_PTE_ADDR_MASK	GENMASK_ULL(47, 12)

struct lpae_pgtable {
	struct io_pgtable	iop;
	int			start_level;
	bool			stage2;
	lpae_pte_t		*pgd;
};

#define io_pgtable_to_data(x)		container_of((x), struct lpae_pgtable, iop)
#define io_pgtable_ops_to_data(x)	io_pgtable_to_data(io_pgtable_ops_to_pgtable(x))

static bool lpae_pte_is_table(lpae_pte_t pte, int lvl)
{
	return lvl < LPAE_MAX_LEVELS - 1 && (pte & LPAE_PTE_NEXT);
}

static lpae_pte_t *lpae_pte_to_table(lpae_pte_t pte)
{
	return (lpae_pte_t *)(unsigned long)(pte & LPAE_PTE_ADDR_MASK);
}

static lpae_pte_t lpae_table_to_pte(lpae_pte_t *table)
{
	return ((unsigned long)table & LPAE_PTE_ADDR_MASK) | LPAE_PTE_NEXT | LPAE_PTE_VALID;
}

static void lpae_sync_ptes(struct lpae_pgtable *data, lpae_pte_t *ptep, size_t num)
{
	/* A non-coherent walker would need a cache clean here. */
	if (!data->iop.cfg.coherent_walk)
		(void)READ_ONCE(ptep[num - 1]);
}

static void lpae_clear_ptes(struct lpae_pgtable *data, lpae_pte_t *ptep, size_t num)
{
	size_t i;

	for (i = 0; i < num; i++)
		WRITE_ONCE(ptep[i], 0);
	lpae_sync_ptes(data, ptep, num);
}

static void __lpae_free_table(struct lpae_pgtable *data, int lvl, lpae_pte_t *table)
{
	size_t i;

	if (lvl < LPAE_MAX_LEVELS - 1) {
		for (i = 0; i < LPAE_PTES_PER_TABLE; i++)
			if (lpae_pte_is_table(table[i], lvl))
				__lpae_free_table(data, lvl + 1, lpae_pte_to_table(table[i]));
	}
	kfree(table);
}

static lpae_pte_t lpae_prot_to_pte(struct lpae_pgtable *data, int prot)
{
	lpae_pte_t pte = LPAE_PTE_AF | LPAE_PTE_VALID;

	if (!(prot & IOMMU_WRITE) && !data->stage2)
		pte |= LPAE_PTE_RDONLY;
	if (prot & IOMMU_NOEXEC)
		pte |= LPAE_PTE_XN;
	return pte;
}

static int __lpae_map(struct lpae_pgtable *data, unsigned long iova,
		      phys_addr_t paddr, size_t pgsize, size_t pgcount,
		      lpae_pte_t prot, int lvl, lpae_pte_t *ptep, size_t *mapped)
{
	size_t blk = LPAE_BLOCK_SIZE(lvl);
	lpae_pte_t *table;
	size_t i, num;

	if (WARN_ON(lvl == LPAE_MAX_LEVELS))
		return -EINVAL;

	ptep += LPAE_LVL_IDX(iova, lvl);
	if (blk == pgsize) {
		num = min_t(size_t, pgcount, LPAE_PTES_PER_TABLE - LPAE_LVL_IDX(iova, lvl));
		for (i = 0; i < num; i++) {
			if (ptep[i])
				return -EEXIST;
			ptep[i] = (paddr + i * blk) | prot |
				  (lvl == LPAE_MAX_LEVELS - 1 ? LPAE_PTE_NEXT : 0);
		}
		lpae_sync_ptes(data, ptep, num);
		*mapped += num * blk;
		return 0;
	}

	if (!*ptep) {
		table = kcalloc(LPAE_PTES_PER_TABLE, sizeof(*table), GFP_ATOMIC);
		if (!table)
			return -ENOMEM;
		WRITE_ONCE(*ptep, lpae_table_to_pte(table));
	} else if (!lpae_pte_is_table(*ptep, lvl)) {
		return -EEXIST;
	}

	return __lpae_map(data, iova, paddr, pgsize, pgcount, prot, lvl + 1,
			  lpae_pte_to_table(*ptep), mapped);
}

static int lpae_map_pages(struct io_pgtable_ops *ops, unsigned long iova,
			  phys_addr_t paddr, size_t pgsize, size_t pgcount,
			  int iommu_prot, gfp_t gfp, size_t *mapped)
{
	struct lpae_pgtable *data = io_pgtable_ops_to_data(ops);

	(void)gfp;
	if (WARN_ON(!pgsize || (pgsize & data->iop.cfg.pgsize_bitmap) != pgsize))
		return -EINVAL;
	if (!(iommu_prot & (IOMMU_READ | IOMMU_WRITE)))
		return 0;

	return __lpae_map(data, iova, paddr, pgsize, pgcount,
			  lpae_prot_to_pte(data, iommu_prot),
			  data->start_level, data->pgd, mapped);
}

/*
 * The recursive worker.  Its nonzero returns: the descent (a call to
 * itself), the table path (flushed by io_pgtable_tlb_flush_walk) and the
 * leaf path (io_pgtable_tlb_add_page, or queued).  The leaf loop is a
 * do/while: it always queues at least the first page.
 */
static size_t __lpae_unmap(struct lpae_pgtable *data,
			   struct iommu_iotlb_gather *gather,
			   unsigned long iova, size_t pgsize, size_t pgcount,
			   int lvl, lpae_pte_t *ptep)
{
	struct io_pgtable *iop = &data->iop;
	size_t blk = LPAE_BLOCK_SIZE(lvl);
	size_t i, num;
	lpae_pte_t pte;

	/* Something went horribly wrong and we ran out of page table */
	if (WARN_ON(lvl == LPAE_MAX_LEVELS))
		return 0;

	ptep += LPAE_LVL_IDX(iova, lvl);
	pte = READ_ONCE(*ptep);
	if (WARN_ON(!pte))
		return 0;

	if (blk != pgsize) {
		/* Not at the unmap size yet: walk down (no block splitting). */
		if (WARN_ON(!lpae_pte_is_table(pte, lvl)))
			return 0;
		return __lpae_unmap(data, gather, iova, pgsize, pgcount, lvl + 1, lpae_pte_to_table(pte));
	}

	if (lpae_pte_is_table(pte, lvl)) {
		/* A whole next-level table goes: flush partial walks now. */
		lpae_clear_ptes(data, ptep, 1);
		io_pgtable_tlb_flush_walk(iop, iova, blk, LPAE_GRANULE);
		__lpae_free_table(data, lvl + 1, lpae_pte_to_table(pte));
		return blk;
	}

	num = min_t(size_t, pgcount, LPAE_PTES_PER_TABLE - LPAE_LVL_IDX(iova, lvl));
	lpae_clear_ptes(data, ptep, num);

	/* Leaves: the driver batches them through tlb_add_page, unless lazy. */
	if (!iommu_iotlb_gather_queued(gather)) {
		i = 0;
		do {
			io_pgtable_tlb_add_page(iop, gather, iova + i * blk, blk);
		} while (++i < num);
	}

	return num * blk;
}

static size_t lpae_unmap_pages(struct io_pgtable_ops *ops, unsigned long iova,
			       size_t pgsize, size_t pgcount,
			       struct iommu_iotlb_gather *gather)
{
	struct lpae_pgtable *data = io_pgtable_ops_to_data(ops);
	struct io_pgtable_cfg *cfg = &data->iop.cfg;

	if (WARN_ON(!pgsize || (pgsize & cfg->pgsize_bitmap) != pgsize || !pgcount))
		return 0;

	if (WARN_ON(cfg->ias < 64 && (iova >> cfg->ias)))
		return 0;

	return __lpae_unmap(data, gather, iova, pgsize, pgcount, data->start_level, data->pgd); /* expect: pgtable-gather-unfilled note */
}

static phys_addr_t lpae_iova_to_phys(struct io_pgtable_ops *ops, unsigned long iova)
{
	struct lpae_pgtable *data = io_pgtable_ops_to_data(ops);
	lpae_pte_t *ptep = data->pgd;
	lpae_pte_t pte = 0;
	int lvl;

	for (lvl = data->start_level; lvl < LPAE_MAX_LEVELS; lvl++) {
		pte = READ_ONCE(ptep[LPAE_LVL_IDX(iova, lvl)]);
		if (!pte)
			return 0;
		if (!lpae_pte_is_table(pte, lvl))
			break;
		ptep = lpae_pte_to_table(pte);
	}
	if (lvl == LPAE_MAX_LEVELS)
		return 0;

	return (pte & LPAE_PTE_ADDR_MASK & ~(LPAE_BLOCK_SIZE(lvl) - 1)) |
	       (iova & (LPAE_BLOCK_SIZE(lvl) - 1));
}

static struct io_pgtable *lpae_alloc_common(struct io_pgtable_cfg *cfg, bool stage2)
{
	struct lpae_pgtable *data;

	if (cfg->ias > 48 || cfg->oas > 48)
		return NULL;
	cfg->pgsize_bitmap &= SZ_4K | SZ_2M | SZ_1G;

	data = kzalloc(sizeof(*data), GFP_KERNEL);
	if (!data)
		return NULL;

	data->stage2 = stage2;
	data->start_level = LPAE_MAX_LEVELS - DIV_ROUND_UP(cfg->ias - 12, LPAE_BITS_PER_LEVEL);
	data->pgd = kcalloc(LPAE_PTES_PER_TABLE, sizeof(lpae_pte_t), GFP_KERNEL);
	if (!data->pgd) {
		kfree(data);
		return NULL;
	}

	data->iop.ops = (struct io_pgtable_ops) {
		.map_pages	= lpae_map_pages,
		.unmap_pages	= lpae_unmap_pages,
		.iova_to_phys	= lpae_iova_to_phys,
	};

	return &data->iop;
}

static struct io_pgtable *lpae_alloc_s1(struct io_pgtable_cfg *cfg, void *cookie)
{
	struct io_pgtable *iop = lpae_alloc_common(cfg, false);

	(void)cookie;
	if (iop)
		cfg->arm_lpae_s1_cfg.ttbr = (unsigned long)io_pgtable_to_data(iop)->pgd;
	return iop;
}

static struct io_pgtable *lpae_alloc_s2(struct io_pgtable_cfg *cfg, void *cookie)
{
	struct io_pgtable *iop = lpae_alloc_common(cfg, true);

	(void)cookie;
	if (iop)
		cfg->arm_lpae_s2_cfg.vttbr = (unsigned long)io_pgtable_to_data(iop)->pgd;
	return iop;
}

static struct io_pgtable *lpae_alloc_mali(struct io_pgtable_cfg *cfg, void *cookie)
{
	/* Mali uses the stage-1 layout with its own attribute encoding. */
	cfg->quirks &= ~IO_PGTABLE_QUIRK_ARM_TTBR1;
	return lpae_alloc_s1(cfg, cookie);
}

static void lpae_free_pgtable(struct io_pgtable *iop)
{
	struct lpae_pgtable *data = io_pgtable_to_data(iop);

	__lpae_free_table(data, data->start_level, data->pgd);
	kfree(data);
}

struct io_pgtable_init_fns io_pgtable_lpae_s1_init_fns = {
	.alloc	= lpae_alloc_s1,
	.free	= lpae_free_pgtable,
};

struct io_pgtable_init_fns io_pgtable_lpae_s2_init_fns = {
	.alloc	= lpae_alloc_s2,
	.free	= lpae_free_pgtable,
};

struct io_pgtable_init_fns io_pgtable_lpae_mali_init_fns = {
	.alloc	= lpae_alloc_mali,
	.free	= lpae_free_pgtable,
};
