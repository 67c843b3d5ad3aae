// SPDX-License-Identifier: GPL-2.0
/*
 * Userspace test of /dev/liveupdate, run in a QEMU guest on either side of
 * a kexec:
 *
 *   luo_uapi_test before   bad inputs on the outgoing side, then two
 *                          sessions of /dev/luo_testdev files, frozen
 *   luo_uapi_test after    bad inputs on the incoming side, then every
 *                          file retrieved and checked, and finished
 *   luo_uapi_test doomed   a session whose file fails to freeze
 *   luo_uapi_test nothing  after a failed update: no session handed over
 *
 * Prints "luo-test: ok NAME" or "luo-test: not ok NAME: why" per check.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/liveupdate.h>

static int failures;

static void result(int ok, const char *name, const char *fmt, ...)
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

/* Expect ioctl() to fail with @err (0: to succeed). */
static void expect(const char *name, int ret, int err)
{
	int got = ret < 0 ? errno : 0;

	result(got == err, name, "got %s, want %s", strerror(got),
	       strerror(err));
}

static int open_dev(void)
{
	int fd = open("/dev/liveupdate", O_RDWR);

	if (fd < 0) {
		perror("/dev/liveupdate");
		exit(2);
	}
	return fd;
}

static int create(int dev, const char *name)
{
	struct liveupdate_ioctl_create_session a = { .size = sizeof(a) };

	snprintf((char *)a.name, sizeof(a.name), "%s", name);
	if (ioctl(dev, LIVEUPDATE_IOCTL_CREATE_SESSION, &a) < 0)
		return -errno;
	return a.fd;
}

static int preserve(int session, int fd, __u64 token)
{
	struct liveupdate_session_preserve_fd a = {
		.size = sizeof(a), .fd = fd, .token = token,
	};

	return ioctl(session, LIVEUPDATE_SESSION_PRESERVE_FD, &a);
}

static int testdev(__u64 value)
{
	int fd = open("/dev/luo_testdev", O_RDWR);

	if (fd < 0 || write(fd, &value, sizeof(value)) != sizeof(value)) {
		perror("/dev/luo_testdev");
		exit(2);
	}
	return fd;
}

static void bad_create(int dev)
{
	struct {
		struct liveupdate_ioctl_create_session a;
		__u8 tail[16];
	} big = { .a.size = sizeof(big) };
	struct liveupdate_ioctl_create_session a = { .size = sizeof(a) };
	int fd;

	expect("unknown-ioctl", ioctl(dev, _IO(LIVEUPDATE_IOCTL_TYPE, 0x3f), &a),
	       ENOTTY);
	expect("null-argument", ioctl(dev, LIVEUPDATE_IOCTL_CREATE_SESSION,
				      NULL), EFAULT);
	a.size = 4;
	snprintf((char *)a.name, sizeof(a.name), "%s", "small");
	expect("size-too-small", ioctl(dev, LIVEUPDATE_IOCTL_CREATE_SESSION, &a),
	       EINVAL);
	a.size = 65536;
	expect("size-too-large", ioctl(dev, LIVEUPDATE_IOCTL_CREATE_SESSION, &a),
	       E2BIG);
	a.size = sizeof(a);
	a.name[0] = '\0';
	expect("empty-name", ioctl(dev, LIVEUPDATE_IOCTL_CREATE_SESSION, &a),
	       EINVAL);
	memset(a.name, 'x', sizeof(a.name));
	expect("unterminated-name",
	       ioctl(dev, LIVEUPDATE_IOCTL_CREATE_SESSION, &a), EINVAL);

	snprintf((char *)big.a.name, sizeof(big.a.name), "%s", "tail");
	big.tail[3] = 1;
	expect("non-zero-tail", ioctl(dev, LIVEUPDATE_IOCTL_CREATE_SESSION,
				      &big), E2BIG);
	big.tail[3] = 0;
	expect("zero-tail-accepted",
	       ioctl(dev, LIVEUPDATE_IOCTL_CREATE_SESSION, &big), 0);
	close(big.a.fd);

	fd = create(dev, "dup");
	result(fd >= 0, "create", "%s", strerror(-fd));
	result(create(dev, "dup") == -EEXIST, "duplicate-name", "not EEXIST");
	close(fd);
	fd = create(dev, "dup");
	result(fd >= 0, "name-free-after-close", "%s", strerror(-fd));
	close(fd);

	snprintf((char *)a.name, sizeof(a.name), "%s", "nosuch");
	expect("retrieve-unknown-session",
	       ioctl(dev, LIVEUPDATE_IOCTL_RETRIEVE_SESSION, &a), ENOENT);
	result(open("/dev/liveupdate", O_RDWR) < 0 && errno == EBUSY,
	       "second-open", "%s", strerror(errno));
}

static void bad_session(int dev)
{
	struct liveupdate_session_finish fin = { .size = sizeof(fin) };
	struct liveupdate_session_get_name gn = { .size = sizeof(gn) };
	struct liveupdate_session_retrieve_fd r = { .size = sizeof(r) };
	int s = create(dev, "bad"), t = create(dev, "bad2");
	int pipefd[2], f = testdev(7);

	expect("preserve-bad-fd", preserve(s, -1, 1), EBADF);
	if (pipe(pipefd))
		exit(2);
	expect("preserve-unsupported-fd", preserve(s, pipefd[0], 1), ENOENT);
	expect("preserve", preserve(s, f, 1), 0);
	expect("preserve-twice", preserve(s, f, 2), EBUSY);
	expect("preserve-in-two-sessions", preserve(t, f, 1), EBUSY);
	expect("duplicate-token", preserve(s, testdev(8), 1), EEXIST);
	expect("session-unknown-ioctl", ioctl(s, _IO(LIVEUPDATE_IOCTL_TYPE, 0x4f),
					      &fin), ENOTTY);
	expect("finish-outgoing", ioctl(s, LIVEUPDATE_SESSION_FINISH, &fin),
	       EINVAL);
	fin.reserved = 1;
	expect("finish-reserved", ioctl(s, LIVEUPDATE_SESSION_FINISH, &fin),
	       EINVAL);
	r.token = 1;
	expect("retrieve-on-outgoing", ioctl(s, LIVEUPDATE_SESSION_RETRIEVE_FD,
					     &r), EINVAL);
	gn.reserved = 1;
	expect("get-name-reserved", ioctl(s, LIVEUPDATE_SESSION_GET_NAME, &gn),
	       EINVAL);
	gn.reserved = 0;
	expect("get-name", ioctl(s, LIVEUPDATE_SESSION_GET_NAME, &gn), 0);
	result(!strcmp((char *)gn.name, "bad"), "get-name-value", "'%s'",
	       gn.name);
	/* Closing unpreserves: the file can go to another session now. */
	close(s);
	expect("preserve-after-close", preserve(t, f, 1), 0);
	close(t);
	close(f);
}

/* Keep these open: the kexec hands them over. */
static void before(void)
{
	int dev = open_dev(), a, b;

	bad_create(dev);
	bad_session(dev);

	a = create(dev, "vm");
	b = create(dev, "disks");
	expect("preserve-vm-1", preserve(a, testdev(0x1111), 1), 0);
	expect("preserve-vm-2", preserve(a, testdev(0x2222), 2), 0);
	expect("preserve-disks-1", preserve(b, testdev(0x3333), 1), 0);
	/* The fds must stay open until the kexec: wait for it. */
	printf("luo-test: ready\n");
	fflush(stdout);
	for (;;)
		pause();
}

static __u64 retrieve(int session, __u64 token, int *err)
{
	struct liveupdate_session_retrieve_fd r = {
		.size = sizeof(r), .token = token,
	};
	__u64 value = 0;

	*err = ioctl(session, LIVEUPDATE_SESSION_RETRIEVE_FD, &r) < 0 ? errno : 0;
	if (!*err) {
		if (read(r.fd, &value, sizeof(value)) != sizeof(value))
			*err = EIO;
		close(r.fd);
	}
	return value;
}

static int retrieve_session(int dev, const char *name)
{
	struct liveupdate_ioctl_retrieve_session a = { .size = sizeof(a) };

	snprintf((char *)a.name, sizeof(a.name), "%s", name);
	if (ioctl(dev, LIVEUPDATE_IOCTL_RETRIEVE_SESSION, &a) < 0)
		return -errno;
	return a.fd;
}

static void check_value(int s, __u64 token, __u64 want, const char *name)
{
	int err;
	__u64 got = retrieve(s, token, &err);

	result(!err && got == want, name, "%s, value %#llx, want %#llx",
	       strerror(err), (unsigned long long)got,
	       (unsigned long long)want);
}

static void after(void)
{
	struct liveupdate_session_finish fin = { .size = sizeof(fin) };
	int dev = open_dev(), vm, disks, err;

	vm = retrieve_session(dev, "vm");
	result(vm >= 0, "retrieve-session", "%s", strerror(-vm));
	result(retrieve_session(dev, "vm") == -EBUSY, "retrieve-session-twice",
	       "not EBUSY");
	result(retrieve_session(dev, "bad") == -ENOENT,
	       "closed-session-not-handed-over", "not ENOENT");
	retrieve(vm, 99, &err);
	result(err == ENOENT, "retrieve-unknown-token", "%s", strerror(err));
	check_value(vm, 2, 0x2222, "retrieve-vm-2");
	check_value(vm, 1, 0x1111, "retrieve-vm-1");
	retrieve(vm, 1, &err);
	result(err == EEXIST, "retrieve-twice", "%s", strerror(err));
	expect("finish", ioctl(vm, LIVEUPDATE_SESSION_FINISH, &fin), 0);
	close(vm);

	/* Finishing without retrieving releases the state too. */
	disks = retrieve_session(dev, "disks");
	expect("finish-unretrieved", ioctl(disks, LIVEUPDATE_SESSION_FINISH,
					   &fin), 0);
	close(disks);
}

/* A file that fails to freeze: the kexec goes on, the image must not. */
static void before_failing_freeze(void)
{
	int dev = open_dev(), s = create(dev, "doomed");

	expect("preserve-doomed", preserve(s, testdev(0xdead), 1), 0);
	printf("luo-test: ready\n");
	fflush(stdout);
	for (;;)
		pause();
}

static void after_failing_freeze(void)
{
	int dev = open_dev();

	result(retrieve_session(dev, "doomed") == -ENOENT,
	       "failed-update-hands-over-nothing", "session found");
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "before"))
		before();
	else if (argc == 2 && !strcmp(argv[1], "after"))
		after();
	else if (argc == 2 && !strcmp(argv[1], "doomed"))
		before_failing_freeze();
	else if (argc == 2 && !strcmp(argv[1], "nothing"))
		after_failing_freeze();
	else
		return fprintf(stderr, "usage: %s before|after|doomed|nothing\n", argv[0]), 2;
	return failures ? 1 : 0;
}
