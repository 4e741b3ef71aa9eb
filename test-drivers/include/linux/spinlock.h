/* SPDX-License-Identifier: GPL-2.0 */
/*
 * gatherlint test corpus: a uniprocessor-looking stand-in for
 * <linux/spinlock.h>.  Enough for the corpus to read like driver code.
 */
#ifndef _LINUX_SPINLOCK_H
#define _LINUX_SPINLOCK_H

#include <linux/types.h>

typedef struct {
	volatile unsigned int locked;
} spinlock_t;

static inline void spin_lock_init(spinlock_t *lock)
{
	lock->locked = 0;
}

static inline void spin_lock(spinlock_t *lock)
{
	lock->locked = 1;
}

static inline void spin_unlock(spinlock_t *lock)
{
	lock->locked = 0;
}

static inline unsigned long __spin_lock_irqsave(spinlock_t *lock)
{
	lock->locked = 1;
	return 0;
}

static inline void spin_unlock_irqrestore(spinlock_t *lock, unsigned long flags)
{
	(void)flags;
	lock->locked = 0;
}

#define spin_lock_irqsave(lock, flags) \
	do { (flags) = __spin_lock_irqsave(lock); } while (0)

#endif /* _LINUX_SPINLOCK_H */
