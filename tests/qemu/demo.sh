#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Guest side of scripts/demo.sh: every line for the user starts "demo: ".

say() { echo "demo: $*"; }

say "kernel $(uname -r)"
insmod /luo/liveupdate.ko && say "loaded liveupdate.ko"
say "live update enabled: $(cat /sys/module/liveupdate/parameters/enable)"
say "versions this kernel can restore (/sys/kernel/liveupdate/versions):"
while read -r v; do say "  $v"; done </sys/kernel/liveupdate/versions
say done
reboot -f
