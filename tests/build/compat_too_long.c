// SPDX-License-Identifier: GPL-2.0
// expect: does not fit in 48 bytes with its NUL"
/* 48 characters: no room left for the NUL. */
#include <linux/liveupdate.h>

static const struct liveupdate_file_ops ops;
static LIVEUPDATE_FILE_HANDLER(h, "luo-fixture-0123456789-0123456789-01234567890-v1",
			       &ops);
