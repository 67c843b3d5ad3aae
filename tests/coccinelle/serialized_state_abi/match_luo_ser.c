// SPDX-License-Identifier: GPL-2.0
#include <linux/luo_handler/handler.h>

struct live_state {
	u64 regs[16];
	u32 flags;
	bool on; // expect: member on is bool
	long delta; // expect: member delta is long (long)
	struct file *vm;
	u32 nr;
	u64 *items;
	unsigned long cookie;
};

LUO_SER(live_ser, struct live_state,
	LUO_FIELD_ARRAY(regs, live_ser),
	LUO_FIELD(flags, live_ser),
	LUO_FIELD(on, live_ser),
	LUO_FIELD(delta, live_ser, LUO_SINCE(2)),
	LUO_FIELD(nr, live_ser),
	LUO_FIELD_VARRAY(items, live_ser, nr, 64),
	LUO_FIELD_DEP(vm, live_ser, vm_handler));
