#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Init script for the x86_64 debug kernel, run after its built-in KUnit
# suites: checks what only a booted system shows (the sysfs listing) and
# what only shows after the suites ran (kmemleak).  Reports
# "luo-test: ok|not ok NAME" lines for scripts/check.sh.

ok() { echo "luo-test: ok $1"; }
not_ok() { echo "luo-test: not ok $1${2:+: $2}"; }

first=$(head -n 1 /sys/kernel/liveupdate/versions 2>/dev/null)
if [ "$first" = luo-image-v1 ]; then
	ok sysfs-versions-core-first
else
	not_ok sysfs-versions-core-first "first line is '$first'"
fi

if [ -w /sys/kernel/debug/kmemleak ]; then
	# Objects younger than 5 s are never reported: let the suites' age.
	sleep 6
	echo scan >/sys/kernel/debug/kmemleak
	echo scan >/sys/kernel/debug/kmemleak
	cat /sys/kernel/debug/kmemleak >/tmp/leaks
	if [ -s /tmp/leaks ]; then
		cat /tmp/leaks
		not_ok kmemleak-after-kunit "$(grep -c '^unreferenced' /tmp/leaks) leak(s)"
	else
		ok kmemleak-after-kunit
	fi
else
	not_ok kmemleak-after-kunit "no /sys/kernel/debug/kmemleak"
fi

echo "luo-test: done"
reboot -f
