/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the live update core's KUnit suites.
 */
#ifndef _LUO_TEST_UTIL_H
#define _LUO_TEST_UTIL_H

#include <kunit/test.h>
#include <linux/liveupdate.h>

/* Every op implemented, none of them doing anything. */
extern const struct liveupdate_file_ops luo_test_ops;

struct liveupdate_file_handler *
luo_test_handler(struct kunit *test, const struct liveupdate_file_ops *ops,
		 const char *compatible, size_t len);

int luo_test_register(struct kunit *test, struct liveupdate_file_handler *fh);

#endif /* _LUO_TEST_UTIL_H */
