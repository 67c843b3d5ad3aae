// SPDX-License-Identifier: GPL-2.0
// expect: pin of h v1 is 0, which means unpinned
/* A pin of 0, which would pin nothing. */
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
LUO_LAYOUT_PIN(h, 1, 0);
