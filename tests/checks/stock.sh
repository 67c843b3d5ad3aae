#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check: the out-of-tree build against the stock Debian 6.12 headers (W=1,
# no warning), the .liveupdate_versions section of every module, and the
# modules loaded on the stock kernel under QEMU.

set -uo pipefail
. "$(dirname "$0")/lib.sh"

log=$logdir/stock-build.log
kdir=$(luo_stock_kdir)
luo_log "out-of-tree build against $kdir (log: $log)"
if ! oot_build "$kdir" "$log" W=1; then
	ktap_result fail build-w1-no-warnings "build failed, see $log"
	ktap_end
fi
warnings=$(grep -a -c 'warning:' "$log")
if [ "$warnings" -eq 0 ]; then
	ktap_result ok build-w1-no-warnings
else
	ktap_result fail build-w1-no-warnings "$warnings warning(s), see $log"
fi

while read -r ko compatibles; do
	# shellcheck disable=SC2086
	check_section "section-${ko##*/}" "$LUO_ROOT/$ko" $compatibles
done <"$LUO_ROOT/tests/stock/sections.expect"

# The .text of the same two handlers, generated and hand-written: a
# figure, not a pass or a fail.
for o in glue_vcpu_fw glue_vcpu_hand; do
	ktap_diag "$o.o: .text $(size -A "$LUO_ROOT/tests/bench/$o.o" |
		awk '$1 == ".text" { print $2 }') bytes"
done

vmtest stock-boot --kernel stock --no-kexec --core none \
	--file "$LUO_ROOT/kernel/liveupdate/liveupdate.ko" \
	--file "$LUO_ROOT/samples/liveupdate/luo_sample_counter.ko" \
	--file "$LUO_ROOT/samples/liveupdate/luo_sample_vm.ko" \
	--file "$LUO_ROOT/tests/stock/modules.sh" \
	--before "sh modules.sh"
ktap_end
