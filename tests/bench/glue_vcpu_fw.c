// SPDX-License-Identifier: GPL-2.0
/*
 * A vCPU file type that depends on a VM file type, two versions, declared
 * with the framework: compared, for size and speed, with
 * glue_vcpu_hand.c, which does the same work by hand.
 */
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/luo_handler/handler.h>

#include "glue_vcpu.h"

struct vm_state {
	u64 id;
};

LUO_SER(vm_ser, struct vm_state, LUO_FIELD(id, vm_ser));

static int vm_save(struct file *file, struct vm_state *s)
{
	s->id = glue_vm(file)->id;
	return 0;
}

static struct file *vm_load(struct vm_state *s)
{
	return glue_vm_open(s->id);
}

LUO_HANDLER(glue_vm_fw, "glue-vm-fw", vm_ser, LUO_VERSIONS(1),
	    .can_preserve = glue_is_vm, .save = vm_save, .load = vm_load);

struct vcpu_state {
	u64 regs[GLUE_NR_REGS];
	u32 flags;
	struct file *vm;
};

LUO_SER(vcpu_ser, struct vcpu_state,
	LUO_FIELD_ARRAY(regs, vcpu_ser),
	LUO_FIELD(flags, vcpu_ser, LUO_SINCE(2)),
	LUO_FIELD_DEP(vm, vcpu_ser, glue_vm_fw));

static int vcpu_save(struct file *file, struct vcpu_state *s)
{
	struct glue_vcpu *vcpu = glue_vcpu(file);

	memcpy(s->regs, vcpu->regs, sizeof(s->regs));
	s->flags = vcpu->flags;
	s->vm = vcpu->vm;
	return 0;
}

static struct file *vcpu_load(struct vcpu_state *s)
{
	return glue_vcpu_open(s->vm, s->regs, s->flags);
}

LUO_HANDLER(glue_vcpu_fw, "glue-vcpu-fw", vcpu_ser, LUO_VERSIONS(2, 1),
	    .can_preserve = glue_is_vcpu, .save = vcpu_save,
	    .load = vcpu_load);

int glue_fw_register(void)
{
	int err = luo_handler_register(&glue_vm_fw);

	if (!err) {
		err = luo_handler_register(&glue_vcpu_fw);
		if (err)
			luo_handler_unregister(&glue_vm_fw);
	}
	return err;
}

void glue_fw_unregister(void)
{
	luo_handler_unregister(&glue_vcpu_fw);
	luo_handler_unregister(&glue_vm_fw);
}
