/* SPDX-License-Identifier: GPL-2.0 */
/*
 * gatherlint test corpus: a minimal stand-in for <linux/types.h>.
 * Only freestanding compiler headers are used (no libc).
 */
#ifndef _LINUX_TYPES_H
#define _LINUX_TYPES_H

#include <stddef.h>
#include <stdbool.h>

typedef unsigned char		u8;
typedef unsigned short		u16;
typedef unsigned int		u32;
typedef unsigned long long	u64;
typedef signed char		s8;
typedef short			s16;
typedef int			s32;
typedef long long		s64;

typedef __PTRDIFF_TYPE__	ssize_t;

typedef u64			dma_addr_t;
typedef u64			phys_addr_t;
typedef unsigned int		gfp_t;

struct list_head {
	struct list_head *next, *prev;
};

#endif /* _LINUX_TYPES_H */
