// SPDX-License-Identifier: GPL-2.0
/*
 * Userspace side of the live update samples: preserves files of every
 * sample through /dev/liveupdate before a kexec, and retrieves and checks
 * them after it.
 *
 *   luo_sample preserve [--running] [--note-priority N] [--too-big BYTES]
 *	Creates the sessions and files, preserves them, prints "ready" and
 *	holds them until the kexec (sessions end when their fd is closed).
 *	--running leaves a vCPU running, so that freeze fails; SIGUSR1
 *	then checks the workload still runs, counts one more request and
 *	stops the vCPU; a later SIGUSR1 checks that frozen files refuse
 *	to change.  --too-big also tries a memfd of BYTES, which must
 *	be refused with ENOSPC.
 *
 *   luo_sample restore [--out-of-order] [--missing-memfd] [--requests N]
 *		       [--note-priority N] [--note-layout N]
 *	Retrieves every file, compares it with what was preserved, and
 *	finishes the sessions.  --out-of-order first asks for a vCPU before
 *	its VM (refused, EAGAIN); --missing-memfd expects the memfd handler
 *	to be absent (ENOPKG), then waits for "memfd-loaded" on stdin and
 *	retries.
 *
 *   luo_sample freeze
 *	Freezes the update (/sys/kernel/liveupdate/state) and says how long
 *	it took; exits 1 when the kernel refused.
 *
 *   luo_sample insmod MODULE [PARAMS]
 *	Loads a module and says how long it took: for liveupdate.ko in the
 *	next kernel, that includes validating the image it was handed.
 *
 *   luo_sample nothing
 *	Checks that no session was handed over, and that a new one can be
 *	made: the kernel carries on after a refused or empty update.
 *
 * Lines for people start "demo: "; checks print "luo-test: ok NAME" or
 * "luo-test: not ok NAME: why".  Exits 1 when a check failed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <linux/liveupdate.h>

#include "../sample_liveupdate.h"

#define SESSION_COUNTERS	"demo-counters"
#define SESSION_VM		"demo-vm"
#define SESSION_NOTE		"demo-note"
#define SESSION_MEMFD		"demo-memfd"

enum token {
	TOKEN_REQUESTS = 1, TOKEN_ERRORS,
	TOKEN_VM = 10, TOKEN_VCPU0, TOKEN_VCPU1,
	TOKEN_NOTE = 20,
	TOKEN_CONFIG = 30, TOKEN_RAM, TOKEN_TOO_BIG = 39,
};

#define VM_ID		0x5eedULL
#define NOTE_ID		3
#define NOTE_TEXT	"kexec without losing this note"
#define CONFIG_TEXT	"answer=42\nkernel=next\n"
#define CONFIG_POS	7
#define RAM_BYTES	(1024 * 1024)
#define RAM_POS		(3 * 4096)

static const struct sample_counter counters[] = {
	{ .value = 41, .label = "requests" },
	{ .value = 7, .label = "errors" },
};

static int failures;

static void check(int ok, const char *name, const char *fmt, ...)
{
	va_list ap;

	printf("luo-test: %s %s", ok ? "ok" : "not ok", name);
	if (!ok) {
		printf(": ");
		va_start(ap, fmt);
		vprintf(fmt, ap);
		va_end(ap);
		failures++;
	}
	printf("\n");
	fflush(stdout);
}

static void say(const char *fmt, ...)
{
	va_list ap;

	printf("demo: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

static void die(const char *what)
{
	check(0, what, "%s", strerror(errno));
	exit(1);
}

static __u64 now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static __u64 fnv1a(const unsigned char *p, size_t n)
{
	__u64 h = 0xcbf29ce484222325ULL;

	while (n--)
		h = (h ^ *p++) * 0x100000001b3ULL;
	return h;
}

/* The guest RAM stand-in: bytes nobody would type. */
static void ram_pattern(unsigned char *p, size_t n)
{
	__u32 x = 2463534242u;
	size_t i;

	for (i = 0; i < n; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		p[i] = x;
	}
}

static void vcpu_regs(struct sample_vcpu_regs *r, int cpu)
{
	int i;

	for (i = 0; i < SAMPLE_NR_REGS; i++)
		r->regs[i] = 0x1000ULL * (cpu + 1) + i;
}

static int open_or_die(const char *path)
{
	int fd = open(path, O_RDWR | O_CLOEXEC);

	if (fd < 0)
		die(path);
	return fd;
}

/* /dev/liveupdate requests. */
static int session_create(int dev, const char *name)
{
	struct liveupdate_ioctl_create_session a = { .size = sizeof(a) };

	snprintf((char *)a.name, sizeof(a.name), "%s", name);
	if (ioctl(dev, LIVEUPDATE_IOCTL_CREATE_SESSION, &a) < 0)
		die(name);
	return a.fd;
}

static int session_retrieve(int dev, const char *name)
{
	struct liveupdate_ioctl_retrieve_session a = { .size = sizeof(a) };

	snprintf((char *)a.name, sizeof(a.name), "%s", name);
	if (ioctl(dev, LIVEUPDATE_IOCTL_RETRIEVE_SESSION, &a) < 0)
		return -errno;
	return a.fd;
}

static int preserve(int session, int fd, __u64 token)
{
	struct liveupdate_session_preserve_fd a = {
		.size = sizeof(a), .fd = fd, .token = token,
	};

	return ioctl(session, LIVEUPDATE_SESSION_PRESERVE_FD, &a) < 0 ?
	       -errno : 0;
}

static void preserve_or_die(int session, int fd, __u64 token,
			    const char *what)
{
	int err = preserve(session, fd, token);

	check(!err, what, "preserve: %s", strerror(-err));
	if (err)
		exit(1);
}

static __u64 retrieve_ns;
static unsigned int retrieved;

/* Returns the new fd, or -errno; times the request. */
static int retrieve(int session, __u64 token)
{
	struct liveupdate_session_retrieve_fd a = {
		.size = sizeof(a), .token = token,
	};
	__u64 t = now_ns();
	int ret = ioctl(session, LIVEUPDATE_SESSION_RETRIEVE_FD, &a);

	t = now_ns() - t;
	if (ret < 0)
		return -errno;
	retrieve_ns += t;
	retrieved++;
	say("  retrieved token %-3llu in %6llu us", (unsigned long long)token,
	    (unsigned long long)t / 1000);
	return a.fd;
}

static int retrieve_or_fail(int session, __u64 token, const char *what)
{
	int fd = retrieve(session, token);

	check(fd >= 0, what, "retrieve token %llu: %s",
	      (unsigned long long)token, strerror(-fd));
	return fd;
}

static void finish(int session, const char *name)
{
	struct liveupdate_session_finish a = { .size = sizeof(a) };
	char what[64];

	snprintf(what, sizeof(what), "session-finished-%s", name);
	check(ioctl(session, LIVEUPDATE_SESSION_FINISH, &a) == 0, what, "%s",
	      strerror(errno));
}

/* The samples' state: set before the update, checked after it. */
static void counter_show(const char *when, const struct sample_counter *c)
{
	say("  counter %-8s value %llu  (%s)", c->label,
	    (unsigned long long)c->value, when);
}

/* Returns the session; *@requests is the first counter's file. */
static int counters_preserve(int dev, int *requests)
{
	int s = session_create(dev, SESSION_COUNTERS), i, fd;

	for (i = 0; i < 2; i++) {
		fd = open_or_die("/dev/luo_sample_counter");
		if (i == 0)
			*requests = fd;
		if (ioctl(fd, SAMPLE_COUNTER_SET, &counters[i]))
			die("counter-set");
		preserve_or_die(s, fd, TOKEN_REQUESTS + i, "preserve-counter");
		counter_show("preserved", &counters[i]);
	}
	return s;
}

static void counters_restore(int s, __u64 requests)
{
	struct sample_counter want, got;
	int i, fd;

	for (i = 0; i < 2; i++) {
		fd = retrieve_or_fail(s, TOKEN_REQUESTS + i, "retrieve-counter");
		if (fd < 0)
			continue;
		want = counters[i];
		if (i == 0)
			want.value = requests;
		memset(&got, 0, sizeof(got));
		if (ioctl(fd, SAMPLE_COUNTER_GET, &got))
			die("counter-get");
		counter_show("before", &want);
		counter_show("after ", &got);
		check(!memcmp(&want, &got, sizeof(got)), "counter-state",
		      "%s: %llu, want %llu", got.label,
		      (unsigned long long)got.value,
		      (unsigned long long)want.value);
	}
}

static int vm_preserve(int dev, int running, int *vcpu1)
{
	int s = session_create(dev, SESSION_VM), vm, vcpu, cpu, err;
	struct sample_vcpu_regs r;
	__u64 id = VM_ID;
	__u32 run = 1;

	vm = open_or_die("/dev/luo_sample_vm");
	if (ioctl(vm, SAMPLE_VM_SET_ID, &id))
		die("vm-set-id");
	for (cpu = 0; cpu < 2; cpu++) {
		vcpu = ioctl(vm, SAMPLE_VM_CREATE_VCPU);
		if (vcpu < 0)
			die("vm-create-vcpu");
		vcpu_regs(&r, cpu);
		if (ioctl(vcpu, SAMPLE_VCPU_SET_REGS, &r))
			die("vcpu-set-regs");
		if (cpu == 1 && running && ioctl(vcpu, SAMPLE_VCPU_RUN, &run))
			die("vcpu-run");
		/* The VM first: its vCPUs refer to it by its token. */
		if (cpu == 0) {
			err = preserve(s, vcpu, TOKEN_VCPU0);
			check(err == -ENOENT, "vcpu-before-vm-not-preserved",
			      "got %s, want ENOENT", strerror(-err));
			preserve_or_die(s, vm, TOKEN_VM, "preserve-vm");
		}
		preserve_or_die(s, vcpu, TOKEN_VCPU0 + cpu, "preserve-vcpu");
		*vcpu1 = vcpu;
	}
	say("  VM %#llx with 2 vCPUs, regs 0x1000.. and 0x2000..%s",
	    (unsigned long long)VM_ID, running ? ", vCPU 1 running" : "");
	return s;
}

static void vcpu_restore(int s, int cpu)
{
	struct sample_vcpu_regs want, got;
	__u64 id = 0;
	int fd;

	fd = retrieve_or_fail(s, TOKEN_VCPU0 + cpu, "retrieve-vcpu");
	if (fd < 0)
		return;
	vcpu_regs(&want, cpu);
	if (ioctl(fd, SAMPLE_VCPU_GET_REGS, &got) ||
	    ioctl(fd, SAMPLE_VCPU_GET_VM_ID, &id))
		die("vcpu-get");
	check(!memcmp(&want, &got, sizeof(got)), "vcpu-regs",
	      "vCPU %d regs differ", cpu);
	check(id == VM_ID, "vcpu-refers-to-restored-vm", "VM id %#llx",
	      (unsigned long long)id);
	say("  vCPU %d of VM %#llx: regs %#llx..%#llx  (before %#llx..%#llx)",
	    cpu, (unsigned long long)id, (unsigned long long)got.regs[0],
	    (unsigned long long)got.regs[SAMPLE_NR_REGS - 1],
	    (unsigned long long)want.regs[0],
	    (unsigned long long)want.regs[SAMPLE_NR_REGS - 1]);
}

static void vm_restore(int s, int out_of_order)
{
	__u64 id = 0;
	int vm, fd;

	if (out_of_order) {
		fd = retrieve(s, TOKEN_VCPU0);
		check(fd == -EAGAIN, "vcpu-before-vm-refused",
		      "got %s, want EAGAIN", strerror(fd < 0 ? -fd : 0));
		say("  vCPU asked for before its VM: %s",
		    fd < 0 ? strerror(-fd) : "accepted");
	}
	vm = retrieve_or_fail(s, TOKEN_VM, "retrieve-vm");
	if (vm < 0)
		return;
	if (ioctl(vm, SAMPLE_VM_GET_ID, &id))
		die("vm-get-id");
	check(id == VM_ID, "vm-id", "%#llx", (unsigned long long)id);
	vcpu_restore(s, 0);
	vcpu_restore(s, 1);
}

static void note_want(struct sample_note *n, unsigned int priority)
{
	memset(n, 0, sizeof(*n));
	n->id = NOTE_ID;
	n->priority = priority;
	snprintf(n->text, sizeof(n->text), "%s", NOTE_TEXT);
}

static int note_preserve(int dev, unsigned int priority)
{
	int s = session_create(dev, SESSION_NOTE), fd;
	struct sample_note n;

	fd = open_or_die("/dev/luo_sample_note");
	note_want(&n, priority);
	if (ioctl(fd, SAMPLE_NOTE_SET, &n) || ioctl(fd, SAMPLE_NOTE_GET, &n))
		die("note-set");
	preserve_or_die(s, fd, TOKEN_NOTE, "preserve-note");
	say("  note %llu \"%s\" priority %u, driver layout %u",
	    (unsigned long long)n.id, n.text, n.priority, n.layout);
	return s;
}

static void note_restore(int s, unsigned int priority, unsigned int layout)
{
	struct sample_note want, got;
	int fd;

	fd = retrieve_or_fail(s, TOKEN_NOTE, "retrieve-note");
	if (fd < 0)
		return;
	note_want(&want, priority);
	if (ioctl(fd, SAMPLE_NOTE_GET, &got))
		die("note-get");
	say("  note %llu \"%s\" priority %u, driver layout %u",
	    (unsigned long long)got.id, got.text, got.priority, got.layout);
	check(got.id == want.id && !strcmp(got.text, want.text), "note-text",
	      "id %llu text \"%s\"", (unsigned long long)got.id, got.text);
	check(got.priority == want.priority, "note-priority", "%u, want %u",
	      got.priority, want.priority);
	check(got.layout == layout, "note-layout", "%u, want %u", got.layout,
	      layout);
}

/*
 * memfds: a small text sealed against resizing, and 1 MiB of guest RAM
 * without sealing, each at its own position.
 */
#define CONFIG_SEALS	(F_SEAL_SHRINK | F_SEAL_GROW)
#define RAM_SEALS	F_SEAL_SEAL

static int memfd_make(const char *name, const void *data, size_t n,
		      off_t pos, int seals)
{
	int fd = memfd_create(name, MFD_CLOEXEC |
			      (seals != RAM_SEALS ? MFD_ALLOW_SEALING : 0));

	if (fd < 0)
		die("memfd_create");
	if (n && pwrite(fd, data, n, 0) != (ssize_t)n)
		die("memfd-write");
	if (lseek(fd, pos, SEEK_SET) != pos)
		die("memfd-seek");
	if (seals != RAM_SEALS && fcntl(fd, F_ADD_SEALS, seals))
		die("memfd-seal");
	return fd;
}

static void memfd_show(const char *when, const char *name, size_t size,
		       off_t pos, __u64 hash)
{
	say("  memfd %-10s %7zu bytes, position %6lld, fnv1a %016llx  (%s)",
	    name, size, (long long)pos, (unsigned long long)hash, when);
}

static int memfd_preserve(int dev, unsigned char *ram, long too_big)
{
	int s = session_create(dev, SESSION_MEMFD), fd, err;

	fd = memfd_make("config", CONFIG_TEXT, strlen(CONFIG_TEXT), CONFIG_POS,
			CONFIG_SEALS);
	preserve_or_die(s, fd, TOKEN_CONFIG, "preserve-memfd");
	memfd_show("preserved", "config", strlen(CONFIG_TEXT), CONFIG_POS,
		   fnv1a((const unsigned char *)CONFIG_TEXT,
			 strlen(CONFIG_TEXT)));
	fd = memfd_make("guest-ram", ram, RAM_BYTES, RAM_POS, RAM_SEALS);
	preserve_or_die(s, fd, TOKEN_RAM, "preserve-memfd");
	memfd_show("preserved", "guest-ram", RAM_BYTES, RAM_POS,
		   fnv1a(ram, RAM_BYTES));
	if (too_big > 0) {
		fd = memfd_create("too-big", MFD_CLOEXEC);
		if (fd < 0 || ftruncate(fd, too_big))
			die("memfd-too-big");
		err = preserve(s, fd, TOKEN_TOO_BIG);
		check(err == -ENOSPC, "memfd-beyond-capacity-refused",
		      "got %s, want ENOSPC", strerror(-err));
		say("  a memfd of %ld bytes: %s", too_big, strerror(-err));
		close(fd);
	}
	return s;
}

static void memfd_check(int fd, const char *name, const void *want,
			size_t n, off_t pos, int seals)
{
	int got_seals = fcntl(fd, F_GET_SEALS);

	unsigned char *got = malloc(n + 1);
	char link[64], path[128] = "";
	struct stat st;
	ssize_t len;

	if (!got)
		die("malloc");
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	len = readlink(link, path, sizeof(path) - 1);
	if (len > 0)
		path[len] = '\0';
	check(strstr(path, name) && strstr(path, "memfd:"), "memfd-name",
	      "%s", path);
	check(fstat(fd, &st) == 0 && st.st_size == (off_t)n, "memfd-size",
	      "%lld bytes, want %zu", (long long)st.st_size, n);
	check(lseek(fd, 0, SEEK_CUR) == pos, "memfd-position",
	      "want %lld", (long long)pos);
	check(pread(fd, got, n + 1, 0) == (ssize_t)n && !memcmp(got, want, n),
	      "memfd-contents", "differ");
	memfd_show("before", name, n, pos, fnv1a(want, n));
	memfd_show("after ", name, st.st_size, lseek(fd, 0, SEEK_CUR),
		   fnv1a(got, n));
	check(got_seals == seals, "memfd-seals", "%#x, want %#x", got_seals,
	      seals);
	check(pwrite(fd, got, 1, 0) == 1, "memfd-writable", "%s",
	      strerror(errno));
	free(got);
}

static void memfd_restore(int s, unsigned char *ram, int missing)
{
	char line[64];
	int fd;

	if (missing) {
		fd = retrieve(s, TOKEN_CONFIG);
		check(fd == -ENOPKG, "memfd-without-handler-refused",
		      "got %s, want ENOPKG", strerror(fd < 0 ? -fd : 0));
		say("  memfd with its handler module not loaded: %s",
		    fd < 0 ? strerror(-fd) : "retrieved");
		printf("waiting-for-memfd\n");
		fflush(stdout);
		if (!fgets(line, sizeof(line), stdin) ||
		    strncmp(line, "memfd-loaded", 12))
			die("memfd-wait");
	}
	fd = retrieve_or_fail(s, TOKEN_CONFIG, "retrieve-memfd");
	if (fd >= 0)
		memfd_check(fd, "config", CONFIG_TEXT, strlen(CONFIG_TEXT),
			    CONFIG_POS, CONFIG_SEALS);
	fd = retrieve_or_fail(s, TOKEN_RAM, "retrieve-memfd");
	if (fd >= 0)
		memfd_check(fd, "guest-ram", ram, RAM_BYTES, RAM_POS,
			    RAM_SEALS);
}

/* After a successful freeze, nothing changes until the kexec. */
static void frozen_stays(int counter, int vcpu)
{
	struct sample_counter c = { .value = 1000, .label = "late" };
	__u32 run = 1;

	check(ioctl(counter, SAMPLE_COUNTER_SET, &c) && errno == EBUSY,
	      "frozen-counter-refuses-change", "%s", strerror(errno));
	check(ioctl(vcpu, SAMPLE_VCPU_RUN, &run) && errno == EBUSY,
	      "frozen-vcpu-refuses-to-run", "%s", strerror(errno));
}

/* After a failed freeze: the files still work, and the vCPU stops. */
static void carry_on(int counter, int vcpu)
{
	struct sample_counter c;
	struct sample_vcpu_regs r;
	__u32 run = 0;

	check(!ioctl(counter, SAMPLE_COUNTER_GET, &c) && c.value == 41,
	      "workload-counter-readable", "%s", strerror(errno));
	c.value++;
	check(!ioctl(counter, SAMPLE_COUNTER_SET, &c),
	      "workload-counter-writable", "%s", strerror(errno));
	check(!ioctl(vcpu, SAMPLE_VCPU_GET_REGS, &r), "workload-vcpu-usable",
	      "%s", strerror(errno));
	check(!ioctl(vcpu, SAMPLE_VCPU_RUN, &run), "workload-vcpu-stopped",
	      "%s", strerror(errno));
	say("  the workload carried on: requests now %llu, vCPU 1 stopped",
	    (unsigned long long)c.value);
}

/* Holds the files until SIGTERM or the kexec; SIGUSR1 resumes the workload. */
static int do_preserve(int running, unsigned int priority, long too_big)
{
	unsigned char *ram = malloc(RAM_BYTES);
	int dev, vcpu1 = -1, requests = -1, sig;
	sigset_t wait_for;
	__u64 t;

	if (!ram)
		die("malloc");
	ram_pattern(ram, RAM_BYTES);
	sigemptyset(&wait_for);
	sigaddset(&wait_for, SIGUSR1);
	sigaddset(&wait_for, SIGTERM);
	sigprocmask(SIG_BLOCK, &wait_for, NULL);
	dev = open_or_die("/dev/liveupdate");
	t = now_ns();
	say("preserving, session %s:", SESSION_COUNTERS);
	counters_preserve(dev, &requests);
	say("preserving, session %s:", SESSION_VM);
	vm_preserve(dev, running, &vcpu1);
	say("preserving, session %s:", SESSION_NOTE);
	note_preserve(dev, priority);
	say("preserving, session %s:", SESSION_MEMFD);
	memfd_preserve(dev, ram, too_big);
	say("preserved 4 sessions, 8 files in %llu us",
	    (unsigned long long)(now_ns() - t) / 1000);
	printf("ready\n");
	fflush(stdout);
	while (!sigwait(&wait_for, &sig) && sig == SIGUSR1) {
		if (running) {
			carry_on(requests, vcpu1);
			running = 0;
		} else {
			frozen_stays(requests, vcpu1);
		}
		printf("resumed\n");
		fflush(stdout);
	}
	return failures ? 1 : 0;
}

static int do_restore(int out_of_order, int missing_memfd, __u64 requests,
		      unsigned int priority, unsigned int layout)
{
	static const char * const names[] = {
		SESSION_COUNTERS, SESSION_VM, SESSION_NOTE, SESSION_MEMFD,
	};
	unsigned char *ram = malloc(RAM_BYTES);
	int dev, s[4], i;

	if (!ram)
		die("malloc");
	ram_pattern(ram, RAM_BYTES);
	dev = open_or_die("/dev/liveupdate");
	for (i = 0; i < 4; i++) {
		s[i] = session_retrieve(dev, names[i]);
		check(s[i] >= 0, "retrieve-session", "%s: %s", names[i],
		      strerror(s[i] < 0 ? -s[i] : 0));
		if (s[i] < 0)
			return 1;
	}
	say("restoring, session %s:", SESSION_COUNTERS);
	counters_restore(s[0], requests);
	say("restoring, session %s:", SESSION_VM);
	vm_restore(s[1], out_of_order);
	say("restoring, session %s:", SESSION_NOTE);
	note_restore(s[2], priority, layout);
	say("restoring, session %s:", SESSION_MEMFD);
	memfd_restore(s[3], ram, missing_memfd);
	for (i = 0; i < 4; i++)
		finish(s[i], names[i]);
	say("retrieved %u files in %llu us (in the kernel and back)",
	    retrieved, (unsigned long long)retrieve_ns / 1000);
	/* Reached only when nothing above gave up: scripts require it. */
	check(1, "restore-complete", "");
	printf("time: retrieve_us=%llu files=%u\n",
	       (unsigned long long)retrieve_ns / 1000, retrieved);
	return failures ? 1 : 0;
}

static int do_freeze(void)
{
	int fd = open("/sys/kernel/liveupdate/state", O_WRONLY), err = 0;
	__u64 t;

	if (fd < 0)
		die("/sys/kernel/liveupdate/state");
	t = now_ns();
	if (write(fd, "freeze", 6) != 6)
		err = errno;
	t = now_ns() - t;
	close(fd);
	say("freeze %s in %llu us", err ? strerror(err) : "done",
	    (unsigned long long)t / 1000);
	if (!err)
		printf("time: freeze_us=%llu\n", (unsigned long long)t / 1000);
	return err ? 1 : 0;
}

static int do_insmod(const char *path, const char *params)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	__u64 t;

	if (fd < 0)
		die(path);
	t = now_ns();
	if (syscall(SYS_finit_module, fd, params, 0))
		die(path);
	t = now_ns() - t;
	say("loaded %s in %llu us", strrchr(path, '/') ? strrchr(path, '/') + 1 :
	    path, (unsigned long long)t / 1000);
	printf("time: insmod_us=%llu\n", (unsigned long long)t / 1000);
	return 0;
}

static int do_nothing_handed_over(void)
{
	int dev = open_or_die("/dev/liveupdate"), s;

	s = session_retrieve(dev, SESSION_COUNTERS);
	check(s == -ENOENT, "no-session-handed-over", "got %s, want ENOENT",
	      strerror(s < 0 ? -s : 0));
	s = session_create(dev, "after-the-update");
	check(s >= 0, "new-session-works", "%s", strerror(errno));
	say("no session was handed over; new sessions work");
	return failures ? 1 : 0;
}

static void print_usage(void)
{
	fprintf(stderr,
		"usage: luo_sample preserve [--running] [--note-priority N] [--too-big BYTES]\n"
		"       luo_sample restore [--out-of-order] [--missing-memfd] [--requests N]\n"
		"                          [--note-priority N] [--note-layout N]\n"
		"       luo_sample freeze | nothing | insmod MODULE [PARAMS]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "running", no_argument, NULL, 'r' },
		{ "note-priority", required_argument, NULL, 'p' },
		{ "too-big", required_argument, NULL, 'b' },
		{ "out-of-order", no_argument, NULL, 'o' },
		{ "missing-memfd", no_argument, NULL, 'm' },
		{ "requests", required_argument, NULL, 'n' },
		{ "note-layout", required_argument, NULL, 'l' },
		{ }
	};
	int running = 0, out_of_order = 0, missing = 0, c;
	unsigned int priority = 7, layout = 2;
	__u64 requests = counters[0].value;
	long too_big = 0;

	if (argc < 2)
		print_usage();
	optind = 2;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'r':
			running = 1;
			break;
		case 'p':
			priority = strtoul(optarg, NULL, 0);
			break;
		case 'b':
			too_big = strtol(optarg, NULL, 0);
			break;
		case 'o':
			out_of_order = 1;
			break;
		case 'm':
			missing = 1;
			break;
		case 'n':
			requests = strtoull(optarg, NULL, 0);
			break;
		case 'l':
			layout = strtoul(optarg, NULL, 0);
			break;
		default:
			print_usage();
		}
	}
	if (!strcmp(argv[1], "freeze"))
		return do_freeze();
	if (!strcmp(argv[1], "nothing"))
		return do_nothing_handed_over();
	if (!strcmp(argv[1], "insmod") && (argc == 3 || argc == 4))
		return do_insmod(argv[2], argc == 4 ? argv[3] : "");
	if (!strcmp(argv[1], "preserve"))
		return do_preserve(running, priority, too_big);
	if (!strcmp(argv[1], "restore"))
		return do_restore(out_of_order, missing, requests, priority,
				  layout);
	print_usage();
	return 2;
}
