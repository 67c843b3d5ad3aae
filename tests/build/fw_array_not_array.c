// SPDX-License-Identifier: GPL-2.0
// expect: ser.a is a pointer, not an array: declare it with LUO_FIELD_VARRAY()
/* A pointer is not an array: its length is not known at compile time. */
#include "fw_fixture.h"

struct st {
	u64 ok;
	u32 n;
	u64 *a;
};

LUO_SER(ser, struct st, LUO_FIELD(ok, ser), LUO_FIELD(n, ser), LUO_FIELD_ARRAY(a, ser));
