#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Tests of tools/liveupdate/luo-versions.  Usage:
#   luo-versions-test.sh TOOL WORKDIR [NEXT_VMLINUX]
# Prints one KTAP document, a test case per check.  NEXT_VMLINUX, our debug
# kernel, is checked against the stock side: liveupdate.ko and
# luo_testdev.ko built out of tree.

set -uo pipefail

tool=$1
work=$2
debug_vmlinux=${3:-}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
LUO_ROOT=$root
. "$root/scripts/ktap.sh"
fix=$work/fixtures

rm -rf "$work"
mkdir -p "$work"
python3 "$here/lvup-fixtures.py" "$fix" || { ktap_result fail fixtures "not built"; ktap_end; }

# expect NAME STATUS PATTERN CMD...: exit status STATUS, output matching
# the fixed string PATTERN.
expect()
{
	local name=$1 status=$2 pattern=$3 out rc
	shift 3

	out=$("$@" 2>&1)
	rc=$?
	if [ $rc -ne "$status" ]; then
		ktap_result fail "$name" "exit $rc, not $status: $out"
	elif ! grep -qF -- "$pattern" <<<"$out"; then
		ktap_result fail "$name" "no '$pattern' in: $out"
	else
		ktap_result ok "$name"
	fi
}

expect list-good 0 "alpha-v1" "$tool" list "$fix/good.ko"
expect list-xz 0 "beta-v1" "$tool" list "$fix/good.ko.xz"
expect list-zst 0 "beta-v1" "$tool" list "$fix/good.ko.zst"
expect list-gz 0 "beta-v1" "$tool" list "$fix/good.ko.gz"
expect list-header-only 0 "" "$tool" list "$fix/header-only.ko"
expect bad-magic 2 "bad magic 0x50555640, not 0x4c565550" \
	"$tool" list "$fix/bad-magic.ko"
expect bad-version 2 "header version 2, this tool reads 1" \
	"$tool" list "$fix/bad-version.ko"
expect truncated 2 "4 bytes, shorter than the 8-byte header" \
	"$tool" list "$fix/truncated.ko"
expect empty-section 2 "0 bytes, shorter than the 8-byte header" \
	"$tool" list "$fix/empty-section.ko"
expect stray-bytes 2 "size 58 is not 8 + 48 * n: 2 stray bytes" \
	"$tool" list "$fix/stray-bytes.ko"
expect unterminated 2 "entry 0 is not NUL-terminated" \
	"$tool" list "$fix/unterminated.ko"
expect not-printable 2 "entry 0 has byte 0x01 at 1, not printable" \
	"$tool" list "$fix/not-printable.ko"
expect after-nul 2 "entry 0 has byte 0x7a after its NUL, at 5" \
	"$tool" list "$fix/after-nul.ko"
expect empty-entry 2 "entry 1 is empty" "$tool" list "$fix/empty-entry.ko"
expect no-section 1 "no .liveupdate_versions section" \
	"$tool" list "$fix/no-section.ko"
expect not-elf 2 "not an ELF file" "$tool" list "$fix/not-elf.ko"
expect cut-elf 2 "ELF file truncated or malformed" "$tool" list "$fix/cut-elf.ko"
expect corrupt-xz 2 "corrupt compressed data" "$tool" list "$fix/corrupt.ko.xz"
expect bzimage-xz 0 "beta-v1" "$tool" list "$fix/bzImage-xz"
expect bzimage-zst 0 "beta-v1" "$tool" list "$fix/bzImage-zst"
expect missing-file 2 "No such file or directory" "$tool" list "$fix/nope.ko"
expect no-command 2 "SYNOPSIS" "$tool"
expect help 0 "EXIT STATUS" "$tool" --help

# Layout pins: a module's .liveupdate_pins, checked like the versions.
expect pins-good 0 "alpha-v1                                         0xfedcba9876543210" \
	"$tool" pins "$fix/pins-good.ko"
expect pins-json 0 '{"compatible": "alpha-v2", "fingerprint": "0x0123456789abcdef"}' \
	"$tool" pins --json "$fix/pins-good.ko"
expect pins-bad-size 2 "size 59 is not 56 * n: 3 stray bytes" \
	"$tool" pins "$fix/pins-bad-size.ko"
expect pins-unterminated 2 "pin 0 is not NUL-terminated" \
	"$tool" pins "$fix/pins-unterminated.ko"
expect pins-not-printable 2 "pin 0 has byte 0x01 at 1, not printable" \
	"$tool" pins "$fix/pins-not-printable.ko"
expect pins-zero 2 "pin 0 (alpha-v1) has fingerprint 0" \
	"$tool" pins "$fix/pins-zero.ko"
expect pins-twice 2 "pin 1 pins alpha-v1 again" \
	"$tool" pins "$fix/pins-twice.ko"
expect pins-none 1 "no .liveupdate_pins section" "$tool" pins "$fix/good.ko"
expect pins-no-path 2 "pins: no PATH" "$tool" pins
# The versions of a module with pins are read as before.
expect pins-list 0 "alpha-v1" "$tool" list "$fix/pins-good.ko"

# A directory: modules with the section are listed, the others skipped.
mkdir -p "$work/dir/sub"
cp "$fix/good.ko.xz" "$fix/no-section.ko" "$work/dir/sub/"
ln -s . "$work/dir/sub/loop"
ln -s .. "$work/dir/sub/up"
expect list-dir 0 "beta-v1" timeout 20 "$tool" list "$work/dir"
expect list-json 0 '"status": "listed", "entries": ["alpha-v2", "alpha-v1", "beta-v1"]' \
	"$tool" list --json "$fix/good.ko"

# check: numeric order (v10 newer than v9), NONE, exit 1, JSON.
mk_section()
{
	local out=$1
	shift
	python3 - "$out" "$@" <<'PY'
import struct, subprocess, sys
out, names = sys.argv[1], sys.argv[2:]
blob = struct.pack('<II', 0x4c565550, 1) + b''.join(
    n.encode().ljust(48, b'\0') for n in names)
open(out + '.bin', 'wb').write(blob)
open(out + '.c', 'w').write('int x;\n')
subprocess.run(['cc', '-c', '-o', out + '.o', out + '.c'], check=True)
subprocess.run(['objcopy', '--add-section', '.liveupdate_versions=' + out + '.bin',
                '--set-section-flags', '.liveupdate_versions=alloc,readonly',
                out + '.o', out], check=True)
PY
}
mk_section "$work/from.ko" a-v2 a-v1 b-v1 c-v9 c-v10
mk_section "$work/next.ko" a-v1 b-v2 c-v9 c-v10 d-v1
expect check-plan 1 "c        v10 v9  v10 v9      v10" \
	"$tool" check --from "$work/from.ko" --next "$work/next.ko"
expect check-none 1 "b        v1      v2          NONE" \
	"$tool" check --from "$work/from.ko" --next "$work/next.ko"
expect check-json 1 '{"name": "a", "writes": [2, 1], "next_reads": [1], "use": 1}' \
	"$tool" check --json --from "$work/from.ko" --next "$work/next.ko"
expect check-ok 0 "USE" "$tool" check --from "$work/from.ko" --next "$work/from.ko"
expect check-no-next 2 "no --next PATH" "$tool" check --from "$work/from.ko"
expect apply-empty-next 2 "next kernel lists no version, nothing applied" \
	env LUO_SYSFS="$work/sysfs" "$tool" apply --from "$work/from.ko" \
	--next "$fix/header-only.ko"
expect check-bad-next 2 "bad magic" \
	"$tool" check --from "$work/from.ko" --next "$fix/bad-magic.ko"

# running and apply, on a stand-in for /sys/kernel/liveupdate.
mkdir -p "$work/sysfs"
printf 'luo-image-v1\na-v2\na-v1\n' >"$work/sysfs/versions"
: >"$work/sysfs/target_versions"
expect running 0 "a-v2" env LUO_SYSFS="$work/sysfs" "$tool" running
expect apply 0 "v1" env LUO_SYSFS="$work/sysfs" "$tool" apply \
	--next "$work/next.ko" "$fix/header-only.ko" "$root/kernel/liveupdate/liveupdate.ko"
if [ "$(tr '\n' ' ' <"$work/sysfs/target_versions")" = \
     "a-v1 b-v2 c-v9 c-v10 d-v1 luo-image-v1 " ]; then
	ktap_result ok apply-wrote-target
else
	ktap_result fail apply-wrote-target "$(cat "$work/sysfs/target_versions")"
fi
expect running-absent 2 "is liveupdate loaded?" \
	env LUO_SYSFS="$work/none" "$tool" running

# The two kernels of the end-to-end tests, both ways: the stock kernel
# with our modules, and our debug kernel.
if [ -n "$debug_vmlinux" ]; then
	stock=("$root/kernel/liveupdate/liveupdate.ko" "$root/tests/modules")
	expect stock-to-debug 1 "luo-testdev  v1      -           NONE" \
		"$tool" check --from "${stock[@]}" --next "$debug_vmlinux"
	expect stock-to-debug-image 1 "luo-image    v1      v1          v1" \
		"$tool" check --from "${stock[@]}" --next "$debug_vmlinux"
	expect debug-to-stock 1 "fw-child          v2 v1   -           NONE" \
		"$tool" check --from "$debug_vmlinux" --next "${stock[@]}"
	expect debug-to-debug 0 "fw-child          v2 v1   v2 v1       v2" \
		"$tool" check --from "$debug_vmlinux" --next "$debug_vmlinux"
fi

ktap_end
