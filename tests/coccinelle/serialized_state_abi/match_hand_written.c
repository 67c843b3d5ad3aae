// SPDX-License-Identifier: GPL-2.0
#include <linux/io.h>
#include <linux/liveupdate.h>

struct bad_ser {
	__le32 magic;
	__le64 id;
	unsigned long addr; // expect: member addr is long (unsigned long)
	bool valid; // expect: member valid is bool
	enum fixture_kind kind; // expect: member kind is an enum (enum fixture_kind)
	void *ptr; // expect: member ptr is a pointer (void *)
	u32 bits : 4; // expect: member bits is a bitfield
};

struct pad_ser {
	__le32 magic;
	__le64 id; // expect: 4 bytes of implicit padding before member id
	__le16 tail; // expect: 6 bytes of implicit padding after member tail, at its end
};

static int bad_retrieve(struct liveupdate_file_op_args *args)
{
	struct bad_ser *b;

	b = liveupdate_ptr(args->session, args->serialized_data, sizeof(*b));
	return b ? 0 : -EINVAL;
}

static int pad_retrieve(struct liveupdate_file_op_args *args)
{
	return ((struct pad_ser *)phys_to_virt(args->serialized_data))->magic;
}
