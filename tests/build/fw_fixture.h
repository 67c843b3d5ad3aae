/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the framework's compile fixtures share: the framework, a nested
 * layout and a handler to name, so that each fixture differs from a valid
 * declaration by one member.
 */
#ifndef _FW_FIXTURE_H
#define _FW_FIXTURE_H

#include <linux/luo_handler/handler.h>

struct inner {
	u32 x;
};

LUO_SER(inner_ser, struct inner, LUO_FIELD(x, inner_ser));
/* Only the fixtures with a dependency use it: no warning in the others. */
/* A handler to name, defined nowhere: these fixtures are not linked. */
static struct luo_handler h __maybe_unused;

#endif /* _FW_FIXTURE_H */
