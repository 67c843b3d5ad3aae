// SPDX-License-Identifier: GPL-2.0
/*
 * The luo_handler engine of this kernel: the one definition of the codec,
 * the shared file handler callbacks and the registration of declared
 * handlers, exported to the handler modules (see
 * include/linux/luo_handler/engine.h).
 */
#define LUO_HANDLER_ENGINE_EXPORT
#include <linux/luo_handler/engine.h>

/* Beside mainline's LUO, out of tree, the engine is a module of its own. */
#if IS_ENABLED(CONFIG_LIVEUPDATE)
MODULE_DESCRIPTION("luo_handler engine: declared live update handlers");
MODULE_LICENSE("GPL");
#endif
