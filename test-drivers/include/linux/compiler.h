/* SPDX-License-Identifier: GPL-2.0 */
/*
 * gatherlint test corpus: a minimal stand-in for <linux/compiler.h>.
 * Written for the corpus; only the names the corpus uses.
 */
#ifndef _LINUX_COMPILER_H
#define _LINUX_COMPILER_H

#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)

#define __iomem
#define __force
#define __always_unused	__attribute__((__unused__))
#define __maybe_unused	__attribute__((__unused__))

#define READ_ONCE(x)		(*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, val)	do { *(volatile __typeof__(x) *)&(x) = (val); } while (0)

#endif /* _LINUX_COMPILER_H */
