#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build mainline's LUO selftests (tools/testing/selftests/liveupdate/ of the
# 7.x source in the cache), unchanged, static, against one kernel's uAPI:
#
#   build.sh upstream OUT   the 7.x kernel's own headers
#   build.sh stock OUT      our 6.12 core's include/uapi/linux/liveupdate.h
#
# Quiet; on failure, says which log to read and exits 1.

set -uo pipefail
. "$(dirname "$0")/../../scripts/lib.sh"

kind=${1:-} out=${2:-}
[ -n "$out" ] || luo_die "usage: $0 upstream|stock OUT"
[ -d "$LUO_KSRC_MAINLINE/tools/testing/selftests/liveupdate" ] ||
	luo_die "no mainline selftests in $LUO_KSRC_MAINLINE: scripts/setup.sh --mainline fetches them"
mkdir -p "$out"
hdr=$out/usr/include
case $kind in
upstream)
	# The uAPI headers as the 7.x tree exports them.
	make -C "$LUO_KSRC_MAINLINE" O="$out/headers" INSTALL_HDR_PATH="$out/usr" \
		headers_install >"$out/headers.log" 2>&1 ||
		luo_die "headers_install failed, see $out/headers.log"
	hdr=$out/usr/include
	;;
stock)
	# Ours on top of the build machine's: only liveupdate.h is new.
	mkdir -p "$hdr/linux"
	cp "$LUO_ROOT/include/uapi/linux/liveupdate.h" "$hdr/linux/"
	;;
*)
	luo_die "usage: $0 upstream|stock OUT"
	;;
esac
# From a copy of what the build reads: the Makefile writes the tests'
# objects beside their sources, and two builds against two uAPIs must not
# share them.
copy=$out/src
rm -rf "$copy"
mkdir -p "$copy"
(cd "$LUO_KSRC_MAINLINE" && cp -r --parents scripts/subarch.include \
	tools/testing/selftests/lib.mk tools/testing/selftests/kselftest.h \
	tools/testing/selftests/kselftest_harness.h \
	tools/testing/selftests/kselftest tools/testing/selftests/liveupdate \
	"$copy") || luo_die "cannot copy the selftests' sources"
make -C "$copy/tools/testing/selftests/liveupdate" OUTPUT="$out" \
	KHDR_INCLUDES="-isystem $hdr" \
	LDFLAGS=-static all >"$out/build.log" 2>&1 ||
	luo_die "selftests build failed, see $out/build.log"
