#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check: live updates with the samples under QEMU, one run of
# scripts/luo-vmtest per scenario of tests/e2e/scenarios/ (the stock 6.12
# kernel kexecs into itself, or into our debug kernel).
# needs: kunit-x86_64
#
# Usage: tests/checks/e2e.sh [SCENARIO...]

set -uo pipefail
. "$(dirname "$0")/lib.sh"
. "$LUO_ROOT/tests/e2e/env.sh"

ktap_check build-stock "$here/build.sh" stock
ktap_check build-debug "$here/build.sh" debug

scenario_args=(--region "$region")
vmtest_scenarios "$here/scenarios" e2e "$@"
vmtest_wait
ktap_end
