// SPDX-License-Identifier: GPL-2.0
// expect: luo_handler: ser.c is not u8..u64 or s8..s64
/* char is signed on some architectures, unsigned on others. */
#include "fw_fixture.h"

struct st {
	u64 ok;
	char c;
};

LUO_SER(ser, struct st, LUO_FIELD(ok, ser), LUO_FIELD(c, ser));
