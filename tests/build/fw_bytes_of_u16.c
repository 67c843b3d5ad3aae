// SPDX-License-Identifier: GPL-2.0
// expect: ser.a is not an array of u8: LUO_FIELD_ARRAY() declares arrays of other integers
/* Opaque bytes are u8. */
#include "fw_fixture.h"

struct st {
	u64 ok;
	u16 a[4];
};

LUO_SER(ser, struct st, LUO_FIELD(ok, ser), LUO_FIELD_BYTES(a, ser));
