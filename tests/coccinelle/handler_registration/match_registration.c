// SPDX-License-Identifier: GPL-2.0
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/liveupdate.h>

static struct liveupdate_file_handler a_fh, b_fh, c_fh;
static struct miscdevice a_dev, b_dev, c_dev;

static int __init direct_init(void)
{
	int err;

	err = liveupdate_register_file_handler(&a_fh);
	if (err)
		return err;
	err = misc_register(&a_dev);
	if (err)
		return err; // expect: error path returns with &a_fh still registered (registered on line 13)
	return 0;
}

static int __init goto_init(void)
{
	int err;

	err = liveupdate_register_file_handler(&b_fh);
	if (err)
		return err;
	err = misc_register(&b_dev);
	if (err)
		goto out;
	err = misc_register(&c_dev);
	if (err)
		goto dev;
	return 0;
dev:
	misc_deregister(&b_dev);
out:
	return err; // expect: error path returns with &b_fh still registered (registered on line 26)
}

static void __exit fixture_exit(void)
{
	liveupdate_unregister_file_handler(&a_fh);
	liveupdate_unregister_file_handler(&b_fh);
}

module_init(direct_init);
module_exit(fixture_exit);
