// SPDX-License-Identifier: GPL-2.0
// expect: luo_handler: ser.a is not an array of u8
/* Opaque bytes are u8. */
#include "fw_fixture.h"

struct st {
	u64 ok;
	u16 a[4];
};

LUO_SER(ser, struct st, LUO_FIELD(ok, ser), LUO_FIELD_BYTES(a, ser));
