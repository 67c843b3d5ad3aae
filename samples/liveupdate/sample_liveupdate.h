/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * ioctls of the live update samples, for their userspace driver.
 */
#ifndef _SAMPLE_LIVEUPDATE_H
#define _SAMPLE_LIVEUPDATE_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define SAMPLE_IOC		0xBB
#define SAMPLE_NR_REGS		16

/* /dev/luo_sample_counter: each open file is a counter with a label. */
struct sample_counter {
	__u64 value;
	char label[32];
};

#define SAMPLE_COUNTER_SET	_IOW(SAMPLE_IOC, 0x00, struct sample_counter)
#define SAMPLE_COUNTER_GET	_IOR(SAMPLE_IOC, 0x01, struct sample_counter)

/*
 * /dev/luo_sample_vm: each open file is a VM; SAMPLE_VM_CREATE_VCPU returns
 * the fd of a new vCPU of it, which refers to the VM as KVM's do.
 */
struct sample_vcpu_regs {
	__u64 regs[SAMPLE_NR_REGS];
};

#define SAMPLE_VM_SET_ID	_IOW(SAMPLE_IOC, 0x10, __u64)
#define SAMPLE_VM_GET_ID	_IOR(SAMPLE_IOC, 0x11, __u64)
#define SAMPLE_VM_CREATE_VCPU	_IO(SAMPLE_IOC, 0x12)
#define SAMPLE_VCPU_SET_REGS	_IOW(SAMPLE_IOC, 0x20, struct sample_vcpu_regs)
#define SAMPLE_VCPU_GET_REGS	_IOR(SAMPLE_IOC, 0x21, struct sample_vcpu_regs)
#define SAMPLE_VCPU_GET_VM_ID	_IOR(SAMPLE_IOC, 0x22, __u64)
/* 1: the vCPU runs, and an update cannot freeze it; 0: it is stopped. */
#define SAMPLE_VCPU_RUN		_IOW(SAMPLE_IOC, 0x23, __u32)

/*
 * SAMPLE_VM_CREATE_MEMSLOT returns the fd of a new memory slot of the VM:
 * guest RAM backed by a memfd (@size bytes from its start) at guest
 * physical address @gpa, both page-aligned; like a KVM memslot bound to a
 * guest_memfd, it refers to its VM and to its memfd.
 */
struct sample_memslot {
	__s32 memfd;
	__u32 flags;		/* 0 */
	__u64 gpa;
	__u64 size;
};

/* What a slot says of itself: @ram_ino is its memfd's inode number. */
struct sample_memslot_info {
	__u64 gpa;
	__u64 size;
	__u64 vm_id;
	__u64 ram_ino;
};

#define SAMPLE_VM_CREATE_MEMSLOT	_IOW(SAMPLE_IOC, 0x13, struct sample_memslot)
#define SAMPLE_MEMSLOT_GET	_IOR(SAMPLE_IOC, 0x28, struct sample_memslot_info)

/*
 * /dev/luo_sample_note: each open file is a note.  @layout is the layout
 * the driver keeps (1 or 2); the layout 1 driver has no @priority.
 */
#define SAMPLE_NOTE_TEXT	48

struct sample_note {
	__u64 id;
	__u32 priority;
	__u32 layout;
	char text[SAMPLE_NOTE_TEXT];
};

#define SAMPLE_NOTE_SET		_IOW(SAMPLE_IOC, 0x30, struct sample_note)
#define SAMPLE_NOTE_GET		_IOR(SAMPLE_IOC, 0x31, struct sample_note)

#endif /* _SAMPLE_LIVEUPDATE_H */
