#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Init script for the stock Debian 6.12 kernel: loads the out-of-tree
# orchestrator module built against its headers and checks what it shows.
# Reports "luo-test: ok|not ok NAME" lines for scripts/check.sh.

ok() { echo "luo-test: ok $1"; }
not_ok() { echo "luo-test: not ok $1${2:+: $2}"; }
check() { name=$1; shift; if "$@"; then ok "$name"; else not_ok "$name"; fi; }

check stock-insmod insmod /luo/liveupdate.ko
check stock-sysfs-versions test "$(cat /sys/kernel/liveupdate/versions)" = luo-image-v1
check stock-enabled-by-default test "$(cat /sys/module/liveupdate/parameters/enable)" = Y
check stock-rmmod rmmod liveupdate
check stock-sysfs-gone test ! -e /sys/kernel/liveupdate
check stock-insmod-disabled insmod /luo/liveupdate.ko enable=0
check stock-disabled test "$(cat /sys/module/liveupdate/parameters/enable)" = N
rmmod liveupdate

echo "luo-test: done"
reboot -f
