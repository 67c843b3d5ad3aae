// SPDX-License-Identifier: GPL-2.0
/*
 * End-to-end live update of the kit's fixture driver (tests/kit/ringdev),
 * built out of tree with scripts/Makefile.luo_handler: a pool of
 * ringpool.ko and a ring of ringdev.ko that depends on it.
 *
 *   e2e_kit_ring before
 *	Makes a pool and a ring that refers to it, preserves both in the
 *	session "kit-ring" (the pool first), and holds the session open.
 *
 *   e2e_kit_ring after
 *	Retrieves the ring before its pool (refused: EAGAIN), then the pool
 *	and the ring, checks every value and that the ring refers to the
 *	restored pool, and finishes the session.
 *
 * Each prints one KTAP document and exits 0 when every test passed.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "ktap.h"
#include "luo_test_util.h"
#include "ring_uapi.h"

#define SESSION		"kit-ring"
#define TOKEN_POOL	1
#define TOKEN_RING	2
#define POOL_ID		0x5eedULL
#define POOL_SLOTS	8

static const struct ringdev_config ring_want = {
	.count = 5,
	.head = 3,
	.layout = 2,
	.pool_id = POOL_ID,
	.name = "ring-a",
	.entries = { 1, 2, 3, 5, 8 },
};

static int open_dev(const char *path)
{
	int fd = open(path, O_RDWR | O_CLOEXEC);

	if (fd < 0)
		ktap_exit_fail_msg("%s: %s", path, strerror(errno));
	return fd;
}

static void stage_before(void)
{
	struct ringpool_config pool = { .id = POOL_ID, .slots = POOL_SLOTS };
	struct ringdev_config ring = ring_want;
	int dev, s, pool_fd, ring_fd, err;

	ktap_print_header();
	ktap_set_plan(2);
	dev = luo_open_dev();
	if (dev < 0)
		ktap_exit_fail_msg("%s: %s", LUO_DEV, luo_strerror(dev));
	pool_fd = open_dev("/dev/luo_ringpool");
	ring_fd = open_dev("/dev/luo_ringdev");
	ring.pool_fd = pool_fd;
	if (ioctl(pool_fd, RINGPOOL_SET, &pool) ||
	    ioctl(ring_fd, RINGDEV_SET, &ring))
		ktap_exit_fail_msg("set: %s", strerror(errno));
	s = luo_create_session(dev, SESSION);
	if (s < 0)
		ktap_exit_fail_msg("session %s: %s", SESSION, luo_strerror(s));
	err = luo_preserve_fd(s, ring_fd, TOKEN_RING);
	ktap_test_result_why(err == -ENOENT, "ring-before-pool-refused",
			     "got %s, want ENOENT", luo_strerror(err));
	err = luo_preserve_fd(s, pool_fd, TOKEN_POOL);
	if (!err)
		err = luo_preserve_fd(s, ring_fd, TOKEN_RING);
	ktap_test_result_why(!err, "pool-and-ring-preserved", "%s",
			     luo_strerror(err));
	ktap_print_msg("holding the session until the kexec");
	err = luo_daemonize_and_hold();
	if (err)
		ktap_exit_fail_msg("cannot hold the session: %s",
				   luo_strerror(err));
	ktap_finished();
}

static bool ring_equal(const struct ringdev_config *got)
{
	const struct ringdev_config *w = &ring_want;

	if (got->count == w->count && got->head == w->head &&
	    got->layout == w->layout && got->pool_id == w->pool_id &&
	    !strcmp(got->name, w->name) &&
	    !memcmp(got->entries, w->entries, sizeof(w->entries)))
		return true;
	ktap_print_msg("ring \"%.*s\" count %u head %u layout %u pool %#llx",
		       (int)sizeof(got->name), got->name, got->count,
		       got->head, got->layout,
		       (unsigned long long)got->pool_id);
	return false;
}

static void stage_after(void)
{
	struct ringpool_config pool = {};
	struct ringdev_config ring = {};
	int dev, s, pool_fd, ring_fd;

	ktap_print_header();
	ktap_set_plan(5);
	dev = luo_open_dev();
	if (dev < 0)
		ktap_exit_fail_msg("%s: %s", LUO_DEV, luo_strerror(dev));
	s = luo_retrieve_session(dev, SESSION);
	if (s < 0)
		ktap_exit_fail_msg("session %s: %s", SESSION, luo_strerror(s));
	ring_fd = luo_retrieve_fd(s, TOKEN_RING);
	ktap_test_result_why(ring_fd == -EAGAIN, "ring-before-pool-refused",
			     "got %s, want EAGAIN", luo_strerror(ring_fd));
	pool_fd = luo_retrieve_fd(s, TOKEN_POOL);
	ktap_test_result_why(pool_fd >= 0 &&
			     !ioctl(pool_fd, RINGPOOL_GET, &pool) &&
			     pool.id == POOL_ID && pool.slots == POOL_SLOTS,
			     "pool-restored", "fd %s, id %#llx, slots %u",
			     luo_strerror(pool_fd),
			     (unsigned long long)pool.id, pool.slots);
	ring_fd = luo_retrieve_fd(s, TOKEN_RING);
	ktap_test_result_why(ring_fd >= 0, "ring-retrieved", "%s",
			     luo_strerror(ring_fd));
	ktap_test_result(ring_fd >= 0 && !ioctl(ring_fd, RINGDEV_GET, &ring) &&
			 ring_equal(&ring), "ring-restored-with-its-pool");
	ktap_test_result_why(!luo_finish_session(s), "session-finished",
			     "finish %s", SESSION);
	ktap_finished();
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "before"))
		stage_before();
	if (argc == 2 && !strcmp(argv[1], "after"))
		stage_after();
	fprintf(stderr, "usage: e2e_kit_ring before|after\n");
	return 2;
}
