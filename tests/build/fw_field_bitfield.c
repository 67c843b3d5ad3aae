// SPDX-License-Identifier: GPL-2.0
// expect: bit-field
/* A bitfield has no address and no defined layout. */
#include <linux/luo_handler/handler.h>

struct inner {
	u32 x;
};

LUO_SER(inner_ser, struct inner, LUO_FIELD(x));
LUO_HANDLER_DECLARE(h);

struct st {
	u64 ok;
	u32 bf:3;
};

LUO_SER(ser, struct st, LUO_FIELD(ok), LUO_FIELD(bf));
