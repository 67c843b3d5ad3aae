#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# forgotten-handler.sh MODULE: a module whose handler is never unregistered
# (tests/kit/forgetful/luo_forgetful.c), unloaded.  The core must drop the
# handler and name it and its module, and the versions listing must read
# without it.  One KTAP document.

versions=/sys/kernel/liveupdate/versions
echo "KTAP version 1"
echo "1..3"
if insmod "$1" && grep -qx 'luo-forgetful-v1' "$versions"; then
	echo "ok 1 forgetful-registered"
else
	echo "not ok 1 forgetful-registered"
fi
rmmod luo_forgetful
if dmesg | grep -q "module luo_forgetful went away with file handler 'luo-forgetful-v1' registered: dropped"; then
	echo "ok 2 forgotten-handler-dropped-and-named"
else
	echo "# $(dmesg | tail -n 2)"
	echo "not ok 2 forgotten-handler-dropped-and-named"
fi
if out=$(cat "$versions") && ! echo "$out" | grep -q 'luo-forgetful'; then
	echo "ok 3 versions-listing-reads"
else
	echo "not ok 3 versions-listing-reads"
fi
