// SPDX-License-Identifier: GPL-2.0
/*
 * TEXT_NR vCPU-like file types, each two versions and a dependency on a
 * VM file, declared with the framework: the size of what a driver module
 * carries when the engine is the kernel's (scripts/bench.sh builds it for
 * 1, 2 and 8 types).  text_hand.c does the same by hand.
 */
#include <linux/module.h>
#include <linux/luo_handler/handler.h>

#include "text_files.h"

struct text_state {
	u64 regs[TEXT_NR_REGS];
	u32 flags;
	struct file *vm;
};

static bool text_is_vm(struct file *file)
{
	return text_is(file, TEXT_VM);
}

LUO_FILE_TYPE(text_vm, "text-vm", text_is_vm);

/* Type @n: its layout, callbacks and handler, as a driver writes them. */
#define TEXT_FW_TYPE(n)							\
	LUO_SER(text_ser_##n, struct text_state,			\
		LUO_FIELD_ARRAY(regs, text_ser_##n),			\
		LUO_FIELD(flags, text_ser_##n, LUO_SINCE(2)),		\
		LUO_FIELD_DEP(vm, text_ser_##n, text_vm));		\
									\
	static bool text_can_preserve_##n(struct file *file)		\
	{								\
		return text_is(file, (n) - 1);				\
	}								\
									\
	static int text_save_##n(struct file *file,			\
				 struct text_state *s)			\
	{								\
		const struct text_obj *o = text_obj(file);		\
									\
		memcpy(s->regs, o->regs, sizeof(s->regs));		\
		s->flags = o->flags;					\
		s->vm = o->vm;						\
		return 0;						\
	}								\
									\
	static struct file *text_load_##n(struct text_state *s)	\
	{								\
		return text_open((n) - 1, s->regs, s->flags, s->vm);	\
	}								\
									\
	LUO_HANDLER(text_fw_##n, "text-fw" #n, text_ser_##n,		\
		    LUO_VERSIONS(2, 1),					\
		    .can_preserve = text_can_preserve_##n,		\
		    .save = text_save_##n,				\
		    .load = text_load_##n)

TEXT_FW_TYPE(1);
#if TEXT_NR >= 2
TEXT_FW_TYPE(2);
#endif
#if TEXT_NR >= 8
TEXT_FW_TYPE(3);
TEXT_FW_TYPE(4);
TEXT_FW_TYPE(5);
TEXT_FW_TYPE(6);
TEXT_FW_TYPE(7);
TEXT_FW_TYPE(8);
#endif

static struct luo_handler *const text_handlers[] = {
	&text_fw_1,
#if TEXT_NR >= 2
	&text_fw_2,
#endif
#if TEXT_NR >= 8
	&text_fw_3, &text_fw_4, &text_fw_5, &text_fw_6, &text_fw_7,
	&text_fw_8,
#endif
};

static_assert(ARRAY_SIZE(text_handlers) == TEXT_NR);

static int __init text_fw_init(void)
{
	unsigned int i;
	int err;

	for (i = 0; i < ARRAY_SIZE(text_handlers); i++) {
		err = luo_handler_register(text_handlers[i]);
		if (err)
			goto unregister;
	}
	return 0;

unregister:
	while (i--)
		luo_handler_unregister(text_handlers[i]);
	return err;
}

static void __exit text_fw_exit(void)
{
	unsigned int i = ARRAY_SIZE(text_handlers);

	while (i--)
		luo_handler_unregister(text_handlers[i]);
}

module_init(text_fw_init);
module_exit(text_fw_exit);
MODULE_DESCRIPTION("Live update benchmark: .text of framework handlers");
MODULE_LICENSE("GPL");
