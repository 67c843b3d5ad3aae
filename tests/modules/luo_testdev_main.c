// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/luo_testdev: a character device whose open files carry one 64-bit
 * value (write() sets it, read() returns it), preserved across a live update
 * by a hand-written handler.  It lets userspace tests drive the whole
 * /dev/liveupdate uAPI without the framework.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/anon_inodes.h>
#include <linux/fs.h>
#include <linux/liveupdate.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

struct luo_testdev_state {
	__le64 value;
};

/* A file holding this value fails to freeze, to test a late failure. */
#define LUO_TESTDEV_FAIL_FREEZE	0xdeadULL

static int luo_testdev_open(struct inode *inode, struct file *file)
{
	file->private_data = kzalloc(sizeof(u64), GFP_KERNEL);
	return file->private_data ? 0 : -ENOMEM;
}

static int luo_testdev_release(struct inode *inode, struct file *file)
{
	kfree(file->private_data);
	return 0;
}

static ssize_t luo_testdev_read(struct file *file, char __user *buf,
				size_t count, loff_t *pos)
{
	return simple_read_from_buffer(buf, count, pos, file->private_data,
				       sizeof(u64));
}

static ssize_t luo_testdev_write(struct file *file, const char __user *buf,
				 size_t count, loff_t *pos)
{
	if (count != sizeof(u64))
		return -EINVAL;
	if (copy_from_user(file->private_data, buf, sizeof(u64)))
		return -EFAULT;
	return count;
}

static const struct file_operations luo_testdev_fops = {
	.owner = THIS_MODULE,
	.open = luo_testdev_open,
	.release = luo_testdev_release,
	.read = luo_testdev_read,
	.write = luo_testdev_write,
	.llseek = default_llseek,
};

static struct miscdevice luo_testdev_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "luo_testdev",
	.fops = &luo_testdev_fops,
};

static bool luo_testdev_can_preserve(struct liveupdate_file_handler *fh,
				     struct file *file)
{
	return file->f_op == &luo_testdev_fops;
}

static int luo_testdev_preserve(struct liveupdate_file_op_args *args)
{
	struct luo_testdev_state *st;
	u64 handle;

	st = liveupdate_alloc(args->session, sizeof(*st), &handle);
	if (IS_ERR(st))
		return PTR_ERR(st);
	st->value = cpu_to_le64(*(u64 *)args->file->private_data);
	args->serialized_data = handle;
	return 0;
}

/* The value may change until the workload stops: take it again. */
static int luo_testdev_freeze(struct liveupdate_file_op_args *args)
{
	struct luo_testdev_state *st;

	st = liveupdate_ptr(args->session, args->serialized_data, sizeof(*st));
	if (!st)
		return -EINVAL;
	if (*(u64 *)args->file->private_data == LUO_TESTDEV_FAIL_FREEZE)
		return -EIO;
	st->value = cpu_to_le64(*(u64 *)args->file->private_data);
	return 0;
}

static void luo_testdev_unpreserve(struct liveupdate_file_op_args *args)
{
	liveupdate_free(args->session, args->serialized_data);
}

static int luo_testdev_retrieve(struct liveupdate_file_op_args *args)
{
	struct luo_testdev_state *st;
	struct file *file;
	u64 *value;

	st = liveupdate_ptr(args->session, args->serialized_data, sizeof(*st));
	if (!st)
		return -EINVAL;
	value = kmalloc(sizeof(*value), GFP_KERNEL);
	if (!value)
		return -ENOMEM;
	*value = le64_to_cpu(st->value);
	file = anon_inode_getfile("luo_testdev", &luo_testdev_fops, value,
				  O_RDWR);
	if (IS_ERR(file)) {
		kfree(value);
		return PTR_ERR(file);
	}
	args->file = file;
	return 0;
}

static void luo_testdev_finish(struct liveupdate_file_op_args *args)
{
	liveupdate_free(args->session, args->serialized_data);
}

static const struct liveupdate_file_ops luo_testdev_ops = {
	.can_preserve = luo_testdev_can_preserve,
	.preserve = luo_testdev_preserve,
	.freeze = luo_testdev_freeze,
	.unpreserve = luo_testdev_unpreserve,
	.retrieve = luo_testdev_retrieve,
	.finish = luo_testdev_finish,
	.owner = THIS_MODULE,
};

static LIVEUPDATE_FILE_HANDLER(luo_testdev_handler, "luo-testdev-v1",
			       &luo_testdev_ops);

static int __init luo_testdev_init(void)
{
	int err;

	err = misc_register(&luo_testdev_misc);
	if (err)
		return err;
	err = liveupdate_register_file_handler(&luo_testdev_handler);
	if (err)
		misc_deregister(&luo_testdev_misc);
	return err;
}
module_init(luo_testdev_init);

static void __exit luo_testdev_exit(void)
{
	liveupdate_unregister_file_handler(&luo_testdev_handler);
	misc_deregister(&luo_testdev_misc);
}
module_exit(luo_testdev_exit);

MODULE_DESCRIPTION("Test device preserved across live update by hand");
MODULE_LICENSE("GPL");
