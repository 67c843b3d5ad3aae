// SPDX-License-Identifier: GPL-2.0
#include <linux/io.h>
#include <linux/slab.h>
#include <linux/luo_handler/handler.h>

struct a_ser {
	__le64 x;
};

static int a_retrieve(struct liveupdate_file_op_args *args)
{
	struct a_ser *s = phys_to_virt(args->serialized_data); // expect: raw physical address conversion of serialized_data

	return s->x ? 0 : -EINVAL;
}

static int a_preserve(struct liveupdate_file_op_args *args)
{
	void *p = kzalloc(sizeof(struct a_ser), GFP_KERNEL);

	if (!p)
		return -ENOMEM;
	args->serialized_data = virt_to_phys(p); // expect: raw physical address conversion of serialized_data
	return 0;
}

static void a_finish(struct liveupdate_file_op_args *args)
{
	kfree(__va(args->serialized_data)); // expect: raw physical address conversion of serialized_data
}
