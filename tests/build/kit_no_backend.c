// SPDX-License-Identifier: GPL-2.0
// expect: luo_handler: no core to build against: include scripts/Makefile.luo_handler in Kbuild
/*
 * An out-of-tree build for a kernel without an orchestrator that does not
 * name the core it builds against (scripts/Makefile.luo_handler does).
 */
#undef CONFIG_LUO_CORE_MODULE
#include <linux/luo_handler/handler.h>
