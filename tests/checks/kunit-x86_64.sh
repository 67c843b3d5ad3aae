#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check: the KUnit suites on x86_64 under QEMU (kunit.py), on the debug
# kernel (KASAN, lockdep, UBSAN, kmemleak): any splat fails; and the
# section of its vmlinux.  Builds the debug kernel the other checks boot.

set -uo pipefail
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/kunit.sh"

kunit_run x86_64 "$LUO_KSRC" --arch=x86_64 \
	--kunitconfig=luo_handler/tests/kunit \
	--kunitconfig=luo_handler/tests/kunit/debug.config \
	--kunitconfig=luo_handler/tests/kunit/smp.config \
	--qemu_args="-smp 2"
check_section "vmlinux-section" "$LUO_CACHE/build/kunit-x86_64/vmlinux" \
	$(cat "$(dirname "$0")/../kunit/vmlinux-section.expect")
ktap_end
