// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for the luo_handler framework's codec: the wire form of a
 * declared layout, byte by byte, and crafted states the next kernel must
 * refuse.  It calls the framework alone, not the orchestrator, so it runs
 * on both kernels: beside our core's suites, and on mainline with the
 * series.
 */
#include <kunit/test.h>
#include <linux/unaligned.h>
#include <linux/luo_handler/handler.h>

#include "luo_handler_types.h"

/* The child's state of fw_child_init, with parent token 42. */
static void fw_child_state(struct fw_child_state *st)
{
	const struct fw_obj *o = &fw_child_init;

	memset(st, 0, sizeof(*st));
	st->id = o->id;
	st->small = o->small;
	st->tiny = o->tiny;
	memcpy(st->regs, o->regs, sizeof(st->regs));
	memcpy(st->blob, o->blob, sizeof(st->blob));
	memcpy(st->name, o->name, sizeof(st->name));
	st->in = o->in;
	st->nr = o->nr;
	st->items = (u64 *)o->items;
	st->flags = o->flags;
	st->legacy = o->legacy;
}

static void fw_encode_child(struct kunit *test, unsigned int v, u64 *buf)
{
	struct luo_deps deps = { .token = { 42 } };
	struct fw_child_state st;

	fw_child_state(&st);
	KUNIT_ASSERT_EQ(test, FW_CHILD_SIZE,
			luo_encoded_size(fw_child_layout, v, &st, "t"));
	KUNIT_ASSERT_EQ(test, 0, luo_encode(fw_child_layout, v, &st, &deps,
					    buf, FW_CHILD_SIZE, "t"));
}

/* The wire form is an ABI: every field where the documentation says. */
static void fw_wire_layout(struct kunit *test)
{
	u64 buf[FW_CHILD_SIZE / 8];
	u8 *b = (u8 *)buf;

	fw_encode_child(test, 2, buf);
	KUNIT_EXPECT_MEMEQ(test, b, "LUOS\x02\x00\x00\x00\x88\0\0\0\0\0\0\0",
			   16);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(b + FW_FIX), 0x1122334455667788);
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(b + FW_FIX + 8), 0xfffe);
	KUNIT_EXPECT_EQ(test, b[FW_FIX + 10], 0xfd);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(b + FW_FIX + 40), U64_MAX);
	KUNIT_EXPECT_EQ(test, b[FW_FIX + 52], 0xff);
	KUNIT_EXPECT_STREQ(test, (char *)b + FW_FIX + 53, "child");
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(b + FW_FIX + 72), 0xaaaa);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(b + FW_FIX + 76), 0xbbbbbbbb);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(b + FW_FIX + 80), 3);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(b + FW_FIX + 84), 0x5);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(b + FW_FIX + 88), 42);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(b + FW_FIX + 96), 10);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(b + FW_FIX + 112), 30);
	/* Version 1: legacy where flags was. */
	fw_encode_child(test, 1, buf);
	KUNIT_EXPECT_EQ(test, b[4], 1);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(b + FW_FIX + 84), 0x1e);
}

/**
 * struct fw_craft - a state the next kernel must refuse
 * @what:     What is wrong.
 * @chain:    The chain's state (40 bytes) instead of the child's.
 * @off:      Where to write @val, little-endian, @width bytes; or fill
 *            @width bytes with @fill when @fill is set.
 * @width:    See @off.
 * @val:      See @off.
 * @fill:     See @off.
 * @resize:   Bytes to add to the size; the header says the new size,
 *            unless @keep_header.
 * @keep_header: See @resize.
 * @version:  Version to decode as, if not the one written.
 * @misalign: Bytes by which to misalign the state.
 */
struct fw_craft {
	const char *what;
	bool chain;
	int off;
	int width;
	u64 val;
	u8 fill;
	int resize;
	bool keep_header;
	unsigned int version;
	int misalign;
};

static const struct fw_craft fw_crafts[] = {
	{ "shorter than its header", .resize = -FW_CHILD_SIZE + 8 },
	{ "empty", .resize = -FW_CHILD_SIZE },
	{ "tail cut short", .resize = -8 },
	{ "bytes past the end", .resize = 8 },
	{ "bad magic", .off = 0, .width = 4, .val = 0x5355554c },
	{ "version 1 in a v2 handler", .off = 4, .width = 2, .val = 1 },
	{ "version 0", .off = 4, .width = 2, .val = 0 },
	{ "read as version 3", .version = 3 },
	{ "header flags", .off = 6, .width = 2, .val = 1 },
	{ "header reserved", .off = 12, .width = 4, .val = 1 },
	{ "header size larger", .off = 8, .width = 4, .val = FW_CHILD_SIZE + 8 },
	{ "header size huge", .off = 8, .width = 4, .val = U32_MAX },
	{ "padding after tiny", .off = FW_FIX + 11, .width = 1, .val = 1 },
	{ "padding before nested", .off = FW_FIX + 66, .width = 1, .val = 0x80 },
	{ "padding inside nested", .off = FW_FIX + 74, .width = 1, .val = 1 },
	{ "string without NUL", .off = FW_FIX + 53, .width = 12, .fill = 'A' },
	{ "string with a byte after its NUL", .off = FW_FIX + 53 + 7,
	  .width = 1, .val = 'x' },
	{ "count past bound", .off = FW_FIX + 80, .width = 4, .val = 9 },
	{ "count huge", .off = FW_FIX + 80, .width = 4, .val = U32_MAX },
	{ "count one too many", .off = FW_FIX + 80, .width = 4, .val = 4 },
	{ "count one too few", .off = FW_FIX + 80, .width = 4, .val = 2 },
	{ "misaligned", .misalign = 4 },
	{ "optional dependency present 2", .chain = true, .off = FW_FIX + 8,
	  .width = 8, .val = 2 },
	{ "absent dependency with a token", .chain = true, .off = FW_FIX + 16,
	  .width = 8, .val = 5 },
	{ "chain with bytes past the end", .chain = true, .resize = 8 },
	{ "chain cut short", .chain = true, .resize = -8 },
};

static void fw_craft_desc(const struct fw_craft *c, char *desc)
{
	strscpy(desc, c->what, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(fw_craft, fw_crafts, fw_craft_desc);

static size_t fw_encode_chain(struct kunit *test, u64 *buf)
{
	struct fw_chain_state { u64 value; struct file *prev; } st = { 5 };
	struct luo_deps deps = { .absent = BIT(0) };

	KUNIT_ASSERT_EQ(test, 40, luo_encoded_size(fw_chain_layout, 1, &st,
						   "t"));
	KUNIT_ASSERT_EQ(test, 0, luo_encode(fw_chain_layout, 1, &st, &deps,
					    buf, 40, "t"));
	return 40;
}

static void fw_crafted_state(struct kunit *test)
{
	const struct fw_craft *c = test->param_value;
	const struct luo_layout *l = c->chain ? fw_chain_layout
					      : fw_child_layout;
	unsigned int v = c->chain ? 1 : 2;
	u64 good[FW_CHILD_SIZE / 8], bad[FW_CHILD_SIZE / 8 + 2] = {};
	u8 *b = (u8 *)bad + c->misalign;
	struct luo_deps deps;
	size_t size, good_size;
	void *state;

	if (c->chain) {
		good_size = fw_encode_chain(test, good);
	} else {
		fw_encode_child(test, 2, good);
		good_size = FW_CHILD_SIZE;
	}
	memcpy(b, good, good_size);
	size = good_size;
	if (c->fill)
		memset(b + c->off, c->fill, c->width);
	else if (c->width)
		memcpy(b + c->off, &(__le64){ cpu_to_le64(c->val) }, c->width);
	size += c->resize;
	if (c->resize && !c->keep_header && size >= 16)
		put_unaligned_le32(size, b + 8);

	state = kunit_kzalloc(test, l->state_size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, state);
	KUNIT_EXPECT_EQ(test, -EINVAL,
			luo_decode(l, c->version ?: v, b, size, state, &deps,
				   c->what));
	/* Nothing allocated is left behind. */
	if (!c->chain)
		KUNIT_EXPECT_NULL(test,
				  ((struct fw_child_state *)state)->items);
	/* Untouched, the same bytes decode. */
	KUNIT_EXPECT_EQ(test, 0, luo_validate(l, v, good, good_size, "t"));
}

static struct kunit_case luo_handler_codec_test_cases[] = {
	KUNIT_CASE(fw_wire_layout),
	KUNIT_CASE_PARAM(fw_crafted_state, fw_craft_gen_params),
	{}
};

static struct kunit_suite luo_handler_codec_test_suite = {
	.name = "luo_handler_codec",
	.test_cases = luo_handler_codec_test_cases,
};

kunit_test_suite(luo_handler_codec_test_suite);
