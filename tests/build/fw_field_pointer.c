// SPDX-License-Identifier: GPL-2.0
// expect: luo_handler: ser.p is not u8..u64 or s8..s64
/* An undeclared pointer means nothing in the next kernel. */
#include "fw_fixture.h"

struct st {
	u64 ok;
	void *p;
};

LUO_SER(ser, struct st, LUO_FIELD(ok, ser), LUO_FIELD(p, ser));
