/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * The ioctls of the kit's fixture driver: a pool device and a ring device
 * whose state refers to a pool.  Shared with the end-to-end test program.
 */
#ifndef _RING_UAPI_H
#define _RING_UAPI_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define RING_NAME_LEN		32
#define RING_MAX_ENTRIES	16

struct ringpool_config {
	__u64 id;
	__u32 slots;
	__u32 pad;
};

/*
 * @pool_fd is read by RINGDEV_SET; RINGDEV_GET fills @pool_id with the id
 * of the pool the ring refers to, and @layout with the newest layout the
 * driver reads.
 */
struct ringdev_config {
	__s32 pool_fd;
	__u32 count;
	__u32 head;
	__u32 layout;
	__u64 pool_id;
	char name[RING_NAME_LEN];
	__u64 entries[RING_MAX_ENTRIES];
};

#define RINGPOOL_SET	_IOW('r', 1, struct ringpool_config)
#define RINGPOOL_GET	_IOR('r', 2, struct ringpool_config)
#define RINGDEV_SET	_IOW('r', 3, struct ringdev_config)
#define RINGDEV_GET	_IOR('r', 4, struct ringdev_config)

#endif /* _RING_UAPI_H */
