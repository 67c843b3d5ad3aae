// SPDX-License-Identifier: GPL-2.0
#include <linux/luo_handler/handler.h>

#ifndef FIXTURE_LAYOUT
#define FIXTURE_LAYOUT	2
#endif

struct inner {
	u32 a;
	u32 b;
};

struct c_state {
	u64 id;
	u32 flags;
	u32 old;
	struct inner in;
};

LUO_SER(inner_ser, struct inner,
	LUO_FIELD(a, inner_ser),
	LUO_FIELD(b, inner_ser, LUO_SINCE(3)));

LUO_SER(c_ser, struct c_state,
	LUO_FIELD(id, c_ser),
	LUO_FIELD_SINCE(flags, c_ser, 2),
	LUO_FIELD(old, c_ser, LUO_UNTIL(1)),
	LUO_FIELD_NESTED(in, c_ser, inner_ser));

LUO_HANDLER(c_handler, "fixture-c", c_ser, LUO_VERSIONS(3, 2, 1),
	    .can_preserve = c_can_preserve, .save = c_save, .load = c_load);

/* The same driver built as two releases. */
#if FIXTURE_LAYOUT >= 2
LUO_SER(d_ser, struct c_state,
	LUO_FIELD(id, d_ser),
	LUO_FIELD(flags, d_ser, LUO_SINCE(2)));
LUO_HANDLER(d_handler, "fixture-d", d_ser, LUO_VERSIONS(2, 1),
	    .can_preserve = c_can_preserve, .save = c_save, .load = c_load);
#else
LUO_SER(d_ser, struct c_state,
	LUO_FIELD(id, d_ser));
LUO_HANDLER(d_handler, "fixture-d", d_ser, LUO_VERSIONS(1),
	    .can_preserve = c_can_preserve, .save = c_save, .load = c_load);
#endif
