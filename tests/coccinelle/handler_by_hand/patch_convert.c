// SPDX-License-Identifier: GPL-2.0
#include <linux/liveupdate.h>

static const struct liveupdate_file_ops a_ops, b_ops;

static struct liveupdate_file_handler a_handler = {
	.ops = &a_ops,
	.compatible = "fixture-a-v1",
};

struct liveupdate_file_handler b_handler = {
	.compatible = "fixture-b-v2",
	.ops = &b_ops,
};

/* Not a literal: left as it is. */
static struct liveupdate_file_handler c_handler = {
	.ops = &a_ops,
	.compatible = FIXTURE_C_COMPAT,
};
