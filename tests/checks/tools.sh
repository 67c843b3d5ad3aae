#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check: tools/liveupdate/luo-versions: crafted ELF fixtures, the two
# end-to-end kernels checked against each other, then a bounded fuzz run
# of its section reader (LUO_FUZZ_SECONDS, default 60).
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

luo_log "luo-versions: fuzzing the section reader for ${LUO_FUZZ_SECONDS:-60} s"
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
if (cd "$work" && "$dir/fuzz-section" "$corpus" -seed=1 \
		-max_total_time="${LUO_FUZZ_SECONDS:-60}" \
		-rss_limit_mb=2048 >>"$log" 2>&1); then
	ktap_result ok fuzz-section
	ktap_diag "fuzz-section: $(grep -ao 'Done [0-9]* runs' "$log" | tail -1)"
else
	ktap_result fail fuzz-section "found a failure, see $log"
fi
ktap_end
