#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check: tools/liveupdate/luo-versions: crafted ELF fixtures, the two
# end-to-end kernels checked against each other, then a bounded fuzz run
# of its section reader (LUO_FUZZ_SECONDS, default a minute of CPU time on
# up to two CPUs).
# needs: kunit-x86_64 stock

set -uo pipefail
. "$(dirname "$0")/lib.sh"

dir=$LUO_ROOT/tools/liveupdate
work=$LUO_CACHE/build/tools
log=$logdir/tools.log

luo_log "luo-versions: build and tests (log: $log)"
if ! make -C "$dir" >"$log" 2>&1; then
	ktap_result fail build-luo-versions "see $log"
	ktap_end
fi
"$LUO_ROOT/tests/tools/luo-versions-test.sh" "$dir/luo-versions" "$work" \
	"$LUO_CACHE/build/kunit-x86_64/vmlinux" >"$logdir/tools-tests.ktap" \
	2>>"$log"
ktap_subtest luo-versions-tests "$logdir/tools-tests.ktap"

# libFuzzer's fork mode: one fuzzing process per CPU, at most 2, sharing
# the corpus, for a minute's work in all (30 s on two).  Fork mode ignores
# out-of-memory inputs and timeouts unless told not to: both are failures.
fuzz_jobs=$cpu_jobs
fuzz_seconds=${LUO_FUZZ_SECONDS:-$((60 / fuzz_jobs))}
luo_log "luo-versions: fuzzing the section reader for $fuzz_seconds s, $fuzz_jobs process(es)"
if ! make -C "$dir" fuzz >>"$log" 2>&1; then
	ktap_result fail build-fuzz-section "see $log"
	ktap_end
fi
corpus=$work/corpus
mkdir -p "$corpus"
for f in "$work"/fixtures/*.ko*; do
	{ printf '\0'; cat "$f"; } >"$corpus/file-${f##*/}"
done
for f in "$work"/fixtures/sections/*.bin; do
	{ printf '\1'; cat "$f"; } >"$corpus/section-${f##*/}"
done
if (cd "$work" && "$dir/fuzz-section" "$corpus" -seed=1 -fork="$fuzz_jobs" \
		-ignore_crashes=0 -ignore_ooms=0 -ignore_timeouts=0 \
		-max_total_time="$fuzz_seconds" \
		-rss_limit_mb=2048 >>"$log" 2>&1); then
	ktap_result ok fuzz-section
	ktap_diag "fuzz-section: $(grep -ao '^#[0-9]*: cov: [0-9]*' "$log" |
		tail -n 1 | sed 's/^#\([0-9]*\): cov: \([0-9]*\)/\1 runs, coverage \2/')"
else
	ktap_result fail fuzz-section "found a failure, see $log"
fi
ktap_end
