#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Make a kernel source tree build this project in-tree, from the working
# tree, without copying it:
#
#   <ksrc>/luo_handler             -> this repository
#   <ksrc>/include/...             -> one link per header under include/
#   <ksrc>/Kconfig, <ksrc>/Kbuild   source and descend into luo_handler/
#   include/asm-generic/vmlinux.lds.h
#                                  places .liveupdate_versions in vmlinux
#
# On a mainline tree (Linux 7.x with the series of kernel/liveupdate/mainline)
# only the framework's headers (include/linux/luo_handler/) are linked:
# mainline's liveupdate.h and its linker script stay as they are.
#
# Idempotent: run it before every in-tree build.
#
# Usage: scripts/overlay.sh [KSRC]

set -euo pipefail
. "$(dirname "$0")/lib.sh"

ksrc=${1:-$LUO_KSRC}
[ -f "$ksrc/Kbuild" ] && [ -f "$ksrc/Kconfig" ] ||
	luo_die "$ksrc is not a kernel source tree"

# Objects built from another clone can be newer than this clone's sources:
# make would keep them.  When the link moves, drop them.
if [ "$(readlink "$ksrc/luo_handler" 2>/dev/null)" != "$LUO_ROOT" ]; then
	rm -rf "$LUO_CACHE"/build/*/luo_handler
fi
ln -sfn "$LUO_ROOT" "$ksrc/luo_handler"

# A mainline tree (Linux 7.x, with the series) has its own orchestrator:
# only the framework's headers are added, never mainline's replaced.
mainline=
grep -q '^config LIVEUPDATE$' "$ksrc/kernel/liveupdate/Kconfig" 2>/dev/null &&
	mainline=1

# Headers, linked through luo_handler/ so that pointing it at another clone
# is all a switch takes.  Links left by headers since removed go away.
find "$ksrc/include" -type l -lname '*luo_handler/include/*' \
	! -exec test -e {} \; -delete
(cd "$LUO_ROOT" && find include -type f -name '*.h' |
	if [ -n "$mainline" ]; then grep '^include/linux/luo_handler/'; else cat; fi) |
while read -r hdr; do
	rel=${hdr#include/}
	up=$(echo "$rel" | sed 's|[^/]*/|../|g; s|[^/]*$||')
	mkdir -p "$(dirname "$ksrc/include/$rel")"
	ln -sfn "../$up""luo_handler/$hdr" "$ksrc/include/$rel"
done

add_line()
{
	grep -qxF "$2" "$1" || printf '\n# luo_handler overlay\n%s\n' "$2" >>"$1"
}

add_line "$ksrc/Kconfig" 'source "luo_handler/Kconfig"'
add_line "$ksrc/Kbuild" 'obj-y			+= luo_handler/'

# The series places the section in mainline's vmlinux.lds.h itself.
[ -z "$mainline" ] || exit 0

lds=$ksrc/include/asm-generic/vmlinux.lds.h
if ! grep -q LIVEUPDATE_VERSIONS_VMLINUX "$lds"; then
	sed -i \
	    -e 's|^#include <asm-generic/codetag.lds.h>$|&\n#include <asm-generic/liveupdate_versions.lds.h>|' \
	    -e 's|^\t\.rodata1 *: AT(ADDR(\.rodata1) - LOAD_OFFSET) {|\tLIVEUPDATE_VERSIONS_VMLINUX(LOAD_OFFSET)\t\t\t\t\\\n&|' \
	    "$lds"
	grep -q 'LIVEUPDATE_VERSIONS_VMLINUX(LOAD_OFFSET)' "$lds" ||
		luo_die "could not hook .liveupdate_versions into $lds"
fi
