/* SPDX-License-Identifier: GPL-2.0 */
/* gatherlint test corpus: just enough of <linux/device.h>. */
#ifndef _LINUX_DEVICE_H
#define _LINUX_DEVICE_H

#include <linux/types.h>

struct device {
	struct device *parent;
	void *driver_data;
	void *iommu_priv;
};

static inline void *dev_get_drvdata(const struct device *dev)
{
	return dev->driver_data;
}

#define dev_err(dev, fmt, ...)	do { (void)(dev); } while (0)
#define dev_warn(dev, fmt, ...)	do { (void)(dev); } while (0)
#define dev_dbg(dev, fmt, ...)	do { (void)(dev); } while (0)

#endif /* _LINUX_DEVICE_H */
