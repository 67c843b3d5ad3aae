// SPDX-License-Identifier: GPL-2.0
/*
 * The file types of text_fw.c written by hand, as glue_vcpu_hand.c writes
 * its vCPU: a little-endian ABI struct per version, its header checked,
 * the VM found by token and its type checked, every error unwound.
 */
#include <linux/liveupdate.h>
#include <linux/module.h>
#include <linux/luo_handler/seam.h>

#include "text_files.h"

#define TEXT_MAGIC	0x54584554

struct text_ser_v1 {
	__le32 magic;
	__le32 version;
	__le64 regs[TEXT_NR_REGS];
	__le64 vm_token;
};

struct text_ser_v2 {
	struct text_ser_v1 v1;
	__le32 flags;
	__le32 pad;
};

static void text_free_outgoing(struct liveupdate_file_op_args *args)
{
	luo_state_free_outgoing(args->session, args->serialized_data);
}

static void text_free_incoming(struct liveupdate_file_op_args *args)
{
	luo_state_free_incoming(args->session, args->serialized_data);
}

static bool text_never(struct liveupdate_file_handler *fh, struct file *file)
{
	return false;
}

/* Type @n: its ABI handling and its two handlers, as a driver writes them. */
#define TEXT_HAND_TYPE(n)						\
	static bool text_can_preserve_##n(struct liveupdate_file_handler *fh, \
					  struct file *file)		\
	{								\
		return text_is(file, (n) - 1);				\
	}								\
									\
	static int text_preserve_##n(struct liveupdate_file_op_args *args) \
	{								\
		struct text_obj *o = text_obj(args->file);		\
		struct text_ser_v2 *ser;				\
		u64 token;						\
		int i, err;						\
									\
		if (!o->vm || !text_is(o->vm, TEXT_VM)) {		\
			pr_err("text-hand" #n ": no VM\n");		\
			return -EINVAL;					\
		}							\
		err = liveupdate_get_token_outgoing(args->session, o->vm, \
						    &token);		\
		if (err) {						\
			pr_err("text-hand" #n ": VM not preserved: %d\n", \
			       err);					\
			return err;					\
		}							\
		ser = luo_state_alloc(args->session, sizeof(*ser),	\
				      &args->serialized_data);		\
		if (IS_ERR(ser))					\
			return PTR_ERR(ser);				\
		ser->v1.magic = cpu_to_le32(TEXT_MAGIC);		\
		ser->v1.version = cpu_to_le32(2);			\
		for (i = 0; i < TEXT_NR_REGS; i++)			\
			ser->v1.regs[i] = cpu_to_le64(o->regs[i]);	\
		ser->v1.vm_token = cpu_to_le64(token);			\
		ser->flags = cpu_to_le32(o->flags);			\
		return 0;						\
	}								\
									\
	static int text_retrieve_##n(struct liveupdate_file_op_args *args, \
				     u32 version, size_t size)		\
	{								\
		u64 regs[TEXT_NR_REGS];					\
		struct text_ser_v2 *ser;				\
		struct file *vm, *file;					\
		u32 flags = 0;						\
		int i, err;						\
									\
		ser = luo_state_ptr(args->session, args->serialized_data, \
				    size);				\
		if (!ser)						\
			return -EINVAL;					\
		if (le32_to_cpu(ser->v1.magic) != TEXT_MAGIC ||		\
		    le32_to_cpu(ser->v1.version) != version) {		\
			pr_err("text-hand" #n ": bad state header\n");	\
			return -EINVAL;					\
		}							\
		err = liveupdate_get_file_incoming(args->session,	\
				le64_to_cpu(ser->v1.vm_token), &vm);	\
		if (err)						\
			return err;					\
		if (!text_is(vm, TEXT_VM)) {				\
			pr_err("text-hand" #n ": token is not a VM\n");	\
			return -EINVAL;					\
		}							\
		for (i = 0; i < TEXT_NR_REGS; i++)			\
			regs[i] = le64_to_cpu(ser->v1.regs[i]);		\
		if (version >= 2)					\
			flags = le32_to_cpu(ser->flags);		\
		file = text_open((n) - 1, regs, flags, vm);		\
		if (IS_ERR(file))					\
			return PTR_ERR(file);				\
		args->file = file;					\
		return 0;						\
	}								\
									\
	static int text_retrieve_v2_##n(struct liveupdate_file_op_args *args) \
	{								\
		return text_retrieve_##n(args, 2,			\
					 sizeof(struct text_ser_v2));	\
	}								\
									\
	static int text_retrieve_v1_##n(struct liveupdate_file_op_args *args) \
	{								\
		return text_retrieve_##n(args, 1,			\
					 sizeof(struct text_ser_v1));	\
	}								\
									\
	static const struct liveupdate_file_ops text_v2_ops_##n = {	\
		.can_preserve = text_can_preserve_##n,			\
		.preserve = text_preserve_##n,				\
		.unpreserve = text_free_outgoing,			\
		.retrieve = text_retrieve_v2_##n,			\
		.finish = text_free_incoming,				\
		.owner = THIS_MODULE,					\
	};								\
	static const struct liveupdate_file_ops text_v1_ops_##n = {	\
		.can_preserve = text_never,				\
		.preserve = text_preserve_##n,				\
		.unpreserve = text_free_outgoing,			\
		.retrieve = text_retrieve_v1_##n,			\
		.finish = text_free_incoming,				\
		.owner = THIS_MODULE,					\
	};								\
	static LIVEUPDATE_FILE_HANDLER(text_v2_##n, "text-hand" #n "-v2", \
				       &text_v2_ops_##n);		\
	static LIVEUPDATE_FILE_HANDLER(text_v1_##n, "text-hand" #n "-v1", \
				       &text_v1_ops_##n)

TEXT_HAND_TYPE(1);
#if TEXT_NR >= 2
TEXT_HAND_TYPE(2);
#endif
#if TEXT_NR >= 8
TEXT_HAND_TYPE(3);
TEXT_HAND_TYPE(4);
TEXT_HAND_TYPE(5);
TEXT_HAND_TYPE(6);
TEXT_HAND_TYPE(7);
TEXT_HAND_TYPE(8);
#endif

static struct liveupdate_file_handler *const text_handlers[] = {
	&text_v2_1, &text_v1_1,
#if TEXT_NR >= 2
	&text_v2_2, &text_v1_2,
#endif
#if TEXT_NR >= 8
	&text_v2_3, &text_v1_3, &text_v2_4, &text_v1_4,
	&text_v2_5, &text_v1_5, &text_v2_6, &text_v1_6,
	&text_v2_7, &text_v1_7, &text_v2_8, &text_v1_8,
#endif
};

static_assert(ARRAY_SIZE(text_handlers) == 2 * TEXT_NR);

static int __init text_hand_init(void)
{
	unsigned int i;
	int err;

	for (i = 0; i < ARRAY_SIZE(text_handlers); i++) {
		err = liveupdate_register_file_handler(text_handlers[i]);
		if (err)
			goto unregister;
	}
	return 0;

unregister:
	while (i--)
		liveupdate_unregister_file_handler(text_handlers[i]);
	return err;
}

static void __exit text_hand_exit(void)
{
	unsigned int i = ARRAY_SIZE(text_handlers);

	while (i--)
		liveupdate_unregister_file_handler(text_handlers[i]);
}

module_init(text_hand_init);
module_exit(text_hand_exit);
MODULE_DESCRIPTION("Live update benchmark: .text of hand-written handlers");
MODULE_LICENSE("GPL");
