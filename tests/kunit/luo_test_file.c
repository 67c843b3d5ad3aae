// SPDX-License-Identifier: GPL-2.0
/*
 * A file type preserved without the framework, to test the core on its own.
 *
 * Its state in preserved memory is a struct luo_test_state; a file it
 * depends on is recorded by token, with liveupdate_get_token_outgoing(),
 * and found again with liveupdate_get_file_incoming().
 */
#include <linux/anon_inodes.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#include "luo_internal.h"
#include "luo_test_file.h"
#include "luo_test_util.h"

/* Preserved memory layout of a test file. */
struct luo_test_state {
	__le64 value;
	__le64 dep_token;
	__le32 has_dep;
	__le32 frozen;
};

struct luo_test_log luo_test_log;

void luo_test_log_reset(void)
{
	luo_test_log.len = 0;
	luo_test_log.calls[0] = '\0';
}

static void luo_test_record(const char *fmt, ...)
{
	struct luo_test_log *l = &luo_test_log;
	va_list ap;

	va_start(ap, fmt);
	l->len += vscnprintf(l->calls + l->len, sizeof(l->calls) - l->len,
			     fmt, ap);
	va_end(ap);
}

static int luo_test_release(struct inode *inode, struct file *file)
{
	kfree(file->private_data);
	return 0;
}

static const struct file_operations luo_test_fops = {
	.owner = THIS_MODULE,
	.release = luo_test_release,
};

bool luo_test_is_file(struct file *file)
{
	return file->f_op == &luo_test_fops;
}

struct luo_test_obj *luo_test_obj(struct file *file)
{
	return file->private_data;
}

static struct file *luo_test_new_file(u64 value, struct file *dep)
{
	struct luo_test_obj *obj;
	struct file *file;

	obj = kzalloc(sizeof(*obj), GFP_KERNEL);
	if (!obj)
		return ERR_PTR(-ENOMEM);
	obj->value = value;
	obj->dep = dep;
	file = anon_inode_getfile("luo_test", &luo_test_fops, obj, O_RDWR);
	if (IS_ERR(file))
		kfree(obj);
	return file;
}

static void luo_test_fput(void *file)
{
	fput(file);
}

/**
 * luo_test_file() - a test file, released when the test ends
 * @test:  The test.
 * @value: Its value.
 * @dep:   A file it depends on, or NULL.
 *
 * Return: The file.
 */
struct file *luo_test_file(struct kunit *test, u64 value, struct file *dep)
{
	struct file *file = luo_test_new_file(value, dep);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, file);
	KUNIT_ASSERT_EQ(test, 0,
			kunit_add_action_or_reset(test, luo_test_fput, file));
	return file;
}

static bool luo_test_can_preserve(struct liveupdate_file_handler *fh,
				  struct file *file)
{
	return luo_test_is_file(file);
}

static int luo_test_preserve(struct liveupdate_file_op_args *args)
{
	struct luo_test_obj *obj = luo_test_obj(args->file);
	struct luo_test_state *st;
	u64 handle, token;
	int err;

	luo_test_record("p%llu ", obj->value);
	if (obj->value == LUO_TEST_FAIL_PRESERVE)
		return -EIO;
	if (obj->dep) {
		err = liveupdate_get_token_outgoing(args->session, obj->dep,
						    &token);
		if (err)
			return err;
	}
	st = liveupdate_alloc(args->session, sizeof(*st), &handle);
	if (IS_ERR(st))
		return PTR_ERR(st);
	st->value = cpu_to_le64(obj->value);
	if (obj->dep) {
		st->dep_token = cpu_to_le64(token);
		st->has_dep = cpu_to_le32(1);
	}
	args->serialized_data = handle;
	return 0;
}

static void luo_test_unpreserve(struct liveupdate_file_op_args *args)
{
	luo_test_record("x ");
	liveupdate_free(args->session, args->serialized_data);
}

static int luo_test_freeze(struct liveupdate_file_op_args *args)
{
	struct luo_test_state *st;

	luo_test_record("f ");
	if (luo_test_obj(args->file)->value == LUO_TEST_FAIL_FREEZE)
		return -EIO;
	st = liveupdate_ptr(args->session, args->serialized_data,
			    sizeof(*st));
	if (!st)
		return -EINVAL;
	st->frozen = cpu_to_le32(1);
	return 0;
}

static void luo_test_unfreeze(struct liveupdate_file_op_args *args)
{
	luo_test_record("u ");
}

static int luo_test_retrieve(struct liveupdate_file_op_args *args)
{
	struct file *dep = NULL, *file;
	struct luo_test_state *st;
	int err;

	luo_test_record("r ");
	st = liveupdate_ptr(args->session, args->serialized_data,
			    sizeof(*st));
	if (!st)
		return -EINVAL;
	if (le64_to_cpu(st->value) == LUO_TEST_FAIL_RETRIEVE)
		return -EIO;
	if (!le32_to_cpu(st->frozen))
		return -EINVAL;
	if (le32_to_cpu(st->has_dep)) {
		err = liveupdate_get_file_incoming(args->session,
						   le64_to_cpu(st->dep_token),
						   &dep);
		if (err)
			return err;
	}
	file = luo_test_new_file(le64_to_cpu(st->value), dep);
	if (IS_ERR(file))
		return PTR_ERR(file);
	args->file = file;
	return 0;
}

bool luo_test_block_finish;

static bool luo_test_can_finish(struct liveupdate_file_op_args *args)
{
	return !luo_test_block_finish;
}

static void luo_test_finish(struct liveupdate_file_op_args *args)
{
	luo_test_record("F%d ", args->retrieve_status);
	liveupdate_free(args->session, args->serialized_data);
}

static const struct liveupdate_file_ops luo_test_file_ops = {
	.can_preserve = luo_test_can_preserve,
	.preserve = luo_test_preserve,
	.unpreserve = luo_test_unpreserve,
	.freeze = luo_test_freeze,
	.unfreeze = luo_test_unfreeze,
	.retrieve = luo_test_retrieve,
	.can_finish = luo_test_can_finish,
	.finish = luo_test_finish,
	.owner = THIS_MODULE,
};

LIVEUPDATE_FILE_HANDLER(luo_test_file_handler, LUO_TEST_FILE_COMPAT,
			&luo_test_file_ops);

static void luo_test_medium_release(void *buf)
{
	luo_reset();
	luo_medium_detach();
	vfree(buf);
	luo_test_block_finish = false;
}

/**
 * luo_test_medium() - a handover medium and the test handler, for one test
 * @test: The test.
 * @size: Bytes of medium: two slots.
 *
 * When the test ends every session and image is forgotten, then the medium
 * goes, then the handler is unregistered: in that order, so that no file is
 * left in the handler's hands.
 *
 * Return: The medium's buffer.
 */
void *luo_test_medium(struct kunit *test, size_t size)
{
	void *buf;
	int err;

	KUNIT_ASSERT_EQ(test, 0,
			luo_test_register(test, &luo_test_file_handler));
	buf = vzalloc(size);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	err = luo_medium_attach(buf, size);
	if (err)
		vfree(buf);
	KUNIT_ASSERT_EQ(test, 0, err);
	KUNIT_ASSERT_EQ(test, 0,
			kunit_add_action_or_reset(test, luo_test_medium_release,
						  buf));
	luo_test_log_reset();
	return buf;
}
