/* SPDX-License-Identifier: GPL-2.0 */
/*
 * File types declared with the luo_handler framework, for its KUnit suite.
 */
#ifndef _LUO_HANDLER_TYPES_H
#define _LUO_HANDLER_TYPES_H

#include <kunit/test.h>
#include <linux/luo_handler/handler.h>

/* Ids that make a callback fail. */
#define FW_FAIL_SAVE	0xbad1
#define FW_FAIL_FREEZE	0xbad2
#define FW_FAIL_LOAD	0xbad3

struct fw_inner {
	u16 a;
	u32 b;
};

/**
 * struct fw_obj - what every test file carries
 * @id:            Preserved, never late.
 * @counter:       A parent's late field.
 * @small:         Child scalars of each width and signedness.
 * @tiny:          See @small.
 * @regs:          Child fixed array.
 * @blob:          Child opaque bytes.
 * @name:          Child string.
 * @in:            Child nested layout.
 * @nr:            Child: elements used in @items.
 * @items:         Child variable-length array.
 * @flags:         Child, since version 2, default 7.
 * @legacy:        Child, until version 1.
 * @upgraded_from: Set by the child's upgrade(), 0 when not called.
 * @dep:           The child's parent, or the chain's previous file; no
 *                 reference is held.
 * @unfrozen:      How many times unfreeze() ran on it.
 */
struct fw_obj {
	u64 id;
	u32 counter;
	s16 small;
	s8 tiny;
	u64 regs[4];
	u8 blob[5];
	char name[12];
	struct fw_inner in;
	u32 nr;
	u64 items[8];
	u32 flags;
	u32 legacy;
	u32 upgraded_from;
	struct file *dep;
	unsigned int unfrozen;
};

/* The handlers, which LUO_HANDLER() makes static, and two layouts. */
extern struct luo_handler *const fw_parent_h, *const fw_child_h;
extern struct luo_handler *const fw_chain_h, *const fw_strict_h;
extern struct luo_handler *const fw_cyc_a_h, *const fw_cyc_b_h;
extern struct luo_handler *const fw_dup_h, *const fw_descending_h;
extern struct luo_handler *const fw_no_load_h, *const fw_varray_first_h;
extern struct luo_handler *const fw_optional_scalar_h;
extern struct luo_handler *const fw_late_count_h;
extern struct luo_handler *const fw_borrowed_scalar_h;
extern struct luo_handler *const fw_wrong_layout_h;
extern const struct luo_layout *const fw_child_layout, *const fw_chain_layout;
extern const struct luo_layout *const fw_parent_layout;
extern const struct file_operations fw_parent_fops, fw_child_fops;
extern const struct file_operations fw_chain_fops, fw_slot_fops;

/* The parent's state: an id, and a counter that changes until freeze. */
struct fw_parent_state {
	u64 id;
	u32 counter;
};

/* The child's state, as its save() fills it and its load() reads it. */
struct fw_child_state {
	u64 id;
	s16 small;
	s8 tiny;
	u64 regs[4];
	u8 blob[5];
	char name[12];
	struct fw_inner in;
	u32 nr;
	u64 *items;
	u32 flags;
	u32 legacy;
	u32 upgraded_from;
	struct file *parent;
};

/* A child with every field set, and where its wire form puts them. */
extern const struct fw_obj fw_child_init;
#define FW_CHILD_SIZE	136	/* its version 2 state, with the header */
#define FW_FIX		16	/* the fixed part starts after the header */

struct file *fw_new_file(const struct file_operations *fops,
			 const struct fw_obj *init);
struct file *fw_file(struct kunit *test, const struct file_operations *fops,
		     const struct fw_obj *init);
struct fw_obj *fw_obj(struct file *file);
struct file *fw_other_file(struct kunit *test);

#endif /* _LUO_HANDLER_TYPES_H */
