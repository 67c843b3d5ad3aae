// SPDX-License-Identifier: GPL-2.0
/*
 * The kit's fixture, second module: a ring device, /dev/luo_ringdev, each
 * open of which is a ring of up to RING_MAX_ENTRIES values, with a name
 * and a pool (ringpool.ko) it draws from.  Layout 2 added the ring's head.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/anon_inodes.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/luo_handler/handler.h>

#include "ring_uapi.h"
#include "ringpool.h"

/* The versions this driver reads, newest first; it writes the newest. */
#define RINGDEV_VERSIONS	LUO_VERSIONS(2, 1)
#define RINGDEV_LAYOUT		2

struct ring_state {
	struct file *pool;
	char name[RING_NAME_LEN];
	u32 count;
	u64 *entries;
	u32 head;
};

LUO_SER(ring_ser, struct ring_state,
	LUO_FIELD_DEP(pool, ring_ser, ringpool_handler),
	LUO_FIELD_STRING(name, ring_ser),
	LUO_FIELD(count, ring_ser),
	LUO_FIELD_VARRAY(entries, ring_ser, count, RING_MAX_ENTRIES),
	LUO_FIELD_SINCE(head, ring_ser, 2));

struct ring {
	struct mutex lock;	/* orders the ioctls against save() */
	struct file *pool;	/* a reference, or NULL */
	char name[RING_NAME_LEN];
	u32 count;
	u32 head;
	u64 entries[RING_MAX_ENTRIES];
};

static const struct file_operations ring_fops;

static struct ring *ring_alloc(void)
{
	struct ring *r = kzalloc(sizeof(*r), GFP_KERNEL);

	if (r)
		mutex_init(&r->lock);
	return r;
}

static void ring_free(struct ring *r)
{
	if (r->pool)
		fput(r->pool);
	kfree(r);
}

static bool ring_can_preserve(struct file *file)
{
	return file->f_op == &ring_fops;
}

static int ring_save(struct file *file, struct ring_state *s)
{
	struct ring *r = file->private_data;

	guard(mutex)(&r->lock);
	if (!r->pool)
		return -EINVAL;
	s->pool = r->pool;
	memcpy(s->name, r->name, sizeof(s->name));
	s->count = r->count;
	s->entries = r->entries;
	s->head = r->head;
	return 0;
}

/* Same fops as the device's files, so that can_preserve() takes it too. */
static struct file *ring_load(struct ring_state *s)
{
	struct ring *r = ring_alloc();
	struct file *file;

	if (!r)
		return ERR_PTR(-ENOMEM);
	r->pool = get_file(s->pool);
	memcpy(r->name, s->name, sizeof(r->name));
	r->count = s->count;
	memcpy(r->entries, s->entries, s->count * sizeof(*s->entries));
	r->head = s->head;
	file = anon_inode_getfile("luo_ringdev", &ring_fops, r, O_RDWR);
	if (IS_ERR(file))
		ring_free(r);
	return file;
}

LUO_HANDLER(ring_handler, "kit-ringdev", ring_ser, RINGDEV_VERSIONS,
	    .can_preserve = ring_can_preserve,
	    .save = ring_save,
	    .load = ring_load);
LUO_LAYOUT_PIN(ring_handler, 2, 0xfa13048562e6cd0f);
LUO_LAYOUT_PIN(ring_handler, 1, 0x8b4eca055ee61f8e);

static int ring_set(struct ring *r, const struct ringdev_config *c)
{
	struct file *pool;

	if (c->count > RING_MAX_ENTRIES || c->head >= RING_MAX_ENTRIES ||
	    !memchr(c->name, '\0', sizeof(c->name)))
		return -EINVAL;
	pool = fget(c->pool_fd);
	if (!pool)
		return -EBADF;
	if (!ringpool_file(pool)) {
		fput(pool);
		return -EINVAL;
	}
	guard(mutex)(&r->lock);
	if (r->pool)
		fput(r->pool);
	r->pool = pool;
	memcpy(r->name, c->name, sizeof(r->name));
	r->count = c->count;
	r->head = c->head;
	memcpy(r->entries, c->entries, sizeof(r->entries));
	return 0;
}

static void ring_get(struct ring *r, struct ringdev_config *c)
{
	guard(mutex)(&r->lock);
	c->pool_id = r->pool ? ringpool_id(r->pool) : 0;
	memcpy(c->name, r->name, sizeof(c->name));
	c->count = r->count;
	c->head = r->head;
	memcpy(c->entries, r->entries, sizeof(c->entries));
	c->layout = RINGDEV_LAYOUT;
}

static long ring_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct ringdev_config c = {};

	switch (cmd) {
	case RINGDEV_SET:
		if (copy_from_user(&c, (void __user *)arg, sizeof(c)))
			return -EFAULT;
		return ring_set(file->private_data, &c);
	case RINGDEV_GET:
		ring_get(file->private_data, &c);
		return copy_to_user((void __user *)arg, &c, sizeof(c)) ?
		       -EFAULT : 0;
	default:
		return -ENOTTY;
	}
}

static int ring_open(struct inode *inode, struct file *file)
{
	file->private_data = ring_alloc();
	return file->private_data ? 0 : -ENOMEM;
}

static int ring_release(struct inode *inode, struct file *file)
{
	ring_free(file->private_data);
	return 0;
}

static const struct file_operations ring_fops = {
	.owner = THIS_MODULE,
	.open = ring_open,
	.release = ring_release,
	.unlocked_ioctl = ring_ioctl,
};

static struct miscdevice ring_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "luo_ringdev",
	.fops = &ring_fops,
};

static int __init ringdev_init(void)
{
	int err = luo_handler_register(&ring_handler);

	if (err)
		return err;
	err = misc_register(&ring_dev);
	if (err)
		luo_handler_unregister(&ring_handler);
	return err;
}

static void __exit ringdev_exit(void)
{
	misc_deregister(&ring_dev);
	luo_handler_unregister(&ring_handler);
}

module_init(ringdev_init);
module_exit(ringdev_exit);
MODULE_DESCRIPTION("luo_handler kit fixture: a ring that depends on a pool");
MODULE_LICENSE("GPL");
