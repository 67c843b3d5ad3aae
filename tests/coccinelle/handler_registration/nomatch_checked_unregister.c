// SPDX-License-Identifier: GPL-2.0
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/liveupdate.h>

static struct liveupdate_file_handler ring_fh;
static struct miscdevice ring_dev;

/* The core's unregistration that says why a handler stays is one too. */
static int __init ring_init(void)
{
	int err;

	err = liveupdate_register_file_handler(&ring_fh);
	if (err)
		return err;
	err = misc_register(&ring_dev);
	if (err) {
		WARN_ON(luo_unregister_file_handler(&ring_fh));
		return err;
	}
	return 0;
}

static void __exit ring_exit(void)
{
	misc_deregister(&ring_dev);
	WARN_ON(luo_unregister_file_handler(&ring_fh));
}

module_init(ring_init);
module_exit(ring_exit);
