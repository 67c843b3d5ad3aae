// SPDX-License-Identifier: GPL-2.0
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/luo_handler/handler.h>

static struct luo_handler vm_handler, vcpu_handler;
static struct miscdevice vm_dev;

/* Each handler unregistered on every error path taken after it. */
static int __init two_init(void)
{
	int err;

	err = luo_handler_register(&vm_handler);
	if (err)
		return err;
	err = luo_handler_register(&vcpu_handler);
	if (err) {
		luo_handler_unregister(&vm_handler);
		return err;
	}
	err = misc_register(&vm_dev);
	if (err) {
		luo_handler_unregister(&vcpu_handler);
		luo_handler_unregister(&vm_handler);
		return err;
	}
	return 0;
}

static void __exit two_exit(void)
{
	misc_deregister(&vm_dev);
	luo_handler_unregister(&vcpu_handler);
	luo_handler_unregister(&vm_handler);
}

module_init(two_init);
module_exit(two_exit);
