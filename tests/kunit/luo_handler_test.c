// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for the luo_handler framework on our core: handlers declared
 * with LUO_SER() and LUO_HANDLER(), preserved and restored through a
 * simulated kexec; crafted images and handles the next kernel must refuse;
 * version negotiation.  What needs no core internals is in the codec and
 * declare suites, which also run on mainline.
 */
#include <kunit/test.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/sizes.h>
#include <linux/luo_handler/handler.h>

#include "luo_internal.h"
#include "luo_handler_types.h"
#include "luo_test_file.h"

#define MEDIUM_SIZE	SZ_1M

static void fw_unregister(void *h)
{
	luo_handler_unregister(h);
}

static void fw_register(struct kunit *test, struct luo_handler *h)
{
	KUNIT_ASSERT_EQ(test, 0, luo_handler_register(h));
	KUNIT_ASSERT_EQ(test, 0,
			kunit_add_action_or_reset(test, fw_unregister, h));
}

/*
 * The handlers first: cleanup runs backwards, and the medium's cleanup
 * drops the files a handler must not have in its hands when it goes.
 */
static int fw_test_init(struct kunit *test)
{
	fw_register(test, fw_parent_h);
	fw_register(test, fw_child_h);
	fw_register(test, fw_chain_h);
	luo_test_medium(test, MEDIUM_SIZE);
	return 0;
}

static void fw_session_close(void *s)
{
	luo_session_close(s);
}

static struct liveupdate_session *
fw_outgoing_named(struct kunit *test, const char *name)
{
	struct liveupdate_session *s = luo_session_create(name);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, s);
	return s;
}

static struct liveupdate_session *fw_outgoing(struct kunit *test)
{
	return fw_outgoing_named(test, "fw");
}

/* The incoming session @name, closed when the test ends. */
static struct liveupdate_session *fw_incoming(struct kunit *test,
					      const char *name)
{
	struct liveupdate_session *s = luo_session_open_incoming(name);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, s);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test,
							   fw_session_close,
							   s));
	return s;
}

/* Freeze, kexec, and the incoming side of session "fw". */
static struct liveupdate_session *fw_kexec(struct kunit *test)
{
	KUNIT_ASSERT_EQ(test, 0, luo_freeze());
	KUNIT_ASSERT_EQ(test, 0, luo_simulate_kexec());
	return fw_incoming(test, "fw");
}

static void fw_put(void *file)
{
	fput(file);
}

static struct file *fw_retrieve(struct kunit *test,
				struct liveupdate_session *s, u64 token)
{
	struct file *file;

	KUNIT_ASSERT_EQ(test, 0, luo_session_retrieve(s, token, &file));
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, fw_put, file));
	return file;
}

static void fw_target(struct kunit *test, const char *text)
{
	int err;

	scoped_guard(mutex, &luo_lock)
		err = luo_target_set(text, strlen(text));
	KUNIT_ASSERT_EQ(test, 0, err);
}

/* A parent and a child of it, preserved as tokens 1 and 2. */
static struct file *fw_family(struct kunit *test, struct liveupdate_session *s,
			      struct file **parentp)
{
	struct fw_obj init = fw_child_init;
	struct fw_obj pinit = { .id = 0x9a, .counter = 1 };
	struct file *parent = fw_file(test, &fw_parent_fops, &pinit);
	struct file *child;

	init.dep = parent;
	child = fw_file(test, &fw_child_fops, &init);
	KUNIT_ASSERT_EQ(test, 0, luo_session_preserve(s, 1, parent));
	KUNIT_ASSERT_EQ(test, 0, luo_session_preserve(s, 2, child));
	if (parentp)
		*parentp = parent;
	return child;
}

static void fw_expect_child(struct kunit *test, const struct fw_obj *o,
			    struct file *parent)
{
	const struct fw_obj *want = &fw_child_init;

	KUNIT_EXPECT_EQ(test, o->id, want->id);
	KUNIT_EXPECT_EQ(test, o->small, want->small);
	KUNIT_EXPECT_EQ(test, o->tiny, want->tiny);
	KUNIT_EXPECT_MEMEQ(test, o->regs, want->regs, sizeof(o->regs));
	KUNIT_EXPECT_MEMEQ(test, o->blob, want->blob, sizeof(o->blob));
	KUNIT_EXPECT_STREQ(test, o->name, want->name);
	KUNIT_EXPECT_EQ(test, o->in.a, want->in.a);
	KUNIT_EXPECT_EQ(test, o->in.b, want->in.b);
	KUNIT_EXPECT_EQ(test, o->nr, want->nr);
	KUNIT_EXPECT_MEMEQ(test, o->items, want->items,
			   want->nr * sizeof(o->items[0]));
	KUNIT_EXPECT_PTR_EQ(test, o->dep, parent);
}

/* Every kind of field survives, in the newest version, and the late one. */
static void fw_round_trip(struct kunit *test)
{
	struct liveupdate_session *s = fw_outgoing(test);
	struct file *parent, *child;
	struct fw_obj *o;

	fw_family(test, s, &parent);
	/* After preserve: the late field is saved again, the other not. */
	fw_obj(parent)->counter = 77;
	fw_obj(parent)->id = 0xdead;
	s = fw_kexec(test);

	parent = fw_retrieve(test, s, 1);
	KUNIT_EXPECT_EQ(test, fw_obj(parent)->id, 0x9a);
	KUNIT_EXPECT_EQ(test, fw_obj(parent)->counter, 77);
	child = fw_retrieve(test, s, 2);
	o = fw_obj(child);
	fw_expect_child(test, o, parent);
	KUNIT_EXPECT_EQ(test, o->flags, 0x5);
	KUNIT_EXPECT_EQ(test, o->legacy, 0);	/* until 1: not in v2 */
	KUNIT_EXPECT_EQ(test, o->upgraded_from, 0);
	KUNIT_EXPECT_EQ(test, 0, luo_session_finish(s));
}

/*
 * A next kernel that reads only version 1 gets version 1 (rollback); read
 * back by a kernel whose newest is 2, it is upgraded: fields added since
 * take their defaults, fields dropped since are still read.
 */
static void fw_rollback_then_upgrade(struct kunit *test)
{
	struct liveupdate_session *s = fw_outgoing(test);
	struct file *parent, *child;
	struct fw_obj *o;

	fw_target(test, "luo-image-v1 luo-test-file-v1 fw-parent-v1\tfw-child-v1\tfw-chain-v1\n");
	fw_family(test, s, NULL);
	s = fw_kexec(test);

	parent = fw_retrieve(test, s, 1);
	child = fw_retrieve(test, s, 2);
	o = fw_obj(child);
	fw_expect_child(test, o, parent);
	KUNIT_EXPECT_EQ(test, o->flags, 7);	/* default: not in v1 */
	KUNIT_EXPECT_EQ(test, o->legacy, 0x1e);
	KUNIT_EXPECT_EQ(test, o->upgraded_from, 1);
}

/* Nothing in common: refused before anything is written, saying why. */
static void fw_no_common_version(struct kunit *test)
{
	struct liveupdate_session *s = fw_outgoing(test);
	struct fw_obj pinit = { .id = 1 };
	struct file *parent = fw_file(test, &fw_parent_fops, &pinit);
	struct file *strict;
	u64 heap;

	fw_register(test, fw_strict_h);
	fw_target(test, "fw-parent-v2 fw-child-v3 fw-strict-v1 fw-chain-v1");
	scoped_guard(mutex, &luo_lock)
		heap = luo_heap_end();
	KUNIT_EXPECT_EQ(test, -EOPNOTSUPP, luo_session_preserve(s, 1, parent));
	/* Reads v1, but may not write it. */
	strict = fw_file(test, &fw_chain_fops, &pinit);
	luo_handler_unregister(fw_chain_h);
	KUNIT_EXPECT_EQ(test, -EOPNOTSUPP, luo_session_preserve(s, 2, strict));
	KUNIT_EXPECT_EQ(test, 0, luo_handler_register(fw_chain_h));
	scoped_guard(mutex, &luo_lock)
		KUNIT_EXPECT_EQ(test, heap, luo_heap_end());
	/* With a common version, fine. */
	fw_target(test, "fw-parent-v1");
	KUNIT_EXPECT_EQ(test, 0, luo_session_preserve(s, 1, parent));
	luo_session_close(s);
}

/* A target set written after preserve: freeze refuses what it cannot read. */
static void fw_target_after_preserve(struct kunit *test)
{
	struct liveupdate_session *s = fw_outgoing(test);

	fw_family(test, s, NULL);
	fw_target(test, "luo-image-v1 fw-parent-v1 fw-child-v1");
	KUNIT_EXPECT_EQ(test, -EOPNOTSUPP, luo_freeze());
	KUNIT_EXPECT_FALSE(test, luo_frozen());
	fw_target(test, "luo-image-v1 fw-parent-v1 fw-child-v2");
	KUNIT_EXPECT_EQ(test, 0, luo_freeze());
}

/* The target set: checked whole, and forgotten by white space alone. */
static void fw_target_parse(struct kunit *test)
{
	char text[64];

	guard(mutex)(&luo_lock);
	memset(text, 'a', sizeof(text));
	KUNIT_EXPECT_EQ(test, -EINVAL, luo_target_set(text, 48));
	KUNIT_EXPECT_EQ(test, 0, luo_target_set(text, 47));
	KUNIT_EXPECT_FALSE(test, liveupdate_target_reads("fw-child-v2"));
	KUNIT_EXPECT_EQ(test, -EINVAL, luo_target_set("ok-v1 b\x01d-v1", 12));
	KUNIT_EXPECT_FALSE(test, liveupdate_target_reads("ok-v1"));
	KUNIT_EXPECT_EQ(test, 0, luo_target_set("\t\n\t\n", 4));
	KUNIT_EXPECT_TRUE(test, liveupdate_target_reads("fw-child-v2"));
	KUNIT_EXPECT_EQ(test, 0, luo_target_set("b-v1\na-v2", 9));
	KUNIT_EXPECT_TRUE(test, liveupdate_target_reads("a-v2"));
	KUNIT_EXPECT_TRUE(test, liveupdate_target_reads("b-v1"));
	KUNIT_EXPECT_FALSE(test, liveupdate_target_reads("a-v1"));
	liveupdate_target_describe("a", text, sizeof(text));
	KUNIT_EXPECT_STREQ(test, text, "a-v2");
	liveupdate_target_describe("c", text, sizeof(text));
	KUNIT_EXPECT_STREQ(test, text, "(none)");
	/* "a" is not the base of "ab-v1", nor of "a-vx". */
	KUNIT_EXPECT_EQ(test, 0, luo_target_set("ab-v1 a-vx a-v3", 15));
	liveupdate_target_describe("a", text, sizeof(text));
	KUNIT_EXPECT_STREQ(test, text, "a-v3");
	KUNIT_EXPECT_EQ(test, -EINVAL, luo_target_set("caf\xe9-v1", 7));
}

/* A dependency must be preserved first, be there, and be of its type. */
static void fw_dependency_refusals(struct kunit *test)
{
	struct liveupdate_session *s = fw_outgoing(test);
	struct fw_obj pinit = { .id = 1 }, init = fw_child_init;
	struct file *parent = fw_file(test, &fw_parent_fops, &pinit);
	struct file *child, *orphan, *wrong;

	init.dep = parent;
	child = fw_file(test, &fw_child_fops, &init);
	KUNIT_EXPECT_EQ(test, -ENOENT, luo_session_preserve(s, 2, child));
	init.dep = NULL;
	orphan = fw_file(test, &fw_child_fops, &init);
	KUNIT_EXPECT_EQ(test, -EINVAL, luo_session_preserve(s, 3, orphan));
	init.dep = fw_other_file(test);
	wrong = fw_file(test, &fw_child_fops, &init);
	KUNIT_EXPECT_EQ(test, -EINVAL, luo_session_preserve(s, 4, wrong));
	init.dep = parent;
	init.nr = 9;	/* past the bound of 8 */
	wrong = fw_file(test, &fw_child_fops, &init);
	KUNIT_ASSERT_EQ(test, 0, luo_session_preserve(s, 1, parent));
	KUNIT_EXPECT_EQ(test, -EINVAL, luo_session_preserve(s, 5, wrong));
	KUNIT_EXPECT_EQ(test, 0, luo_session_preserve(s, 2, child));
	luo_session_close(s);
}

/*
 * A slot refers to a luo-test-file, whose handler is not the framework's:
 * a LUO_FILE_TYPE() dependency, as a memslot refers to a memfd.
 */
struct fw_slot_state {
	u64 base;
	struct file *backing;
};

LUO_FILE_TYPE(fw_backing_type, "luo-test-file", luo_test_is_file);
LUO_SER(fw_slot_ser, struct fw_slot_state,
	LUO_FIELD(base, fw_slot_ser),
	LUO_FIELD_DEP(backing, fw_slot_ser, fw_backing_type));

static bool fw_slot_can_preserve(struct file *file)
{
	return file->f_op == &fw_slot_fops;
}

static int fw_slot_save(struct file *file, struct fw_slot_state *s)
{
	s->base = fw_obj(file)->id;
	s->backing = fw_obj(file)->dep;
	return 0;
}

static struct file *fw_slot_load(struct fw_slot_state *s)
{
	struct fw_obj o = { .id = s->base, .dep = s->backing };

	return fw_new_file(&fw_slot_fops, &o);
}

LUO_HANDLER(fw_slot, "fw-slot", fw_slot_ser, LUO_VERSIONS(1),
	    .can_preserve = fw_slot_can_preserve,
	    .save = fw_slot_save,
	    .load = fw_slot_load);

/* Padding inside and a dependency: flat, saved in place. */
struct fw_hole_state {
	u64 a;
	u32 b;
	struct file *dep;
};

LUO_SER(fw_hole_ser, struct fw_hole_state,
	LUO_FIELD(a, fw_hole_ser),
	LUO_FIELD(b, fw_hole_ser),
	LUO_FIELD_DEP(dep, fw_hole_ser, fw_backing_type));

static int fw_hole_save(struct file *file, struct fw_hole_state *s)
{
	s->a = fw_obj(file)->id;
	s->b = fw_obj(file)->counter;
	s->dep = fw_obj(file)->dep;
	return 0;
}

static struct file *fw_hole_load(struct fw_hole_state *s)
{
	struct fw_obj o = { .id = s->a, .counter = s->b, .dep = s->dep };

	return fw_new_file(&fw_slot_fops, &o);
}

LUO_HANDLER(fw_hole, "fw-hole", fw_hole_ser, LUO_VERSIONS(1),
	    .can_preserve = fw_slot_can_preserve,
	    .save = fw_hole_save,
	    .load = fw_hole_load);

/*
 * The same flat layout with a release(): the state is built apart, and
 * release() still finds the struct file save() put there, not its token.
 */
static struct file *fw_slot_released;
static unsigned int fw_slot_releases;

static void fw_slot_release(struct fw_slot_state *s)
{
	fw_slot_released = s->backing;
	fw_slot_releases++;
}

LUO_HANDLER(fw_slot_rel, "fw-slot-rel", fw_slot_ser, LUO_VERSIONS(1),
	    .can_preserve = fw_slot_can_preserve,
	    .save = fw_slot_save,
	    .release = fw_slot_release,
	    .load = fw_slot_load);

static void fw_flat_with_release(struct kunit *test)
{
	struct liveupdate_session *s = fw_outgoing(test);
	struct file *backing = luo_test_file(test, 5, NULL);
	struct fw_obj init = { .id = 0x1000, .dep = backing };
	struct file *file = fw_file(test, &fw_slot_fops, &init);

	fw_register(test, &fw_slot_rel);
	fw_slot_releases = 0;
	KUNIT_ASSERT_EQ(test, 0, luo_session_preserve(s, 1, backing));
	KUNIT_ASSERT_EQ(test, 0, luo_session_preserve(s, 2, file));
	KUNIT_EXPECT_EQ(test, fw_slot_releases, 1);
	KUNIT_EXPECT_PTR_EQ(test, fw_slot_released, backing);
	s = fw_kexec(test);
	backing = fw_retrieve(test, s, 1);
	file = fw_retrieve(test, s, 2);
	KUNIT_EXPECT_EQ(test, fw_obj(file)->id, 0x1000);
	KUNIT_EXPECT_PTR_EQ(test, fw_obj(file)->dep, backing);
	/* Finished, the files leave the handler, which can then go. */
	KUNIT_EXPECT_EQ(test, 0, luo_session_finish(s));
}

/* A dependency on another handler's file: by token, in order, typed. */
static void fw_foreign_dependency(struct kunit *test)
{
	struct liveupdate_session *s = fw_outgoing(test);
	struct file *backing = luo_test_file(test, 5, NULL);
	struct fw_obj init = { .id = 0x1000, .dep = backing };
	struct fw_obj wrong = { .id = 0x2000 };
	struct file *slot, *restored;

	fw_register(test, &fw_slot);
	slot = fw_file(test, &fw_slot_fops, &init);
	/* Preserved before its backing file: no token to write. */
	KUNIT_EXPECT_EQ(test, -ENOENT, luo_session_preserve(s, 2, slot));
	/* Backed by a file that is not a luo-test-file. */
	wrong.dep = fw_file(test, &fw_parent_fops, &wrong);
	KUNIT_EXPECT_EQ(test, -EINVAL,
			luo_session_preserve(s, 3, fw_file(test, &fw_slot_fops,
							   &wrong)));
	KUNIT_ASSERT_EQ(test, 0, luo_session_preserve(s, 1, backing));
	KUNIT_ASSERT_EQ(test, 0, luo_session_preserve(s, 2, slot));
	s = fw_kexec(test);

	/* Not before its backing file, which is not used up by asking. */
	KUNIT_EXPECT_EQ(test, -EAGAIN, luo_session_retrieve(s, 2, &restored));
	backing = fw_retrieve(test, s, 1);
	KUNIT_EXPECT_EQ(test, luo_test_obj(backing)->value, 5);
	restored = fw_retrieve(test, s, 2);
	KUNIT_EXPECT_EQ(test, fw_obj(restored)->id, 0x1000);
	KUNIT_EXPECT_PTR_EQ(test, fw_obj(restored)->dep, backing);
	KUNIT_EXPECT_EQ(test, 0, luo_session_finish(s));
}

/* Restore goes in preservation order; a refusal does not use a retrieve. */
static void fw_retrieve_order(struct kunit *test)
{
	struct liveupdate_session *s = fw_outgoing(test);
	struct file *file, *parent, *child;

	fw_family(test, s, NULL);
	s = fw_kexec(test);
	KUNIT_EXPECT_EQ(test, -EAGAIN, luo_session_retrieve(s, 2, &file));
	parent = fw_retrieve(test, s, 1);
	child = fw_retrieve(test, s, 2);
	KUNIT_EXPECT_PTR_EQ(test, fw_obj(child)->dep, parent);
}

/* Optional dependencies, and a type depending on itself. */
static void fw_chain_round_trip(struct kunit *test)
{
	struct liveupdate_session *s = fw_outgoing(test);
	struct fw_obj init = { .id = 100 };
	struct file *f[3];
	int i;

	for (i = 0; i < 3; i++) {
		f[i] = fw_file(test, &fw_chain_fops, &init);
		KUNIT_ASSERT_EQ(test, 0, luo_session_preserve(s, i + 10, f[i]));
		init.id++;
		init.dep = f[i];
	}
	s = fw_kexec(test);
	for (i = 0; i < 3; i++) {
		f[i] = fw_retrieve(test, s, i + 10);
		KUNIT_EXPECT_EQ(test, fw_obj(f[i])->id, 100 + i);
		KUNIT_EXPECT_PTR_EQ(test, fw_obj(f[i])->dep,
				    i ? f[i - 1] : NULL);
	}
}

/* A failed freeze unfreezes what it froze; nothing is handed over. */
static void fw_freeze_failure(struct kunit *test)
{
	struct liveupdate_session *s = fw_outgoing(test);
	struct fw_obj ok = { .id = 1 }, bad = { .id = FW_FAIL_FREEZE };
	struct file *a = fw_file(test, &fw_parent_fops, &ok);
	struct file *b = fw_file(test, &fw_parent_fops, &bad);

	KUNIT_ASSERT_EQ(test, 0, luo_session_preserve(s, 1, a));
	KUNIT_ASSERT_EQ(test, 0, luo_session_preserve(s, 2, b));
	KUNIT_EXPECT_EQ(test, -EIO, luo_freeze());
	KUNIT_EXPECT_EQ(test, fw_obj(a)->unfrozen, 1);
	KUNIT_EXPECT_EQ(test, fw_obj(b)->unfrozen, 0);
	KUNIT_EXPECT_FALSE(test, luo_frozen());
	luo_session_close(s);
}

/* save() and load() failures: nothing half-built, the error sticks. */
static void fw_callback_failures(struct kunit *test)
{
	struct liveupdate_session *s = fw_outgoing(test);
	struct fw_obj init = fw_child_init, pinit = { .id = 1 };
	struct file *parent = fw_file(test, &fw_parent_fops, &pinit);
	struct file *file;

	init.dep = parent;
	KUNIT_ASSERT_EQ(test, 0, luo_session_preserve(s, 1, parent));
	init.id = FW_FAIL_SAVE;
	KUNIT_EXPECT_EQ(test, -EIO,
			luo_session_preserve(s, 2, fw_file(test, &fw_child_fops,
							   &init)));
	init.id = FW_FAIL_LOAD;
	KUNIT_ASSERT_EQ(test, 0,
			luo_session_preserve(s, 3, fw_file(test, &fw_child_fops,
							   &init)));
	s = fw_kexec(test);
	fw_retrieve(test, s, 1);
	KUNIT_EXPECT_EQ(test, -EIO, luo_session_retrieve(s, 3, &file));
	KUNIT_EXPECT_EQ(test, -EIO, luo_session_retrieve(s, 3, &file));
}

/* Closing a session frees the handover memory its states took. */
static void fw_unpreserve_frees(struct kunit *test)
{
	struct liveupdate_session *s = fw_outgoing(test);
	u64 before, during;

	scoped_guard(mutex, &luo_lock)
		before = luo_heap_end();
	fw_family(test, s, NULL);
	scoped_guard(mutex, &luo_lock)
		during = luo_heap_end();
	/* 32 bytes of parent, 136 of child. */
	KUNIT_EXPECT_EQ(test, during - before, 32 + 136);
	luo_session_close(s);
	scoped_guard(mutex, &luo_lock)
		KUNIT_EXPECT_EQ(test, before, luo_heap_end());
}

/* The versions listing says a handler's versions newest first. */
static void fw_registration_listing(struct kunit *test)
{
	char *listing;
	ssize_t len;

	KUNIT_ASSERT_EQ(test, 0, luo_handler_register(fw_dup_h));
	scoped_guard(mutex, &luo_lock)
		KUNIT_EXPECT_NOT_NULL(test,
				      luo_handler_by_compatible("fw-dup-v2"));
	len = luo_versions_format(&listing);
	KUNIT_EXPECT_EQ(test, 0, luo_handler_unregister(fw_dup_h));
	KUNIT_ASSERT_GT(test, len, 0);
	KUNIT_EXPECT_NOT_NULL(test, strnstr(listing, "fw-dup-v2\nfw-dup-v1\n",
					    len));
	kvfree(listing);
}

/*
 * A handler with files preserved stays, all its versions: here v2 goes,
 * v1 has the files, and v2 comes back.
 */
static void fw_unregister_busy(struct kunit *test)
{
	struct liveupdate_session *s = fw_outgoing(test);

	fw_target(test, "fw-parent-v1 fw-child-v1");
	fw_family(test, s, NULL);
	KUNIT_EXPECT_EQ(test, -EBUSY, luo_handler_unregister(fw_child_h));
	scoped_guard(mutex, &luo_lock) {
		KUNIT_EXPECT_NOT_NULL(test,
				      luo_handler_by_compatible("fw-child-v1"));
		KUNIT_EXPECT_NOT_NULL(test,
				      luo_handler_by_compatible("fw-child-v2"));
	}
	luo_session_close(s);
}

/* The incoming file of @token, to corrupt what the last kernel left. */
static struct luo_file *fw_incoming_file(struct liveupdate_session *s,
					 u64 token)
{
	struct luo_file *lf;

	list_for_each_entry(lf, &s->fs.files, list)
		if (lf->token == token)
			return lf;
	return NULL;
}

/*
 * Writes @value over the u64 at @offset in the incoming state of @token:
 * what a previous kernel could have left.  Asserts outside the lock, which
 * a failed assertion would otherwise leave held.
 */
static void fw_poke(struct kunit *test, struct liveupdate_session *s,
		    u64 token, size_t offset, u64 value)
{
	struct luo_file *lf;
	__le64 *slot = NULL;

	scoped_guard(mutex, &luo_lock) {
		lf = fw_incoming_file(s, token);
		if (lf)
			slot = liveupdate_ptr(s, lf->serialized_data + offset,
					      sizeof(*slot));
		if (slot)
			*slot = cpu_to_le64(value);
	}
	KUNIT_ASSERT_NOT_NULL(test, slot);
}

/* Crafted in the image itself: a token of another type, a wild handle. */
static void fw_crafted_image(struct kunit *test)
{
	struct liveupdate_session *s = fw_outgoing(test);
	struct file *other = luo_test_file(test, 5, NULL);
	struct file *file;

	fw_family(test, s, NULL);
	KUNIT_ASSERT_EQ(test, 0, luo_session_preserve(s, 3, other));
	/* A third child whose state will be moved out of the heap. */
	fw_family(test, fw_outgoing_named(test, "fw2"), NULL);
	s = fw_kexec(test);
	fw_retrieve(test, s, 1);
	fw_retrieve(test, s, 3);

	fw_poke(test, s, 2, FW_FIX + 88, 3);	/* a luo-test-file */
	KUNIT_EXPECT_EQ(test, -EINVAL, luo_session_retrieve(s, 2, &file));
	KUNIT_EXPECT_EQ(test, -EINVAL, luo_session_retrieve(s, 2, &file));

	s = fw_incoming(test, "fw2");
	fw_retrieve(test, s, 1);
	fw_poke(test, s, 2, FW_FIX + 88, 999);	/* not in the session */
	KUNIT_EXPECT_EQ(test, -ENOENT, luo_session_retrieve(s, 2, &file));
}

/* Copies @size bytes of the incoming state of @token to @buf. */
static void fw_incoming_bytes(struct kunit *test, struct liveupdate_session *s,
			      u64 token, void *buf, size_t size)
{
	struct luo_file *lf;
	void *state = NULL;

	scoped_guard(mutex, &luo_lock) {
		lf = fw_incoming_file(s, token);
		if (lf)
			state = liveupdate_ptr(s, lf->serialized_data, size);
		if (state)
			memcpy(buf, state, size);
	}
	KUNIT_ASSERT_NOT_NULL(test, state);
}

/*
 * The parent's layout takes the flat path: its handover bytes are those of
 * the generic walk, and a state with a padding byte set is refused as the
 * walk refuses it.
 */
static void fw_flat_path(struct kunit *test)
{
	struct fw_parent_state st = { .id = 0x1122334455667788,
				      .counter = 0xc0ffee };
	struct fw_obj init = { .id = st.id, .counter = st.counter };
	struct liveupdate_session *s = fw_outgoing(test);
	u64 want[4], got[4], token;
	struct file *file;

	KUNIT_ASSERT_TRUE(test, luo_codec_flat(fw_parent_layout, 1));
	KUNIT_ASSERT_EQ(test, 0, luo_encode(fw_parent_layout, 1, &st, NULL,
					    want, sizeof(want), "t"));
	for (token = 1; token <= 2; token++) {
		file = fw_file(test, &fw_parent_fops, &init);
		KUNIT_ASSERT_EQ(test, 0, luo_session_preserve(s, token, file));
	}
	s = fw_kexec(test);

	fw_incoming_bytes(test, s, 1, got, sizeof(got));
	KUNIT_EXPECT_MEMEQ(test, got, want, sizeof(want));
	file = fw_retrieve(test, s, 1);
	KUNIT_EXPECT_EQ(test, fw_obj(file)->id, st.id);
	KUNIT_EXPECT_EQ(test, fw_obj(file)->counter, st.counter);

	/* The byte after the counter is padding. */
	fw_poke(test, s, 2, FW_FIX + 8, st.counter | BIT_ULL(40));
	KUNIT_EXPECT_EQ(test, -EINVAL, luo_session_retrieve(s, 2, &file));
	KUNIT_EXPECT_EQ(test, -EINVAL, luo_session_retrieve(s, 2, &file));
}

/* Its handover bytes are luo_encode()'s: padding zero, the token in place. */
static void fw_flat_hole_bytes(struct kunit *test)
{
	struct liveupdate_session *s = fw_outgoing(test);
	struct file *backing = luo_test_file(test, 5, NULL);
	struct fw_obj init = { .id = 0x1122334455667788, .counter = 0xc0ffee,
			       .dep = backing };
	struct fw_hole_state st = { .a = init.id, .b = init.counter };
	struct file *file = fw_file(test, &fw_slot_fops, &init);
	struct luo_deps deps = { .token = { 1 } };
	u64 want[5], got[5];

	fw_register(test, &fw_hole);
	KUNIT_ASSERT_TRUE(test, luo_codec_flat(&fw_hole_ser, 1));
	KUNIT_ASSERT_EQ(test, 0, luo_encode(&fw_hole_ser, 1, &st, &deps, want,
					    sizeof(want), "t"));
	KUNIT_ASSERT_EQ(test, 0, luo_session_preserve(s, 1, backing));
	KUNIT_ASSERT_EQ(test, 0, luo_session_preserve(s, 2, file));
	s = fw_kexec(test);
	fw_incoming_bytes(test, s, 2, got, sizeof(got));
	KUNIT_EXPECT_MEMEQ(test, got, want, sizeof(want));
	backing = fw_retrieve(test, s, 1);
	file = fw_retrieve(test, s, 2);
	KUNIT_EXPECT_EQ(test, fw_obj(file)->id, init.id);
	KUNIT_EXPECT_EQ(test, fw_obj(file)->counter, init.counter);
	KUNIT_EXPECT_PTR_EQ(test, fw_obj(file)->dep, backing);
	KUNIT_EXPECT_EQ(test, 0, luo_session_finish(s));
}

/* Sets the handle of incoming @token to @handle, or misaligns it if 0. */
static void fw_set_handle(struct kunit *test, struct liveupdate_session *s,
			  u64 token, u64 handle)
{
	struct luo_file *lf;

	scoped_guard(mutex, &luo_lock) {
		lf = fw_incoming_file(s, token);
		if (lf)
			lf->serialized_data = handle ?: lf->serialized_data + 4;
	}
	KUNIT_ASSERT_NOT_NULL(test, lf);
}

/*
 * A handle outside the heap, or misaligned, is refused before a byte is
 * read through it; a file naming itself as its dependency is refused.
 */
static void fw_wild_handle(struct kunit *test)
{
	struct liveupdate_session *s = fw_outgoing(test);
	struct fw_obj init = { .id = 1 };
	struct file *file;

	fw_family(test, s, NULL);
	fw_family(test, fw_outgoing_named(test, "fw3"), NULL);
	KUNIT_ASSERT_EQ(test, 0,
			luo_session_preserve(s, 7, fw_file(test, &fw_chain_fops,
							   &init)));
	s = fw_kexec(test);
	fw_retrieve(test, s, 1);
	/* The chain's optional dependency: present, token 7, itself. */
	fw_poke(test, s, 7, FW_FIX + 8, 1);
	fw_poke(test, s, 7, FW_FIX + 16, 7);
	fw_set_handle(test, s, 2, MEDIUM_SIZE - 8);
	KUNIT_EXPECT_EQ(test, -EINVAL, luo_session_retrieve(s, 2, &file));
	KUNIT_EXPECT_EQ(test, -EINVAL, luo_session_retrieve(s, 7, &file));

	s = fw_incoming(test, "fw3");
	fw_retrieve(test, s, 1);
	fw_set_handle(test, s, 2, 0);
	KUNIT_EXPECT_EQ(test, -EINVAL, luo_session_retrieve(s, 2, &file));
}

static struct kunit_case luo_handler_test_cases[] = {
	KUNIT_CASE(fw_round_trip),
	KUNIT_CASE(fw_rollback_then_upgrade),
	KUNIT_CASE(fw_no_common_version),
	KUNIT_CASE(fw_target_after_preserve),
	KUNIT_CASE(fw_target_parse),
	KUNIT_CASE(fw_dependency_refusals),
	KUNIT_CASE(fw_foreign_dependency),
	KUNIT_CASE(fw_retrieve_order),
	KUNIT_CASE(fw_chain_round_trip),
	KUNIT_CASE(fw_freeze_failure),
	KUNIT_CASE(fw_callback_failures),
	KUNIT_CASE(fw_unpreserve_frees),
	KUNIT_CASE(fw_registration_listing),
	KUNIT_CASE(fw_unregister_busy),
	KUNIT_CASE(fw_crafted_image),
	KUNIT_CASE(fw_flat_path),
	KUNIT_CASE(fw_flat_with_release),
	KUNIT_CASE(fw_flat_hole_bytes),
	KUNIT_CASE(fw_wild_handle),
	{}
};

static struct kunit_suite luo_handler_test_suite = {
	.name = "luo_handler",
	.init = fw_test_init,
	.test_cases = luo_handler_test_cases,
};

kunit_test_suite(luo_handler_test_suite);
