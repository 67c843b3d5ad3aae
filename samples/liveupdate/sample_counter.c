// SPDX-License-Identifier: GPL-2.0
/*
 * The five-minute example: a character device whose open files each carry
 * a counter and a label, preserved across a live update by a handler
 * declared with the luo_handler framework.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/anon_inodes.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/luo_handler/handler.h>

#include "sample_liveupdate.h"

static const struct file_operations counter_fops;

static struct file *counter_file(const struct sample_counter *init)
{
	struct sample_counter *c = kmemdup(init, sizeof(*c), GFP_KERNEL);
	struct file *file;

	if (!c)
		return ERR_PTR(-ENOMEM);
	file = anon_inode_getfile("luo_sample_counter", &counter_fops, c,
				  O_RDWR);
	if (IS_ERR(file))
		kfree(c);
	return file;
}

/*
 * What survives the update: the counter, as the driver keeps it.  The
 * workload goes on counting between preserve and freeze: LUO_LATE writes
 * the value again at freeze, when it has stopped.
 */
LUO_SER(counter_ser, struct sample_counter,
	LUO_FIELD(value, LUO_LATE),
	LUO_FIELD_STRING(label));

static bool counter_can_preserve(struct file *file)
{
	return file->f_op == &counter_fops;
}

static int counter_save(struct file *file, struct sample_counter *s)
{
	*s = *(struct sample_counter *)file->private_data;
	return 0;
}

static struct file *counter_load(struct sample_counter *s)
{
	return counter_file(s);
}

LUO_HANDLER(counter_handler, "sample-counter", counter_ser, LUO_VERSIONS(1),
	    .can_preserve = counter_can_preserve,
	    .save = counter_save,
	    .load = counter_load);

static long counter_ioctl(struct file *file, unsigned int cmd,
			  unsigned long arg)
{
	struct sample_counter *c = file->private_data, new;
	void __user *uarg = (void __user *)arg;

	switch (cmd) {
	case SAMPLE_COUNTER_SET:
		if (copy_from_user(&new, uarg, sizeof(new)))
			return -EFAULT;
		if (!memchr(new.label, '\0', sizeof(new.label)))
			return -EINVAL;
		*c = new;
		return 0;
	case SAMPLE_COUNTER_GET:
		return copy_to_user(uarg, c, sizeof(*c)) ? -EFAULT : 0;
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
	struct sample_counter *c = kzalloc(sizeof(*c), GFP_KERNEL);

	if (!c)
		return -ENOMEM;
	file->private_data = c;
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
MODULE_DESCRIPTION("Live update sample: a counter device, the five-minute example");
MODULE_LICENSE("GPL");
