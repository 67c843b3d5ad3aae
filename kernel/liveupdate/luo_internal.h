/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Live Update Orchestrator core: definitions shared by its files and by its
 * KUnit suites.  Not for handlers; they use <linux/liveupdate.h>.
 */
#ifndef _KERNEL_LIVEUPDATE_LUO_INTERNAL_H
#define _KERNEL_LIVEUPDATE_LUO_INTERNAL_H

#include <linux/liveupdate.h>
#include <linux/types.h>

/*
 * Version of the handover image this core writes and reads.  Listed in
 * .liveupdate_versions and in /sys/kernel/liveupdate/versions next to the
 * handlers' versions, because a next kernel that cannot read the image
 * cannot read anything in it.
 */
#define LUO_IMAGE_COMPATIBLE	"luo-image-v1"

/* Bounds of this image's (vmlinux's or this module's) version table. */
extern const u8 __liveupdate_versions_start[];
extern const u8 __liveupdate_versions_end[];

void luo_file_handlers_exit(void);

int luo_visit_compatibles(int (*fn)(const char *, void *), void *arg);
ssize_t luo_versions_format(char **bufp);

int luo_sysfs_init(void);
void luo_sysfs_exit(void);

#if IS_ENABLED(CONFIG_KUNIT)
void luo_set_enabled(bool enabled);
#endif

#endif /* _KERNEL_LIVEUPDATE_LUO_INTERNAL_H */
