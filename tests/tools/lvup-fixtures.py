#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Writes the ELF fixtures of the luo-versions tests into a directory.

Each fixture is a small relocatable object, compiled from an empty C file,
given a .liveupdate_versions section with objcopy: well formed, or broken in
exactly one way; the pins-* ones have a good .liveupdate_versions and a
.liveupdate_pins section, well formed or broken in one way.  Their names
say which.

The crafted-* files and those named after an ELF fault are written by hand
(craft_elf()), each the same as crafted-good.ko but for one field; the
.elf ones are big, though sparse, and named so that the fuzzer's corpus,
made of the *.ko* files, leaves them out: sparse-1.1g.elf, a valid ELF
file of 1.1 GiB whose sections are after a hole of that size, and
section-2m.elf.  bomb.zst decompresses to zeros past the 2048 MiB cap.
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


SHT_PROGBITS, SHT_STRTAB, SHT_NOBITS = 1, 3, 8
EHDR = struct.Struct('<16sHHIQQQIHHHHHH')
SHDR = struct.Struct('<IIQQQQIIQQ')
SHDR_FIELDS = ('sh_name', 'sh_type', 'sh_flags', 'sh_addr', 'sh_offset',
               'sh_size', 'sh_link', 'sh_info', 'sh_addralign', 'sh_entsize')


def craft_elf(path, sections, ehdr=None, shdr=None):
    """Writes a little-endian ELF64 relocatable file, laid out by hand.

    sections: (name, sh_type, data) after the null section, then comes
    .shstrtab, then the section header table.  data is bytes, or an int:
    that many zero bytes, left as a hole.  ehdr maps ELF header fields
    (e_shoff, e_shnum, e_shstrndx, e_shentsize) to the value to write
    instead, shdr a section index to {sh_field: value}.
    """
    sections = list(sections)
    names = b'\0'
    name_at = []
    for name, _, _ in sections + [('.shstrtab', SHT_STRTAB, b'')]:
        name_at.append(len(names))
        names += name.encode() + b'\0'
    sections.append(('.shstrtab', SHT_STRTAB, names))
    headers = [SHDR.pack(*[0] * 10)]
    chunks = []
    off = EHDR.size
    for i, (name, sh_type, data) in enumerate(sections):
        size = data if isinstance(data, int) else len(data)
        if isinstance(data, int):
            off = (off + 4095) // 4096 * 4096
        else:
            off = (off + 7) // 8 * 8
            chunks.append((off, data))
        fields = dict(zip(SHDR_FIELDS, (name_at[i], sh_type, 2, 0, off, size,
                                        0, 0, 1, 0)))
        fields.update((shdr or {}).get(i + 1, {}))
        headers.append(SHDR.pack(*[fields[f] for f in SHDR_FIELDS]))
        if sh_type != SHT_NOBITS:
            off += size
    shoff = (off + 7) // 8 * 8
    end = shoff + SHDR.size * len(headers)
    fields = {'e_shoff': shoff, 'e_shnum': len(headers),
              'e_shstrndx': len(headers) - 1, 'e_shentsize': SHDR.size}
    fields.update(ehdr or {})
    ident = b'\x7fELF' + bytes([2, 1, 1]) + b'\0' * 9
    with open(path, 'wb') as f:
        f.write(EHDR.pack(ident, 1, 62, 1, 0, 0, fields['e_shoff'], 0,
                          EHDR.size, 0, 0, fields['e_shentsize'],
                          fields['e_shnum'], fields['e_shstrndx']))
        for at, data in chunks:
            f.seek(at)
            f.write(data)
        f.seek(shoff)
        f.write(b''.join(headers))
        f.truncate(end)


VERSIONS = ('.liveupdate_versions', SHT_PROGBITS, GOOD)
# crafted-good.ko, 440 bytes: the ELF header, .liveupdate_versions (152
# bytes at 64), .shstrtab (32 at 216), the section header table (3 at 248).
CRAFTED = {
    'crafted-good.ko': ([VERSIONS], {}, {}),
    'bad-shstrndx.ko': ([VERSIONS], {'e_shstrndx': 9}, {}),
    'bad-shentsize.ko': ([VERSIONS], {'e_shentsize': 40}, {}),
    'bad-name.ko': ([VERSIONS], {}, {1: {'sh_name': 4000}}),
    'shstrtab-not-strtab.ko': ([VERSIONS], {}, {2: {'sh_type': SHT_PROGBITS}}),
    'shdrs-past-eof.ko': ([VERSIONS], {'e_shoff': 1 << 20}, {}),
    'section-truncated.ko': ([VERSIONS], {}, {1: {'sh_size': 4096}}),
    'section-past-eof.ko': ([VERSIONS], {}, {1: {'sh_offset': 1 << 20}}),
    'section-overflow.ko': ([VERSIONS], {}, {1: {'sh_size': (1 << 64) - 8}}),
    'section-nobits.ko': ([VERSIONS], {}, {1: {'sh_type': SHT_NOBITS}}),
    'duplicate.ko': ([VERSIONS, ('.liveupdate_versions', SHT_PROGBITS,
                                 header() + entry('dup-v1'))], {}, {}),
    'section-2m.elf': ([('.liveupdate_versions', SHT_PROGBITS, 2 << 20)],
                       {}, {}),
    'sparse-1.1g.elf': ([('.bulk', SHT_PROGBITS, int(1.1 * (1 << 30))),
                         VERSIONS], {}, {}),
}


def zstd_zeros(size):
    """A zstd frame of RLE blocks of zeros: size bytes, in a few bytes each."""
    block = 128 << 10
    # Frame header: no content size, window of 128 KiB; no checksum.
    out = [struct.pack('<IBB', 0xfd2fb528, 0, 7 << 3)]
    while size:
        n = min(size, block)
        size -= n
        out.append(struct.pack('<I', (n << 3) | (1 << 1) | (not size))[:3])
        out.append(b'\0')
    return b''.join(out)


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
    # Compressed streams cut short.
    with open(os.path.join(out, 'cut.ko.gz'), 'wb') as f:
        f.write(gzip.compress(good)[:-40])
    zst = open(os.path.join(out, 'good.ko.zst'), 'rb').read()
    with open(os.path.join(out, 'cut.ko.zst'), 'wb') as f:
        f.write(zst[:len(zst) // 2])
    for name, (sections, ehdr, shdr) in CRAFTED.items():
        craft_elf(os.path.join(out, name), sections, ehdr, shdr)
    with open(os.path.join(out, 'bomb.zst'), 'wb') as f:
        f.write(zstd_zeros((2048 << 20) + 1))
    os.unlink(src)
    os.unlink(base)


if __name__ == '__main__':
    main()
