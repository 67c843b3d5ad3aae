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
		if byte=$(devmem $addr 8) && devmem $addr 8 $((byte ^ 0x5a)); then
			ok "after-corrupt-slot-$slot"
		else
			not_ok "after-corrupt-slot-$slot" "devmem refused"
		fi
	done
	echo "demo: flipped bits in one byte of each slot of the image"
fi

# Our debug kernel: leaks of the restore are what kmemleak reports later.
kmemleak=/sys/kernel/debug/kmemleak
if [ "$(arg luo_next)" = debug ]; then
	if [ -w $kmemleak ]; then
		echo clear >$kmemleak
	else
		not_ok after-kmemleak "no $kmemleak"
	fi
fi
# A restore that dies reports nothing: its exit status counts too.
run() {
	name=$1
	shift
	"$@" || not_ok "$name" "exit status $?"
}

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
	run after-nothing /luo/luo_sample nothing
	;;
no-sessions)
	expect_log after-empty-image 'received image generation'
	run after-nothing /luo/luo_sample nothing
	;;
missing-module)
	mkfifo /tmp/answer
	/luo/luo_sample restore --missing-memfd </tmp/answer >/tmp/restore.log 2>&1 &
	restorer=$!
	exec 3>/tmp/answer
	while ! grep -q '^waiting-for-memfd' /tmp/restore.log; do
		kill -0 $restorer 2>/dev/null || break
		sleep 0.1
	done
	expect_log after-missing-handler-named 'sample-memfd-v1'
	load luo_sample_memfd
	echo memfd-loaded >&3
	wait $restorer || not_ok after-restore "exit status $?"
	grep -v '^waiting-for-memfd' /tmp/restore.log
	;;
out-of-order)
	run after-restore /luo/luo_sample restore --out-of-order
	expect_log after-out-of-order-logged 'not retrieved'
	;;
upgrade)
	run after-restore /luo/luo_sample restore --note-priority 5 \
		--note-layout 2
	;;
rollback)
	run after-restore /luo/luo_sample restore --note-priority 0 \
		--note-layout 1
	;;
failed-freeze)
	run after-restore /luo/luo_sample restore --requests 42
	;;
*)
	run after-restore /luo/luo_sample restore
	;;
esac

# kmemleak reports an object once it is 5 s old and unchanged over two
# scans.
if [ "$(arg luo_next)" = debug ] && [ -w $kmemleak ]; then
	sleep 6
	echo scan >$kmemleak
	echo scan >$kmemleak
	leaks=$(grep -c 'unreferenced object' $kmemleak)
	[ "$leaks" -eq 0 ] && ok after-kmemleak-scan ||
		not_ok after-kmemleak-scan "$leaks unreferenced objects: $(head -n 20 $kmemleak)"
fi
echo "luo-test: done"
reboot -f
