// SPDX-License-Identifier: GPL-2.0
/* One handler, through a macro name, in the second object. */
#include <linux/liveupdate.h>
#include <linux/module.h>

#include "handlers.h"

#define LUO_FIXTURE_C_COMPATIBLE "luo-fixture-c-v3"

const struct liveupdate_file_ops luo_fixture_ops = {
	.owner = THIS_MODULE,
};

LIVEUPDATE_FILE_HANDLER(luo_fixture_c, LUO_FIXTURE_C_COMPATIBLE,
			&luo_fixture_ops);

MODULE_DESCRIPTION("Fixture: handlers defined in two objects");
MODULE_LICENSE("GPL");
