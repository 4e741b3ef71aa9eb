// SPDX-License-Identifier: GPL-2.0
/*
 * The format table of the corpus, in the shape of io-pgtable.c: it maps
 * format ids to the init_fns of each format file and allocates ops.
 */
/* gatherlint: clean */
#include <linux/io-pgtable.h>

extern const struct io_pgtable_init_fns corpus_lpae_s1_init_fns;
extern const struct io_pgtable_init_fns corpus_lpae_s2_init_fns;
extern const struct io_pgtable_init_fns corpus_v7s_init_fns;
extern const struct io_pgtable_init_fns corpus_dart_init_fns;

static const struct io_pgtable_init_fns *
corpus_pgtable_table[IO_PGTABLE_NUM_FMTS] = {
	[ARM_32_LPAE_S1] = &corpus_lpae_s1_init_fns,
	[ARM_64_LPAE_S1] = &corpus_lpae_s1_init_fns,
	[ARM_64_LPAE_S2] = &corpus_lpae_s2_init_fns,
	[ARM_V7S] = &corpus_v7s_init_fns,
	[APPLE_DART] = &corpus_dart_init_fns,
};

struct io_pgtable_ops *alloc_io_pgtable_ops(enum io_pgtable_fmt fmt,
					    struct io_pgtable_cfg *cfg,
					    void *cookie)
{
	const struct io_pgtable_init_fns *fns;
	struct io_pgtable *iop;

	if (fmt >= IO_PGTABLE_NUM_FMTS)
		return NULL;
	fns = corpus_pgtable_table[fmt];
	if (!fns)
		return NULL;
	iop = fns->alloc(cfg, cookie);
	if (!iop)
		return NULL;
	iop->fmt = fmt;
	iop->cookie = cookie;
	iop->cfg = *cfg;
	return &iop->ops;
}
