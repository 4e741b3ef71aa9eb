/* SPDX-License-Identifier: GPL-2.0 */
/*
 * gatherlint test corpus: error numbers as the kernel spells them.
 * Positive values; kernel code returns them negated.
 */
#ifndef _LINUX_ERRNO_H
#define _LINUX_ERRNO_H

#define EPERM		 1
#define ENOENT		 2
#define EIO		 5
#define ENXIO		 6
#define E2BIG		 7
#define EAGAIN		11
#define ENOMEM		12
#define EFAULT		14
#define EBUSY		16
#define EEXIST		17
#define ENODEV		19
#define EINVAL		22
#define ENOSPC		28
#define ERANGE		34
#define EOPNOTSUPP	95
#define ETIMEDOUT	110

#endif /* _LINUX_ERRNO_H */
