// SPDX-License-Identifier: GPL-2.0
/*
 * Every allocation of every operation failed in turn, on the debug kernel:
 *
 *   e2e_fail_nth before   outgoing side: create a session, preserve (the
 *                         memfd sample's framework glue, and a vCPU of the
 *                         VM sample with its dependency), freeze,
 *                         unfreeze, close a session, write target_versions;
 *                         then the sessions the next kernel works on
 *   e2e_fail_nth after    incoming side: retrieve a session, retrieve a
 *                         file, finish a session
 *
 * For an operation, run N = 1, 2, ...: set up what it needs, write N to
 * /proc/thread-self/fail-nth, run it.  When the Nth fault-injection point
 * (slab or page allocation) was reached, it failed there: the operation
 * must have returned an errno the caller can act on, and left the state as
 * it was: the same operation then succeeds.  Retrieving a file is the
 * exception by design: its failure is sticky (the handler may have
 * consumed part of the state), so a second retrieve must return the same
 * errno and the session must still finish.  When the operation ran to its
 * end without reaching the Nth point, all N - 1 were exercised.  Finally a
 * kmemleak scan must find nothing.
 *
 * One KTAP result per operation, with its number of failure points.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <unistd.h>

#include "ktap.h"
#include "luo_test_util.h"

/* More points than this in one operation: something loops. */
#define FI_MAX_POINTS		200
/* Sessions prepared for each incoming operation: one per failure point. */
#define FI_INCOMING		32
#define FI_VERSIONS		"/sys/kernel/liveupdate/versions"
#define FI_TARGET_VERSIONS	"/sys/kernel/liveupdate/target_versions"
#define FI_KMEMLEAK		"/sys/kernel/debug/kmemleak"

static int fail_nth_fd = -1;
static int dev = -1;

struct fi_ctx {
	int n;		/* the failure point tried */
	int session;
	int file;
	int extra;	/* a file the operation's file depends on */
	int sysfs;	/* the sysfs file it writes */
	struct luo_vm vm;
};

struct fi_op {
	const char *name;
	void (*setup)(struct fi_ctx *c);
	int (*run)(struct fi_ctx *c);
	/* After a failure with @err: the state is as it was. */
	int (*same_state)(struct fi_ctx *c, int err);
	void (*teardown)(struct fi_ctx *c);
	/*
	 * An operation that cannot report a failure (close()) is checked
	 * after every point by @same_state, with err 0.
	 */
	bool check_every_point;
	/* An operation that may allocate nothing (0 points is a pass). */
	bool may_not_allocate;
};

static int sys(int ret)
{
	return ret < 0 ? -errno : ret;
}

static void write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY);

	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		ktap_exit_fail_msg("%s: %s", path, strerror(errno));
	close(fd);
}

/*
 * -errno of writing @text to the sysfs file @fd, opened before (what
 * open() allocates is not the operation's), in one write: the texts here
 * are shorter than the page a sysfs write takes at once.
 */
static int try_write(int fd, const char *text)
{
	ssize_t len = strlen(text);
	int ret = sys(pwrite(fd, text, len, 0));

	if (ret >= 0 && ret != len)
		ktap_exit_fail_msg("short sysfs write: %d of %zd bytes", ret,
				   len);
	return ret < 0 ? ret : 0;
}

static int open_or_die(const char *path)
{
	int fd = open(path, O_WRONLY);

	if (fd < 0)
		ktap_exit_fail_msg("%s: %s", path, strerror(errno));
	return fd;
}

static void set_fail_nth(int n)
{
	char buf[16];
	int len = snprintf(buf, sizeof(buf), "%d", n);

	if (pwrite(fail_nth_fd, buf, len, 0) != len)
		ktap_exit_fail_msg("fail-nth: %s", strerror(errno));
}

/* What is left of the count: 0 when the fault was injected. */
static int fail_nth_left(void)
{
	char buf[16] = "";

	if (pread(fail_nth_fd, buf, sizeof(buf) - 1, 0) <= 0)
		ktap_exit_fail_msg("fail-nth: %s", strerror(errno));
	return atoi(buf);
}

/*
 * fail-nth counts every point, but failslab and fail_page_alloc skip
 * allocations that may sleep (or are small pages) unless told otherwise.
 */
static void setup_fault_injection(void)
{
	static const char * const knobs[][2] = {
		{ "/sys/kernel/debug/failslab/ignore-gfp-wait", "N" },
		{ "/sys/kernel/debug/failslab/verbose", "0" },
		{ "/sys/kernel/debug/fail_page_alloc/ignore-gfp-wait", "N" },
		{ "/sys/kernel/debug/fail_page_alloc/ignore-gfp-highmem", "N" },
		{ "/sys/kernel/debug/fail_page_alloc/min-order", "0" },
		{ "/sys/kernel/debug/fail_page_alloc/verbose", "0" },
	};
	size_t i;

	if (access("/sys/kernel/debug/failslab", F_OK) &&
	    mount("debugfs", "/sys/kernel/debug", "debugfs", 0, NULL))
		ktap_exit_fail_msg("mount debugfs: %s", strerror(errno));
	for (i = 0; i < ARRAY_SIZE(knobs); i++)
		write_file(knobs[i][0], knobs[i][1]);
	fail_nth_fd = open("/proc/thread-self/fail-nth", O_RDWR);
	if (fail_nth_fd < 0)
		ktap_exit_fail_msg("/proc/thread-self/fail-nth: %s",
				   strerror(errno));
}

static int new_memfd(__u64 value)
{
	int fd = memfd_create("fail-nth", MFD_CLOEXEC);

	if (fd < 0 || pwrite(fd, &value, sizeof(value), 0) != sizeof(value))
		ktap_exit_fail_msg("memfd: %s", strerror(errno));
	return fd;
}

static int new_session(const char *what, int n)
{
	char name[64];
	int s;

	snprintf(name, sizeof(name), "fi-%s-%d", what, n);
	s = luo_create_session(dev, name);
	if (s < 0)
		ktap_exit_fail_msg("create session %s: %s", name,
				   luo_strerror(s));
	return s;
}

static void must(int ret, const char *what)
{
	if (ret < 0)
		ktap_exit_fail_msg("%s: %s", what, luo_strerror(ret));
}

static void close_all(struct fi_ctx *c)
{
	if (c->file >= 0)
		close(c->file);
	if (c->extra >= 0)
		close(c->extra);
	if (c->session >= 0)
		close(c->session);
	if (c->sysfs >= 0)
		close(c->sysfs);
}

/* create-session */
static void no_setup(struct fi_ctx *c)
{
}

static int create_run(struct fi_ctx *c)
{
	c->session = luo_create_session(dev, "fi-create");
	return c->session < 0 ? c->session : 0;
}

static int create_again(struct fi_ctx *c, int err)
{
	return !create_run(c);
}

/* preserve-memfd: the framework's glue, the memfd sample's state */
static void preserve_setup(struct fi_ctx *c)
{
	c->session = new_session("preserve", c->n);
	c->file = new_memfd(c->n);
}

static int preserve_run(struct fi_ctx *c)
{
	return luo_preserve_fd(c->session, c->file, 1);
}

static int preserve_again(struct fi_ctx *c, int err)
{
	return !preserve_run(c);
}

/* preserve-vcpu: a LUO_FIELD_DEP() dependency resolved at preserve */
static void vcpu_setup(struct fi_ctx *c)
{
	if (luo_vm_create(dev, false, &c->vm))
		ktap_exit_fail_msg("cannot make the sample VM");
	c->session = c->vm.session;
	c->file = c->vm.vcpu[0];
	c->extra = c->vm.vm;
	close(c->vm.vcpu[1]);
	must(luo_preserve_fd(c->session, c->extra, LUO_TOKEN_VM),
	     "preserve the VM");
}

static int vcpu_run(struct fi_ctx *c)
{
	return luo_preserve_fd(c->session, c->file, LUO_TOKEN_VCPU0);
}

static int vcpu_again(struct fi_ctx *c, int err)
{
	return !vcpu_run(c);
}

/* freeze and unfreeze: every session's files, the image sealed */
static void freeze_setup(struct fi_ctx *c)
{
	preserve_setup(c);
	must(preserve_run(c), "preserve");
	c->sysfs = open_or_die(LUO_STATE);
}

static int freeze_run(struct fi_ctx *c)
{
	return try_write(c->sysfs, "freeze");
}

static int freeze_again(struct fi_ctx *c, int err)
{
	return !freeze_run(c);
}

static void unfreeze_teardown(struct fi_ctx *c)
{
	try_write(c->sysfs, "unfreeze");
	close_all(c);
}

static void unfreeze_setup(struct fi_ctx *c)
{
	freeze_setup(c);
	must(freeze_run(c), "freeze");
}

static int unfreeze_run(struct fi_ctx *c)
{
	return try_write(c->sysfs, "unfreeze");
}

static int unfreeze_again(struct fi_ctx *c, int err)
{
	return !unfreeze_run(c);
}

/* close-session: unpreserves its files; close() cannot fail */
static int close_run(struct fi_ctx *c)
{
	int ret = sys(close(c->session));

	c->session = -1;
	return ret;
}

static int close_done(struct fi_ctx *c, int err)
{
	/* The name and the file are free again. */
	c->session = luo_create_session(dev, "fi-close-again");
	return c->session >= 0 && !luo_preserve_fd(c->session, c->file, 1);
}

/*
 * target-versions: a whole list, taken or not; this kernel's own, as the
 * next kernel is this one.
 */
static char versions[16384];

static void target_setup(struct fi_ctx *c)
{
	int fd = open(FI_VERSIONS, O_RDONLY);
	size_t len = 0;
	ssize_t got = 1;

	/* sysfs gives a page per read(): read to the end. */
	while (fd >= 0 && got > 0 && len < sizeof(versions) - 1) {
		got = read(fd, versions + len, sizeof(versions) - 1 - len);
		len += got > 0 ? got : 0;
	}
	if (fd < 0 || got < 0 || !len || len >= 4096)
		ktap_exit_fail_msg("%s: %zu bytes: %s", FI_VERSIONS, len,
				   strerror(errno));
	versions[len] = '\0';
	close(fd);
	c->sysfs = open_or_die(FI_TARGET_VERSIONS);
}

static int target_run(struct fi_ctx *c)
{
	return try_write(c->sysfs, versions);
}

static int target_again(struct fi_ctx *c, int err)
{
	return !target_run(c);
}

/* Incoming: one prepared session per failure point. */
static void rs_setup(struct fi_ctx *c)
{
	if (c->n > FI_INCOMING)
		ktap_exit_fail_msg("more than %d failure points: prepare more sessions",
				   FI_INCOMING);
}

static int rs_run(struct fi_ctx *c)
{
	char name[64];

	snprintf(name, sizeof(name), "fi-in-rs-%d", c->n);
	c->session = luo_retrieve_session(dev, name);
	return c->session < 0 ? c->session : 0;
}

static int rs_again(struct fi_ctx *c, int err)
{
	return !rs_run(c);
}

static void finish_teardown(struct fi_ctx *c)
{
	if (c->session >= 0)
		must(luo_finish_session(c->session), "finish");
	close_all(c);
}

static int rf_session = -1;

static void rf_setup(struct fi_ctx *c)
{
	rs_setup(c);
}

static int rf_run(struct fi_ctx *c)
{
	c->file = luo_retrieve_fd(rf_session, c->n);
	return c->file < 0 ? c->file : 0;
}

static int rf_sticky(struct fi_ctx *c, int err)
{
	return luo_retrieve_fd(rf_session, c->n) == err;
}

static void fn_setup(struct fi_ctx *c)
{
	char name[64];

	rs_setup(c);
	snprintf(name, sizeof(name), "fi-in-fn-%d", c->n);
	c->session = luo_retrieve_session(dev, name);
	must(c->session, name);
	c->file = luo_retrieve_fd(c->session, 1);
	must(c->file, "retrieve file");
}

static int fn_run(struct fi_ctx *c)
{
	return luo_finish_session(c->session);
}

static int fn_again(struct fi_ctx *c, int err)
{
	return !fn_run(c);
}

static const struct fi_op outgoing[] = {
	{
		.name = "create-session",
		.setup = no_setup,
		.run = create_run,
		.same_state = create_again,
		.teardown = close_all,
	},
	{
		.name = "preserve-memfd",
		.setup = preserve_setup,
		.run = preserve_run,
		.same_state = preserve_again,
		.teardown = close_all,
	},
	{
		.name = "preserve-vcpu",
		.setup = vcpu_setup,
		.run = vcpu_run,
		.same_state = vcpu_again,
		.teardown = close_all,
	},
	{
		.name = "freeze",
		.setup = freeze_setup,
		.run = freeze_run,
		.same_state = freeze_again,
		.teardown = unfreeze_teardown,
	},
	{
		.name = "unfreeze",
		.setup = unfreeze_setup,
		.run = unfreeze_run,
		.same_state = unfreeze_again,
		.teardown = unfreeze_teardown,
	},
	{
		.name = "close-session",
		.setup = freeze_setup,
		.run = close_run,
		.same_state = close_done,
		.teardown = close_all,
		.check_every_point = true,
	},
	{
		.name = "target-versions",
		.setup = target_setup,
		.run = target_run,
		.same_state = target_again,
		.teardown = close_all,
	},
};

static const struct fi_op incoming[] = {
	{
		.name = "retrieve-session",
		.setup = rs_setup,
		.run = rs_run,
		.same_state = rs_again,
		.teardown = finish_teardown,
	},
	{
		.name = "retrieve-file",
		.setup = rf_setup,
		.run = rf_run,
		.same_state = rf_sticky,
		.teardown = close_all,
	},
	{
		.name = "finish-session",
		.setup = fn_setup,
		.run = fn_run,
		.same_state = fn_again,
		.teardown = close_all,
		.may_not_allocate = true,
	},
};

/*
 * Runs @op at failure point 1, 2, ... until it completes untouched.
 * Return: the number of failure points, or -1 (said why).
 */
static int fail_each_point(const struct fi_op *op, int *absorbed)
{
	int n, ret, left;

	*absorbed = 0;
	for (n = 1; n <= FI_MAX_POINTS; n++) {
		struct fi_ctx c = { .n = n, .session = -1, .file = -1,
				    .extra = -1, .sysfs = -1 };

		op->setup(&c);
		set_fail_nth(n);
		ret = op->run(&c);
		left = fail_nth_left();
		set_fail_nth(0);
		if (left) {
			if (!ret && op->check_every_point &&
			    !op->same_state(&c, 0))
				ret = -EPROTO;
			op->teardown(&c);
			if (!ret)
				return n - 1;
			ktap_print_msg("%s: %s with no fault injected",
				       op->name, luo_strerror(ret));
			return -1;
		}
		if (!ret) {
			/* A failure the operation absorbed: its result stands. */
			(*absorbed)++;
			if (op->check_every_point && !op->same_state(&c, 0)) {
				ktap_print_msg("%s: point %d: not as it should be after it",
					       op->name, n);
				op->teardown(&c);
				return -1;
			}
		} else if (ret != -ENOMEM && ret != -ENOSPC) {
			ktap_print_msg("%s: point %d: %s, not ENOMEM",
				       op->name, n, luo_strerror(ret));
			op->teardown(&c);
			return -1;
		} else if (!op->same_state(&c, ret)) {
			ktap_print_msg("%s: point %d: not as before the failure",
				       op->name, n);
			op->teardown(&c);
			return -1;
		}
		op->teardown(&c);
	}
	ktap_print_msg("%s: still failing after %d points", op->name, n - 1);
	return -1;
}

/* Return: the failure points of all @ops. */
static int run_ops(const struct fi_op *ops, size_t nr)
{
	int points, absorbed, all = 0;
	size_t i;

	for (i = 0; i < nr; i++) {
		points = fail_each_point(&ops[i], &absorbed);
		if (points >= 0) {
			ktap_print_msg("%s: %d failure points, %d absorbed",
				       ops[i].name, points, absorbed);
			all += points;
		}
		ktap_test_result_why(points > 0 ||
				     (!points && ops[i].may_not_allocate),
				     ops[i].name, "%d failure points", points);
	}
	return all;
}

/*
 * What leaked before the operations is not theirs: scan, then forget what
 * was reported.
 */
static void kmemleak_baseline(void)
{
	write_file(FI_KMEMLEAK, "scan");
	write_file(FI_KMEMLEAK, "clear");
}

/*
 * kmemleak reports an object unreferenced for 5 s and unchanged since the
 * scan before: wait, scan, wait, scan, then read.
 */
static void no_kmemleak(void)
{
	char buf[4096];
	ssize_t len;
	int fd;

	sleep(6);
	write_file(FI_KMEMLEAK, "scan");
	sleep(6);
	write_file(FI_KMEMLEAK, "scan");
	fd = open(FI_KMEMLEAK, O_RDONLY);
	if (fd < 0)
		ktap_exit_fail_msg("%s: %s", FI_KMEMLEAK, strerror(errno));
	len = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[len > 0 ? len : 0] = '\0';
	ktap_test_result_why(len == 0, "no-kmemleak", "%.300s", buf);
}

static void prepare_incoming(void)
{
	int s, i;

	for (i = 1; i <= FI_INCOMING; i++) {
		s = new_session("in-rs", i);
		must(luo_preserve_fd(s, new_memfd(i), 1), "preserve");
		s = new_session("in-fn", i);
		must(luo_preserve_fd(s, new_memfd(i), 1), "preserve");
	}
	s = new_session("in-rf", 0);
	for (i = 1; i <= FI_INCOMING; i++)
		must(luo_preserve_fd(s, new_memfd(i), i), "preserve");
}

static void stage_before(void)
{
	ktap_print_header();
	ktap_set_plan(ARRAY_SIZE(outgoing) + 2);
	dev = luo_open_dev();
	must(dev, LUO_DEV);
	setup_fault_injection();
	kmemleak_baseline();
	/* A fault injection that never fires would pass everything. */
	ktap_test_result(run_ops(outgoing, ARRAY_SIZE(outgoing)) > 0,
			 "outgoing-failure-points-reached");
	no_kmemleak();
	prepare_incoming();
	must(luo_daemonize_and_hold(), "hold the sessions");
	ktap_finished();
}

static void stage_after(void)
{
	ktap_print_header();
	ktap_set_plan(ARRAY_SIZE(incoming) + 3);
	dev = luo_open_dev();
	must(dev, LUO_DEV);
	setup_fault_injection();
	kmemleak_baseline();
	rf_session = luo_retrieve_session(dev, "fi-in-rf-0");
	must(rf_session, "retrieve fi-in-rf-0");
	ktap_test_result(run_ops(incoming, ARRAY_SIZE(incoming)) > 0,
			 "incoming-failure-points-reached");
	/* Files whose retrieve failed are dropped with the session. */
	ktap_test_result(!luo_finish_session(rf_session),
			 "finish-after-failed-retrieves");
	close(rf_session);
	no_kmemleak();
	ktap_finished();
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "before"))
		stage_before();
	if (argc == 2 && !strcmp(argv[1], "after"))
		stage_after();
	fprintf(stderr, "usage: %s before|after\n", argv[0]);
	return 2;
}
