// SPDX-License-Identifier: GPL-2.0
/*
 * Helpers shared by the live update core's KUnit suites.
 */
#include <kunit/resource.h>
#include <linux/string.h>

#include "luo_test_util.h"

static bool luo_test_can_preserve(struct liveupdate_file_handler *handler,
				  struct file *file)
{
	return false;
}

static int luo_test_preserve(struct liveupdate_file_op_args *args)
{
	return -EOPNOTSUPP;
}

static int luo_test_retrieve(struct liveupdate_file_op_args *args)
{
	return -EOPNOTSUPP;
}

static void luo_test_nop(struct liveupdate_file_op_args *args)
{
}

const struct liveupdate_file_ops luo_test_ops = {
	.can_preserve = luo_test_can_preserve,
	.preserve = luo_test_preserve,
	.unpreserve = luo_test_nop,
	.retrieve = luo_test_retrieve,
	.finish = luo_test_nop,
	.owner = THIS_MODULE,
};

/**
 * luo_test_handler() - a handler whose compatible is chosen at run time
 * @test:       The test owning the allocation.
 * @ops:        The handler's ops.
 * @compatible: Bytes of the compatible; need not be a C string.
 * @len:        How many bytes of @compatible to copy, at most
 *              LIVEUPDATE_HNDL_COMPAT_LENGTH; the rest stays NUL.
 *
 * LIVEUPDATE_FILE_HANDLER() refuses bad compatibles at compile time; this is
 * how the suites hand the registry the ones a module could still produce.
 *
 * Return: The handler, freed when the test ends.
 */
struct liveupdate_file_handler *
luo_test_handler(struct kunit *test, const struct liveupdate_file_ops *ops,
		 const char *compatible, size_t len)
{
	struct liveupdate_file_handler *fh;

	fh = kunit_kzalloc(test, sizeof(*fh), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, fh);
	KUNIT_ASSERT_LE(test, len, LIVEUPDATE_HNDL_COMPAT_LENGTH);
	fh->ops = ops;
	memcpy((char *)fh->compatible, compatible, len);
	return fh;
}

static void luo_test_unregister(void *fh)
{
	/*
	 * Our core answers -ENOENT when the test already unregistered it;
	 * mainline must not be asked twice (list_del()): mainline suites
	 * do not use this helper for handlers they unregister themselves.
	 */
	liveupdate_unregister_file_handler(fh);
}

/**
 * luo_test_register() - register a handler for the rest of the test
 * @test: The test.
 * @fh:   The handler.
 *
 * On success the handler is unregistered when the test ends, even if an
 * assertion fails first, so a failing test cannot leak it into the next.
 *
 * Return: What liveupdate_register_file_handler() returned.
 */
int luo_test_register(struct kunit *test, struct liveupdate_file_handler *fh)
{
	int err = liveupdate_register_file_handler(fh);

	if (!err)
		KUNIT_ASSERT_EQ(test, 0,
				kunit_add_action_or_reset(test,
							  luo_test_unregister,
							  fh));
	return err;
}
