// SPDX-License-Identifier: GPL-2.0
// expect: ser.p is a pointer, meaningless in the next kernel: preserve what it points to
/* An undeclared pointer means nothing in the next kernel. */
#include "fw_fixture.h"

struct st {
	u64 ok;
	void *p;
};

LUO_SER(ser, struct st, LUO_FIELD(ok, ser), LUO_FIELD(p, ser));
