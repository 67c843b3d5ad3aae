#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# target-versions.sh COMPATIBLE...: tell the running kernel that the next
# one reads everything it reads itself but these.  KTAP on stdout.

echo "KTAP version 1"
echo "1..1"
cp /sys/kernel/liveupdate/versions /tmp/next
for c in "$@"; do
	grep -vx "$c" /tmp/next >/tmp/next.new
	mv /tmp/next.new /tmp/next
done
if cat /tmp/next >/sys/kernel/liveupdate/target_versions; then
	echo "# the next kernel reads: $(tr '\n' ' ' </tmp/next)"
	echo "ok 1 target-versions-written"
else
	echo "not ok 1 target-versions-written"
	exit 1
fi
