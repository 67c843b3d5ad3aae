#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check: the series of kernel/liveupdate/mainline on Linux 7.3 (mainline's
# LUO and KHO): it applies to the pristine tree and passes checkpatch; a
# test kernel with it (KASAN, lockdep, UBSAN, kmemleak) passes the series'
# KUnit suite and mainline's own FLB test under QEMU with KHO on; its
# vmlinux lists its versions; and the samples and the benchmark's glue
# build against it out of tree with W=1 and no warning, sections included.

set -uo pipefail
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/kunit.sh"

build=$LUO_CACHE/build/kunit-mainline

# The series against the pristine tree, then each patch's style.
if out=$(luo_series_applies); then
	ktap_result ok series-applies-to-pristine
else
	ktap_result fail series-applies-to-pristine "$out"
fi
for patch in "$LUO_SERIES"/*.patch; do
	# A new file under kernel/liveupdate/ is covered by MAINTAINERS'
	# "F: kernel/liveupdate/": checkpatch asks whenever files are added.
	# spdxcheck.py needs Debian's python3 (python3-ply, python3-git).
	if out=$(cd "$LUO_KSRC_MAINLINE" && PATH=/usr/bin:$PATH \
			./scripts/checkpatch.pl --strict --terse --no-summary \
			--ignore FILE_PATH_CHANGES "$patch" 2>&1); then
		ktap_result ok "checkpatch-${patch##*/}"
	else
		ktap_result fail "checkpatch-${patch##*/}" "$out"
	fi
done

# The test kernel with the series; 2 GiB and half of it as KHO scratch,
# or KHO (and with it live update) turns itself off.
kunit_run mainline "$LUO_KSRC_MAINLINE" --arch=x86_64 \
	--kunitconfig=luo_handler/tests/mainline/.kunitconfig \
	--kunitconfig=luo_handler/tests/kunit/debug.config \
	--qemu_args="-m 2048" \
	--kernel_args="kho=on liveupdate=on kho_scratch=50%"

# KHO and LUO on: a kernel that turned them off would skip what matters.
if grep -aqE 'KHO: Failed|Disabling liveupdate' "$build/test.log" ||
   ! grep -aq 'liveupdate test: Registered 3 FLBs with file handler: \[memfd-v2\]' \
	"$build/test.log"; then
	ktap_result fail mainline-flb-test-ran "$(grep -aE 'KHO|liveupdate' \
		"$build/test.log" | head -n 3)"
else
	ktap_result ok mainline-flb-test-ran
fi
if grep -aE 'liveupdate test: .*(ERROR|Failed)' "$build/test.log" >/dev/null; then
	ktap_result fail mainline-flb-test-no-error \
		"$(grep -aE 'liveupdate test: .*(ERROR|Failed)' "$build/test.log" | head -n 2)"
else
	ktap_result ok mainline-flb-test-no-error
fi
check_section vmlinux-section "$build/vmlinux" luo-v5 memfd-v2 fw-child-v2 \
	liveupdate-test-deps-v1
# The samples and the glue module built in tree, by the same kernel build.
while read -r ko compatibles; do
	# shellcheck disable=SC2086
	check_section "in-tree-section-${ko##*/}" "$build/luo_handler/$ko" \
		$compatibles
done <"$LUO_ROOT/tests/mainline/sections.expect"

# The same sources out of tree: a copy, since out-of-tree builds write
# beside the sources, where the stock build's objects are.
src=$LUO_CACHE/build/mainline-src
luo_copy_sources "$src"
olog=$logdir/mainline-oot-build.log
if make -C "$build" M="$src" W=1 modules >"$olog" 2>&1; then
	warnings=$(grep -a -c 'warning:' "$olog")
	if [ "$warnings" -eq 0 ]; then
		ktap_result ok oot-build-w1-no-warnings
	else
		ktap_result fail oot-build-w1-no-warnings "$warnings warning(s), see $olog"
	fi
	while read -r ko compatibles; do
		# shellcheck disable=SC2086
		check_section "oot-section-${ko##*/}" "$src/$ko" $compatibles
	done <"$LUO_ROOT/tests/mainline/sections.expect"
else
	ktap_result fail oot-build-w1-no-warnings "build failed, see $olog"
fi
ktap_end
