// SPDX-License-Identifier: GPL-2.0
#include <linux/luo_handler/handler.h>

/* The versions in a macro, for two releases built from one source. */
#define RING_VERSIONS LUO_VERSIONS(1)

struct r_state {
	u64 id;
	u32 flags;
};

/* flags came with version 2, which the macro does not list yet. */
LUO_SER(ring_ser, struct r_state,
	LUO_FIELD(id, ring_ser),
	LUO_FIELD(flags, ring_ser, LUO_SINCE(2)));

LUO_HANDLER(ring_handler, "fixture-ring", ring_ser, RING_VERSIONS, // expect: ring_handler: field flags of layout ring_ser has LUO_SINCE(2), newer than LUO_VERSIONS(1) lists (versions from RING_VERSIONS on line 5)
	    .can_preserve = r_can_preserve, .save = r_save, .load = r_load);

/*
 * Each branch is a build: the older one declares version 1 only, while
 * the layout, the same in both, has a field since 2.
 */
#if IS_ENABLED(CONFIG_FIXTURE_NEXT)
#define NEXT_VERSIONS LUO_VERSIONS(2, 1)
#else
#define NEXT_VERSIONS LUO_VERSIONS(1)
#endif

LUO_SER(next_ser, struct r_state,
	LUO_FIELD(id, next_ser),
	LUO_FIELD(flags, next_ser, LUO_SINCE(2)));

LUO_HANDLER(next_handler, "fixture-next", next_ser, NEXT_VERSIONS, // expect: next_handler: field flags of layout next_ser has LUO_SINCE(2), newer than LUO_VERSIONS(1) lists (versions from NEXT_VERSIONS on line 27)
	    .can_preserve = r_can_preserve, .save = r_save, .load = r_load);

/* Version 2 added through a macro naming another, flags added to 1 too. */
#define SAME_VERSIONS_2 LUO_VERSIONS(2, 1)
#define SAME_VERSIONS SAME_VERSIONS_2

LUO_SER(same_ser, struct r_state,
	LUO_FIELD(id, same_ser),
	LUO_FIELD(flags, same_ser));

LUO_HANDLER(same_handler, "fixture-same", same_ser, SAME_VERSIONS, // expect: same_handler: version 2 has the same fields as version 1: does the field added for 2 lack LUO_SINCE(2)? (versions from SAME_VERSIONS
	    .can_preserve = r_can_preserve, .save = r_save, .load = r_load);
