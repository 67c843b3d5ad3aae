// SPDX-License-Identifier: GPL-2.0
// expect: ser.bf is not u8..u64 or s8..s64, and a bit-field has no address
/* A bitfield has no address and no defined layout. */
#include "fw_fixture.h"

struct st {
	u64 ok;
	u32 bf:3;
};

LUO_SER(ser, struct st, LUO_FIELD(ok, ser), LUO_FIELD(bf, ser));
