#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# On the stock Debian 6.12 kernel: loads the out-of-tree orchestrator
# module built against its headers and checks what it shows, then the
# sample modules.  KTAP on stdout.

n=0
failed=0
check() {
	name=$1
	shift
	n=$((n + 1))
	if "$@" >/tmp/out 2>&1; then
		echo "ok $n $name"
	else
		echo "not ok $n $name # $(head -c 200 /tmp/out | tr '\n#' '  ')"
		failed=1
	fi
}

echo "KTAP version 1"
echo "1..16"
check stock-insmod insmod /luo/liveupdate.ko
check stock-sysfs-versions test "$(cat /sys/kernel/liveupdate/versions)" = luo-image-v1
check stock-enabled-by-default test "$(cat /sys/module/liveupdate/parameters/enable)" = Y
check stock-rmmod rmmod liveupdate
check stock-sysfs-gone test ! -e /sys/kernel/liveupdate
check stock-insmod-disabled insmod /luo/liveupdate.ko enable=0
check stock-disabled test "$(cat /sys/module/liveupdate/parameters/enable)" = N
rmmod liveupdate

# The samples: their handlers registered and listed, and opening their
# devices leaves the module reference count where it was.
check sample-core-insmod insmod /luo/liveupdate.ko
check sample-counter-insmod insmod /luo/luo_sample_counter.ko
check sample-vm-insmod insmod /luo/luo_sample_vm.ko
for v in sample-counter-v1 sample-vm-v1 sample-vcpu-v1 sample-memslot-v1; do
	check "sample-listed-$v" grep -qx "$v" /sys/kernel/liveupdate/versions
done
for m in counter vm; do
	ref=$(cat /sys/module/luo_sample_$m/refcnt)
	for i in 1 2 3; do
		exec 3</dev/luo_sample_$m
		exec 3<&-
	done
	check "sample-$m-refcnt-after-open" \
		test "$(cat /sys/module/luo_sample_$m/refcnt)" = "$ref"
done
exit $failed
