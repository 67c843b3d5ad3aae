// SPDX-License-Identifier: GPL-2.0
/*
 * Random-sequence fuzzer of the orchestrator's uAPI, run in a QEMU guest
 * (tests/e2e/scenarios/fuzz.sh, make fuzz):
 *
 *   luo_fuzz [--seed N] [--seconds S] [--procs P] [--threads T]
 *	      [--hang S] [--console-loglevel N]
 *
 * P processes (3) of T threads (4) each issue random operations for S
 * seconds (60) against /dev/liveupdate, session fds, the files of the
 * sample drivers and /sys/kernel/liveupdate: every ioctl of the uAPI and
 * unknown ones, with sizes, names, tokens, fds and argument pointers from
 * the edges of what the kernel accepts; closes and dup2()s racing with
 * use in other threads; fds passed between the processes; freeze and
 * unfreeze racing with everything; and, so that the paths go deep,
 * preserves of real sample files, dependencies included, in sessions a
 * thread keeps to itself long enough to check what the kernel answered.
 * The update is never carried out: a freeze that succeeds is called off
 * again, and the end of the run leaves the state "normal" and
 * target_versions as it found them.
 *
 * Reproducing: the seed is printed first.  Each thread draws every choice
 * from its own generator, seeded from (seed, process, thread), so a run
 * with the same arguments makes the same choices while the kernel answers
 * the same; what the threads do at the same time, and hence some answers,
 * depends on the scheduler.  With --procs 1 --threads 1 nothing runs at
 * the same time, and a run repeats as long as the kernel answers alike.
 *
 * The parent watches: the kernel log (/dev/kmsg) for splats, and each
 * thread's progress, killing a process one of whose threads made none
 * for --hang seconds (60).  Each thread keeps its last 64 operations in a
 * ring in shared memory; when a splat or a hang is seen the workers are
 * stopped for a moment and the rings copied, and printed on stderr at the
 * end.  Then: counts of operations and errnos, a kmemleak scan, and one
 * KTAP document: no-splat, no-hang, no-kmemleak, workers-exited,
 * system-usable, and one test per class of operation exercised, which
 * fails when an answer of the kernel was not one the class allows (each
 * is printed as it happens, with its thread); the plan comes last of the
 * diagnostics, once the classes are known.  Exits 0 when all passed.
 *
 * --console-loglevel N sets the console's log level for the run (refused
 * requests are logged, if rate-limited; under TCG a serial console that
 * prints them all slows everything down), and restores it at the
 * end; splats are copied to stderr whatever the level.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/capability.h>
#include <linux/liveupdate.h>

#include "sample_liveupdate.h"

#include "ktap.h"
#include "luo_test_util.h"

#ifndef F_SEAL_FUTURE_WRITE
#define F_SEAL_FUTURE_WRITE	0x0010
#endif

#define PG			4096UL
#define MAX_PROCS		16
#define MAX_THREADS		16
#define RING_LEN		64
#define NR_SLOTS		40
#define NR_CLOSED		8
/* errno buckets of the statistics: [0] is success, the last "other". */
#define ERRNO_BUCKETS		136
#define SYSFS_DIR		"/sys/kernel/liveupdate"
#define MAX_SYSFS		16
#define KMEMLEAK		"/sys/kernel/debug/kmemleak"
/*
 * The fds of a thread's sample chain live from here up, apart from the
 * table's, which the lowest free number puts far below: a stale number
 * another thread still holds never names a chain's file, whose answers
 * are checked.
 */
#define CHAIN_FD_BASE		600
/* Room for the splat lines kept for the report. */
#define SPLAT_LINES		8

/* The classes of operation: one KTAP test and one line of counts each. */
enum fuzz_op {
	OP_DEV_OPEN,
	OP_CREATE_SESSION,
	OP_RETRIEVE_SESSION,
	OP_PRESERVE_FD,
	OP_RETRIEVE_FD,
	OP_FINISH,
	OP_GET_NAME,
	OP_UNKNOWN_IOCTL,
	OP_CLOSE,
	OP_DUP,
	OP_MAKE_FILE,
	OP_FD_PASS,
	OP_SAMPLE_SETUP,
	OP_SAMPLE_PRESERVE,
	OP_SAMPLE_IOCTL,
	OP_FREEZE,
	OP_UNFREEZE,
	OP_STATE_WRITE,
	OP_TARGET_WRITE,
	OP_SYSFS_READ,
	OP_FILE_OPS,
	NR_OPS
};

static const char * const op_names[NR_OPS] = {
	[OP_DEV_OPEN] = "dev-open",
	[OP_CREATE_SESSION] = "create-session",
	[OP_RETRIEVE_SESSION] = "retrieve-session",
	[OP_PRESERVE_FD] = "preserve-fd",
	[OP_RETRIEVE_FD] = "retrieve-fd",
	[OP_FINISH] = "finish-session",
	[OP_GET_NAME] = "get-name",
	[OP_UNKNOWN_IOCTL] = "unknown-ioctl",
	[OP_CLOSE] = "close",
	[OP_DUP] = "dup",
	[OP_MAKE_FILE] = "make-file",
	[OP_FD_PASS] = "fd-pass",
	[OP_SAMPLE_SETUP] = "sample-setup",
	[OP_SAMPLE_PRESERVE] = "sample-preserve",
	[OP_SAMPLE_IOCTL] = "sample-ioctl",
	[OP_FREEZE] = "freeze",
	[OP_UNFREEZE] = "unfreeze",
	[OP_STATE_WRITE] = "state-write",
	[OP_TARGET_WRITE] = "target-write",
	[OP_SYSFS_READ] = "sysfs-read",
	[OP_FILE_OPS] = "file-ops",
};

/*
 * How often a thread picks each action, relatively.  OP_SAMPLE_PRESERVE
 * stands for a whole sample chain, whose steps are counted as
 * sample-setup and sample-preserve; OP_SAMPLE_SETUP is never picked
 * itself.
 */
static const unsigned int op_weight[NR_OPS] = {
	[OP_DEV_OPEN] = 30,
	[OP_CREATE_SESSION] = 90,
	[OP_RETRIEVE_SESSION] = 25,
	[OP_PRESERVE_FD] = 120,
	[OP_RETRIEVE_FD] = 25,
	[OP_FINISH] = 25,
	[OP_GET_NAME] = 35,
	[OP_UNKNOWN_IOCTL] = 40,
	[OP_CLOSE] = 80,
	[OP_DUP] = 30,
	[OP_MAKE_FILE] = 90,
	[OP_FD_PASS] = 30,
	[OP_SAMPLE_PRESERVE] = 70,
	[OP_SAMPLE_IOCTL] = 50,
	[OP_FREEZE] = 30,
	[OP_UNFREEZE] = 15,
	[OP_STATE_WRITE] = 15,
	[OP_TARGET_WRITE] = 25,
	[OP_SYSFS_READ] = 45,
	[OP_FILE_OPS] = 30,
};

/* What a table slot holds, as far as its thread knew when it put it. */
enum kind {
	K_NONE,
	K_DEV,
	K_SESSION,
	K_MEMFD,
	K_PIPE,
	K_SOCK,
	K_EVENTFD,
	K_NULL,
	K_SYSFS,
	K_COUNTER,
	K_NOTE,
	K_VM,
	K_VCPU,
	K_MEMSLOT,
	K_TMPFILE,
	K_PASSED,
	NR_KINDS
};

static const char * const kind_names[NR_KINDS] = {
	[K_NONE] = "?", [K_DEV] = "dev", [K_SESSION] = "session",
	[K_MEMFD] = "memfd", [K_PIPE] = "pipe", [K_SOCK] = "socket",
	[K_EVENTFD] = "eventfd", [K_NULL] = "null", [K_SYSFS] = "sysfs",
	[K_COUNTER] = "counter", [K_NOTE] = "note", [K_VM] = "vm",
	[K_VCPU] = "vcpu", [K_MEMSLOT] = "memslot", [K_TMPFILE] = "tmpfile",
	[K_PASSED] = "passed",
};

/* Where an argument is put; see arena_put(). */
enum layout {
	L_NORMAL,
	L_MISALIGNED,
	L_RO,
	L_STRADDLE_RO,
	L_HOLE,
	L_STRADDLE_HOLE,
	L_NULL,
	L_KERNEL,
	L_NONCANON,
	L_RACE,
	NR_LAYOUTS
};

static const char * const layout_names[NR_LAYOUTS] = {
	[L_NORMAL] = "ok", [L_MISALIGNED] = "misaligned", [L_RO] = "ro",
	[L_STRADDLE_RO] = "into-ro", [L_HOLE] = "unmapped",
	[L_STRADDLE_HOLE] = "into-unmapped", [L_NULL] = "null",
	[L_KERNEL] = "kernel", [L_NONCANON] = "noncanonical",
	[L_RACE] = "shared",
};

static const unsigned int layout_weight[NR_LAYOUTS] = {
	[L_NORMAL] = 62, [L_MISALIGNED] = 8, [L_RO] = 5, [L_STRADDLE_RO] = 5,
	[L_HOLE] = 4, [L_STRADDLE_HOLE] = 5, [L_NULL] = 4, [L_KERNEL] = 2,
	[L_NONCANON] = 2, [L_RACE] = 3,
};

/* One operation: a system call, or a step of one. */
struct ring_entry {
	__u64 seq;
	__u64 t_ns;
	__u32 us;
	__u16 op;
	__u8 done;
	__s32 ret;
	char what[96];
};

/* A worker thread, as the parent sees it. */
struct thread_slot {
	pid_t pid;
	pid_t tid;
	__u64 seed;
	__u64 ops;
	__u64 last_ns;
	__u32 head;
	int state;		/* 0 not started, 1 running, 2 finished */
	struct ring_entry ring[RING_LEN];
};

/* Shared by the parent and every worker (MAP_SHARED). */
struct shared {
	__u64 seq;
	__u64 deadline_ns;
	int stop;
	unsigned int procs, threads;
	__u64 stats[NR_OPS][ERRNO_BUCKETS];
	__u64 bad[NR_OPS];
	char first_bad[NR_OPS][200];
	struct thread_slot th[MAX_PROCS * MAX_THREADS];
	char report[16384];	/* the answer of a helper child */
};

/* A worker process: the fds its threads share, and who may use them. */
struct fslot {
	int fd;
	enum kind kind;
};

struct proc {
	pthread_mutex_t lock;
	struct fslot slot[NR_SLOTS];
	int closed[NR_CLOSED];
	unsigned int nr_closed;
};

/* A worker thread. */
struct ctx {
	struct proc *p;
	struct thread_slot *ts;
	unsigned int proc, thread;
	__u64 rng;
	unsigned char *arena;	/* RW RW hole RW RO, see arena_init() */
	unsigned char *ro_alias;
	unsigned int chains;
	struct ring_entry *cur;
	int cur_check;		/* the current op's errno is checked */
};

static struct shared *sh;
static unsigned char *race_page;
static int pass_sock[2] = { -1, -1 };
/* The parent's /dev/kmsg, read for splats. */
static int kmsg_fd = -1;

/* The sysfs files found at start, and the versions this kernel reads. */
static char sysfs_files[MAX_SYSFS][128];
static unsigned int nr_sysfs;
static char *versions_text;
static size_t versions_len;
/* More than target_versions takes (64 KiB): lines of 47 bytes. */
static char big_text[72 * 1024];

static unsigned int opt_procs = 3, opt_threads = 4, opt_hang = 60;
static unsigned int opt_seconds = 60;
static int opt_loglevel = -1;
static __u64 opt_seed;

/* The random numbers: splitmix64, one stream per thread. */
static __u64 mix64(__u64 z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static __u64 rnd64(struct ctx *c)
{
	c->rng += 0x9e3779b97f4a7c15ULL;
	return mix64(c->rng);
}

/* A number below @n (0 for @n 0). */
static __u64 rnd(struct ctx *c, __u64 n)
{
	return n ? rnd64(c) % n : 0;
}

static bool chance(struct ctx *c, unsigned int percent)
{
	return rnd(c, 100) < percent;
}

static unsigned int pick_weighted(struct ctx *c, const unsigned int *w,
				  unsigned int n)
{
	unsigned int i, total = 0, r;

	for (i = 0; i < n; i++)
		total += w[i];
	r = rnd(c, total);
	for (i = 0; i < n; i++) {
		if (r < w[i])
			return i;
		r -= w[i];
	}
	return 0;
}

static __u64 thread_seed(__u64 seed, unsigned int proc, unsigned int thread)
{
	return mix64(seed + mix64(((__u64)proc << 16 | thread) + 1));
}

/* The ring and the statistics. */

static __printf(3, 4)
void op_begin(struct ctx *c, enum fuzz_op op, const char *fmt, ...)
{
	struct thread_slot *ts = c->ts;
	struct ring_entry *e = &ts->ring[ts->head % RING_LEN];
	va_list ap;

	e->done = 0;
	e->op = op;
	e->ret = 0;
	e->us = 0;
	e->seq = __atomic_add_fetch(&sh->seq, 1, __ATOMIC_RELAXED);
	e->t_ns = luo_now_ns();
	va_start(ap, fmt);
	vsnprintf(e->what, sizeof(e->what), fmt, ap);
	va_end(ap);
	__atomic_store_n(&ts->head, ts->head + 1, __ATOMIC_RELEASE);
	__atomic_store_n(&ts->last_ns, e->t_ns, __ATOMIC_RELAXED);
	c->cur = e;
	c->cur_check = 0;
}

static const char *errname(int err)
{
	const char *s = err ? strerrorname_np(err) : "ok";

	return s ? s : "E?";
}

static bool errno_allowed(enum fuzz_op op, int err);

/*
 * Ends the current operation: @ret is what the call returned, a negative
 * value meaning it failed with errno (which is read here, so call it
 * first thing).  Returns @ret (at most INT_MAX), or -errno.
 */
static int op_end(struct ctx *c, long ret)
{
	int err = ret < 0 ? errno : 0;
	struct ring_entry *e = c->cur;
	__u64 now = luo_now_ns();
	enum fuzz_op op = e->op;

	e->ret = err ? -err : (ret > INT_MAX ? INT_MAX : (int)ret);
	e->us = (now - e->t_ns) / 1000;
	__atomic_store_n(&e->done, 1, __ATOMIC_RELEASE);
	__atomic_store_n(&c->ts->last_ns, now, __ATOMIC_RELAXED);
	__atomic_add_fetch(&c->ts->ops, 1, __ATOMIC_RELAXED);
	__atomic_add_fetch(&sh->stats[op][err < ERRNO_BUCKETS - 1 ?
					  err : ERRNO_BUCKETS - 1], 1,
			   __ATOMIC_RELAXED);
	if (err && c->cur_check && !errno_allowed(op, err)) {
		char line[200];

		snprintf(line, sizeof(line), "proc %u thread %u seq %llu: %s: %s -> %s",
			 c->proc, c->thread, (unsigned long long)e->seq,
			 op_names[op], e->what, errname(err));
		if (__atomic_add_fetch(&sh->bad[op], 1, __ATOMIC_RELAXED) == 1)
			memcpy(sh->first_bad[op], line, sizeof(line));
		fprintf(stderr, "luo_fuzz: unexpected errno: %s\n", line);
	}
	return e->ret;
}

/*
 * A result the kernel should not have given: a check of a thread's own
 * sample chain, which no other thread can disturb but through the
 * environment (frozen, target_versions, full handover region).
 */
static void op_bad(struct ctx *c, enum fuzz_op op, const char *why)
{
	char line[200];

	snprintf(line, sizeof(line), "proc %u thread %u seq %llu: %s: %s",
		 c->proc, c->thread,
		 (unsigned long long)(c->cur ? c->cur->seq : 0), op_names[op],
		 why);
	if (__atomic_add_fetch(&sh->bad[op], 1, __ATOMIC_RELAXED) == 1)
		memcpy(sh->first_bad[op], line, sizeof(line));
	fprintf(stderr, "luo_fuzz: unexpected result: %s\n", line);
}

/*
 * The errnos a class may see.  The uAPI's are documented in
 * Documentation/liveupdate/orchestrator.rst; a preserve adds its
 * handler's (the sample memfd's ENAMETOOLONG and EIO); a freeze adds
 * those of building the image.  Only calls on fds the operation opened
 * itself, or on LUO ioctls (any other file answers ENOTTY), are checked.
 */
static bool errno_allowed(enum fuzz_op op, int err)
{
	switch (err) {
	case ENOMEM:
	case EFAULT:
	case EMFILE:
	case ENFILE:
		return true;
	}
	switch (op) {
	case OP_DEV_OPEN:
		return err == EBUSY || err == EPERM || err == EOPNOTSUPP ||
		       err == EACCES;
	case OP_CREATE_SESSION:
	case OP_RETRIEVE_SESSION:
	case OP_PRESERVE_FD:
	case OP_RETRIEVE_FD:
	case OP_FINISH:
	case OP_GET_NAME:
	case OP_UNKNOWN_IOCTL:
	case OP_SAMPLE_PRESERVE:
		switch (err) {
		case ENOTTY: case EINVAL: case E2BIG: case EPERM: case EBUSY:
		case EEXIST: case ENOENT: case EBADF: case EAGAIN:
		case ENOPKG: case ENOSPC: case ENODEV: case EOPNOTSUPP:
		case ENAMETOOLONG: case EIO:
			return true;
		}
		return false;
	case OP_FREEZE:
	case OP_UNFREEZE:
	case OP_STATE_WRITE:
		switch (err) {
		case EINVAL: case EBUSY: case EOPNOTSUPP: case ENOSPC:
		case ENODEV: case E2BIG: case EOVERFLOW: case ERANGE:
		case EFBIG: case ENAMETOOLONG: case EIO:
			return true;
		}
		return false;
	case OP_TARGET_WRITE:
		return err == EINVAL || err == EFBIG || err == E2BIG;
	case OP_SYSFS_READ:
		return err == EINVAL;
	default:
		return true;
	}
}

/* The fd table of a process. */

static void table_add(struct ctx *c, int fd, enum kind kind)
{
	struct proc *p = c->p;
	unsigned int i, start = rnd(c, NR_SLOTS);
	int victim = -1;

	/* Never stdin, stdout nor stderr: see do_file_ops(). */
	if (fd < 3)
		return;
	if (kind == K_NONE)
		kind = K_PASSED;
	pthread_mutex_lock(&p->lock);
	for (i = 0; i < NR_SLOTS; i++) {
		struct fslot *s = &p->slot[(start + i) % NR_SLOTS];

		if (s->kind == K_NONE) {
			s->fd = fd;
			s->kind = kind;
			pthread_mutex_unlock(&p->lock);
			return;
		}
	}
	/* Full: the new file takes a random slot, whose file goes. */
	victim = p->slot[start].fd;
	p->slot[start].fd = fd;
	p->slot[start].kind = kind;
	p->closed[p->nr_closed++ % NR_CLOSED] = victim;
	pthread_mutex_unlock(&p->lock);
	op_begin(c, OP_CLOSE, "close fd %d (table full)", victim);
	op_end(c, close(victim));
}

/*
 * A random fd of the table, of @want when there is one (K_NONE: any); its
 * kind in @kind.  -1 when the table is empty.  The fd may be closed by
 * another thread meanwhile, or stand for another file by then: that is
 * what the races are for.
 */
static int table_pick(struct ctx *c, enum kind want, int *kind)
{
	struct proc *p = c->p;
	unsigned int i, start = rnd(c, NR_SLOTS);
	int fd = -1, k = K_NONE;

	pthread_mutex_lock(&p->lock);
	for (i = 0; i < NR_SLOTS; i++) {
		struct fslot *s = &p->slot[(start + i) % NR_SLOTS];

		if (s->kind == K_NONE)
			continue;
		if (fd < 0 || s->kind == want) {
			fd = s->fd;
			k = s->kind;
		}
		if (want == K_NONE || s->kind == want)
			break;
	}
	pthread_mutex_unlock(&p->lock);
	if (kind)
		*kind = k;
	return fd;
}

/* Takes a random fd out of the table: the caller owns it now. */
static int table_take(struct ctx *c, int *kind)
{
	struct proc *p = c->p;
	unsigned int i, start = rnd(c, NR_SLOTS);
	int fd = -1;

	pthread_mutex_lock(&p->lock);
	for (i = 0; i < NR_SLOTS; i++) {
		struct fslot *s = &p->slot[(start + i) % NR_SLOTS];

		if (s->kind == K_NONE)
			continue;
		fd = s->fd;
		*kind = s->kind;
		s->kind = K_NONE;
		s->fd = -1;
		break;
	}
	pthread_mutex_unlock(&p->lock);
	return fd;
}

static void note_closed(struct ctx *c, int fd)
{
	pthread_mutex_lock(&c->p->lock);
	c->p->closed[c->p->nr_closed++ % NR_CLOSED] = fd;
	pthread_mutex_unlock(&c->p->lock);
}

static int closed_fd(struct ctx *c)
{
	int fd;

	pthread_mutex_lock(&c->p->lock);
	fd = c->p->nr_closed ? c->p->closed[rnd(c, NR_CLOSED) %
					     (c->p->nr_closed < NR_CLOSED ?
					      c->p->nr_closed : NR_CLOSED)] :
			       INT_MAX - 1;
	pthread_mutex_unlock(&c->p->lock);
	return fd;
}

/* What a passed fd is, from its link in /proc. */
static enum kind classify(int fd)
{
	char path[64], link[128];
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	n = readlink(path, link, sizeof(link) - 1);
	if (n <= 0)
		return K_PASSED;
	link[n] = '\0';
	if (strstr(link, "liveupdate_session"))
		return K_SESSION;
	if (!strcmp(link, LUO_DEV))
		return K_DEV;
	if (strstr(link, "memfd:"))
		return K_MEMFD;
	return K_PASSED;
}

/*
 * An fd for an operation that wants @want: mostly one of the table, of
 * that kind when there is one; else one of every other sort, closed,
 * invalid or huge numbers included.  Its kind in @kind.
 */
static int pick_fd(struct ctx *c, enum kind want, int *kind)
{
	unsigned int r = rnd(c, 100);

	*kind = K_NONE;
	if (r < 70)
		return table_pick(c, want, kind);
	if (r < 85)
		return table_pick(c, K_NONE, kind);
	switch (rnd(c, 7)) {
	case 0:
		return -1;
	case 1:
		return INT_MAX;
	case 2:
		return 1 << 20;
	case 3:
		return (int)(rnd64(c) | 0x80000000u);
	case 4:
		return 2;	/* stderr, the console */
	default:
		return closed_fd(c);
	}
}

/* The argument arena of a thread. */

/*
 * Five pages: two read-write, a hole (munmap'd), a read-write one and a
 * read-only one, the last a mapping of a memfd whose other, writable
 * mapping (ro_alias) fills it.  Placed low in the address space, where
 * nothing else is mapped, so that no later mapping fills the hole.
 */
static int arena_init(struct ctx *c, unsigned int index)
{
	void *want = (void *)(0x60000000UL + index * 16 * PG);
	unsigned char *a;
	int fd;

	a = mmap(want, 5 * PG, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	if (a == MAP_FAILED)
		a = mmap(NULL, 5 * PG, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (a == MAP_FAILED)
		return -errno;
	munmap(a + 2 * PG, PG);
	fd = memfd_create("luo-fuzz-arena", MFD_CLOEXEC);
	if (fd < 0 || ftruncate(fd, PG))
		return -errno;
	if (mmap(a + 4 * PG, PG, PROT_READ, MAP_SHARED | MAP_FIXED, fd, 0) ==
	    MAP_FAILED)
		return -errno;
	c->ro_alias = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	if (c->ro_alias == MAP_FAILED)
		return -errno;
	c->arena = a;
	return 0;
}

static enum layout pick_layout(struct ctx *c)
{
	return pick_weighted(c, layout_weight, NR_LAYOUTS);
}

/*
 * Puts @len bytes of @src where @l says and returns the address to give
 * the kernel: a good buffer, a misaligned one, a read-only page, one
 * that runs into the read-only page or into the hole, the hole itself,
 * NULL, a kernel or non-canonical address, or the page every thread of
 * every process writes its arguments to at the same time.
 */
static void *arena_put(struct ctx *c, enum layout l, const void *src,
		       size_t len)
{
	unsigned char *a = c->arena;
	size_t k;
	void *p;

	switch (l) {
	case L_NORMAL:
		len = len > 2 * PG ? 2 * PG : len;
		memcpy(a, src, len);
		return a;
	case L_MISALIGNED:
		p = a + 1 + rnd(c, 7);
		len = len > 2 * PG - 8 ? 2 * PG - 8 : len;
		memcpy(p, src, len);
		return p;
	case L_RO:
		memcpy(c->ro_alias, src, len > PG ? PG : len);
		return a + 4 * PG;
	case L_STRADDLE_RO:
		if (len < 2)
			return a + 4 * PG;
		k = 1 + rnd(c, (len > PG ? PG : len) - 1);
		memcpy(a + 4 * PG - k, src, k);
		memcpy(c->ro_alias, (const char *)src + k,
		       len - k > PG ? PG : len - k);
		return a + 4 * PG - k;
	case L_HOLE:
		return a + 2 * PG;
	case L_STRADDLE_HOLE:
		if (len < 2)
			return a + 2 * PG;
		k = 1 + rnd(c, (len > PG ? PG : len) - 1);
		memcpy(a + 2 * PG - k, src, k);
		return a + 2 * PG - k;
	case L_NULL:
		return NULL;
	case L_KERNEL:
		return (void *)0xffff888000000000UL;
	case L_NONCANON:
		return (void *)(0x8000000000000000UL | (rnd64(c) & ~7UL));
	case L_RACE:
	default:
		memcpy(race_page, src, len > PG ? PG : len);
		return race_page;
	}
}

/* Copies back what the kernel wrote, where it could be read: or false. */
static bool arena_get(enum layout l, const void *p, void *dst, size_t len)
{
	if (l != L_NORMAL && l != L_MISALIGNED && l != L_RACE)
		return false;
	memcpy(dst, p, len);
	return true;
}

/* The pieces of the uAPI's arguments. */

/*
 * A size for a struct of @len bytes: 0, too small, exact, larger with a
 * zero tail or a non-zero one, a page, more than a page, huge.  Fills
 * @buf (at least 2 pages) past @len accordingly.  Returns the size, the
 * bytes worth copying in @copy.
 */
static __u32 pick_size(struct ctx *c, size_t len, unsigned char *buf,
		       size_t *copy, const char **what)
{
	unsigned int r = rnd(c, 100);
	__u32 size;

	*copy = len;
	*what = "exact";
	if (r < 6) {
		*what = "zero";
		return 0;
	}
	if (r < 14) {
		*what = "short";
		return 1 + rnd(c, len - 1);
	}
	if (r < 58)
		return len;
	if (r < 70) {
		*what = "zero-tail";
		size = len + 1 + rnd(c, 64);
	} else if (r < 80) {
		*what = "nonzero-tail";
		size = len + 1 + rnd(c, 64);
		buf[len + rnd(c, size - len)] = 1 + rnd(c, 255);
	} else if (r < 84) {
		*what = "page";
		size = PG;
	} else if (r < 88) {
		*what = "over-page";
		size = PG + 1 + rnd(c, 64);
	} else if (r < 92) {
		*what = "huge";
		size = chance(c, 50) ? 0xffffffffu : 0x80000000u;
	} else {
		*what = "off-by-one";
		size = chance(c, 50) ? len - 1 : len + 1;
	}
	/* Past a page the kernel reads nothing: E2BIG. */
	*copy = size > 2 * PG ? len : size;
	return size;
}

static const char * const pool_names[] = {
	"fz-a", "fz-b", "fz-c", "fz-d", "demo-vm", "demo-memfd",
};

/*
 * A session name: one of a few (taken, then EEXIST), unique, empty,
 * the longest there is, without its NUL, with bytes that are not
 * printable, or with junk after the NUL.
 */
static const char *pick_name(struct ctx *c, __u8 *name)
{
	unsigned int i, n;

	memset(name, 0, LIVEUPDATE_SESSION_NAME_LENGTH);
	switch (rnd(c, 10)) {
	case 0:
	case 1:
	case 2:
		snprintf((char *)name, LIVEUPDATE_SESSION_NAME_LENGTH, "%s",
			 pool_names[rnd(c, ARRAY_SIZE(pool_names))]);
		return "pool";
	case 3:
	case 4:
		snprintf((char *)name, LIVEUPDATE_SESSION_NAME_LENGTH,
			 "fz-%llx", (unsigned long long)rnd64(c));
		return "unique";
	case 5:
		if (chance(c, 50))
			name[1] = 'x';
		return "empty";
	case 6:
		memset(name, 'a' + rnd(c, 26), LIVEUPDATE_SESSION_NAME_LENGTH - 1);
		return "max";
	case 7:
		memset(name, 'z', LIVEUPDATE_SESSION_NAME_LENGTH);
		return "no-nul";
	case 8:
		n = 1 + rnd(c, LIVEUPDATE_SESSION_NAME_LENGTH - 1);
		for (i = 0; i < n; i++)
			name[i] = 1 + rnd(c, 255);
		return "binary";
	default:
		snprintf((char *)name, LIVEUPDATE_SESSION_NAME_LENGTH, "%s",
			 pool_names[rnd(c, ARRAY_SIZE(pool_names))]);
		for (i = strlen((char *)name) + 1;
		     i < LIVEUPDATE_SESSION_NAME_LENGTH; i++)
			name[i] = rnd(c, 256);
		return "junk-after-nul";
	}
}

static __u64 pick_token(struct ctx *c)
{
	switch (rnd(c, 8)) {
	case 0:
		return 0;
	case 1:
		return ~0ULL;
	case 2:
		return 1ULL << 63;
	case 3:
	case 4:
		return rnd64(c);
	default:
		return rnd(c, 8);
	}
}

/* @src for a log line, up to @n bytes: what is not printable as a dot. */
static void printable(char *dst, const void *src, size_t n)
{
	const unsigned char *s = src;
	size_t i;

	for (i = 0; i < n && s[i]; i++)
		dst[i] = s[i] >= ' ' && s[i] < 0x7f ? s[i] : '.';
	dst[i] = '\0';
}

/* What an ioctl's output is worth: nothing, the kernel's, or maybe junk. */
enum got {
	GOT_NOTHING,
	GOT_TRUSTED,
	GOT_MAYBE,
};

/*
 * One ioctl of the uAPI with a struct argument of @len bytes in @buf
 * (zeroed beyond, 2 pages at least): a size and a place for it picked,
 * issued on @fd.  The struct as the kernel left it is copied back into
 * @buf when it can be read, as @got says: from the shared page, another
 * thread may have written it meanwhile.  Returns 0 or -errno.
 */
static int luo_call(struct ctx *c, enum fuzz_op op, int fd, int kind,
		    unsigned long cmd, unsigned char *buf, size_t len,
		    const char *detail, enum got *got)
{
	enum layout l = pick_layout(c);
	const char *size_what;
	size_t copy;
	__u32 size;
	void *p;
	int ret;

	size = pick_size(c, len, buf, &copy, &size_what);
	memcpy(buf, &size, sizeof(size));
	p = arena_put(c, l, buf, copy);
	op_begin(c, op, "fd %d(%s) size %u(%s) arg %s %s", fd,
		 kind_names[kind], size, size_what, layout_names[l], detail);
	c->cur_check = 1;
	ret = op_end(c, ioctl(fd, cmd, p));
	*got = GOT_NOTHING;
	if (!ret && arena_get(l, p, buf, len))
		*got = l == L_RACE ? GOT_MAYBE : GOT_TRUSTED;
	return ret;
}

/* The operations on /dev/liveupdate and sessions. */

static void do_dev_open(struct ctx *c)
{
	static const int flags[] = {
		O_RDWR, O_RDWR, O_RDWR, O_RDONLY, O_WRONLY,
		O_RDWR | O_NONBLOCK, O_PATH,
	};
	int f = flags[rnd(c, ARRAY_SIZE(flags))] | O_CLOEXEC;
	int fd;

	op_begin(c, OP_DEV_OPEN, "open %s flags %#x", LUO_DEV, f);
	c->cur_check = 1;
	fd = op_end(c, open(LUO_DEV, f));
	table_add(c, fd, K_DEV);
}

/*
 * A session fd the kernel reported.  One read from the shared page may
 * be another thread's number, already in the table: that fd is left
 * open until the process exits.
 */
static void take_session_fd(struct ctx *c, int fd, enum got got)
{
	if (got == GOT_TRUSTED)
		table_add(c, fd, K_SESSION);
}

/* CREATE_SESSION or RETRIEVE_SESSION, whose structs are alike. */
static void do_open_session(struct ctx *c, enum fuzz_op op)
{
	unsigned char buf[2 * PG + 64] = { 0 };
	struct liveupdate_ioctl_create_session *a = (void *)buf;
	unsigned long cmd = op == OP_CREATE_SESSION ?
			    LIVEUPDATE_IOCTL_CREATE_SESSION :
			    LIVEUPDATE_IOCTL_RETRIEVE_SESSION;
	char name[24], detail[64];
	const char *what;
	enum got got;
	int fd, kind;

	fd = pick_fd(c, K_DEV, &kind);
	if (chance(c, 20))
		a->fd = (int)rnd64(c);
	what = pick_name(c, a->name);
	printable(name, a->name, 20);
	snprintf(detail, sizeof(detail), "name %s \"%s\"", what, name);
	if (!luo_call(c, op, fd, kind, cmd, buf, sizeof(*a), detail, &got))
		take_session_fd(c, a->fd, got);
}

static void do_preserve(struct ctx *c)
{
	static const enum kind samples[] = {
		K_COUNTER, K_NOTE, K_VM, K_VCPU, K_MEMSLOT, K_MEMFD,
	};
	unsigned char buf[2 * PG + 64] = { 0 };
	struct liveupdate_session_preserve_fd *a = (void *)buf;
	int fd, kind, file, fkind;
	char detail[64];
	enum got got;

	fd = pick_fd(c, K_SESSION, &kind);
	if (chance(c, 5)) {
		file = fd;	/* the session itself */
		fkind = kind;
	} else if (chance(c, 35)) {
		file = table_pick(c, samples[rnd(c, ARRAY_SIZE(samples))],
				  &fkind);
	} else {
		file = pick_fd(c, K_NONE, &fkind);
	}
	a->fd = file;
	a->token = pick_token(c);
	snprintf(detail, sizeof(detail), "file %d(%s) token %#llx", file,
		 kind_names[fkind], (unsigned long long)a->token);
	luo_call(c, OP_PRESERVE_FD, fd, kind, LIVEUPDATE_SESSION_PRESERVE_FD,
		 buf, sizeof(*a), detail, &got);
}

static void do_retrieve_fd(struct ctx *c)
{
	unsigned char buf[2 * PG + 64] = { 0 };
	struct liveupdate_session_retrieve_fd *a = (void *)buf;
	char detail[64];
	enum got got;
	int fd, kind;

	fd = pick_fd(c, K_SESSION, &kind);
	if (chance(c, 20))
		a->fd = (int)rnd64(c);
	a->token = pick_token(c);
	snprintf(detail, sizeof(detail), "token %#llx",
		 (unsigned long long)a->token);
	if (!luo_call(c, OP_RETRIEVE_FD, fd, kind,
		      LIVEUPDATE_SESSION_RETRIEVE_FD, buf, sizeof(*a), detail,
		      &got) && got == GOT_TRUSTED && a->fd >= 3)
		table_add(c, a->fd, classify(a->fd));
}

static void do_finish(struct ctx *c)
{
	unsigned char buf[2 * PG + 64] = { 0 };
	struct liveupdate_session_finish *a = (void *)buf;
	char detail[32];
	enum got got;
	int fd, kind;

	fd = pick_fd(c, K_SESSION, &kind);
	if (chance(c, 15))
		a->reserved = 1 + rnd(c, 0xffffffffu);
	snprintf(detail, sizeof(detail), "reserved %#x", a->reserved);
	luo_call(c, OP_FINISH, fd, kind, LIVEUPDATE_SESSION_FINISH, buf,
		 sizeof(*a), detail, &got);
}

static void do_get_name(struct ctx *c)
{
	unsigned char buf[2 * PG + 64] = { 0 };
	struct liveupdate_session_get_name *a = (void *)buf;
	char detail[32];
	enum got got;
	int fd, kind;

	fd = pick_fd(c, K_SESSION, &kind);
	if (chance(c, 10))
		a->reserved = 1 + rnd(c, 0xffffffffu);
	/* Whatever is in the output field must not matter. */
	if (chance(c, 30))
		memset(a->name, 0xa5, sizeof(a->name));
	snprintf(detail, sizeof(detail), "reserved %#x", a->reserved);
	if (luo_call(c, OP_GET_NAME, fd, kind, LIVEUPDATE_SESSION_GET_NAME,
		     buf, sizeof(*a), detail, &got) || got != GOT_TRUSTED)
		return;
	if (!a->name[0] || !memchr(a->name, '\0', sizeof(a->name)))
		op_bad(c, OP_GET_NAME, "a session's name came back empty or without its NUL");
}

/*
 * An ioctl the uAPI does not have, on a LUO fd mostly: a number of its
 * type that is none of the six, one of the six encoded with a direction
 * and a size (mainline's are _IO()), a sample driver's, any number of
 * type 0xBA.  Types of other drivers are left alone: the fd may be any
 * file by now.
 */
static void do_unknown_ioctl(struct ctx *c)
{
	static const unsigned int known[] = {
		LIVEUPDATE_CMD_CREATE_SESSION, LIVEUPDATE_CMD_RETRIEVE_SESSION,
		LIVEUPDATE_CMD_SESSION_PRESERVE_FD,
		LIVEUPDATE_CMD_SESSION_RETRIEVE_FD,
		LIVEUPDATE_CMD_SESSION_FINISH,
		LIVEUPDATE_CMD_SESSION_GET_NAME,
	};
	static const unsigned long samples[] = {
		SAMPLE_COUNTER_SET, SAMPLE_COUNTER_GET, SAMPLE_VM_SET_ID,
		SAMPLE_VM_GET_ID, SAMPLE_VCPU_GET_REGS, SAMPLE_NOTE_GET,
		SAMPLE_MEMSLOT_GET,
	};
	unsigned char junk[256];
	unsigned long cmd;
	unsigned int i, nr;
	int fd, kind, ret;
	enum layout l;
	void *p;

	fd = pick_fd(c, chance(c, 50) ? K_SESSION : K_DEV, &kind);
	switch (rnd(c, 4)) {
	case 0:
		do {
			nr = rnd(c, 256);
		} while (nr <= 1 || (nr >= 0x40 && nr <= 0x43));
		cmd = _IO(LIVEUPDATE_IOCTL_TYPE, nr);
		break;
	case 1:
		cmd = _IOC(1 + rnd(c, 3), LIVEUPDATE_IOCTL_TYPE,
			   known[rnd(c, ARRAY_SIZE(known))],
			   1 + rnd(c, _IOC_SIZEMASK));
		break;
	case 2:
		cmd = samples[rnd(c, ARRAY_SIZE(samples))];
		break;
	default:
		cmd = ((__u32)rnd64(c) & ~(_IOC_TYPEMASK << _IOC_TYPESHIFT)) |
		      LIVEUPDATE_IOCTL_TYPE << _IOC_TYPESHIFT;
		for (i = 0; i < ARRAY_SIZE(known); i++)
			if (cmd == _IO(LIVEUPDATE_IOCTL_TYPE, known[i]))
				cmd |= _IOC(_IOC_READ, 0, 0, 0);
		break;
	}
	for (i = 0; i < sizeof(junk); i++)
		junk[i] = rnd(c, 256);
	l = pick_layout(c);
	p = arena_put(c, l, junk, sizeof(junk));
	op_begin(c, OP_UNKNOWN_IOCTL, "fd %d(%s) cmd %#lx arg %s", fd,
		 kind_names[kind], cmd, layout_names[l]);
	c->cur_check = 1;
	ret = op_end(c, ioctl(fd, cmd, p));
	if (ret >= 3)
		table_add(c, ret, classify(ret));
}

/* The fds themselves. */

static void do_close(struct ctx *c)
{
	int kind, fd = table_take(c, &kind);

	if (fd < 0)
		return;
	op_begin(c, OP_CLOSE, "close fd %d(%s)", fd, kind_names[kind]);
	op_end(c, close(fd));
	note_closed(c, fd);
}

/*
 * dup2() of one file over another of the table, while other threads may
 * use the number; or a plain dup.
 */
static void do_dup(struct ctx *c)
{
	int src, skind, dst, dkind, ret;

	src = pick_fd(c, K_NONE, &skind);
	if (src >= 0 && src < 3)
		src = -1;
	if (chance(c, 40)) {
		op_begin(c, OP_DUP, "dup fd %d(%s)", src, kind_names[skind]);
		ret = op_end(c, fcntl(src, F_DUPFD_CLOEXEC, 3));
		table_add(c, ret, skind);
		return;
	}
	dst = table_take(c, &dkind);
	if (dst < 0)
		return;
	op_begin(c, OP_DUP, "dup2 fd %d(%s) over fd %d(%s)", src,
		 kind_names[skind], dst, kind_names[dkind]);
	ret = op_end(c, dup3(src, dst, O_CLOEXEC));
	table_add(c, dst, ret >= 0 ? skind : dkind);
}

/* Opens @path as one operation of @op; the fd or -errno. */
static int open_file(struct ctx *c, enum fuzz_op op, const char *path, int flags)
{
	op_begin(c, op, "open %s flags %#x", path, flags);
	return op_end(c, open(path, flags | O_CLOEXEC));
}

/* A memfd of @size bytes, some of them written, as one operation. */
static int make_memfd(struct ctx *c, enum fuzz_op op, const char *name,
		      unsigned int flags, off_t size)
{
	char data[64];
	int fd, err;

	op_begin(c, op, "memfd_create \"%.40s\" flags %#x size %lld", name,
		 flags, (long long)size);
	fd = memfd_create(name, flags | MFD_CLOEXEC);
	if (fd >= 0 && ftruncate(fd, size)) {
		err = errno;
		close(fd);
		errno = err;
		fd = -1;
	}
	if (fd >= 0 && size) {
		memset(data, 'f', sizeof(data));
		if (pwrite(fd, data, sizeof(data) < (size_t)size ?
			   sizeof(data) : (size_t)size, rnd(c, size)) < 0)
			memset(data, 0, sizeof(data));
	}
	return op_end(c, fd);
}

/* A new vCPU of the VM @vm, as one operation of @op. */
static int make_vcpu(struct ctx *c, enum fuzz_op op, int vm)
{
	op_begin(c, op, "create vcpu of fd %d", vm);
	return op_end(c, ioctl(vm, SAMPLE_VM_CREATE_VCPU));
}

/* A memory slot of @vm on @ram, as one operation of @op. */
static int make_memslot(struct ctx *c, enum fuzz_op op, int vm,
			const struct sample_memslot *m)
{
	op_begin(c, op, "create memslot of fd %d: memfd %d gpa %#llx size %#llx flags %#x",
		 vm, m->memfd, (unsigned long long)m->gpa,
		 (unsigned long long)m->size, m->flags);
	return op_end(c, ioctl(vm, SAMPLE_VM_CREATE_MEMSLOT, m));
}

static void do_make_file(struct ctx *c)
{
	struct sample_memslot m = { 0 };
	int fds[2], fd = -1, vm, kind;
	char path[64];

	switch (rnd(c, 15)) {
	case 0:
	case 1:
		fd = make_memfd(c, OP_MAKE_FILE, "fz",
				chance(c, 50) ? MFD_ALLOW_SEALING : 0,
				rnd(c, 3) * rnd(c, 3 * PG));
		table_add(c, fd, K_MEMFD);
		break;
	case 2:
		op_begin(c, OP_MAKE_FILE, "pipe");
		if (op_end(c, pipe2(fds, O_NONBLOCK | O_CLOEXEC)) == 0) {
			table_add(c, fds[0], K_PIPE);
			table_add(c, fds[1], K_PIPE);
		}
		break;
	case 3:
		op_begin(c, OP_MAKE_FILE, "socketpair");
		if (op_end(c, socketpair(AF_UNIX, (chance(c, 50) ? SOCK_STREAM :
						   SOCK_DGRAM) | SOCK_NONBLOCK |
				       SOCK_CLOEXEC, 0, fds)) == 0) {
			table_add(c, fds[0], K_SOCK);
			table_add(c, fds[1], K_SOCK);
		}
		break;
	case 4:
		op_begin(c, OP_MAKE_FILE, "udp socket");
		fd = op_end(c, socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK |
				      SOCK_CLOEXEC, 0));
		table_add(c, fd, K_SOCK);
		break;
	case 5:
		op_begin(c, OP_MAKE_FILE, "eventfd");
		fd = op_end(c, eventfd(rnd(c, 3), EFD_NONBLOCK | EFD_CLOEXEC));
		table_add(c, fd, K_EVENTFD);
		break;
	case 6:
		fd = open_file(c, OP_MAKE_FILE, "/dev/null", O_RDWR);
		table_add(c, fd, K_NULL);
		break;
	case 7:
		fd = open_file(c, OP_MAKE_FILE,
			       sysfs_files[rnd(c, nr_sysfs)],
			       chance(c, 50) ? O_RDONLY : O_RDWR);
		table_add(c, fd, K_SYSFS);
		break;
	case 8:
		fd = open_file(c, OP_MAKE_FILE, "/dev/luo_sample_counter",
			       O_RDWR);
		table_add(c, fd, K_COUNTER);
		break;
	case 9:
		fd = open_file(c, OP_MAKE_FILE, "/dev/luo_sample_note", O_RDWR);
		table_add(c, fd, K_NOTE);
		break;
	case 10:
		fd = open_file(c, OP_MAKE_FILE, "/dev/luo_sample_vm", O_RDWR);
		table_add(c, fd, K_VM);
		break;
	case 11:
		vm = table_pick(c, K_VM, &kind);
		fd = make_vcpu(c, OP_MAKE_FILE, vm);
		table_add(c, fd, K_VCPU);
		break;
	case 12:
		vm = table_pick(c, K_VM, &kind);
		m.size = (1 + rnd(c, 4)) * PG;
		m.memfd = make_memfd(c, OP_MAKE_FILE, "fz-ram", 0,
				     chance(c, 80) ? m.size : PG);
		m.gpa = rnd(c, 1 << 20) * PG;
		if (chance(c, 10))
			m.gpa |= rnd(c, PG);
		fd = make_memslot(c, OP_MAKE_FILE, vm, &m);
		table_add(c, m.memfd, K_MEMFD);
		table_add(c, fd, K_MEMSLOT);
		break;
	case 13:
		/* Another file of a memfd, maybe not readable. */
		fd = table_pick(c, K_MEMFD, &kind);
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
		/* Whatever it is by now: a pipe must not block a read. */
		fd = open_file(c, OP_MAKE_FILE, path, O_NONBLOCK |
			       (chance(c, 50) ? O_RDONLY : O_WRONLY));
		table_add(c, fd, K_MEMFD);
		break;
	default:
		/* A shmem file without a link that is not a memfd. */
		fd = open_file(c, OP_MAKE_FILE, "/dev", O_TMPFILE | O_RDWR);
		table_add(c, fd, K_TMPFILE);
		break;
	}
}

/*
 * Takes an fd of another worker with pidfd_getfd(), whatever it is by
 * now: only numbers its table may hold, below a chain's.
 */
static void fd_steal(struct ctx *c)
{
	unsigned int p = rnd(c, sh->procs);
	pid_t pid = sh->th[p * sh->threads].pid;
	int pidfd, target = 3 + rnd(c, 64), fd;

	op_begin(c, OP_FD_PASS, "take fd %d of proc %u (pid %d)", target, p,
		 pid);
	pidfd = syscall(SYS_pidfd_open, pid, 0);
	fd = pidfd < 0 ? -1 : syscall(SYS_pidfd_getfd, pidfd, target, 0);
	fd = op_end(c, fd);
	if (pidfd >= 0)
		close(pidfd);
	if (fd >= 0) {
		fcntl(fd, F_SETFD, FD_CLOEXEC);
		table_add(c, fd, classify(fd));
	}
}

/*
 * Files, sessions and /dev/liveupdate go from one process to another:
 * sent or received on the datagram socket pair every worker shares, or
 * taken with pidfd_getfd() (the only way on a kernel without sockets).
 */
static void do_fd_pass(struct ctx *c)
{
	union {
		struct cmsghdr h;
		char buf[CMSG_SPACE(3 * sizeof(int))];
	} u;
	int sock = pass_sock[rnd(c, 2)], fds[3], kinds[3], i, n, ret;
	struct msghdr m = { 0 };
	struct cmsghdr *h;
	char byte = 'f';
	struct iovec iov = { .iov_base = &byte, .iov_len = 1 };

	if (pass_sock[0] < 0 || chance(c, 50)) {
		fd_steal(c);
		return;
	}
	memset(&u, 0, sizeof(u));
	m.msg_iov = &iov;
	m.msg_iovlen = 1;
	m.msg_control = u.buf;
	if (chance(c, 50)) {
		n = 1 + rnd(c, 3);
		for (i = 0; i < n; i++) {
			fds[i] = pick_fd(c, chance(c, 50) ? K_SESSION : K_NONE,
					 &kinds[i]);
			if (fds[i] >= 0 && fds[i] < 3)
				fds[i] = -1;
		}
		m.msg_controllen = CMSG_SPACE(n * sizeof(int));
		h = CMSG_FIRSTHDR(&m);
		h->cmsg_level = SOL_SOCKET;
		h->cmsg_type = SCM_RIGHTS;
		h->cmsg_len = CMSG_LEN(n * sizeof(int));
		memcpy(CMSG_DATA(h), fds, n * sizeof(int));
		op_begin(c, OP_FD_PASS, "send fds %d(%s) %d(%s) %d(%s)",
			 fds[0], kind_names[kinds[0]],
			 n > 1 ? fds[1] : -1, kind_names[n > 1 ? kinds[1] : 0],
			 n > 2 ? fds[2] : -1, kind_names[n > 2 ? kinds[2] : 0]);
		op_end(c, sendmsg(sock, &m, MSG_DONTWAIT | MSG_NOSIGNAL));
		return;
	}
	m.msg_controllen = sizeof(u.buf);
	op_begin(c, OP_FD_PASS, "receive fds");
	ret = op_end(c, recvmsg(sock, &m, MSG_DONTWAIT | MSG_CMSG_CLOEXEC));
	if (ret < 0)
		return;
	for (h = CMSG_FIRSTHDR(&m); h; h = CMSG_NXTHDR(&m, h)) {
		if (h->cmsg_level != SOL_SOCKET || h->cmsg_type != SCM_RIGHTS)
			continue;
		n = (h->cmsg_len - CMSG_LEN(0)) / sizeof(int);
		memcpy(fds, CMSG_DATA(h), n * sizeof(int));
		for (i = 0; i < n; i++)
			table_add(c, fds[i], classify(fds[i]));
	}
}

/*
 * Sample chains: real files of the sample drivers, set up and preserved
 * in a session the thread keeps to itself, dependencies in and out of
 * order, so that the preserve paths go all the way into the handlers and
 * the framework.  No other thread can name these fds (CHAIN_FD_BASE), so
 * the kernel's answers are checked: only the environment may change
 * them (env_errno()).  Then the files go to the table, or are closed, or
 * the update is frozen with them and called off.
 */
struct chain {
	struct ctx *c;
	int session;
	int session2;
	char name[LIVEUPDATE_SESSION_NAME_LENGTH];
	int fd[16];
	enum kind kind[16];
	unsigned int n;
	__u64 token;	/* the next one */
	__u64 taken;	/* one a file was preserved with, or 0 */
	bool running;	/* a preserved vCPU runs: a freeze must fail */
};

/*
 * What any preserve may answer because of other threads: frozen
 * (EBUSY), a target_versions without the handler's version (EOPNOTSUPP),
 * a full handover region (ENOSPC), or no memory.
 */
static bool env_errno(int err)
{
	return err == EBUSY || err == EOPNOTSUPP || err == ENOSPC ||
	       err == ENOMEM;
}

/* Moves @fd among the chain's numbers, and keeps it; the fd or -errno. */
static int chain_keep(struct chain *ch, int fd, enum kind kind)
{
	int high;

	if (fd < 0)
		return fd;
	high = fcntl(fd, F_DUPFD_CLOEXEC, CHAIN_FD_BASE);
	close(fd);
	if (high < 0)
		return -EMFILE;
	if (ch->n == ARRAY_SIZE(ch->fd)) {
		close(high);
		return -EMFILE;
	}
	ch->fd[ch->n] = high;
	ch->kind[ch->n++] = kind;
	return high;
}

static int chain_open(struct chain *ch, const char *path, enum kind kind)
{
	return chain_keep(ch, open_file(ch->c, OP_SAMPLE_SETUP, path, O_RDWR),
			  kind);
}

/* A sample driver's ioctl on a chain's file, as a setup step. */
static int chain_ioctl(struct chain *ch, int fd, unsigned long cmd,
		       void *arg, const char *what)
{
	op_begin(ch->c, OP_SAMPLE_SETUP, "%s fd %d", what, fd);
	return op_end(ch->c, ioctl(fd, cmd, arg));
}

/*
 * Preserves @fd in @session under @token (0: a new one); the answer must
 * be @want, or env_errno().
 */
static int chain_preserve_token(struct chain *ch, int session, int fd,
				__u64 token, int want, const char *what)
{
	struct liveupdate_session_preserve_fd a = {
		.size = sizeof(a), .fd = fd, .token = token ? token : ch->token++,
	};
	struct ctx *c = ch->c;
	char why[160];
	int ret;

	op_begin(c, OP_SAMPLE_PRESERVE, "preserve %s fd %d token %llu in fd %d, want %s",
		 what, fd, (unsigned long long)a.token, session, errname(want));
	c->cur_check = 1;
	ret = op_end(c, ioctl(session, LIVEUPDATE_SESSION_PRESERVE_FD, &a));
	if (ret != -want && !(ret < 0 && env_errno(-ret))) {
		snprintf(why, sizeof(why), "preserve %s: got %s, want %s",
			 what, errname(-ret), errname(want));
		op_bad(c, OP_SAMPLE_PRESERVE, why);
	}
	if (!ret && session == ch->session)
		ch->taken = a.token;
	return ret;
}

static int chain_preserve(struct chain *ch, int session, int fd, int want,
			  const char *what)
{
	return chain_preserve_token(ch, session, fd, 0, want, what);
}

/* Preserves @fd again under a new token: a file goes in once (EBUSY). */
static void chain_preserve_again(struct chain *ch, int fd, const char *what)
{
	if (chance(ch->c, 20))
		chain_preserve(ch, ch->session, fd, EBUSY, what);
}

/* A new outgoing session of the chain's, through a dev fd of the table. */
static int chain_session(struct chain *ch, const char *name)
{
	struct liveupdate_ioctl_create_session a = { .size = sizeof(a) };
	struct ctx *c = ch->c;
	int dev, kind, ret;

	snprintf((char *)a.name, sizeof(a.name), "%s", name);
	dev = table_pick(c, K_DEV, &kind);
	if (kind == K_DEV) {
		op_begin(c, OP_SAMPLE_PRESERVE, "create session \"%s\" on fd %d",
			 name, dev);
		c->cur_check = 1;
		ret = op_end(c, ioctl(dev, LIVEUPDATE_IOCTL_CREATE_SESSION, &a));
		/* Not a dev fd any more: closed, or another file by now. */
		if (ret != -EBADF && ret != -ENOTTY)
			return ret ? ret : chain_keep(ch, a.fd, K_SESSION);
	}
	dev = open_file(c, OP_SAMPLE_PRESERVE, LUO_DEV, O_RDWR);
	if (dev < 0)
		return dev;
	table_add(c, dev, K_DEV);
	op_begin(c, OP_SAMPLE_PRESERVE, "create session \"%s\" on fd %d",
		 name, dev);
	c->cur_check = 1;
	ret = op_end(c, ioctl(dev, LIVEUPDATE_IOCTL_CREATE_SESSION, &a));
	return ret ? ret : chain_keep(ch, a.fd, K_SESSION);
}

static void chain_counters(struct chain *ch)
{
	struct sample_counter v = { .label = "fuzz" };
	unsigned int i, n = 1 + rnd(ch->c, 3);
	int fd;

	for (i = 0; i < n; i++) {
		fd = chain_open(ch, "/dev/luo_sample_counter", K_COUNTER);
		if (fd < 0)
			return;
		v.value = rnd64(ch->c);
		chain_ioctl(ch, fd, SAMPLE_COUNTER_SET, &v, "counter set");
		/* A token taken by another file of the session. */
		if (ch->taken && chance(ch->c, 20))
			chain_preserve_token(ch, ch->session, fd, ch->taken,
					     EEXIST, "counter, token taken");
		if (!chain_preserve(ch, ch->session, fd, 0, "counter"))
			chain_preserve_again(ch, fd, "counter again");
	}
}

static void chain_note(struct chain *ch)
{
	struct sample_note n = { .id = rnd64(ch->c), .priority = 3 };
	int fd = chain_open(ch, "/dev/luo_sample_note", K_NOTE);

	if (fd < 0)
		return;
	snprintf(n.text, sizeof(n.text), "note of a fuzzed session");
	chain_ioctl(ch, fd, SAMPLE_NOTE_SET, &n, "note set");
	if (!chain_preserve(ch, ch->session, fd, 0, "note"))
		chain_preserve_again(ch, fd, "note again");
}

/* A VM and its vCPUs, which depend on it: the VM must go first. */
static void chain_vm(struct chain *ch)
{
	struct sample_vcpu_regs r;
	unsigned int i, j, n = 1 + rnd(ch->c, 3);
	int vm, vcpu[3], nr = 0;
	__u64 id = rnd64(ch->c);
	__u32 run = 1;
	bool vm_ok;

	vm = chain_open(ch, "/dev/luo_sample_vm", K_VM);
	if (vm < 0)
		return;
	chain_ioctl(ch, vm, SAMPLE_VM_SET_ID, &id, "vm set id");
	for (i = 0; i < n; i++) {
		vcpu[nr] = chain_keep(ch, make_vcpu(ch->c, OP_SAMPLE_SETUP, vm),
				      K_VCPU);
		if (vcpu[nr] < 0)
			continue;
		for (j = 0; j < SAMPLE_NR_REGS; j++)
			r.regs[j] = rnd64(ch->c);
		chain_ioctl(ch, vcpu[nr], SAMPLE_VCPU_SET_REGS, &r,
			    "vcpu set regs");
		nr++;
	}
	if (nr && chance(ch->c, 30))
		chain_preserve(ch, ch->session, vcpu[0], ENOENT,
			       "vcpu before its vm");
	vm_ok = !chain_preserve(ch, ch->session, vm, 0, "vm");
	for (i = 0; i < (unsigned int)nr; i++) {
		if (chain_preserve(ch, ch->session, vcpu[i],
				   vm_ok ? 0 : ENOENT, "vcpu"))
			continue;
		if (chance(ch->c, 10) &&
		    !chain_ioctl(ch, vcpu[i], SAMPLE_VCPU_RUN, &run, "vcpu run"))
			ch->running = true;
	}
	if (vm_ok)
		chain_preserve_again(ch, vm, "vm again");
}

/*
 * Guest RAM in a memfd and a memory slot of a VM on it: the slot depends
 * on both, which must be preserved before it and in its session.
 */
static void chain_memslot(struct chain *ch)
{
	struct sample_memslot m = { 0 };
	unsigned int pages = 1 + rnd(ch->c, 4), order = rnd(ch->c, 5);
	int vm, ram, slot, ram_session = ch->session;
	char name2[LIVEUPDATE_SESSION_NAME_LENGTH];
	bool vm_ok = false, ram_ok = false;

	vm = chain_open(ch, "/dev/luo_sample_vm", K_VM);
	ram = chain_keep(ch, make_memfd(ch->c, OP_SAMPLE_SETUP, "fz-guest-ram",
					0, pages * PG), K_MEMFD);
	if (vm < 0 || ram < 0)
		return;
	m.memfd = ram;
	m.gpa = rnd(ch->c, 1 << 20) * PG;
	m.size = (1 + rnd(ch->c, pages)) * PG;
	slot = chain_keep(ch, make_memslot(ch->c, OP_SAMPLE_SETUP, vm, &m),
			  K_MEMSLOT);
	if (slot < 0)
		return;
	if (order == 0)
		chain_preserve(ch, ch->session, slot, ENOENT,
			       "memslot before its vm and ram");
	if (order == 4) {
		/* The RAM in a session of its own: not the slot's. */
		snprintf(name2, sizeof(name2), "%.56s-ram", ch->name);
		ch->session2 = chain_session(ch, name2);
		ram_session = ch->session2;
	}
	vm_ok = !chain_preserve(ch, ch->session, vm, 0, "vm of a memslot");
	if (order == 1)
		chain_preserve(ch, ch->session, slot, ENOENT,
			       "memslot before its ram");
	if (ram_session >= 0)
		ram_ok = !chain_preserve(ch, ram_session, ram, 0, "guest ram");
	chain_preserve(ch, ch->session, slot,
		       vm_ok && ram_ok && ram_session == ch->session ? 0 : ENOENT,
		       "memslot");
}

/*
 * A memfd of the sample handler, which copies it: empty, small, larger
 * than the handover region or than the handler takes, sealed or not, at
 * some position, with a name too long for it, or open only for writing.
 */
static void chain_memfd(struct chain *ch)
{
	struct ctx *c = ch->c;
	unsigned int r = rnd(c, 100), flags = 0;
	bool long_name = chance(c, 10), wronly = false;
	char name[80], path[64];
	off_t size;
	int fd, want = 0, seals;

	if (r < 30)
		size = 0;
	else if (r < 70)
		size = rnd(c, PG);
	else if (r < 90)
		size = rnd(c, 16 * PG);
	else if (r < 97)
		size = 3 << 20;		/* more than the region's slot */
	else
		size = 300 << 20;	/* more than the handler copies */
	/* "memfd:" and 58 bytes do not fit the handler's 64. */
	if (long_name)
		snprintf(name, sizeof(name), "%.60s",
			 "fz-memfd-name-too-long-for-the-sample-handler-to-keep-whole");
	else
		snprintf(name, sizeof(name), "fz-memfd-%u", c->chains);
	if (chance(c, 50))
		flags |= MFD_ALLOW_SEALING;
	fd = chain_keep(ch, make_memfd(c, OP_SAMPLE_SETUP, name, flags, size),
			K_MEMFD);
	if (fd < 0)
		return;
	if (flags & MFD_ALLOW_SEALING && chance(c, 50)) {
		seals = rnd(c, 16) & (F_SEAL_SHRINK | F_SEAL_GROW |
				      F_SEAL_WRITE | F_SEAL_FUTURE_WRITE);
		op_begin(c, OP_SAMPLE_SETUP, "add seals %#x to fd %d", seals, fd);
		op_end(c, fcntl(fd, F_ADD_SEALS, seals));
	}
	op_begin(c, OP_SAMPLE_SETUP, "seek fd %d", fd);
	op_end(c, lseek(fd, rnd(c, size + 1), SEEK_SET));
	if (chance(c, 20)) {
		wronly = chance(c, 50);
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
		fd = chain_keep(ch, open_file(c, OP_SAMPLE_SETUP, path,
					      wronly ? O_WRONLY : O_RDONLY),
				K_MEMFD);
		if (fd < 0)
			return;
	}
	/* The handler's order: readable first, then the name. */
	if (wronly)
		want = EBADF;
	else if (long_name)
		want = ENAMETOOLONG;
	if (!chain_preserve(ch, ch->session, fd, want, "memfd"))
		chain_preserve_again(ch, fd, "memfd again");
}

/*
 * Many files in the session, each closed once preserved (the session
 * holds it): a long file table for the image, or memfds until the
 * handover region is full.
 */
static void chain_bulk(struct chain *ch)
{
	struct ctx *c = ch->c;
	unsigned int i, n = 8 + rnd(c, 41);
	bool memfds = chance(c, 30);
	int fd, high, ret;

	for (i = 0; i < n; i++) {
		if (memfds)
			fd = make_memfd(c, OP_SAMPLE_SETUP, "fz-bulk", 0,
					rnd(c, 16 * 1024));
		else
			fd = open_file(c, OP_SAMPLE_SETUP,
				       "/dev/luo_sample_counter", O_RDWR);
		if (fd < 0)
			return;
		/* Among the chain's numbers: see CHAIN_FD_BASE. */
		high = fcntl(fd, F_DUPFD_CLOEXEC, CHAIN_FD_BASE);
		close(fd);
		if (high < 0)
			return;
		ret = chain_preserve(ch, ch->session, high, 0,
				     memfds ? "memfd of many" : "counter of many");
		op_begin(c, OP_SAMPLE_SETUP, "close fd %d", high);
		op_end(c, close(high));
		if (ret == -ENOSPC || ret == -EBUSY)
			return;
	}
}

/* The checks on the session itself: its name, and what it is not. */
static void chain_check_session(struct chain *ch)
{
	struct liveupdate_session_get_name g = { .size = sizeof(g) };
	struct liveupdate_session_retrieve_fd r = { .size = sizeof(r) };
	struct liveupdate_session_finish f = { .size = sizeof(f) };
	struct ctx *c = ch->c;
	char why[160];
	int ret;

	if (chance(c, 40)) {
		op_begin(c, OP_SAMPLE_PRESERVE, "get name of fd %d",
			 ch->session);
		c->cur_check = 1;
		ret = op_end(c, ioctl(ch->session, LIVEUPDATE_SESSION_GET_NAME,
				      &g));
		if (ret || strncmp((char *)g.name, ch->name, sizeof(g.name))) {
			snprintf(why, sizeof(why), "get name: %s \"%.40s\", want \"%.40s\"",
				 errname(-ret), (char *)g.name, ch->name);
			op_bad(c, OP_SAMPLE_PRESERVE, why);
		}
	}
	if (chance(c, 15)) {
		/* An outgoing session has nothing to retrieve nor finish. */
		r.token = 1;
		op_begin(c, OP_SAMPLE_PRESERVE, "retrieve token 1 of outgoing fd %d",
			 ch->session);
		c->cur_check = 1;
		ret = op_end(c, ioctl(ch->session,
				      LIVEUPDATE_SESSION_RETRIEVE_FD, &r));
		if (ret != -EINVAL)
			op_bad(c, OP_SAMPLE_PRESERVE,
			       ret ? "retrieve from an outgoing session: not EINVAL" :
			       "retrieve from an outgoing session succeeded");
		op_begin(c, OP_SAMPLE_PRESERVE, "finish outgoing fd %d",
			 ch->session);
		c->cur_check = 1;
		ret = op_end(c, ioctl(ch->session, LIVEUPDATE_SESSION_FINISH,
				      &f));
		if (ret != -EINVAL)
			op_bad(c, OP_SAMPLE_PRESERVE,
			       "finish of an outgoing session: not EINVAL");
	}
}

static int write_state(struct ctx *c, enum fuzz_op op, const char *what);

/* Closes the chain's fds, in a random order. */
static void chain_close(struct chain *ch)
{
	unsigned int i, j;
	int fd;

	while (ch->n) {
		i = rnd(ch->c, ch->n);
		fd = ch->fd[i];
		op_begin(ch->c, OP_SAMPLE_SETUP, "close fd %d(%s)", fd,
			 kind_names[ch->kind[i]]);
		op_end(ch->c, close(fd));
		for (j = i; j + 1 < ch->n; j++) {
			ch->fd[j] = ch->fd[j + 1];
			ch->kind[j] = ch->kind[j + 1];
		}
		ch->n--;
	}
}

/*
 * Freezes with the chain's files, which must fail while one of its vCPUs
 * runs; some of them are used, and the session maybe closed, while
 * frozen; then the update is called off.
 */
static void chain_freeze(struct chain *ch)
{
	struct sample_counter v = { .value = 1, .label = "frozen" };
	struct ctx *c = ch->c;
	unsigned int i;
	__u32 run = 1;
	int ret;

	ret = write_state(c, OP_FREEZE, "freeze");
	if (ret < 0)
		return;
	if (ch->running)
		op_bad(c, OP_FREEZE, "froze with a preserved vCPU running");
	for (i = 0; i < ch->n; i++) {
		if (!chance(c, 30))
			continue;
		if (ch->kind[i] == K_COUNTER)
			chain_ioctl(ch, ch->fd[i], SAMPLE_COUNTER_SET, &v,
				    "counter set while frozen");
		if (ch->kind[i] == K_VCPU)
			chain_ioctl(ch, ch->fd[i], SAMPLE_VCPU_RUN, &run,
				    "vcpu run while frozen");
	}
	if (chance(c, 50))
		chain_close(ch);
	if (chance(c, 50))
		usleep(rnd(c, 20000));
	write_state(c, OP_UNFREEZE, "unfreeze");
}

static void do_sample_chain(struct ctx *c)
{
	struct chain ch = { .c = c, .session2 = -1, .token = 1 };
	unsigned int i, n, r;
	int fd;

	snprintf(ch.name, sizeof(ch.name), "fz-%u-%u-%u-S", c->proc,
		 c->thread, c->chains++);
	ch.session = chain_session(&ch, ch.name);
	if (ch.session < 0) {
		chain_close(&ch);
		return;
	}
	n = chance(c, 25) ? 2 + rnd(c, 3) : 1;
	for (i = 0; i < n; i++) {
		switch (rnd(c, 6)) {
		case 0:
			chain_counters(&ch);
			break;
		case 1:
			chain_note(&ch);
			break;
		case 2:
			chain_vm(&ch);
			break;
		case 3:
			chain_memslot(&ch);
			break;
		case 4:
			chain_bulk(&ch);
			break;
		default:
			chain_memfd(&ch);
			break;
		}
	}
	chain_check_session(&ch);
	r = rnd(c, 100);
	if (r < 45) {
		/* To the table: other threads use them, close them. */
		for (i = 0; i < ch.n; i++) {
			fd = fcntl(ch.fd[i], F_DUPFD_CLOEXEC, 3);
			close(ch.fd[i]);
			table_add(c, fd, ch.kind[i]);
		}
		ch.n = 0;
	} else if (r < 75) {
		chain_close(&ch);
	} else {
		chain_freeze(&ch);
		chain_close(&ch);
	}
}

/*
 * A sample driver's ioctl on a file of the table, with an argument that
 * may be bad: the drivers' state changes under preserved and frozen
 * files (a vCPU set running makes every freeze fail until it stops).
 */
static void do_sample_ioctl(struct ctx *c)
{
	static const enum kind kinds[] = {
		K_COUNTER, K_NOTE, K_VM, K_VCPU, K_MEMSLOT, K_MEMFD,
	};
	union {
		struct sample_counter counter;
		struct sample_note note;
		struct sample_vcpu_regs regs;
		struct sample_memslot slot;
		__u64 id;
		__u32 run;
		unsigned char bytes[256];
	} u;
	unsigned long cmd = 0;
	unsigned int i;
	int fd, kind, ret;
	enum layout l;
	void *p;

	fd = table_pick(c, kinds[rnd(c, ARRAY_SIZE(kinds))], &kind);
	for (i = 0; i < sizeof(u); i++)
		u.bytes[i] = rnd(c, 256);
	switch (kind) {
	case K_COUNTER:
		if (chance(c, 80))
			u.counter.label[rnd(c, sizeof(u.counter.label))] = 0;
		cmd = chance(c, 60) ? SAMPLE_COUNTER_SET : SAMPLE_COUNTER_GET;
		break;
	case K_NOTE:
		if (chance(c, 80))
			u.note.text[rnd(c, sizeof(u.note.text))] = 0;
		cmd = chance(c, 60) ? SAMPLE_NOTE_SET : SAMPLE_NOTE_GET;
		break;
	case K_VM:
		switch (rnd(c, 4)) {
		case 0:
			cmd = SAMPLE_VM_SET_ID;
			break;
		case 1:
			cmd = SAMPLE_VM_GET_ID;
			break;
		case 2:
			cmd = SAMPLE_VM_CREATE_VCPU;
			break;
		default:
			cmd = SAMPLE_VM_CREATE_MEMSLOT;
			u.slot.memfd = table_pick(c, K_MEMFD, &ret);
			u.slot.flags = chance(c, 90) ? 0 : 1;
			u.slot.gpa = rnd(c, 64) * PG + (chance(c, 90) ? 0 : 1);
			u.slot.size = rnd(c, 4) * PG + (chance(c, 90) ? 0 : 1);
			break;
		}
		break;
	case K_VCPU:
		switch (rnd(c, 4)) {
		case 0:
			cmd = SAMPLE_VCPU_SET_REGS;
			break;
		case 1:
			cmd = SAMPLE_VCPU_GET_REGS;
			break;
		case 2:
			cmd = SAMPLE_VCPU_GET_VM_ID;
			break;
		default:
			cmd = SAMPLE_VCPU_RUN;
			/* Mostly stopped: a running one blocks every freeze. */
			u.run = chance(c, 85) ? 0 : chance(c, 60) ? 1 : 2;
			break;
		}
		break;
	case K_MEMSLOT:
		cmd = SAMPLE_MEMSLOT_GET;
		break;
	case K_MEMFD:
		/* A memfd changes size, contents or seals after preserve. */
		switch (rnd(c, 3)) {
		case 0:
			op_begin(c, OP_SAMPLE_IOCTL, "truncate memfd %d", fd);
			op_end(c, ftruncate(fd, rnd(c, 4) * rnd(c, 2 * PG)));
			break;
		case 1:
			op_begin(c, OP_SAMPLE_IOCTL, "write memfd %d", fd);
			op_end(c, pwrite(fd, u.bytes, 1 + rnd(c, 64),
					 rnd(c, 2 * PG)));
			break;
		default:
			op_begin(c, OP_SAMPLE_IOCTL, "seal memfd %d", fd);
			op_end(c, fcntl(fd, F_ADD_SEALS, rnd(c, 32)));
			break;
		}
		return;
	default:
		return;
	}
	l = chance(c, 80) ? L_NORMAL : pick_layout(c);
	p = arena_put(c, l, &u, sizeof(u));
	op_begin(c, OP_SAMPLE_IOCTL, "fd %d(%s) cmd %#lx arg %s", fd,
		 kind_names[kind], cmd, layout_names[l]);
	ret = op_end(c, ioctl(fd, cmd, p));
	if (ret >= 3 && (cmd == SAMPLE_VM_CREATE_VCPU ||
			 cmd == SAMPLE_VM_CREATE_MEMSLOT))
		table_add(c, ret, cmd == SAMPLE_VM_CREATE_VCPU ? K_VCPU :
				  K_MEMSLOT);
}

/* /sys/kernel/liveupdate. */

/*
 * Writes @len bytes of @buf at @off of the sysfs file @path, opened for
 * this write, as one operation of @op whose errno is checked.  Returns
 * the count written or -errno.
 */
static int sysfs_write(struct ctx *c, enum fuzz_op op, const char *path,
		       const void *buf, size_t len, off_t off, enum layout l,
		       const char *what)
{
	const void *p = arena_put(c, l, buf, len);
	int fd, ret;

	op_begin(c, op, "write %s: %s, %zu bytes at %lld, arg %s",
		 strrchr(path, '/') + 1, what, len, (long long)off,
		 layout_names[l]);
	c->cur_check = 1;
	fd = open(path, O_WRONLY | O_CLOEXEC);
	ret = op_end(c, fd < 0 ? -1 : pwrite(fd, p, len, off));
	if (fd >= 0)
		close(fd);
	return ret;
}

static int write_state(struct ctx *c, enum fuzz_op op, const char *what)
{
	return sysfs_write(c, op, LUO_STATE, what, strlen(what), 0, L_NORMAL,
			   what);
}

/* Calls off an update that a write froze, whoever's it was. */
static void unfreeze_if_frozen(struct ctx *c)
{
	char state[32];

	if (!luo_read_state(state, sizeof(state)) && !strcmp(state, "frozen"))
		write_state(c, OP_UNFREEZE, "unfreeze");
}

/*
 * Freezes the update, then calls it off: at once, or after a while for
 * the other threads to run into the frozen state.
 */
static void do_freeze(struct ctx *c)
{
	if (write_state(c, OP_FREEZE, chance(c, 80) ? "freeze" : "freeze\n") < 0)
		return;
	if (chance(c, 60))
		usleep(rnd(c, 30000));
	write_state(c, OP_UNFREEZE, "unfreeze");
}

static void do_unfreeze(struct ctx *c)
{
	write_state(c, OP_UNFREEZE, chance(c, 80) ? "unfreeze" : "unfreeze\n");
}

/* Random things written to the state file, through a bad pointer too. */
static void do_state_write(struct ctx *c)
{
	static const char * const words[] = {
		"freeze", "unfreeze", " freeze", "freeze ", "FREEZE", "frozen",
		"normal", "freez", "unfreezes", "freeze\nunfreeze", "",
		"\n", "unfreeze\0freeze",
	};
	char buf[PG + 16];
	size_t len;
	unsigned int i;
	int fd, kind;
	enum layout l = chance(c, 85) ? L_NORMAL : pick_layout(c);

	switch (rnd(c, 4)) {
	case 0:
		len = 1 + rnd(c, 64);
		for (i = 0; i < len; i++)
			buf[i] = rnd(c, 256);
		break;
	case 1:
		len = chance(c, 50) ? PG - 1 + rnd(c, 3) : rnd(c, PG);
		memset(buf, 'f', len);
		break;
	default:
		i = rnd(c, ARRAY_SIZE(words));
		len = i == ARRAY_SIZE(words) - 1 ? 16 : strlen(words[i]);
		memcpy(buf, words[i], len);
		break;
	}
	if (chance(c, 20)) {
		/* Through a sysfs fd of the table, maybe not the state's. */
		fd = table_pick(c, K_SYSFS, &kind);
		op_begin(c, OP_STATE_WRITE, "write fd %d(%s): %zu bytes",
			 fd, kind_names[kind], len);
		errno = EBADF;
		op_end(c, fd < 3 ? -1 : pwrite(fd, arena_put(c, l, buf, len),
					       len, rnd(c, 3) ? 0 : rnd(c, PG)));
	} else if (sysfs_write(c, OP_STATE_WRITE, LUO_STATE, buf, len, 0, l,
			       "random") < 0) {
		return;
	}
	unfreeze_if_frozen(c);
}

/*
 * target_versions: this kernel's own versions (the set a real update
 * writes), a part of them, nothing, words that are no version, words too
 * long or not printable, more than the kernel takes, a set in two
 * pieces, a piece at an offset nobody expects.
 */
static void do_target_write(struct ctx *c)
{
	const char *path = SYSFS_DIR "/target_versions";
	char buf[2 * PG], *line;
	unsigned int i, kind = rnd(c, 12);
	size_t len = 0, k, off;
	enum layout l = chance(c, 90) ? L_NORMAL : pick_layout(c);
	int fd, fkind;

	switch (kind) {
	case 0:
	case 1:
	case 2:
	case 3:
		sysfs_write(c, OP_TARGET_WRITE, path, versions_text,
			    versions_len < PG ? versions_len : PG, 0, l,
			    "this kernel's versions");
		return;
	case 4:
		/* Some lines of this kernel's versions. */
		for (line = versions_text; line && *line && len < PG - 64;) {
			k = strcspn(line, "\n") + 1;
			if (chance(c, 60) && len + k < sizeof(buf)) {
				memcpy(buf + len, line, k);
				len += k;
			}
			line += k;
			if (line >= versions_text + versions_len)
				break;
		}
		sysfs_write(c, OP_TARGET_WRITE, path, buf, len, 0, l,
			    "some of this kernel's versions");
		return;
	case 5:
		sysfs_write(c, OP_TARGET_WRITE, path, "\n", 1, 0, l, "nothing");
		return;
	case 6:
		len = snprintf(buf, sizeof(buf), "sample-vm-v%u fz-v1 x\tsample-note-v%u\n",
			       (unsigned int)rnd(c, 4), (unsigned int)rnd(c, 4));
		sysfs_write(c, OP_TARGET_WRITE, path, buf, len, 0, l, "words");
		return;
	case 7:
		/* Around the longest a version may be (47), and far over. */
		len = chance(c, 50) ? 46 + rnd(c, 6) : 100 + rnd(c, 200);
		memset(buf, 'v', len);
		sysfs_write(c, OP_TARGET_WRITE, path, buf, len, 0, l,
			    "a long word");
		return;
	case 8:
		len = 1 + rnd(c, 64);
		for (i = 0; i < len; i++)
			buf[i] = rnd(c, 256);
		sysfs_write(c, OP_TARGET_WRITE, path, buf, len, 0, l, "bytes");
		return;
	case 9:
		/*
		 * Past the kernel's limit: sysfs takes a page per write, the
		 * next ones continue at the file position.
		 */
		op_begin(c, OP_TARGET_WRITE, "write target_versions: %zu bytes, page by page",
			 sizeof(big_text));
		c->cur_check = 1;
		fd = open(path, O_WRONLY | O_CLOEXEC);
		for (off = 0; fd >= 0 && off < sizeof(big_text); off += len) {
			len = write(fd, big_text + off, sizeof(big_text) - off);
			if ((ssize_t)len <= 0)
				break;
		}
		op_end(c, fd < 0 || (ssize_t)len < 0 ? -1 : (long)off);
		if (fd >= 0)
			close(fd);
		return;
	case 10:
		/* One set in two pieces, the second where the first ended. */
		k = versions_len ? rnd(c, versions_len) : 0;
		if (sysfs_write(c, OP_TARGET_WRITE, path, versions_text, k, 0,
				L_NORMAL, "first piece") < 0 || !k)
			return;
		op_begin(c, OP_TARGET_WRITE, "write target_versions: the rest, %zu bytes at %zu",
			 versions_len - k, k);
		c->cur_check = 1;
		fd = open(path, O_WRONLY | O_CLOEXEC);
		op_end(c, fd < 0 ? -1 :
			  pwrite(fd, versions_text + k, versions_len - k, k));
		if (fd >= 0)
			close(fd);
		return;
	default:
		off = chance(c, 50) ? rnd(c, 4 * PG) : (1ULL << 40);
		if (chance(c, 30)) {
			fd = table_pick(c, K_SYSFS, &fkind);
			op_begin(c, OP_TARGET_WRITE, "write fd %d(%s): versions at %zu",
				 fd, kind_names[fkind], off);
			errno = EBADF;
			op_end(c, fd < 3 ? -1 : pwrite(fd, versions_text,
						       versions_len, off));
			return;
		}
		sysfs_write(c, OP_TARGET_WRITE, path, versions_text,
			    versions_len, off, l, "at an offset");
		return;
	}
}

/* A buffer for the largest read, per thread. */
static __thread char read_buf[65536 + 64];

/* Every sysfs file read, at any offset, any length, into any buffer. */
static void do_sysfs_read(struct ctx *c)
{
	static const long long offsets[] = { 0, 0, 0, 1, 7, 4095, 4096, 65536,
					     1LL << 40, -1 };
	static const size_t lens[] = { 0, 1, 16, 4096, 4096, 65536 };
	char *buf = read_buf;
	const char *path = sysfs_files[rnd(c, nr_sysfs)];
	long long off = offsets[rnd(c, ARRAY_SIZE(offsets))];
	size_t len = lens[rnd(c, ARRAY_SIZE(lens))];
	enum layout l = chance(c, 85) ? L_NORMAL : pick_layout(c);
	int fd, kind, check = 1;
	void *p = buf;

	if (l != L_NORMAL) {
		p = arena_put(c, l, buf, 0);
		if (len > PG)
			len = PG;
	}
	if (chance(c, 25)) {
		fd = table_pick(c, K_SYSFS, &kind);
		if (fd < 3)
			return;
		check = 0;
		path = "a sysfs fd of the table";
	}
	op_begin(c, OP_SYSFS_READ, "read %s: %zu bytes at %lld, into %s",
		 strrchr(path, '/') ? strrchr(path, '/') + 1 : path, len, off,
		 layout_names[l]);
	c->cur_check = check;
	if (check)
		fd = open(path, O_RDONLY | O_CLOEXEC);
	op_end(c, fd < 0 ? -1 : pread(fd, p, len, off));
	if (check && fd >= 0)
		close(fd);
}

/*
 * The file operations a LUO fd has not: read, write, mmap, poll, seek,
 * stat, on any fd of the table.  stdin, stdout and stderr are left
 * alone: a read of the console would wait, a write would go into the
 * results.
 */
static void do_file_ops(struct ctx *c)
{
	static const enum kind kinds[] = { K_SESSION, K_DEV, K_NONE };
	struct pollfd pfd;
	struct stat st;
	char buf[64] = "fuzz";
	int fd, kind, n;
	void *m;

	fd = table_pick(c, kinds[rnd(c, ARRAY_SIZE(kinds))], &kind);
	if (fd < 3)
		return;
	switch (rnd(c, 8)) {
	case 0:
		op_begin(c, OP_FILE_OPS, "read fd %d(%s)", fd, kind_names[kind]);
		op_end(c, read(fd, buf, rnd(c, sizeof(buf))));
		break;
	case 1:
		op_begin(c, OP_FILE_OPS, "write fd %d(%s)", fd, kind_names[kind]);
		op_end(c, write(fd, buf, rnd(c, sizeof(buf))));
		break;
	case 2:
		op_begin(c, OP_FILE_OPS, "mmap fd %d(%s)", fd, kind_names[kind]);
		m = mmap(NULL, PG, PROT_READ, MAP_SHARED, fd, 0);
		op_end(c, m == MAP_FAILED ? -1 : 0);
		if (m != MAP_FAILED)
			munmap(m, PG);
		break;
	case 3:
		pfd.fd = fd;
		pfd.events = POLLIN | POLLOUT | POLLPRI;
		op_begin(c, OP_FILE_OPS, "poll fd %d(%s)", fd, kind_names[kind]);
		op_end(c, poll(&pfd, 1, 0));
		break;
	case 4:
		op_begin(c, OP_FILE_OPS, "seek fd %d(%s)", fd, kind_names[kind]);
		op_end(c, lseek(fd, rnd(c, 2) ? 0 : rnd64(c) >> 2, SEEK_SET));
		break;
	case 5:
		op_begin(c, OP_FILE_OPS, "fstat fd %d(%s)", fd, kind_names[kind]);
		op_end(c, fstat(fd, &st));
		break;
	case 6:
		op_begin(c, OP_FILE_OPS, "FIONREAD fd %d(%s)", fd,
			 kind_names[kind]);
		op_end(c, ioctl(fd, FIONREAD, &n));
		break;
	default:
		op_begin(c, OP_FILE_OPS, "FIOCLEX fd %d(%s)", fd,
			 kind_names[kind]);
		op_end(c, ioctl(fd, FIOCLEX));
		break;
	}
}

static void run_op(struct ctx *c, enum fuzz_op op)
{
	switch (op) {
	case OP_DEV_OPEN:
		do_dev_open(c);
		break;
	case OP_CREATE_SESSION:
	case OP_RETRIEVE_SESSION:
		do_open_session(c, op);
		break;
	case OP_PRESERVE_FD:
		do_preserve(c);
		break;
	case OP_RETRIEVE_FD:
		do_retrieve_fd(c);
		break;
	case OP_FINISH:
		do_finish(c);
		break;
	case OP_GET_NAME:
		do_get_name(c);
		break;
	case OP_UNKNOWN_IOCTL:
		do_unknown_ioctl(c);
		break;
	case OP_CLOSE:
		do_close(c);
		break;
	case OP_DUP:
		do_dup(c);
		break;
	case OP_MAKE_FILE:
		do_make_file(c);
		break;
	case OP_FD_PASS:
		do_fd_pass(c);
		break;
	case OP_SAMPLE_SETUP:
	case OP_SAMPLE_PRESERVE:
		do_sample_chain(c);
		break;
	case OP_SAMPLE_IOCTL:
		do_sample_ioctl(c);
		break;
	case OP_FREEZE:
		do_freeze(c);
		break;
	case OP_UNFREEZE:
		do_unfreeze(c);
		break;
	case OP_STATE_WRITE:
		do_state_write(c);
		break;
	case OP_TARGET_WRITE:
		do_target_write(c);
		break;
	case OP_SYSFS_READ:
		do_sysfs_read(c);
		break;
	case OP_FILE_OPS:
	default:
		do_file_ops(c);
		break;
	}
}

/* The workers. */

static void *worker_thread(void *arg)
{
	struct ctx *c = arg;
	struct thread_slot *ts = c->ts;
	int err;

	ts->tid = gettid();
	__atomic_store_n(&ts->last_ns, luo_now_ns(), __ATOMIC_RELAXED);
	__atomic_store_n(&ts->state, 1, __ATOMIC_RELEASE);
	err = arena_init(c, c->proc * opt_threads + c->thread);
	if (err)
		fprintf(stderr, "luo_fuzz: proc %u thread %u: no argument arena: %s\n",
			c->proc, c->thread, strerror(-err));
	while (!err && !__atomic_load_n(&sh->stop, __ATOMIC_RELAXED) &&
	       luo_now_ns() < sh->deadline_ns)
		run_op(c, pick_weighted(c, op_weight, NR_OPS));
	__atomic_store_n(&ts->state, 2, __ATOMIC_RELEASE);
	return NULL;
}

/*
 * One worker runs without CAP_SYS_ADMIN: it cannot open /dev/liveupdate,
 * but may be passed one, and sessions.
 */
static void drop_sys_admin(void)
{
	struct __user_cap_header_struct h = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct d[2];
	__u32 bit = 1u << (CAP_SYS_ADMIN % 32);

	if (syscall(SYS_capget, &h, d))
		return;
	d[CAP_SYS_ADMIN / 32].effective &= ~bit;
	d[CAP_SYS_ADMIN / 32].permitted &= ~bit;
	d[CAP_SYS_ADMIN / 32].inheritable &= ~bit;
	if (syscall(SYS_capset, &h, d))
		fprintf(stderr, "luo_fuzz: capset: %s\n", strerror(errno));
}

/*
 * @dev: /dev/liveupdate, opened by the parent for every worker to start
 * with (one process at a time may open it), or -errno.
 */
static __noreturn void worker_process(unsigned int p, int dev)
{
	struct ctx ctx[MAX_THREADS];
	pthread_t t[MAX_THREADS];
	struct proc pr = { 0 };
	unsigned int i, started = 0;

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	signal(SIGPIPE, SIG_IGN);
	/*
	 * The parent's kernel log is not the workers' to read, seek or
	 * pass around: a record they took would be one it never saw.
	 */
	if (kmsg_fd >= 0)
		close(kmsg_fd);
	/* Below the parent, which must see splats and hangs as they come. */
	setpriority(PRIO_PROCESS, 0, 5);
	if (opt_procs >= 3 && p == opt_procs - 1)
		drop_sys_admin();
	pthread_mutex_init(&pr.lock, NULL);
	for (i = 0; i < NR_SLOTS; i++)
		pr.slot[i].fd = -1;
	if (dev >= 0) {
		pr.slot[0].fd = dev;
		pr.slot[0].kind = K_DEV;
	}
	for (i = 0; i < opt_threads; i++) {
		struct thread_slot *ts = &sh->th[p * opt_threads + i];

		ts->pid = getpid();
		ctx[i] = (struct ctx){
			.p = &pr, .ts = ts, .proc = p, .thread = i,
			.rng = ts->seed,
		};
		if (pthread_create(&t[i], NULL, worker_thread, &ctx[i])) {
			fprintf(stderr, "luo_fuzz: proc %u: pthread_create: %s\n",
				p, strerror(errno));
			break;
		}
		started++;
	}
	for (i = 0; i < started; i++)
		pthread_join(t[i], NULL);
	_exit(started == opt_threads ? 0 : 1);
}

/* The parent: what it knows of the workers and of the kernel. */

static pid_t worker_pid[MAX_PROCS];
static int worker_status[MAX_PROCS];
static bool worker_done[MAX_PROCS], worker_killed[MAX_PROCS];
static __u64 worker_killed_ns[MAX_PROCS];
static unsigned int hangs;
static char hang_line[200];

static unsigned int splats;
static char splat_lines[SPLAT_LINES][256];
static unsigned int echo_lines;
static bool in_kmemleak_scan;

/* The rings, copied when something went wrong, and why. */
static struct thread_slot *snap;
static int snap_prio;
static __u64 snap_ns;
static char snap_why[160];

static char initial_target[PG];
static size_t initial_target_len;
static int saved_loglevel = -1;

/* What the kernel says when it found something wrong with itself. */
static const char * const splat_words[] = {
	"BUG:", "WARNING:", "KASAN", "UBSAN", "lockdep", "possible circular",
	"possible recursive", "inconsistent lock", "suspicious RCU",
	"INFO: task", "blocked for more than", "Oops", "general protection",
	"Kernel panic", "list_add corruption", "list_del corruption",
	"refcount_t:", "stack-protector", "double fault",
	"detected stall", "self-detected stall", "hard LOCKUP",
	"soft lockup",
};

static bool is_splat(const char *text)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(splat_words); i++)
		if (strstr(text, splat_words[i]))
			return true;
	/* Those of our own scan at the end are no-kmemleak's. */
	return strstr(text, "kmemleak") && strstr(text, "suspected") &&
	       !in_kmemleak_scan;
}

/*
 * Reads what the kernel logged since; returns the splats among it.  The
 * lines copied to stderr carry the record's time, as seconds since boot,
 * like the rings' (CLOCK_MONOTONIC, nearly the same clock).
 */
static unsigned int kmsg_drain(void)
{
	char rec[8192], line[300], *text, *end;
	unsigned long long us = 0;
	unsigned int found = 0;
	ssize_t n;

	while (kmsg_fd >= 0) {
		n = read(kmsg_fd, rec, sizeof(rec) - 1);
		if (n < 0 && errno == EPIPE)
			continue;	/* overwritten before it was read */
		if (n <= 0)
			break;
		rec[n] = '\0';
		text = strchr(rec, ';');
		if (!text)
			continue;
		text++;
		end = strchr(text, '\n');
		if (end)
			*end = '\0';
		if (sscanf(rec, "%*u,%*u,%llu", &us) != 1)
			us = 0;
		snprintf(line, sizeof(line), "luo_fuzz: kernel %5llu.%06llu: %s",
			 us / 1000000, us % 1000000, text);
		if (is_splat(text)) {
			if (splats < SPLAT_LINES)
				snprintf(splat_lines[splats],
					 sizeof(splat_lines[0]), "%s", text);
			splats++;
			found++;
			fprintf(stderr, "%s\n", line);
			/* Below the console's level: the trace is ours to copy. */
			echo_lines = saved_loglevel >= 0 ? 80 : 0;
		} else if (echo_lines) {
			echo_lines--;
			fprintf(stderr, "%s\n", line);
		}
	}
	return found;
}

/*
 * Copies the rings, with every worker stopped for the moment, so that
 * they show what ran when it happened.  A splat or a hang (@prio 2)
 * takes the place of an unexpected result's copy (1).
 */
static void snapshot(int prio, const char *why)
{
	unsigned int i;

	if (snap_prio >= prio)
		return;
	for (i = 0; i < opt_procs; i++)
		if (!worker_done[i])
			kill(worker_pid[i], SIGSTOP);
	usleep(100000);
	if (!snap)
		snap = malloc(sizeof(sh->th));
	if (snap)
		memcpy(snap, sh->th, sizeof(sh->th));
	snap_ns = luo_now_ns();
	snap_prio = prio;
	snprintf(snap_why, sizeof(snap_why), "%s", why);
	for (i = 0; i < opt_procs; i++)
		if (!worker_done[i])
			kill(worker_pid[i], SIGCONT);
}

static void print_file(const char *path, const char *prefix)
{
	char buf[4096], *line, *save;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return;
	buf[n] = '\0';
	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save))
		fprintf(stderr, "%s%s\n", prefix, line);
}

static const struct ring_entry *last_entry(const struct thread_slot *ts)
{
	return ts->head ? &ts->ring[(ts->head - 1) % RING_LEN] : NULL;
}

/*
 * A thread that made no progress for --hang seconds: say where it is,
 * have the kernel show its blocked tasks, kill its process.
 */
static void watchdog(__u64 now)
{
	const struct ring_entry *e;
	struct thread_slot *ts;
	unsigned int p, t;
	char path[96];

	for (p = 0; p < opt_procs; p++) {
		if (worker_done[p] || worker_killed[p])
			continue;
		for (t = 0; t < opt_threads; t++) {
			ts = &sh->th[p * opt_threads + t];
			/* Signed: the thread may have moved on since @now. */
			if (__atomic_load_n(&ts->state, __ATOMIC_ACQUIRE) != 1 ||
			    (__s64)(now - __atomic_load_n(&ts->last_ns,
							  __ATOMIC_RELAXED)) <
			    (__s64)opt_hang * 1000000000LL)
				continue;
			e = last_entry(ts);
			snprintf(hang_line, sizeof(hang_line),
				 "proc %u thread %u (tid %d) made no progress for %u s; its last operation: %s: %s%s",
				 p, t, ts->tid, opt_hang,
				 e ? op_names[e->op] : "none",
				 e ? e->what : "", e && !e->done ? " (running)" : "");
			hangs++;
			fprintf(stderr, "luo_fuzz: hang: %s\n", hang_line);
			snprintf(path, sizeof(path), "/proc/%d/task/%d/stack",
				 ts->pid, ts->tid);
			print_file(path, "luo_fuzz:   stack: ");
			snprintf(path, sizeof(path), "/proc/%d/task/%d/wchan",
				 ts->pid, ts->tid);
			print_file(path, "luo_fuzz:   wchan: ");
			snapshot(2, "a worker hung");
			print_file("/proc/loadavg", "luo_fuzz:   loadavg: ");
			if (access("/proc/sysrq-trigger", W_OK) == 0) {
				int fd = open("/proc/sysrq-trigger", O_WRONLY);

				if (fd >= 0) {
					if (write(fd, "w", 1) != 1)
						fprintf(stderr, "luo_fuzz: sysrq: %s\n",
							strerror(errno));
					close(fd);
				}
			}
			kill(worker_pid[p], SIGKILL);
			worker_killed[p] = true;
			worker_killed_ns[p] = now;
			break;
		}
	}
}

static unsigned int reap(void)
{
	unsigned int p, left = 0;
	pid_t pid;
	int st;

	while ((pid = waitpid(-1, &st, WNOHANG)) > 0)
		for (p = 0; p < opt_procs; p++)
			if (worker_pid[p] == pid) {
				worker_done[p] = true;
				worker_status[p] = st;
			}
	for (p = 0; p < opt_procs; p++)
		left += !worker_done[p];
	return left;
}

static __u64 total_bad(void)
{
	__u64 n = 0;
	unsigned int op;

	for (op = 0; op < NR_OPS; op++)
		n += __atomic_load_n(&sh->bad[op], __ATOMIC_RELAXED);
	return n;
}

/* Watches the workers until they are all gone, or given up on. */
static void monitor(void)
{
	struct pollfd pfd = { .fd = kmsg_fd, .events = POLLIN };
	__u64 now, bad = 0, stop_ns = 0;
	unsigned int p, left;
	bool stuck;

	for (;;) {
		poll(&pfd, kmsg_fd >= 0, 200);
		if (kmsg_drain()) {
			snapshot(2, "the kernel reported a splat");
			/* What follows a splat is not worth fuzzing. */
			sh->stop = 1;
		}
		if (total_bad() != bad) {
			bad = total_bad();
			snapshot(1, "an unexpected result");
		}
		left = reap();
		if (!left)
			return;
		now = luo_now_ns();
		if (!stop_ns && (sh->stop || now >= sh->deadline_ns)) {
			sh->stop = 1;
			stop_ns = now;
		}
		watchdog(now);
		/* A killed worker stuck in the kernel is never reaped. */
		stuck = true;
		for (p = 0; p < opt_procs; p++)
			if (!worker_done[p] &&
			    (!worker_killed[p] ||
			     now - worker_killed_ns[p] < 15000000000ULL))
				stuck = false;
		if (stuck) {
			fprintf(stderr, "luo_fuzz: %u killed worker(s) stuck in the kernel\n",
				left);
			return;
		}
	}
}

/* The helper children of the end of the run. */

/* Adds a line to sh->report, which the parent prints as diagnostics. */
static __printf(1, 2) void report(const char *fmt, ...)
{
	size_t len = strlen(sh->report), room = sizeof(sh->report) - len;
	va_list ap;
	int n;

	if (room < 2)
		return;
	va_start(ap, fmt);
	n = vsnprintf(sh->report + len, room - 1, fmt, ap);
	va_end(ap);
	len += n < (int)(room - 1) ? (size_t)n : room - 2;
	sh->report[len++] = '\n';
	sh->report[len] = '\0';
}

static int write_all(const char *path, const char *buf, size_t len)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC), err = 0;

	if (fd < 0)
		return -errno;
	if (write(fd, buf, len) != (ssize_t)len)
		err = errno ? -errno : -EIO;
	close(fd);
	return err;
}

/*
 * Runs @fn in a child, for at most @seconds, reading the kernel log
 * meanwhile.  Returns its exit status, or -1 when it had to be killed.
 */
static int run_child(int (*fn)(void), unsigned int seconds, const char *what)
{
	__u64 end = luo_now_ns() + seconds * 1000000000ULL;
	pid_t pid;
	int st;

	sh->report[0] = '\0';
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0)
		return -1;
	if (!pid) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		_exit(fn());
	}
	for (;;) {
		if (waitpid(pid, &st, WNOHANG) == pid)
			return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
		kmsg_drain();
		if (luo_now_ns() > end) {
			fprintf(stderr, "luo_fuzz: %s took more than %u s: killed\n",
				what, seconds);
			kill(pid, SIGKILL);
			report("%s did not finish in %u s", what, seconds);
			return -1;
		}
		usleep(100000);
	}
}

/*
 * What the run must leave: no update frozen, target_versions as it was,
 * and a live update that still works: a session, a file preserved in it,
 * a freeze, called off.  The workers' files may take a moment to go (a
 * socket passed over itself waits for the garbage collector): the device
 * and the freeze are tried for a while.
 */
static int cleanup_child(void)
{
	const char *target = SYSFS_DIR "/target_versions";
	int err, dev = -EBUSY, s, fd, i, ok = 1;
	char state[32];
	__u64 ns;

	err = write_all(LUO_STATE, "unfreeze", 8);
	if (err) {
		report("unfreeze: %s", strerror(-err));
		ok = 0;
	}
	err = initial_target_len ?
	      write_all(target, initial_target, initial_target_len) :
	      write_all(target, "\n", 1);
	if (err) {
		report("target_versions not restored: %s", strerror(-err));
		ok = 0;
	}
	err = luo_read_state(state, sizeof(state));
	if (err || strcmp(state, "normal")) {
		report("state: %s", err ? strerror(-err) : state);
		ok = 0;
	}
	for (i = 0; i < 100 && dev == -EBUSY; i++) {
		dev = luo_open_dev();
		if (dev == -EBUSY)
			usleep(100000);
	}
	if (dev < 0) {
		report("%s: %s", LUO_DEV, luo_strerror(dev));
		return 1;
	}
	s = luo_create_session(dev, "luo-fuzz-check");
	if (s < 0) {
		report("create session: %s", luo_strerror(s));
		return 1;
	}
	fd = open("/dev/luo_sample_counter", O_RDWR | O_CLOEXEC);
	if (fd < 0)
		fd = memfd_create("luo-fuzz-check", MFD_CLOEXEC);
	err = luo_preserve_fd(s, fd, 1);
	if (err) {
		report("preserve: %s", luo_strerror(err));
		ok = 0;
	}
	for (i = 0; i < 10; i++) {
		err = luo_freeze(&ns);
		if (err != -EBUSY)
			break;
		sleep(1);
	}
	if (err) {
		report("freeze: %s", luo_strerror(err));
		ok = 0;
	} else {
		report("froze with a session of a file, called it off: the update works");
	}
	err = write_all(LUO_STATE, "unfreeze", 8);
	if (!err)
		err = luo_read_state(state, sizeof(state));
	if (err || strcmp(state, "normal")) {
		report("after the check: state %s", err ? strerror(-err) : state);
		ok = 0;
	}
	close(fd);
	close(s);
	close(dev);
	return !ok;
}

/*
 * A kmemleak scan: the second of two scans 6 s apart reports what the
 * first found unreferenced and is older than 5 s, i.e. everything the
 * run leaked.  77: no kmemleak.
 */
static int kmemleak_child(void)
{
	static char buf[1 << 16];
	char *line, *save;
	unsigned int leaks = 0, lines = 0;
	ssize_t n;
	int fd, err;

	if (access(KMEMLEAK, F_OK))
		mount("debugfs", "/sys/kernel/debug", "debugfs", 0, NULL);
	if (access(KMEMLEAK, F_OK)) {
		report("no %s", KMEMLEAK);
		return 77;
	}
	err = write_all(KMEMLEAK, "scan", 4);
	if (!err) {
		sleep(6);
		err = write_all(KMEMLEAK, "scan", 4);
	}
	if (err) {
		report("scan: %s (kmemleak turned itself off?)", strerror(-err));
		return 1;
	}
	fd = open(KMEMLEAK, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		report("%s: %s", KMEMLEAK, strerror(errno));
		return 1;
	}
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (strstr(line, "unreferenced object"))
			leaks++;
		if (lines++ < 40)
			fprintf(stderr, "luo_fuzz: kmemleak: %s\n", line);
	}
	report("%u unreferenced object(s)", leaks);
	return leaks ? 1 : 0;
}

/* Prints the helper's report as diagnostics. */
static void print_report(void)
{
	char *line, *save;

	for (line = strtok_r(sh->report, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save))
		ktap_print_msg("  %s", line);
}

/* The end of the run. */

static const char *result_text(const struct ring_entry *e, char *buf,
			       size_t len)
{
	if (!e->done)
		return "(running)";
	if (e->ret < 0)
		return errname(-e->ret);
	snprintf(buf, len, "%d", e->ret);
	return buf;
}

static void print_rings(const struct thread_slot *th, __u64 at,
			const char *why)
{
	const struct thread_slot *ts;
	const struct ring_entry *e;
	unsigned int i, j, n;
	char res[16];

	fprintf(stderr, "luo_fuzz: the last operations of every thread when %s (seed %llu):\n",
		why, (unsigned long long)opt_seed);
	for (i = 0; i < opt_procs * opt_threads; i++) {
		ts = &th[i];
		fprintf(stderr,
			"luo_fuzz: proc %u thread %u tid %d seed %#llx: %llu ops, %.3f s ago\n",
			i / opt_threads, i % opt_threads, ts->tid,
			(unsigned long long)ts->seed,
			(unsigned long long)ts->ops,
			ts->last_ns ? (__s64)(at - ts->last_ns) / 1e9 : 0.0);
		n = ts->head < RING_LEN ? ts->head : RING_LEN;
		for (j = ts->head - n; j < ts->head; j++) {
			e = &ts->ring[j % RING_LEN];
			fprintf(stderr, "luo_fuzz:   #%-8llu %5llu.%06llu %-16s %s -> %s, %u us\n",
				(unsigned long long)e->seq,
				(unsigned long long)(e->t_ns / 1000000000ULL),
				(unsigned long long)(e->t_ns % 1000000000ULL / 1000),
				op_names[e->op < NR_OPS ? e->op : 0], e->what,
				result_text(e, res, sizeof(res)), e->us);
		}
	}
}

struct count {
	unsigned int err;
	__u64 n;
};

static int count_cmp(const void *a, const void *b)
{
	const struct count *x = a, *y = b;

	return x->n < y->n ? 1 : x->n > y->n ? -1 : 0;
}

/* "EINVAL 123, EFAULT 45, ..." of @per, by count, into @buf. */
static void errno_list(const __u64 *per, __u64 total, char *buf, size_t len)
{
	struct count c[ERRNO_BUCKETS];
	unsigned int i, n = 0;
	size_t used = 0;

	buf[0] = '\0';
	for (i = 1; i < ERRNO_BUCKETS; i++)
		if (per[i])
			c[n++] = (struct count){ i, per[i] };
	qsort(c, n, sizeof(c[0]), count_cmp);
	for (i = 0; i < n && used < len; i++)
		used += snprintf(buf + used, len - used, "%s%s %llu (%.1f%%)",
				 i ? ", " : "",
				 c[i].err == ERRNO_BUCKETS - 1 ? "other" :
				 errname(c[i].err),
				 (unsigned long long)c[i].n,
				 100.0 * c[i].n / (total ? total : 1));
}

static __u64 op_calls(unsigned int op)
{
	__u64 n = 0;
	unsigned int i;

	for (i = 0; i < ERRNO_BUCKETS; i++)
		n += sh->stats[op][i];
	return n;
}

static void print_stats(__u64 ns)
{
	__u64 all[ERRNO_BUCKETS] = { 0 }, total = 0, calls;
	unsigned int op, i;
	char list[1024];

	for (op = 0; op < NR_OPS; op++) {
		total += op_calls(op);
		for (i = 0; i < ERRNO_BUCKETS; i++)
			all[i] += sh->stats[op][i];
	}
	ktap_print_msg("%llu operations in %.1f s, %.0f a second; by class (calls, ok, errnos):",
		       (unsigned long long)total, ns / 1e9,
		       total / (ns / 1e9 ? ns / 1e9 : 1));
	for (op = 0; op < NR_OPS; op++) {
		calls = op_calls(op);
		errno_list(sh->stats[op], calls, list, sizeof(list));
		ktap_print_msg("  %-16s %8llu %8llu  %s", op_names[op],
			       (unsigned long long)calls,
			       (unsigned long long)sh->stats[op][0], list);
	}
	errno_list(all, total, list, sizeof(list));
	ktap_print_msg("errnos of all operations: ok %llu (%.1f%%), %s",
		       (unsigned long long)all[0],
		       100.0 * all[0] / (total ? total : 1), list);
}

static __noreturn void print_usage(void)
{
	fprintf(stderr,
		"usage: luo_fuzz [--seed N] [--seconds S] [--procs P] [--threads T]\n"
		"                [--hang S] [--console-loglevel N]\n");
	exit(2);
}

static unsigned long parse_number(const char *s, unsigned long min,
				  unsigned long max)
{
	unsigned long n;
	char *end;

	errno = 0;
	n = strtoul(s, &end, 0);
	if (!*s || *end || errno || n < min || n > max) {
		fprintf(stderr, "luo_fuzz: %s: not a number from %lu to %lu\n",
			s, min, max);
		exit(2);
	}
	return n;
}

static void parse_args(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "seed", required_argument, NULL, 's' },
		{ "seconds", required_argument, NULL, 'S' },
		{ "procs", required_argument, NULL, 'p' },
		{ "threads", required_argument, NULL, 't' },
		{ "hang", required_argument, NULL, 'H' },
		{ "console-loglevel", required_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ }
	};
	bool seeded = false;
	char *end;
	int o;

	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (o) {
		case 's':
			errno = 0;
			opt_seed = strtoull(optarg, &end, 0);
			if (!*optarg || *end || errno)
				print_usage();
			seeded = true;
			break;
		case 'S':
			opt_seconds = parse_number(optarg, 1, 7 * 24 * 3600);
			break;
		case 'p':
			opt_procs = parse_number(optarg, 1, MAX_PROCS);
			break;
		case 't':
			opt_threads = parse_number(optarg, 1, MAX_THREADS);
			break;
		case 'H':
			opt_hang = parse_number(optarg, 1, 3600);
			break;
		case 'l':
			opt_loglevel = parse_number(optarg, 1, 8);
			break;
		default:
			print_usage();
		}
	}
	if (optind != argc)
		print_usage();
	if (!seeded)
		opt_seed = mix64(luo_now_ns() ^ ((__u64)getpid() << 32)) >> 1;
}

/* Reads up to @len - 1 bytes of @path, NUL-terminated; the count or -1. */
static ssize_t read_text(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n, total = 0;

	if (fd < 0)
		return -1;
	while ((size_t)total < len - 1 &&
	       (n = read(fd, buf + total, len - 1 - total)) > 0)
		total += n;
	close(fd);
	buf[total] = '\0';
	return total;
}

/* What the run needs of the system, found before any worker starts. */
static void setup(void)
{
	static char versions[PG];
	struct dirent *d;
	char level[32];
	ssize_t n;
	DIR *dir;
	size_t i;

	if (access(LUO_DEV, F_OK))
		ktap_exit_fail_msg("no %s: is the orchestrator loaded?", LUO_DEV);
	dir = opendir(SYSFS_DIR);
	if (!dir)
		ktap_exit_fail_msg("%s: %s", SYSFS_DIR, strerror(errno));
	while ((d = readdir(dir)) && nr_sysfs < MAX_SYSFS) {
		if (d->d_name[0] == '.')
			continue;
		snprintf(sysfs_files[nr_sysfs++], sizeof(sysfs_files[0]),
			 "%s/%.64s", SYSFS_DIR, d->d_name);
	}
	closedir(dir);
	if (!nr_sysfs)
		ktap_exit_fail_msg("%s is empty", SYSFS_DIR);
	n = read_text(SYSFS_DIR "/versions", versions, sizeof(versions));
	versions_text = versions;
	versions_len = n > 0 ? n : 0;
	n = read_text(SYSFS_DIR "/target_versions", initial_target,
		      sizeof(initial_target));
	initial_target_len = n > 0 ? n : 0;
	for (i = 0; i < sizeof(big_text); i++)
		big_text[i] = i % 48 == 47 ? '\n' : 'a' + i % 26;

	kmsg_fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (kmsg_fd >= 0)
		lseek(kmsg_fd, 0, SEEK_END);
	if (opt_loglevel >= 0 &&
	    read_text("/proc/sys/kernel/printk", level, sizeof(level)) > 0) {
		saved_loglevel = atoi(level);
		snprintf(level, sizeof(level), "%d", opt_loglevel);
		if (write_all("/proc/sys/kernel/printk", level, strlen(level)))
			saved_loglevel = -1;
	}
	ktap_print_msg("%u sysfs files, %zu bytes of versions, target_versions %s",
		       nr_sysfs, versions_len,
		       initial_target_len ? "set" : "not set");
}

int main(int argc, char **argv)
{
	unsigned int p, t, op, exercised, crashed = 0;
	int dev, usable, leaks;
	__u64 start, ns;
	char level[16];
	bool problem;

	parse_args(argc, argv);
	/* The plan comes at the end: it counts the classes exercised. */
	ktap_print_header();
	ktap_print_msg("seed %llu (luo_fuzz --seed %llu --seconds %u --procs %u --threads %u)",
		       (unsigned long long)opt_seed,
		       (unsigned long long)opt_seed, opt_seconds, opt_procs,
		       opt_threads);
	fprintf(stderr, "luo_fuzz: seed %llu\n", (unsigned long long)opt_seed);
	setup();

	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	race_page = mmap(NULL, PG, PROT_READ | PROT_WRITE,
			 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED || race_page == MAP_FAILED)
		ktap_exit_fail_msg("mmap: %s", strerror(errno));
	if (socketpair(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0,
		       pass_sock)) {
		ktap_print_msg("no unix sockets (%s): fds pass by pidfd_getfd() only",
			       strerror(errno));
		pass_sock[0] = -1;
		pass_sock[1] = -1;
	}
	sh->procs = opt_procs;
	sh->threads = opt_threads;
	for (p = 0; p < opt_procs; p++)
		for (t = 0; t < opt_threads; t++)
			sh->th[p * opt_threads + t].seed =
				thread_seed(opt_seed, p, t);
	start = luo_now_ns();
	sh->deadline_ns = start + opt_seconds * 1000000000ULL;

	fflush(stdout);
	fflush(stderr);
	/*
	 * Every worker starts with the same /dev/liveupdate, as helpers of
	 * one agent would: all of them create sessions from the start.  Once
	 * they have all closed it, one may open it again.
	 */
	dev = luo_open_dev();
	if (dev < 0)
		ktap_print_msg("%s: %s: the workers start without it", LUO_DEV,
			       luo_strerror(dev));
	for (p = 0; p < opt_procs; p++) {
		worker_pid[p] = fork();
		if (worker_pid[p] < 0)
			ktap_exit_fail_msg("fork: %s", strerror(errno));
		if (!worker_pid[p])
			worker_process(p, dev);
	}
	if (dev >= 0)
		close(dev);
	monitor();
	sh->stop = 1;
	ns = luo_now_ns() - start;

	/* Files in flight between the workers die with the sockets. */
	if (pass_sock[0] >= 0) {
		close(pass_sock[0]);
		close(pass_sock[1]);
	}
	print_stats(ns);

	ktap_print_msg("leaving the system as it was:");
	usable = run_child(cleanup_child, 120, "the final check");
	print_report();
	ktap_print_msg("kmemleak:");
	in_kmemleak_scan = true;
	leaks = run_child(kmemleak_child, 900, "the kmemleak scan");
	print_report();
	in_kmemleak_scan = false;
	kmsg_drain();
	if (saved_loglevel >= 0) {
		snprintf(level, sizeof(level), "%d", saved_loglevel);
		write_all("/proc/sys/kernel/printk", level, strlen(level));
	}

	for (p = 0; p < opt_procs; p++)
		if (!worker_done[p] || !WIFEXITED(worker_status[p]) ||
		    WEXITSTATUS(worker_status[p]))
			crashed++;
	problem = splats || hangs || crashed || usable || (leaks && leaks != 77) ||
		  total_bad();
	if (problem) {
		if (snap)
			print_rings(snap, snap_ns, snap_why);
		else
			print_rings(sh->th, luo_now_ns(), "the run ended");
	}

	for (op = 0, exercised = 0; op < NR_OPS; op++)
		exercised += !!op_calls(op);
	if (exercised < NR_OPS) {
		ktap_print_msg("not exercised:");
		for (op = 0; op < NR_OPS; op++)
			if (!op_calls(op))
				ktap_print_msg("  %s", op_names[op]);
	}
	ktap_set_plan(5 + exercised);
	if (kmsg_fd < 0)
		ktap_test_skip("no-splat", "cannot read /dev/kmsg");
	else if (splats)
		ktap_test_result_why(false, "no-splat", "%u splat line(s), first: %s",
				     splats, splat_lines[0]);
	else
		ktap_test_result(true, "no-splat");
	ktap_test_result_why(!hangs, "no-hang", "%s", hang_line);
	if (leaks == 77)
		ktap_test_skip("no-kmemleak", "no kmemleak in this kernel");
	else
		ktap_test_result_why(!leaks, "no-kmemleak",
				     "kmemleak reported leaks, see stderr");
	for (p = 0; p < opt_procs && crashed; p++)
		if (!worker_done[p])
			ktap_print_msg("worker %u: never exited", p);
		else if (WIFSIGNALED(worker_status[p]))
			ktap_print_msg("worker %u: killed by signal %d%s", p,
				       WTERMSIG(worker_status[p]),
				       worker_killed[p] ? " (by the watchdog)" : "");
		else if (WEXITSTATUS(worker_status[p]))
			ktap_print_msg("worker %u: exit status %d", p,
				       WEXITSTATUS(worker_status[p]));
	ktap_test_result_why(!crashed, "workers-exited",
			     "%u worker(s) did not exit cleanly", crashed);
	ktap_test_result_why(!usable, "system-usable",
			     "the system was not left usable, see above");
	for (op = 0; op < NR_OPS; op++) {
		char name[40];

		if (!op_calls(op))
			continue;
		snprintf(name, sizeof(name), "op-%s", op_names[op]);
		ktap_test_result_why(!sh->bad[op], name,
				     "%llu unexpected result(s), first: %s",
				     (unsigned long long)sh->bad[op],
				     sh->first_bad[op]);
	}
	ktap_finished();
}
