// SPDX-License-Identifier: GPL-2.0
/*
 * End-to-end live update where the next kernel lacks a file's handler at
 * first:
 *
 *   e2e_missing_module before
 *	Preserves the demo-memfd session (two memfds) and holds it until
 *	the kexec.
 *
 *   e2e_missing_module before --note
 *	Preserves the demo-note session (one note) instead.
 *
 *   e2e_missing_module after [--module PATH]
 *	Run before the memfd handler's module is loaded: retrieving a memfd
 *	fails with ENOPKG, without using up its one retrieve.  Then loads
 *	the module itself from PATH (/luo/luo_sample_memfd.ko), retrieves
 *	both memfds, compares them, and finishes the session.
 *
 *   e2e_missing_module after --whole-handover --module PATH
 *	Mainline's orchestrator instead: it builds every incoming session
 *	when /dev/liveupdate is first opened and, finding a file with no
 *	handler, refuses the whole handover for the rest of the boot.  The
 *	first open fails with EIO; after loading the module from PATH it
 *	still does; nothing was half-restored.
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

static void stage_before(bool note)
{
	int dev, err, session;

	ktap_print_header();
	ktap_set_plan(1);
	dev = luo_open_dev();
	if (dev < 0)
		ktap_exit_fail_msg("%s: %s", LUO_DEV, luo_strerror(dev));
	if (note)
		ktap_test_result(!luo_note_preserve(dev, 7), "note-preserved");
	else
		ktap_test_result(!luo_memfds_preserve(dev, &session),
				 "memfds-preserved");

	ktap_print_msg("holding the session until the kexec");
	err = luo_daemonize_and_hold();
	if (err)
		ktap_exit_fail_msg("cannot hold the session: %s",
				   luo_strerror(err));
	ktap_finished();
}

static void stage_after(const char *module)
{
	static const char * const name = LUO_SESSION_MEMFD;
	int dev, session, fd, err;
	__u64 t;

	ktap_print_header();
	ktap_set_plan(6);
	dev = luo_open_dev();
	if (dev < 0)
		ktap_exit_fail_msg("%s: %s", LUO_DEV, luo_strerror(dev));
	if (!ktap_test_result(!luo_retrieve_sessions(dev, &name, &session, 1),
			      "session-retrieved"))
		ktap_exit_fail_msg("the session was not handed over");

	fd = luo_retrieve_fd(session, LUO_TOKEN_CONFIG);
	ktap_print_msg("  memfd with its handler module not loaded: %s",
		       fd < 0 ? luo_strerror(fd) : "retrieved");
	ktap_test_result_why(fd == -ENOPKG, "memfd-without-handler-refused",
			     "got %s, want ENOPKG", luo_strerror(fd));

	t = luo_now_ns();
	err = luo_load_module(module, NULL);
	t = luo_now_ns() - t;
	if (!err) {
		ktap_print_msg("loaded %s in %llu us",
			       strrchr(module, '/') ? strrchr(module, '/') + 1 :
			       module, (unsigned long long)t / 1000);
		ktap_print_msg("time: insmod_us=%llu",
			       (unsigned long long)t / 1000);
	}
	ktap_test_result_why(!err, "module-loaded", "%s: %s", module,
			     luo_strerror(err));
	ktap_test_result(!luo_memfds_restore(session), "memfds-restored");
	ktap_test_result(!luo_finish_sessions(&session, &name, 1),
			 "session-finished");
	luo_print_retrieve_time();
	/* Reached only when nothing above gave up. */
	ktap_test_result(true, "restore-complete");
	ktap_finished();
}

/* Mainline: one file without a handler, and no session comes back. */
static void stage_after_whole(const char *module)
{
	int dev, err;

	ktap_print_header();
	ktap_set_plan(3);
	dev = luo_open_dev();
	ktap_test_result_why(dev == -EIO, "handover-refused-without-handler",
			     "open %s: %s, want EIO", LUO_DEV,
			     dev < 0 ? luo_strerror(dev) : "opened");
	err = luo_load_module(module, NULL);
	ktap_test_result_why(!err, "module-loaded", "%s: %s", module,
			     luo_strerror(err));
	dev = luo_open_dev();
	ktap_test_result_why(dev == -EIO, "refusal-lasts-the-boot",
			     "open %s after loading the module: %s, want EIO",
			     LUO_DEV, dev < 0 ? luo_strerror(dev) : "opened");
	ktap_finished();
}

static __noreturn void print_usage(void)
{
	fprintf(stderr,
		"usage: e2e_missing_module before [--note]\n"
		"       e2e_missing_module after [--whole-handover] [--module PATH]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	static const struct option before_opts[] = {
		{ "note", no_argument, NULL, 'n' },
		{ }
	};
	static const struct option after_opts[] = {
		{ "module", required_argument, NULL, 'm' },
		{ "whole-handover", no_argument, NULL, 'w' },
		{ }
	};
	const char *module = "/luo/luo_sample_memfd.ko";
	bool is_before, note = false, whole = false;
	int c;

	if (argc < 2 || (strcmp(argv[1], "before") && strcmp(argv[1], "after")))
		print_usage();
	is_before = !strcmp(argv[1], "before");
	optind = 2;
	while ((c = getopt_long(argc, argv, "", is_before ? before_opts :
				after_opts, NULL)) != -1) {
		switch (c) {
		case 'n':
			note = true;
			break;
		case 'm':
			module = optarg;
			break;
		case 'w':
			whole = true;
			break;
		default:
			print_usage();
		}
	}
	if (optind != argc)
		print_usage();
	if (is_before)
		stage_before(note);
	if (whole)
		stage_after_whole(module);
	stage_after(module);
}
