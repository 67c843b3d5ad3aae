#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check: the test harness itself: the KTAP reader on crafted documents,
# the dispatcher on checks made to fail, the runner refusing bad input, a
# guest program that crashes and one that hangs counted as failures; and,
# on a QEMU whose KVM aborts as it does on machines where /dev/kvm is
# writable but broken, the demo passing under TCG.
# needs: stock

set -uo pipefail
. "$(dirname "$0")/lib.sh"

here=$LUO_ROOT/tests/harness
vmtest=$LUO_ROOT/scripts/luo-vmtest

# The reader: each document's "# expect: PASSED FAILED" line.
for f in "$here"/ktap/*.ktap; do
	want=$(sed -n 's/^# expect: //p' "$f")
	got=$(python3 "$LUO_ROOT/scripts/ktap.py" count "$f")
	if [ "$got" = "$want" ]; then
		ktap_result ok "ktap-count-$(basename "$f" .ktap)"
	else
		ktap_result fail "ktap-count-$(basename "$f" .ktap)" \
			"counted '$got', want '$want'"
	fi
done

# The dispatcher on checks made to fail: one that dies before its plan and
# one that stops short of it (run beside the others) count as failed (the
# short one's one result still passed), the passing one's two cases are
# counted from its output, not from a file of its own with the same name,
# and the run fails.
out=$(LUO_CHECKS_DIR="$here/checks" LUO_CHECK_LOGS="$LUO_CACHE/logs-harness" \
	"$LUO_ROOT/scripts/check.sh" 2>/dev/null)
rc=$?
last=$(tail -n 1 <<<"$out")
if [ $rc -ne 0 ] && [ "$last" = "3 passed, 2 failed" ] &&
   grep -q '^not ok [0-9]* dies' <<<"$out" &&
   grep -q '^not ok [0-9]* short' <<<"$out"; then
	ktap_result ok dispatcher-counts-broken-checks
else
	ktap_result fail dispatcher-counts-broken-checks "exit $rc, '$last'"
fi

# refused NAME PATTERN ARGS...: the runner exits 2 with a line matching
# PATTERN, before booting anything.
refused()
{
	local name=$1 pattern=$2 out rc
	shift 2

	out=$("$vmtest" --out "$LUO_CACHE/vmtest/refused" "$@" 2>&1)
	rc=$?
	if [ $rc -eq 2 ] && grep -q -- "$pattern" <<<"$out"; then
		ktap_result ok "runner-refuses-$name"
	else
		ktap_result fail "runner-refuses-$name" "exit $rc: $out"
	fi
}

refused missing-module "no module /nonexistent.ko" \
	--module /nonexistent.ko --before true
refused unknown-kernel "unknown kernel 'nosuch'" --kernel nosuch --before true
refused no-command "nothing to run" --module "$LUO_ROOT/tests/modules/luo_testdev.ko"
refused unknown-option "unknown option '--bogus'" --bogus
refused bad-region "--region 4M: SIZE@ADDR" --region 4M --before true

# expect_failed NAME WHY-PATTERN ARGS...: a run that must fail, its KTAP
# well formed, with at least one failed case whose reason matches.
expect_failed()
{
	local name=$1 pattern=$2 ktap=$logdir/harness-$1.ktap counts
	shift 2

	"$vmtest" --name "harness-$name" "$@" >"$ktap" 2>>"$logdir/harness.log"
	local rc=$?
	counts=$(python3 "$LUO_ROOT/scripts/ktap.py" count "$ktap")
	if [ $rc -ne 0 ] && [ "${counts#* }" -gt 0 ] &&
	   python3 "$LUO_ROOT/scripts/ktap.py" failures "$ktap" |
		grep -q -- "$pattern"; then
		ktap_result ok "$name-counted-as-failed"
		ktap_diag "$name: $(python3 "$LUO_ROOT/scripts/ktap.py" failures "$ktap" | head -n 1)"
	else
		ktap_result fail "$name-counted-as-failed" \
			"exit $rc, counts '$counts': $(head -c 300 "$ktap")"
	fi
}

# KVM present but broken: the probe must pick TCG, and the demo pass.  Its
# guests boot beside the runs below (one CPU each).
log=$logdir/harness-fake-kvm.log
# A writable stand-in for /dev/kvm, so that the probe runs on any host.
touch "$LUO_CACHE/fake-kvm"
PATH="$here/fake-qemu:$PATH" LUO_QEMU_ACCEL= \
	LUO_ACCEL_CACHE="$LUO_CACHE/qemu-accel-fake" \
	LUO_ACCEL_KVM_DEV="$LUO_CACHE/fake-kvm" \
	"$LUO_ROOT/scripts/demo.sh" >"$log" 2>&1 &
demo=$!
trap 'kill $demo 2>/dev/null; rm -f "$KTAP_BODY"' EXIT

expect_failed crash-before-output 'printed nothing\|no plan\|exit status' \
	--no-kexec --before "sh -c 'kill -SEGV \$\$'"
expect_failed guest-hangs 'hung\|timed out' \
	--no-kexec --timeout 30 --before "sleep 1000"
expect_failed plan-not-met 'plan 1..3, 1 results' \
	--no-kexec --before "printf 'KTAP version 1\n1..3\nok 1 one\n'"

demo_status=0
wait $demo || demo_status=$?
trap 'rm -f "$KTAP_BODY"' EXIT
if [ $demo_status -eq 0 ]; then
	ktap_result ok demo-passes-with-broken-kvm
else
	ktap_result fail demo-passes-with-broken-kvm "$(tail -n 3 "$log")"
fi
if grep -q 'QEMU accelerator: tcg (KVM probe failed' "$log"; then
	ktap_result ok broken-kvm-probe-falls-back-to-tcg
else
	ktap_result fail broken-kvm-probe-falls-back-to-tcg \
		"$(grep 'accelerator' "$log" | head -n 1)"
fi
rm -f "$LUO_CACHE/qemu-accel-fake" "$LUO_CACHE/fake-kvm"
ktap_end
