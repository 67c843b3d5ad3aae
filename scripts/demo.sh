#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The project's main job: build the live update modules for the stock
# Debian 6.12 kernel, boot that kernel under QEMU, load them and show what
# the running kernel says it can restore.

set -euo pipefail
. "$(dirname "$0")/lib.sh"

"$LUO_ROOT/scripts/setup.sh"

kdir=$(luo_stock_kdir)
build=$LUO_CACHE/build
mkdir -p "$build"

luo_log "building the modules against $kdir"
make -C "$kdir" M="$LUO_ROOT" modules >"$build/demo-build.log" 2>&1 ||
	luo_die "build failed, see $build/demo-build.log"

luo_log "the version table linked into liveupdate.ko"
readelf -x .liveupdate_versions "$LUO_ROOT/kernel/liveupdate/liveupdate.ko"

luo_log "booting $(luo_stock_vmlinuz) under QEMU"
"$LUO_ROOT/scripts/initramfs.sh" "$build/demo.cpio.gz" \
	"$LUO_ROOT/tests/qemu/demo.sh" \
	"$LUO_ROOT/kernel/liveupdate/liveupdate.ko"
LUO_QEMU_TIMEOUT=300 "$LUO_ROOT/scripts/qemu.sh" "$(luo_stock_vmlinuz)" \
	"$build/demo.cpio.gz" "$build/demo-boot.log" rdinit=/init quiet
tr -d '\r' <"$build/demo-boot.log" | sed -n 's/^demo: //p'
grep -aq '^demo: done' "$build/demo-boot.log" ||
	luo_die "the guest did not finish, see $build/demo-boot.log"
