// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for the versions a kernel advertises: the exact bytes of the
 * .liveupdate_versions section this image was linked with, and the running
 * listing behind /sys/kernel/liveupdate/versions.
 */
#include <kunit/test.h>
#include <linux/ctype.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "luo_internal.h"
#include "luo_test_util.h"

#define LUO_TEST_SECTION_COMPAT "luo-test-section-v7"

/* Defined only through the macro, to check what it emits. */
static LIVEUPDATE_FILE_HANDLER(luo_test_section_handler,
			       LUO_TEST_SECTION_COMPAT, &luo_test_ops);

static const u8 *section_start(void)
{
	return __liveupdate_versions_start;
}

static size_t section_size(void)
{
	return __liveupdate_versions_end - __liveupdate_versions_start;
}

static size_t entry_count(void)
{
	return (section_size() - sizeof(struct liveupdate_versions_header)) /
	       LIVEUPDATE_VERSIONS_ENTRY_SIZE;
}

static const char *entry(size_t i)
{
	return (const char *)section_start() +
	       sizeof(struct liveupdate_versions_header) +
	       i * LIVEUPDATE_VERSIONS_ENTRY_SIZE;
}

static size_t count_entries(const char *compatible)
{
	size_t i, n = 0;

	for (i = 0; i < entry_count(); i++)
		if (!strncmp(entry(i), compatible,
			     LIVEUPDATE_VERSIONS_ENTRY_SIZE))
			n++;
	return n;
}

static void section_header_first(struct kunit *test)
{
	struct liveupdate_versions_header hdr;

	KUNIT_ASSERT_GE(test, section_size(), sizeof(hdr));
	memcpy(&hdr, section_start(), sizeof(hdr));
	KUNIT_EXPECT_EQ(test, hdr.magic, LIVEUPDATE_VERSIONS_MAGIC);
	KUNIT_EXPECT_EQ(test, hdr.version, LIVEUPDATE_VERSIONS_FORMAT);
#ifdef __LITTLE_ENDIAN
	/* 'LVUP' as a little-endian u32 reads "PUVL" in memory. */
	KUNIT_EXPECT_MEMEQ(test, section_start(), "PUVL", 4);
#endif
}

static void section_size_is_whole_entries(struct kunit *test)
{
	size_t size = section_size();

	KUNIT_EXPECT_EQ(test, 0,
			(size - sizeof(struct liveupdate_versions_header)) %
			LIVEUPDATE_VERSIONS_ENTRY_SIZE);
	KUNIT_EXPECT_GE(test, entry_count(), 1);
}

static void section_entries_nul_padded(struct kunit *test)
{
	size_t i, j, len;

	for (i = 0; i < entry_count(); i++) {
		const char *e = entry(i);

		len = strnlen(e, LIVEUPDATE_VERSIONS_ENTRY_SIZE);
		KUNIT_EXPECT_GT_MSG(test, len, 0, "entry %zu is empty", i);
		KUNIT_EXPECT_LT_MSG(test, len, LIVEUPDATE_VERSIONS_ENTRY_SIZE,
				    "entry %zu is not terminated", i);
		for (j = 0; j < len; j++)
			KUNIT_EXPECT_TRUE_MSG(test,
					      isascii(e[j]) && isgraph(e[j]),
					      "entry %zu byte %zu is 0x%02x",
					      i, j, (u8)e[j]);
		for (j = len; j < LIVEUPDATE_VERSIONS_ENTRY_SIZE; j++)
			KUNIT_EXPECT_EQ_MSG(test, e[j], 0,
					    "entry %zu: byte %zu after the NUL",
					    i, j);
	}
}

static void section_lists_macro_handler(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, 1, count_entries(LUO_TEST_SECTION_COMPAT));
}

static void section_lists_core_image(struct kunit *test)
{
	/* Modular, the core's entry is in the core's own module. */
	if (!IS_BUILTIN(CONFIG_LUO_CORE) ||
	    !IS_BUILTIN(CONFIG_LUO_CORE_KUNIT_TEST))
		kunit_skip(test, "core and suite are not in the same image");
	KUNIT_EXPECT_EQ(test, 1, count_entries(LUO_IMAGE_COMPATIBLE));
}

static void macro_defines_handler(struct kunit *test)
{
	KUNIT_EXPECT_PTR_EQ(test, luo_test_section_handler.ops, &luo_test_ops);
	KUNIT_EXPECT_STREQ(test, luo_test_section_handler.compatible,
			   LUO_TEST_SECTION_COMPAT);
	/* The compatible array is NUL-padded like the section entry. */
	KUNIT_EXPECT_EQ(test, 0,
			memchr_inv(luo_test_section_handler.compatible +
				   sizeof(LUO_TEST_SECTION_COMPAT), 0,
				   LIVEUPDATE_HNDL_COMPAT_LENGTH -
				   sizeof(LUO_TEST_SECTION_COMPAT)) != NULL);
}

static void macro_handler_registers(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, 0,
			luo_test_register(test, &luo_test_section_handler));
}

/* The listing as lines, freed when the test ends. */
struct listing {
	char *text;
	ssize_t len;
};

static void free_listing(void *text)
{
	kvfree(text);
}

static struct listing read_listing(struct kunit *test)
{
	struct listing l;

	l.len = luo_versions_format(&l.text);
	KUNIT_ASSERT_GT(test, l.len, 0);
	KUNIT_ASSERT_EQ(test, 0,
			kunit_add_action_or_reset(test, free_listing, l.text));
	KUNIT_ASSERT_EQ(test, '\n', l.text[l.len - 1]);
	return l;
}

static size_t count_lines(struct listing l, const char *line)
{
	size_t n = 0, len = strlen(line);
	const char *p = l.text, *end = l.text + l.len;

	while (p < end) {
		const char *nl = memchr(p, '\n', end - p);

		if (nl - p == len && !memcmp(p, line, len))
			n++;
		p = nl + 1;
	}
	return n;
}

static void listing_starts_with_core(struct kunit *test)
{
	struct listing l = read_listing(test);
	size_t len = strlen(LUO_IMAGE_COMPATIBLE);

	KUNIT_ASSERT_GT(test, l.len, len);
	KUNIT_EXPECT_EQ(test, 0, memcmp(l.text, LUO_IMAGE_COMPATIBLE, len));
	KUNIT_EXPECT_EQ(test, '\n', l.text[len]);
}

static void listing_follows_registration(struct kunit *test)
{
	struct liveupdate_file_handler *fh = &luo_test_section_handler;

	KUNIT_EXPECT_EQ(test, 0,
			count_lines(read_listing(test), fh->compatible));
	KUNIT_ASSERT_EQ(test, 0, luo_test_register(test, fh));
	KUNIT_EXPECT_EQ(test, 1,
			count_lines(read_listing(test), fh->compatible));
	KUNIT_ASSERT_EQ(test, 0, luo_unregister_file_handler(fh));
	KUNIT_EXPECT_EQ(test, 0,
			count_lines(read_listing(test), fh->compatible));
}

/* More handlers than one page of text holds: nothing may be cut. */
#define MANY_HANDLERS 200

static void listing_larger_than_a_page(struct kunit *test)
{
	char name[LIVEUPDATE_HNDL_COMPAT_LENGTH];
	struct liveupdate_file_handler **fh;
	struct listing l;
	size_t i;

	fh = kunit_kcalloc(test, MANY_HANDLERS, sizeof(*fh), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, fh);

	for (i = 0; i < MANY_HANDLERS; i++) {
		memset(name, 0, sizeof(name));
		snprintf(name, sizeof(name), "luo-test-many-handlers-%03zu-v1", i);
		fh[i] = luo_test_handler(test, &luo_test_ops, name,
					 sizeof(name));
		KUNIT_ASSERT_EQ(test, 0, luo_test_register(test, fh[i]));
	}
	l = read_listing(test);
	KUNIT_EXPECT_GT(test, l.len, PAGE_SIZE);
	for (i = 0; i < MANY_HANDLERS; i++)
		KUNIT_EXPECT_EQ(test, 1, count_lines(l, fh[i]->compatible));
}

static struct kunit_case luo_versions_cases[] = {
	KUNIT_CASE(section_header_first),
	KUNIT_CASE(section_size_is_whole_entries),
	KUNIT_CASE(section_entries_nul_padded),
	KUNIT_CASE(section_lists_macro_handler),
	KUNIT_CASE(section_lists_core_image),
	KUNIT_CASE(macro_defines_handler),
	KUNIT_CASE(macro_handler_registers),
	KUNIT_CASE(listing_starts_with_core),
	KUNIT_CASE(listing_follows_registration),
	KUNIT_CASE(listing_larger_than_a_page),
	{}
};

static struct kunit_suite luo_versions_suite = {
	.name = "liveupdate_versions",
	.test_cases = luo_versions_cases,
};

kunit_test_suite(luo_versions_suite);
