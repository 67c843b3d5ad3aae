#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check: /dev/liveupdate from userspace across a real kexec of the stock
# kernel: bad inputs with their errnos on both sides, then the files
# restored; frozen explicitly (sysfs), by the kexec reboot (reboot), and
# with a file that fails to freeze at the kexec (doomed).

set -uo pipefail
. "$(dirname "$0")/lib.sh"
. "$LUO_ROOT/tests/e2e/env.sh"

ktap_check build-stock "$here/build.sh" stock

common=(--kernel stock --module "$LUO_ROOT/tests/modules/luo_testdev.ko"
	--file "$guest/luo_uapi_test")
vmtest_start uapi-sysfs "${common[@]}" --freeze sysfs \
	--before "luo_uapi_test before" \
	--after "luo-expect-dmesg image-received 'received image generation 1'" \
	--after "luo_uapi_test after"
vmtest_start uapi-reboot "${common[@]}" --freeze reboot \
	--before "luo_uapi_test before" \
	--after "luo-expect-dmesg image-received 'received image generation 1'" \
	--after "luo_uapi_test after"
vmtest_start uapi-doomed "${common[@]}" --freeze reboot \
	--before "luo_uapi_test doomed" \
	--after "luo-expect-dmesg nothing-handed-over 'nothing handed over'" \
	--after "luo_uapi_test nothing"
vmtest_wait
ktap_end
