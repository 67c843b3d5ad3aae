#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check: live updates with the samples under QEMU, one run of
# scripts/luo-vmtest per scenario of tests/e2e/scenarios/ (the stock 6.12
# kernel kexecs into itself, or into our debug kernel).
# needs: kunit-x86_64
#
# Usage: tests/checks/e2e.sh [SCENARIO...]

set -uo pipefail
. "$(dirname "$0")/lib.sh"
. "$LUO_ROOT/tests/e2e/env.sh"

scenarios=("$@")
if [ ${#scenarios[@]} -eq 0 ]; then
	for f in "$here"/scenarios/*.sh; do
		scenarios+=("$(basename "$f" .sh)")
	done
fi

ktap_check build-stock "$here/build.sh" stock
ktap_check build-debug "$here/build.sh" debug

# Every name first: a wrong one must not leave guests running.
for s in "${scenarios[@]}"; do
	[ -f "$here/scenarios/$s.sh" ] || luo_die "no scenario $s in $here/scenarios"
done
for s in "${scenarios[@]}"; do
	args=()
	# shellcheck disable=SC1090
	. "$here/scenarios/$s.sh"
	# One vCPU: under TCG, a second one was seen taking an int3 while
	# the first kernel patched its code at boot (sched_clock), before
	# anything of ours ran.
	LUO_QEMU_SMP=1 vmtest_start "e2e-$s" --region "$region" "${args[@]}"
done
vmtest_wait
ktap_end
