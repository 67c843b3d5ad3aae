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
# Usage: scripts/demo.sh [--kernel stock|upstream]
#
#   stock     (the default, and the fastest on a fresh machine) Debian's
#             6.12 with our core module
#   upstream  Linux 7.x with the series: mainline's LUO and a real Kexec
#             HandOver, on the mainline check's debug kernel, built first
#             (scripts/check.sh mainline: about 12 minutes the first time)
#
# Installs and builds what it needs first (scripts/setup.sh); it is the
# "demo" scenario of tests/e2e/scenarios (or "samples" of tests/e2e/upstream)
# run by scripts/luo-vmtest, whose console log, results and KTAP stay in
# $LUO_CACHE/vmtest/demo.

set -euo pipefail
. "$(dirname "$0")/lib.sh"
. "$LUO_ROOT/tests/e2e/env.sh"

kernel=stock
case "${1:-}:${2:-}" in
: | --kernel:stock) ;;
--kernel:upstream) kernel=upstream ;;
*) luo_die "usage: $0 [--kernel stock|upstream]" ;;
esac

out=$LUO_CACHE/vmtest/demo
args=()
mkdir -p "$out"
if [ $kernel = stock ]; then
	"$LUO_ROOT/scripts/setup.sh"
	luo_log "building the modules and the guest programs"
	"$here/build.sh" stock
	. "$here/scenarios/demo.sh"
else
	luo_log "building the upstream kernel and its modules (scripts/check.sh mainline)"
	"$LUO_ROOT/scripts/check.sh" mainline >"$out.mainline.log" 2>&1 ||
		luo_die "the upstream kernel's build or checks failed, see $out.mainline.log"
	"$here/build.sh" guest
	. "$here/upstream/samples.sh"
fi
: >"$out/results.txt"
LUO_QEMU_SMP=1 "$LUO_ROOT/scripts/luo-vmtest" --name demo --out "$out" \
	--region "$region" "${args[@]}" >"$out/demo.ktap" &
runner=$!
# Show the guest programs' lines for people as they come: the KTAP
# diagnostics of the results channel.  (-F: QEMU recreates the file.)
tail -n +1 -F "$out/results.txt" --pid=$runner 2>/dev/null |
	sed -un 's/\r$//; s/^luo-vmtest: stage \([a-z]*\) kernel \(.*\)/[\1 the update, kernel \2]/p; /^ *# time: /d; /^ *# Totals: /d; s/^ *# /  /p'
status=0
wait $runner || status=$?

# A console line's printk timestamp in microseconds, -1 without one: for
# the phase readers below.
awk_ts='
function ts(line, s) {
	if (!match(line, /\[ *[0-9]+\.[0-9]+\]/))
		return -1
	s = substr(line, RSTART + 1, RLENGTH - 2)
	gsub(/ /, "", s)
	return s * 1000000
}
'

# Mainline logs no phase of its own: the blackout from the runner's mark
# before the kexec, the kexec itself, LUO's "Retrieved live update data"
# and the test program's mark once every file is retrieved.
upstream_blackout()
{
	local retrieve

	retrieve=$(tr -d '\r' <"$out/results.txt" |
		sed -n 's/^ *# time: retrieve_us=\([0-9]*\).*/\1/p' | tail -n 1)
	echo "Handed over with Kexec HandOver (mainline LUO, Linux $(sed -n \
		's/.*stage after kernel \(.*\)/\1/p' "$out/results.txt" | tr -d '\r' | head -n 1))."
	echo
	awk -v retrieve="${retrieve:-0}" "$awk_ts"'
/\] luo-vmtest: kexec/ { start = ts($0) }
/kexec_core: Starting new kernel/ { kexec = ts($0); next_kernel = 1 }
next_kernel && /Retrieved live update data/ { received = ts($0) }
next_kernel && /luo-test: restore done/ { last = ts($0) }
END {
	if (start <= 0 || kexec <= 0 || received <= 0 || last <= 0) {
		print "blackout: phase lines missing from the console log"
		exit 1
	}
	row = "  %-52s %9d us\n"
	print "Blackout, reboot(KEXEC) to last retrieve (under QEMU; without KVM,"
	print "software emulation is several times slower than hardware):"
	printf row, "old kernel: reboot(KEXEC) to the jump (freeze in", \
		kexec - start
	printf "    the reboot, KHO finalized, devices shut down)\n"
	printf row, "next kernel: boot to LUO state retrieved from KHO", received
	printf row, "LUO state to every file retrieved, sessions finished", \
		last - received
	printf "    modules loaded, test program started; retrieve +\n"
	printf "    deserialize of the 8 files: %d us\n", retrieve
	printf row, "total (without the jump through purgatory)", \
		kexec - start + last
}' <<<"$console"
	echo "(QEMU accelerator: $("$LUO_ROOT/scripts/qemu-accel.sh"); console: $out/console.log)"
}

read -r passed failed < <(python3 "$LUO_ROOT/scripts/ktap.py" count "$out/demo.ktap")
if [ $status -ne 0 ] || [ "$failed" -ne 0 ]; then
	python3 "$LUO_ROOT/scripts/ktap.py" failures "$out/demo.ktap" | sed 's/^/  failed: /'
	luo_die "the live update failed; console in $out/console.log"
fi

console=$(tr -d '\r' <"$out/console.log")
echo
echo "Live update done: $passed checks passed, every byte of state intact."
if [ $kernel = upstream ]; then
	upstream_blackout
	exit
fi
image=$(sed -n 's/.*liveupdate: sealed image .*, \([0-9]*\) bytes$/\1/p' <<<"$console" | tail -n 1)
echo "Image handed over: $image bytes."
echo
# The blackout, from the two kernels' printk timestamps: the old kernel's
# from its freeze to its kexec, the new one's from its boot (the jump
# through purgatory is not counted).
retrieve=$(tr -d '\r' <"$out/results.txt" |
	sed -n 's/^ *# time: retrieve_us=\([0-9]*\).*/\1/p' | tail -n 1)
awk -v retrieve="${retrieve:-0}" "$awk_ts"'
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
	printf "    modules loaded, test program started; retrieve +\n"
	printf "    deserialize of the 8 files: %d us\n", retrieve
	printf row, "total (without the jump through purgatory)", \
		f[1] + kexec - frozen + last
}' <<<"$console"
echo "(QEMU accelerator: $("$LUO_ROOT/scripts/qemu-accel.sh"); console: $out/console.log)"
