// SPDX-License-Identifier: GPL-2.0
/*
 * End-to-end live update that hands nothing over: nothing was preserved,
 * or the next kernel refused the image, or the freeze failed at kexec.
 *
 *   e2e_nothing before
 *	Preserves nothing: only checks that /dev/liveupdate opens.
 *
 *   e2e_nothing after
 *	Checks that no session was handed over, and that the kernel carries
 *	on: a new session can be created.
 *
 *   e2e_nothing refused
 *	Mainline's orchestrator, given a handover it cannot rebuild: every
 *	open of /dev/liveupdate fails with EIO for the rest of the boot.
 *
 * Each prints one KTAP document and exits 0 when every test passed.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ktap.h"
#include "luo_test_util.h"

static void stage_before(void)
{
	int dev;

	ktap_print_header();
	ktap_set_plan(1);
	dev = luo_open_dev();
	ktap_test_result_why(dev >= 0, "nothing-preserved", "%s: %s", LUO_DEV,
			     luo_strerror(dev));
	if (dev >= 0)
		close(dev);
	ktap_finished();
}

static void stage_after(void)
{
	int dev, s;

	ktap_print_header();
	ktap_set_plan(2);
	dev = luo_open_dev();
	if (dev < 0)
		ktap_exit_fail_msg("%s: %s", LUO_DEV, luo_strerror(dev));
	s = luo_retrieve_session(dev, LUO_SESSION_COUNTERS);
	ktap_test_result_why(s == -ENOENT, "no-session-handed-over",
			     "session %s: got %s, want ENOENT",
			     LUO_SESSION_COUNTERS, luo_strerror(s));
	s = luo_create_session(dev, "after-the-update");
	ktap_test_result_why(s >= 0, "new-session-works", "%s",
			     luo_strerror(s));
	if (s >= 0)
		ktap_print_msg("no session was handed over; new sessions work");
	ktap_finished();
}

static void stage_refused(void)
{
	int i, dev;

	ktap_print_header();
	ktap_set_plan(2);
	for (i = 1; i <= 2; i++) {
		dev = luo_open_dev();
		ktap_test_result_why(dev == -EIO, i == 1 ? "handover-refused" :
				     "refusal-lasts-the-boot",
				     "open %s: %s, want EIO", LUO_DEV,
				     dev < 0 ? luo_strerror(dev) : "opened");
	}
	ktap_finished();
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "before"))
		stage_before();
	if (argc == 2 && !strcmp(argv[1], "after"))
		stage_after();
	if (argc == 2 && !strcmp(argv[1], "refused"))
		stage_refused();
	fprintf(stderr, "usage: e2e_nothing before|after|refused\n");
	return 2;
}
