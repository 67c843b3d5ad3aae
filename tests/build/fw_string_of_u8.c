// SPDX-License-Identifier: GPL-2.0
// expect: ser.s is an array of u8, not char: declare it with LUO_FIELD_BYTES(), or make it char
/* A string is an array of char. */
#include "fw_fixture.h"

struct st {
	u64 ok;
	u8 s[8];
};

LUO_SER(ser, struct st, LUO_FIELD(ok, ser), LUO_FIELD_STRING(s, ser));
