#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check: live updates of Linux 7.x with the series (mainline's LUO, a real
# Kexec HandOver) with the samples under QEMU, one run of scripts/luo-vmtest
# per scenario of tests/e2e/upstream/, on the mainline check's debug
# kernel (KASAN, lockdep, UBSAN, kmemleak) and its in-tree sample modules;
# and luo-versions' plan between that kernel's files and 6.12's, both ways.
# needs: mainline e2e
#
# Usage: tests/checks/e2e-upstream.sh [SCENARIO...]

set -uo pipefail
. "$(dirname "$0")/lib.sh"
. "$LUO_ROOT/tests/e2e/env.sh"

# The guest programs are the stock e2e's: one uAPI, two kernels.
ktap_check build-guest "$here/build.sh" guest
ktap_check build-kit "$here/build.sh" kit-upstream

vmtest_scenarios "$here/upstream" e2e-upstream "$@"
vmtest_wait

# cross_check NAME "HANDLER=USE..." luo-versions-args...: the plan for every
# handler but the test kernel's own (fw-*, fwp-*, liveupdate-test-*); "-" where
# no version is common.  The two orchestrators share none, by design.
cross_check()
{
	local name=$1 want=$2 got
	shift 2

	got=$("$LUO_ROOT/tools/liveupdate/luo-versions" check --json "$@" |
		python3 -c '
import json, sys
plan = json.load(sys.stdin)["handlers"]
print(" ".join("%s=%s" % (h["name"], "-" if h["use"] is None else h["use"])
	       for h in plan if not h["name"].startswith(("fw-", "fwp-", "liveupdate-test"))))')
	if [ "$got" = "$want" ]; then
		ktap_result ok "$name"
		ktap_diag "$got"
	else
		ktap_result fail "$name" "plan: $got; want: $want"
	fi
}

ktap_check build-luo-versions make -C "$LUO_ROOT/tools/liveupdate"
mainline_files=("$LUO_CACHE/build/kunit-mainline/vmlinux" "$upstream")
stock_files=("$LUO_ROOT/kernel/liveupdate/liveupdate.ko" "$stock")
cross_check versions-7.3-to-6.12 \
	"luo=- memfd=- sample-counter=1 sample-memslot=1 sample-note=2 sample-vcpu=1 sample-vm=1" \
	--from "${mainline_files[@]}" --next "${stock_files[@]}"
cross_check versions-6.12-to-7.3 \
	"luo-image=- sample-counter=1 sample-memfd=- sample-memslot=1 sample-note=2 sample-vcpu=1 sample-vm=1" \
	--from "${stock_files[@]}" --next "${mainline_files[@]}"
# A 6.12 next kernel with the layout-1 note driver only: rollback.
cross_check versions-7.3-to-6.12-note-v1 "sample-note=1" \
	--from "$upstream/luo_sample_note.ko" \
	--next "$stock/luo_sample_note_v1.ko"
ktap_end
