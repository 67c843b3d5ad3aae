// SPDX-License-Identifier: GPL-2.0
/*
 * A driver's mistake, for the end-to-end tests: a module that registers a
 * handler and never unregisters it.  With nothing preserved, rmmod takes it
 * out; the core must then drop the handler and say so, rather than keep a
 * pointer into the freed module.
 */
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/luo_handler/handler.h>

struct forgetful_state {
	u64 value;
};

LUO_SER(forgetful_ser, struct forgetful_state,
	LUO_FIELD(value, forgetful_ser));

static bool forgetful_can_preserve(struct file *file)
{
	return false;
}

static int forgetful_save(struct file *file, struct forgetful_state *s)
{
	return -EOPNOTSUPP;
}

static struct file *forgetful_load(struct forgetful_state *s)
{
	return ERR_PTR(-EOPNOTSUPP);
}

LUO_HANDLER(forgetful_handler, "luo-forgetful", forgetful_ser,
	    LUO_VERSIONS(1),
	    .can_preserve = forgetful_can_preserve,
	    .save = forgetful_save,
	    .load = forgetful_load);

static int __init forgetful_init(void)
{
	return luo_handler_register(&forgetful_handler);
}

/* The mistake: no luo_handler_unregister() here. */
static void __exit forgetful_exit(void)
{
}

module_init(forgetful_init);
module_exit(forgetful_exit);
MODULE_DESCRIPTION("Live update test: a module that forgets to unregister");
MODULE_LICENSE("GPL");
