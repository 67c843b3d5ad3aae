// SPDX-License-Identifier: GPL-2.0
/*
 * A VM and its vCPUs, shaped like KVM's fds: a vCPU file refers to its VM
 * file, so a vCPU is preserved after its VM and restored after it.  Both
 * handlers are declared with the luo_handler framework; the dependency is
 * one LUO_FIELD_DEP().
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/anon_inodes.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/luo_handler/handler.h>

#include "sample_liveupdate.h"

/*
 * A vCPU holds a reference on its VM's file, as a KVM vCPU fd does.  A
 * running vCPU cannot be frozen: userspace stops it before the update,
 * and a frozen one neither runs nor changes until the update is called
 * off.  @lock orders the ioctls against save() and freeze.
 */
struct sample_vcpu {
	struct mutex lock;	/* orders ioctls, save() and freeze */
	u64 regs[SAMPLE_NR_REGS];
	struct file *vm;
	bool running;
	bool frozen;
};

struct sample_vm {
	u64 id;
};

static const struct file_operations vm_fops, vcpu_fops;

static struct file *sample_file(const struct file_operations *fops,
				void *obj)
{
	struct file *file;

	if (!obj)
		return ERR_PTR(-ENOMEM);
	file = anon_inode_getfile("luo_sample", fops, obj, O_RDWR);
	if (IS_ERR(file))
		kfree(obj);
	return file;
}

static struct file *vm_file(u64 id)
{
	struct sample_vm *vm = kzalloc(sizeof(*vm), GFP_KERNEL);

	if (vm)
		vm->id = id;
	return sample_file(&vm_fops, vm);
}

/* Takes a reference on @vm for the new vCPU. */
static struct file *vcpu_file(struct file *vm, const u64 *regs)
{
	struct sample_vcpu *vcpu = kzalloc(sizeof(*vcpu), GFP_KERNEL);
	struct file *file;

	if (vcpu) {
		mutex_init(&vcpu->lock);
		memcpy(vcpu->regs, regs, sizeof(vcpu->regs));
		vcpu->vm = get_file(vm);
	}
	file = sample_file(&vcpu_fops, vcpu);
	if (IS_ERR(file) && vcpu)
		fput(vm);
	return file;
}

/* The preserved states and their handlers. */
struct vm_state {
	u64 id;
};

/* The id may be set until the update freezes. */
LUO_SER(vm_ser, struct vm_state, LUO_FIELD(id, LUO_LATE));

static bool vm_can_preserve(struct file *file)
{
	return file->f_op == &vm_fops;
}

static int vm_save(struct file *file, struct vm_state *s)
{
	s->id = READ_ONCE(((struct sample_vm *)file->private_data)->id);
	return 0;
}

static struct file *vm_load(struct vm_state *s)
{
	return vm_file(s->id);
}

LUO_HANDLER(vm_handler, "sample-vm", vm_ser, LUO_VERSIONS(1),
	    .can_preserve = vm_can_preserve,
	    .save = vm_save,
	    .load = vm_load);

struct vcpu_state {
	u64 regs[SAMPLE_NR_REGS];
	struct file *vm;
};

/* The registers as they are at freeze, when the vCPU has stopped. */
LUO_SER(vcpu_ser, struct vcpu_state,
	LUO_FIELD_ARRAY(regs, LUO_LATE),
	LUO_FIELD_DEP(vm, vm_handler));

static bool vcpu_can_preserve(struct file *file)
{
	return file->f_op == &vcpu_fops;
}

static int vcpu_save(struct file *file, struct vcpu_state *s)
{
	struct sample_vcpu *vcpu = file->private_data;

	guard(mutex)(&vcpu->lock);
	memcpy(s->regs, vcpu->regs, sizeof(s->regs));
	s->vm = vcpu->vm;
	return 0;
}

static struct file *vcpu_load(struct vcpu_state *s)
{
	return vcpu_file(s->vm, s->regs);
}

/* Refusing here calls the update off: every file frozen so far thaws. */
static int vcpu_freeze(struct file *file)
{
	struct sample_vcpu *vcpu = file->private_data;
	struct sample_vm *vm = vcpu->vm->private_data;

	guard(mutex)(&vcpu->lock);
	if (vcpu->running) {
		pr_warn("a vCPU of VM %#llx is running: stop it before the update\n",
			vm->id);
		return -EBUSY;
	}
	vcpu->frozen = true;
	return 0;
}

static void vcpu_unfreeze(struct file *file)
{
	struct sample_vcpu *vcpu = file->private_data;

	guard(mutex)(&vcpu->lock);
	vcpu->frozen = false;
}

LUO_HANDLER(vcpu_handler, "sample-vcpu", vcpu_ser, LUO_VERSIONS(1),
	    .can_preserve = vcpu_can_preserve,
	    .save = vcpu_save,
	    .load = vcpu_load,
	    .freeze = vcpu_freeze,
	    .unfreeze = vcpu_unfreeze);

/* The device side. */
static long vm_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct sample_vm *vm = file->private_data;
	u64 __user *uarg = (u64 __user *)arg;
	static const u64 zero[SAMPLE_NR_REGS];
	struct file *vcpu;
	u64 id;
	int fd;

	switch (cmd) {
	case SAMPLE_VM_SET_ID:
		/* A fault must not leave a half-written id to preserve. */
		if (get_user(id, uarg))
			return -EFAULT;
		WRITE_ONCE(vm->id, id);
		return 0;
	case SAMPLE_VM_GET_ID:
		return put_user(READ_ONCE(vm->id), uarg);
	case SAMPLE_VM_CREATE_VCPU:
		fd = get_unused_fd_flags(O_CLOEXEC);
		if (fd < 0)
			return fd;
		vcpu = vcpu_file(file, zero);
		if (IS_ERR(vcpu)) {
			put_unused_fd(fd);
			return PTR_ERR(vcpu);
		}
		fd_install(fd, vcpu);
		return fd;
	default:
		return -ENOTTY;
	}
}

static long vcpu_ioctl(struct file *file, unsigned int cmd,
		       unsigned long arg)
{
	struct sample_vcpu *vcpu = file->private_data;
	void __user *uarg = (void __user *)arg;
	struct sample_vm *vm = vcpu->vm->private_data;
	struct sample_vcpu_regs r;
	u32 run;

	switch (cmd) {
	case SAMPLE_VCPU_SET_REGS:
		if (copy_from_user(&r, uarg, sizeof(r)))
			return -EFAULT;
		scoped_guard(mutex, &vcpu->lock) {
			if (vcpu->frozen)
				return -EBUSY;
			memcpy(vcpu->regs, r.regs, sizeof(vcpu->regs));
		}
		return 0;
	case SAMPLE_VCPU_GET_REGS:
		scoped_guard(mutex, &vcpu->lock)
			memcpy(r.regs, vcpu->regs, sizeof(r.regs));
		return copy_to_user(uarg, &r, sizeof(r)) ? -EFAULT : 0;
	case SAMPLE_VCPU_GET_VM_ID:
		return put_user(READ_ONCE(vm->id), (u64 __user *)uarg);
	case SAMPLE_VCPU_RUN:
		if (get_user(run, (u32 __user *)uarg))
			return -EFAULT;
		if (run > 1)
			return -EINVAL;
		scoped_guard(mutex, &vcpu->lock) {
			if (vcpu->frozen && run)
				return -EBUSY;
			vcpu->running = run;
		}
		return 0;
	default:
		return -ENOTTY;
	}
}

static int vm_release(struct inode *inode, struct file *file)
{
	kfree(file->private_data);
	return 0;
}

static int vcpu_release(struct inode *inode, struct file *file)
{
	struct sample_vcpu *vcpu = file->private_data;

	fput(vcpu->vm);
	kfree(vcpu);
	return 0;
}

static int vm_open(struct inode *inode, struct file *file)
{
	struct sample_vm *vm = kzalloc(sizeof(*vm), GFP_KERNEL);

	if (!vm)
		return -ENOMEM;
	file->private_data = vm;
	return 0;
}

/* The device's, and those of restored VMs: one test tells a VM file. */
static const struct file_operations vm_fops = {
	.owner = THIS_MODULE,
	.open = vm_open,
	.unlocked_ioctl = vm_ioctl,
	.release = vm_release,
};

static const struct file_operations vcpu_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = vcpu_ioctl,
	.release = vcpu_release,
};

static struct miscdevice vm_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "luo_sample_vm",
	.fops = &vm_fops,
};

static int __init sample_vm_init(void)
{
	int err;

	err = luo_handler_register(&vm_handler);
	if (err)
		return err;
	err = luo_handler_register(&vcpu_handler);
	if (err)
		goto vm;
	err = misc_register(&vm_dev);
	if (err)
		goto vcpu;
	return 0;
vcpu:
	luo_handler_unregister(&vcpu_handler);
vm:
	luo_handler_unregister(&vm_handler);
	return err;
}

static void __exit sample_vm_exit(void)
{
	misc_deregister(&vm_dev);
	luo_handler_unregister(&vcpu_handler);
	luo_handler_unregister(&vm_handler);
}

module_init(sample_vm_init);
module_exit(sample_vm_exit);
MODULE_DESCRIPTION("Live update sample: a VM and its vCPUs, a dependency pair");
MODULE_LICENSE("GPL");
