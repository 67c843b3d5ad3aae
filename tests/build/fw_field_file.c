// SPDX-License-Identifier: GPL-2.0
// expect: luo_handler: ser.f is a struct file pointer: declare it with LUO_FIELD_DEP()
/* A file this one depends on is a dependency, written as its token. */
#include "fw_fixture.h"

struct st {
	u64 ok;
	struct file *f;
};

LUO_SER(ser, struct st, LUO_FIELD(ok, ser), LUO_FIELD(f, ser));
