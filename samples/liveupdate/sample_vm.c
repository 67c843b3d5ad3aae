// SPDX-License-Identifier: GPL-2.0
/*
 * A VM and its vCPUs, shaped like KVM's fds: a vCPU file refers to its VM
 * file, so a vCPU is preserved after its VM and restored after it.  Both
 * handlers are declared with the luo_handler framework; the dependency is
 * one LUO_FIELD_DEP().  A memory slot refers to its VM and to a memfd, the
 * guest's RAM, which another handler preserves (mainline's memfd handler,
 * or the memfd sample): a LUO_FILE_TYPE() dependency.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/anon_inodes.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/overflow.h>
#include <linux/shmem_fs.h>
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

/* Guest RAM at @gpa: @size bytes from the start of the memfd @ram. */
struct sample_memslot_obj {
	struct file *vm;
	struct file *ram;
	u64 gpa;
	u64 size;
};

static const struct file_operations vm_fops, vcpu_fops, memslot_fops;

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
LUO_SER(vm_ser, struct vm_state, LUO_FIELD(id, vm_ser, LUO_LATE));

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
/* Released: a change to its layout needs a new version (see the docs). */
LUO_LAYOUT_PIN(vm_handler, 1, 0x3bfe6a534ffcaeeb);

struct vcpu_state {
	u64 regs[SAMPLE_NR_REGS];
	struct file *vm;
};

/* The registers as they are at freeze, when the vCPU has stopped. */
LUO_SER(vcpu_ser, struct vcpu_state,
	LUO_FIELD_ARRAY(regs, vcpu_ser, LUO_LATE),
	LUO_FIELD_DEP(vm, vcpu_ser, vm_handler));

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
LUO_LAYOUT_PIN(vcpu_handler, 1, 0x093e789c0a224529);

/*
 * A file of guest RAM: a memfd, whichever handler preserves it.  A memfd is
 * an unlinked shmem file; a tmpfs file with a name is not one.
 */
static bool guest_ram_is_memfd(struct file *file)
{
	return shmem_file(file) && !file_inode(file)->i_nlink;
}

LUO_FILE_TYPE(guest_ram, "memfd", guest_ram_is_memfd);

/*
 * Checked when userspace creates a slot and when the next kernel loads
 * one: the state comes from the previous kernel.
 */
static int memslot_check(struct file *ram, u64 gpa, u64 size)
{
	loff_t ram_size = i_size_read(file_inode(ram));
	u64 end;

	if (!size || !PAGE_ALIGNED(gpa) || !PAGE_ALIGNED(size) ||
	    check_add_overflow(gpa, size, &end)) {
		pr_err_ratelimited("memslot at %#llx of %#llx bytes: not page-aligned, empty or past the end of the address space\n",
				   gpa, size);
		return -EINVAL;
	}
	if (size > ram_size) {
		pr_err_ratelimited("memslot at %#llx of %#llx bytes: its memfd has only %#llx\n",
				   gpa, size, (u64)ram_size);
		return -EINVAL;
	}
	return 0;
}

/* Takes a reference on @vm and @ram for the new slot. */
static struct file *memslot_file(struct file *vm, struct file *ram, u64 gpa,
				 u64 size)
{
	struct sample_memslot_obj *slot;
	struct file *file;
	int err;

	err = memslot_check(ram, gpa, size);
	if (err)
		return ERR_PTR(err);
	slot = kzalloc(sizeof(*slot), GFP_KERNEL);
	if (slot) {
		slot->vm = get_file(vm);
		slot->ram = get_file(ram);
		slot->gpa = gpa;
		slot->size = size;
	}
	file = sample_file(&memslot_fops, slot);
	if (IS_ERR(file) && slot) {
		fput(ram);
		fput(vm);
	}
	return file;
}

struct memslot_state {
	u64 gpa;
	u64 size;
	struct file *vm;
	struct file *ram;
};

LUO_SER(memslot_ser, struct memslot_state,
	LUO_FIELD(gpa, memslot_ser),
	LUO_FIELD(size, memslot_ser),
	LUO_FIELD_DEP(vm, memslot_ser, vm_handler),
	LUO_FIELD_DEP(ram, memslot_ser, guest_ram));

static bool memslot_can_preserve(struct file *file)
{
	return file->f_op == &memslot_fops;
}

/*
 * A slot never changes, but its memfd may have shrunk since: checked again,
 * or the next kernel would refuse the slot after the update.  The memfd is
 * preserved first, and its handler freezes its size.
 */
static int memslot_save(struct file *file, struct memslot_state *s)
{
	struct sample_memslot_obj *slot = file->private_data;
	int err = memslot_check(slot->ram, slot->gpa, slot->size);

	if (err)
		return err;
	s->gpa = slot->gpa;
	s->size = slot->size;
	s->vm = slot->vm;
	s->ram = slot->ram;
	return 0;
}

static struct file *memslot_load(struct memslot_state *s)
{
	return memslot_file(s->vm, s->ram, s->gpa, s->size);
}

LUO_HANDLER(memslot_handler, "sample-memslot", memslot_ser, LUO_VERSIONS(1),
	    .can_preserve = memslot_can_preserve,
	    .save = memslot_save,
	    .load = memslot_load);
LUO_LAYOUT_PIN(memslot_handler, 1, 0xd04dfd1ec939bbb4);

static int vm_create_memslot(struct file *vm,
			     struct sample_memslot __user *uarg)
{
	struct sample_memslot args;
	struct file *slot;
	int fd;

	if (copy_from_user(&args, uarg, sizeof(args)))
		return -EFAULT;
	if (args.flags)
		return -EINVAL;
	CLASS(fd, ram)(args.memfd);
	if (fd_empty(ram))
		return -EBADF;
	if (!guest_ram_is_memfd(fd_file(ram)))
		return -EINVAL;
	fd = get_unused_fd_flags(O_CLOEXEC);
	if (fd < 0)
		return fd;
	slot = memslot_file(vm, fd_file(ram), args.gpa, args.size);
	if (IS_ERR(slot)) {
		put_unused_fd(fd);
		return PTR_ERR(slot);
	}
	fd_install(fd, slot);
	return fd;
}

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
	case SAMPLE_VM_CREATE_MEMSLOT:
		return vm_create_memslot(file, (void __user *)arg);
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

static long memslot_ioctl(struct file *file, unsigned int cmd,
			  unsigned long arg)
{
	struct sample_memslot_obj *slot = file->private_data;
	struct sample_vm *vm = slot->vm->private_data;
	struct sample_memslot_info info;

	if (cmd != SAMPLE_MEMSLOT_GET)
		return -ENOTTY;
	info = (struct sample_memslot_info){
		.gpa = slot->gpa,
		.size = slot->size,
		.vm_id = READ_ONCE(vm->id),
		.ram_ino = file_inode(slot->ram)->i_ino,
	};
	return copy_to_user((void __user *)arg, &info, sizeof(info)) ?
		-EFAULT : 0;
}

static int memslot_release(struct inode *inode, struct file *file)
{
	struct sample_memslot_obj *slot = file->private_data;

	fput(slot->ram);
	fput(slot->vm);
	kfree(slot);
	return 0;
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

static const struct file_operations memslot_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = memslot_ioctl,
	.release = memslot_release,
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
	err = luo_handler_register(&memslot_handler);
	if (err)
		goto vcpu;
	err = misc_register(&vm_dev);
	if (err)
		goto memslot;
	return 0;
memslot:
	luo_handler_unregister(&memslot_handler);
vcpu:
	luo_handler_unregister(&vcpu_handler);
vm:
	luo_handler_unregister(&vm_handler);
	return err;
}

static void __exit sample_vm_exit(void)
{
	misc_deregister(&vm_dev);
	luo_handler_unregister(&memslot_handler);
	luo_handler_unregister(&vcpu_handler);
	luo_handler_unregister(&vm_handler);
}

module_init(sample_vm_init);
module_exit(sample_vm_exit);
MODULE_DESCRIPTION("Live update sample: a VM, its vCPUs and its memory slots");
MODULE_LICENSE("GPL");
