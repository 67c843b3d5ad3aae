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
	LUO_FIELD(a),
	LUO_FIELD(b, LUO_SINCE(3)));

LUO_SER(c_ser, struct c_state,
	LUO_FIELD(id),
	LUO_FIELD_SINCE(flags, 2),
	LUO_FIELD(old, LUO_UNTIL(1)),
	LUO_FIELD_NESTED(in, inner_ser));

LUO_HANDLER(c_handler, "fixture-c", c_ser, LUO_VERSIONS(3, 2, 1),
	    .can_preserve = c_can_preserve, .save = c_save, .load = c_load);

/* The same driver built as two releases. */
#if FIXTURE_LAYOUT >= 2
LUO_SER(d_ser, struct c_state,
	LUO_FIELD(id),
	LUO_FIELD(flags, LUO_SINCE(2)));
LUO_HANDLER(d_handler, "fixture-d", d_ser, LUO_VERSIONS(2, 1),
	    .can_preserve = c_can_preserve, .save = c_save, .load = c_load);
#else
LUO_SER(d_ser, struct c_state,
	LUO_FIELD(id));
LUO_HANDLER(d_handler, "fixture-d", d_ser, LUO_VERSIONS(1),
	    .can_preserve = c_can_preserve, .save = c_save, .load = c_load);
#endif
