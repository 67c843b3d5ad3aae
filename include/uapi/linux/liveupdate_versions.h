/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * Layout of the .liveupdate_versions ELF section.
 *
 * Every kernel image and every module that defines live update file
 * handlers carries a table of the handler versions it can read, so that
 * userspace can refuse a live update to a kernel that would not understand
 * the preserved state before anything is frozen.
 *
 * The section is an 8-byte header followed by entries of exactly
 * LIVEUPDATE_VERSIONS_ENTRY_SIZE bytes.  Each entry is a compatible string
 * such as "memfd-v1", NUL-padded to the full entry size.  The number of
 * entries is derived from the section size:
 *
 *	count = (size - sizeof(struct liveupdate_versions_header)) /
 *		LIVEUPDATE_VERSIONS_ENTRY_SIZE
 *
 * Header fields are in the byte order of the kernel that was built.
 * This is an ABI: fields are never reordered or resized; an incompatible
 * change bumps LIVEUPDATE_VERSIONS_FORMAT.
 */
#ifndef _UAPI_LINUX_LIVEUPDATE_VERSIONS_H
#define _UAPI_LINUX_LIVEUPDATE_VERSIONS_H

/* ELF section name, for readers of vmlinux and .ko files. */
#define LIVEUPDATE_VERSIONS_SECTION	".liveupdate_versions"

/* 'LVUP' read as a little-endian u32. */
#define LIVEUPDATE_VERSIONS_MAGIC	0x4c565550

/* Version of the section layout described here. */
#define LIVEUPDATE_VERSIONS_FORMAT	1

/* Size of one entry: a compatible string, NUL-terminated and NUL-padded. */
#define LIVEUPDATE_VERSIONS_ENTRY_SIZE	48

#ifndef __ASSEMBLY__
#include <linux/types.h>

/**
 * struct liveupdate_versions_header - first 8 bytes of .liveupdate_versions
 * @magic:   LIVEUPDATE_VERSIONS_MAGIC.
 * @version: LIVEUPDATE_VERSIONS_FORMAT.
 */
struct liveupdate_versions_header {
	__u32 magic;
	__u32 version;
};
#endif /* __ASSEMBLY__ */

#endif /* _UAPI_LINUX_LIVEUPDATE_VERSIONS_H */
