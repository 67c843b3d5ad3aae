// SPDX-License-Identifier: GPL-2.0
// expect: ser.a is an array of char: use LUO_FIELD_STRING() for a string, u8 or s8 otherwise
/* An array of char is a string, or bytes of unknown signedness. */
#include "fw_fixture.h"

struct st {
	u64 ok;
	char a[4];
};

LUO_SER(ser, struct st, LUO_FIELD(ok, ser), LUO_FIELD_ARRAY(a, ser));
