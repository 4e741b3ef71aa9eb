// SPDX-License-Identifier: GPL-2.0
/*
 * An LPAE-like format (cf. io-pgtable-arm.c).  Leaf entries are handed to
 * the driver's tlb_add_page unless the gather is queued; tables are
 * flushed synchronously with io_pgtable_tlb_flush_walk().  It never fills
 * the gather itself: drivers whose tlb_add_page fills (SMMUv3 style) are
 * fine, the others miss.
 */
#include <linux/io-pgtable.h>
#include <linux/errno.h>

struct lpae_pgtable {
	struct io_pgtable iop;
	unsigned long *pgd;
	unsigned int levels;
};

static struct lpae_pgtable corpus_lpae_data;

static bool lpae_is_table(unsigned long pte, unsigned int lvl)
{
	return lvl < 2 && (pte & 2);
}

static size_t lpae_unmap_one(struct lpae_pgtable *data,
			     struct iommu_iotlb_gather *gather,
			     unsigned long iova, size_t size,
			     unsigned int lvl)
{
	struct io_pgtable *iop = &data->iop;
	unsigned long *ptep = &data->pgd[(iova >> 12) & 511];
	unsigned long pte = *ptep;

	if (!pte)
		return 0;

	*ptep = 0;
	if (lpae_is_table(pte, lvl)) {
		/* the whole table goes: flush the walk caches now */
		io_pgtable_tlb_flush_walk(iop, iova, size, 4096);
		return size;
	}

	if (iommu_iotlb_gather_queued(gather))
		return size;

	io_pgtable_tlb_add_page(iop, gather, iova, size);
	return size;
}

static size_t lpae_unmap_pages(struct io_pgtable_ops *ops, unsigned long iova,
			       size_t pgsize, size_t pgcount,
			       struct iommu_iotlb_gather *gather)
{
	struct lpae_pgtable *data = container_of(ops, struct lpae_pgtable, iop.ops);

	if (!pgcount)
		return 0;
	if (pgsize & (pgsize - 1))
		return -EINVAL;	/* expect: unmap-returns-errno warning */

	return lpae_unmap_one(data, gather, iova, pgsize * pgcount, 0);	/* expect: pgtable-gather-unfilled note */
}

static const struct io_pgtable_ops lpae_ops = {
	.unmap_pages	= lpae_unmap_pages,
};

static struct io_pgtable *lpae_alloc(struct io_pgtable_cfg *cfg, void *cookie)
{
	corpus_lpae_data.iop.ops = lpae_ops;
	corpus_lpae_data.levels = cfg->ias > 32 ? 3 : 2;
	return &corpus_lpae_data.iop;
}

static void lpae_free(struct io_pgtable *iop)
{
	iop->cookie = NULL;
}

const struct io_pgtable_init_fns corpus_lpae_s1_init_fns = {
	.alloc	= lpae_alloc,
	.free	= lpae_free,
};

const struct io_pgtable_init_fns corpus_lpae_s2_init_fns = {
	.alloc	= lpae_alloc,
	.free	= lpae_free,
};
