// SPDX-License-Identifier: GPL-2.0
// expect: __luo_v3_h
/* A pin for a version the handler does not have. */
#include <linux/luo_handler/handler.h>

struct st {
	u64 x;
};

static bool can(struct file *file)
{
	return false;
}

static int save(struct file *file, struct st *s)
{
	return 0;
}

static struct file *load(struct st *s)
{
	return NULL;
}

LUO_SER(ser, struct st, LUO_FIELD(x, ser));
LUO_HANDLER(h, "luo-fixture", ser, LUO_VERSIONS(2, 1), .can_preserve = can,
	    .save = save, .load = load);
LUO_LAYOUT_PIN(h, 3, 0x1234);
