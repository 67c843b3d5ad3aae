// SPDX-License-Identifier: GPL-2.0
#include <linux/luo_handler/handler.h>

#define RING_VERSIONS LUO_VERSIONS(2, 1)

struct r_state {
	u64 id;
	u32 flags;
};

LUO_SER(ring_ser, struct r_state,
	LUO_FIELD(id, ring_ser),
	LUO_FIELD(flags, ring_ser, LUO_SINCE(2)));

LUO_HANDLER(ring_handler, "fixture-ring", ring_ser, RING_VERSIONS,
	    .can_preserve = r_can_preserve, .save = r_save, .load = r_load);

/* Two releases from one source, the layout following the versions. */
#if IS_ENABLED(CONFIG_FIXTURE_NEXT)
#define NEXT_VERSIONS \
	LUO_VERSIONS(2, 1)
LUO_SER(next_ser, struct r_state,
	LUO_FIELD(id, next_ser),
	LUO_FIELD(flags, next_ser, LUO_SINCE(2)));
#else
#define NEXT_VERSIONS LUO_VERSIONS(1)
LUO_SER(next_ser, struct r_state,
	LUO_FIELD(id, next_ser));
#endif

LUO_HANDLER(next_handler, "fixture-next", next_ser, NEXT_VERSIONS,
	    .can_preserve = r_can_preserve, .save = r_save, .load = r_load);

/* Versions from a header: not known here, not checked. */
LUO_SER(far_ser, struct r_state,
	LUO_FIELD(id, far_ser),
	LUO_FIELD(flags, far_ser, LUO_SINCE(3)));

LUO_HANDLER(far_handler, "fixture-far", far_ser, FIXTURE_FAR_VERSIONS,
	    .can_preserve = r_can_preserve, .save = r_save, .load = r_load);
