// SPDX-License-Identifier: GPL-2.0
// expect: ok
/* 47 characters and the NUL: the longest compatible that fits. */
#include <linux/liveupdate.h>
#include <linux/module.h>

static const struct liveupdate_file_ops ops;
static LIVEUPDATE_FILE_HANDLER(h, "luo-fixture-0123456789-0123456789-0123456789-v1",
			       &ops);
MODULE_LICENSE("GPL");

struct liveupdate_file_handler *luo_fixture_handler = &h;
