/* SPDX-License-Identifier: GPL-2.0 */
/* gatherlint test corpus: a minimal stand-in for <linux/bug.h>. */
#ifndef _LINUX_BUG_H
#define _LINUX_BUG_H

#include <linux/compiler.h>

/* The corpus only needs the value of the condition, not the splat. */
#define WARN_ON(condition)	unlikely(!!(condition))
#define WARN_ON_ONCE(condition)	WARN_ON(condition)
#define BUILD_BUG_ON(condition)	((void)sizeof(char[1 - 2 * !!(condition)]))

#endif /* _LINUX_BUG_H */
