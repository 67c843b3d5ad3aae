#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# First kernel of the uAPI test: load the orchestrator on the handover
# region, run the outgoing half of luo_uapi_test, and kexec into the same
# kernel with uapi-after.sh as init.  luo_mode= on the command line says
# how the update is frozen:
#
#   sysfs     explicitly, echo freeze > /sys/kernel/liveupdate/state
#   notifier  by the kexec reboot notifier
#   doomed    by the notifier, with a file that fails to freeze

ok() { echo "luo-test: ok $1"; }
not_ok() { echo "luo-test: not ok $1${2:+: $2}"; }
arg() { sed -n "s/.*$1=\([^ ]*\).*/\1/p" /proc/cmdline; }

mode=$(arg luo_mode)
insmod /luo/liveupdate.ko region="$(arg luo_region)" || not_ok before-insmod
insmod /luo/luo_testdev.ko || not_ok before-insmod-testdev

program=before
[ "$mode" = doomed ] && program=doomed
/luo/luo_uapi_test $program >/tmp/before.log 2>&1 &
while ! grep -q 'luo-test: ready' /tmp/before.log; do
	kill -0 $! 2>/dev/null || break
	sleep 0.2
done
grep -v ready /tmp/before.log

if [ "$mode" = sysfs ]; then
	if echo freeze >/sys/kernel/liveupdate/state; then
		ok before-freeze
	else
		not_ok before-freeze
	fi
fi
cmdline=$(sed 's|rdinit=[^ ]*||' /proc/cmdline)
/luo/kexec_file /luo/vmlinuz /luo/after.cpio.gz "$cmdline rdinit=/init"
not_ok before-kexec "kexec_file failed"
echo "luo-test: done"
reboot -f
