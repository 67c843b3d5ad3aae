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

# bounded CMD...: CMD in at most 16 MiB of address space, which bounds its
# memory: the tool reads nothing whole, whatever the size of the file.
bounded()
{
	(ulimit -v 16384 && exec "$@")
}

# redirected FILE CMD...: CMD with FILE as its standard input.
redirected()
{
	local file=$1

	shift
	"$@" <"$file"
}

# piped FILE CMD...: the same through a pipe, which cannot seek.
piped()
{
	local file=$1

	shift
	# shellcheck disable=SC2002 # the pipe is the point
	cat "$file" | "$@"
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

# Malformed ELF files, each crafted-good.ko with one field wrong: bad
# input (2) with the fault named, not "no section" (1).
expect crafted-good 0 "alpha-v1" "$tool" list "$fix/crafted-good.ko"
expect bad-shstrndx 2 "malformed ELF file: e_shstrndx 9 is not one of its 3 sections" \
	"$tool" list "$fix/bad-shstrndx.ko"
expect bad-shentsize 2 "malformed ELF file: e_shentsize is 40, not 64" \
	"$tool" list "$fix/bad-shentsize.ko"
expect bad-name 2 "section 1's name is at 4000, outside .shstrtab (32 bytes)" \
	"$tool" list "$fix/bad-name.ko"
expect shstrtab-not-strtab 2 "e_shstrndx 2 is a section of type 1, not a string table" \
	"$tool" list "$fix/shstrtab-not-strtab.ko"
expect shdrs-past-eof 2 "section header table (3 entries at offset 1048576) ends past the end of the file (440 bytes)" \
	"$tool" list "$fix/shdrs-past-eof.ko"
# A section that lacks its bytes: a message for each way.
expect section-truncated 2 "ELF file truncated: section .liveupdate_versions ends at offset 4160, past the end of the file (440 bytes)" \
	"$tool" list "$fix/section-truncated.ko"
expect section-past-eof 2 "section .liveupdate_versions starts at offset 1048576, past the end of the file (440 bytes)" \
	"$tool" list "$fix/section-past-eof.ko"
expect section-overflow 2 "section .liveupdate_versions: offset 64 + size 18446744073709551608 overflows 64 bits" \
	"$tool" list "$fix/section-overflow.ko"
expect section-nobits 2 "section .liveupdate_versions has no contents in the file: it is SHT_NOBITS" \
	"$tool" list "$fix/section-nobits.ko"
expect section-2m 2 "section .liveupdate_versions is 2097152 bytes, more than the 1048576 this tool reads" \
	bounded "$tool" list "$fix/section-2m.elf"
# A second section of the name: listed from the first, with a warning.
expect duplicate 0 "luo-versions: $fix/duplicate.ko: warning: 2 sections named .liveupdate_versions: only the first (section 1) is read" \
	"$tool" list "$fix/duplicate.ko"
expect duplicate-first 0 '"warning": "2 sections named .liveupdate_versions: only the first (section 1) is read", "entries": ["alpha-v2", "alpha-v1", "beta-v1"]}' \
	"$tool" list --json "$fix/duplicate.ko"

# Big files, read in bounded memory: a valid ELF file of 1.1 GiB, sparse,
# its sections after the hole; a zstd stream of zeros past the cap on a
# decompressed image; streams cut short.
size=$(stat -c %s "$fix/sparse-1.1g.elf" 2>/dev/null)
if [ "${size:-0}" -ge $((11 * (1 << 30) / 10)) ]; then
	ktap_result ok sparse-1.1g-size
else
	ktap_result fail sparse-1.1g-size "${size:-no file} bytes"
fi
expect sparse-1.1g 0 "alpha-v1" bounded "$tool" list "$fix/sparse-1.1g.elf"
expect zstd-cap 2 "luo-versions: $fix/bomb.zst: decompressed size exceeds 2048 MiB: refusing" \
	bounded "$tool" list "$fix/bomb.zst"
expect cut-zst 2 "corrupt compressed data" "$tool" list "$fix/cut.ko.zst"
expect cut-gz 2 "corrupt compressed data" "$tool" list "$fix/cut.ko.gz"
if [ -n "$debug_vmlinux" ]; then
	expect vmlinux-bounded 0 "luo-image-v1" \
		bounded "$tool" list "$debug_vmlinux"
fi

# "-": standard input, a file or a pipe, which is copied first.
expect stdin-file 0 "beta-v1" redirected "$fix/good.ko.xz" "$tool" list -
expect stdin-pipe 0 '"path": "-", "status": "listed", "entries": ["alpha-v2", "alpha-v1", "beta-v1"]' \
	piped "$fix/good.ko" "$tool" list --json -
expect stdin-pipe-xz 0 "beta-v1" piped "$fix/good.ko.xz" "$tool" list -
expect stdin-pipe-sparse 0 "alpha-v1" \
	piped "$fix/sparse-1.1g.elf" bounded "$tool" list -
expect stdin-pipe-bad 2 "luo-versions: -: malformed ELF file: e_shstrndx 9" \
	piped "$fix/bad-shstrndx.ko" "$tool" list -
expect stdin-pins 0 "alpha-v1                                         0xfedcba9876543210  -" \
	piped "$fix/pins-good.ko" "$tool" pins -

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
# A malformed file in a directory is reported, not skipped as one without
# the section; the others are still listed.
mkdir -p "$work/dir-bad"
cp "$fix/good.ko.xz" "$fix/no-section.ko" "$fix/bad-shstrndx.ko" \
	"$fix/section-truncated.ko" "$work/dir-bad/"
expect dir-malformed 2 "luo-versions: $work/dir-bad/bad-shstrndx.ko: malformed ELF file: e_shstrndx 9" \
	"$tool" list "$work/dir-bad"
expect dir-truncated 2 "luo-versions: $work/dir-bad/section-truncated.ko: ELF file truncated" \
	"$tool" list "$work/dir-bad"
expect dir-malformed-rest 2 "beta-v1" "$tool" list "$work/dir-bad"
expect dir-malformed-check 2 "bad-shstrndx.ko: malformed ELF file" \
	"$tool" check --from "$fix/good.ko" --next "$work/dir-bad"
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
