// SPDX-License-Identifier: GPL-2.0
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/luo_handler/handler.h>

static struct luo_handler vm_handler, vcpu_handler, counter_handler;
static struct miscdevice vm_dev, counter_dev;

static int __init goto_init(void)
{
	int err;

	err = luo_handler_register(&vm_handler);
	if (err)
		return err;
	err = luo_handler_register(&vcpu_handler);
	if (err)
		goto vm;
	err = misc_register(&vm_dev);
	if (err)
		goto vcpu;
	return 0;
vcpu:
	luo_handler_unregister(&vcpu_handler);
vm:
	luo_handler_unregister(&vm_handler);
	return err;
}

static int __init inline_init(void)
{
	int err = luo_handler_register(&counter_handler);

	if (err)
		return err;
	err = misc_register(&counter_dev);
	if (err)
		luo_handler_unregister(&counter_handler);
	return err;
}

/* All or none, in a loop. */
static int register_all(struct liveupdate_file_handler **fh, int n)
{
	int i, err;

	for (i = 0; i < n; i++) {
		err = liveupdate_register_file_handler(fh[i]);
		if (err) {
			while (i--)
				liveupdate_unregister_file_handler(fh[i]);
			return err;
		}
	}
	return 0;
}

static void __exit fixture_exit(void)
{
	misc_deregister(&vm_dev);
	misc_deregister(&counter_dev);
	luo_handler_unregister(&vcpu_handler);
	luo_handler_unregister(&vm_handler);
	luo_handler_unregister(&counter_handler);
}
