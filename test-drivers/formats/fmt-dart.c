// SPDX-License-Identifier: GPL-2.0
/*
 * A DART-like format (cf. io-pgtable-dart.c): a loop over the entries,
 * each leaf handed to tlb_add_page.  Its unmap is stored by a runtime
 * field assignment.
 */
#include <linux/io-pgtable.h>

struct dart_pgtable {
	struct io_pgtable iop;
	unsigned long *ptes;
};

static struct dart_pgtable corpus_dart_data;

static size_t dart_unmap_pages(struct io_pgtable_ops *ops, unsigned long iova,
			       size_t pgsize, size_t pgcount,
			       struct iommu_iotlb_gather *gather)
{
	struct dart_pgtable *data = container_of(ops, struct dart_pgtable, iop.ops);
	size_t i;

	for (i = 0; i < pgcount; i++) {
		data->ptes[((iova >> 14) + i) & 2047] = 0;
		if (!iommu_iotlb_gather_queued(gather))
			io_pgtable_tlb_add_page(&data->iop, gather,
						iova + i * pgsize, pgsize);
	}

	return i * pgsize;	/* expect: pgtable-gather-unfilled note */
}

static struct io_pgtable *dart_alloc(struct io_pgtable_cfg *cfg, void *cookie)
{
	corpus_dart_data.iop.ops.unmap_pages = dart_unmap_pages;
	return &corpus_dart_data.iop;
}

static void dart_free(struct io_pgtable *iop)
{
	iop->cookie = NULL;
}

const struct io_pgtable_init_fns corpus_dart_init_fns = {
	.alloc	= dart_alloc,
	.free	= dart_free,
};
