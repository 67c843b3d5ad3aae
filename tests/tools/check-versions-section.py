#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Check the .liveupdate_versions section of ELF files (vmlinux, .ko).

Usage: check-versions-section.py FILE [EXPECTED-COMPATIBLE...]

Checks the ABI byte for byte: the header first (magic 0x4c565550, format
1), size = 8 + 48 * n, each entry non-empty, printable, NUL-terminated and
NUL-padded; and that every EXPECTED-COMPATIBLE is listed exactly once.
Prints the entries; exits 1 with the reason on the first violation.

A stop-gap until tools/liveupdate/luo-versions reads the section itself.
"""
import struct
import subprocess
import sys
import tempfile

MAGIC, FORMAT, HDR, ENTRY = 0x4C565550, 1, 8, 48


def section(path):
    with tempfile.NamedTemporaryFile() as out:
        subprocess.run(["objcopy", "-O", "binary",
                        "--only-section=.liveupdate_versions", path, out.name],
                       check=True, stderr=subprocess.DEVNULL)
        return open(out.name, "rb").read()


def check(data):
    if len(data) < HDR:
        return "section missing or shorter than its header (%d bytes)" % len(data)
    magic, fmt = struct.unpack_from("<II", data)
    if magic != MAGIC:
        return "bad magic 0x%08x, header is not first" % magic
    if fmt != FORMAT:
        return "bad format %d" % fmt
    if (len(data) - HDR) % ENTRY:
        return "size %d is not 8 + 48 * n" % len(data)
    names = []
    for off in range(HDR, len(data), ENTRY):
        raw = data[off:off + ENTRY]
        name, nul, pad = raw.partition(b"\0")
        if not nul or not name:
            return "entry at %d is empty or unterminated" % off
        if pad.strip(b"\0") or not all(0x20 < c < 0x7F for c in name):
            return "entry at %d is not printable and NUL-padded" % off
        names.append(name.decode())
    return names


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    result = check(section(sys.argv[1]))
    if isinstance(result, str):
        sys.exit("%s: %s" % (sys.argv[1], result))
    for want in sys.argv[2:]:
        if result.count(want) != 1:
            sys.exit("%s: '%s' listed %d times" % (sys.argv[1], want,
                                                   result.count(want)))
    print("%s: %d entries: %s" % (sys.argv[1], len(result), " ".join(result)))


if __name__ == "__main__":
    main()
