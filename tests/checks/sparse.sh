#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check: sparse (C=2) on every kernel-side file, against the stock headers.

set -uo pipefail
. "$(dirname "$0")/lib.sh"

log=$logdir/sparse.log
luo_log "sparse (C=2) against the stock headers (log: $log)"
if ! oot_build "$(luo_stock_kdir)" "$log" C=2 CHECK=sparse; then
	ktap_result fail sparse-clean "build failed, see $log"
else
	reports=$(grep -aE "^$LUO_ROOT/.*: (warning|error):" "$log")
	if [ -z "$reports" ]; then
		ktap_result ok sparse-clean
	else
		ktap_result fail sparse-clean "$reports"
	fi
fi
ktap_end
