// SPDX-License-Identifier: GPL-2.0
// expect: luo_handler: ser.b is bool, which has no fixed wire form: use u8
/* bool has no fixed representation. */
#include "fw_fixture.h"

struct st {
	u64 ok;
	bool b;
};

LUO_SER(ser, struct st, LUO_FIELD(ok, ser), LUO_FIELD(b, ser));
