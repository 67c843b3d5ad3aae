// SPDX-License-Identifier: GPL-2.0
// expect: luo_handler: ser.s is not an array of char
/* A string is an array of char. */
#include "fw_fixture.h"

struct st {
	u64 ok;
	u8 s[8];
};

LUO_SER(ser, struct st, LUO_FIELD(ok, ser), LUO_FIELD_STRING(s, ser));
