// SPDX-License-Identifier: GPL-2.0
#include <linux/liveupdate.h>
#include <linux/luo_handler/handler.h>

#define FIXTURE_COMPAT "fixture-macro"

static const struct liveupdate_file_ops ops;

static LIVEUPDATE_FILE_HANDLER(a, "fixture-a-v1", &ops);
/* 47 characters and the NUL: the longest that fits. */
static LIVEUPDATE_FILE_HANDLER(b, "fixture-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb-v12", &ops);
/* A macro's value is not known: left to the build. */
static LIVEUPDATE_FILE_HANDLER(c, FIXTURE_COMPAT, &ops);
LIVEUPDATE_VERSIONS_ENTRY("fixture-image-v1");
static struct liveupdate_file_handler d = {
	.ops = &ops,
	.compatible = "memfd-v2",
};

struct f_state {
	u64 id;
};

LUO_SER(f_ser, struct f_state, LUO_FIELD(id, f_ser));

LUO_HANDLER(f, "fixture-f", f_ser, LUO_VERSIONS(2, 1),
	    .can_preserve = f_can_preserve, .save = f_save, .load = f_load);
/* 44 characters: "-v9" and the NUL make 48. */
LUO_HANDLER(g, "fixture-gggggggggggggggggggggggggggggggggggg", f_ser, LUO_VERSIONS(9, 1),
	    .can_preserve = f_can_preserve, .save = f_save, .load = f_load);

/* Device tree compatibles are another namespace. */
static const struct of_device_id fixture_of_match = {
	.compatible = "ibm,ebony",
};
