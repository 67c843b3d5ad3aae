#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# First kernel of an end-to-end live update (scripts/e2e.sh): load the
# orchestrator on the handover region and the samples, preserve files of
# every sample with luo_sample, freeze, and kexec into /luo/vmlinuz with
# e2e-after.sh as init.  luo_scenario= on the command line says what to do:
#
#   demo            every sample, in order
#   out-of-order    the next kernel first asks for a vCPU before its VM
#   upgrade         the v1 note driver here, the v2 one there
#   rollback        the v2 note driver here, told the next kernel reads v1
#   corrupt         the next kernel finds one byte of the image changed
#   failed-freeze   a running vCPU makes freeze fail; the workload goes on,
#                   stops the vCPU, and the second freeze succeeds
#   no-sessions     nothing preserved
#   missing-module  the next kernel lacks the memfd handler at first

ok() { echo "luo-test: ok $1"; }
not_ok() { echo "luo-test: not ok $1${2:+: $2}"; }
arg() { sed -n "s/.*$1=\([^ ]*\).*/\1/p" /proc/cmdline; }
load() {
	if insmod "/luo/$1.ko" "$2"; then
		ok "before-insmod-$1"
	else
		not_ok "before-insmod-$1"
	fi
}

scenario=$(arg luo_scenario)
region=$(arg luo_region)
echo "demo: kernel $(uname -r), scenario $scenario"

load liveupdate "region=$region"
for m in luo_sample_counter luo_sample_vm luo_sample_memfd; do
	load $m
done
if [ "$scenario" = upgrade ]; then
	load luo_sample_note_v1
else
	load luo_sample_note
fi

if [ "$scenario" = rollback ]; then
	# What the next kernel reads: everything here but the v2 note.
	grep -v '^sample-note-v2$' /sys/kernel/liveupdate/versions \
		>/sys/kernel/liveupdate/target_versions &&
		ok before-target-versions ||
		not_ok before-target-versions
	echo "demo: the next kernel reads: $(cat /sys/kernel/liveupdate/target_versions | tr '\n' ' ')"
fi

opts=""
[ "$scenario" = failed-freeze ] && opts="--running"
[ "$scenario" = demo ] && opts="--too-big $((8 << 20))"
[ "$scenario" = upgrade ] && opts="--note-priority 0"

if [ "$scenario" != no-sessions ]; then
	# shellcheck disable=SC2086
	/luo/luo_sample preserve $opts >>/tmp/preserve.log 2>&1 &
	preserver=$!
	while ! grep -q '^ready' /tmp/preserve.log; do
		kill -0 $preserver 2>/dev/null || break
		sleep 0.1
	done
	grep -v '^ready' /tmp/preserve.log
	grep -q '^ready' /tmp/preserve.log || not_ok before-preserve
fi

if [ "$scenario" = failed-freeze ]; then
	if /luo/luo_sample freeze; then
		not_ok before-freeze-refused "froze with a vCPU running"
	else
		ok before-freeze-refused
	fi
	dmesg | grep -q 'is running: stop it before the update' &&
		ok before-freeze-reason-logged ||
		not_ok before-freeze-reason-logged
	state=$(cat /sys/kernel/liveupdate/state)
	[ "$state" = normal ] && ok before-not-frozen ||
		not_ok before-not-frozen "state $state"
	seen=$(wc -l </tmp/preserve.log)
	kill -USR1 $preserver
	while ! grep -q '^resumed' /tmp/preserve.log; do
		kill -0 $preserver 2>/dev/null || break
		sleep 0.1
	done
	tail -n +$((seen + 1)) /tmp/preserve.log | grep -v '^resumed'
fi

# The next kernel is loaded before the freeze: loading is not blackout.
cmdline=$(sed 's|rdinit=[^ ]*||' /proc/cmdline)
# Our debug kernel has the orchestrator built in, and KUnit suites that
# must not run at its boot.
[ "$(arg luo_next)" = debug ] &&
	cmdline="$cmdline liveupdate.region=$region kunit.enable=0"
/luo/kexec_file -l /luo/vmlinuz /luo/after.cpio.gz "$cmdline rdinit=/init" ||
	not_ok before-kexec-load

if /luo/luo_sample freeze; then
	ok before-freeze
else
	not_ok before-freeze
fi
if [ "$scenario" = failed-freeze ]; then
	seen=$(wc -l </tmp/preserve.log)
	kill -USR1 $preserver
	while [ "$(grep -c '^resumed' /tmp/preserve.log)" -lt 2 ]; do
		kill -0 $preserver 2>/dev/null || break
		sleep 0.1
	done
	tail -n +$((seen + 1)) /tmp/preserve.log | grep -v '^resumed'
fi
dmesg | sed -n 's/.*liveupdate: \(sealed image .*\)/demo: \1/p;s/.*liveupdate: \(frozen in .*\)/demo: \1/p'

echo "demo: kexec into $(arg luo_next) ..."
/luo/kexec_file -e
not_ok before-kexec "reboot into the loaded kernel failed"
echo "luo-test: done"
reboot -f
