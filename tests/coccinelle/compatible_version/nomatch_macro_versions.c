// SPDX-License-Identifier: GPL-2.0
#include <linux/luo_handler/handler.h>

#define RING_VERSIONS LUO_VERSIONS(2, 1)

#if IS_ENABLED(CONFIG_FIXTURE_NEXT)
#define NEXT_VERSIONS LUO_VERSIONS(9, 8)
#else
#define NEXT_VERSIONS LUO_VERSIONS(8)
#endif

#define ALIAS_VERSIONS NEXT_VERSIONS

struct r_state {
	u64 id;
};

LUO_SER(r_ser, struct r_state, LUO_FIELD(id, r_ser));

LUO_HANDLER(ring_handler, "fixture-ring", r_ser, RING_VERSIONS,
	    .can_preserve = r_can_preserve, .save = r_save, .load = r_load);
/* 44 characters: "-v9" of either branch and the NUL make 48. */
LUO_HANDLER(next_handler, "fixture-nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn", r_ser, NEXT_VERSIONS,
	    .can_preserve = r_can_preserve, .save = r_save, .load = r_load);
LUO_HANDLER(alias_handler, "fixture-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", r_ser, ALIAS_VERSIONS,
	    .can_preserve = r_can_preserve, .save = r_save, .load = r_load);
/* Versions from elsewhere: 44 characters fit with -v1, left to the build. */
LUO_HANDLER(far_handler, "fixture-ffffffffffffffffffffffffffffffffffff", r_ser, FIXTURE_FAR_VERSIONS,
	    .can_preserve = r_can_preserve, .save = r_save, .load = r_load);

/* A define below the handler is not the one it was built with. */
LUO_HANDLER(late_handler, "fixture-llllllllllllllllllllllllllllllllllll", r_ser, LATE_VERSIONS,
	    .can_preserve = r_can_preserve, .save = r_save, .load = r_load);
#define LATE_VERSIONS LUO_VERSIONS(10)
