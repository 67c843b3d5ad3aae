// SPDX-License-Identifier: GPL-2.0
// expect: is not a string literal
/* The compatible must be a literal: it is laid out at compile time. */
#include <linux/liveupdate.h>

static const struct liveupdate_file_ops ops;
static const char *name = "luo-fixture-v1";
static LIVEUPDATE_FILE_HANDLER(h, name, &ops);
