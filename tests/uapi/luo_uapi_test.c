// SPDX-License-Identifier: GPL-2.0
/*
 * Userspace test of /dev/liveupdate, run in a QEMU guest on either side of
 * a kexec:
 *
 *   luo_uapi_test before   bad inputs on the outgoing side, then two
 *                          sessions of /dev/luo_testdev files, held until
 *                          the kexec
 *   luo_uapi_test after    bad inputs on the incoming side, then every
 *                          file retrieved and checked, and finished
 *   luo_uapi_test doomed   a session whose file fails to freeze, held
 *                          until the kexec
 *   luo_uapi_test nothing  after a failed update: no session handed over
 *
 * Each prints one KTAP document (tests/liveupdate/ktap.h) and exits 0
 * when every test passed.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/liveupdate.h>
#include <linux/userfaultfd.h>

#include "ktap.h"
#include "luo_test_util.h"

#define BEFORE_TESTS	33
#define AFTER_TESTS	9

/* An ioctl()'s result as the luo_test_util helpers give it: -errno. */
static int sys(int ret)
{
	return ret < 0 ? -errno : ret;
}

/* Expect @ret, from a helper or sys(), to be -@err (0: a success). */
static void expect(const char *name, int ret, int err)
{
	int got = ret < 0 ? -ret : 0;

	ktap_test_result_why(got == err, name, "got %s, want %s",
			     strerror(got), strerror(err));
}

static int open_dev(void)
{
	int fd = luo_open_dev();

	if (fd < 0)
		ktap_exit_fail_msg("%s: %s", LUO_DEV, luo_strerror(fd));
	return fd;
}

/* A new /dev/luo_testdev file holding @value. */
static int testdev(__u64 value)
{
	int fd = open("/dev/luo_testdev", O_RDWR);

	if (fd < 0 || write(fd, &value, sizeof(value)) != sizeof(value))
		ktap_exit_fail_msg("/dev/luo_testdev: %s", strerror(errno));
	return fd;
}

static void hold_sessions(void)
{
	int err;

	ktap_print_msg("holding the sessions until the kexec");
	err = luo_daemonize_and_hold();
	if (err)
		ktap_exit_fail_msg("cannot hold the sessions: %s",
				   luo_strerror(err));
}

/* 13 tests. */
static void bad_create(int dev)
{
	struct {
		struct liveupdate_ioctl_create_session a;
		__u8 tail[16];
	} big = { .a.size = sizeof(big) };
	struct liveupdate_ioctl_create_session a = { .size = sizeof(a) };
	int fd;

	expect("unknown-ioctl",
	       sys(ioctl(dev, _IO(LIVEUPDATE_IOCTL_TYPE, 0x3f), &a)), ENOTTY);
	expect("null-argument",
	       sys(ioctl(dev, LIVEUPDATE_IOCTL_CREATE_SESSION, NULL)), EFAULT);
	a.size = 4;
	snprintf((char *)a.name, sizeof(a.name), "%s", "small");
	expect("size-too-small",
	       sys(ioctl(dev, LIVEUPDATE_IOCTL_CREATE_SESSION, &a)), EINVAL);
	a.size = 65536;
	expect("size-too-large",
	       sys(ioctl(dev, LIVEUPDATE_IOCTL_CREATE_SESSION, &a)), E2BIG);
	a.size = sizeof(a);
	a.name[0] = '\0';
	expect("empty-name",
	       sys(ioctl(dev, LIVEUPDATE_IOCTL_CREATE_SESSION, &a)), EINVAL);
	memset(a.name, 'x', sizeof(a.name));
	expect("unterminated-name",
	       sys(ioctl(dev, LIVEUPDATE_IOCTL_CREATE_SESSION, &a)), EINVAL);

	snprintf((char *)big.a.name, sizeof(big.a.name), "%s", "tail");
	big.tail[3] = 1;
	expect("non-zero-tail",
	       sys(ioctl(dev, LIVEUPDATE_IOCTL_CREATE_SESSION, &big)), E2BIG);
	big.tail[3] = 0;
	expect("zero-tail-accepted",
	       sys(ioctl(dev, LIVEUPDATE_IOCTL_CREATE_SESSION, &big)), 0);
	close(big.a.fd);

	fd = luo_create_session(dev, "dup");
	expect("create", fd, 0);
	expect("duplicate-name", luo_create_session(dev, "dup"), EEXIST);
	close(fd);
	fd = luo_create_session(dev, "dup");
	expect("name-free-after-close", fd, 0);
	close(fd);

	expect("retrieve-unknown-session", luo_retrieve_session(dev, "nosuch"),
	       ENOENT);
	expect("second-open", luo_open_dev(), EBUSY);
}

/*
 * The caller changes the size field while the kernel copies the argument
 * in: a kernel that reads it twice would size the copy back with the
 * second value and could install a session fd without reporting it.  The
 * window is made certain, not raced for: the argument's zero tail lies on
 * a page that userfaultfd leaves missing, so copy_struct_from_user()'s
 * tail check stops on it after the kernel's first read of the size and
 * before it copies the struct; the fault handler sets the size to 0, then
 * maps a zero page.
 */
struct size_flip {
	int uffd;
	__u32 *size;
	int flipped;
};

static void *flip_size_on_fault(void *arg)
{
	struct size_flip *f = arg;
	struct pollfd p = { .fd = f->uffd, .events = POLLIN };
	struct uffd_msg msg;
	struct uffdio_zeropage zp;
	long page = sysconf(_SC_PAGESIZE);

	if (poll(&p, 1, 10000) != 1 ||
	    read(f->uffd, &msg, sizeof(msg)) != sizeof(msg) ||
	    msg.event != UFFD_EVENT_PAGEFAULT)
		goto release;
	*f->size = 0;
	zp.range.start = msg.arg.pagefault.address & ~(page - 1);
	zp.range.len = page;
	zp.mode = 0;
	if (!ioctl(f->uffd, UFFDIO_ZEROPAGE, &zp)) {
		f->flipped = 1;
		return NULL;
	}
release:
	/*
	 * Closing the userfaultfd wakes the faulting ioctl, which then runs
	 * without it: the test fails (not flipped) instead of hanging.
	 */
	close(f->uffd);
	f->uffd = -1;
	return NULL;
}

/* Whether @fd is the session named @name. */
static int is_session_named(int fd, const char *name)
{
	struct liveupdate_session_get_name gn = { .size = sizeof(gn) };

	return !ioctl(fd, LIVEUPDATE_SESSION_GET_NAME, &gn) &&
	       !strcmp((char *)gn.name, name);
}

/* 3 tests. */
static void size_changed_during_copy(int dev)
{
	struct liveupdate_ioctl_create_session *a;
	struct uffdio_api api = { .api = UFFD_API };
	struct uffdio_register reg = { .mode = UFFDIO_REGISTER_MODE_MISSING };
	long page = sysconf(_SC_PAGESIZE);
	struct size_flip f = { .uffd = -1 };
	const __u32 usize = sizeof(*a) + 16;
	pthread_t thread;
	char *map;
	int ret;

	map = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	f.uffd = syscall(__NR_userfaultfd, O_CLOEXEC);
	if (map == MAP_FAILED || f.uffd < 0 ||
	    ioctl(f.uffd, UFFDIO_API, &api))
		ktap_exit_fail_msg("userfaultfd: %s", strerror(errno));
	reg.range.start = (unsigned long)map + page;
	reg.range.len = page;
	if (ioctl(f.uffd, UFFDIO_REGISTER, &reg))
		ktap_exit_fail_msg("UFFDIO_REGISTER: %s", strerror(errno));

	/* The struct ends the first page; its zero tail starts the second. */
	a = (void *)(map + page - sizeof(*a));
	memset(a, 0, sizeof(*a));
	a->size = usize;
	a->fd = -1;
	snprintf((char *)a->name, sizeof(a->name), "%s", "size-flip");
	f.size = &a->size;
	if (pthread_create(&thread, NULL, flip_size_on_fault, &f))
		ktap_exit_fail_msg("pthread_create failed");
	ret = sys(ioctl(dev, LIVEUPDATE_IOCTL_CREATE_SESSION, a));
	pthread_join(thread, NULL);

	ktap_test_result_why(f.flipped && ret == 0, "size-flip-create",
			     "flipped %d, %s", f.flipped, strerror(-ret));
	ktap_test_result_why(a->size == usize, "size-flip-size-restored",
			     "size %u, want %u", a->size, usize);
	ret = a->fd >= 0 ? is_session_named(a->fd, "size-flip") : 0;
	ktap_test_result_why(ret, "size-flip-fd-reported",
			     "fd %d is %sthe new session", a->fd,
			     ret ? "" : "not ");
	if (a->fd >= 0)
		close(a->fd);
	if (f.uffd >= 0)
		close(f.uffd);
	munmap(map, 2 * page);
}

/* 14 tests. */
static void bad_session(int dev)
{
	struct liveupdate_session_finish fin = { .size = sizeof(fin) };
	struct liveupdate_session_get_name gn = { .size = sizeof(gn) };
	int s = luo_create_session(dev, "bad");
	int t = luo_create_session(dev, "bad2");
	int pipefd[2], f = testdev(7);

	expect("preserve-bad-fd", luo_preserve_fd(s, -1, 1), EBADF);
	if (pipe(pipefd))
		ktap_exit_fail_msg("pipe: %s", strerror(errno));
	expect("preserve-unsupported-fd", luo_preserve_fd(s, pipefd[0], 1),
	       ENOENT);
	expect("preserve", luo_preserve_fd(s, f, 1), 0);
	expect("preserve-twice", luo_preserve_fd(s, f, 2), EBUSY);
	expect("preserve-in-two-sessions", luo_preserve_fd(t, f, 1), EBUSY);
	expect("duplicate-token", luo_preserve_fd(s, testdev(8), 1), EEXIST);
	expect("session-unknown-ioctl",
	       sys(ioctl(s, _IO(LIVEUPDATE_IOCTL_TYPE, 0x4f), &fin)), ENOTTY);
	expect("finish-outgoing", luo_finish_session(s), EINVAL);
	fin.reserved = 1;
	expect("finish-reserved",
	       sys(ioctl(s, LIVEUPDATE_SESSION_FINISH, &fin)), EINVAL);
	expect("retrieve-on-outgoing", luo_retrieve_fd(s, 1), EINVAL);
	gn.reserved = 1;
	expect("get-name-reserved",
	       sys(ioctl(s, LIVEUPDATE_SESSION_GET_NAME, &gn)), EINVAL);
	gn.reserved = 0;
	expect("get-name", sys(ioctl(s, LIVEUPDATE_SESSION_GET_NAME, &gn)), 0);
	ktap_test_result_why(!strcmp((char *)gn.name, "bad"), "get-name-value",
			     "'%s'", gn.name);
	/* Closing unpreserves: the file can go to another session now. */
	close(s);
	expect("preserve-after-close", luo_preserve_fd(t, f, 1), 0);
	close(t);
	close(f);
}

/* Keeps the sessions open: the kexec hands them over. */
static void stage_before(void)
{
	int dev, a, b;

	ktap_print_header();
	ktap_set_plan(BEFORE_TESTS);
	dev = open_dev();
	bad_create(dev);
	size_changed_during_copy(dev);
	bad_session(dev);

	a = luo_create_session(dev, "vm");
	b = luo_create_session(dev, "disks");
	expect("preserve-vm-1", luo_preserve_fd(a, testdev(0x1111), 1), 0);
	expect("preserve-vm-2", luo_preserve_fd(a, testdev(0x2222), 2), 0);
	expect("preserve-disks-1", luo_preserve_fd(b, testdev(0x3333), 1), 0);
	hold_sessions();
	ktap_finished();
}

/* Retrieves the testdev file @token of @s and checks its value. */
static void check_value(int s, __u64 token, __u64 want, const char *name)
{
	int fd = luo_retrieve_fd(s, token), err = 0;
	__u64 got = 0;

	if (fd < 0) {
		err = -fd;
	} else {
		if (read(fd, &got, sizeof(got)) != sizeof(got))
			err = EIO;
		close(fd);
	}
	ktap_test_result_why(!err && got == want, name,
			     "%s, value %#llx, want %#llx", strerror(err),
			     (unsigned long long)got,
			     (unsigned long long)want);
}

static void stage_after(void)
{
	int dev, vm, disks;

	ktap_print_header();
	ktap_set_plan(AFTER_TESTS);
	dev = open_dev();
	vm = luo_retrieve_session(dev, "vm");
	expect("retrieve-session", vm, 0);
	expect("retrieve-session-twice", luo_retrieve_session(dev, "vm"),
	       EBUSY);
	expect("closed-session-not-handed-over",
	       luo_retrieve_session(dev, "bad"), ENOENT);
	expect("retrieve-unknown-token", luo_retrieve_fd(vm, 99), ENOENT);
	check_value(vm, 2, 0x2222, "retrieve-vm-2");
	check_value(vm, 1, 0x1111, "retrieve-vm-1");
	expect("retrieve-twice", luo_retrieve_fd(vm, 1), EEXIST);
	expect("finish", luo_finish_session(vm), 0);
	close(vm);

	/* Finishing without retrieving releases the state too. */
	disks = luo_retrieve_session(dev, "disks");
	expect("finish-unretrieved", luo_finish_session(disks), 0);
	close(disks);
	ktap_finished();
}

/* A file that fails to freeze: the kexec goes on, the image must not. */
static void before_failing_freeze(void)
{
	int dev, s;

	ktap_print_header();
	ktap_set_plan(1);
	dev = open_dev();
	s = luo_create_session(dev, "doomed");
	expect("preserve-doomed", luo_preserve_fd(s, testdev(0xdead), 1), 0);
	hold_sessions();
	ktap_finished();
}

static void after_failing_freeze(void)
{
	int dev;

	ktap_print_header();
	ktap_set_plan(1);
	dev = open_dev();
	expect("failed-update-hands-over-nothing",
	       luo_retrieve_session(dev, "doomed"), ENOENT);
	ktap_finished();
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "before"))
		stage_before();
	if (argc == 2 && !strcmp(argv[1], "after"))
		stage_after();
	if (argc == 2 && !strcmp(argv[1], "doomed"))
		before_failing_freeze();
	if (argc == 2 && !strcmp(argv[1], "nothing"))
		after_failing_freeze();
	fprintf(stderr, "usage: %s before|after|doomed|nothing\n", argv[0]);
	return 2;
}
