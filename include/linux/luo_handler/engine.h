/* SPDX-License-Identifier: GPL-2.0 */
/*
 * luo_handler: the engine, defined.
 *
 * Drivers include <linux/luo_handler/handler.h>, which declares the engine:
 * the codec that writes a state in its wire form and validates what the
 * previous kernel wrote, the file handler callbacks every declared handler
 * shares, dependencies and registration.  Exactly one translation unit
 * defines it, by including this header:
 *
 * - kernel/liveupdate/luo_handler_engine.c, with LUO_HANDLER_ENGINE_EXPORT
 *   defined: built with the orchestrator (into this project's core on
 *   kernels without LUO; beside mainline's LUO otherwise), it exports the
 *   engine to every handler module.  A fix to the validator of incoming
 *   state is then one rebuild of the core, not of every driver.
 * - one file of a module, without it, for a kernel that has neither: the
 *   module carries its own copy, and a second file doing the same fails to
 *   link ("multiple definition").
 */
#ifndef _LINUX_LUO_HANDLER_ENGINE_H
#define _LINUX_LUO_HANDLER_ENGINE_H

/*
 * EXPORT_SYMBOL_LUO_ENGINE(sym), after each function the engine offers:
 * exported from the kernel's one copy, kept to itself in a module's own.
 */
#ifdef LUO_HANDLER_ENGINE_EXPORT
#include <linux/export.h>
#define EXPORT_SYMBOL_LUO_ENGINE(sym)	EXPORT_SYMBOL_GPL(sym)
#else
#define EXPORT_SYMBOL_LUO_ENGINE(sym)
#endif

#include <linux/luo_handler/handler.h>
#include <linux/luo_handler/engine/codec.h>
#include <linux/luo_handler/engine/deps.h>
#include <linux/luo_handler/engine/version.h>
#include <linux/luo_handler/engine/glue.h>
#include <linux/luo_handler/engine/fingerprint.h>
#include <linux/luo_handler/engine/registry.h>

#endif /* _LINUX_LUO_HANDLER_ENGINE_H */
