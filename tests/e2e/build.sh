#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build what the end-to-end scenarios use (tests/e2e/env.sh says where):
#
#   build.sh stock   the modules for the stock 6.12 kernel, and the static
#                    guest programs of tests/liveupdate/
#   build.sh guest   the guest programs alone (one uAPI, both kernels)
#   build.sh debug   the sample modules for our debug kernel (built by
#                    scripts/check.sh kunit-x86_64)
#   build.sh kit-upstream
#                    the kit's fixture driver for the 7.x kernel of the
#                    mainline check (build.sh stock builds it for 6.12)
#
# Quiet; on failure, says which log to read and exits 1.

set -uo pipefail
. "$(dirname "$0")/../../scripts/lib.sh"
. "$LUO_ROOT/tests/e2e/env.sh"

logs=$LUO_CACHE/build/e2e
samples=(luo_sample_counter luo_sample_vm luo_sample_memfd luo_sample_note
	 luo_sample_note_v1)
mkdir -p "$logs"

quietly()
{
	local log=$1
	shift

	"$@" >"$log" 2>&1 || luo_die "build failed, see $log"
}

build_stock()
{
	quietly "$logs/stock-modules.log" \
		make -C "$(luo_stock_kdir)" M="$LUO_ROOT" modules
	mkdir -p "$stock"
	for m in "${samples[@]}"; do
		cp "$LUO_ROOT/samples/liveupdate/$m.ko" "$stock/"
	done
	build_kit "$(luo_stock_kdir)" "$kit_stock"
	build_guest
}

# build_kit KDIR DIR: the kit's fixture drivers (tests/kit/*), copied out
# of this tree to DIR and each built there with its own Makefile, as a
# driver author would: make KDIR=... LUO_HANDLER=<this tree>.  A warning
# fails the build.
build_kit()
{
	local kdir=$1 dir=$2 log d

	rm -rf "$dir"
	mkdir -p "$dir"
	for d in "$LUO_ROOT"/tests/kit/*/; do
		d=$(basename "$d")
		log=$logs/kit-${dir##*/}-$d.log
		cp -r "$LUO_ROOT/tests/kit/$d" "$dir/$d"
		quietly "$log" make -C "$dir/$d" KDIR="$kdir" \
			LUO_HANDLER="$LUO_ROOT" W=1
		! grep -q 'warning:' "$log" || luo_die "kit build warned, see $log"
	done
}

build_guest()
{
	mkdir -p "$guest"
	quietly "$logs/guest-programs.log" \
		make -C "$LUO_ROOT/tests/liveupdate" O="$guest"
}

# The samples for our debug kernel, built from a copy of the sources (an
# out-of-tree build writes next to them, where the stock build's are).
build_debug()
{
	local kdir=$LUO_CACHE/build/kunit-x86_64 src=$logs/debug-src m

	[ -f "$kdir/arch/x86/boot/bzImage" ] ||
		luo_die "no debug kernel: run scripts/check.sh kunit-x86_64 first"
	mkdir -p "$debug"
	luo_copy_sources "$src"
	quietly "$logs/debug-modules.log" \
		make -C "$kdir" M="$src/samples/liveupdate" \
		CONFIG_SAMPLE_LIVEUPDATE_COUNTER=m CONFIG_SAMPLE_LIVEUPDATE_VM=m \
		CONFIG_SAMPLE_LIVEUPDATE_NOTE=m CONFIG_SAMPLE_LIVEUPDATE_MEMFD=m \
		modules
	for m in "${samples[@]}"; do
		cp "$src/samples/liveupdate/$m.ko" "$debug/"
	done
}

case ${1:-} in
stock) build_stock ;;
debug) build_debug ;;
guest) build_guest ;;
kit-upstream) build_kit "$LUO_CACHE/build/kunit-mainline" "$kit_upstream" ;;
*) luo_die "usage: $0 stock|debug|guest|kit-upstream" ;;
esac
