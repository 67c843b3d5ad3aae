#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# First kernel of the uAPI test: load the orchestrator on the handover
# region, run the outgoing half of luo_uapi_test, freeze, and kexec into the
# same kernel with uapi-after.sh as init.

ok() { echo "luo-test: ok $1"; }
not_ok() { echo "luo-test: not ok $1${2:+: $2}"; }

region=$(sed -n 's/.*luo_region=\([^ ]*\).*/\1/p' /proc/cmdline)
insmod /luo/liveupdate.ko region="$region" || not_ok before-insmod
insmod /luo/luo_testdev.ko || not_ok before-insmod-testdev

/luo/luo_uapi_test before >/tmp/before.log 2>&1 &
while ! grep -q 'luo-test: ready' /tmp/before.log; do
	kill -0 $! 2>/dev/null || break
	sleep 0.2
done
grep -v ready /tmp/before.log

if echo freeze >/sys/kernel/liveupdate/state; then
	ok before-freeze
else
	not_ok before-freeze
fi
cmdline=$(sed 's|rdinit=[^ ]*||' /proc/cmdline)
/luo/kexec_file /luo/vmlinuz /luo/after.cpio.gz "$cmdline rdinit=/init"
not_ok before-kexec "kexec_file failed"
echo "luo-test: done"
reboot -f
