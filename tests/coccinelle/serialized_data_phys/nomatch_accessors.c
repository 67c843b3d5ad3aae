// SPDX-License-Identifier: GPL-2.0
#include <linux/io.h>
#include <linux/luo_handler/handler.h>

struct a_ser {
	__le64 x;
};

static int a_retrieve(struct liveupdate_file_op_args *args, void *buf)
{
	struct a_ser *s = luo_state_ptr(args->session, args->serialized_data,
					sizeof(*s));

	/* Another address entirely. */
	return s && virt_to_phys(buf) ? 0 : -EINVAL;
}
