// SPDX-License-Identifier: GPL-2.0
/*
 * The file types of glue_vcpu_fw.c written by hand, the way a careful
 * driver does without the framework: a little-endian ABI struct per
 * version, its size and version checked, the VM found by token and its
 * type checked, every error unwound.  Its state lives in the same preserved
 * memory as the framework's, through the seam's primitives (KHO on
 * mainline, the handover heap on our core), so that both build and compare
 * on either kernel.
 */
#include <linux/fs.h>
#include <linux/liveupdate.h>
#include <linux/module.h>
#include <linux/luo_handler/seam.h>

#include "glue_vcpu.h"

#define GLUE_HAND_MAGIC	0x44484c47

struct vm_ser {
	__le32 magic;
	__le32 version;
	__le64 id;
};

struct vcpu_ser_v1 {
	__le32 magic;
	__le32 version;
	__le64 regs[GLUE_NR_REGS];
	__le64 vm_token;
};

struct vcpu_ser_v2 {
	struct vcpu_ser_v1 v1;
	__le32 flags;
	__le32 pad;
};

static bool hand_can_preserve_vm(struct liveupdate_file_handler *fh,
				 struct file *file)
{
	return glue_is_vm(file);
}

static int hand_preserve_vm(struct liveupdate_file_op_args *args)
{
	struct vm_ser *ser;

	ser = luo_state_alloc(args->session, sizeof(*ser),
			      &args->serialized_data);
	if (IS_ERR(ser))
		return PTR_ERR(ser);
	ser->magic = cpu_to_le32(GLUE_HAND_MAGIC);
	ser->version = cpu_to_le32(1);
	ser->id = cpu_to_le64(glue_vm(args->file)->id);
	return 0;
}

static void hand_free_outgoing(struct liveupdate_file_op_args *args)
{
	luo_state_free_outgoing(args->session, args->serialized_data);
}

static void hand_free_incoming(struct liveupdate_file_op_args *args)
{
	luo_state_free_incoming(args->session, args->serialized_data);
}

static int hand_retrieve_vm(struct liveupdate_file_op_args *args)
{
	struct vm_ser *ser;
	struct file *file;

	ser = luo_state_ptr(args->session, args->serialized_data,
			    sizeof(*ser));
	if (!ser)
		return -EINVAL;
	if (le32_to_cpu(ser->magic) != GLUE_HAND_MAGIC ||
	    le32_to_cpu(ser->version) != 1) {
		pr_err("glue-vm-hand: bad state header\n");
		return -EINVAL;
	}
	file = glue_vm_open(le64_to_cpu(ser->id));
	if (IS_ERR(file))
		return PTR_ERR(file);
	args->file = file;
	return 0;
}

static const struct liveupdate_file_ops hand_vm_ops = {
	.can_preserve = hand_can_preserve_vm,
	.preserve = hand_preserve_vm,
	.unpreserve = hand_free_outgoing,
	.retrieve = hand_retrieve_vm,
	.finish = hand_free_incoming,
	.owner = THIS_MODULE,
};

static LIVEUPDATE_FILE_HANDLER(hand_vm, "glue-vm-hand-v1", &hand_vm_ops);

static bool hand_can_preserve_vcpu(struct liveupdate_file_handler *fh,
				   struct file *file)
{
	return glue_is_vcpu(file);
}

static int hand_preserve_vcpu(struct liveupdate_file_op_args *args)
{
	struct glue_vcpu *vcpu = glue_vcpu(args->file);
	struct vcpu_ser_v2 *ser;
	u64 token;
	int i, err;

	if (!vcpu->vm || !glue_is_vm(vcpu->vm)) {
		pr_err("glue-vcpu-hand: no VM\n");
		return -EINVAL;
	}
	err = liveupdate_get_token_outgoing(args->session, vcpu->vm, &token);
	if (err) {
		pr_err("glue-vcpu-hand: VM not preserved: %d\n", err);
		return err;
	}
	ser = luo_state_alloc(args->session, sizeof(*ser),
			      &args->serialized_data);
	if (IS_ERR(ser))
		return PTR_ERR(ser);
	ser->v1.magic = cpu_to_le32(GLUE_HAND_MAGIC);
	ser->v1.version = cpu_to_le32(2);
	for (i = 0; i < GLUE_NR_REGS; i++)
		ser->v1.regs[i] = cpu_to_le64(vcpu->regs[i]);
	ser->v1.vm_token = cpu_to_le64(token);
	ser->flags = cpu_to_le32(vcpu->flags);
	return 0;
}

/* Reads version @version: 2 from the v2 handler, 1 from the v1 one. */
static int hand_retrieve_vcpu(struct liveupdate_file_op_args *args,
			      u32 version, size_t size)
{
	u64 regs[GLUE_NR_REGS];
	struct vcpu_ser_v2 *ser;
	struct file *vm, *file;
	u32 flags = 0;
	int i, err;

	ser = luo_state_ptr(args->session, args->serialized_data, size);
	if (!ser)
		return -EINVAL;
	if (le32_to_cpu(ser->v1.magic) != GLUE_HAND_MAGIC ||
	    le32_to_cpu(ser->v1.version) != version) {
		pr_err("glue-vcpu-hand: bad state header\n");
		return -EINVAL;
	}
	err = liveupdate_get_file_incoming(args->session,
					   le64_to_cpu(ser->v1.vm_token), &vm);
	if (err)
		return err;
	if (!glue_is_vm(vm)) {
		pr_err("glue-vcpu-hand: token is not a VM\n");
		return -EINVAL;
	}
	for (i = 0; i < GLUE_NR_REGS; i++)
		regs[i] = le64_to_cpu(ser->v1.regs[i]);
	if (version >= 2)
		flags = le32_to_cpu(ser->flags);
	file = glue_vcpu_open(vm, regs, flags);
	if (IS_ERR(file))
		return PTR_ERR(file);
	args->file = file;
	return 0;
}

static int hand_retrieve_vcpu_v2(struct liveupdate_file_op_args *args)
{
	return hand_retrieve_vcpu(args, 2, sizeof(struct vcpu_ser_v2));
}

static int hand_retrieve_vcpu_v1(struct liveupdate_file_op_args *args)
{
	return hand_retrieve_vcpu(args, 1, sizeof(struct vcpu_ser_v1));
}

static bool hand_never(struct liveupdate_file_handler *fh, struct file *file)
{
	return false;
}

static const struct liveupdate_file_ops hand_vcpu_v2_ops = {
	.can_preserve = hand_can_preserve_vcpu,
	.preserve = hand_preserve_vcpu,
	.unpreserve = hand_free_outgoing,
	.retrieve = hand_retrieve_vcpu_v2,
	.finish = hand_free_incoming,
	.owner = THIS_MODULE,
};

/* Reads version 1 only; never preserves. */
static const struct liveupdate_file_ops hand_vcpu_v1_ops = {
	.can_preserve = hand_never,
	.preserve = hand_preserve_vcpu,
	.unpreserve = hand_free_outgoing,
	.retrieve = hand_retrieve_vcpu_v1,
	.finish = hand_free_incoming,
	.owner = THIS_MODULE,
};

static LIVEUPDATE_FILE_HANDLER(hand_vcpu_v2, "glue-vcpu-hand-v2",
			       &hand_vcpu_v2_ops);
static LIVEUPDATE_FILE_HANDLER(hand_vcpu_v1, "glue-vcpu-hand-v1",
			       &hand_vcpu_v1_ops);

int glue_hand_register(void)
{
	int err;

	err = liveupdate_register_file_handler(&hand_vm);
	if (err)
		return err;
	err = liveupdate_register_file_handler(&hand_vcpu_v2);
	if (err)
		goto vm;
	err = liveupdate_register_file_handler(&hand_vcpu_v1);
	if (err)
		goto v2;
	return 0;
v2:
	liveupdate_unregister_file_handler(&hand_vcpu_v2);
vm:
	liveupdate_unregister_file_handler(&hand_vm);
	return err;
}

void glue_hand_unregister(void)
{
	liveupdate_unregister_file_handler(&hand_vcpu_v1);
	liveupdate_unregister_file_handler(&hand_vcpu_v2);
	liveupdate_unregister_file_handler(&hand_vm);
}
