#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# End-to-end live updates under QEMU: the stock Debian 6.12 kernel with the
# out-of-tree modules preserves files of every sample, kexecs, and the next
# kernel retrieves and checks them.
#
# Usage: scripts/e2e.sh prepare [stock|debug]
#        scripts/e2e.sh run SCENARIO LOG
#
# prepare builds the modules, the guest programs and the initramfs images
# for a next kernel that is the stock one, and with "debug" also for our
# debug kernel (KASAN, lockdep, UBSAN, kmemleak; built by
# "scripts/check.sh kunit-x86_64").
# run boots one scenario and leaves the console of both kernels in LOG.
# SCENARIOs: see tests/qemu/e2e-before.sh; to-debug-kernel is the demo
# scenario with our debug kernel as the next kernel.

set -euo pipefail
. "$(dirname "$0")/lib.sh"

build=$LUO_CACHE/build/e2e
region=4M@0x30000000
memmap='memmap=4M$0x30000000'
samples=(luo_sample_counter luo_sample_vm luo_sample_memfd luo_sample_note
	 luo_sample_note_v1)
debug_kdir=$LUO_CACHE/build/kunit-x86_64

quiet_make()
{
	local log=$1
	shift

	"$@" >"$log" 2>&1 || luo_die "build failed, see $log"
}

guest_programs()
{
	mkdir -p "$build"
	quiet_make "$build/luo_sample.log" gcc -static -O2 -Wall -Werror \
		-I"$LUO_ROOT/include/uapi" -o "$build/luo_sample" \
		"$LUO_ROOT/samples/liveupdate/userspace/luo_sample.c"
	quiet_make "$build/kexec_file.log" gcc -static -O2 -Wall -Werror \
		-o "$build/kexec_file" "$LUO_ROOT/tests/uapi/kexec_file.c"
}

# The samples for our debug kernel, built from a copy of the sources: an
# out-of-tree build writes next to them, where the stock build's are.  Only
# files whose contents changed are copied, with a new time: make then
# rebuilds what they touch, even when a source went back to older bytes.
debug_samples()
{
	local src=$build/debug-src

	[ -f "$debug_kdir/arch/x86/boot/bzImage" ] ||
		luo_die "no debug kernel: run scripts/check.sh kunit-x86_64 first"
	mkdir -p "$src"
	(cd "$LUO_ROOT" && git ls-files -co --exclude-standard) |
		rsync -a --no-times --checksum --ignore-missing-args \
			--files-from=- "$LUO_ROOT/" "$src/"
	quiet_make "$build/debug-samples.log" \
		make -C "$debug_kdir" M="$src/samples/liveupdate" \
		CONFIG_SAMPLE_LIVEUPDATE_COUNTER=m CONFIG_SAMPLE_LIVEUPDATE_VM=m \
		CONFIG_SAMPLE_LIVEUPDATE_NOTE=m CONFIG_SAMPLE_LIVEUPDATE_MEMFD=m \
		modules
	mkdir -p "$build/debug"
	for m in "${samples[@]}"; do
		cp "$src/samples/liveupdate/$m.ko" "$build/debug/"
	done
	cp "$debug_kdir/arch/x86/boot/bzImage" "$build/debug/vmlinuz"
}

stock_samples()
{
	quiet_make "$build/stock-modules.log" \
		make -C "$(luo_stock_kdir)" M="$LUO_ROOT" modules
	mkdir -p "$build/stock"
	cp "$LUO_ROOT/kernel/liveupdate/liveupdate.ko" "$build/stock/"
	for m in "${samples[@]}"; do
		cp "$LUO_ROOT/samples/liveupdate/$m.ko" "$build/stock/"
	done
	cp "$(luo_stock_vmlinuz)" "$build/stock/vmlinuz"
}

# The first kernel is always the stock one; NEXT is what it kexecs into.
initramfs()
{
	local next=$1 dir=$build/$1

	"$LUO_ROOT/scripts/initramfs.sh" "$dir/after.cpio.gz" \
		"$LUO_ROOT/tests/qemu/e2e-after.sh" "$dir"/*.ko \
		"$build/luo_sample"
	"$LUO_ROOT/scripts/initramfs.sh" "$build/before-$next.cpio.gz" \
		"$LUO_ROOT/tests/qemu/e2e-before.sh" "$build"/stock/*.ko \
		"$build/luo_sample" "$build/kexec_file" "$dir/vmlinuz" \
		"$dir/after.cpio.gz"
}

prepare()
{
	local next=${1:-stock}

	guest_programs
	stock_samples
	initramfs stock
	if [ "$next" = debug ]; then
		debug_samples
		initramfs debug
	fi
}

scenarios=(demo out-of-order upgrade rollback corrupt failed-freeze
	   no-sessions missing-module to-debug-kernel)

run()
{
	local scenario=$1 log=$2 next=stock

	[[ " ${scenarios[*]} " == *" $scenario "* ]] ||
		luo_die "unknown scenario '$scenario'; one of: ${scenarios[*]}"

	if [ "$scenario" = to-debug-kernel ]; then
		scenario=demo
		next=debug
	fi
	[ -f "$build/before-$next.cpio.gz" ] ||
		luo_die "run scripts/e2e.sh prepare $next first"
	# One vCPU: under TCG, a second one was seen taking an int3 while
	# the first kernel patched its code at boot (sched_clock), before
	# anything of ours ran.
	LUO_QEMU_SMP=1 "$LUO_ROOT/scripts/qemu.sh" "$(luo_stock_vmlinuz)" \
		"$build/before-$next.cpio.gz" "$log" rdinit=/init "$memmap" \
		"luo_region=$region" "luo_scenario=$scenario" "luo_next=$next"
}

case ${1:-} in
prepare)
	prepare "${2:-stock}"
	;;
run)
	[ $# -eq 3 ] || luo_die "usage: $0 run SCENARIO LOG"
	run "$2" "$3"
	;;
*)
	luo_die "usage: $0 prepare [stock|debug] | run SCENARIO LOG"
	;;
esac
