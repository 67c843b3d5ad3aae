#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Writes the ELF fixtures of the luo-versions tests into a directory.

Each fixture is a small relocatable object, compiled from an empty C file,
given a .liveupdate_versions section with objcopy: well formed, or broken in
exactly one way; the pins-* ones have a good .liveupdate_versions and a
.liveupdate_pins section, well formed or broken in one way.  Their names
say which.
"""
import gzip
import lzma
import os
import shutil
import struct
import subprocess
import sys


def entry(s):
    return s.encode().ljust(48, b'\0')


def header(magic=0x4c565550, version=1):
    return struct.pack('<II', magic, version)


GOOD = header() + entry('alpha-v2') + entry('alpha-v1') + entry('beta-v1')

SECTIONS = {
    'good.ko': GOOD,
    'bad-magic.ko': header(magic=0x50555640) + entry('a-v1'),
    'bad-version.ko': header(version=2) + entry('a-v1'),
    'truncated.ko': header()[:4],
    'stray-bytes.ko': header() + entry('a-v1') + b'xy',
    'unterminated.ko': header() + b'u' * 48,
    'not-printable.ko': header() + entry('a\x01b-v1'),
    'after-nul.ko': header() + b'a-v1\0z'.ljust(48, b'\0'),
    'empty-entry.ko': header() + entry('a-v1') + entry(''),
    'header-only.ko': header(),
}


def pin(s, fingerprint):
    return entry(s) + struct.pack('<Q', fingerprint)


# A module's .liveupdate_pins, no header: 56-byte records.
PINS = {
    'pins-good.ko': pin('alpha-v2', 0x0123456789abcdef) +
    pin('alpha-v1', 0xfedcba9876543210),
    'pins-bad-size.ko': pin('alpha-v1', 1) + b'xyz',
    'pins-unterminated.ko': b'u' * 48 + struct.pack('<Q', 1),
    'pins-zero.ko': pin('alpha-v1', 0),
    'pins-twice.ko': pin('alpha-v1', 1) + pin('alpha-v1', 2),
    'pins-not-printable.ko': pin('a\x01-v1', 1),
}


def run(*cmd):
    subprocess.run(cmd, check=True)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    src = os.path.join(out, 'empty.c')
    base = os.path.join(out, 'empty.o')
    with open(src, 'w') as f:
        f.write('int lvup_fixture;\n')
    run('cc', '-c', '-o', base, src)
    # The sections alone are kept too, as seeds for the fuzzer.
    os.makedirs(os.path.join(out, 'sections'), exist_ok=True)
    for name, data in SECTIONS.items():
        blob = os.path.join(out, 'sections', name + '.bin')
        with open(blob, 'wb') as f:
            f.write(data)
        run('objcopy', '--add-section', '.liveupdate_versions=' + blob,
            '--set-section-flags', '.liveupdate_versions=alloc,readonly',
            base, os.path.join(out, name))
    for name, data in PINS.items():
        blob = os.path.join(out, 'sections', name + '.bin')
        with open(blob, 'wb') as f:
            f.write(data)
        run('objcopy', '--add-section', '.liveupdate_pins=' + blob,
            '--set-section-flags', '.liveupdate_pins=alloc,readonly',
            os.path.join(out, 'good.ko'), os.path.join(out, name))
    shutil.copy(base, os.path.join(out, 'no-section.ko'))
    run('objcopy', '--add-section', '.liveupdate_versions=/dev/null',
        '--set-section-flags', '.liveupdate_versions=alloc',
        base, os.path.join(out, 'empty-section.ko'))
    with open(os.path.join(out, 'not-elf.ko'), 'w') as f:
        f.write('just text\n')
    good = open(os.path.join(out, 'good.ko'), 'rb').read()
    with open(os.path.join(out, 'cut-elf.ko'), 'wb') as f:
        f.write(good[:len(good) // 2])
    with open(os.path.join(out, 'good.ko.xz'), 'wb') as f:
        f.write(lzma.compress(good))
    with open(os.path.join(out, 'good.ko.gz'), 'wb') as f:
        f.write(gzip.compress(good))
    run('zstd', '-q', '-f', os.path.join(out, 'good.ko'),
        '-o', os.path.join(out, 'good.ko.zst'))
    # bzImages: a boot sector with the setup header, then the payload,
    # compressed, followed as the kernel's build does by its size.
    run('zstd', '-q', '-f', '--no-check', os.path.join(out, 'good.ko'),
        '-o', os.path.join(out, 'good.zst.tmp'))
    payloads = {
        'bzImage-xz': lzma.compress(good, check=lzma.CHECK_CRC32),
        'bzImage-zst': open(os.path.join(out, 'good.zst.tmp'), 'rb').read(),
    }
    os.unlink(os.path.join(out, 'good.zst.tmp'))
    for name, payload in payloads.items():
        payload += struct.pack('<I', len(good))
        setup = bytearray(512 * 2)		# boot sector + 1 setup sector
        setup[0x1f1] = 1
        setup[0x202:0x206] = b'HdrS'
        struct.pack_into('<H', setup, 0x206, 0x20f)
        struct.pack_into('<II', setup, 0x248, 64, len(payload))
        with open(os.path.join(out, name), 'wb') as f:
            f.write(bytes(setup) + b'\0' * 64 + payload + b'\0' * 32)
    with open(os.path.join(out, 'corrupt.ko.xz'), 'wb') as f:
        f.write(lzma.compress(good)[:40] + b'\0' * 40)
    os.unlink(src)
    os.unlink(base)


if __name__ == '__main__':
    main()
