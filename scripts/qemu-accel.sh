#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Print the QEMU accelerator to use on this machine: "kvm" or "tcg".
#
# Usage: scripts/qemu-accel.sh [--why]
#
# A writable /dev/kvm is not proof that KVM works: under nested
# virtualisation it can refuse MSRs that "-cpu max" sets, or hang.  So KVM
# is used only when it boots a guest to a known console line within
# LUO_ACCEL_PROBE_TIMEOUT seconds (default 30); otherwise TCG.  The answer
# is cached in $LUO_CACHE/qemu-accel, keyed by the QEMU binary and version,
# the host kernel and the /dev/kvm node, and probed again when one changes.
#
# LUO_QEMU_ACCEL=kvm|tcg overrides the probe.  With --why, a second line
# says where the answer came from.

set -euo pipefail
. "$(dirname "$0")/lib.sh"

why=
[ "${1:-}" = --why ] && why=1

answer()
{
	echo "$1"
	[ -z "$why" ] || echo "$2"
	exit 0
}

case ${LUO_QEMU_ACCEL:-} in
kvm | tcg) answer "$LUO_QEMU_ACCEL" "set by LUO_QEMU_ACCEL" ;;
'') ;;
*) luo_die "LUO_QEMU_ACCEL='$LUO_QEMU_ACCEL': use kvm or tcg" ;;
esac

# LUO_ACCEL_KVM_DEV stands in for /dev/kvm: the harness's own tests probe
# a QEMU whose KVM is broken on purpose, on any host.
kvm=${LUO_ACCEL_KVM_DEV:-/dev/kvm}
[ -e "$kvm" ] || answer tcg "no $kvm"
[ -r "$kvm" ] && [ -w "$kvm" ] || answer tcg "$kvm is not usable by $(id -un)"

qemu=$(command -v qemu-system-x86_64) ||
	luo_die "qemu-system-x86_64 not found (scripts/setup.sh installs it)"
key="$qemu $(stat -L -c '%s %Y' "$qemu") $(uname -r) $(stat -c '%t:%T %Z' "$kvm")"
key="$key $("$qemu" --version 2>/dev/null | head -n 1)"
cache=${LUO_ACCEL_CACHE:-$LUO_CACHE/qemu-accel}
if [ -f "$cache" ] && [ "$(sed -n 1p "$cache")" = "$key" ]; then
	answer "$(sed -n 2p "$cache")" "$(sed -n 3p "$cache") (probed before)"
fi

# The probe: the stock kernel, an initramfs whose init prints one line.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '#!/bin/sh\necho luo-accel-probe: up\nreboot -f\n' >"$work/probe.sh"
"$LUO_ROOT/scripts/initramfs.sh" "$work/probe.cpio.gz" "$work/probe.sh"
status=0
# In a subshell, whose stderr is dropped: a QEMU that aborts is the
# expected failure here, not news for the terminal.
(timeout -k 5 "${LUO_ACCEL_PROBE_TIMEOUT:-30}" \
	"$qemu" -machine q35 -accel kvm -cpu max -smp 1 -m 512M \
		-nographic -no-reboot -nic none \
		-kernel "$(luo_stock_vmlinuz)" -initrd "$work/probe.cpio.gz" \
		-append "console=ttyS0 panic=-1 rdinit=/init quiet" \
		</dev/null >"$work/console" 2>&1) 2>/dev/null || status=$?
if grep -aq 'luo-accel-probe: up' "$work/console"; then
	result=kvm reason="KVM booted a guest"
elif [ $status -eq 124 ]; then
	result=tcg reason="KVM probe timed out"
else
	last=$(tr -d '\r' <"$work/console" | grep -av '^\s*$' | tail -n 1 | cut -c1-100)
	result=tcg reason="KVM probe failed (exit $status: $last)"
fi
mkdir -p "$(dirname "$cache")"
# Whole or not at all, for a reader running beside.
printf '%s\n%s\n%s\n' "$key" "$result" "$reason" >"$cache.$$"
mv "$cache.$$" "$cache"
answer "$result" "$reason"
