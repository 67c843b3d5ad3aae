#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Second kernel of an end-to-end live update: load the orchestrator on the
# same region (or find it built in), load the samples, and retrieve and
# check what was handed over.  See e2e-before.sh for luo_scenario=.

ok() { echo "luo-test: ok $1"; }
not_ok() { echo "luo-test: not ok $1${2:+: $2}"; }
arg() { sed -n "s/.*$1=\([^ ]*\).*/\1/p" /proc/cmdline; }
load() {
	if insmod "/luo/$1.ko"; then
		ok "after-insmod-$1"
	else
		not_ok "after-insmod-$1"
	fi
}
expect_log() {
	if dmesg | grep -q "$2"; then
		ok "$1"
	else
		not_ok "$1" "$(dmesg | grep liveupdate | tail -n 3)"
	fi
}

scenario=$(arg luo_scenario)
region=$(arg luo_region)
echo "demo: kernel $(uname -r) up, scenario $scenario"

if [ "$scenario" = corrupt ]; then
	# One byte of each slot's payload, before anything reads it.
	base=$((${region#*@}))
	size=${region%@*}
	half=$((${size%M} * 1024 * 1024 / 2))
	for slot in 0 1; do
		addr=$((base + slot * half + 4096))
		devmem $addr 8 $(($(devmem $addr 8) ^ 0x5a))
	done
	echo "demo: flipped bits in one byte of each slot of the image"
fi

if [ -f /luo/liveupdate.ko ]; then
	/luo/luo_sample insmod /luo/liveupdate.ko "region=$region" &&
		ok after-insmod-liveupdate || not_ok after-insmod-liveupdate
fi
dmesg | sed -n 's/.*liveupdate: \(.*image.*\)/demo: \1/p;s/.*liveupdate: \(nothing handed over.*\)/demo: \1/p'
for m in luo_sample_counter luo_sample_vm; do
	load $m
done
[ "$scenario" = missing-module ] || load luo_sample_memfd
if [ "$scenario" = rollback ]; then
	load luo_sample_note_v1
else
	load luo_sample_note
fi

case $scenario in
corrupt)
	expect_log after-corrupt-checksum 'checksum mismatch'
	expect_log after-corrupt-refused 'nothing handed over: the image was refused (-74)'
	/luo/luo_sample nothing
	;;
no-sessions)
	expect_log after-empty-image 'received image generation'
	/luo/luo_sample nothing
	;;
missing-module)
	mkfifo /tmp/answer
	/luo/luo_sample restore --missing-memfd </tmp/answer >/tmp/restore.log 2>&1 &
	exec 3>/tmp/answer
	while ! grep -q '^waiting-for-memfd' /tmp/restore.log; do
		kill -0 $! 2>/dev/null || break
		sleep 0.1
	done
	expect_log after-missing-handler-named 'sample-memfd-v1'
	load luo_sample_memfd
	echo memfd-loaded >&3
	wait
	grep -v '^waiting-for-memfd' /tmp/restore.log
	;;
out-of-order)
	/luo/luo_sample restore --out-of-order
	expect_log after-out-of-order-logged 'not retrieved'
	;;
upgrade)
	/luo/luo_sample restore --note-priority 5 --note-layout 2
	;;
rollback)
	/luo/luo_sample restore --note-priority 0 --note-layout 1
	;;
failed-freeze)
	/luo/luo_sample restore --requests 42
	;;
*)
	/luo/luo_sample restore
	;;
esac

# Our debug kernel: whatever the restore leaked is reported now.
if [ -w /sys/kernel/debug/kmemleak ]; then
	echo scan >/sys/kernel/debug/kmemleak
	leaks=$(grep -c 'unreferenced object' /sys/kernel/debug/kmemleak)
	[ "$leaks" -eq 0 ] && ok after-kmemleak-scan ||
		not_ok after-kmemleak-scan "$leaks unreferenced objects"
fi
echo "luo-test: done"
reboot -f
