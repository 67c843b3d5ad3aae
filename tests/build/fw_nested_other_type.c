// SPDX-License-Identifier: GPL-2.0
// expect: luo_handler: ser.in is not the struct layout inner_ser describes
/* A nested layout must describe the member's type. */
#include "fw_fixture.h"

struct st {
	u64 ok;
	struct other { u32 x; } in;
};

LUO_SER(ser, struct st, LUO_FIELD(ok, ser), LUO_FIELD_NESTED(in, ser, inner_ser));
