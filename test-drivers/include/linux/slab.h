/* SPDX-License-Identifier: GPL-2.0 */
/* gatherlint test corpus: <linux/slab.h> declarations. */
#ifndef _LINUX_SLAB_H
#define _LINUX_SLAB_H

#include <linux/types.h>

#define GFP_KERNEL	0x0cc0U
#define GFP_ATOMIC	0x0a20U

extern void *kzalloc(size_t size, gfp_t flags);
extern void *kcalloc(size_t n, size_t size, gfp_t flags);
extern void kfree(const void *objp);

#endif /* _LINUX_SLAB_H */
