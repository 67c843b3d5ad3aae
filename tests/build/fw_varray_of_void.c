// SPDX-License-Identifier: GPL-2.0
// expect: luo_handler: ser.v points to void: declare it a pointer to u8..u64 or s8..s64
/* A variable-length array needs the type of its elements. */
#include "fw_fixture.h"

struct st {
	u64 ok;
	u32 n;
	void *v;
};

LUO_SER(ser, struct st, LUO_FIELD(ok, ser), LUO_FIELD(n, ser), LUO_FIELD_VARRAY(v, ser, n, 8));
