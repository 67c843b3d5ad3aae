// SPDX-License-Identifier: GPL-2.0
// expect: unsigned long (as size_t is), whose size differs between 32- and 64-bit: use u64 (or u32)
/* unsigned long, as size_t, changes size between 32- and 64-bit. */
#include "fw_fixture.h"

struct st {
	u64 ok;
	unsigned long n;
};

LUO_SER(ser, struct st, LUO_FIELD(ok, ser), LUO_FIELD(n, ser));
