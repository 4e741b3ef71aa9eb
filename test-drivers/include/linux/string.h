/* SPDX-License-Identifier: GPL-2.0 */
/* gatherlint test corpus: <linux/string.h> declarations. */
#ifndef _LINUX_STRING_H
#define _LINUX_STRING_H

#include <linux/types.h>

extern void *memset(void *s, int c, size_t n);
extern void *memcpy(void *dest, const void *src, size_t n);

#endif /* _LINUX_STRING_H */
