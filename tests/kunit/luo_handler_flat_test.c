// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for the luo_handler codec's shortcuts: which versions take
 * the flat path (one copy instead of the walk), and variable-length arrays
 * read in place (LUO_BORROW).  Framework only, so it runs on both kernels.
 */
#include <kunit/test.h>
#include <linux/slab.h>
#include <linux/luo_handler/handler.h>

static bool flat_is_file(struct file *file)
{
	return false;
}

LUO_FILE_TYPE(flat_dep_type, "flat-dep", flat_is_file);

/* Padding inside (4 bytes after b) and a dependency: flat. */
struct flat_hole {
	u64 a;
	u32 b;
	struct file *dep;
};

LUO_SER(flat_hole_ser, struct flat_hole,
	LUO_FIELD(a, flat_hole_ser),
	LUO_FIELD(b, flat_hole_ser),
	LUO_FIELD_DEP(dep, flat_hole_ser, flat_dep_type));

/* Padding at the end, and a field since version 2: flat from 2 on. */
struct flat_tail {
	u64 a;
	u16 b;
};

LUO_SER(flat_tail_ser, struct flat_tail,
	LUO_FIELD(a, flat_tail_ser),
	LUO_FIELD(b, flat_tail_ser, LUO_SINCE(2)));

/* Fields in another order than in memory. */
LUO_SER(flat_swapped_ser, struct flat_tail,
	LUO_FIELD(b, flat_swapped_ser),
	LUO_FIELD(a, flat_swapped_ser));

/* A member not preserved: the wire has no hole where memory has it. */
struct flat_gap {
	u64 a;
	u64 unsaved;
	u64 c;
};

LUO_SER(flat_gap_ser, struct flat_gap,
	LUO_FIELD(a, flat_gap_ser),
	LUO_FIELD(c, flat_gap_ser));

struct flat_string {
	u64 a;
	char name[8];
};

LUO_SER(flat_string_ser, struct flat_string,
	LUO_FIELD(a, flat_string_ser),
	LUO_FIELD_STRING(name, flat_string_ser));

LUO_SER(flat_optional_ser, struct flat_hole,
	LUO_FIELD(a, flat_optional_ser),
	LUO_FIELD(b, flat_optional_ser),
	LUO_FIELD_DEP(dep, flat_optional_ser, flat_dep_type, LUO_OPTIONAL));

struct flat_varray {
	u64 nr;
	u64 *items;
};

LUO_SER(flat_varray_ser, struct flat_varray,
	LUO_FIELD(nr, flat_varray_ser),
	LUO_FIELD_VARRAY(items, flat_varray_ser, nr, 64));

LUO_SER(flat_borrow_ser, struct flat_varray,
	LUO_FIELD(nr, flat_borrow_ser),
	LUO_FIELD_VARRAY(items, flat_borrow_ser, nr, 64, LUO_BORROW));

struct flat_case {
	const char *what;
	const struct luo_layout *l;
	unsigned int v;
	bool flat;
};

static const struct flat_case flat_cases[] = {
	{ "padding inside, a dependency", &flat_hole_ser, 1, true },
	{ "padding at the end", &flat_tail_ser, 2, true },
	{ "a field missing from the version", &flat_tail_ser, 1, false },
	{ "fields out of memory order", &flat_swapped_ser, 1, false },
	{ "a member left out", &flat_gap_ser, 1, false },
	{ "a string", &flat_string_ser, 1, false },
	{ "an optional dependency", &flat_optional_ser, 1, false },
	{ "a variable-length array", &flat_varray_ser, 1, false },
};

static void flat_case_desc(const struct flat_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s", c->what);
}

KUNIT_ARRAY_PARAM(flat_case, flat_cases, flat_case_desc);

/* Which versions lie on the wire as in memory (little-endian only). */
static void flat_decision(struct kunit *test)
{
	const struct flat_case *c = test->param_value;
	bool want = c->flat && luo_wire_native();

	KUNIT_EXPECT_EQ(test, want, luo_codec_flat(c->l, c->v));
}

/* Encodes @st with @l into @buf, returns the decoded copy in @out. */
static void flat_round_trip(struct kunit *test, const struct luo_layout *l,
			    struct flat_varray *st, u64 *buf, size_t size,
			    struct flat_varray *out)
{
	KUNIT_ASSERT_EQ(test, size, luo_encoded_size(l, 1, st, "t"));
	KUNIT_ASSERT_EQ(test, 0, luo_encode(l, 1, st, NULL, buf, size, "t"));
	memset(out, 0, sizeof(*out));
	KUNIT_ASSERT_EQ(test, 0, luo_decode(l, 1, buf, size, out, NULL, "t"));
	KUNIT_EXPECT_EQ(test, out->nr, st->nr);
	KUNIT_EXPECT_MEMEQ(test, out->items, st->items,
			   st->nr * sizeof(st->items[0]));
}

/*
 * A borrowed array is the wire's own bytes, left in place by
 * luo_decoded_free(); a copied one is not.  KASAN and kmemleak watch that
 * nothing is freed twice and nothing is lost.
 */
static void flat_borrow(struct kunit *test)
{
	u64 items[5] = { 1, 2, 3, 5, 8 };
	struct flat_varray st = { .nr = 5, .items = items }, out;
	size_t size = 16 + 8 + sizeof(items);
	u64 *buf = kunit_kzalloc(test, size, GFP_KERNEL);
	u8 *tail;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	tail = (u8 *)buf + 16 + 8;

	flat_round_trip(test, &flat_borrow_ser, &st, buf, size, &out);
#ifdef __LITTLE_ENDIAN
	KUNIT_EXPECT_PTR_EQ(test, (u8 *)out.items, tail);
#else
	KUNIT_EXPECT_PTR_NE(test, (u8 *)out.items, tail);
#endif
	luo_decoded_free(&flat_borrow_ser, 1, &out);
	KUNIT_EXPECT_NULL(test, out.items);
	KUNIT_EXPECT_MEMEQ(test, tail, items, sizeof(items));

	/* The same bytes: the option changes the reader, not the wire. */
	flat_round_trip(test, &flat_varray_ser, &st, buf, size, &out);
	KUNIT_EXPECT_PTR_NE(test, (u8 *)out.items, tail);
	luo_decoded_free(&flat_varray_ser, 1, &out);

	/* Borrowed or not, a count past the bytes is refused. */
	((__le64 *)buf)[2] = cpu_to_le64(6);
	memset(&out, 0, sizeof(out));
	KUNIT_EXPECT_EQ(test, -EINVAL, luo_decode(&flat_borrow_ser, 1, buf,
						  size, &out, NULL, "t"));
	KUNIT_EXPECT_NULL(test, out.items);
}

static struct kunit_case flat_cases_list[] = {
	KUNIT_CASE_PARAM(flat_decision, flat_case_gen_params),
	KUNIT_CASE(flat_borrow),
	{}
};

static struct kunit_suite flat_suite = {
	.name = "luo_handler_flat",
	.test_cases = flat_cases_list,
};

kunit_test_suite(flat_suite);
