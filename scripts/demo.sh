#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The project's main job: a live update of the stock Debian 6.12 kernel
# under QEMU.  The first kernel loads the orchestrator and the samples,
# preserves a counter device, a VM with two vCPUs, a versioned note and
# two memfds (one of 1 MiB), freezes and kexecs; the next kernel retrieves
# them in order and prints each beside what was preserved.  Ends with the
# phase timings.
#
# Usage: scripts/demo.sh
# Installs and builds what it needs first (scripts/setup.sh); build
# outputs and logs go to $LUO_CACHE/build/e2e.

set -euo pipefail
. "$(dirname "$0")/lib.sh"

"$LUO_ROOT/scripts/setup.sh"

log=$LUO_CACHE/build/e2e/demo.log
luo_log "building the modules, luo_sample and the initramfs images"
"$LUO_ROOT/scripts/e2e.sh" prepare stock

luo_log "booting $(luo_stock_vmlinuz) under QEMU (console: $log)"
mkdir -p "$(dirname "$log")"
: >"$log"
"$LUO_ROOT/scripts/e2e.sh" run demo "$log" &
qemu=$!
# Show the guest's lines for people as they come.
# (-F: QEMU's wrapper recreates the file.)
tail -n +1 -F "$log" --pid=$qemu 2>/dev/null |
	sed -un 's/\r$//; s/^demo: /  /p'
status=0
wait $qemu || status=$?

tr -d '\r' <"$log" | grep -a 'luo-test: not ok' && status=1
grep -aq 'luo-test: done' "$log" || status=1
tr -d '\r' <"$log" | grep -aq '^luo-test: ok restore-complete$' || status=1
[ $status -eq 0 ] || luo_die "the live update failed, see $log"

image=$(tr -d '\r' <"$log" |
	sed -n 's/^demo: sealed image .*, \([0-9]*\) bytes$/\1/p')
checks=$(tr -d '\r' <"$log" | grep -ac 'luo-test: ok')
echo
echo "Live update done: $checks checks passed, every byte of state intact."
echo "Image handed over: $image bytes."
echo
# The blackout, from the two kernels' printk timestamps: the old kernel's
# from its freeze to its kexec, the new one's from its boot (the jump
# through purgatory is not counted).
tr -d '\r' <"$log" | awk '
function ts(line, s) {
	if (!match(line, /\[ *[0-9]+\.[0-9]+\]/))
		return -1
	s = substr(line, RSTART + 1, RLENGTH - 2)
	gsub(/ /, "", s)
	return s * 1000000
}
function after(line, what, a) {
	sub(".*" what, "", line)
	split(line, a, /[^0-9]+/)
	return a[1] " " a[2] " " a[3]
}
/kexec_core: Starting new kernel/ { kexec = ts($0); next_kernel = 1 }
!next_kernel && /liveupdate: frozen in / {
	frozen = ts($0); split(after($0, "frozen in "), f, " ")
}
next_kernel && /liveupdate: received image generation/ {
	received = ts($0); split(after($0, "validated in "), r, " ")
}
next_kernel && /liveupdate: last handed-over file retrieved/ { last = ts($0) }
/^time: retrieve_us=/ { split($0, t, /[= ]/); retrieve = t[3] }
END {
	if (!frozen || !kexec || !received || !last) {
		print "blackout: phase lines missing from the console log"
		exit 1
	}
	row = "  %-52s %9d us\n"
	print "Blackout, freeze to last retrieve (under QEMU; without KVM,"
	print "software emulation is several times slower than hardware):"
	printf row, "freeze: every file frozen, late fields, image sealed", f[1]
	printf "    handlers %d us, image %d us\n", f[2], f[3]
	printf row, "old kernel: frozen to kexec (shutdown, notifiers)", \
		kexec - frozen
	printf row, "next kernel: boot to image received", received
	printf "    validated in %d us, sessions built in %d us\n", r[1], r[2]
	printf row, "image received to last file retrieved", last - received
	printf "    modules loaded, luo_sample started; retrieve + deserialize\n"
	printf "    of the 8 files: %d us\n", retrieve
	printf row, "total (without the jump through purgatory)", \
		f[1] + kexec - frozen + last
}'
