// SPDX-License-Identifier: GPL-2.0
/*
 * The smallest sample: a character device whose open files each carry
 * a counter and a label, preserved across a live update by a handler
 * declared with the luo_handler framework.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/anon_inodes.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/luo_handler/handler.h>

#include "sample_liveupdate.h"

static const struct file_operations counter_fops;

/*
 * An open file's counter.  @lock orders the ioctls against save() and
 * freeze; a frozen counter does not change until the update is called off.
 */
struct counter {
	struct mutex lock;	/* orders ioctls, save() and freeze */
	bool frozen;
	struct sample_counter c;
};

static struct file *counter_file(const struct sample_counter *init)
{
	struct counter *ctr = kzalloc(sizeof(*ctr), GFP_KERNEL);
	struct file *file;

	if (!ctr)
		return ERR_PTR(-ENOMEM);
	mutex_init(&ctr->lock);
	ctr->c = *init;
	file = anon_inode_getfile("luo_sample_counter", &counter_fops, ctr,
				  O_RDWR);
	if (IS_ERR(file))
		kfree(ctr);
	return file;
}

/*
 * What survives the update: the counter, as the driver keeps it.  The
 * workload goes on counting between preserve and freeze: LUO_LATE writes
 * both fields again at freeze, after which they no longer change.
 */
LUO_SER(counter_ser, struct sample_counter,
	LUO_FIELD(value, counter_ser, LUO_LATE),
	LUO_FIELD_STRING(label, counter_ser, LUO_LATE));

static bool counter_can_preserve(struct file *file)
{
	return file->f_op == &counter_fops;
}

static int counter_save(struct file *file, struct sample_counter *s)
{
	struct counter *ctr = file->private_data;

	guard(mutex)(&ctr->lock);
	*s = ctr->c;
	return 0;
}

static struct file *counter_load(struct sample_counter *s)
{
	return counter_file(s);
}

static int counter_freeze(struct file *file)
{
	struct counter *ctr = file->private_data;

	guard(mutex)(&ctr->lock);
	ctr->frozen = true;
	return 0;
}

static void counter_unfreeze(struct file *file)
{
	struct counter *ctr = file->private_data;

	guard(mutex)(&ctr->lock);
	ctr->frozen = false;
}

LUO_HANDLER(counter_handler, "sample-counter", counter_ser, LUO_VERSIONS(1),
	    .can_preserve = counter_can_preserve,
	    .save = counter_save,
	    .load = counter_load,
	    .freeze = counter_freeze,
	    .unfreeze = counter_unfreeze);

static long counter_ioctl(struct file *file, unsigned int cmd,
			  unsigned long arg)
{
	struct counter *ctr = file->private_data;
	void __user *uarg = (void __user *)arg;
	struct sample_counter c;

	switch (cmd) {
	case SAMPLE_COUNTER_SET:
		if (copy_from_user(&c, uarg, sizeof(c)))
			return -EFAULT;
		if (!memchr(c.label, '\0', sizeof(c.label)))
			return -EINVAL;
		scoped_guard(mutex, &ctr->lock) {
			if (ctr->frozen)
				return -EBUSY;
			ctr->c = c;
		}
		return 0;
	case SAMPLE_COUNTER_GET:
		scoped_guard(mutex, &ctr->lock)
			c = ctr->c;
		return copy_to_user(uarg, &c, sizeof(c)) ? -EFAULT : 0;
	default:
		return -ENOTTY;
	}
}

static int counter_release(struct inode *inode, struct file *file)
{
	kfree(file->private_data);
	return 0;
}

/*
 * Opening the device gives a fresh counter file.  Restored files are
 * anonymous inodes with the same file_operations, so that one test tells
 * a counter file whichever way it was made.
 */
static int counter_open(struct inode *inode, struct file *file)
{
	struct counter *ctr = kzalloc(sizeof(*ctr), GFP_KERNEL);

	if (!ctr)
		return -ENOMEM;
	mutex_init(&ctr->lock);
	file->private_data = ctr;
	return 0;
}

static const struct file_operations counter_fops = {
	.owner = THIS_MODULE,
	.open = counter_open,
	.unlocked_ioctl = counter_ioctl,
	.release = counter_release,
};

static struct miscdevice counter_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "luo_sample_counter",
	.fops = &counter_fops,
};

static int __init sample_counter_init(void)
{
	int err = luo_handler_register(&counter_handler);

	if (err)
		return err;
	err = misc_register(&counter_dev);
	if (err)
		luo_handler_unregister(&counter_handler);
	return err;
}

static void __exit sample_counter_exit(void)
{
	misc_deregister(&counter_dev);
	luo_handler_unregister(&counter_handler);
}

module_init(sample_counter_init);
module_exit(sample_counter_exit);
MODULE_DESCRIPTION("Live update sample: a counter device");
MODULE_LICENSE("GPL");
