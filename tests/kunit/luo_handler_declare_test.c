// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for the luo_handler framework's registration: every version
 * of a declared handler reaches the orchestrator, or none does, and the
 * declarations the compiler cannot refuse are refused here, each with its
 * errno.  It goes through the orchestrator's public API only, so it runs on
 * both kernels: beside our core's suites, and on mainline with the series.
 */
#include <kunit/test.h>
#include <linux/luo_handler/handler.h>

#include "luo_handler_types.h"
#include "luo_test_util.h"

/* Whether the orchestrator knows @compatible: it refuses a second one. */
static bool fw_compatible_taken(struct kunit *test, const char *compatible)
{
	struct liveupdate_file_handler *fh;
	int err;

	fh = luo_test_handler(test, &luo_test_ops, compatible,
			      strlen(compatible));
	err = liveupdate_register_file_handler(fh);
	if (!err)
		liveupdate_unregister_file_handler(fh);
	KUNIT_EXPECT_TRUE(test, !err || err == -EEXIST);
	return err == -EEXIST;
}

static void fw_handler_unregister(void *h)
{
	luo_handler_unregister(h);
}

static void fw_fh_unregister(void *fh)
{
	liveupdate_unregister_file_handler(fh);
}

/*
 * Register @h until the test ends or fw_drop() drops it: a failed
 * assertion must not leave a handler behind for the next test.
 * Unregistering twice is not allowed on mainline.
 */
static void fw_hold(struct kunit *test, struct luo_handler *h)
{
	int err;

	KUNIT_ASSERT_EQ(test, 0, luo_handler_register(h));
	err = kunit_add_action_or_reset(test, fw_handler_unregister, h);
	KUNIT_ASSERT_EQ(test, 0, err);
}

static void fw_drop(struct kunit *test, struct luo_handler *h)
{
	kunit_release_action(test, fw_handler_unregister, h);
}

/* Registration of @h must fail with @err; a success is undone. */
static void fw_expect_refused(struct kunit *test, struct luo_handler *h,
			      int err)
{
	int got = luo_handler_register(h);

	if (!got)
		luo_handler_unregister(h);
	KUNIT_EXPECT_EQ_MSG(test, err, got, "registering %s", h->base);
}

/* Every version registered, newest first, and every one unregistered. */
static void fw_declare_all_versions(struct kunit *test)
{
	fw_hold(test, fw_parent_h);
	fw_hold(test, fw_child_h);
	KUNIT_EXPECT_TRUE(test, fw_compatible_taken(test, "fw-child-v2"));
	KUNIT_EXPECT_TRUE(test, fw_compatible_taken(test, "fw-child-v1"));
	KUNIT_EXPECT_FALSE(test, fw_compatible_taken(test, "fw-child-v3"));
	/* Registered twice: the orchestrator refuses the second. */
	fw_expect_refused(test, fw_child_h, -EEXIST);

	fw_drop(test, fw_child_h);
	fw_drop(test, fw_parent_h);
	KUNIT_EXPECT_FALSE(test, fw_compatible_taken(test, "fw-child-v2"));
	KUNIT_EXPECT_FALSE(test, fw_compatible_taken(test, "fw-child-v1"));
	KUNIT_EXPECT_FALSE(test, fw_compatible_taken(test, "fw-parent-v1"));
}

/*
 * One version taken by another handler: none of the others stays
 * registered, and the error is the orchestrator's.
 */
static void fw_declare_all_or_none(struct kunit *test)
{
	struct liveupdate_file_handler *v1;
	int err;

	/* fw-dup's layout depends on fw-chain. */
	fw_hold(test, fw_chain_h);
	v1 = luo_test_handler(test, &luo_test_ops, "fw-dup-v1", 9);
	KUNIT_ASSERT_EQ(test, 0, liveupdate_register_file_handler(v1));
	err = kunit_add_action_or_reset(test, fw_fh_unregister, v1);
	KUNIT_ASSERT_EQ(test, 0, err);
	fw_expect_refused(test, fw_dup_h, -EEXIST);
	KUNIT_EXPECT_FALSE(test, fw_compatible_taken(test, "fw-dup-v2"));
	kunit_release_action(test, fw_fh_unregister, v1);

	fw_hold(test, fw_dup_h);
	KUNIT_EXPECT_TRUE(test, fw_compatible_taken(test, "fw-dup-v1"));
	KUNIT_EXPECT_TRUE(test, fw_compatible_taken(test, "fw-dup-v2"));
}

static bool fw_never(struct file *file)
{
	return false;
}

/* A type of another handler's files: depended on, never registered. */
LUO_FILE_TYPE(fw_foreign, "fw-foreign", fw_never);

struct fw_foreign_state {
	struct file *file;
};

LUO_SER(fw_user_ser, struct fw_foreign_state, LUO_FIELD_DEP(file, fw_user_ser, fw_foreign));

static bool fw_user_can_preserve(struct file *file)
{
	return false;
}

static int fw_user_save(struct file *file, struct fw_foreign_state *s)
{
	return -EOPNOTSUPP;
}

static struct file *fw_user_load(struct fw_foreign_state *s)
{
	return ERR_PTR(-EOPNOTSUPP);
}

LUO_HANDLER(fw_user, "fw-user", fw_user_ser, LUO_VERSIONS(1),
	    .can_preserve = fw_user_can_preserve,
	    .save = fw_user_save,
	    .load = fw_user_load);

static void fw_declare_file_type(struct kunit *test)
{
	fw_expect_refused(test, &fw_foreign, -EINVAL);
	KUNIT_EXPECT_EQ(test, 0, luo_handler_unregister(&fw_foreign));
	fw_hold(test, &fw_user);
	KUNIT_EXPECT_TRUE(test, fw_compatible_taken(test, "fw-user-v1"));
}

/* What the compiler cannot see, registration refuses. */
static void fw_declare_refusals(struct kunit *test)
{
	fw_expect_refused(test, fw_cyc_a_h, -ELOOP);
	fw_expect_refused(test, fw_cyc_b_h, -ELOOP);
	fw_expect_refused(test, fw_descending_h, -EINVAL);
	fw_expect_refused(test, fw_no_load_h, -EINVAL);
	fw_expect_refused(test, fw_varray_first_h, -EINVAL);
	fw_expect_refused(test, fw_optional_scalar_h, -EINVAL);
	fw_expect_refused(test, fw_late_count_h, -EINVAL);
	fw_expect_refused(test, fw_borrowed_scalar_h, -EINVAL);
	fw_expect_refused(test, fw_wrong_layout_h, -EINVAL);
	/* Nothing of a refused handler reaches the orchestrator. */
	KUNIT_EXPECT_FALSE(test, fw_compatible_taken(test, "fw-cyc-a-v1"));
	KUNIT_EXPECT_FALSE(test, fw_compatible_taken(test, "fw-desc-v1"));
	KUNIT_EXPECT_FALSE(test, fw_compatible_taken(test, "fw-late-count-v1"));
}

/*
 * A handler that exists only as a name: what a declaration that nothing
 * defines would leave, were the link not to refuse it.
 */
static struct luo_handler fw_nowhere;

LUO_SER(fw_nowhere_user_ser, struct fw_foreign_state,
	LUO_FIELD_DEP(file, fw_nowhere_user_ser, fw_nowhere));

LUO_HANDLER(fw_nowhere_user, "fw-nowhere-user", fw_nowhere_user_ser,
	    LUO_VERSIONS(1),
	    .can_preserve = fw_user_can_preserve,
	    .save = fw_user_save,
	    .load = fw_user_load);

/*
 * A dependency is registered before its dependents, and one that was
 * never defined is refused, not followed.
 */
static void fw_declare_dependency_registered(struct kunit *test)
{
	fw_expect_refused(test, fw_child_h, -ENOENT);
	KUNIT_EXPECT_FALSE(test, fw_compatible_taken(test, "fw-child-v1"));
	fw_hold(test, fw_parent_h);
	fw_hold(test, fw_child_h);
	KUNIT_EXPECT_TRUE(test, fw_compatible_taken(test, "fw-child-v1"));
	fw_expect_refused(test, &fw_nowhere_user, -EINVAL);
	KUNIT_EXPECT_FALSE(test, fw_compatible_taken(test, "fw-nowhere-user-v1"));
}

static struct kunit_case luo_handler_declare_test_cases[] = {
	KUNIT_CASE(fw_declare_dependency_registered),
	KUNIT_CASE(fw_declare_all_versions),
	KUNIT_CASE(fw_declare_all_or_none),
	KUNIT_CASE(fw_declare_refusals),
	KUNIT_CASE(fw_declare_file_type),
	{}
};

static struct kunit_suite luo_handler_declare_test_suite = {
	.name = "luo_handler_declare",
	.test_cases = luo_handler_declare_test_cases,
};

kunit_test_suite(luo_handler_declare_test_suite);
