#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# One stage of one of mainline's kexec selftests
# (tools/testing/selftests/liveupdate/luo_*.c), as a KTAP document: those
# tests print messages and an exit status, no TAP of their own.  Stage 1
# passes when it exits 0 (its child then holds the sessions until the
# kexec); stage 2 when it exits 0 and says "TEST PASSED", as mainline's own
# vmtest.sh requires.
#
# Usage (in the guest, from /luo): ksft-stage.sh TEST 1|2

test=$1 stage=$2
echo "KTAP version 1"
echo "1..1"
out=$(./"$test" -s "$stage" 2>&1)
status=$?
echo "$out" | sed 's/^/# /'
if [ "$status" -ne 0 ]; then
	echo "not ok 1 $test-stage-$stage # exit status $status"
	exit 1
fi
if [ "$stage" = 2 ] && ! echo "$out" | grep -q "TEST PASSED"; then
	echo "not ok 1 $test-stage-$stage # exit 0 without \"TEST PASSED\""
	exit 1
fi
echo "ok 1 $test-stage-$stage"
