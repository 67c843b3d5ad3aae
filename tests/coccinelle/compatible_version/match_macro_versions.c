// SPDX-License-Identifier: GPL-2.0
#include <linux/luo_handler/handler.h>

/* Two releases built from one source: the versions in a macro. */
#define RING_VERSIONS LUO_VERSIONS(2, 1)

#if IS_ENABLED(CONFIG_FIXTURE_NEXT)
#define NEXT_VERSIONS LUO_VERSIONS(10, 9)
#else
#define NEXT_VERSIONS \
	LUO_VERSIONS(9)
#endif

/* A macro naming another. */
#define ALIAS_VERSIONS NEXT_VERSIONS

struct r_state {
	u64 id;
};

LUO_SER(r_ser, struct r_state, LUO_FIELD(id, r_ser));

/* 46 characters: "-v2" and the NUL make 50. */
LUO_HANDLER(ring_handler, "fixture-rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr", r_ser, RING_VERSIONS, // expect: makes a 50-byte compatible with -v2 and its NUL, more than 48 (versions from RING_VERSIONS on line 5)
	    .can_preserve = r_can_preserve, .save = r_save, .load = r_load);
LUO_HANDLER(suffix_handler, "fixture-s-v2", r_ser, RING_VERSIONS, // expect: base "fixture-s-v2" already ends in a version
	    .can_preserve = r_can_preserve, .save = r_save, .load = r_load);
/* 44 characters: fits with -v9, not with -v10 of the other branch. */
LUO_HANDLER(next_handler, "fixture-nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn", r_ser, NEXT_VERSIONS, // expect: makes a 49-byte compatible with -v10 and its NUL, more than 48 (versions from NEXT_VERSIONS on line 8)
	    .can_preserve = r_can_preserve, .save = r_save, .load = r_load);
LUO_HANDLER(alias_handler, "fixture-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", r_ser, ALIAS_VERSIONS, // expect: makes a 49-byte compatible with -v10 and its NUL, more than 48 (versions from NEXT_VERSIONS on line 8)
	    .can_preserve = r_can_preserve, .save = r_save, .load = r_load);
/* Versions from elsewhere: even -v1 does not fit after 46 characters. */
LUO_HANDLER(far_handler, "fixture-ffffffffffffffffffffffffffffffffffffff", r_ser, FIXTURE_FAR_VERSIONS, // expect: makes a 50-byte compatible with -v1 and its NUL, more than 48 (FIXTURE_FAR_VERSIONS is not defined in this file
	    .can_preserve = r_can_preserve, .save = r_save, .load = r_load);
