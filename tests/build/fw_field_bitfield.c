// SPDX-License-Identifier: GPL-2.0
// expect: bit-field
/* A bitfield has no address and no defined layout. */
#include "fw_fixture.h"

struct st {
	u64 ok;
	u32 bf:3;
};

LUO_SER(ser, struct st, LUO_FIELD(ok, ser), LUO_FIELD(bf, ser));
