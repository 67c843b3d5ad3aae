#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Prepare this machine for the project's builds and tests, doing only what
# is missing: install the Debian packages (as root), unpack
# linux-source-6.12 into $LUO_CACHE, and overlay this repository onto it.
# Run by both of the README's commands; safe to run again.
#
# Usage: scripts/setup.sh [--mainline]
#
# --mainline also fetches the mainline source (linux-source-7.3, see
# LUO_MAINLINE_PACKAGE in scripts/lib.sh), applies the series of
# kernel/liveupdate/mainline to it and overlays the framework.

set -euo pipefail
. "$(dirname "$0")/lib.sh"

luo_install_packages
luo_unpack_kernel
"$LUO_ROOT/scripts/overlay.sh" "$LUO_KSRC"
if [ "${1:-}" = --mainline ]; then
	luo_fetch_mainline
	luo_apply_series
	"$LUO_ROOT/scripts/overlay.sh" "$LUO_KSRC_MAINLINE"
fi
