// SPDX-License-Identifier: GPL-2.0
/*
 * Helpers shared by the live update test programs; see luo_test_util.h.
 *
 * The samples' state is the same on both sides of the update: each
 * *_preserve() helper sets it up and hands it to the outgoing kernel, and
 * the matching *_restore() helper retrieves it in the next kernel and
 * compares it with the same constants.  What they do is printed as KTAP
 * diagnostics, for a person watching.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
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
#include <linux/reboot.h>

#include "sample_liveupdate.h"

#include "ktap.h"
#include "luo_test_util.h"

#define NOTE_ID		3
#define NOTE_TEXT	"kexec without losing this note"
#define CONFIG_TEXT	"answer=42\nkernel=next\n"
#define CONFIG_POS	7
#define CONFIG_SEALS	(F_SEAL_SHRINK | F_SEAL_GROW)
#define RAM_BYTES	(1024 * 1024)
#define RAM_POS		(3 * 4096)
/* A memfd made without MFD_ALLOW_SEALING has this seal, and only it. */
#define RAM_SEALS	F_SEAL_SEAL

static const struct sample_counter counters[] = {
	{ .value = LUO_REQUESTS, .label = "requests" },
	{ .value = 7, .label = "errors" },
};

/**
 * luo_strerror() - describe the result of a helper
 * @ret: What a helper returned: a negative errno, or 0 or more.
 *
 * Return: strerror() of the errno, "Success" for @ret >= 0.
 */
const char *luo_strerror(int ret)
{
	return strerror(ret < 0 ? -ret : 0);
}

/**
 * luo_now_ns() - read the monotonic clock
 *
 * Return: CLOCK_MONOTONIC in nanoseconds.
 */
__u64 luo_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/**
 * luo_fnv1a() - 64-bit FNV-1a hash, to print a short digest of contents
 * @data: The bytes.
 * @len:  How many.
 *
 * Return: The hash.
 */
__u64 luo_fnv1a(const void *data, size_t len)
{
	const unsigned char *p = data;
	__u64 h = 0xcbf29ce484222325ULL;

	while (len--)
		h = (h ^ *p++) * 0x100000001b3ULL;
	return h;
}

/**
 * luo_open_dev() - open /dev/liveupdate, which one process at a time may
 *
 * Return: The fd, or -errno (-EBUSY when another process has it open).
 */
int luo_open_dev(void)
{
	int fd = open(LUO_DEV, O_RDWR | O_CLOEXEC);

	return fd < 0 ? -errno : fd;
}

/**
 * luo_create_session() - create an outgoing session
 * @dev:  The /dev/liveupdate fd.
 * @name: The session's name.
 *
 * Return: The session's fd, or -errno.
 */
int luo_create_session(int dev, const char *name)
{
	struct liveupdate_ioctl_create_session a = { .size = sizeof(a) };

	snprintf((char *)a.name, sizeof(a.name), "%s", name);
	if (ioctl(dev, LIVEUPDATE_IOCTL_CREATE_SESSION, &a) < 0)
		return -errno;
	return a.fd;
}

/**
 * luo_retrieve_session() - get a session the previous kernel handed over
 * @dev:  The /dev/liveupdate fd.
 * @name: The session's name.
 *
 * Return: The session's fd, or -errno.
 */
int luo_retrieve_session(int dev, const char *name)
{
	struct liveupdate_ioctl_retrieve_session a = { .size = sizeof(a) };

	snprintf((char *)a.name, sizeof(a.name), "%s", name);
	if (ioctl(dev, LIVEUPDATE_IOCTL_RETRIEVE_SESSION, &a) < 0)
		return -errno;
	return a.fd;
}

/**
 * luo_preserve_fd() - preserve a file in an outgoing session
 * @session: The session's fd.
 * @fd:      The file.
 * @token:   Its name in the session, to retrieve it with.
 *
 * Return: 0 or -errno.
 */
int luo_preserve_fd(int session, int fd, __u64 token)
{
	struct liveupdate_session_preserve_fd a = {
		.size = sizeof(a), .fd = fd, .token = token,
	};

	return ioctl(session, LIVEUPDATE_SESSION_PRESERVE_FD, &a) < 0 ?
	       -errno : 0;
}

/**
 * luo_retrieve_fd() - restore a file of an incoming session
 * @session: The session's fd.
 * @token:   The token the file was preserved with.
 *
 * Return: A new fd of the restored file, or -errno.
 */
int luo_retrieve_fd(int session, __u64 token)
{
	struct liveupdate_session_retrieve_fd a = {
		.size = sizeof(a), .token = token,
	};

	if (ioctl(session, LIVEUPDATE_SESSION_RETRIEVE_FD, &a) < 0)
		return -errno;
	return a.fd;
}

/**
 * luo_finish_session() - end an incoming session, releasing its state
 * @session: The session's fd.
 *
 * Return: 0 or -errno.
 */
int luo_finish_session(int session)
{
	struct liveupdate_session_finish a = { .size = sizeof(a) };

	return ioctl(session, LIVEUPDATE_SESSION_FINISH, &a) < 0 ? -errno : 0;
}

/**
 * luo_retrieve_sessions() - retrieve several incoming sessions
 * @dev:   The /dev/liveupdate fd.
 * @names: Their names.
 * @fds:   Set to their fds, or to -errno for those that failed.
 * @n:     How many.
 *
 * Return: 0, or -1 when any failed (each said in a diagnostic).
 */
int luo_retrieve_sessions(int dev, const char * const *names, int *fds,
			  int n)
{
	int i, ret = 0;

	for (i = 0; i < n; i++) {
		fds[i] = luo_retrieve_session(dev, names[i]);
		if (fds[i] < 0) {
			ktap_print_msg("session %s: %s", names[i],
				       luo_strerror(fds[i]));
			ret = -1;
		}
	}
	return ret;
}

/**
 * luo_finish_sessions() - finish several incoming sessions
 * @fds:   Their fds.
 * @names: Their names, for the diagnostics.
 * @n:     How many.
 *
 * Return: 0, or -1 when any failed (each said in a diagnostic).
 */
int luo_finish_sessions(const int *fds, const char * const *names, int n)
{
	int i, err, ret = 0;

	for (i = 0; i < n; i++) {
		err = luo_finish_session(fds[i]);
		if (err) {
			ktap_print_msg("finish session %s: %s", names[i],
				       luo_strerror(err));
			ret = -1;
		}
	}
	return ret;
}

/**
 * luo_freeze() - freeze the update: seal the image for the next kernel
 * @ns: Set to the time the kernel took, in nanoseconds.
 *
 * Return: 0, or -errno when the kernel refused (or the file is missing).
 */
int luo_freeze(__u64 *ns)
{
	int fd = open(LUO_STATE, O_WRONLY | O_CLOEXEC), err = 0;
	__u64 t;

	*ns = 0;
	if (fd < 0)
		return -errno;
	t = luo_now_ns();
	if (write(fd, "freeze", 6) != 6)
		err = -errno;
	*ns = luo_now_ns() - t;
	close(fd);
	return err;
}

/**
 * luo_freeze_at_reboot() - start the kexec, which freezes first
 * @ns: Set to the time the kernel took to refuse, in nanoseconds.
 *
 * Mainline's orchestrator has no freeze of its own: reboot(KEXEC) freezes
 * every preserved file, and goes on into the loaded kernel only when all
 * of them agreed.  The next kernel must be loaded already.
 *
 * Return: -errno when the kernel refused; on success it does not return.
 */
int luo_freeze_at_reboot(__u64 *ns)
{
	__u64 t = luo_now_ns();
	int err;

	sync();
	err = syscall(SYS_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2,
		      LINUX_REBOOT_CMD_KEXEC, NULL) ? -errno : 0;
	*ns = luo_now_ns() - t;
	return err;
}

/**
 * luo_read_state() - read the update's state, "normal" or "frozen"
 * @buf: Set to the state, without its newline.
 * @len: Size of @buf.
 *
 * Return: 0 or -errno.
 */
int luo_read_state(char *buf, size_t len)
{
	int fd = open(LUO_STATE, O_RDONLY | O_CLOEXEC), err = 0;
	ssize_t n;

	if (!len)
		return -EINVAL;
	buf[0] = '\0';
	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	if (n < 0) {
		err = -errno;
	} else {
		buf[n] = '\0';
		buf[strcspn(buf, "\n")] = '\0';
	}
	close(fd);
	return err;
}

/**
 * luo_load_module() - load a kernel module from a file
 * @path:   The .ko file.
 * @params: Its parameters, "name=value ..."; NULL for none.
 *
 * Return: 0 or -errno.
 */
int luo_load_module(const char *path, const char *params)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), err = 0;

	if (fd < 0)
		return -errno;
	if (syscall(SYS_finit_module, fd, params ? params : "", 0))
		err = -errno;
	close(fd);
	return err;
}

/**
 * luo_daemonize_and_hold() - keep every open fd open until the kexec
 *
 * A session and its preserved files live as long as the session's fd is
 * open, and the kexec comes after this program has exited.  So a child
 * inherits the fds and blocks forever, in a session of its own, with
 * stdin, stdout and stderr on /dev/null: whoever reads the program's
 * output sees it end when the caller returns.  Call it once every result
 * is printed.
 *
 * Return: 0 in the caller once the child holds the fds, -errno when it
 * could not start.  The child never returns.
 */
int luo_daemonize_and_hold(void)
{
	int pipefd[2], null, err;
	ssize_t n;
	pid_t pid;
	char c;

	fflush(stdout);
	fflush(stderr);
	if (pipe2(pipefd, O_CLOEXEC))
		return -errno;
	pid = fork();
	if (pid < 0) {
		err = -errno;
		close(pipefd[0]);
		close(pipefd[1]);
		return err;
	}
	if (!pid) {
		close(pipefd[0]);
		null = open("/dev/null", O_RDWR);
		if (null < 0 || dup2(null, 0) < 0 || dup2(null, 1) < 0 ||
		    dup2(null, 2) < 0)
			_exit(1);
		if (null > 2)
			close(null);
		setsid();
		signal(SIGHUP, SIG_IGN);
		if (write(pipefd[1], "h", 1) != 1)
			_exit(1);
		close(pipefd[1]);
		for (;;)
			pause();
	}
	close(pipefd[1]);
	do {
		n = read(pipefd[0], &c, 1);
	} while (n < 0 && errno == EINTR);
	close(pipefd[0]);
	return n == 1 ? 0 : -ECHILD;
}

/* Retrieves made by the restore helpers, and the time they took. */
static __u64 retrieve_ns;
static unsigned int retrieved;

/* luo_retrieve_fd(), timed, saying so for a person. */
static int retrieve_timed(int session, __u64 token)
{
	__u64 t = luo_now_ns();
	int fd = luo_retrieve_fd(session, token);

	t = luo_now_ns() - t;
	if (fd < 0) {
		ktap_print_msg("retrieve token %llu: %s",
			       (unsigned long long)token, luo_strerror(fd));
		return fd;
	}
	retrieve_ns += t;
	retrieved++;
	ktap_print_msg("  retrieved token %-3llu in %6llu us",
		       (unsigned long long)token, (unsigned long long)t / 1000);
	return fd;
}

/**
 * luo_print_retrieve_time() - say how long the restore helpers' retrieves
 * took, for a person and for the scripts ("time: retrieve_us=N files=N"),
 * and mark the moment in the kernel log ("luo-test: restore done"), where
 * the demo reads the blackout's end on a kernel that does not log it.
 */
void luo_print_retrieve_time(void)
{
	unsigned long long us = retrieve_ns / 1000;
	char mark[64];
	int fd, len;

	ktap_print_msg("retrieved %u files in %llu us (in the kernel and back)",
		       retrieved, us);
	ktap_print_msg("time: retrieve_us=%llu files=%u", us, retrieved);
	/* One write() per record: /dev/kmsg takes no stdio (dprintf). */
	len = snprintf(mark, sizeof(mark), "luo-test: restore done, %u files\n",
		       retrieved);
	fd = open("/dev/kmsg", O_WRONLY | O_CLOEXEC);
	if (fd >= 0) {
		if (write(fd, mark, len) != len)
			ktap_print_msg("/dev/kmsg: %s", strerror(errno));
		close(fd);
	}
}

/* Opens a sample device; says why it could not. */
static int open_sample(const char *path)
{
	int fd = open(path, O_RDWR | O_CLOEXEC);

	if (fd < 0) {
		fd = -errno;
		ktap_print_msg("%s: %s", path, luo_strerror(fd));
	}
	return fd;
}

/* Creates the session @name; says why it could not. */
static int create_session(int dev, const char *name)
{
	int s;

	ktap_print_msg("preserving, session %s:", name);
	s = luo_create_session(dev, name);
	if (s < 0)
		ktap_print_msg("create session %s: %s", name, luo_strerror(s));
	return s;
}

/* Preserves @fd; says why it could not. */
static int preserve_file(int session, int fd, __u64 token)
{
	int err = luo_preserve_fd(session, fd, token);

	if (err)
		ktap_print_msg("preserve token %llu: %s",
			       (unsigned long long)token, luo_strerror(err));
	return err;
}

/* An ioctl() on a sample file; says why it failed. */
static int sample_ioctl(int fd, unsigned long req, void *arg, const char *what)
{
	int ret = ioctl(fd, req, arg);

	if (ret < 0)
		ktap_print_msg("%s: %s", what, strerror(errno));
	return ret;
}

static void counter_show(const char *when, const struct sample_counter *c)
{
	ktap_print_msg("  counter %-8s value %llu  (%s)", c->label,
		       (unsigned long long)c->value, when);
}

/**
 * luo_counters_preserve() - preserve two counters in demo-counters
 * @dev: The /dev/liveupdate fd.
 * @c:   Set to the session's and the counters' fds (-errno when missing).
 *
 * "requests" is 41 (token LUO_TOKEN_REQUESTS), "errors" 7.
 *
 * Return: 0, or -1 when anything failed.
 */
int luo_counters_preserve(int dev, struct luo_counters *c)
{
	int i, ret = 0;

	c->session = create_session(dev, LUO_SESSION_COUNTERS);
	if (c->session < 0)
		ret = -1;
	for (i = 0; i < 2; i++) {
		c->fd[i] = open_sample("/dev/luo_sample_counter");
		if (c->fd[i] < 0 ||
		    sample_ioctl(c->fd[i], SAMPLE_COUNTER_SET,
				 (void *)&counters[i], "counter set") ||
		    preserve_file(c->session, c->fd[i], LUO_TOKEN_REQUESTS + i)) {
			ret = -1;
			continue;
		}
		counter_show("preserved", &counters[i]);
	}
	return ret;
}

/**
 * luo_counters_restore() - retrieve and compare the two counters
 * @session:  The demo-counters session's fd.
 * @requests: The value "requests" should have now.
 *
 * Return: 0, or -1 when anything failed or differed.
 */
int luo_counters_restore(int session, __u64 requests)
{
	struct sample_counter want, got;
	int i, fd, ret = 0;

	ktap_print_msg("restoring, session %s:", LUO_SESSION_COUNTERS);
	for (i = 0; i < 2; i++) {
		fd = retrieve_timed(session, LUO_TOKEN_REQUESTS + i);
		memset(&got, 0, sizeof(got));
		if (fd < 0 ||
		    sample_ioctl(fd, SAMPLE_COUNTER_GET, &got, "counter get")) {
			ret = -1;
			continue;
		}
		want = counters[i];
		if (i == 0)
			want.value = requests;
		counter_show("before", &want);
		counter_show("after ", &got);
		if (memcmp(&want, &got, sizeof(got))) {
			ktap_print_msg("counter %.*s: %llu, want %s %llu",
				       (int)sizeof(got.label), got.label,
				       (unsigned long long)got.value,
				       want.label,
				       (unsigned long long)want.value);
			ret = -1;
		}
	}
	return ret;
}

static void vcpu_regs(struct sample_vcpu_regs *r, int cpu)
{
	int i;

	for (i = 0; i < SAMPLE_NR_REGS; i++)
		r->regs[i] = 0x1000ULL * (cpu + 1) + i;
}

/**
 * luo_vm_create() - make demo-vm: a VM and its vCPUs, not preserved yet
 * @dev:     The /dev/liveupdate fd.
 * @running: Leave vCPU 1 running (SAMPLE_VCPU_RUN): the freeze then fails.
 * @vm:      Set to the session's, the VM's and the vCPUs' fds (-errno
 *           when missing).
 *
 * The VM's id is LUO_VM_ID; the registers of vCPU n are
 * 0x1000 * (n + 1) + i.
 *
 * Return: 0, or -1 when anything failed.
 */
int luo_vm_create(int dev, bool running, struct luo_vm *vm)
{
	struct sample_vcpu_regs r;
	__u64 id = LUO_VM_ID;
	int cpu, ret = 0;
	__u32 run = 1;

	vm->session = create_session(dev, LUO_SESSION_VM);
	vm->vm = open_sample("/dev/luo_sample_vm");
	if (vm->session < 0 || vm->vm < 0 ||
	    sample_ioctl(vm->vm, SAMPLE_VM_SET_ID, &id, "VM set id"))
		ret = -1;
	for (cpu = 0; cpu < LUO_NR_VCPUS; cpu++) {
		vm->vcpu[cpu] = ioctl(vm->vm, SAMPLE_VM_CREATE_VCPU);
		if (vm->vcpu[cpu] < 0) {
			vm->vcpu[cpu] = -errno;
			ktap_print_msg("create vCPU %d: %s", cpu,
				       luo_strerror(vm->vcpu[cpu]));
			ret = -1;
			continue;
		}
		vcpu_regs(&r, cpu);
		if (sample_ioctl(vm->vcpu[cpu], SAMPLE_VCPU_SET_REGS, &r,
				 "vCPU set regs"))
			ret = -1;
		if (cpu == 1 && running &&
		    sample_ioctl(vm->vcpu[cpu], SAMPLE_VCPU_RUN, &run,
				 "vCPU run"))
			ret = -1;
	}
	vm->running = running;
	return ret;
}

/**
 * luo_vm_preserve() - preserve the VM of luo_vm_create(), then its vCPUs
 * @vm: What luo_vm_create() made.
 *
 * The VM goes first: a vCPU's state refers to its VM by the VM's token.
 *
 * Return: 0, or -1 when anything failed.
 */
int luo_vm_preserve(const struct luo_vm *vm)
{
	int cpu, ret = 0;

	if (preserve_file(vm->session, vm->vm, LUO_TOKEN_VM))
		ret = -1;
	for (cpu = 0; cpu < LUO_NR_VCPUS; cpu++)
		if (preserve_file(vm->session, vm->vcpu[cpu], LUO_TOKEN_VCPU0 + cpu))
			ret = -1;
	if (!ret)
		ktap_print_msg("  VM %#llx with 2 vCPUs, regs 0x1000.. and 0x2000..%s",
			       LUO_VM_ID,
			       vm->running ? ", vCPU 1 running" : "");
	return ret;
}

static int vcpu_restore(int session, int cpu)
{
	struct sample_vcpu_regs want, got;
	__u64 id = 0;
	int fd, ret = 0;

	fd = retrieve_timed(session, LUO_TOKEN_VCPU0 + cpu);
	if (fd < 0 ||
	    sample_ioctl(fd, SAMPLE_VCPU_GET_REGS, &got, "vCPU get regs") ||
	    sample_ioctl(fd, SAMPLE_VCPU_GET_VM_ID, &id, "vCPU get VM id"))
		return -1;
	vcpu_regs(&want, cpu);
	if (memcmp(&want, &got, sizeof(got))) {
		ktap_print_msg("vCPU %d: registers differ", cpu);
		ret = -1;
	}
	if (id != LUO_VM_ID) {
		ktap_print_msg("vCPU %d: refers to VM %#llx, want %#llx", cpu,
			       (unsigned long long)id, LUO_VM_ID);
		ret = -1;
	}
	ktap_print_msg("  vCPU %d of VM %#llx: regs %#llx..%#llx  (before %#llx..%#llx)",
		       cpu, (unsigned long long)id,
		       (unsigned long long)got.regs[0],
		       (unsigned long long)got.regs[SAMPLE_NR_REGS - 1],
		       (unsigned long long)want.regs[0],
		       (unsigned long long)want.regs[SAMPLE_NR_REGS - 1]);
	return ret;
}

/**
 * luo_vm_restore() - retrieve the VM, then its vCPUs, and compare them
 * @session: The demo-vm session's fd.
 *
 * Return: 0, or -1 when anything failed or differed.
 */
int luo_vm_restore(int session)
{
	int vm, cpu, ret = 0;
	__u64 id = 0;

	ktap_print_msg("restoring, session %s:", LUO_SESSION_VM);
	vm = retrieve_timed(session, LUO_TOKEN_VM);
	if (vm < 0 || sample_ioctl(vm, SAMPLE_VM_GET_ID, &id, "VM get id")) {
		ret = -1;
	} else if (id != LUO_VM_ID) {
		ktap_print_msg("VM id %#llx, want %#llx",
			       (unsigned long long)id, LUO_VM_ID);
		ret = -1;
	}
	for (cpu = 0; cpu < LUO_NR_VCPUS; cpu++)
		if (vcpu_restore(session, cpu))
			ret = -1;
	return ret;
}

static void note_want(struct sample_note *n, unsigned int priority)
{
	memset(n, 0, sizeof(*n));
	n->id = NOTE_ID;
	n->priority = priority;
	snprintf(n->text, sizeof(n->text), "%s", NOTE_TEXT);
}

static void note_show(const struct sample_note *n)
{
	ktap_print_msg("  note %llu \"%.*s\" priority %u, driver layout %u",
		       (unsigned long long)n->id, (int)sizeof(n->text),
		       n->text, n->priority, n->layout);
}

/**
 * luo_note_preserve() - preserve a note in demo-note
 * @dev:      The /dev/liveupdate fd.
 * @priority: The note's priority (the layout 1 driver has none).
 *
 * Return: 0, or -1 when anything failed.
 */
int luo_note_preserve(int dev, unsigned int priority)
{
	int s = create_session(dev, LUO_SESSION_NOTE);
	int fd = open_sample("/dev/luo_sample_note");
	struct sample_note n;

	note_want(&n, priority);
	if (s < 0 || fd < 0 ||
	    sample_ioctl(fd, SAMPLE_NOTE_SET, &n, "note set") ||
	    sample_ioctl(fd, SAMPLE_NOTE_GET, &n, "note get") ||
	    preserve_file(s, fd, LUO_TOKEN_NOTE))
		return -1;
	note_show(&n);
	return 0;
}

/**
 * luo_note_restore() - retrieve the note and compare it
 * @session:  The demo-note session's fd.
 * @priority: The priority it should have now.
 * @layout:   The layout the driver of this kernel should report.
 *
 * Return: 0, or -1 when anything failed or differed.
 */
int luo_note_restore(int session, unsigned int priority, unsigned int layout)
{
	struct sample_note want, got;
	int fd, ret = 0;

	ktap_print_msg("restoring, session %s:", LUO_SESSION_NOTE);
	fd = retrieve_timed(session, LUO_TOKEN_NOTE);
	memset(&got, 0, sizeof(got));
	if (fd < 0 || sample_ioctl(fd, SAMPLE_NOTE_GET, &got, "note get"))
		return -1;
	note_show(&got);
	note_want(&want, priority);
	if (got.id != want.id || strncmp(got.text, want.text,
					 sizeof(got.text))) {
		ktap_print_msg("note id %llu text \"%.*s\", want %llu \"%s\"",
			       (unsigned long long)got.id,
			       (int)sizeof(got.text), got.text,
			       (unsigned long long)want.id, want.text);
		ret = -1;
	}
	if (got.priority != want.priority) {
		ktap_print_msg("note priority %u, want %u", got.priority,
			       want.priority);
		ret = -1;
	}
	if (got.layout != layout) {
		ktap_print_msg("note layout %u, want %u", got.layout, layout);
		ret = -1;
	}
	return ret;
}

/* The guest RAM stand-in: 1 MiB of bytes nobody would type. */
static unsigned char *ram_pattern(void)
{
	unsigned char *p = malloc(RAM_BYTES);
	__u32 x = 2463534242u;
	size_t i;

	if (!p) {
		ktap_print_msg("malloc: %s", strerror(errno));
		return NULL;
	}
	for (i = 0; i < RAM_BYTES; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		p[i] = x;
	}
	return p;
}

static void memfd_show(const char *when, const char *name, size_t size,
		       off_t pos, __u64 hash)
{
	ktap_print_msg("  memfd %-10s %7zu bytes, position %6lld, fnv1a %016llx  (%s)",
		       name, size, (long long)pos, (unsigned long long)hash,
		       when);
}

/* A memfd of @len bytes of @data at position @pos, with @seals. */
static int memfd_make(const char *name, const void *data, size_t len,
		      off_t pos, int seals)
{
	int fd = memfd_create(name, MFD_CLOEXEC |
			      (seals != RAM_SEALS ? MFD_ALLOW_SEALING : 0));

	if (fd < 0) {
		fd = -errno;
		ktap_print_msg("memfd_create %s: %s", name, luo_strerror(fd));
		return fd;
	}
	if (pwrite(fd, data, len, 0) != (ssize_t)len ||
	    lseek(fd, pos, SEEK_SET) != pos ||
	    (seals != RAM_SEALS && fcntl(fd, F_ADD_SEALS, seals))) {
		ktap_print_msg("memfd %s: %s", name, strerror(errno));
		close(fd);
		return -EIO;
	}
	return fd;
}

/**
 * luo_memfds_preserve() - preserve two memfds in demo-memfd
 * @dev:     The /dev/liveupdate fd.
 * @session: Set to the session's fd, or -errno.
 *
 * "config" is a short text at position 7, sealed against shrinking and
 * growing; "guest-ram" is 1 MiB of a pattern at position 3 * 4096,
 * without seals.
 *
 * Return: 0, or -1 when anything failed.
 */
int luo_memfds_preserve(int dev, int *session)
{
	unsigned char *ram = ram_pattern();
	int config, fd, ret = 0;

	*session = create_session(dev, LUO_SESSION_MEMFD);
	config = memfd_make("config", CONFIG_TEXT, strlen(CONFIG_TEXT),
			    CONFIG_POS, CONFIG_SEALS);
	if (config < 0 || preserve_file(*session, config, LUO_TOKEN_CONFIG))
		ret = -1;
	else
		memfd_show("preserved", "config", strlen(CONFIG_TEXT),
			   CONFIG_POS, luo_fnv1a(CONFIG_TEXT,
						 strlen(CONFIG_TEXT)));
	if (!ram)
		return -1;
	fd = memfd_make("guest-ram", ram, RAM_BYTES, RAM_POS, RAM_SEALS);
	if (fd < 0 || preserve_file(*session, fd, LUO_TOKEN_RAM))
		ret = -1;
	else
		memfd_show("preserved", "guest-ram", RAM_BYTES, RAM_POS,
			   luo_fnv1a(ram, RAM_BYTES));
	free(ram);
	return ret;
}

/**
 * luo_memfd_too_big() - check that a memfd too big for the handler is
 * refused
 * @session: The session to try it in.
 * @bytes:   The memfd's size.
 *
 * Return: 0 when the preserve failed with ENOSPC, -1 otherwise.
 */
int luo_memfd_too_big(int session, long bytes)
{
	int fd = memfd_create("too-big", MFD_CLOEXEC), err;

	if (fd < 0 || ftruncate(fd, bytes)) {
		ktap_print_msg("memfd of %ld bytes: %s", bytes,
			       strerror(errno));
		return -1;
	}
	err = luo_preserve_fd(session, fd, LUO_TOKEN_TOO_BIG);
	ktap_print_msg("  a memfd of %ld bytes: %s", bytes, luo_strerror(err));
	close(fd);
	if (err != -ENOSPC) {
		ktap_print_msg("got %s, want ENOSPC", luo_strerror(err));
		return -1;
	}
	return 0;
}

/*
 * Whether the kernel's memfd handler keeps a memfd's name: ours
 * (sample-memfd) does; mainline's (memfd-v2, mm/memfd_luo.c) does not, by
 * design, and its memfds come back with an empty name.  The seals, checked
 * below, still say the file is a memfd.
 */
static bool memfd_names_kept(void)
{
	FILE *f = fopen("/sys/kernel/liveupdate/versions", "r");
	char line[64];
	bool kept = true;

	if (!f)
		return true;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "memfd-v", 7))
			kept = false;
	fclose(f);
	return kept;
}

/* Compares a restored memfd with what was preserved; says what differs. */
static int memfd_check(int fd, const char *name, const void *want,
		       size_t len, off_t pos, int seals)
{
	unsigned char *got = calloc(1, len + 1);
	int got_seals = fcntl(fd, F_GET_SEALS), ret = 0;
	char link[64], path[128] = "";
	off_t got_pos = lseek(fd, 0, SEEK_CUR);
	struct stat st = { 0 };
	ssize_t n;

	if (!got) {
		ktap_print_msg("malloc: %s", strerror(errno));
		return -1;
	}
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, path, sizeof(path) - 1);
	if (n > 0)
		path[n] = '\0';
	if (memfd_names_kept() &&
	    (!strstr(path, name) || !strstr(path, "memfd:"))) {
		ktap_print_msg("memfd %s: named \"%s\"", name, path);
		ret = -1;
	}
	if (fstat(fd, &st) || st.st_size != (off_t)len) {
		ktap_print_msg("memfd %s: %lld bytes, want %zu", name,
			       (long long)st.st_size, len);
		ret = -1;
	}
	if (got_pos != pos) {
		ktap_print_msg("memfd %s: position %lld, want %lld", name,
			       (long long)got_pos, (long long)pos);
		ret = -1;
	}
	n = pread(fd, got, len + 1, 0);
	if (n != (ssize_t)len || memcmp(got, want, len)) {
		ktap_print_msg("memfd %s: contents differ", name);
		ret = -1;
	}
	memfd_show("before", name, len, pos, luo_fnv1a(want, len));
	memfd_show("after ", name, st.st_size, got_pos, luo_fnv1a(got, len));
	if (got_seals != seals) {
		ktap_print_msg("memfd %s: seals %#x, want %#x", name,
			       got_seals, seals);
		ret = -1;
	}
	if (pwrite(fd, got, 1, 0) != 1) {
		ktap_print_msg("memfd %s: not writable: %s", name,
			       strerror(errno));
		ret = -1;
	}
	free(got);
	return ret;
}

/**
 * luo_memfds_restore() - retrieve the two memfds and compare them: name,
 * size, position, contents, seals, and that they are writable
 * @session: The demo-memfd session's fd.
 *
 * Return: 0, or -1 when anything failed or differed.
 */
int luo_memfds_restore(int session)
{
	unsigned char *ram = ram_pattern();
	int fd, ret = 0;

	ktap_print_msg("restoring, session %s:", LUO_SESSION_MEMFD);
	fd = retrieve_timed(session, LUO_TOKEN_CONFIG);
	if (fd < 0 || memfd_check(fd, "config", CONFIG_TEXT,
				  strlen(CONFIG_TEXT), CONFIG_POS,
				  CONFIG_SEALS))
		ret = -1;
	fd = retrieve_timed(session, LUO_TOKEN_RAM);
	if (fd < 0 || !ram ||
	    memfd_check(fd, "guest-ram", ram, RAM_BYTES, RAM_POS, RAM_SEALS))
		ret = -1;
	free(ram);
	return ret;
}
