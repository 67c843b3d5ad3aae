#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build a busybox initramfs that runs one script as init.
#
# Usage: scripts/initramfs.sh OUT.cpio[.gz] INIT-SCRIPT [FILE...]
#
# OUT.cpio.gz is compressed (gzip -1); OUT.cpio is not, for images whose
# bulk is compressed already (a bzImage, another initramfs): a debug kernel
# under emulation inflates 13 MB in seconds, and gains nothing from it.
#
# FILEs (modules, test programs) are copied to /luo in the image.  The init
# script gets /proc, /sys, /dev and debugfs mounted, and should end with
# "reboot -f": QEMU runs with -no-reboot, so that ends it, even on kernels
# built without ACPI power off.

set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ $# -ge 2 ] || luo_die "usage: $0 OUT.cpio[.gz] INIT-SCRIPT [FILE...]"
out=$1 script=$2
shift 2

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT

mkdir -p "$root"/{bin,dev,proc,sys,tmp,luo}
cp /bin/busybox "$root/bin/busybox"
for applet in $("$root/bin/busybox" --list); do
	[ -e "$root/bin/$applet" ] || ln -s busybox "$root/bin/$applet"
done

cat >"$root/init" <<'INIT'
#!/bin/sh
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
exec /bin/sh /luo/test.sh
INIT
chmod +x "$root/init"
cp "$script" "$root/luo/test.sh"
[ $# -gt 0 ] && cp "$@" "$root/luo/"

case $out in
*.gz)	(cd "$root" && find . | cpio -o -H newc --quiet) | gzip -1 >"$out" ;;
*)	(cd "$root" && find . | cpio -o -H newc --quiet) >"$out" ;;
esac
