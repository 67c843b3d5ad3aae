// SPDX-License-Identifier: GPL-2.0
// expect: luo_handler: ser.v is an array, not a pointer: declare it with LUO_FIELD_ARRAY()
/* A fixed array has its own field kind. */
#include "fw_fixture.h"

struct st {
	u64 ok;
	u32 n;
	u64 v[8];
};

LUO_SER(ser, struct st, LUO_FIELD(ok, ser), LUO_FIELD(n, ser), LUO_FIELD_VARRAY(v, ser, n, 8));
