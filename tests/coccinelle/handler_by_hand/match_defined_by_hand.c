// SPDX-License-Identifier: GPL-2.0
#include <linux/liveupdate.h>

static const struct liveupdate_file_ops a_ops;

static struct liveupdate_file_handler a_handler = { // expect: file handler a_handler defined by hand
	.ops = &a_ops,
	.compatible = "fixture-a-v1",
};

struct liveupdate_file_handler b_handler = { // expect: file handler b_handler defined by hand
	.compatible = "fixture-b-v2",
	.ops = &a_ops,
};

/* Filled in at run time: reported, not converted. */
static struct liveupdate_file_handler c_handler; // expect: file handler c_handler defined by hand

static int fixture_cmp(struct liveupdate_file_handler *fh)
{
	struct liveupdate_file_handler local = { .ops = &a_ops }; // expect: file handler local defined by hand

	return fh == &local || fh == &a_handler || fh == &b_handler ||
	       fh == &c_handler;
}
