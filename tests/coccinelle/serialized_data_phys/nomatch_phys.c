// SPDX-License-Identifier: GPL-2.0
/* A hand-written handler for mainline only: the handle is an address. */
#include <linux/io.h>
#include <linux/liveupdate.h>

struct a_ser {
	__le64 x;
};

static int a_retrieve(struct liveupdate_file_op_args *args)
{
	struct a_ser *s = phys_to_virt(args->serialized_data);

	return s->x ? 0 : -EINVAL;
}
