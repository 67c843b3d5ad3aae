/* SPDX-License-Identifier: GPL-2.0 */
/*
 * luo_handler: which orchestrator the framework builds against.
 *
 * Three kernels can have one: mainline's (CONFIG_LIVEUPDATE), this
 * project's core built into a kernel configured with this tree
 * (CONFIG_LUO_CORE), or the same core built as a module for a kernel that
 * knows nothing of it, such as Debian's stock 6.12.  The last has no
 * Kconfig to say so: the module's build does, with
 * -DCONFIG_LUO_CORE_MODULE=1, which scripts/Makefile.luo_handler adds.
 * Without any of them <linux/liveupdate.h> would quietly stub every call
 * out, and the driver would build cleanly only to be refused at load, so
 * an out-of-tree build that says nothing stops here: its Kbuild should
 * include the kit, or the kernel should have CONFIG_LIVEUPDATE or
 * CONFIG_LUO_CORE.  A kernel configured
 * with this tree (CONFIG_LUO_HANDLER_TREE) and no core builds the stubs on
 * purpose: live update is off there.
 */
#ifndef _LINUX_LUO_HANDLER_BACKEND_H
#define _LINUX_LUO_HANDLER_BACKEND_H

#include <linux/kconfig.h>

#if !IS_ENABLED(CONFIG_LIVEUPDATE) && !IS_ENABLED(CONFIG_LUO_CORE) && \
	!defined(CONFIG_LUO_HANDLER_TREE)
#error "luo_handler: no core to build against: include scripts/Makefile.luo_handler in Kbuild"
#endif

#endif /* _LINUX_LUO_HANDLER_BACKEND_H */
