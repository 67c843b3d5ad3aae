// SPDX-License-Identifier: GPL-2.0
// expect: luo_handler: ser.a is an array of char: declare it with LUO_FIELD_STRING(), or make it u8
/* An array of char is a string. */
#include "fw_fixture.h"

struct st {
	u64 ok;
	char a[4];
};

LUO_SER(ser, struct st, LUO_FIELD(ok, ser), LUO_FIELD_BYTES(a, ser));
