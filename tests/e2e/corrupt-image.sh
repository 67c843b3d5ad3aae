#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# corrupt-image.sh SIZE@ADDR: in the next kernel, before the orchestrator
# reads it, flip the bits of one payload byte in each of the handover
# region's two slots.  KTAP on stdout.

region=$1
base=$((${region#*@}))
size=${region%@*}
half=$((${size%M} * 1024 * 1024 / 2))
echo "KTAP version 1"
echo "1..2"
status=0
for slot in 0 1; do
	addr=$((base + slot * half + 4096))
	if byte=$(devmem $addr 8) && devmem $addr 8 $((byte ^ 0x5a)); then
		echo "ok $((slot + 1)) corrupt-slot-$slot"
	else
		echo "not ok $((slot + 1)) corrupt-slot-$slot # devmem refused"
		status=1
	fi
done
exit $status
