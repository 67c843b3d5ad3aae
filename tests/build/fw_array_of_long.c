// SPDX-License-Identifier: GPL-2.0
// expect: ser.a is an array of long, whose size differs between 32- and 64-bit: use s64 (or s32)
/* Arrays are checked element by element. */
#include "fw_fixture.h"

struct st {
	u64 ok;
	long a[4];
};

LUO_SER(ser, struct st, LUO_FIELD(ok, ser), LUO_FIELD_ARRAY(a, ser));
