// SPDX-License-Identifier: GPL-2.0
// expect: error: static assertion failed: "liveupdate: empty compatible"
#include <linux/liveupdate.h>

static const struct liveupdate_file_ops ops;
static LIVEUPDATE_FILE_HANDLER(h, "", &ops);
