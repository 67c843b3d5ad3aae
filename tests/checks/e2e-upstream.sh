#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check: live updates of Linux 7.x with the series (mainline's LUO, a real
# Kexec HandOver) with the samples under QEMU, one run of scripts/luo-vmtest
# per scenario of tests/e2e/upstream/, on the mainline check's debug
# kernel (KASAN, lockdep, UBSAN, kmemleak) and its in-tree sample modules.
# needs: mainline e2e
#
# Usage: tests/checks/e2e-upstream.sh [SCENARIO...]

set -uo pipefail
. "$(dirname "$0")/lib.sh"
. "$LUO_ROOT/tests/e2e/env.sh"

scenarios=("$@")
if [ ${#scenarios[@]} -eq 0 ]; then
	for f in "$here"/upstream/*.sh; do
		scenarios+=("$(basename "$f" .sh)")
	done
fi

# The guest programs are the stock e2e's: one uAPI, two kernels.
ktap_check build-guest "$here/build.sh" guest

for s in "${scenarios[@]}"; do
	[ -f "$here/upstream/$s.sh" ] || luo_die "no scenario $s in $here/upstream"
	args=()
	# shellcheck disable=SC1090
	. "$here/upstream/$s.sh"
	LUO_QEMU_SMP=1 vmtest "e2e-upstream-$s" "${args[@]}"
done
ktap_end
