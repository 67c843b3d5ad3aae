// SPDX-License-Identifier: GPL-2.0
// expect: ser.v points to long, whose size differs between 32- and 64-bit: use s64 (or s32)
/* Variable-length arrays hold fixed-width integers. */
#include "fw_fixture.h"

struct st {
	u64 ok;
	u32 n;
	long *v;
};

LUO_SER(ser, struct st, LUO_FIELD(ok, ser), LUO_FIELD(n, ser), LUO_FIELD_VARRAY(v, ser, n, 8));
