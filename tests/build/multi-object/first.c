// SPDX-License-Identifier: GPL-2.0
/* Two handlers in the first object of a two-object module. */
#include <linux/liveupdate.h>

#include "handlers.h"

LIVEUPDATE_FILE_HANDLER(luo_fixture_a, "luo-fixture-a-v1", &luo_fixture_ops);
LIVEUPDATE_FILE_HANDLER(luo_fixture_b, "luo-fixture-b-v2", &luo_fixture_ops);
