// SPDX-License-Identifier: GPL-2.0
#include <linux/luo_handler/handler.h>

struct a_state {
	u64 id;
	u32 flags;
};

LUO_SER(a_ser, struct a_state,
	LUO_FIELD(id, a_ser),
	LUO_FIELD(flags, a_ser, LUO_SINCE(3)));

/* flags came with version 3, which is not declared. */
LUO_HANDLER(a_handler, "fixture-a", a_ser, LUO_VERSIONS(2, 1), // expect: field flags of layout a_ser has LUO_SINCE(3), newer than LUO_VERSIONS(2, 1) lists // expect: version 2 has the same fields as version 1
	    .can_preserve = a_can_preserve, .save = a_save, .load = a_load);

LUO_SER(b_ser, struct a_state,
	LUO_FIELD(id, b_ser),
	LUO_FIELD(flags, b_ser));

/* Version 2 added, but flags was added to version 1 too. */
LUO_HANDLER(b_handler, "fixture-b", b_ser, LUO_VERSIONS(2, 1), // expect: b_handler: version 2 has the same fields as version 1
	    .can_preserve = a_can_preserve, .save = a_save, .load = a_load);
