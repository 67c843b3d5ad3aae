// SPDX-License-Identifier: GPL-2.0
// expect: luo_handler: struct st.d is not a struct file pointer
/* A dependency is a struct file pointer. */
#include <linux/luo_handler/handler.h>

struct inner {
	u32 x;
};

LUO_SER(inner_ser, struct inner, LUO_FIELD(x));
LUO_HANDLER_DECLARE(h);

struct st {
	u64 ok;
	u64 d;
};

LUO_SER(ser, struct st, LUO_FIELD(ok), LUO_FIELD_DEP(d, h));
