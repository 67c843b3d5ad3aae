// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for sessions and the life of preserved files, through a
 * simulated kexec: the outgoing side is frozen into an image in a buffer,
 * forgotten, and the image loaded back as the next kernel would.
 */
#include <kunit/test.h>
#include <linux/anon_inodes.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/sched.h>
#include <linux/sizes.h>

#include "luo_internal.h"
#include "luo_test_file.h"
#include "luo_test_util.h"

#define MEDIUM_SIZE	SZ_32M

static int luo_session_test_init(struct kunit *test)
{
	luo_test_medium(test, MEDIUM_SIZE);
	return 0;
}

static void session_close_action(void *s)
{
	luo_session_close(s);
}

static void close_at_end(struct kunit *test, struct liveupdate_session *s)
{
	KUNIT_ASSERT_EQ(test, 0,
			kunit_add_action_or_reset(test, session_close_action,
						  s));
}

static struct liveupdate_session *outgoing(struct kunit *test,
					   const char *name)
{
	struct liveupdate_session *s = luo_session_create(name);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, s);
	return s;
}

static struct liveupdate_session *incoming(struct kunit *test,
					   const char *name)
{
	struct liveupdate_session *s = luo_session_open_incoming(name);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, s);
	close_at_end(test, s);
	return s;
}

static void kexec(struct kunit *test)
{
	KUNIT_ASSERT_EQ(test, 0, luo_freeze());
	KUNIT_ASSERT_EQ(test, 0, luo_simulate_kexec());
	luo_test_log_reset();
}

static u64 retrieve_value(struct kunit *test, struct liveupdate_session *s,
			  u64 token)
{
	struct file *file;
	u64 value;

	KUNIT_ASSERT_EQ(test, 0, luo_session_retrieve(s, token, &file));
	KUNIT_ASSERT_TRUE(test, luo_test_is_file(file));
	value = luo_test_obj(file)->value;
	fput(file);
	return value;
}

static void session_names(struct kunit *test)
{
	char name[LIVEUPDATE_SESSION_NAME_LENGTH];
	struct liveupdate_session *s;

	KUNIT_EXPECT_EQ(test, -EINVAL, PTR_ERR(luo_session_create("")));
	memset(name, 'a', sizeof(name));
	KUNIT_EXPECT_EQ(test, -EINVAL, PTR_ERR(luo_session_create(name)));
	name[sizeof(name) - 1] = '\0';
	s = outgoing(test, name);
	KUNIT_EXPECT_EQ(test, -EEXIST, PTR_ERR(luo_session_create(name)));
	luo_session_close(s);
	/* Closed, the name is free again. */
	luo_session_close(outgoing(test, name));
}

/* A file type no handler accepts. */
static const struct file_operations other_fops = {
	.owner = THIS_MODULE,
};

static void preserve_refusals(struct kunit *test)
{
	struct liveupdate_session *a = outgoing(test, "a");
	struct liveupdate_session *b = outgoing(test, "b");
	struct file *f1 = luo_test_file(test, 1, NULL);
	struct file *f2 = luo_test_file(test, 2, NULL);
	struct file *fail = luo_test_file(test, LUO_TEST_FAIL_PRESERVE, NULL);
	struct file *other = anon_inode_getfile("other", &other_fops, NULL,
						O_RDWR);

	KUNIT_ASSERT_EQ(test, 0, luo_session_preserve(a, 10, f1));
	KUNIT_EXPECT_EQ(test, -EBUSY, luo_session_preserve(a, 11, f1));
	KUNIT_EXPECT_EQ(test, -EBUSY, luo_session_preserve(b, 10, f1));
	KUNIT_EXPECT_EQ(test, -EEXIST, luo_session_preserve(a, 10, f2));
	KUNIT_EXPECT_EQ(test, 0, luo_session_preserve(b, 10, f2));
	KUNIT_EXPECT_EQ(test, -EIO, luo_session_preserve(a, 12, fail));
	if (!IS_ERR(other)) {
		KUNIT_EXPECT_EQ(test, -ENOENT, luo_session_preserve(a, 13, other));
		fput(other);
	}
	/* A handler with files in its hands stays. */
	KUNIT_EXPECT_EQ(test, -EBUSY,
			luo_unregister_file_handler(&luo_test_file_handler));
	luo_session_close(a);
	luo_session_close(b);
}

/* Closing an outgoing session unpreserves its files, newest first. */
static void close_unpreserves(struct kunit *test)
{
	struct liveupdate_session *s = outgoing(test, "s");

	KUNIT_ASSERT_EQ(test, 0,
			luo_session_preserve(s, 1, luo_test_file(test, 1, NULL)));
	KUNIT_ASSERT_EQ(test, 0,
			luo_session_preserve(s, 2, luo_test_file(test, 2, NULL)));
	luo_session_close(s);
	KUNIT_EXPECT_STREQ(test, luo_test_log.calls, "p1 p2 x x ");
	/* Nothing left to hand over: the next kernel gets no session. */
	kexec(test);
	KUNIT_EXPECT_EQ(test, -ENOENT, PTR_ERR(luo_session_open_incoming("s")));
}

/* Freeze runs in order; a failure unfreezes the ones before, newest first. */
static void freeze_failure_rolls_back(struct kunit *test)
{
	struct liveupdate_session *s = outgoing(test, "s");

	close_at_end(test, s);
	KUNIT_ASSERT_EQ(test, 0,
			luo_session_preserve(s, 1, luo_test_file(test, 1, NULL)));
	KUNIT_ASSERT_EQ(test, 0,
			luo_session_preserve(s, 2, luo_test_file(test, 2, NULL)));
	KUNIT_ASSERT_EQ(test, 0,
			luo_session_preserve(s, 3,
					     luo_test_file(test, LUO_TEST_FAIL_FREEZE,
							   NULL)));
	KUNIT_ASSERT_EQ(test, 0,
			luo_session_preserve(s, 4, luo_test_file(test, 4, NULL)));
	luo_test_log_reset();
	KUNIT_EXPECT_EQ(test, -EIO, luo_freeze());
	KUNIT_EXPECT_STREQ(test, luo_test_log.calls, "f f f u u ");
	KUNIT_EXPECT_FALSE(test, luo_frozen());
	/* The workload carries on: preserving still works. */
	KUNIT_EXPECT_EQ(test, 0,
			luo_session_preserve(s, 5, luo_test_file(test, 5, NULL)));
}

static void frozen_refuses_changes(struct kunit *test)
{
	struct liveupdate_session *s = outgoing(test, "s");

	close_at_end(test, s);
	KUNIT_ASSERT_EQ(test, 0, luo_freeze());
	KUNIT_EXPECT_EQ(test, -EBUSY, luo_freeze());
	KUNIT_EXPECT_EQ(test, -EBUSY,
			luo_session_preserve(s, 1, luo_test_file(test, 1, NULL)));
	KUNIT_EXPECT_EQ(test, -EBUSY, PTR_ERR(luo_session_create("t")));
	luo_unfreeze();
	KUNIT_EXPECT_FALSE(test, luo_frozen());
	KUNIT_EXPECT_EQ(test, 0,
			luo_session_preserve(s, 1, luo_test_file(test, 1, NULL)));
}

/*
 * A session closed while frozen: an update called off unpreserves it then,
 * as its close would have before the freeze, and it is gone: its name, its
 * file and the handover heap are free again.
 */
static void closed_while_frozen_called_off(struct kunit *test)
{
	struct file *file = luo_test_file(test, 1, NULL);
	struct liveupdate_session *s = outgoing(test, "s");

	KUNIT_ASSERT_EQ(test, 0, luo_session_preserve(s, 1, file));
	KUNIT_ASSERT_EQ(test, 0, luo_freeze());
	luo_session_close(s);
	luo_test_log_reset();
	luo_unfreeze();
	KUNIT_EXPECT_STREQ(test, luo_test_log.calls, "u x ");
	s = outgoing(test, "s");
	close_at_end(test, s);
	KUNIT_EXPECT_EQ(test, 0, luo_session_preserve(s, 1, file));
}

/* A session closed while frozen is in the sealed image: handed over. */
static void closed_while_frozen_handed_over(struct kunit *test)
{
	struct liveupdate_session *s = outgoing(test, "s");

	KUNIT_ASSERT_EQ(test, 0,
			luo_session_preserve(s, 1, luo_test_file(test, 7, NULL)));
	KUNIT_ASSERT_EQ(test, 0, luo_freeze());
	luo_session_close(s);
	KUNIT_ASSERT_EQ(test, 0, luo_simulate_kexec());
	s = incoming(test, "s");
	KUNIT_EXPECT_EQ(test, 7, retrieve_value(test, s, 1));
	KUNIT_EXPECT_EQ(test, 0, luo_session_finish(s));
}

/* An update called off after sealing hands nothing over. */
static void unfreeze_invalidates(struct kunit *test)
{
	struct liveupdate_session *s = outgoing(test, "s");

	KUNIT_ASSERT_EQ(test, 0,
			luo_session_preserve(s, 1, luo_test_file(test, 1, NULL)));
	KUNIT_ASSERT_EQ(test, 0, luo_freeze());
	luo_unfreeze();
	KUNIT_EXPECT_EQ(test, -ECANCELED, luo_simulate_kexec());
	KUNIT_EXPECT_EQ(test, -ENOENT, PTR_ERR(luo_session_open_incoming("s")));
}

static void round_trip(struct kunit *test)
{
	struct liveupdate_session *a = outgoing(test, "alpha");
	struct liveupdate_session *b = outgoing(test, "beta");

	KUNIT_ASSERT_EQ(test, 0,
			luo_session_preserve(a, 1, luo_test_file(test, 100, NULL)));
	KUNIT_ASSERT_EQ(test, 0,
			luo_session_preserve(a, 2, luo_test_file(test, 200, NULL)));
	KUNIT_ASSERT_EQ(test, 0,
			luo_session_preserve(b, 1, luo_test_file(test, 300, NULL)));
	kexec(test);

	a = incoming(test, "alpha");
	b = incoming(test, "beta");
	KUNIT_EXPECT_EQ(test, -EBUSY, PTR_ERR(luo_session_open_incoming("beta")));
	KUNIT_EXPECT_EQ(test, 200, retrieve_value(test, a, 2));
	KUNIT_EXPECT_EQ(test, 100, retrieve_value(test, a, 1));
	KUNIT_EXPECT_EQ(test, 300, retrieve_value(test, b, 1));
	KUNIT_EXPECT_EQ(test, 0, luo_session_finish(a));
	KUNIT_EXPECT_STREQ(test, luo_test_log.calls, "r r r F1 F1 ");
}

static void retrieve_rules(struct kunit *test)
{
	struct liveupdate_session *s = outgoing(test, "s");
	struct file *file;

	KUNIT_ASSERT_EQ(test, 0,
			luo_session_preserve(s, 1, luo_test_file(test, 1, NULL)));
	KUNIT_ASSERT_EQ(test, 0,
			luo_session_preserve(s, 2,
					     luo_test_file(test, LUO_TEST_FAIL_RETRIEVE,
							   NULL)));
	KUNIT_ASSERT_EQ(test, 0,
			luo_session_preserve(s, 3, luo_test_file(test, 3, NULL)));
	kexec(test);

	s = incoming(test, "s");
	KUNIT_EXPECT_EQ(test, -ENOENT, luo_session_retrieve(s, 9, &file));
	KUNIT_EXPECT_EQ(test, 1, retrieve_value(test, s, 1));
	KUNIT_EXPECT_EQ(test, -EEXIST, luo_session_retrieve(s, 1, &file));
	/* A failed retrieve fails again, without asking the handler. */
	KUNIT_EXPECT_EQ(test, -EIO, luo_session_retrieve(s, 2, &file));
	KUNIT_EXPECT_EQ(test, -EIO, luo_session_retrieve(s, 2, &file));
	KUNIT_EXPECT_STREQ(test, luo_test_log.calls, "r r ");
	/* Finish reaches every file: retrieved, failed, never retrieved. */
	KUNIT_EXPECT_EQ(test, 0, luo_session_finish(s));
	KUNIT_EXPECT_STREQ(test, luo_test_log.calls, "r r F0 F-5 F1 ");
}

static void finish_asks_can_finish(struct kunit *test)
{
	struct liveupdate_session *s = outgoing(test, "s");

	KUNIT_ASSERT_EQ(test, 0,
			luo_session_preserve(s, 1, luo_test_file(test, 1, NULL)));
	kexec(test);
	s = incoming(test, "s");
	luo_test_block_finish = true;
	KUNIT_EXPECT_EQ(test, -EBUSY, luo_session_finish(s));
	KUNIT_EXPECT_STREQ(test, luo_test_log.calls, "");
	luo_test_block_finish = false;
	KUNIT_EXPECT_EQ(test, 0, luo_session_finish(s));
	KUNIT_EXPECT_STREQ(test, luo_test_log.calls, "F0 ");
	KUNIT_EXPECT_EQ(test, -ENOENT, PTR_ERR(luo_session_open_incoming("s")));
}

/* Preserve a parent first, then its child, which records it by token. */
static void dependency_preserve_order(struct kunit *test)
{
	struct liveupdate_session *s = outgoing(test, "s");
	struct file *parent = luo_test_file(test, 1, NULL);
	struct file *child = luo_test_file(test, 2, parent);

	close_at_end(test, s);
	KUNIT_EXPECT_EQ(test, -ENOENT, luo_session_preserve(s, 2, child));
	KUNIT_EXPECT_EQ(test, 0, luo_session_preserve(s, 1, parent));
	KUNIT_EXPECT_EQ(test, 0, luo_session_preserve(s, 2, child));
}

/* A dependency in another session is not found. */
static void dependency_other_session(struct kunit *test)
{
	struct liveupdate_session *a = outgoing(test, "a");
	struct liveupdate_session *b = outgoing(test, "b");
	struct file *parent = luo_test_file(test, 1, NULL);

	close_at_end(test, a);
	close_at_end(test, b);
	KUNIT_ASSERT_EQ(test, 0, luo_session_preserve(a, 1, parent));
	KUNIT_EXPECT_EQ(test, -ENOENT,
			luo_session_preserve(b, 2,
					     luo_test_file(test, 2, parent)));
}

/*
 * Without a session the token calls cannot come from a hand-written
 * handler's callback: refused with -EINVAL, as the series does on
 * mainline, not taken for a missing dependency (-ENOENT).
 */
static void dependency_without_session(struct kunit *test)
{
	struct liveupdate_session *s = outgoing(test, "s");
	struct file *parent = luo_test_file(test, 1, NULL);
	struct file *file = NULL;
	u64 token = 0;

	close_at_end(test, s);
	KUNIT_ASSERT_EQ(test, 0, luo_session_preserve(s, 1, parent));
	KUNIT_EXPECT_EQ(test, -EINVAL,
			liveupdate_get_token_outgoing(NULL, parent, &token));
	KUNIT_EXPECT_EQ(test, 0ULL, token);
	KUNIT_EXPECT_EQ(test, -EINVAL,
			liveupdate_get_file_incoming(NULL, 1, &file));
	KUNIT_EXPECT_NULL(test, file);
}

/* Retrieve order is enforced, without using up the child's attempt. */
static void dependency_retrieve_order(struct kunit *test)
{
	struct liveupdate_session *s = outgoing(test, "s");
	struct file *parent = luo_test_file(test, 1, NULL);
	struct file *file;

	KUNIT_ASSERT_EQ(test, 0, luo_session_preserve(s, 1, parent));
	KUNIT_ASSERT_EQ(test, 0,
			luo_session_preserve(s, 2, luo_test_file(test, 2, parent)));
	kexec(test);

	s = incoming(test, "s");
	KUNIT_EXPECT_EQ(test, -EAGAIN, luo_session_retrieve(s, 2, &file));
	KUNIT_EXPECT_EQ(test, 1, retrieve_value(test, s, 1));
	KUNIT_ASSERT_EQ(test, 0, luo_session_retrieve(s, 2, &file));
	KUNIT_ASSERT_NOT_NULL(test, luo_test_obj(file)->dep);
	KUNIT_EXPECT_EQ(test, 1, luo_test_obj(luo_test_obj(file)->dep)->value);
	fput(file);
}

/* A version no registered handler reads stays unretrievable, not fatal. */
static void missing_handler(struct kunit *test)
{
	struct liveupdate_session *s = outgoing(test, "s");
	struct file *file;

	KUNIT_ASSERT_EQ(test, 0,
			luo_session_preserve(s, 1, luo_test_file(test, 1, NULL)));
	kexec(test);
	KUNIT_ASSERT_EQ(test, 0,
			luo_unregister_file_handler(&luo_test_file_handler));
	s = incoming(test, "s");
	KUNIT_EXPECT_EQ(test, -ENOPKG, luo_session_retrieve(s, 1, &file));
	KUNIT_ASSERT_EQ(test, 0,
			luo_test_register(test, &luo_test_file_handler));
	KUNIT_EXPECT_EQ(test, 1, retrieve_value(test, s, 1));
}

/*
 * The scale of the two slow cases: full on UML, which runs both in a few
 * seconds; a tenth on the debug kernel (KASAN, kmemleak), which runs under
 * emulation some 50 times slower - over three minutes at full scale - and
 * takes no path at a tenth that it would only take at full scale.  2000
 * sessions across a real kexec stay covered on both kernels by mainline's
 * stress selftests.
 */
#define SLOW_CASE_SCALE (IS_ENABLED(CONFIG_KASAN) ? 10 : 1)

/* No small cap on sessions: thousands, each with a file, across a kexec. */
#define MANY_SESSIONS (2000 / SLOW_CASE_SCALE)

static void many_sessions(struct kunit *test)
{
	char name[LIVEUPDATE_SESSION_NAME_LENGTH];
	struct liveupdate_session *s;
	int i;

	for (i = 0; i < MANY_SESSIONS; i++) {
		snprintf(name, sizeof(name), "session-%d", i);
		s = outgoing(test, name);
		KUNIT_ASSERT_EQ(test, 0,
				luo_session_preserve(s, 1,
						     luo_test_file(test, i, NULL)));
		cond_resched();
	}
	kexec(test);
	for (i = 0; i < MANY_SESSIONS; i++) {
		snprintf(name, sizeof(name), "session-%d", i);
		s = incoming(test, name);
		KUNIT_ASSERT_EQ(test, i, retrieve_value(test, s, 1));
		KUNIT_ASSERT_EQ(test, 0, luo_session_finish(s));
		cond_resched();
	}
}

/*
 * An update from a kernel that has not finished what it received: the new
 * image goes to the other slot, and the next kernel gets only the new one.
 */
static void unfinished_incoming_not_overwritten(struct kunit *test)
{
	struct liveupdate_session *s = outgoing(test, "old");
	struct liveupdate_session *in;

	KUNIT_ASSERT_EQ(test, 0,
			luo_session_preserve(s, 1, luo_test_file(test, 1, NULL)));
	kexec(test);
	in = incoming(test, "old");
	KUNIT_EXPECT_EQ(test, 1, retrieve_value(test, in, 1));

	/* Still unfinished: its state must survive a new outgoing image. */
	s = outgoing(test, "new");
	KUNIT_ASSERT_EQ(test, 0,
			luo_session_preserve(s, 2, luo_test_file(test, 2, NULL)));
	KUNIT_ASSERT_EQ(test, 0, luo_freeze());
	KUNIT_EXPECT_EQ(test, 0, luo_session_finish(in));

	KUNIT_ASSERT_EQ(test, 0, luo_simulate_kexec());
	KUNIT_EXPECT_EQ(test, -ENOENT, PTR_ERR(luo_session_open_incoming("old")));
	KUNIT_EXPECT_EQ(test, 2, retrieve_value(test, incoming(test, "new"), 2));
}

/* A chain of files, each depending on the one before: lookups by hash. */
#define CHAIN (100000 / SLOW_CASE_SCALE)

static void long_dependency_chain(struct kunit *test)
{
	struct liveupdate_session *s = outgoing(test, "chain");
	struct file *prev = NULL, *file;
	u64 i;

	for (i = 0; i < CHAIN; i++) {
		file = luo_test_file(test, i, prev);
		KUNIT_ASSERT_EQ(test, 0, luo_session_preserve(s, i, file));
		prev = file;
		cond_resched();
	}
	kexec(test);
	s = incoming(test, "chain");
	for (i = 0; i < CHAIN; i++) {
		KUNIT_ASSERT_EQ(test, i, retrieve_value(test, s, i));
		cond_resched();
	}
	KUNIT_EXPECT_EQ(test, 0, luo_session_finish(s));
}

static struct kunit_case luo_session_cases[] = {
	KUNIT_CASE(session_names),
	KUNIT_CASE(preserve_refusals),
	KUNIT_CASE(close_unpreserves),
	KUNIT_CASE(freeze_failure_rolls_back),
	KUNIT_CASE(frozen_refuses_changes),
	KUNIT_CASE(unfreeze_invalidates),
	KUNIT_CASE(closed_while_frozen_called_off),
	KUNIT_CASE(closed_while_frozen_handed_over),
	KUNIT_CASE(round_trip),
	KUNIT_CASE(retrieve_rules),
	KUNIT_CASE(finish_asks_can_finish),
	KUNIT_CASE(dependency_preserve_order),
	KUNIT_CASE(dependency_other_session),
	KUNIT_CASE(dependency_without_session),
	KUNIT_CASE(dependency_retrieve_order),
	KUNIT_CASE(missing_handler),
	KUNIT_CASE(unfinished_incoming_not_overwritten),
	KUNIT_CASE_SLOW(many_sessions),
	KUNIT_CASE_SLOW(long_dependency_chain),
	{}
};

static struct kunit_suite luo_session_suite = {
	.name = "luo_session",
	.init = luo_session_test_init,
	.test_cases = luo_session_cases,
};

kunit_test_suite(luo_session_suite);
