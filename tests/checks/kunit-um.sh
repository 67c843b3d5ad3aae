#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check: the KUnit suites on UML (kunit.py)
# beside: yes

set -uo pipefail
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/kunit.sh"

kunit_run um "$LUO_KSRC" --kunitconfig=luo_handler/tests/kunit
ktap_end
