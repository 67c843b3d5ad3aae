#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Second kernel of the uAPI test: load the orchestrator on the same region
# and check what it received (see uapi-before.sh for luo_mode=).

ok() { echo "luo-test: ok $1"; }
not_ok() { echo "luo-test: not ok $1${2:+: $2}"; }
arg() { sed -n "s/.*$1=\([^ ]*\).*/\1/p" /proc/cmdline; }
expect_log() {
	if dmesg | grep -q "$2"; then
		ok "$1"
	else
		not_ok "$1" "$(dmesg | grep liveupdate | tail -n 3)"
	fi
}

insmod /luo/liveupdate.ko region="$(arg luo_region)" || not_ok after-insmod
insmod /luo/luo_testdev.ko || not_ok after-insmod-testdev
if [ "$(arg luo_mode)" = doomed ]; then
	expect_log after-nothing-handed-over 'nothing handed over'
	/luo/luo_uapi_test nothing
else
	expect_log after-image-received 'received image generation 1'
	/luo/luo_uapi_test after
fi
echo "luo-test: done"
reboot -f
