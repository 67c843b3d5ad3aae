// SPDX-License-Identifier: GPL-2.0
// expect: luo_handler: ser.d is not a struct file pointer
/* A dependency is a struct file pointer. */
#include "fw_fixture.h"

struct st {
	u64 ok;
	u64 d;
};

LUO_SER(ser, struct st, LUO_FIELD(ok, ser), LUO_FIELD_DEP(d, ser, h));
