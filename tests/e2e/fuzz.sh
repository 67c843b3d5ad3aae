#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The e2e scenario "fuzz" (scenarios/fuzz.sh) alone, for long runs of the
# uAPI fuzzer: make fuzz [SECONDS=N] [SEED=N].
#
#   LUO_FUZZ_UAPI_SECONDS  how long to fuzz (the scenario's default, 60)
#   LUO_FUZZ_UAPI_SEED     the seed of a run to repeat (default: a new one,
#                          printed first; the checks' scenario uses 1)
#   LUO_FUZZ_BUILD         where the fuzzer is built ($LUO_CACHE/build/fuzz)
#   LUO_FUZZ_OUT           the run's console log, results and KTAP
#                          ($LUO_CACHE/vmtest/fuzz)
#
# Builds the fuzzer alone; the debug kernel and its sample modules must be
# there (scripts/check.sh kunit-x86_64, then tests/e2e/build.sh debug).
# Prints the run's KTAP and exits non-zero when it failed.

set -uo pipefail
. "$(dirname "$0")/../../scripts/lib.sh"
. "$LUO_ROOT/tests/e2e/env.sh"

guest=${LUO_FUZZ_BUILD:-$LUO_CACHE/build/fuzz}
out=${LUO_FUZZ_OUT:-$LUO_CACHE/vmtest/fuzz}

for m in luo_sample_counter luo_sample_vm luo_sample_memfd luo_sample_note; do
	[ -f "$debug/$m.ko" ] ||
		luo_die "no $debug/$m.ko: tests/e2e/build.sh debug builds it"
done
mkdir -p "$guest"
make -s -C "$here/../liveupdate" O="$guest" "$guest/luo_fuzz" ||
	luo_die "cannot build the fuzzer"

args=() vcpus=1
export LUO_FUZZ_UAPI_SEED=${LUO_FUZZ_UAPI_SEED:-$((RANDOM << 15 | RANDOM))}
. "$here/scenarios/fuzz.sh"
LUO_QEMU_SMP=$vcpus exec "$LUO_ROOT/scripts/luo-vmtest" --name fuzz --out "$out" \
	--region "$region" "${args[@]}"
