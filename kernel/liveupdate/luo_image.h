/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The handover image: how one kernel hands preserved sessions to the next.
 *
 * The handover medium (a reserved physical region, or a buffer in memory
 * for the KUnit suites) is split in two slots.  The next kernel's outgoing
 * image goes to the slot that does not hold this kernel's incoming image,
 * so a new image never overwrites state that has not been finished.
 *
 * An image is self-describing and position-independent: every reference in
 * it is a byte offset from the start of its slot.  Layout of one image:
 *
 *	+--------------------------+ 0
 *	| struct luo_image_header  |
 *	+--------------------------+ LUO_IMAGE_HEAP_OFFSET
 *	| heap: handler state, and |
 *	| at freeze the session    |
 *	| and file tables          |
 *	+--------------------------+ header.size
 *
 * All fields are little-endian.  The checksum covers bytes [0, size) with
 * the checksum field taken as zero.  An image is trusted only once
 * luo_image_validate() accepted every field of it.
 */
#ifndef _KERNEL_LIVEUPDATE_LUO_IMAGE_H
#define _KERNEL_LIVEUPDATE_LUO_IMAGE_H

#include <linux/liveupdate.h>
#include <linux/types.h>
#include <uapi/linux/liveupdate.h>

#define LUO_IMAGE_MAGIC		0x494f554c	/* "LUOI" */
#define LUO_IMAGE_VERSION	1

/* Set when the image is complete; an image without it is not trusted. */
#define LUO_IMAGE_SEALED	BIT(0)
/* Set when a late failure aborted the update after sealing. */
#define LUO_IMAGE_INVALID	BIT(1)
#define LUO_IMAGE_FLAGS		(LUO_IMAGE_SEALED | LUO_IMAGE_INVALID)

#define LUO_IMAGE_HEAP_OFFSET	64
#define LUO_IMAGE_ALIGN		8

/**
 * struct luo_image_header - start of an image
 * @magic:       LUO_IMAGE_MAGIC.
 * @version:     LUO_IMAGE_VERSION.
 * @generation:  1 for the first live update of a boot chain, then one more
 *               than the image the writing kernel received.
 * @size:        Bytes of the image, header included; at most the slot.
 * @sessions:    Offset of @nr_sessions &struct luo_image_session.
 * @files:       Offset of @nr_files &struct luo_image_file, grouped by
 *               session in session order.
 * @nr_sessions: Number of sessions.
 * @flags:       LUO_IMAGE_SEALED, LUO_IMAGE_INVALID.
 * @nr_files:    Number of files, all sessions together.
 * @checksum:    crc32c of bytes [0, @size), this field as zero.
 * @reserved:    Zero.
 */
struct luo_image_header {
	__le32 magic;
	__le32 version;
	__le64 generation;
	__le64 size;
	__le64 sessions;
	__le64 files;
	__le32 nr_sessions;
	__le32 flags;
	__le64 nr_files;
	__le32 checksum;
	__le32 reserved;
} __packed;

/**
 * struct luo_image_session - one session
 * @name:       NUL-terminated, non-empty, unique in the image.
 * @first_file: Index of its first file in the file table.
 * @nr_files:   Number of its files.
 */
struct luo_image_session {
	u8 name[LIVEUPDATE_SESSION_NAME_LENGTH];
	__le64 first_file;
	__le64 nr_files;
} __packed;

/**
 * struct luo_image_file - one preserved file
 * @compatible: Handler and version that wrote @data, NUL-terminated.
 * @token:      Userspace's name for the file, unique in its session.
 * @data:       The handler's handle: 0, or an offset of the heap, in
 *              [LUO_IMAGE_HEAP_OFFSET, header size).
 * @flags:      None defined yet: zero.  A kernel refuses flags it does not
 *              know, so that a later format can add meaning here.
 */
struct luo_image_file {
	char compatible[LIVEUPDATE_HNDL_COMPAT_LENGTH];
	__le64 token;
	__le64 data;
	__le64 flags;
} __packed;

static_assert(sizeof(struct luo_image_header) == 64);
static_assert(sizeof(struct luo_image_header) <= LUO_IMAGE_HEAP_OFFSET);
static_assert(sizeof(struct luo_image_session) == 80);
static_assert(sizeof(struct luo_image_file) == 72);

#endif /* _KERNEL_LIVEUPDATE_LUO_IMAGE_H */
