/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A file type preserved without the framework, to test the core on its own:
 * an anonymous inode carrying a value and, optionally, a file it depends on.
 */
#ifndef _LUO_TEST_FILE_H
#define _LUO_TEST_FILE_H

#include <kunit/test.h>
#include <linux/liveupdate.h>

#define LUO_TEST_FILE_COMPAT	"luo-test-file-v1"

/* Values that make the handler fail a step, to test the rollbacks. */
#define LUO_TEST_FAIL_PRESERVE	0xbad0001
#define LUO_TEST_FAIL_FREEZE	0xbad0002
#define LUO_TEST_FAIL_RETRIEVE	0xbad0003

/**
 * struct luo_test_obj - what a test file carries
 * @value: Preserved and restored.
 * @dep:   A file this one depends on, or NULL.  No reference is held, so
 *         that releasing a long chain does not recurse through deferred
 *         fput()s: the test, or the incoming session until it is finished,
 *         keeps @dep alive.
 */
struct luo_test_obj {
	u64 value;
	struct file *dep;
};

/**
 * struct luo_test_log - what the handler was asked to do, in order
 * @calls: "p<value>" for preserve, "f" freeze, "u" unfreeze, "x" unpreserve,
 *         "r" retrieve, "F<status>" finish, each followed by a space.
 * @len:   Bytes used in @calls.
 */
struct luo_test_log {
	char calls[256];
	size_t len;
};

extern struct liveupdate_file_handler luo_test_file_handler;
extern struct luo_test_log luo_test_log;
/* Makes can_finish() say no. */
extern bool luo_test_block_finish;

struct file *luo_test_file(struct kunit *test, u64 value, struct file *dep);
struct luo_test_obj *luo_test_obj(struct file *file);
bool luo_test_is_file(struct file *file);
void luo_test_log_reset(void);
void *luo_test_medium(struct kunit *test, size_t size);

#endif /* _LUO_TEST_FILE_H */
