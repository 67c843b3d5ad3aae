// SPDX-License-Identifier: GPL-2.0
/*
 * One handover, timed phase by phase, for every item that measures one:
 * files preserved in a session, frozen, the outgoing side forgotten as at
 * a kexec (the image stays in the benchmark's buffer), the image loaded
 * back, the files retrieved and the session finished.
 */
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/ktime.h>
#include <linux/sched.h>

#include "bench.h"
#include "luo_internal.h"

const char *const bench_phases[BENCH_NR_PHASES] = {
	"preserve", "freeze", "load", "retrieve", "finish",
};

/* Returns the outgoing session, or an ERR_PTR() with nothing left open. */
static struct liveupdate_session *
bench_preserve_all(const char *name, struct file **out, unsigned int n)
{
	struct liveupdate_session *s;
	unsigned int i;
	int err;

	s = luo_session_create(name);
	if (IS_ERR(s))
		return s;
	for (i = 0; i < n; i++) {
		err = luo_session_preserve(s, i, out[i]);
		if (err) {
			luo_session_close(s);
			return ERR_PTR(err);
		}
		cond_resched();
	}
	return s;
}

static int bench_retrieve_all(struct liveupdate_session *s, struct file **in,
			      unsigned int n)
{
	unsigned int i;
	int err;

	for (i = 0; i < n; i++) {
		err = luo_session_retrieve(s, i, &in[i]);
		if (err) {
			in[i] = NULL;
			return err;
		}
		cond_resched();
	}
	return 0;
}

/**
 * bench_handover() - hand files over through a simulated kexec, timed
 * @name:  The session's name.
 * @out:   The files to preserve, token i for out[i].
 * @in:    Gets the retrieved files, in the same order.
 * @n:     How many.
 * @check: Called on the retrieved files before finish, or NULL; its error
 *         is returned.
 * @ns:    Gets the time of each phase, indexed by &enum bench_phase.
 *
 * The session is closed on return, whatever happened; the caller resets
 * the core and puts the files of @out and @in.
 *
 * Return: 0, or the first error.
 */
int bench_handover(const char *name, struct file **out, struct file **in,
		   unsigned int n,
		   int (*check)(struct file **in, unsigned int n), u64 *ns)
{
	struct liveupdate_session *s;
	u64 t;
	int err;

	t = ktime_get_ns();
	s = bench_preserve_all(name, out, n);
	ns[BENCH_PRESERVE] = ktime_get_ns() - t;
	if (IS_ERR(s))
		return PTR_ERR(s);

	t = ktime_get_ns();
	err = luo_freeze();
	ns[BENCH_FREEZE] = ktime_get_ns() - t;
	if (err) {
		luo_session_close(s);
		return err;
	}
	/* The kexec: the outgoing side is gone, the image stays. */
	luo_drop_outgoing();

	t = ktime_get_ns();
	err = luo_load_incoming();
	ns[BENCH_LOAD] = ktime_get_ns() - t;
	if (err)
		return err;
	s = luo_session_open_incoming(name);
	if (IS_ERR(s))
		return PTR_ERR(s);

	t = ktime_get_ns();
	err = bench_retrieve_all(s, in, n);
	ns[BENCH_RETRIEVE] = ktime_get_ns() - t;
	if (!err && check)
		err = check(in, n);
	if (!err) {
		t = ktime_get_ns();
		err = luo_session_finish(s);
		ns[BENCH_FINISH] = ktime_get_ns() - t;
	}
	luo_session_close(s);
	return err;
}
