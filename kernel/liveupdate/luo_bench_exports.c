// SPDX-License-Identifier: GPL-2.0
/*
 * Live Update Orchestrator core: its internals, for the benchmark only.
 *
 * The benchmark (tests/bench) drives sessions, freeze and the load of the
 * image the way the KUnit suites do, on a kernel without KUnit.  This file
 * is linked into the copy of the core that scripts/bench.sh builds with
 * LUO_BENCH_EXPORTS=y, and into no other: the symbols below are exported
 * in their own namespace, LUO_BENCH, which only the benchmark imports:
 * thin wrappers of the internals the KUnit suites call directly.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cleanup.h>
#include <linux/export.h>
#include <linux/mutex.h>

#include "luo_bench_exports.h"
#include "luo_internal.h"

#if IS_ENABLED(CONFIG_KUNIT)
#error "a core built with KUnit exports its internals for the suites already"
#endif

/**
 * luo_bench_session_create() - luo_session_create()
 * @name: As for luo_session_create().
 *
 * Return: What it returns.
 */
struct liveupdate_session *luo_bench_session_create(const char *name)
{
	return luo_session_create(name);
}
EXPORT_SYMBOL_NS_GPL(luo_bench_session_create, LUO_BENCH);

/**
 * luo_bench_session_open_incoming() - luo_session_open_incoming()
 * @name: As for luo_session_open_incoming().
 *
 * Return: What it returns.
 */
struct liveupdate_session *luo_bench_session_open_incoming(const char *name)
{
	return luo_session_open_incoming(name);
}
EXPORT_SYMBOL_NS_GPL(luo_bench_session_open_incoming, LUO_BENCH);

/**
 * luo_bench_session_close() - luo_session_close()
 * @s: As for luo_session_close().
 */
void luo_bench_session_close(struct liveupdate_session *s)
{
	luo_session_close(s);
}
EXPORT_SYMBOL_NS_GPL(luo_bench_session_close, LUO_BENCH);

/**
 * luo_bench_session_preserve() - luo_session_preserve()
 * @s:     As for luo_session_preserve().
 * @token: Likewise.
 * @file:  Likewise.
 *
 * Return: What it returns.
 */
int luo_bench_session_preserve(struct liveupdate_session *s, u64 token,
			       struct file *file)
{
	return luo_session_preserve(s, token, file);
}
EXPORT_SYMBOL_NS_GPL(luo_bench_session_preserve, LUO_BENCH);

/**
 * luo_bench_session_retrieve() - luo_session_retrieve()
 * @s:     As for luo_session_retrieve().
 * @token: Likewise.
 * @filep: Likewise.
 *
 * Return: What it returns.
 */
int luo_bench_session_retrieve(struct liveupdate_session *s, u64 token,
			       struct file **filep)
{
	return luo_session_retrieve(s, token, filep);
}
EXPORT_SYMBOL_NS_GPL(luo_bench_session_retrieve, LUO_BENCH);

/**
 * luo_bench_session_finish() - luo_session_finish()
 * @s: As for luo_session_finish().
 *
 * Return: What it returns.
 */
int luo_bench_session_finish(struct liveupdate_session *s)
{
	return luo_session_finish(s);
}
EXPORT_SYMBOL_NS_GPL(luo_bench_session_finish, LUO_BENCH);

/**
 * luo_bench_freeze() - luo_freeze()
 *
 * Return: What it returns.
 */
int luo_bench_freeze(void)
{
	return luo_freeze();
}
EXPORT_SYMBOL_NS_GPL(luo_bench_freeze, LUO_BENCH);

/**
 * luo_bench_drop_outgoing() - luo_drop_outgoing(), the kexec itself
 */
void luo_bench_drop_outgoing(void)
{
	luo_drop_outgoing();
}
EXPORT_SYMBOL_NS_GPL(luo_bench_drop_outgoing, LUO_BENCH);

/**
 * luo_bench_medium_attach() - luo_medium_attach(), with a buffer
 * @base: As for luo_medium_attach().
 * @size: Likewise.
 *
 * Return: What it returns.
 */
int luo_bench_medium_attach(void *base, u64 size)
{
	return luo_medium_attach(base, size);
}
EXPORT_SYMBOL_NS_GPL(luo_bench_medium_attach, LUO_BENCH);

/**
 * luo_bench_medium_detach() - luo_medium_detach()
 */
void luo_bench_medium_detach(void)
{
	luo_medium_detach();
}
EXPORT_SYMBOL_NS_GPL(luo_bench_medium_detach, LUO_BENCH);

/**
 * luo_bench_load() - load the image as the next kernel does at boot
 *
 * The second half of a simulated kexec, after luo_drop_outgoing(): validate
 * the image in the medium and build the incoming sessions from it.
 *
 * Return: What luo_image_load() returned.
 */
int luo_bench_load(void)
{
	guard(mutex)(&luo_lock);
	luo_target_reset();
	return luo_image_load();
}
EXPORT_SYMBOL_NS_GPL(luo_bench_load, LUO_BENCH);

/**
 * luo_bench_reset() - forget every session and image between two runs
 */
void luo_bench_reset(void)
{
	luo_drop_outgoing();
	guard(mutex)(&luo_lock);
	luo_drop_incoming();
	luo_image_release_incoming();
	luo_target_reset();
}
EXPORT_SYMBOL_NS_GPL(luo_bench_reset, LUO_BENCH);
