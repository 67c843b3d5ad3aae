#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check: a quick run of the benchmark (scripts/bench.sh --quick): it
# builds, runs and prints every item.  Its figures are not judged here (no
# timed assertion), only that it produced them.

set -uo pipefail
. "$(dirname "$0")/lib.sh"

log=$logdir/bench-quick.log
out=$LUO_CACHE/bench-quick
luo_log "benchmark, quick run (log: $log)"
rm -f "$out/bench.txt"
if ! LUO_BENCH_OUT=$out "$LUO_ROOT/scripts/bench.sh" --quick >"$log" 2>&1; then
	ktap_result fail quick-run "$(tail -n 3 "$log")"
	ktap_end
fi
for item in 1 2 3 4; do
	if grep -q "^Item $item\." "$out/bench.txt" 2>/dev/null; then
		ktap_result ok "reports-item-$item"
	else
		ktap_result fail "reports-item-$item" "see $log"
	fi
done
ktap_end
