// SPDX-License-Identifier: GPL-2.0
/*
 * A v7s-like short-descriptor format (cf. io-pgtable-arm-v7s.c): a
 * different format with different users from fmt-lpae.c.  Its ops are a
 * compound literal assigned at allocation time.  Like LPAE it leaves the
 * gather to tlb_add_page.
 */
#include <linux/io-pgtable.h>

struct v7s_pgtable {
	struct io_pgtable iop;
	unsigned int *pgd;
};

static struct v7s_pgtable corpus_v7s_data;

static size_t v7s_unmap_pages(struct io_pgtable_ops *ops, unsigned long iova,
			      size_t pgsize, size_t pgcount,
			      struct iommu_iotlb_gather *gather)
{
	struct v7s_pgtable *data = container_of(ops, struct v7s_pgtable, iop.ops);
	struct io_pgtable *iop = &data->iop;
	unsigned int *ptep = &data->pgd[(iova >> 20) & 4095];
	size_t size = pgsize * pgcount;

	if (!*ptep)
		return 0;

	*ptep = 0;
	if (!iommu_iotlb_gather_queued(gather))
		io_pgtable_tlb_add_page(iop, gather, iova, size);

	return size;	/* expect: pgtable-gather-unfilled note */
}

static struct io_pgtable *v7s_alloc(struct io_pgtable_cfg *cfg, void *cookie)
{
	corpus_v7s_data.iop.ops = (struct io_pgtable_ops) {
		.unmap_pages	= v7s_unmap_pages,
	};
	return &corpus_v7s_data.iop;
}

static void v7s_free(struct io_pgtable *iop)
{
	iop->cookie = NULL;
}

const struct io_pgtable_init_fns corpus_v7s_init_fns = {
	.alloc	= v7s_alloc,
	.free	= v7s_free,
};
