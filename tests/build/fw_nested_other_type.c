// SPDX-License-Identifier: GPL-2.0
// expect: luo_handler: struct st.in is not the struct layout inner_ser describes
/* A nested layout must describe the member's type. */
#include <linux/luo_handler/handler.h>

struct inner {
	u32 x;
};

LUO_SER(inner_ser, struct inner, LUO_FIELD(x));
LUO_HANDLER_DECLARE(h);

struct st {
	u64 ok;
	struct other { u32 x; } in;
};

LUO_SER(ser, struct st, LUO_FIELD(ok), LUO_FIELD_NESTED(in, inner_ser));
