// SPDX-License-Identifier: GPL-2.0
/*
 * A driver whose preserved state changed between two releases: notes with
 * an id and a text (layout 1), and since layout 2 a priority.
 *
 * Both releases build from this file: luo_sample_note.ko is the current
 * driver (SAMPLE_NOTE_LAYOUT 2, reads versions 2 and 1, writes what the
 * next kernel reads), luo_sample_note_v1.ko the previous one
 * (sample_note_v1.c, layout 1 only).  Both register "sample-note-v1" and
 * the same device: a kernel loads one or the other.  Between the two kernels they show an
 * upgrade, a v1 state read by the v2 driver, and a rollback, the v2 driver
 * writing v1 for a kernel that only has the v1 driver.
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

#ifndef SAMPLE_NOTE_LAYOUT
#define SAMPLE_NOTE_LAYOUT	2
#endif

/* What a note from an older driver gets: nobody had set one. */
#define SAMPLE_NOTE_DEFAULT_PRIORITY	5

/* What a note preserves; layout 1 has no priority. */
struct note_state {
	u64 id;
	u32 priority;
	char text[SAMPLE_NOTE_TEXT];
};

/*
 * A note may change until the update freezes (LUO_LATE); a v1 state read
 * by the v2 driver gets the default priority (LUO_DEFAULT): nobody had
 * set one.  Conversions that a default cannot express go in .upgrade.
 */
#if SAMPLE_NOTE_LAYOUT >= 2
LUO_SER(note_ser, struct note_state,
	LUO_FIELD(id, note_ser, LUO_LATE),
	LUO_FIELD(priority, note_ser, LUO_SINCE(2), LUO_LATE,
		  LUO_DEFAULT(SAMPLE_NOTE_DEFAULT_PRIORITY)),
	LUO_FIELD_STRING(text, note_ser, LUO_LATE));
#else
LUO_SER(note_ser, struct note_state,
	LUO_FIELD(id, note_ser, LUO_LATE),
	LUO_FIELD_STRING(text, note_ser, LUO_LATE));
#endif

/* @lock orders the ioctls against save() and freeze. */
struct note {
	struct mutex lock;	/* orders ioctls, save() and freeze */
	bool frozen;
	struct note_state s;
};

static const struct file_operations note_fops;

static struct file *note_file(const struct note_state *init)
{
	struct note *n = kzalloc(sizeof(*n), GFP_KERNEL);
	struct file *file;

	if (!n)
		return ERR_PTR(-ENOMEM);
	mutex_init(&n->lock);
	n->s = *init;
	file = anon_inode_getfile("luo_sample_note", &note_fops, n, O_RDWR);
	if (IS_ERR(file))
		kfree(n);
	return file;
}

static bool note_can_preserve(struct file *file)
{
	return file->f_op == &note_fops;
}

static int note_save(struct file *file, struct note_state *s)
{
	struct note *n = file->private_data;

	guard(mutex)(&n->lock);
	*s = n->s;
	return 0;
}

static struct file *note_load(struct note_state *s)
{
	return note_file(s);
}

static int note_freeze(struct file *file)
{
	struct note *n = file->private_data;

	guard(mutex)(&n->lock);
	n->frozen = true;
	return 0;
}

static void note_unfreeze(struct file *file)
{
	struct note *n = file->private_data;

	guard(mutex)(&n->lock);
	n->frozen = false;
}

#if SAMPLE_NOTE_LAYOUT >= 2
LUO_HANDLER(note_handler, "sample-note", note_ser, LUO_VERSIONS(2, 1),
	    .can_preserve = note_can_preserve,
	    .save = note_save,
	    .load = note_load,
	    .freeze = note_freeze,
	    .unfreeze = note_unfreeze);
LUO_LAYOUT_PIN(note_handler, 2, 0x83b0bb6408015567);
#else
LUO_HANDLER(note_handler, "sample-note", note_ser, LUO_VERSIONS(1),
	    .can_preserve = note_can_preserve,
	    .save = note_save,
	    .load = note_load,
	    .freeze = note_freeze,
	    .unfreeze = note_unfreeze);
#endif
/*
 * Both releases pin version 1 with the same value: priority came with
 * LUO_SINCE(2), which leaves version 1's wire form, and its fingerprint,
 * as they were.
 */
LUO_LAYOUT_PIN(note_handler, 1, 0x5f6475e482464604);

static long note_ioctl(struct file *file, unsigned int cmd,
		       unsigned long arg)
{
	struct note *n = file->private_data;
	struct sample_note __user *uarg = (void __user *)arg;
	struct sample_note u;

	switch (cmd) {
	case SAMPLE_NOTE_SET:
		if (copy_from_user(&u, uarg, sizeof(u)))
			return -EFAULT;
		if (!memchr(u.text, '\0', sizeof(u.text)))
			return -EINVAL;
		scoped_guard(mutex, &n->lock) {
			if (n->frozen)
				return -EBUSY;
			n->s.id = u.id;
			/* The v1 driver has no priority to keep. */
			n->s.priority = SAMPLE_NOTE_LAYOUT >= 2 ? u.priority : 0;
			memcpy(n->s.text, u.text, sizeof(n->s.text));
		}
		return 0;
	case SAMPLE_NOTE_GET:
		memset(&u, 0, sizeof(u));
		scoped_guard(mutex, &n->lock) {
			u.id = n->s.id;
			u.priority = n->s.priority;
			memcpy(u.text, n->s.text, sizeof(u.text));
		}
		u.layout = SAMPLE_NOTE_LAYOUT;
		return copy_to_user(uarg, &u, sizeof(u)) ? -EFAULT : 0;
	default:
		return -ENOTTY;
	}
}

static int note_release(struct inode *inode, struct file *file)
{
	kfree(file->private_data);
	return 0;
}

static int note_open(struct inode *inode, struct file *file)
{
	struct note *n = kzalloc(sizeof(*n), GFP_KERNEL);

	if (!n)
		return -ENOMEM;
	mutex_init(&n->lock);
	file->private_data = n;
	return 0;
}

static const struct file_operations note_fops = {
	.owner = THIS_MODULE,
	.open = note_open,
	.unlocked_ioctl = note_ioctl,
	.release = note_release,
};

static struct miscdevice note_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "luo_sample_note",
	.fops = &note_fops,
};

static int __init sample_note_init(void)
{
	int err = luo_handler_register(&note_handler);

	if (err)
		return err;
	err = misc_register(&note_dev);
	if (err)
		luo_handler_unregister(&note_handler);
	return err;
}

static void __exit sample_note_exit(void)
{
	misc_deregister(&note_dev);
	luo_handler_unregister(&note_handler);
}

module_init(sample_note_init);
module_exit(sample_note_exit);
MODULE_DESCRIPTION("Live update sample: a state with two layouts");
MODULE_LICENSE("GPL");
