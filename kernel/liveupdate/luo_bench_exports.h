/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Live Update Orchestrator core: what its benchmark build exports, in
 * namespace LUO_BENCH (luo_bench_exports.c).  For tests/bench only.
 */
#ifndef _KERNEL_LIVEUPDATE_LUO_BENCH_EXPORTS_H
#define _KERNEL_LIVEUPDATE_LUO_BENCH_EXPORTS_H

#include <linux/types.h>

struct file;
struct liveupdate_session;

struct liveupdate_session *luo_bench_session_create(const char *name);
struct liveupdate_session *luo_bench_session_open_incoming(const char *name);
void luo_bench_session_close(struct liveupdate_session *s);
int luo_bench_session_preserve(struct liveupdate_session *s, u64 token,
			       struct file *file);
int luo_bench_session_retrieve(struct liveupdate_session *s, u64 token,
			       struct file **filep);
int luo_bench_session_finish(struct liveupdate_session *s);
int luo_bench_freeze(void);
void luo_bench_drop_outgoing(void);
int luo_bench_medium_attach(void *base, u64 size);
void luo_bench_medium_detach(void);
int luo_bench_load(void);
void luo_bench_reset(void);

#endif /* _KERNEL_LIVEUPDATE_LUO_BENCH_EXPORTS_H */
