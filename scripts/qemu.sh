#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Boot a kernel under QEMU with an initramfs and capture its console.
#
# Usage: scripts/qemu.sh KERNEL INITRD LOG [KERNEL ARGS...]
#
# The guest ends the run with a reboot, which -no-reboot turns into an
# exit; QEMU is killed after LUO_QEMU_TIMEOUT seconds (default 600) if it
# does not get there, and the exit status is then 124.  No network.
# LUO_QEMU_SMP (default 2) and LUO_QEMU_MEM (default 2G) size the machine.
# The accelerator is what scripts/qemu-accel.sh says works here (KVM only
# when it really boots a guest; LUO_QEMU_ACCEL=kvm|tcg overrides).
#
# LUO_QEMU_RESULTS=FILE adds a second serial port (ttyS1 in the guest)
# written to FILE: a channel for results, apart from the kernel's console.
# LUO_QEMU_INTERACTIVE=1 connects the console to this terminal as well
# (Ctrl-A x quits QEMU).

set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ $# -ge 3 ] || luo_die "usage: $0 KERNEL INITRD LOG [KERNEL ARGS...]"
kernel=$1 initrd=$2 log=$3
shift 3
[ -f "$kernel" ] || luo_die "no kernel image $kernel"
[ -f "$initrd" ] || luo_die "no initramfs $initrd"

mapfile -t probe < <("$LUO_ROOT/scripts/qemu-accel.sh" --why)
accel=${probe[0]}
[ -n "${LUO_QEMU_QUIET:-}" ] ||
	luo_log "QEMU accelerator: $accel (${probe[1]})"

serial=(-serial mon:stdio)
if [ -n "${LUO_QEMU_RESULTS:-}" ]; then
	: >"$LUO_QEMU_RESULTS"
	serial+=(-serial "file:$LUO_QEMU_RESULTS")
fi
cmd=(qemu-system-x86_64 -machine q35 -accel "$accel" -cpu max
     -smp "${LUO_QEMU_SMP:-2}" -m "${LUO_QEMU_MEM:-2G}"
     -display none -no-reboot -nic none "${serial[@]}"
     -kernel "$kernel" -initrd "$initrd"
     -append "console=ttyS0 panic=-1 oops=panic $*")

rm -f "$log"
status=0
if [ -n "${LUO_QEMU_INTERACTIVE:-}" ]; then
	"${cmd[@]}" 2>&1 | tee "$log" || status=$?
else
	timeout --foreground -k 10 "${LUO_QEMU_TIMEOUT:-600}" "${cmd[@]}" \
		</dev/null >"$log" 2>&1 || status=$?
fi
[ $status -ne 124 ] || luo_log "QEMU timed out after ${LUO_QEMU_TIMEOUT:-600} s; console in $log"
exit $status
