// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>
#include <linux/luo_handler/handler.h>

static struct luo_handler *c_handler, *d_handler;

static int __init ignored_init(void)
{
	luo_handler_register(c_handler); // expect: result of registering c_handler ignored
	return 0;
}

/* Registered, checked, and never unregistered: no exit path. */
static int __init never_init(void)
{
	int err = luo_handler_register(d_handler); // expect: d_handler registered but never unregistered in this file

	return err;
}

static void __exit fixture_exit(void)
{
	luo_handler_unregister(c_handler);
}
