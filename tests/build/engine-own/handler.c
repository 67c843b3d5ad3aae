// SPDX-License-Identifier: GPL-2.0
/* A declared handler whose glue is the module's own engine. */
#include <linux/module.h>
#include <linux/luo_handler/handler.h>

struct own_state {
	u64 value;
};

LUO_SER(own_ser, struct own_state, LUO_FIELD(value, own_ser));

static bool own_can_preserve(struct file *file)
{
	return false;
}

static int own_save(struct file *file, struct own_state *s)
{
	return 0;
}

static struct file *own_load(struct own_state *s)
{
	return ERR_PTR(-EINVAL);
}

LUO_HANDLER(own_handler, "luo-engine-own", own_ser, LUO_VERSIONS(1),
	    .can_preserve = own_can_preserve,
	    .save = own_save,
	    .load = own_load);

static int __init own_init(void)
{
	return luo_handler_register(&own_handler);
}

static void __exit own_exit(void)
{
	luo_handler_unregister(&own_handler);
}

module_init(own_init);
module_exit(own_exit);
MODULE_DESCRIPTION("Fixture: a module with its own luo_handler engine");
MODULE_LICENSE("GPL");
