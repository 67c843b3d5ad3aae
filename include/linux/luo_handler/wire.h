/* SPDX-License-Identifier: GPL-2.0 */
/*
 * luo_handler: the wire form of a preserved state, an ABI between kernels.
 *
 * A state of version V is, in handover memory:
 *
 *	struct luo_wire_header		16 bytes
 *	fixed part			the fields of version V, in declared
 *					order, each at the next offset aligned
 *					to its element size (8 for nested
 *					layouts and dependencies), zero padded
 *	zero padding to 8 bytes
 *	tail				the elements of each variable-length
 *					array of version V, in declared order,
 *					each run zero padded to 8 bytes
 *
 * Every integer is little-endian.  A dependency is its file's u64 token.
 * The encoding is canonical: for a given state there is exactly one, and a
 * reader refuses anything else (non-zero padding, a size other than the
 * one the fields imply).
 */
#ifndef _LINUX_LUO_HANDLER_WIRE_H
#define _LINUX_LUO_HANDLER_WIRE_H

#include <linux/align.h>
#include <linux/build_bug.h>
#include <linux/types.h>
#include <linux/luo_handler/layout.h>

#define LUO_WIRE_MAGIC		0x534f554c	/* "LUOS" */

/**
 * struct luo_wire_header - what precedes a preserved state
 * @magic:    LUO_WIRE_MAGIC.
 * @version:  Version of the layout that follows; must be the version of the
 *            compatible the file was preserved under.
 * @flags:    0; a reader refuses any other value.
 * @size:     Bytes of the whole state, this header included.
 * @reserved: 0.
 */
struct luo_wire_header {
	__le32 magic;
	__le16 version;
	__le16 flags;
	__le32 size;
	__le32 reserved;
};

static_assert(sizeof(struct luo_wire_header) == 16);

/* Whether the wire's byte order, little-endian, is the CPU's. */
static inline bool luo_wire_native(void)
{
#ifdef __LITTLE_ENDIAN
	return true;
#else
	return false;
#endif
}

/*
 * Whether a decode leaves variable-length array @f where it lies on the
 * wire (LUO_BORROW): asked for, and the bytes are already the CPU's.
 */
static inline bool luo_field_borrowed(const struct luo_field *f)
{
	return f->borrow && luo_wire_native();
}

/* The alignment of field @f on the wire. */
static inline size_t luo_wire_align(const struct luo_field *f)
{
	switch (f->kind) {
	case LUO_KIND_NESTED:
	case LUO_KIND_DEP:
		return 8;
	default:
		return f->esize;
	}
}

/*
 * The most a state may take, 2 GiB: its size must fit the header's u32 and
 * be returned as a positive ssize_t on 32-bit.
 */
#define LUO_WIRE_MAX_SIZE	(S32_MAX & ~7)

#endif /* _LINUX_LUO_HANDLER_WIRE_H */
