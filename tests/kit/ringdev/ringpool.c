// SPDX-License-Identifier: GPL-2.0
/*
 * The kit's fixture, first module: a pool device, /dev/luo_ringpool, each
 * open of which is a pool with an id and a number of slots.  Its handler
 * is exported, for ringdev.ko's rings to depend on.
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

#include "ring_uapi.h"
#include "ringpool.h"

struct pool_state {
	u64 id;
	u32 slots;
};

struct pool {
	struct mutex lock;	/* orders RINGPOOL_SET against save() */
	struct pool_state s;
};

LUO_SER(pool_ser, struct pool_state,
	LUO_FIELD(id, pool_ser),
	LUO_FIELD(slots, pool_ser));

static const struct file_operations pool_fops;

static bool pool_can_preserve(struct file *file)
{
	return file->f_op == &pool_fops;
}

static struct pool *pool_alloc(const struct pool_state *s)
{
	struct pool *p = kzalloc(sizeof(*p), GFP_KERNEL);

	if (p) {
		mutex_init(&p->lock);
		p->s = *s;
	}
	return p;
}

static int pool_save(struct file *file, struct pool_state *s)
{
	struct pool *p = file->private_data;

	guard(mutex)(&p->lock);
	*s = p->s;
	return 0;
}

/* Same fops as the device's files, so that can_preserve() takes it too. */
static struct file *pool_load(struct pool_state *s)
{
	struct pool *p = pool_alloc(s);
	struct file *file;

	if (!p)
		return ERR_PTR(-ENOMEM);
	file = anon_inode_getfile("luo_ringpool", &pool_fops, p, O_RDWR);
	if (IS_ERR(file))
		kfree(p);
	return file;
}

LUO_HANDLER_EXPORTED(ringpool_handler, "kit-ringpool", pool_ser,
		     LUO_VERSIONS(1),
		     .can_preserve = pool_can_preserve,
		     .save = pool_save,
		     .load = pool_load);
LUO_LAYOUT_PIN(ringpool_handler, 1, 0x3129b212e9a4b64b);

/**
 * ringpool_file() - whether a file is a pool
 * @file: Any file.
 *
 * Return: true for a file of /dev/luo_ringpool, or one restored from it.
 */
bool ringpool_file(struct file *file)
{
	return pool_can_preserve(file);
}
EXPORT_SYMBOL_GPL(ringpool_file);

/**
 * ringpool_id() - the id of a pool
 * @file: A file ringpool_file() accepts.
 *
 * Return: The id userspace gave it.
 */
u64 ringpool_id(struct file *file)
{
	struct pool *p = file->private_data;

	guard(mutex)(&p->lock);
	return p->s.id;
}
EXPORT_SYMBOL_GPL(ringpool_id);

static long pool_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct pool *p = file->private_data;
	struct ringpool_config c = {};

	switch (cmd) {
	case RINGPOOL_SET:
		if (copy_from_user(&c, (void __user *)arg, sizeof(c)))
			return -EFAULT;
		scoped_guard(mutex, &p->lock) {
			p->s.id = c.id;
			p->s.slots = c.slots;
		}
		return 0;
	case RINGPOOL_GET:
		scoped_guard(mutex, &p->lock) {
			c.id = p->s.id;
			c.slots = p->s.slots;
		}
		return copy_to_user((void __user *)arg, &c, sizeof(c)) ?
		       -EFAULT : 0;
	default:
		return -ENOTTY;
	}
}

static int pool_open(struct inode *inode, struct file *file)
{
	static const struct pool_state empty;

	file->private_data = pool_alloc(&empty);
	return file->private_data ? 0 : -ENOMEM;
}

static int pool_release(struct inode *inode, struct file *file)
{
	kfree(file->private_data);
	return 0;
}

static const struct file_operations pool_fops = {
	.owner = THIS_MODULE,
	.open = pool_open,
	.release = pool_release,
	.unlocked_ioctl = pool_ioctl,
};

static struct miscdevice pool_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "luo_ringpool",
	.fops = &pool_fops,
};

static int __init ringpool_init(void)
{
	int err = luo_handler_register(&ringpool_handler);

	if (err)
		return err;
	err = misc_register(&pool_dev);
	if (err)
		luo_handler_unregister(&ringpool_handler);
	return err;
}

static void __exit ringpool_exit(void)
{
	misc_deregister(&pool_dev);
	luo_handler_unregister(&ringpool_handler);
}

module_init(ringpool_init);
module_exit(ringpool_exit);
MODULE_DESCRIPTION("luo_handler kit fixture: a pool other modules depend on");
MODULE_LICENSE("GPL");
