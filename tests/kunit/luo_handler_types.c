// SPDX-License-Identifier: GPL-2.0
/*
 * File types declared with the luo_handler framework, for its KUnit suite:
 * a parent with a late field; a child with a field of every kind, two
 * versions and a dependency on the parent; a chain whose files may depend on
 * one another; and declarations that registration must refuse.
 */
#include <linux/anon_inodes.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/slab.h>

#include "luo_handler_types.h"

static int fw_release(struct inode *inode, struct file *file)
{
	kfree(file->private_data);
	return 0;
}

const struct file_operations fw_parent_fops = {
	.owner = THIS_MODULE,
	.release = fw_release,
};

const struct file_operations fw_child_fops = {
	.owner = THIS_MODULE,
	.release = fw_release,
};

const struct file_operations fw_chain_fops = {
	.owner = THIS_MODULE,
	.release = fw_release,
};

const struct file_operations fw_slot_fops = {
	.owner = THIS_MODULE,
	.release = fw_release,
};

/* Files of no type the framework handles here. */
static const struct file_operations fw_other_fops = {
	.owner = THIS_MODULE,
	.release = fw_release,
};

const struct fw_obj fw_child_init = {
	.id = 0x1122334455667788, .small = -2, .tiny = -3,
	.regs = { 1, 2, 3, U64_MAX }, .blob = { 0xb0, 0xb1, 0, 0xb3, 0xff },
	.name = "child", .in = { .a = 0xaaaa, .b = 0xbbbbbbbb },
	.nr = 3, .items = { 10, 20, 30 }, .flags = 0x5, .legacy = 0x1e,
};

struct fw_obj *fw_obj(struct file *file)
{
	return file->private_data;
}

struct file *fw_new_file(const struct file_operations *fops,
			 const struct fw_obj *init)
{
	struct fw_obj *obj = kmemdup(init, sizeof(*init), GFP_KERNEL);
	struct file *file;

	if (!obj)
		return ERR_PTR(-ENOMEM);
	file = anon_inode_getfile("luo_fw", fops, obj, O_RDWR);
	if (IS_ERR(file))
		kfree(obj);
	return file;
}

static void fw_fput(void *file)
{
	fput(file);
}

/**
 * fw_file() - a test file, put when the test ends
 * @test: The test.
 * @fops: Its type: fw_parent_fops, fw_child_fops or fw_chain_fops.
 * @init: What it carries.
 *
 * Return: The file.
 */
struct file *fw_file(struct kunit *test, const struct file_operations *fops,
		     const struct fw_obj *init)
{
	struct file *file = fw_new_file(fops, init);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, file);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, fw_fput, file));
	return file;
}

LUO_SER(fw_parent_ser, struct fw_parent_state,
	LUO_FIELD(id, fw_parent_ser),
	LUO_FIELD(counter, fw_parent_ser, LUO_LATE));

static bool fw_parent_can_preserve(struct file *file)
{
	return file->f_op == &fw_parent_fops;
}

static int fw_parent_save(struct file *file, struct fw_parent_state *s)
{
	s->id = fw_obj(file)->id;
	s->counter = fw_obj(file)->counter;
	return 0;
}

static struct file *fw_parent_load(struct fw_parent_state *s)
{
	struct fw_obj obj = { .id = s->id, .counter = s->counter };

	return fw_new_file(&fw_parent_fops, &obj);
}

static int fw_parent_freeze(struct file *file)
{
	return fw_obj(file)->id == FW_FAIL_FREEZE ? -EIO : 0;
}

static void fw_parent_unfreeze(struct file *file)
{
	fw_obj(file)->unfrozen++;
}

LUO_HANDLER(fw_parent, "fw-parent", fw_parent_ser, LUO_VERSIONS(1),
	    .can_preserve = fw_parent_can_preserve,
	    .save = fw_parent_save,
	    .load = fw_parent_load,
	    .freeze = fw_parent_freeze,
	    .unfreeze = fw_parent_unfreeze);

/* The child: every kind of field, two versions, a parent. */
LUO_SER(fw_inner_ser, struct fw_inner,
	LUO_FIELD(a, fw_inner_ser),
	LUO_FIELD(b, fw_inner_ser, LUO_DEFAULT(0xb)));

LUO_SER(fw_child_ser, struct fw_child_state,
	LUO_FIELD(id, fw_child_ser),
	LUO_FIELD(small, fw_child_ser),
	LUO_FIELD(tiny, fw_child_ser),
	LUO_FIELD_ARRAY(regs, fw_child_ser),
	LUO_FIELD_BYTES(blob, fw_child_ser),
	LUO_FIELD_STRING(name, fw_child_ser),
	LUO_FIELD_NESTED(in, fw_child_ser, fw_inner_ser),
	LUO_FIELD(nr, fw_child_ser),
	LUO_FIELD_VARRAY(items, fw_child_ser, nr, 8),
	LUO_FIELD(flags, fw_child_ser, LUO_SINCE(2), LUO_DEFAULT(7)),
	LUO_FIELD(legacy, fw_child_ser, LUO_UNTIL(1)),
	LUO_FIELD_DEP(parent, fw_child_ser, fw_parent));

static bool fw_child_can_preserve(struct file *file)
{
	return file->f_op == &fw_child_fops;
}

static int fw_child_save(struct file *file, struct fw_child_state *s)
{
	struct fw_obj *o = fw_obj(file);

	if (o->id == FW_FAIL_SAVE)
		return -EIO;
	s->id = o->id;
	s->small = o->small;
	s->tiny = o->tiny;
	memcpy(s->regs, o->regs, sizeof(s->regs));
	memcpy(s->blob, o->blob, sizeof(s->blob));
	memcpy(s->name, o->name, sizeof(s->name));
	s->in = o->in;
	s->nr = o->nr;
	s->items = o->items;
	s->flags = o->flags;
	s->legacy = o->legacy;
	s->parent = o->dep;
	return 0;
}

static struct file *fw_child_load(struct fw_child_state *s)
{
	struct fw_obj o = {
		.id = s->id, .small = s->small, .tiny = s->tiny,
		.in = s->in, .nr = s->nr, .flags = s->flags,
		.legacy = s->legacy, .upgraded_from = s->upgraded_from,
		.dep = s->parent,
	};

	if (s->id == FW_FAIL_LOAD)
		return ERR_PTR(-EIO);
	memcpy(o.regs, s->regs, sizeof(o.regs));
	memcpy(o.blob, s->blob, sizeof(o.blob));
	memcpy(o.name, s->name, sizeof(o.name));
	memcpy(o.items, s->items, s->nr * sizeof(*s->items));
	return fw_new_file(&fw_child_fops, &o);
}

static int fw_child_upgrade(struct fw_child_state *s, unsigned int from)
{
	s->upgraded_from = from;
	return 0;
}

LUO_HANDLER(fw_child, "fw-child", fw_child_ser, LUO_VERSIONS(2, 1),
	    .can_preserve = fw_child_can_preserve,
	    .save = fw_child_save,
	    .load = fw_child_load,
	    .upgrade = fw_child_upgrade);

/* The chain: a value and, optionally, the previous file of the chain. */
struct fw_chain_state {
	u64 value;
	struct file *prev;
};

LUO_HANDLER_DECLARE(fw_chain);
LUO_SER(fw_chain_ser, struct fw_chain_state,
	LUO_FIELD(value, fw_chain_ser),
	LUO_FIELD_DEP(prev, fw_chain_ser, fw_chain, LUO_OPTIONAL));

static bool fw_chain_can_preserve(struct file *file)
{
	return file->f_op == &fw_chain_fops;
}

static int fw_chain_save(struct file *file, struct fw_chain_state *s)
{
	s->value = fw_obj(file)->id;
	s->prev = fw_obj(file)->dep;
	return 0;
}

static struct file *fw_chain_load(struct fw_chain_state *s)
{
	struct fw_obj obj = { .id = s->value, .dep = s->prev };

	return fw_new_file(&fw_chain_fops, &obj);
}

LUO_HANDLER(fw_chain, "fw-chain", fw_chain_ser, LUO_VERSIONS(1),
	    .can_preserve = fw_chain_can_preserve,
	    .save = fw_chain_save,
	    .load = fw_chain_load);

/* Declarations for registration to check; their files are never made. */
static bool fw_never(struct file *file)
{
	return false;
}

static int fw_chain_save_any(struct file *file, struct fw_chain_state *s)
{
	return 0;
}

static struct file *fw_chain_load_none(struct fw_chain_state *s)
{
	return ERR_PTR(-EINVAL);
}

/* Writes version 2 only, though it reads 1. */
LUO_HANDLER(fw_strict, "fw-strict", fw_chain_ser, LUO_VERSIONS(2, 1),
	    .can_preserve = fw_chain_can_preserve,
	    .save = fw_chain_save,
	    .load = fw_chain_load,
	    .oldest_write = 2);

struct fw_cyc_state {
	struct file *other;
};

static int fw_cyc_save(struct file *file, struct fw_cyc_state *s)
{
	return 0;
}

static struct file *fw_cyc_load(struct fw_cyc_state *s)
{
	return ERR_PTR(-EINVAL);
}

LUO_HANDLER_DECLARE(fw_cyc_b);
LUO_SER(fw_cyc_a_ser, struct fw_cyc_state, LUO_FIELD_DEP(other, fw_cyc_a_ser, fw_cyc_b));
LUO_HANDLER(fw_cyc_a, "fw-cyc-a", fw_cyc_a_ser, LUO_VERSIONS(1),
	    .can_preserve = fw_never, .save = fw_cyc_save,
	    .load = fw_cyc_load);
LUO_SER(fw_cyc_b_ser, struct fw_cyc_state, LUO_FIELD_DEP(other, fw_cyc_b_ser, fw_cyc_a));
LUO_HANDLER(fw_cyc_b, "fw-cyc-b", fw_cyc_b_ser, LUO_VERSIONS(1),
	    .can_preserve = fw_never, .save = fw_cyc_save,
	    .load = fw_cyc_load);

LUO_HANDLER(fw_dup, "fw-dup", fw_chain_ser, LUO_VERSIONS(2, 1),
	    .can_preserve = fw_never, .save = fw_chain_save_any,
	    .load = fw_chain_load_none);

LUO_HANDLER(fw_descending, "fw-desc", fw_chain_ser, LUO_VERSIONS(1, 2),
	    .can_preserve = fw_never, .save = fw_chain_save_any,
	    .load = fw_chain_load_none);

LUO_HANDLER(fw_no_load, "fw-no-load", fw_chain_ser, LUO_VERSIONS(1),
	    .can_preserve = fw_never, .save = fw_chain_save_any);

struct fw_varray_state {
	u64 *items;
	u32 nr;
};

LUO_SER(fw_varray_first_ser, struct fw_varray_state,
	LUO_FIELD_VARRAY(items, fw_varray_first_ser, nr, 4),
	LUO_FIELD(nr, fw_varray_first_ser));

static int fw_varray_save(struct file *file, struct fw_varray_state *s)
{
	return 0;
}

static struct file *fw_varray_load(struct fw_varray_state *s)
{
	return ERR_PTR(-EINVAL);
}

LUO_HANDLER(fw_varray_first, "fw-varray", fw_varray_first_ser,
	    LUO_VERSIONS(1),
	    .can_preserve = fw_never, .save = fw_varray_save,
	    .load = fw_varray_load);

LUO_SER(fw_optional_scalar_ser, struct fw_chain_state,
	LUO_FIELD(value, fw_optional_scalar_ser, LUO_OPTIONAL));
LUO_HANDLER(fw_optional_scalar, "fw-opt", fw_optional_scalar_ser,
	    LUO_VERSIONS(1),
	    .can_preserve = fw_never, .save = fw_chain_save_any,
	    .load = fw_chain_load_none);

/* A field naming another layout, of the same struct: it compiles. */
LUO_SER(fw_wrong_layout_ser, struct fw_chain_state,
	LUO_FIELD(value, fw_chain_ser));
LUO_HANDLER(fw_wrong_layout, "fw-wrong-layout", fw_wrong_layout_ser,
	    LUO_VERSIONS(1),
	    .can_preserve = fw_never, .save = fw_chain_save_any,
	    .load = fw_chain_load_none);

/* Only a variable-length array can be read in place. */
LUO_SER(fw_borrowed_scalar_ser, struct fw_chain_state,
	LUO_FIELD(value, fw_borrowed_scalar_ser, LUO_BORROW));
LUO_HANDLER(fw_borrowed_scalar, "fw-borrow", fw_borrowed_scalar_ser,
	    LUO_VERSIONS(1),
	    .can_preserve = fw_never, .save = fw_chain_save_any,
	    .load = fw_chain_load_none);

/* A late length: freeze would rewrite it, not the array it counts. */
struct fw_late_count_state {
	u32 nr;
	u64 *items;
};

LUO_SER(fw_late_count_ser, struct fw_late_count_state,
	LUO_FIELD(nr, fw_late_count_ser, LUO_LATE),
	LUO_FIELD_VARRAY(items, fw_late_count_ser, nr, 4));

static int fw_late_count_save(struct file *file,
			      struct fw_late_count_state *s)
{
	return 0;
}

static struct file *fw_late_count_load(struct fw_late_count_state *s)
{
	return ERR_PTR(-EINVAL);
}

LUO_HANDLER(fw_late_count, "fw-late-count", fw_late_count_ser,
	    LUO_VERSIONS(1),
	    .can_preserve = fw_never, .save = fw_late_count_save,
	    .load = fw_late_count_load);

struct luo_handler *const fw_late_count_h = &fw_late_count;
struct luo_handler *const fw_borrowed_scalar_h = &fw_borrowed_scalar;
struct luo_handler *const fw_wrong_layout_h = &fw_wrong_layout;
struct luo_handler *const fw_parent_h = &fw_parent;
const struct luo_layout *const fw_parent_layout = &fw_parent_ser;
struct luo_handler *const fw_child_h = &fw_child;
struct luo_handler *const fw_chain_h = &fw_chain;
struct luo_handler *const fw_strict_h = &fw_strict;
struct luo_handler *const fw_cyc_a_h = &fw_cyc_a;
struct luo_handler *const fw_cyc_b_h = &fw_cyc_b;
struct luo_handler *const fw_dup_h = &fw_dup;
struct luo_handler *const fw_descending_h = &fw_descending;
struct luo_handler *const fw_no_load_h = &fw_no_load;
struct luo_handler *const fw_varray_first_h = &fw_varray_first;
struct luo_handler *const fw_optional_scalar_h = &fw_optional_scalar;
const struct luo_layout *const fw_child_layout = &fw_child_ser;
const struct luo_layout *const fw_chain_layout = &fw_chain_ser;

/* A file the framework handlers here all refuse. */
struct file *fw_other_file(struct kunit *test)
{
	struct fw_obj obj = {};

	return fw_file(test, &fw_other_fops, &obj);
}
