#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check: the rules of scripts/coccinelle against their fixtures (must and
# must not match, patch mode's output), the runner's exit status, and no
# report on the project's own code.
# beside: yes

set -uo pipefail
. "$(dirname "$0")/lib.sh"

luo_log "coccinelle fixtures (log: $logdir/coccinelle.log)"
"$LUO_ROOT/tests/coccinelle/run.sh" >"$logdir/coccinelle.ktap" \
	2>"$logdir/coccinelle.log"
ktap_subtest coccinelle-fixtures "$logdir/coccinelle.ktap"
ktap_end
