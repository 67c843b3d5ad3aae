#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Boot a kernel under QEMU with an initramfs and capture its console.
#
# Usage: scripts/qemu.sh KERNEL INITRD LOG [KERNEL ARGS...]
#
# The guest ends the run with a reboot, which -no-reboot turns into an
# exit; QEMU is killed after LUO_QEMU_TIMEOUT seconds (default 600) if it
# does not get there.  No network.  LUO_QEMU_SMP (default 2) and
# LUO_QEMU_MEM (default 2G) size the machine.

set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ $# -ge 3 ] || luo_die "usage: $0 KERNEL INITRD LOG [KERNEL ARGS...]"
kernel=$1 initrd=$2 log=$3
shift 3

accel=tcg
[ -w /dev/kvm ] && accel=kvm

rm -f "$log"
status=0
timeout --foreground -k 10 "${LUO_QEMU_TIMEOUT:-600}" \
	qemu-system-x86_64 -machine q35 -accel "$accel" -cpu max \
		-smp "${LUO_QEMU_SMP:-2}" -m "${LUO_QEMU_MEM:-2G}" \
		-nographic -no-reboot -nic none \
		-kernel "$kernel" -initrd "$initrd" \
		-append "console=ttyS0 panic=-1 oops=panic $*" \
		</dev/null >"$log" 2>&1 || status=$?
[ $status -ne 124 ] || luo_die "QEMU timed out; console in $log"
exit $status
