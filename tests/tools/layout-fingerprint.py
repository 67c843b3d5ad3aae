#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The layout fingerprints of the pinned layouts, computed on the host.

Mirrors luo_layout_fingerprint() (include/linux/luo_handler/engine/
fingerprint.h) byte for byte, on layouts transcribed from their LUO_SER()
declarations: the samples' released layouts and the KUnit suite's
known-answer layout.  The kernel is the reference: when a kernel and this
script disagree, the script is wrong.  Prints one line per version,
"<compatible> 0x<fingerprint>", as LUO_LAYOUT_PIN() wants it.
"""

FNV64_OFFSET = 0xcbf29ce484222325
FNV64_PRIME = 0x00000100000001b3
MASK = (1 << 64) - 1

SCALAR, ARRAY, BYTES, STRING, NESTED, VARRAY, DEP = range(7)


def field(name, kind, esize, count=1, since=0, until=0, optional=False,
          count_name='', dep='', nested=None):
    return dict(name=name, kind=kind, esize=esize, count=count, since=since,
                until=until, optional=optional, count_name=count_name,
                dep=dep, nested=nested)


def present(f, v):
    return v >= f['since'] and (not f['until'] or v <= f['until'])


def feed(h, data):
    for b in data:
        h ^= b
        h = (h * FNV64_PRIME) & MASK
    return h


def feed_layout(h, fields, v):
    for f in fields:
        if not present(f, v):
            continue
        h = feed(h, f['name'].encode() + b'\0')
        h = feed(h, bytes([f['kind'], f['esize']]))
        count = 0 if f['kind'] == VARRAY else f['count']
        h = feed(h, count.to_bytes(4, 'little'))
        h = feed(h, bytes([1 if f['optional'] else 0]))
        if f['kind'] == VARRAY:
            h = feed(h, f['count_name'].encode() + b'\0')
        elif f['kind'] == DEP:
            h = feed(h, f['dep'].encode() + b'\0')
        elif f['kind'] == NESTED:
            h = feed(h, b'{')
            h = feed_layout(h, f['nested'], v)
            h = feed(h, b'}')
    return h


def fingerprint(fields, v):
    return feed_layout(FNV64_OFFSET, fields, v)


# samples/liveupdate/sample_note.c, layout 2 (layout 1 is the same without
# priority); SAMPLE_NOTE_TEXT is 48.
NOTE = [
    field('id', SCALAR, 8),
    field('priority', SCALAR, 4, since=2),
    field('text', STRING, 1, count=48),
]

# samples/liveupdate/sample_vm.c; SAMPLE_NR_REGS is 16.
VM = [field('id', SCALAR, 8)]
VCPU = [
    field('regs', ARRAY, 8, count=16),
    field('vm', DEP, 8, dep='sample-vm'),
]
MEMSLOT = [
    field('gpa', SCALAR, 8),
    field('size', SCALAR, 8),
    field('vm', DEP, 8, dep='sample-vm'),
    field('ram', DEP, 8, dep='memfd'),
]

# tests/kunit/luo_handler_pin_test.c, fwp_known_ser.
FWP_INNER = [field('a', SCALAR, 2), field('b', SCALAR, 4, since=2)]
FWP_KNOWN = [
    field('id', SCALAR, 8),
    field('nr', SCALAR, 4),
    field('items', VARRAY, 2, count=6, count_name='nr'),
    field('in', NESTED, 0, nested=FWP_INNER),
    field('old', SCALAR, 1, until=1),
    field('dep', DEP, 8, optional=True, dep='fwp-file'),
]

# tests/kunit/luo_handler_pin_test.c, fwp_a_ser.
FWP_A = [
    field('id', SCALAR, 8),
    field('flags', SCALAR, 4, since=2),
    field('name', STRING, 1, count=8),
]

# tests/kit/ringdev: ringpool.c and ringdev.c; RING_NAME_LEN is 32 and
# RING_MAX_ENTRIES 16.
RINGPOOL = [field('id', SCALAR, 8), field('slots', SCALAR, 4)]
RINGDEV = [
    field('pool', DEP, 8, dep='kit-ringpool'),
    field('name', STRING, 1, count=32),
    field('count', SCALAR, 4),
    field('entries', VARRAY, 8, count=16, count_name='count'),
    field('head', SCALAR, 4, since=2),
]

PINNED = [
    ('sample-note', NOTE, (2, 1)),
    ('sample-vm', VM, (1,)),
    ('sample-vcpu', VCPU, (1,)),
    ('sample-memslot', MEMSLOT, (1,)),
    ('fwp-known', FWP_KNOWN, (2, 1)),
    ('fwp-a', FWP_A, (2, 1)),
    ('kit-ringpool', RINGPOOL, (1,)),
    ('kit-ringdev', RINGDEV, (2, 1)),
]


def main():
    for base, fields, versions in PINNED:
        for v in versions:
            print('%s-v%u 0x%016x' % (base, v, fingerprint(fields, v)))


if __name__ == '__main__':
    main()
