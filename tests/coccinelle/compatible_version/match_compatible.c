// SPDX-License-Identifier: GPL-2.0
#include <linux/liveupdate.h>
#include <linux/luo_handler/handler.h>

static const struct liveupdate_file_ops ops;

static LIVEUPDATE_FILE_HANDLER(b, "fixture-b", &ops); // expect: compatible "fixture-b" has no -v<N> version suffix
static LIVEUPDATE_FILE_HANDLER(c, "fixture-ccccccccccccccccccccccccccccccccccccc-v1", &ops); // expect: is 49 bytes with its NUL, more than 48
LIVEUPDATE_VERSIONS_ENTRY("fixture-image"); // expect: compatible "fixture-image" has no -v<N>
static struct liveupdate_file_handler d = {
	.ops = &ops,
	.compatible = "memfd", // expect: compatible "memfd" has no -v<N> version suffix
};
static struct liveupdate_file_handler e = {
	.ops = &ops,
	.compatible = "memfd-v", // expect: compatible "memfd-v" has no -v<N> version suffix
};

struct f_state {
	u64 id;
};

LUO_SER(f_ser, struct f_state, LUO_FIELD(id, f_ser));

LUO_HANDLER(f, "fixture-f-v1", f_ser, LUO_VERSIONS(1), // expect: base "fixture-f-v1" already ends in a version
	    .can_preserve = f_can_preserve, .save = f_save, .load = f_load);
LUO_HANDLER(g, "fixture-gggggggggggggggggggggggggggggggggggggg", f_ser, LUO_VERSIONS(10, 1), // expect: makes a 51-byte compatible with -v10
	    .can_preserve = f_can_preserve, .save = f_save, .load = f_load);
