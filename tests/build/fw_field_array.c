// SPDX-License-Identifier: GPL-2.0
// expect: ser.a is an array: declare it with LUO_FIELD_ARRAY()
/* LUO_FIELD() is for one integer, not an array of them. */
#include "fw_fixture.h"

struct st {
	u64 ok;
	u32 a[4];
};

LUO_SER(ser, struct st, LUO_FIELD(ok, ser), LUO_FIELD(a, ser));
