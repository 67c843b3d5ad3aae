// SPDX-License-Identifier: GPL-2.0
// expect: does not fit in 48 bytes with its NUL
/* "<base>-v<N>" must fit a compatible: 44 characters and "-v10" do not. */
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
LUO_HANDLER(h, "luo-fixture-0123456789-0123456789-0123456789", ser,
	    LUO_VERSIONS(10, 9), .can_preserve = can, .save = save,
	    .load = load);
