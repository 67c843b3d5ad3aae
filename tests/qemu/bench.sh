#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Init script of scripts/bench.sh, on the stock kernel: runs luo_bench.ko
# on the core built with its hash tables, then on the baseline core built
# with list scans, and prints every "luo-bench: ..." line on the console.
# /luo/bench.conf sets HASH_ARGS and LIST_ARGS, the module's parameters.

. /luo/bench.conf

# Runs the benchmark on core $1 with parameters $2, and prints its lines.
run()
{
	dmesg -c >/dev/null
	if ! insmod "/luo/$1"; then
		echo "luo-bench: error insmod $1"
		return
	fi
	# shellcheck disable=SC2086
	if insmod /luo/luo_bench.ko $2; then
		until dmesg | grep -q 'luo-bench: done'; do
			sleep 1
		done
		# The core's own phase lines, for the breakdown of freeze and load.
		dmesg | grep -oE 'luo-bench: .*|liveupdate: (frozen|received|last) .*'
		rmmod luo_bench
	else
		echo "luo-bench: error insmod luo_bench.ko"
	fi
	rmmod liveupdate
}

run liveupdate.ko "$HASH_ARGS"
[ -n "$LIST_ARGS" ] && run liveupdate-list.ko "$LIST_ARGS"
echo "luo-bench: end"
reboot -f
