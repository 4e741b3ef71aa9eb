/* SPDX-License-Identifier: GPL-2.0 */
/* gatherlint test corpus: a minimal stand-in for <linux/limits.h>. */
#ifndef _LINUX_LIMITS_H
#define _LINUX_LIMITS_H

#define ULONG_MAX	(~0UL)
#define LONG_MAX	((long)(ULONG_MAX >> 1))
#define UINT_MAX	(~0U)
#define SIZE_MAX	(~(size_t)0)
#define U32_MAX		((u32)~0U)
#define U64_MAX		((u64)~0ULL)

#endif /* _LINUX_LIMITS_H */
