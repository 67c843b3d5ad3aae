#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check: the compile-time fixtures under tests/build (each compiles, or is
# refused with the message its "// expect:" line names), and the section
# of a module whose handlers are in two objects.
# beside: yes

set -uo pipefail
. "$(dirname "$0")/lib.sh"

# tests/build/ links its single-object fixtures without
# scripts/Makefile.liveupdate: their entries have no header in front, and
# the section check must say so.
fixture_without_header()
{
	local ko=$LUO_ROOT/tests/build/$1.ko out

	if out=$(python3 "$LUO_ROOT/tests/tools/check-versions-section.py" \
			"$ko" 2>&1); then
		ktap_result fail "$1-no-header-detected" "went unnoticed: $out"
	elif grep -q 'header is not first' <<<"$out"; then
		ktap_result ok "$1-no-header-detected"
	else
		ktap_result fail "$1-no-header-detected" "$out"
	fi
}

# Handlers in two objects of one module: one header, first, all entries.
fixture_multi_object()
{
	local kdir=$1 dir=$LUO_ROOT/tests/build/multi-object
	local log=$logdir/fixture-multi-object.log

	if make -C "$kdir" M="$dir" W=1 >"$log" 2>&1 &&
	   ! grep -aq 'warning:' "$log"; then
		ktap_result ok multi-object-builds
		check_section multi-object-section "$dir/luo_two_objects.ko" \
			luo-fixture-a-v1 luo-fixture-b-v2 luo-fixture-c-v3
	else
		ktap_result fail multi-object-builds "see $log"
	fi
	make -C "$kdir" M="$dir" clean >/dev/null 2>&1
}

kdir=$(luo_stock_kdir)
for src in "$LUO_ROOT"/tests/build/*.c; do
	name=$(basename "$src" .c)
	expect=$(sed -n 's|^// expect: ||p' "$src")
	log=$logdir/fixture-$name.log
	make -C "$kdir" M="$LUO_ROOT/tests/build" LUO_CASE="$name" >"$log" 2>&1
	out=$?
	if [ "$expect" = ok ]; then
		if [ $out -eq 0 ] && ! grep -aq 'warning:' "$log"; then
			ktap_result ok "$name-compiles"
		else
			ktap_result fail "$name-compiles" "see $log"
		fi
		fixture_without_header "$name"
	elif [ $out -ne 0 ] && grep -aqF "$expect" "$log"; then
		ktap_result ok "$name-refused"
		ktap_diag "$name: $expect"
	else
		ktap_result fail "$name-refused" "should fail with '$expect', see $log"
	fi
done
make -C "$kdir" M="$LUO_ROOT/tests/build" LUO_CASE=none clean >/dev/null 2>&1
fixture_multi_object "$kdir"
ktap_end
