// SPDX-License-Identifier: GPL-2.0
#include <linux/liveupdate.h>
#include <linux/luo_handler/handler.h>

#define FIXTURE_NR_REGS	16

struct good_ser {
	__le32 magic;
	__le32 version;
	__le64 regs[FIXTURE_NR_REGS];
	__le64 token;
	u8 label[32];
};

struct good_v2_ser {
	struct good_ser v1;
	__le32 flags;
	__le32 pad;
};

/* Not serialized: anything goes. */
struct fixture_live {
	struct file *file;
	unsigned long flags;
	bool on;
};

/* Only the listed members are preserved. */
struct live_state {
	u64 id;
	struct file *vm;
	unsigned long cookie;
	bool cached;
};

LUO_SER(live_ser, struct live_state,
	LUO_FIELD(id, live_ser),
	LUO_FIELD_DEP(vm, live_ser, vm_handler));

static int good_retrieve(struct liveupdate_file_op_args *args)
{
	struct good_v2_ser *g;

	g = liveupdate_ptr(args->session, args->serialized_data, sizeof(*g));
	return g ? 0 : -EINVAL;
}
