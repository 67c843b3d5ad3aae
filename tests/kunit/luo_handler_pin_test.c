// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for layout fingerprints and LUO_LAYOUT_PIN(): what changes a
 * version's fingerprint and what does not, and registration refusing a
 * handler whose pinned layout changed.  Framework and the orchestrator's
 * public API only, so it runs on both kernels.
 *
 * The known values were computed by tests/tools/layout-fingerprint.py,
 * which mirrors the engine: a failure of fwp_known_answer means the two
 * differ, or the fingerprint is not the same on this architecture.
 */
#include <kunit/test.h>
#include <linux/luo_handler/handler.h>

#include "luo_test_util.h"

static bool fwp_never(struct file *file)
{
	return false;
}

LUO_FILE_TYPE(fwp_file, "fwp-file", fwp_never);

/* Every kind of field the fingerprint looks into. */
struct fwp_inner {
	u16 a;
	u32 b;
};

LUO_SER(fwp_inner_ser, struct fwp_inner,
	LUO_FIELD(a, fwp_inner_ser),
	LUO_FIELD(b, fwp_inner_ser, LUO_SINCE(2)));

struct fwp_known {
	u64 id;
	u32 nr;
	u16 *items;
	struct fwp_inner in;
	u8 old;
	struct file *dep;
};

LUO_SER(fwp_known_ser, struct fwp_known,
	LUO_FIELD(id, fwp_known_ser),
	LUO_FIELD(nr, fwp_known_ser),
	LUO_FIELD_VARRAY(items, fwp_known_ser, nr, 6),
	LUO_FIELD_NESTED(in, fwp_known_ser, fwp_inner_ser),
	LUO_FIELD(old, fwp_known_ser, LUO_UNTIL(1)),
	LUO_FIELD_DEP(dep, fwp_known_ser, fwp_file, LUO_OPTIONAL));

/* Its variable-length array may hold more: no new version needed. */
LUO_SER(fwp_more_ser, struct fwp_known,
	LUO_FIELD(id, fwp_more_ser),
	LUO_FIELD(nr, fwp_more_ser),
	LUO_FIELD_VARRAY(items, fwp_more_ser, nr, 600),
	LUO_FIELD_NESTED(in, fwp_more_ser, fwp_inner_ser),
	LUO_FIELD(old, fwp_more_ser, LUO_UNTIL(1)),
	LUO_FIELD_DEP(dep, fwp_more_ser, fwp_file, LUO_OPTIONAL));

/* The reference layout, and variants of it, one change each. */
struct fwp_a {
	u64 id;
	u32 flags;
	char name[8];
};

LUO_SER(fwp_a_ser, struct fwp_a,
	LUO_FIELD(id, fwp_a_ser),
	LUO_FIELD(flags, fwp_a_ser, LUO_SINCE(2)),
	LUO_FIELD_STRING(name, fwp_a_ser));

/* Same wire, other memory: members moved, one more, other options. */
struct fwp_mem {
	u32 scratch;
	char name[8];
	u32 flags;
	u64 id;
};

LUO_SER(fwp_mem_ser, struct fwp_mem,
	LUO_FIELD(id, fwp_mem_ser, LUO_LATE),
	LUO_FIELD(flags, fwp_mem_ser, LUO_SINCE(2), LUO_DEFAULT(3)),
	LUO_FIELD_STRING(name, fwp_mem_ser));

/* A field added the right way, in version 3: versions 1 and 2 unchanged. */
struct fwp_added {
	u64 id;
	u32 flags;
	char name[8];
	u16 extra;
};

LUO_SER(fwp_added_ser, struct fwp_added,
	LUO_FIELD(id, fwp_added_ser),
	LUO_FIELD(flags, fwp_added_ser, LUO_SINCE(2)),
	LUO_FIELD_STRING(name, fwp_added_ser),
	LUO_FIELD(extra, fwp_added_ser, LUO_SINCE(3)));

/* The same field added in place, the mistake a pin catches. */
LUO_SER(fwp_in_place_ser, struct fwp_added,
	LUO_FIELD(id, fwp_in_place_ser),
	LUO_FIELD(flags, fwp_in_place_ser, LUO_SINCE(2)),
	LUO_FIELD_STRING(name, fwp_in_place_ser),
	LUO_FIELD(extra, fwp_in_place_ser));

struct fwp_wide {
	u64 id;
	u64 flags;
	char name[8];
};

LUO_SER(fwp_wide_ser, struct fwp_wide,
	LUO_FIELD(id, fwp_wide_ser),
	LUO_FIELD(flags, fwp_wide_ser, LUO_SINCE(2)),
	LUO_FIELD_STRING(name, fwp_wide_ser));

struct fwp_renamed {
	u64 id;
	u32 mode;
	char name[8];
};

LUO_SER(fwp_renamed_ser, struct fwp_renamed,
	LUO_FIELD(id, fwp_renamed_ser),
	LUO_FIELD(mode, fwp_renamed_ser, LUO_SINCE(2)),
	LUO_FIELD_STRING(name, fwp_renamed_ser));

struct fwp_bytes {
	u64 id;
	u32 flags;
	u8 name[8];
};

LUO_SER(fwp_bytes_ser, struct fwp_bytes,
	LUO_FIELD(id, fwp_bytes_ser),
	LUO_FIELD(flags, fwp_bytes_ser, LUO_SINCE(2)),
	LUO_FIELD_BYTES(name, fwp_bytes_ser));

LUO_SER(fwp_always_ser, struct fwp_a,
	LUO_FIELD(id, fwp_always_ser),
	LUO_FIELD(flags, fwp_always_ser),
	LUO_FIELD_STRING(name, fwp_always_ser));

LUO_SER(fwp_order_ser, struct fwp_a,
	LUO_FIELD_STRING(name, fwp_order_ser),
	LUO_FIELD(id, fwp_order_ser),
	LUO_FIELD(flags, fwp_order_ser, LUO_SINCE(2)));

#define FWP_A_V2	0xb272487fe1387cd6
#define FWP_A_V1	0xb2f97be45c0b5190

static u64 fwp_fp(const struct luo_layout *l, unsigned int v)
{
	return luo_layout_fingerprint(l, v);
}

/* The values the host-side mirror computes: same on every architecture. */
static void fwp_known_answer(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, 0xccda20f4502dab61ULL, fwp_fp(&fwp_known_ser, 2));
	KUNIT_EXPECT_EQ(test, 0x823465b71bfd81cfULL, fwp_fp(&fwp_known_ser, 1));
	KUNIT_EXPECT_EQ(test, FWP_A_V2, fwp_fp(&fwp_a_ser, 2));
	KUNIT_EXPECT_EQ(test, FWP_A_V1, fwp_fp(&fwp_a_ser, 1));
}

/* Computed again, the same; and each version has its own. */
static void fwp_stable(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, fwp_fp(&fwp_a_ser, 1), fwp_fp(&fwp_a_ser, 1));
	KUNIT_EXPECT_EQ(test, fwp_fp(&fwp_known_ser, 2),
			fwp_fp(&fwp_known_ser, 2));
	KUNIT_EXPECT_NE(test, fwp_fp(&fwp_a_ser, 1), fwp_fp(&fwp_a_ser, 2));
}

/*
 * Only the wire counts: memory order, extra members, late, default; and
 * what needs no new version, a variable-length array's maximum.
 */
static void fwp_memory_only(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, fwp_fp(&fwp_a_ser, 1), fwp_fp(&fwp_mem_ser, 1));
	KUNIT_EXPECT_EQ(test, fwp_fp(&fwp_a_ser, 2), fwp_fp(&fwp_mem_ser, 2));
	KUNIT_EXPECT_EQ(test, fwp_fp(&fwp_known_ser, 1),
			fwp_fp(&fwp_more_ser, 1));
	KUNIT_EXPECT_EQ(test, fwp_fp(&fwp_known_ser, 2),
			fwp_fp(&fwp_more_ser, 2));
}

/* A field added since a new version leaves the older ones alone. */
static void fwp_since_new_version(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, fwp_fp(&fwp_a_ser, 1), fwp_fp(&fwp_added_ser, 1));
	KUNIT_EXPECT_EQ(test, fwp_fp(&fwp_a_ser, 2), fwp_fp(&fwp_added_ser, 2));
	KUNIT_EXPECT_NE(test, fwp_fp(&fwp_added_ser, 2),
			fwp_fp(&fwp_added_ser, 3));
	/* Added in place: every version changes. */
	KUNIT_EXPECT_NE(test, fwp_fp(&fwp_a_ser, 1),
			fwp_fp(&fwp_in_place_ser, 1));
	KUNIT_EXPECT_NE(test, fwp_fp(&fwp_a_ser, 2),
			fwp_fp(&fwp_in_place_ser, 2));
}

/* Each change of a field in the version changes its fingerprint. */
static void fwp_field_changes(struct kunit *test)
{
	/* Size: flags is in version 2 only. */
	KUNIT_EXPECT_NE(test, fwp_fp(&fwp_a_ser, 2), fwp_fp(&fwp_wide_ser, 2));
	KUNIT_EXPECT_EQ(test, fwp_fp(&fwp_a_ser, 1), fwp_fp(&fwp_wide_ser, 1));
	/* Name. */
	KUNIT_EXPECT_NE(test, fwp_fp(&fwp_a_ser, 2),
			fwp_fp(&fwp_renamed_ser, 2));
	/* Kind: a string and bytes take the same room. */
	KUNIT_EXPECT_NE(test, fwp_fp(&fwp_a_ser, 1), fwp_fp(&fwp_bytes_ser, 1));
	/* Since: flags now in version 1 too. */
	KUNIT_EXPECT_NE(test, fwp_fp(&fwp_a_ser, 1),
			fwp_fp(&fwp_always_ser, 1));
	KUNIT_EXPECT_EQ(test, fwp_fp(&fwp_a_ser, 2),
			fwp_fp(&fwp_always_ser, 2));
	/* Order. */
	KUNIT_EXPECT_NE(test, fwp_fp(&fwp_a_ser, 1), fwp_fp(&fwp_order_ser, 1));
	KUNIT_EXPECT_NE(test, fwp_fp(&fwp_a_ser, 2), fwp_fp(&fwp_order_ser, 2));
	/* Versions: old ends at 1, in.b (nested) starts at 2. */
	KUNIT_EXPECT_NE(test, fwp_fp(&fwp_known_ser, 1),
			fwp_fp(&fwp_known_ser, 2));
}

static bool fwp_can_preserve(struct file *file)
{
	return false;
}

static int fwp_save(struct file *file, struct fwp_a *s)
{
	return -EOPNOTSUPP;
}

static struct file *fwp_load(struct fwp_a *s)
{
	return ERR_PTR(-EOPNOTSUPP);
}

/* Both versions pinned to what they are. */
LUO_HANDLER(fwp_pinned, "fwp-pinned", fwp_a_ser, LUO_VERSIONS(2, 1),
	    .can_preserve = fwp_can_preserve,
	    .save = fwp_save,
	    .load = fwp_load);
LUO_LAYOUT_PIN(fwp_pinned, 2, 0xb272487fe1387cd6);
LUO_LAYOUT_PIN(fwp_pinned, 1, 0xb2f97be45c0b5190);

/* Version 1 pinned, version 2 not: pins are per version, and optional. */
LUO_HANDLER(fwp_partial, "fwp-partial", fwp_a_ser, LUO_VERSIONS(2, 1),
	    .can_preserve = fwp_can_preserve,
	    .save = fwp_save,
	    .load = fwp_load);
LUO_LAYOUT_PIN(fwp_partial, 1, 0xb2f97be45c0b5190);

/* Version 2 pinned to version 1's layout: its layout "changed". */
LUO_HANDLER(fwp_changed, "fwp-changed", fwp_a_ser, LUO_VERSIONS(2, 1),
	    .can_preserve = fwp_can_preserve,
	    .save = fwp_save,
	    .load = fwp_load);
LUO_LAYOUT_PIN(fwp_changed, 2, 0xb2f97be45c0b5190);
LUO_LAYOUT_PIN(fwp_changed, 1, 0xb2f97be45c0b5190);

/* Whether the orchestrator knows @compatible: it refuses a second one. */
static bool fwp_compatible_taken(struct kunit *test, const char *compatible)
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

static void fwp_unregister(void *h)
{
	luo_handler_unregister(h);
}

static void fwp_hold(struct kunit *test, struct luo_handler *h)
{
	KUNIT_ASSERT_EQ(test, 0, luo_handler_register(h));
	KUNIT_ASSERT_EQ(test, 0,
			kunit_add_action_or_reset(test, fwp_unregister, h));
}

static void fwp_pin_matches(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, FWP_A_V2, *fwp_pinned.versions[0]->pin);
	KUNIT_EXPECT_EQ(test, FWP_A_V1, *fwp_pinned.versions[1]->pin);
	fwp_hold(test, &fwp_pinned);
	KUNIT_EXPECT_TRUE(test, fwp_compatible_taken(test, "fwp-pinned-v2"));
	KUNIT_EXPECT_TRUE(test, fwp_compatible_taken(test, "fwp-pinned-v1"));
}

static void fwp_pin_optional(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, 0ULL, *fwp_partial.versions[0]->pin);
	KUNIT_EXPECT_EQ(test, FWP_A_V1, *fwp_partial.versions[1]->pin);
	fwp_hold(test, &fwp_partial);
}

/* A wrong pin: -EINVAL, and no version of the handler registered. */
static void fwp_pin_refused(struct kunit *test)
{
	int err = luo_handler_register(&fwp_changed);

	if (!err)
		luo_handler_unregister(&fwp_changed);
	KUNIT_EXPECT_EQ(test, -EINVAL, err);
	KUNIT_EXPECT_FALSE(test, fwp_compatible_taken(test, "fwp-changed-v2"));
	KUNIT_EXPECT_FALSE(test, fwp_compatible_taken(test, "fwp-changed-v1"));
}

static struct kunit_case luo_handler_pin_test_cases[] = {
	KUNIT_CASE(fwp_known_answer),
	KUNIT_CASE(fwp_stable),
	KUNIT_CASE(fwp_memory_only),
	KUNIT_CASE(fwp_since_new_version),
	KUNIT_CASE(fwp_field_changes),
	KUNIT_CASE(fwp_pin_matches),
	KUNIT_CASE(fwp_pin_optional),
	KUNIT_CASE(fwp_pin_refused),
	{}
};

static struct kunit_suite luo_handler_pin_test_suite = {
	.name = "luo_handler_pin",
	.test_cases = luo_handler_pin_test_cases,
};

kunit_test_suite(luo_handler_pin_test_suite);
