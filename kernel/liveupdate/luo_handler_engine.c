// SPDX-License-Identifier: GPL-2.0
/*
 * The luo_handler engine of this kernel: the one definition of the codec,
 * the shared file handler callbacks and the registration of declared
 * handlers, exported to the handler modules (see
 * include/linux/luo_handler/engine.h).
 */
#define LUO_HANDLER_ENGINE_EXPORT
#include <linux/luo_handler/engine.h>
