// SPDX-License-Identifier: GPL-2.0
// expect: ser.in is a struct: declare it with LUO_FIELD_NESTED() and a LUO_SER() layout of its type
/* A struct member needs a layout of its own. */
#include "fw_fixture.h"

struct st {
	u64 ok;
	struct inner in;
};

LUO_SER(ser, struct st, LUO_FIELD(ok, ser), LUO_FIELD(in, ser));
