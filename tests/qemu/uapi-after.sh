#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Second kernel of the uAPI test: load the orchestrator on the same region,
# which finds the image, and run the incoming half of luo_uapi_test.

ok() { echo "luo-test: ok $1"; }
not_ok() { echo "luo-test: not ok $1${2:+: $2}"; }

region=$(sed -n 's/.*luo_region=\([^ ]*\).*/\1/p' /proc/cmdline)
insmod /luo/liveupdate.ko region="$region" || not_ok after-insmod
insmod /luo/luo_testdev.ko || not_ok after-insmod-testdev
if dmesg | grep -q 'received image generation 1'; then
	ok after-image-received
else
	not_ok after-image-received "$(dmesg | grep liveupdate | tail -n 3)"
fi
/luo/luo_uapi_test after
echo "luo-test: done"
reboot -f
