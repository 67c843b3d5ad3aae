// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for the handover image: a real image is written, damaged in
 * one field, and offered to the loader as the next kernel would.  Each
 * damage must be refused whole, with its own errno, leaving no incoming
 * session and no image to trust later.
 */
#include <kunit/test.h>
#include <linux/sizes.h>

#include "luo_image.h"
#include "luo_internal.h"
#include "luo_test_file.h"
#include "luo_test_util.h"

#define MEDIUM_SIZE	SZ_1M

/*
 * Sessions "alpha" (tokens 1, 2) and "beta" (token 1) sealed into slot 0,
 * then the outgoing side forgotten: slot 0 holds a valid image.
 */
static int luo_image_test_init(struct kunit *test)
{
	void *buf = luo_test_medium(test, MEDIUM_SIZE);
	struct liveupdate_session *a, *b;

	a = luo_session_create("alpha");
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, a);
	b = luo_session_create("beta");
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, b);
	KUNIT_ASSERT_EQ(test, 0,
			luo_session_preserve(a, 1, luo_test_file(test, 11, NULL)));
	KUNIT_ASSERT_EQ(test, 0,
			luo_session_preserve(a, 2, luo_test_file(test, 12, NULL)));
	KUNIT_ASSERT_EQ(test, 0,
			luo_session_preserve(b, 1, luo_test_file(test, 21, NULL)));
	KUNIT_ASSERT_EQ(test, 0, luo_freeze());
	luo_reset();
	test->priv = buf;
	return 0;
}

static struct luo_image_header *header(struct kunit *test)
{
	return test->priv;
}

static struct luo_image_session *sessions(struct kunit *test)
{
	return test->priv + le64_to_cpu(header(test)->sessions);
}

static struct luo_image_file *files(struct kunit *test)
{
	return test->priv + le64_to_cpu(header(test)->files);
}

/* Seal the damage in: the checks behind the checksum must catch it. */
static void reseal(struct kunit *test)
{
	struct luo_image_header *hdr = header(test);

	hdr->checksum = cpu_to_le32(luo_image_checksum(hdr,
						       le64_to_cpu(hdr->size)));
}

static void expect_nothing_handed_over(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, -ENOENT,
			PTR_ERR(luo_session_open_incoming("alpha")));
	KUNIT_EXPECT_EQ(test, -ENOENT,
			PTR_ERR(luo_session_open_incoming("beta")));
	/* The refused image was wiped: the next boot finds none. */
	KUNIT_EXPECT_EQ(test, 0, luo_simulate_kexec());
	KUNIT_EXPECT_EQ(test, -ENOENT,
			PTR_ERR(luo_session_open_incoming("alpha")));
}

static void valid_image_loads(struct kunit *test)
{
	struct liveupdate_session *s;

	KUNIT_ASSERT_EQ(test, 0, luo_simulate_kexec());
	s = luo_session_open_incoming("beta");
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, s);
	KUNIT_EXPECT_EQ(test, 1, s->fs.nr_files);
	luo_session_close(s);
}

static void slot_too_small(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, -EINVAL, luo_image_validate(test->priv, 16));
}

struct damage {
	const char *name;
	void (*apply)(struct kunit *test);
	bool reseal;
	int err;
};

#define DAMAGE(_name, _body)						\
	static void damage_##_name(struct kunit *test) { _body; }

DAMAGE(truncated, header(test)->size = cpu_to_le64(32))
DAMAGE(bad_magic, header(test)->magic = cpu_to_le32(0xdeadbeef))
DAMAGE(future_version, header(test)->version = cpu_to_le32(LUO_IMAGE_VERSION + 1))
DAMAGE(never_sealed, header(test)->flags = 0)
DAMAGE(invalidated, header(test)->flags |= cpu_to_le32(LUO_IMAGE_INVALID))
DAMAGE(unknown_flag, header(test)->flags |= cpu_to_le32(BIT(7)))
DAMAGE(reserved_set, header(test)->reserved = cpu_to_le32(1))
DAMAGE(size_past_slot, header(test)->size = cpu_to_le64(MEDIUM_SIZE / 2 + 8))
DAMAGE(bad_checksum, files(test)->token ^= cpu_to_le64(1))
DAMAGE(generation_zero, header(test)->generation = 0)
DAMAGE(sessions_past_end, header(test)->sessions = cpu_to_le64(le64_to_cpu(header(test)->size) - 8))
DAMAGE(files_past_end, header(test)->files = cpu_to_le64(le64_to_cpu(header(test)->size)))
DAMAGE(files_before_heap, header(test)->files = cpu_to_le64(8))
DAMAGE(misaligned_table, le64_add_cpu(&header(test)->sessions, 1))
DAMAGE(count_overflow, header(test)->nr_files = cpu_to_le64(U64_MAX / 2))
DAMAGE(tables_overlap, header(test)->files = header(test)->sessions)
DAMAGE(session_name_unterminated, memset(sessions(test)->name, 'a', LIVEUPDATE_SESSION_NAME_LENGTH))
DAMAGE(session_name_empty, sessions(test)[1].name[0] = '\0')
DAMAGE(session_files_past_table, sessions(test)[1].nr_files = cpu_to_le64(10))
DAMAGE(session_files_overlap, sessions(test)[1].first_file = 0)
DAMAGE(files_unclaimed, header(test)->nr_files = cpu_to_le64(2))
DAMAGE(compatible_unterminated, memset(files(test)[2].compatible, 'x', 48))
DAMAGE(file_flags, files(test)[1].flags = cpu_to_le64(1))
DAMAGE(compatible_empty, files(test)[0].compatible[0] = '\0')
DAMAGE(handle_past_heap, files(test)[1].data = cpu_to_le64(MEDIUM_SIZE))
DAMAGE(handle_in_header, files(test)[1].data = cpu_to_le64(8))
DAMAGE(duplicate_session, memcpy(sessions(test)[1].name, "alpha", sizeof("alpha")))
DAMAGE(duplicate_token, files(test)[1].token = files(test)[0].token)

#define CASE(_name, _reseal, _err) { #_name, damage_##_name, _reseal, _err }

static const struct damage damages[] = {
	CASE(truncated, false, -EFBIG),
	CASE(bad_magic, false, -EINVAL),
	CASE(future_version, false, -EPROTONOSUPPORT),
	CASE(never_sealed, true, -ESTALE),
	CASE(invalidated, true, -ECANCELED),
	CASE(unknown_flag, true, -EINVAL),
	CASE(reserved_set, true, -EINVAL),
	CASE(size_past_slot, false, -EFBIG),
	CASE(bad_checksum, false, -EBADMSG),
	CASE(generation_zero, true, -EINVAL),
	CASE(sessions_past_end, true, -ERANGE),
	CASE(files_past_end, true, -ERANGE),
	CASE(files_before_heap, true, -ERANGE),
	CASE(misaligned_table, true, -ERANGE),
	CASE(count_overflow, true, -EOVERFLOW),
	CASE(tables_overlap, true, -EINVAL),
	CASE(session_name_unterminated, true, -EINVAL),
	CASE(session_name_empty, true, -EINVAL),
	CASE(session_files_past_table, true, -ERANGE),
	CASE(session_files_overlap, true, -ERANGE),
	CASE(files_unclaimed, true, -ERANGE),
	CASE(compatible_unterminated, true, -EINVAL),
	CASE(file_flags, true, -EINVAL),
	CASE(compatible_empty, true, -EINVAL),
	CASE(handle_past_heap, true, -ERANGE),
	CASE(handle_in_header, true, -ERANGE),
	CASE(duplicate_session, true, -EEXIST),
	CASE(duplicate_token, true, -EEXIST),
};

static void damage_desc(const struct damage *d, char *desc)
{
	strscpy(desc, d->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(damage, damages, damage_desc);

static void damaged_image_refused(struct kunit *test)
{
	const struct damage *d = test->param_value;

	d->apply(test);
	if (d->reseal)
		reseal(test);
	KUNIT_EXPECT_EQ(test, d->err, luo_simulate_kexec());
	expect_nothing_handed_over(test);
}

/* Two images of the same generation: nothing says which one is current. */
static void same_generation_twice(struct kunit *test)
{
	memcpy(test->priv + MEDIUM_SIZE / 2, test->priv, MEDIUM_SIZE / 2);
	KUNIT_EXPECT_EQ(test, -EINVAL, luo_simulate_kexec());
	expect_nothing_handed_over(test);
}

static struct kunit_case luo_image_cases[] = {
	KUNIT_CASE(valid_image_loads),
	KUNIT_CASE(slot_too_small),
	KUNIT_CASE_PARAM(damaged_image_refused, damage_gen_params),
	KUNIT_CASE(same_generation_twice),
	{}
};

static struct kunit_suite luo_image_suite = {
	.name = "luo_image",
	.init = luo_image_test_init,
	.test_cases = luo_image_cases,
};

kunit_test_suite(luo_image_suite);
