// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for the file handler registry: what registration accepts,
 * what it refuses and with which errno, and that a refusal leaves nothing
 * behind.
 */
#include <kunit/test.h>
#include <linux/module.h>
#include <linux/sizes.h>
#include <linux/string.h>

#include "luo_internal.h"
#include "luo_test_file.h"
#include "luo_test_util.h"

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);

#define LUO_TEST_COMPAT "luo-test-registry-v1"

static struct liveupdate_file_handler *good_handler(struct kunit *test)
{
	return luo_test_handler(test, &luo_test_ops, LUO_TEST_COMPAT,
				sizeof(LUO_TEST_COMPAT));
}

/* A refused handler must not be registered, even partly. */
static void expect_not_registered(struct kunit *test,
				  struct liveupdate_file_handler *fh)
{
	KUNIT_EXPECT_EQ(test, -ENOENT, luo_unregister_file_handler(fh));
}

static void register_unregister(struct kunit *test)
{
	struct liveupdate_file_handler *fh = good_handler(test);

	KUNIT_ASSERT_EQ(test, 0, luo_test_register(test, fh));
	KUNIT_EXPECT_EQ(test, 0, luo_unregister_file_handler(fh));
	KUNIT_EXPECT_EQ(test, -ENOENT, luo_unregister_file_handler(fh));
}

static void reregister(struct kunit *test)
{
	struct liveupdate_file_handler *fh = good_handler(test);

	KUNIT_ASSERT_EQ(test, 0, luo_test_register(test, fh));
	KUNIT_ASSERT_EQ(test, 0, luo_unregister_file_handler(fh));
	KUNIT_EXPECT_EQ(test, 0, luo_test_register(test, fh));
}

static void duplicate_compatible(struct kunit *test)
{
	struct liveupdate_file_handler *first = good_handler(test);
	struct liveupdate_file_handler *second = good_handler(test);

	KUNIT_ASSERT_EQ(test, 0, luo_test_register(test, first));
	KUNIT_EXPECT_EQ(test, -EEXIST, luo_test_register(test, second));
	expect_not_registered(test, second);
	/* The first one is untouched by the refusal. */
	KUNIT_EXPECT_EQ(test, 0, luo_unregister_file_handler(first));
}

static void same_handler_twice(struct kunit *test)
{
	struct liveupdate_file_handler *fh = good_handler(test);

	KUNIT_ASSERT_EQ(test, 0, luo_test_register(test, fh));
	KUNIT_EXPECT_EQ(test, -EEXIST, luo_test_register(test, fh));
	KUNIT_EXPECT_EQ(test, 0, luo_unregister_file_handler(fh));
	expect_not_registered(test, fh);
}

static void no_ops(struct kunit *test)
{
	struct liveupdate_file_handler *fh;

	fh = luo_test_handler(test, NULL, LUO_TEST_COMPAT,
			      sizeof(LUO_TEST_COMPAT));
	KUNIT_EXPECT_EQ(test, -EINVAL, luo_test_register(test, fh));
	expect_not_registered(test, fh);
}

static void optional_ops_absent(struct kunit *test)
{
	struct liveupdate_file_ops *ops;

	ops = kunit_kzalloc(test, sizeof(*ops), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ops);
	ops->can_preserve = luo_test_ops.can_preserve;
	ops->preserve = luo_test_ops.preserve;
	ops->unpreserve = luo_test_ops.unpreserve;
	ops->retrieve = luo_test_ops.retrieve;
	ops->finish = luo_test_ops.finish;

	KUNIT_EXPECT_EQ(test, 0,
			luo_test_register(test,
					  luo_test_handler(test, ops,
							   LUO_TEST_COMPAT,
							   sizeof(LUO_TEST_COMPAT))));
}

/* Each required op in turn left out. */
struct missing_op_case {
	const char *name;
	size_t offset;
};

#define MISSING_OP(op) { #op, offsetof(struct liveupdate_file_ops, op) }

static const struct missing_op_case missing_op_cases[] = {
	MISSING_OP(can_preserve),
	MISSING_OP(preserve),
	MISSING_OP(unpreserve),
	MISSING_OP(retrieve),
	MISSING_OP(finish),
};

static void missing_op_desc(const struct missing_op_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "without %s", c->name);
}

KUNIT_ARRAY_PARAM(missing_op, missing_op_cases, missing_op_desc);

static void missing_required_op(struct kunit *test)
{
	const struct missing_op_case *c = test->param_value;
	struct liveupdate_file_handler *fh;
	struct liveupdate_file_ops *ops;

	ops = kunit_kmalloc(test, sizeof(*ops), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ops);
	*ops = luo_test_ops;
	memset((char *)ops + c->offset, 0, sizeof(void *));

	fh = luo_test_handler(test, ops, LUO_TEST_COMPAT,
			      sizeof(LUO_TEST_COMPAT));
	KUNIT_EXPECT_EQ(test, -EINVAL, luo_test_register(test, fh));
	expect_not_registered(test, fh);
}

/* Compatibles a module could still produce, bypassing the macro's checks. */
struct bad_compat_case {
	const char *desc;
	const char *bytes;
	size_t len;
};

static const char unterminated[LIVEUPDATE_HNDL_COMPAT_LENGTH] =
	"luo-test-0123456789-0123456789-0123456789-abcdef";

static const struct bad_compat_case bad_compat_cases[] = {
	{ "empty", "", 1 },
	{ "unterminated", unterminated, sizeof(unterminated) },
	{ "space", "luo test-v1", sizeof("luo test-v1") },
	{ "newline", "luo-test-v1\nluo-x-v1", sizeof("luo-test-v1\nluo-x-v1") },
	{ "control byte", "luo-test\x01-v1", sizeof("luo-test\x01-v1") },
	{ "high byte", "luo-test\xc3\xa9-v1", sizeof("luo-test\xc3\xa9-v1") },
};

static void bad_compat_desc(const struct bad_compat_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(bad_compat, bad_compat_cases, bad_compat_desc);

static void bad_compatible(struct kunit *test)
{
	const struct bad_compat_case *c = test->param_value;
	struct liveupdate_file_handler *fh;

	fh = luo_test_handler(test, &luo_test_ops, c->bytes, c->len);
	KUNIT_EXPECT_EQ(test, -EINVAL, luo_test_register(test, fh));
	expect_not_registered(test, fh);
}

static void longest_compatible(struct kunit *test)
{
	char name[LIVEUPDATE_HNDL_COMPAT_LENGTH];

	memcpy(name, unterminated, sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	KUNIT_EXPECT_EQ(test, 0,
			luo_test_register(test,
					  luo_test_handler(test, &luo_test_ops,
							   name,
							   sizeof(name))));
}

static void restore_enabled(void *unused)
{
	luo_set_enabled(true);
}

static void disabled(struct kunit *test)
{
	struct liveupdate_file_handler *fh = good_handler(test);

	KUNIT_ASSERT_TRUE(test, liveupdate_enabled());
	KUNIT_ASSERT_EQ(test, 0,
			kunit_add_action_or_reset(test, restore_enabled, NULL));
	luo_set_enabled(false);
	KUNIT_EXPECT_FALSE(test, liveupdate_enabled());
	KUNIT_EXPECT_EQ(test, -EOPNOTSUPP, luo_test_register(test, fh));
	expect_not_registered(test, fh);
}

#ifdef CONFIG_MODULE_UNLOAD
/*
 * A stand-in for the module implementing a handler, so that pinning can be
 * observed whether the suite is built in or modular.
 */
static struct module *fake_module(struct kunit *test, enum module_state state)
{
	struct module *mod = kunit_kzalloc(test, sizeof(*mod), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, mod);
	strscpy(mod->name, "luo_fake_owner", sizeof(mod->name));
	mod->state = state;
	/* Any non-zero count lets try_module_get() succeed; tests count deltas. */
	atomic_set(&mod->refcnt, 1);
	return mod;
}

static struct liveupdate_file_handler *
owned_handler(struct kunit *test, struct module *owner)
{
	struct liveupdate_file_ops *ops;

	ops = kunit_kmalloc(test, sizeof(*ops), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ops);
	*ops = luo_test_ops;
	ops->owner = owner;
	return luo_test_handler(test, ops, LUO_TEST_COMPAT,
				sizeof(LUO_TEST_COMPAT));
}

/*
 * As on mainline, registration holds no reference: a module with nothing
 * preserved unloads, and its exit unregisters.
 */
static void owner_not_pinned_by_registration(struct kunit *test)
{
	struct module *mod = fake_module(test, MODULE_STATE_LIVE);
	struct liveupdate_file_handler *fh = owned_handler(test, mod);
	int base = module_refcount(mod);

	KUNIT_ASSERT_EQ(test, 0, luo_test_register(test, fh));
	KUNIT_EXPECT_EQ(test, base, module_refcount(mod));
	KUNIT_EXPECT_EQ(test, 0, luo_unregister_file_handler(fh));
	KUNIT_EXPECT_EQ(test, base, module_refcount(mod));
}

static void owner_going(struct kunit *test)
{
	struct module *mod = fake_module(test, MODULE_STATE_GOING);
	struct liveupdate_file_handler *fh = owned_handler(test, mod);
	int base = module_refcount(mod);

	KUNIT_EXPECT_EQ(test, -ENODEV, luo_test_register(test, fh));
	KUNIT_EXPECT_EQ(test, base, module_refcount(mod));
	expect_not_registered(test, fh);
}

/* Each file in a handler's hands holds its module, until it is let go. */
static void preserved_file_holds_owner(struct kunit *test)
{
	struct module *mod = fake_module(test, MODULE_STATE_LIVE);
	struct liveupdate_file_handler *fh;
	struct liveupdate_file_ops *ops;
	struct liveupdate_session *s;
	struct file *file;
	int base = module_refcount(mod);

	/* The test files' handler, owned by @mod, first to accept them. */
	ops = kunit_kmalloc(test, sizeof(*ops), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ops);
	*ops = *luo_test_file_handler.ops;
	ops->owner = mod;
	fh = luo_test_handler(test, ops, "luo-test-owned-v1",
			      sizeof("luo-test-owned-v1"));
	KUNIT_ASSERT_EQ(test, 0, luo_test_register(test, fh));
	luo_test_medium(test, SZ_64K);
	s = luo_session_create("luo-owner-held");
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, s);
	file = luo_test_file(test, 1, NULL);
	KUNIT_EXPECT_EQ(test, 0, luo_session_preserve(s, 1, file));
	KUNIT_EXPECT_EQ(test, base + 1, module_refcount(mod));
	KUNIT_EXPECT_EQ(test, -EBUSY, luo_unregister_file_handler(fh));
	luo_session_close(s);
	KUNIT_EXPECT_EQ(test, base, module_refcount(mod));
}

/* A module going away with its handler registered: the handler goes. */
static void going_module_drops_its_handlers(struct kunit *test)
{
	struct module *mod = fake_module(test, MODULE_STATE_LIVE);
	struct liveupdate_file_handler *fh = owned_handler(test, mod);
	struct liveupdate_file_handler *other;

	other = luo_test_handler(test, &luo_test_ops, "luo-test-other-v1",
				 sizeof("luo-test-other-v1"));
	KUNIT_ASSERT_EQ(test, 0, luo_test_register(test, fh));
	KUNIT_ASSERT_EQ(test, 0, luo_test_register(test, other));
	mod->state = MODULE_STATE_GOING;
	luo_file_handlers_drop_module(mod);
	expect_not_registered(test, fh);
	KUNIT_EXPECT_EQ(test, 0, luo_unregister_file_handler(other));
}

/* A refused duplicate must not keep the module reference it never needed. */
static void duplicate_does_not_pin(struct kunit *test)
{
	struct module *mod = fake_module(test, MODULE_STATE_LIVE);
	int base = module_refcount(mod);

	KUNIT_ASSERT_EQ(test, 0, luo_test_register(test, good_handler(test)));
	KUNIT_EXPECT_EQ(test, -EEXIST,
			luo_test_register(test, owned_handler(test, mod)));
	KUNIT_EXPECT_EQ(test, base, module_refcount(mod));
}
#endif /* CONFIG_MODULE_UNLOAD */

static struct kunit_case luo_file_handler_cases[] = {
	KUNIT_CASE(register_unregister),
	KUNIT_CASE(reregister),
	KUNIT_CASE(duplicate_compatible),
	KUNIT_CASE(same_handler_twice),
	KUNIT_CASE(no_ops),
	KUNIT_CASE(optional_ops_absent),
	KUNIT_CASE_PARAM(missing_required_op, missing_op_gen_params),
	KUNIT_CASE_PARAM(bad_compatible, bad_compat_gen_params),
	KUNIT_CASE(longest_compatible),
	KUNIT_CASE(disabled),
#ifdef CONFIG_MODULE_UNLOAD
	KUNIT_CASE(owner_not_pinned_by_registration),
	KUNIT_CASE(owner_going),
	KUNIT_CASE(duplicate_does_not_pin),
	KUNIT_CASE(preserved_file_holds_owner),
	KUNIT_CASE(going_module_drops_its_handlers),
#endif
	{}
};

static struct kunit_suite luo_file_handler_suite = {
	.name = "luo_file_handler",
	.test_cases = luo_file_handler_cases,
};

kunit_test_suite(luo_file_handler_suite);

MODULE_DESCRIPTION("KUnit tests for the live update core");
MODULE_LICENSE("GPL");
