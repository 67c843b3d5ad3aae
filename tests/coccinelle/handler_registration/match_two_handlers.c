// SPDX-License-Identifier: GPL-2.0
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/luo_handler/handler.h>

static struct luo_handler vm_handler, vcpu_handler;
static struct miscdevice vm_dev;

/*
 * vcpu_handler is unregistered on the error path, vm_handler is not: only
 * vm_handler is reported, on both ways out.
 */
static int __init two_init(void)
{
	int err;

	err = luo_handler_register(&vm_handler);
	if (err)
		return err;
	err = luo_handler_register(&vcpu_handler);
	if (err)
		goto out;
	err = misc_register(&vm_dev);
	if (err)
		goto vcpu;
	return 0;
vcpu:
	luo_handler_unregister(&vcpu_handler);
out:
	return err; // expect: error path returns with &vm_handler still registered (registered on line 17)
}

static void __exit two_exit(void)
{
	misc_deregister(&vm_dev);
	luo_handler_unregister(&vcpu_handler);
	luo_handler_unregister(&vm_handler);
}

module_init(two_init);
module_exit(two_exit);
