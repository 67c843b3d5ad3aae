#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check: mainline's LUO selftests (tools/testing/selftests/liveupdate/ of
# the 7.x source), built unchanged against each kernel's uAPI and run on
# both kernels under QEMU: liveupdate, then the four kexec tests staged
# across one real kexec (each test's stage 1 before it, stage 2 after), as
# mainline's vmtest.sh stages them one test at a time.  Upstream
# is Linux 7.x with the series (KHO); stock is Debian's 6.12 with our core
# module and our memfd sample as the memfd handler.  Every TAP result is
# one of ours; a SKIP fails.
# needs: mainline e2e

set -uo pipefail
. "$(dirname "$0")/lib.sh"
. "$LUO_ROOT/tests/e2e/env.sh"

out=$LUO_CACHE/build/selftests
kexec_tests=(luo_kexec_simple luo_multi_session luo_stress_sessions
	     luo_stress_files)

# run_kernel NAME BUILD RUNNER-ARGS...: every test on one kernel, in one
# pair of boots: liveupdate, then the four kexec tests' first stages, the
# kexec, and their second stages.  Their sessions have names of their own,
# so they can share a kexec; mainline's vmtest.sh gives each a pair of boots
# of its own, which costs four times the boots here.
run_kernel()
{
	local kname=$1 bin=$2 t files=() commands=()
	shift 2

	for t in liveupdate "${kexec_tests[@]}"; do
		files+=(--file "$bin/$t")
	done
	files+=(--file "$LUO_ROOT/tests/selftests/ksft-stage.sh")
	commands=(--before "liveupdate")
	for t in "${kexec_tests[@]}"; do
		commands+=(--before "sh ksft-stage.sh $t 1")
	done
	for t in "${kexec_tests[@]}"; do
		commands+=(--after "sh ksft-stage.sh $t 2")
	done
	vmtest_start "selftests-$kname" "$@" "${files[@]}" --freeze reboot \
		"${commands[@]}"
}

ktap_check build-upstream "$LUO_ROOT/tests/selftests/build.sh" upstream \
	"$out/upstream"
ktap_check build-stock "$LUO_ROOT/tests/selftests/build.sh" stock \
	"$out/stock"

# luo_stress_files preserves 500 one-page memfds, each copied by our memfd
# sample (about 4.2 KB of handover memory each), beside luo_stress_sessions'
# 2000 sessions: a 32 MiB region.
LUO_QEMU_SMP=1 run_kernel stock "$out/stock" \
	--module "$stock/luo_sample_memfd.ko" --region 32M@0x30000000
LUO_QEMU_SMP=1 run_kernel upstream "$out/upstream" --kernel upstream
vmtest_wait
ktap_end
