/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a driver has either way, framework or not: its file types (one per
 * handler, TEXT_NR of them), a dependency type, and a way to make a file
 * from a restored state.  The same in both modules, so that what their
 * .text differs by is the live update code alone.
 */
#ifndef _TEXT_FILES_H
#define _TEXT_FILES_H

#include <linux/anon_inodes.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/string.h>

#ifndef TEXT_NR
#define TEXT_NR		1
#endif
#define TEXT_NR_REGS	16

/* What each file carries. */
struct text_obj {
	u64 regs[TEXT_NR_REGS];
	u32 flags;
	struct file *vm;
};

static int text_release(struct inode *inode, struct file *file)
{
	kfree(file->private_data);
	return 0;
}

/* One file type per handler, and the type they depend on. */
static const struct file_operations text_fops[TEXT_NR + 1] = {
	[0 ... TEXT_NR] = { .owner = THIS_MODULE, .release = text_release },
};

#define TEXT_VM	TEXT_NR

static bool text_is(struct file *file, unsigned int type)
{
	return file->f_op == &text_fops[type];
}

static struct text_obj *text_obj(struct file *file)
{
	return file->private_data;
}

static struct file *text_open(unsigned int type, const u64 *regs, u32 flags,
			      struct file *vm)
{
	struct text_obj *obj = kzalloc(sizeof(*obj), GFP_KERNEL);
	struct file *file;

	if (!obj)
		return ERR_PTR(-ENOMEM);
	memcpy(obj->regs, regs, sizeof(obj->regs));
	obj->flags = flags;
	obj->vm = vm;
	file = anon_inode_getfile("luo_text", &text_fops[type], obj, O_RDWR);
	if (IS_ERR(file))
		kfree(obj);
	return file;
}

#endif /* _TEXT_FILES_H */
