// SPDX-License-Identifier: GPL-2.0
#include <linux/liveupdate.h>
#include <linux/luo_handler/handler.h>

static const struct liveupdate_file_ops a_ops;

extern struct liveupdate_file_handler e_handler;
static LIVEUPDATE_FILE_HANDLER(d_handler, "fixture-d-v1", &a_ops);
LIVEUPDATE_FILE_HANDLER(e_handler, "fixture-e-v1", &a_ops);
static struct liveupdate_file_handler *f_ptr = &d_handler;

struct f_state {
	u64 id;
};

LUO_SER(f_ser, struct f_state, LUO_FIELD(id, f_ser));

LUO_HANDLER(f_handler, "fixture-f", f_ser, LUO_VERSIONS(1),
	    .can_preserve = f_can_preserve, .save = f_save, .load = f_load);

static struct liveupdate_file_handler *fixture_new(void)
{
	return kzalloc(sizeof(struct liveupdate_file_handler), GFP_KERNEL);
}
