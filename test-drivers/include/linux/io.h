/* SPDX-License-Identifier: GPL-2.0 */
/* gatherlint test corpus: MMIO accessors (<linux/io.h>). */
#ifndef _LINUX_IO_H
#define _LINUX_IO_H

#include <linux/types.h>
#include <linux/compiler.h>

static inline void writel(u32 value, volatile void __iomem *addr)
{
	*(volatile u32 __force *)addr = value;
}

static inline u32 readl(const volatile void __iomem *addr)
{
	return *(const volatile u32 __force *)addr;
}

static inline void writeq(u64 value, volatile void __iomem *addr)
{
	*(volatile u64 __force *)addr = value;
}

static inline u64 readq(const volatile void __iomem *addr)
{
	return *(const volatile u64 __force *)addr;
}

#endif /* _LINUX_IO_H */
