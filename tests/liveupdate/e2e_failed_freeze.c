// SPDX-License-Identifier: GPL-2.0
/*
 * End-to-end live update whose first freeze fails:
 *
 *   e2e_failed_freeze before
 *	Preserves two counters and a VM whose vCPU 1 runs, so that the
 *	freeze is refused.  The update stays "normal" and the workload
 *	carries on: the requests counter goes from 41 to 42, and vCPU 1 is
 *	stopped.  The second freeze succeeds; from then on the files refuse
 *	to change.  Holds the sessions until the kexec, which the caller
 *	starts without freezing again.
 *
 *   e2e_failed_freeze before --at-reboot
 *	The same on mainline's orchestrator, which freezes inside the kexec
 *	reboot: the next kernel is loaded first, reboot(KEXEC) is refused
 *	and returns, and the workload carries on; the caller's kexec then
 *	freezes and goes.
 *
 *   e2e_failed_freeze after
 *	Retrieves the counters (requests at 42) and the VM with its vCPUs,
 *	compares them, and finishes the sessions.
 *
 * Each prints one KTAP document and exits 0 when every test passed.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>

#include "sample_liveupdate.h"

#include "ktap.h"
#include "luo_test_util.h"

/* Freezes, saying how it went; returns what luo_freeze() did. */
static int try_freeze(bool at_reboot)
{
	__u64 ns;
	int err = at_reboot ? luo_freeze_at_reboot(&ns) : luo_freeze(&ns);

	ktap_print_msg("freeze %s in %llu us", err ? luo_strerror(err) : "done",
		       (unsigned long long)ns / 1000);
	if (!err)
		ktap_print_msg("time: freeze_us=%llu",
			       (unsigned long long)ns / 1000);
	return err;
}

/* After the refused freeze: the files still work, and the vCPU stops. */
static bool workload_carries_on(int counter, int vcpu)
{
	struct sample_counter c = { 0 };
	struct sample_vcpu_regs r;
	bool ok = true;
	__u32 run = 0;

	if (ioctl(counter, SAMPLE_COUNTER_GET, &c) || c.value != LUO_REQUESTS) {
		ktap_print_msg("counter get: %s, value %llu, want %llu",
			       strerror(errno), (unsigned long long)c.value,
			       LUO_REQUESTS);
		ok = false;
	}
	c.value = LUO_REQUESTS + 1;
	if (ioctl(counter, SAMPLE_COUNTER_SET, &c)) {
		ktap_print_msg("counter set: %s", strerror(errno));
		ok = false;
	}
	if (ioctl(vcpu, SAMPLE_VCPU_GET_REGS, &r)) {
		ktap_print_msg("vCPU get regs: %s", strerror(errno));
		ok = false;
	}
	if (ioctl(vcpu, SAMPLE_VCPU_RUN, &run)) {
		ktap_print_msg("vCPU stop: %s", strerror(errno));
		ok = false;
	}
	if (ok)
		ktap_print_msg("  the workload carried on: requests now %llu, vCPU 1 stopped",
			       (unsigned long long)c.value);
	return ok;
}

/* The second freeze succeeds; then nothing changes until the kexec. */
static void frozen_until_kexec(int counter, int vcpu)
{
	struct sample_counter late = { .value = 1000, .label = "late" };
	__u32 run = 1;
	int err;

	ktap_test_result(!try_freeze(false), "freeze-succeeds");
	err = ioctl(counter, SAMPLE_COUNTER_SET, &late) ? errno : 0;
	ktap_test_result_why(err == EBUSY, "frozen-counter-refuses-change",
			     "got %s, want EBUSY", strerror(err));
	err = ioctl(vcpu, SAMPLE_VCPU_RUN, &run) ? errno : 0;
	ktap_test_result_why(err == EBUSY, "frozen-vcpu-refuses-to-run",
			     "got %s, want EBUSY", strerror(err));
}

static void stage_before(bool at_reboot)
{
	struct luo_counters counters;
	char state[32];
	struct luo_vm vm;
	int dev, err;

	ktap_print_header();
	ktap_set_plan(at_reboot ? 5 : 9);
	dev = luo_open_dev();
	if (dev < 0)
		ktap_exit_fail_msg("%s: %s", LUO_DEV, luo_strerror(dev));
	ktap_test_result(!luo_counters_preserve(dev, &counters),
			 "counters-preserved");
	ktap_test_result(!luo_vm_create(dev, true, &vm), "vm-created");
	ktap_test_result(!luo_vm_preserve(&vm), "vm-preserved");

	err = try_freeze(at_reboot);
	ktap_test_result_why(err == -EBUSY, "freeze-refused-while-vcpu-runs",
			     "got %s, want EBUSY", luo_strerror(err));
	if (!at_reboot) {
		err = luo_read_state(state, sizeof(state));
		ktap_test_result_why(!err && !strcmp(state, "normal"),
				     "state-still-normal", "state \"%s\" (%s)",
				     state, luo_strerror(err));
	}
	ktap_test_result(workload_carries_on(counters.fd[0], vm.vcpu[1]),
			 "workload-carries-on");
	/* At reboot, the next freeze is the kexec's own. */
	if (!at_reboot)
		frozen_until_kexec(counters.fd[0], vm.vcpu[1]);

	ktap_print_msg("holding the sessions until the kexec");
	err = luo_daemonize_and_hold();
	if (err)
		ktap_exit_fail_msg("cannot hold the sessions: %s",
				   luo_strerror(err));
	ktap_finished();
}

static void stage_after(void)
{
	static const char * const sessions[] = {
		LUO_SESSION_COUNTERS, LUO_SESSION_VM,
	};
	int dev, fds[2];

	ktap_print_header();
	ktap_set_plan(5);
	dev = luo_open_dev();
	if (dev < 0)
		ktap_exit_fail_msg("%s: %s", LUO_DEV, luo_strerror(dev));
	if (!ktap_test_result(!luo_retrieve_sessions(dev, sessions, fds, 2),
			      "sessions-retrieved"))
		ktap_exit_fail_msg("the sessions were not handed over");
	/* The request counted between the two freezes was handed over. */
	ktap_test_result(!luo_counters_restore(fds[0], LUO_REQUESTS + 1),
			 "counters-restored");
	ktap_test_result(!luo_vm_restore(fds[1]), "vm-restored");
	ktap_test_result(!luo_finish_sessions(fds, sessions, 2),
			 "sessions-finished");
	luo_print_retrieve_time();
	/* Reached only when nothing above gave up. */
	ktap_test_result(true, "restore-complete");
	ktap_finished();
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "before"))
		stage_before(false);
	if (argc == 3 && !strcmp(argv[1], "before") &&
	    !strcmp(argv[2], "--at-reboot"))
		stage_before(true);
	if (argc == 2 && !strcmp(argv[1], "after"))
		stage_after();
	fprintf(stderr, "usage: e2e_failed_freeze before [--at-reboot] | after\n");
	return 2;
}
