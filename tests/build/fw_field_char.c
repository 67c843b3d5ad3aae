// SPDX-License-Identifier: GPL-2.0
// expect: ser.c is char, signed on some architectures and unsigned on others: use u8 or s8
/* char is signed on some architectures, unsigned on others. */
#include "fw_fixture.h"

struct st {
	u64 ok;
	char c;
};

LUO_SER(ser, struct st, LUO_FIELD(ok, ser), LUO_FIELD(c, ser));
