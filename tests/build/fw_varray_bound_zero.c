// SPDX-License-Identifier: GPL-2.0
// expect: luo_handler: bound of ser.v is not in 1..U32_MAX
/* A variable-length array needs a bound. */
#include "fw_fixture.h"

struct st {
	u64 ok;
	u32 n;
	u64 *v;
};

LUO_SER(ser, struct st, LUO_FIELD(ok, ser), LUO_FIELD(n, ser), LUO_FIELD_VARRAY(v, ser, n, 0));
