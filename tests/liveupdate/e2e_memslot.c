// SPDX-License-Identifier: GPL-2.0
/*
 * End-to-end live update of guest RAM: a memfd preserved by the kernel's
 * memfd handler, and a memory slot of a VM that refers to it, a
 * LUO_FILE_TYPE() dependency of the framework on another handler's file:
 *
 *   e2e_memslot before [--size BYTES]
 *	Fills a memfd of BYTES (256 MiB) with a pattern, makes it the RAM
 *	of a slot of a VM (after checking that slots that cannot be are
 *	refused, and that the slot cannot go before its RAM), and
 *	preserves, in session demo-guest, the VM (token 40), the memfd (41)
 *	and the slot (42); prints the memfd's
 *	preserve time and its hash; holds the session until the kexec.
 *
 *   e2e_memslot after [--size BYTES]
 *	Retrieves the three in order, timing the memfd's retrieve; checks
 *	that the restored slot refers to the restored VM and memfd, and
 *	that the memfd's size and hash are what was preserved; finishes the
 *	session.
 *
 * Each prints one KTAP document and exits 0 when every test passed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sample_liveupdate.h"

#include "ktap.h"
#include "luo_test_util.h"

#define SESSION		"demo-guest"
#define TOKEN_VM	40
#define TOKEN_RAM	41
#define TOKEN_SLOT	42
#define SLOT_GPA	0x100000000ULL
#define GUEST_VM_ID	0x9e57ULL

/* Every 8 bytes their own offset, mixed: no two pages alike. */
static void fill(__u64 *p, size_t len)
{
	size_t i;

	for (i = 0; i < len / 8; i++)
		p[i] = (i * 0x9e3779b97f4a7c15ULL) ^ (i >> 9);
}

/* The memfd's contents, mapped: its size and hash, or -1. */
static int ram_hash(int fd, size_t len, __u64 *hash)
{
	struct stat st;
	void *p;

	if (fstat(fd, &st)) {
		ktap_print_msg("memfd: %s", strerror(errno));
		return -1;
	}
	if ((size_t)st.st_size != len) {
		ktap_print_msg("memfd: %lld bytes, want %zu",
			       (long long)st.st_size, len);
		return -1;
	}
	p = mmap(NULL, len, PROT_READ, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED) {
		ktap_print_msg("mmap: %s", strerror(errno));
		return -1;
	}
	*hash = luo_fnv1a(p, len);
	munmap(p, len);
	return 0;
}

/* The hash the pattern of fill() has over @len bytes. */
static __u64 pattern_hash(size_t len)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	__u64 hash;

	if (p == MAP_FAILED)
		return 0;
	fill(p, len);
	hash = luo_fnv1a(p, len);
	munmap(p, len);
	return hash;
}

static int make_ram(size_t len)
{
	int fd = memfd_create("guest-ram-big", MFD_CLOEXEC);
	void *p;

	if (fd < 0 || ftruncate(fd, len)) {
		ktap_print_msg("memfd of %zu bytes: %s", len, strerror(errno));
		return -1;
	}
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED) {
		ktap_print_msg("mmap: %s", strerror(errno));
		return -1;
	}
	fill(p, len);
	munmap(p, len);
	return fd;
}

/* A VM with a slot of @ram; the slot's fd, or -1. */
static int make_slot(int *vm, int ram, size_t len)
{
	struct sample_memslot args = {
		.memfd = ram, .gpa = SLOT_GPA, .size = len,
	};
	__u64 id = GUEST_VM_ID;
	int slot;

	*vm = open("/dev/luo_sample_vm", O_RDWR | O_CLOEXEC);
	if (*vm < 0 || ioctl(*vm, SAMPLE_VM_SET_ID, &id)) {
		ktap_print_msg("VM: %s", strerror(errno));
		return -1;
	}
	slot = ioctl(*vm, SAMPLE_VM_CREATE_MEMSLOT, &args);
	if (slot < 0)
		ktap_print_msg("memslot: %s", strerror(errno));
	return slot;
}

/* What a slot cannot be, the driver refuses with EINVAL (or EBADF). */
static bool slot_refusals(int vm, int ram, size_t len)
{
	static const struct {
		const char *what;
		__u64 gpa, size;
		__u32 flags;
		int err;
	} bad[] = {
		{ "larger than its memfd", SLOT_GPA, 0, 0, EINVAL },
		{ "gpa not page-aligned", SLOT_GPA + 8, 4096, 0, EINVAL },
		{ "size not page-aligned", SLOT_GPA, 100, 0, EINVAL },
		{ "empty", SLOT_GPA, 0, 0, EINVAL },
		{ "past the end of the address space", ~0ULL & ~4095ULL, 8192,
		  0, EINVAL },
		{ "unknown flags", SLOT_GPA, 4096, 1, EINVAL },
	};
	struct sample_memslot args;
	bool ok = true;
	size_t i;
	int fd;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		args = (struct sample_memslot){
			.memfd = ram, .gpa = bad[i].gpa,
			.size = i ? bad[i].size : len + 4096,
			.flags = bad[i].flags,
		};
		fd = ioctl(vm, SAMPLE_VM_CREATE_MEMSLOT, &args);
		if (fd >= 0)
			close(fd);
		if (fd >= 0 || errno != bad[i].err) {
			ktap_print_msg("memslot %s: %s, want %s", bad[i].what,
				       fd >= 0 ? "created" : strerror(errno),
				       strerror(bad[i].err));
			ok = false;
		}
	}
	/* RAM that is not a memfd: the VM's own fd. */
	args = (struct sample_memslot){ .memfd = vm, .gpa = SLOT_GPA,
					.size = 4096 };
	fd = ioctl(vm, SAMPLE_VM_CREATE_MEMSLOT, &args);
	if (fd >= 0)
		close(fd);
	if (fd >= 0 || errno != EINVAL) {
		ktap_print_msg("memslot on a VM fd: %s, want EINVAL",
			       fd >= 0 ? "created" : strerror(errno));
		ok = false;
	}
	return ok;
}

/* The VM is preserved: the RAM (timed), then the slot. */
static bool preserve_rest(int session, int ram, int slot)
{
	__u64 t = luo_now_ns();
	int err;

	err = luo_preserve_fd(session, ram, TOKEN_RAM);
	ktap_print_msg("time: memfd_preserve_us=%llu",
		       (unsigned long long)(luo_now_ns() - t) / 1000);
	if (!err)
		err = luo_preserve_fd(session, slot, TOKEN_SLOT);
	if (err)
		ktap_print_msg("preserve: %s", luo_strerror(err));
	return !err;
}

static void stage_before(size_t len)
{
	int dev, session, vm = -1, ram, slot = -1, err;
	__u64 hash = 0;

	ktap_print_header();
	ktap_set_plan(5);
	dev = luo_open_dev();
	if (dev < 0)
		ktap_exit_fail_msg("%s: %s", LUO_DEV, luo_strerror(dev));
	ram = make_ram(len);
	ktap_test_result(ram >= 0 && !ram_hash(ram, len, &hash), "ram-filled");
	ktap_print_msg("guest RAM: %zu bytes, fnv1a %016llx", len,
		       (unsigned long long)hash);
	if (ram >= 0)
		slot = make_slot(&vm, ram, len);
	ktap_test_result(slot >= 0, "memslot-created");
	ktap_test_result(slot >= 0 && slot_refusals(vm, ram, len),
			 "bad-memslots-refused");
	session = luo_create_session(dev, SESSION);
	/* With its VM preserved, the slot still needs its RAM first. */
	err = session < 0 ? session : luo_preserve_fd(session, vm, TOKEN_VM);
	if (err)
		ktap_print_msg("preserve the VM: %s", luo_strerror(err));
	else
		err = luo_preserve_fd(session, slot, TOKEN_SLOT);
	ktap_test_result_why(err == -ENOENT, "memslot-before-ram-not-preserved",
			     "got %s, want ENOENT", luo_strerror(err));
	ktap_test_result(session >= 0 && preserve_rest(session, ram, slot),
			 "guest-preserved");

	ktap_print_msg("holding the session until the kexec");
	err = luo_daemonize_and_hold();
	if (err)
		ktap_exit_fail_msg("cannot hold the session: %s",
				   luo_strerror(err));
	ktap_finished();
}

/*
 * The slot's RAM is the restored memfd: same inode number, which another
 * memfd made now does not share.
 */
static bool slot_refers(int slot, int ram, size_t len)
{
	int other = memfd_create("other", MFD_CLOEXEC);
	struct sample_memslot_info info;
	struct stat st, ost;

	if (ioctl(slot, SAMPLE_MEMSLOT_GET, &info) || fstat(ram, &st) ||
	    other < 0 || fstat(other, &ost)) {
		ktap_print_msg("memslot: %s", strerror(errno));
		if (other >= 0)
			close(other);
		return false;
	}
	close(other);
	if (ost.st_ino == st.st_ino) {
		ktap_print_msg("two memfds share inode %llu: the check below proves nothing",
			       (unsigned long long)st.st_ino);
		return false;
	}
	ktap_print_msg("memslot of VM %#llx at %#llx, %llu bytes",
		       (unsigned long long)info.vm_id,
		       (unsigned long long)info.gpa,
		       (unsigned long long)info.size);
	ktap_print_msg("  its RAM: inode %llu; the restored memfd's: %llu",
		       (unsigned long long)info.ram_ino,
		       (unsigned long long)st.st_ino);
	return info.vm_id == GUEST_VM_ID && info.gpa == SLOT_GPA &&
	       info.size == len && info.ram_ino == st.st_ino;
}

static void stage_after(size_t len)
{
	int dev, session, vm, ram, slot;
	__u64 t, hash = 0, want;

	ktap_print_header();
	ktap_set_plan(5);
	dev = luo_open_dev();
	if (dev < 0)
		ktap_exit_fail_msg("%s: %s", LUO_DEV, luo_strerror(dev));
	session = luo_retrieve_session(dev, SESSION);
	if (!ktap_test_result(session >= 0, "session-retrieved"))
		ktap_exit_fail_msg("the session was not handed over");
	vm = luo_retrieve_fd(session, TOKEN_VM);
	t = luo_now_ns();
	ram = luo_retrieve_fd(session, TOKEN_RAM);
	ktap_print_msg("time: memfd_retrieve_us=%llu",
		       (unsigned long long)(luo_now_ns() - t) / 1000);
	slot = luo_retrieve_fd(session, TOKEN_SLOT);
	ktap_test_result(vm >= 0 && ram >= 0 && slot >= 0, "guest-retrieved");
	ktap_test_result(slot >= 0 && ram >= 0 && slot_refers(slot, ram, len),
			 "memslot-refers-to-restored-ram");
	want = pattern_hash(len);
	ktap_test_result_why(ram >= 0 && !ram_hash(ram, len, &hash) &&
			     hash == want, "ram-intact",
			     "fnv1a %016llx, want %016llx",
			     (unsigned long long)hash, (unsigned long long)want);
	ktap_test_result(!luo_finish_session(session), "session-finished");
	ktap_finished();
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "size", required_argument, NULL, 's' },
		{ }
	};
	unsigned long len = 256UL << 20;
	char *end;
	int c;

	if (argc < 2 || (strcmp(argv[1], "before") && strcmp(argv[1], "after")))
		goto usage;
	optind = 2;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c != 's')
			goto usage;
		len = strtoul(optarg, &end, 0);
		if (!*optarg || *end || !len || len % 4096)
			goto usage;
	}
	if (optind != argc)
		goto usage;
	if (!strcmp(argv[1], "before"))
		stage_before(len);
	stage_after(len);
usage:
	fprintf(stderr, "usage: e2e_memslot before|after [--size BYTES]\n"
		"       BYTES: a multiple of 4096\n");
	return 2;
}
