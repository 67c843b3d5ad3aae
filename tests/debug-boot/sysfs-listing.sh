#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# On the debug kernel, after its KUnit suites: the core's own version is
# listed first in /sys/kernel/liveupdate/versions.  KTAP on stdout.

echo "KTAP version 1"
echo "1..1"
first=$(head -n 1 /sys/kernel/liveupdate/versions 2>/dev/null)
if [ "$first" = luo-image-v1 ]; then
	echo "ok 1 sysfs-versions-core-first"
else
	echo "not ok 1 sysfs-versions-core-first # first line is '$first'"
	exit 1
fi
