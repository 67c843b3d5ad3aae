// SPDX-License-Identifier: GPL-2.0
// expect: luo_handler: ser.s is an array of char: declare it with LUO_FIELD_STRING()
/* A char array given to LUO_FIELD() is meant as a string. */
#include "fw_fixture.h"

struct st {
	u64 ok;
	char s[16];
};

LUO_SER(ser, struct st, LUO_FIELD(ok, ser), LUO_FIELD(s, ser));
