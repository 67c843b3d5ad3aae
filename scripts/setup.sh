#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Prepare this machine for the project's builds and tests, doing only what
# is missing: install the Debian packages (as root), unpack
# linux-source-6.12 into $LUO_CACHE, and overlay this repository onto it.
# Run by both of the README's commands; safe to run again.

set -euo pipefail
. "$(dirname "$0")/lib.sh"

luo_install_packages
luo_unpack_kernel
"$LUO_ROOT/scripts/overlay.sh" "$LUO_KSRC"
