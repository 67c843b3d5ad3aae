/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A VM and its vCPUs as file types, preserved two ways: with the framework
 * (glue_vcpu_fw.c) and by hand (glue_vcpu_hand.c), to compare the cost of
 * the generated glue with code written for the purpose.
 */
#ifndef _GLUE_VCPU_H
#define _GLUE_VCPU_H

#include <linux/types.h>

struct file;

#define GLUE_NR_REGS	16

struct glue_vm {
	u64 id;
};

/* @vm: no reference held, as for KVM's vCPU fds and their VM. */
struct glue_vcpu {
	u64 regs[GLUE_NR_REGS];
	u32 flags;
	struct file *vm;
};

bool glue_is_vm(struct file *file);
bool glue_is_vcpu(struct file *file);
struct glue_vm *glue_vm(struct file *file);
struct glue_vcpu *glue_vcpu(struct file *file);
struct file *glue_vm_open(u64 id);
struct file *glue_vcpu_open(struct file *vm, const u64 *regs, u32 flags);

int glue_fw_register(void);
void glue_fw_unregister(void);
int glue_hand_register(void);
void glue_hand_unregister(void);

#endif /* _GLUE_VCPU_H */
