// SPDX-License-Identifier: GPL-2.0
/*
 * fmt-dart.c - a DART-like io-pgtable format (a small L1 of pointers to
 * 2048-entry L2 tables, one page size), written for the gatherlint
 * corpus.  Bound with alloc_io_pgtable_ops(APPLE_DART or APPLE_DART2, ...).
 * Mirrors the loop shape of io-pgtable-dart.c before the upstream fix
 * added "if (i && !queued) add_range": the unmap clears entries in a
 * loop, queues each through io_pgtable_tlb_add_page() unless the gather
 * is queued, and returns i * pgsize.
 *
 * Expected: pgtable-gather-unfilled (note) at "return i * pgsize;".  With
 * no driver context tlb_add_page is no fill; besides, the loop may run
 * zero times (or break before its first add_page) and "i * pgsize" is not
 * one of the folded zero forms (only "return 0" and "return ret" with ret
 * plainly 0 are), so this return is uncovered for any driver.  Its user
 * misses/onyx-dart.c misses.
 *
 * io_pgtable_ops form used here: a named static const object copied into
 * the io_pgtable.
 */
#include <linux/kernel.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/io-pgtable.h>

typedef u64 dart_pte_t;

#define DART_L1_ENTRIES		4
#define DART_PTES_PER_TABLE	2048UL
#define DART_PAGE_SHIFT		14	/* 16K pages */
#define DART_L2_SHIFT		DART_PAGE_SHIFT
#define DART_L1_SHIFT		(DART_L2_SHIFT + 11)
#define DART_PTE_VALID		BIT_ULL(0)
#define DART_PTE_NO_WRITE	BIT_ULL(7)
#define DART_PTE_NO_READ	BIT_ULL(8)
#define DART_PTE_OA_MASK	GENMASK_ULL(41, 14)

struct dart_pgtable {
	struct io_pgtable	iop;
	dart_pte_t		*l1[DART_L1_ENTRIES];
};

#define io_pgtable_to_data(x)		container_of((x), struct dart_pgtable, iop)
#define io_pgtable_ops_to_data(x)	io_pgtable_to_data(io_pgtable_ops_to_pgtable(x))

static unsigned long dart_l1_idx(unsigned long iova)
{
	return (iova >> DART_L1_SHIFT) & (DART_L1_ENTRIES - 1);
}

static unsigned long dart_l2_idx(unsigned long iova)
{
	return (iova >> DART_L2_SHIFT) & (DART_PTES_PER_TABLE - 1);
}

static dart_pte_t *dart_get_l2(struct dart_pgtable *data, unsigned long iova)
{
	return data->l1[dart_l1_idx(iova)];
}

static int dart_map_pages(struct io_pgtable_ops *ops, unsigned long iova,
			  phys_addr_t paddr, size_t pgsize, size_t pgcount,
			  int prot, gfp_t gfp, size_t *mapped)
{
	struct dart_pgtable *data = io_pgtable_ops_to_data(ops);
	dart_pte_t *ptep, attr = DART_PTE_VALID;
	size_t i, num;

	if (WARN_ON(pgsize != data->iop.cfg.pgsize_bitmap))
		return -EINVAL;

	ptep = dart_get_l2(data, iova);
	if (!ptep) {
		ptep = kcalloc(DART_PTES_PER_TABLE, sizeof(*ptep), gfp);
		if (!ptep)
			return -ENOMEM;
		data->l1[dart_l1_idx(iova)] = ptep;
	}

	if (!(prot & IOMMU_WRITE))
		attr |= DART_PTE_NO_WRITE;
	if (!(prot & IOMMU_READ))
		attr |= DART_PTE_NO_READ;

	ptep += dart_l2_idx(iova);
	num = min_t(size_t, pgcount, DART_PTES_PER_TABLE - dart_l2_idx(iova));
	for (i = 0; i < num; i++)
		WRITE_ONCE(ptep[i], ((paddr + i * pgsize) & DART_PTE_OA_MASK) | attr);

	*mapped += num * pgsize;
	return 0;
}

static size_t dart_unmap_pages(struct io_pgtable_ops *ops, unsigned long iova,
			       size_t pgsize, size_t pgcount,
			       struct iommu_iotlb_gather *gather)
{
	struct dart_pgtable *data = io_pgtable_ops_to_data(ops);
	struct io_pgtable_cfg *cfg = &data->iop.cfg;
	size_t i = 0, num_entries;
	dart_pte_t *ptep;

	if (WARN_ON(pgsize != cfg->pgsize_bitmap || !pgcount))
		return 0;

	ptep = dart_get_l2(data, iova);
	/* No L2 table: nothing was ever mapped here */
	if (WARN_ON(!ptep))
		return 0;

	ptep += dart_l2_idx(iova);
	num_entries = min_t(size_t, pgcount, DART_PTES_PER_TABLE - dart_l2_idx(iova));

	while (i < num_entries) {
		dart_pte_t pte = READ_ONCE(ptep[i]);

		if (WARN_ON(!pte))
			break;

		WRITE_ONCE(ptep[i], 0);

		if (!iommu_iotlb_gather_queued(gather))
			io_pgtable_tlb_add_page(&data->iop, gather, iova + i * pgsize, pgsize);

		i++;
	}

	return i * pgsize; /* expect: pgtable-gather-unfilled note */
}

static phys_addr_t dart_iova_to_phys(struct io_pgtable_ops *ops, unsigned long iova)
{
	struct dart_pgtable *data = io_pgtable_ops_to_data(ops);
	dart_pte_t *ptep = dart_get_l2(data, iova);

	if (!ptep)
		return 0;
	return (READ_ONCE(ptep[dart_l2_idx(iova)]) & DART_PTE_OA_MASK) |
	       (iova & (SZ_16K - 1));
}

static const struct io_pgtable_ops dart_pgtable_ops = {
	.map_pages	= dart_map_pages,
	.unmap_pages	= dart_unmap_pages,
	.iova_to_phys	= dart_iova_to_phys,
};

static struct io_pgtable *dart_alloc_pgtable(struct io_pgtable_cfg *cfg, void *cookie)
{
	struct dart_pgtable *data;
	int i;

	(void)cookie;
	if (cfg->ias > 36 || cfg->oas > 42)
		return NULL;
	cfg->pgsize_bitmap = SZ_16K;

	data = kzalloc(sizeof(*data), GFP_KERNEL);
	if (!data)
		return NULL;

	data->iop.ops = dart_pgtable_ops;

	cfg->apple_dart_cfg.n_ttbrs = DART_L1_ENTRIES;
	for (i = 0; i < DART_L1_ENTRIES; i++)
		cfg->apple_dart_cfg.ttbr[i] = 0;

	return &data->iop;
}

static void dart_free_pgtable(struct io_pgtable *iop)
{
	struct dart_pgtable *data = io_pgtable_to_data(iop);
	int i;

	for (i = 0; i < DART_L1_ENTRIES; i++)
		kfree(data->l1[i]);
	kfree(data);
}

struct io_pgtable_init_fns io_pgtable_dart_init_fns = {
	.alloc	= dart_alloc_pgtable,
	.free	= dart_free_pgtable,
};
