#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check: the debug kernel booted with a userspace after its KUnit suites:
# what only a booted system shows (the sysfs listing), and kmemleak after
# the suites ran.
# needs: kunit-x86_64

set -uo pipefail
. "$(dirname "$0")/lib.sh"

vmtest debug-boot --kernel debug --no-kexec --cmdline kunit.enable=1 \
	--file "$LUO_ROOT/tests/debug-boot/sysfs-listing.sh" \
	--before "sh sysfs-listing.sh"
ktap_end
