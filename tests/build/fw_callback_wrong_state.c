// SPDX-License-Identifier: GPL-2.0
// expect: from incompatible pointer type
/* Callbacks are typed on the layout's state: a save() for another struct is refused. */
#include <linux/luo_handler/handler.h>

struct st {
	u64 x;
};

struct other {
	u64 y;
};

static bool can(struct file *file)
{
	return false;
}

static int save(struct file *file, struct other *s)
{
	return 0;
}

static struct file *load(struct st *s)
{
	return NULL;
}

LUO_SER(ser, struct st, LUO_FIELD(x, ser));
LUO_HANDLER(h, "luo-fixture", ser, LUO_VERSIONS(1), .can_preserve = can,
	    .save = save, .load = load);
