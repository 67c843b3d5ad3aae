// SPDX-License-Identifier: GPL-2.0
// expect: luo_handler: ser.a is not an array of u8..u64 or s8..s64
/* Arrays are checked element by element. */
#include "fw_fixture.h"

struct st {
	u64 ok;
	long a[4];
};

LUO_SER(ser, struct st, LUO_FIELD(ok, ser), LUO_FIELD_ARRAY(a, ser));
