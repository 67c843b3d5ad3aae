// SPDX-License-Identifier: GPL-2.0
/*
 * End-to-end live update of every sample driver:
 *
 *   e2e_samples before [--too-big BYTES] [--note-priority N]
 *	Preserves 4 sessions of 8 files: two counters, a VM with two
 *	vCPUs (after checking that a vCPU cannot go before its VM), a
 *	note of priority N (7) and two memfds; then holds them until the
 *	kexec.  --too-big adds a test: a memfd of BYTES in demo-memfd
 *	must be refused with ENOSPC.
 *
 *   e2e_samples after [--note-priority N] [--note-layout N] [--requests N]
 *		       [--note-refused]
 *	Retrieves the four sessions and every file in order, compares them
 *	with what was preserved (the note of priority N (7) kept by a
 *	driver of layout N (2), the requests counter at N (41)), and
 *	finishes the sessions.  With --note-refused, the note's state was
 *	damaged on the way: its retrieve must fail with EINVAL, and every
 *	other file still come back.
 *
 * Each prints one KTAP document and exits 0 when every test passed.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ktap.h"
#include "luo_test_util.h"

/* And one more before the update with --too-big. */
#define BEFORE_TESTS	6
#define AFTER_TESTS	7

static const char * const sessions[] = {
	LUO_SESSION_COUNTERS, LUO_SESSION_VM, LUO_SESSION_NOTE,
	LUO_SESSION_MEMFD,
};

static unsigned long parse_number(const char *s)
{
	char *end;
	unsigned long n = strtoul(s, &end, 0);

	if (!*s || *end) {
		fprintf(stderr, "e2e_samples: not a number: %s\n", s);
		exit(2);
	}
	return n;
}

static void stage_before(unsigned long too_big, unsigned int priority)
{
	struct luo_counters counters;
	int dev, err, memfd_session;
	struct luo_vm vm;
	__u64 t;

	ktap_print_header();
	ktap_set_plan(BEFORE_TESTS + !!too_big);
	dev = luo_open_dev();
	if (dev < 0)
		ktap_exit_fail_msg("%s: %s", LUO_DEV, luo_strerror(dev));
	t = luo_now_ns();

	ktap_test_result(!luo_counters_preserve(dev, &counters),
			 "counters-preserved");
	ktap_test_result(!luo_vm_create(dev, false, &vm), "vm-created");
	/* A vCPU refers to its VM's token: not preserved before the VM. */
	err = luo_preserve_fd(vm.session, vm.vcpu[0], LUO_TOKEN_VCPU0);
	ktap_test_result_why(err == -ENOENT, "vcpu-before-vm-not-preserved",
			     "got %s, want ENOENT", luo_strerror(err));
	ktap_test_result(!luo_vm_preserve(&vm), "vm-preserved");
	ktap_test_result(!luo_note_preserve(dev, priority), "note-preserved");
	ktap_test_result(!luo_memfds_preserve(dev, &memfd_session),
			 "memfds-preserved");
	if (too_big)
		ktap_test_result(!luo_memfd_too_big(memfd_session, (long)too_big),
				 "memfd-beyond-capacity-refused");
	ktap_print_msg("preserved 4 sessions, 8 files in %llu us",
		       (unsigned long long)(luo_now_ns() - t) / 1000);

	ktap_print_msg("holding the sessions until the kexec");
	err = luo_daemonize_and_hold();
	if (err)
		ktap_exit_fail_msg("cannot hold the sessions: %s",
				   luo_strerror(err));
	ktap_finished();
}

/* The note's retrieve is refused, and stays refused. */
static bool note_refused(int session)
{
	int i, fd;

	for (i = 0; i < 2; i++) {
		fd = luo_retrieve_fd(session, LUO_TOKEN_NOTE);
		ktap_print_msg("  damaged note, retrieve %d: %s", i + 1,
			       fd < 0 ? luo_strerror(fd) : "retrieved");
		if (fd != -EINVAL)
			return false;
	}
	return true;
}

static void stage_after(unsigned int priority, unsigned int layout,
			__u64 requests, bool refused)
{
	static const char * const intact[] = {
		LUO_SESSION_COUNTERS, LUO_SESSION_VM, LUO_SESSION_MEMFD,
	};
	int dev, fds[4];

	ktap_print_header();
	ktap_set_plan(AFTER_TESTS);
	dev = luo_open_dev();
	if (dev < 0)
		ktap_exit_fail_msg("%s: %s", LUO_DEV, luo_strerror(dev));

	if (!ktap_test_result(!luo_retrieve_sessions(dev, sessions, fds, 4),
			      "sessions-retrieved"))
		ktap_exit_fail_msg("the sessions were not handed over");
	ktap_test_result(!luo_counters_restore(fds[0], requests),
			 "counters-restored");
	ktap_test_result(!luo_vm_restore(fds[1]), "vm-restored");
	if (refused)
		ktap_test_result(note_refused(fds[2]), "damaged-note-refused");
	else
		ktap_test_result(!luo_note_restore(fds[2], priority, layout),
				 "note-restored");
	ktap_test_result(!luo_memfds_restore(fds[3]), "memfds-restored");
	/* A session with a file that cannot come back cannot finish. */
	if (refused) {
		fds[2] = fds[3];
		ktap_test_result(!luo_finish_sessions(fds, intact, 3),
				 "sessions-finished");
	} else {
		ktap_test_result(!luo_finish_sessions(fds, sessions, 4),
				 "sessions-finished");
	}
	luo_print_retrieve_time();
	/* Reached only when nothing above gave up. */
	ktap_test_result(true, "restore-complete");
	ktap_finished();
}

static __noreturn void print_usage(void)
{
	fprintf(stderr,
		"usage: e2e_samples before [--too-big BYTES] [--note-priority N]\n"
		"       e2e_samples after [--note-priority N] [--note-layout N] [--requests N]\n"
		"                         [--note-refused]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	static const struct option before_opts[] = {
		{ "too-big", required_argument, NULL, 'b' },
		{ "note-priority", required_argument, NULL, 'p' },
		{ }
	};
	static const struct option after_opts[] = {
		{ "note-priority", required_argument, NULL, 'p' },
		{ "note-layout", required_argument, NULL, 'l' },
		{ "requests", required_argument, NULL, 'n' },
		{ "note-refused", no_argument, NULL, 'r' },
		{ }
	};
	unsigned long too_big = 0, priority = 7, layout = 2;
	unsigned long requests = LUO_REQUESTS;
	bool is_before, refused = false;
	int c;

	if (argc < 2 || (strcmp(argv[1], "before") && strcmp(argv[1], "after")))
		print_usage();
	is_before = !strcmp(argv[1], "before");
	optind = 2;
	while ((c = getopt_long(argc, argv, "", is_before ? before_opts :
				after_opts, NULL)) != -1) {
		switch (c) {
		case 'b':
			too_big = parse_number(optarg);
			break;
		case 'p':
			priority = parse_number(optarg);
			break;
		case 'l':
			layout = parse_number(optarg);
			break;
		case 'n':
			requests = parse_number(optarg);
			break;
		case 'r':
			refused = true;
			break;
		default:
			print_usage();
		}
	}
	if (optind != argc)
		print_usage();
	if (is_before)
		stage_before(too_big, priority);
	stage_after(priority, layout, requests, refused);
}
