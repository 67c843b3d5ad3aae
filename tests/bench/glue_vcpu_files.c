// SPDX-License-Identifier: GPL-2.0
/*
 * The VM and vCPU file types both glue variants preserve: anonymous inodes
 * carrying a struct glue_vm or struct glue_vcpu.
 */
#include <linux/anon_inodes.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "glue_vcpu.h"

static int glue_release(struct inode *inode, struct file *file)
{
	kfree(file->private_data);
	return 0;
}

static const struct file_operations glue_vm_fops = {
	.owner = THIS_MODULE,
	.release = glue_release,
};

static const struct file_operations glue_vcpu_fops = {
	.owner = THIS_MODULE,
	.release = glue_release,
};

bool glue_is_vm(struct file *file)
{
	return file->f_op == &glue_vm_fops;
}

bool glue_is_vcpu(struct file *file)
{
	return file->f_op == &glue_vcpu_fops;
}

struct glue_vm *glue_vm(struct file *file)
{
	return file->private_data;
}

struct glue_vcpu *glue_vcpu(struct file *file)
{
	return file->private_data;
}

static struct file *glue_open(const struct file_operations *fops, void *obj)
{
	struct file *file;

	if (!obj)
		return ERR_PTR(-ENOMEM);
	file = anon_inode_getfile("luo_glue", fops, obj, O_RDWR);
	if (IS_ERR(file))
		kfree(obj);
	return file;
}

struct file *glue_vm_open(u64 id)
{
	struct glue_vm *vm = kzalloc(sizeof(*vm), GFP_KERNEL);

	if (vm)
		vm->id = id;
	return glue_open(&glue_vm_fops, vm);
}

struct file *glue_vcpu_open(struct file *vm, const u64 *regs, u32 flags)
{
	struct glue_vcpu *vcpu = kzalloc(sizeof(*vcpu), GFP_KERNEL);

	if (vcpu) {
		memcpy(vcpu->regs, regs, sizeof(vcpu->regs));
		vcpu->flags = flags;
		vcpu->vm = vm;
	}
	return glue_open(&glue_vcpu_fops, vcpu);
}
