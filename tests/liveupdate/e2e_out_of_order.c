// SPDX-License-Identifier: GPL-2.0
/*
 * End-to-end live update where the next kernel is asked for a vCPU before
 * its VM:
 *
 *   e2e_out_of_order before
 *	Preserves the demo-vm session (a VM and two vCPUs) and holds it
 *	until the kexec.
 *
 *   e2e_out_of_order after
 *	Asks for vCPU 0 first, which the kernel refuses with EAGAIN without
 *	using up its one retrieve; then retrieves the VM and the vCPUs in
 *	order, compares them, and finishes the session.
 *
 * Each prints one KTAP document and exits 0 when every test passed.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "ktap.h"
#include "luo_test_util.h"

static void stage_before(void)
{
	struct luo_vm vm;
	int dev, err;

	ktap_print_header();
	ktap_set_plan(2);
	dev = luo_open_dev();
	if (dev < 0)
		ktap_exit_fail_msg("%s: %s", LUO_DEV, luo_strerror(dev));
	ktap_test_result(!luo_vm_create(dev, false, &vm), "vm-created");
	ktap_test_result(!luo_vm_preserve(&vm), "vm-preserved");

	ktap_print_msg("holding the session until the kexec");
	err = luo_daemonize_and_hold();
	if (err)
		ktap_exit_fail_msg("cannot hold the session: %s",
				   luo_strerror(err));
	ktap_finished();
}

static void stage_after(void)
{
	static const char * const name = LUO_SESSION_VM;
	int dev, session, fd;

	ktap_print_header();
	ktap_set_plan(5);
	dev = luo_open_dev();
	if (dev < 0)
		ktap_exit_fail_msg("%s: %s", LUO_DEV, luo_strerror(dev));
	if (!ktap_test_result(!luo_retrieve_sessions(dev, &name, &session, 1),
			      "session-retrieved"))
		ktap_exit_fail_msg("the session was not handed over");

	fd = luo_retrieve_fd(session, LUO_TOKEN_VCPU0);
	ktap_print_msg("  vCPU 0 asked for before its VM: %s",
		       fd < 0 ? luo_strerror(fd) : "retrieved");
	ktap_test_result_why(fd == -EAGAIN, "vcpu-before-vm-refused",
			     "got %s, want EAGAIN", luo_strerror(fd));
	ktap_test_result(!luo_vm_restore(session), "vm-restored");
	ktap_test_result(!luo_finish_sessions(&session, &name, 1),
			 "session-finished");
	luo_print_retrieve_time();
	/* Reached only when nothing above gave up. */
	ktap_test_result(true, "restore-complete");
	ktap_finished();
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "before"))
		stage_before();
	if (argc == 2 && !strcmp(argv[1], "after"))
		stage_after();
	fprintf(stderr, "usage: e2e_out_of_order before|after\n");
	return 2;
}
