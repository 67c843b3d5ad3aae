// SPDX-License-Identifier: GPL-2.0
/* This module's own copy of the engine, not exported. */
#include <linux/luo_handler/engine.h>
