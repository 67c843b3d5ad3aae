// SPDX-License-Identifier: GPL-2.0
// expect: luo_handler: ser.l is long, whose size differs between 32- and 64-bit: use s64 (or s32)
/* long changes size between 32- and 64-bit. */
#include "fw_fixture.h"

struct st {
	u64 ok;
	long l;
};

LUO_SER(ser, struct st, LUO_FIELD(ok, ser), LUO_FIELD(l, ser));
