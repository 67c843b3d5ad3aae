#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turn a scripts/luo-vmtest run into one KTAP document.

  compose.py RESULTS CONSOLE STAGES [QEMU_STATUS]

RESULTS is what the guests wrote to their results channel (see guest.sh),
CONSOLE both kernels' console, STAGES the stages that must have run
("before" or "before,after").  Prints the KTAP document; exits 1 when
anything failed.

Each stage is a subtest whose cases are the guest's steps (modules loaded,
next kernel loaded, frozen, kmemleak) and one nested subtest per command,
holding the command's own KTAP.  A command that printed no valid KTAP, or
exited non-zero with no failed case, fails.  Then: every expected stage
reached its end, and neither console shows a kernel splat.
"""

import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                '..'))
import ktap  # noqa: E402

SPLAT = re.compile(r'BUG:|WARNING:|UBSAN:|KASAN|Oops|Kernel panic|'
                   r'possible circular|possible recursive|inconsistent lock|'
                   r'suspicious RCU|kmemleak: .*new suspected|'
                   r'general protection fault|Call Trace:|detected stall|'
                   r'hard LOCKUP|soft lockup')
LINE = re.compile(r'^luo-vmtest: (\S+) ?(.*)$')


class Stage:
    def __init__(self, name, kernel):
        self.name = name
        self.kernel = kernel
        self.items = []          # ('step', name, ok, why) | ('cmd', ...)
        self.done = False
        self.kexec = False


def oneline(text):
    return re.sub(r'[\r\n\t#]', ' ', text).strip()[:300]


def read_results(path):
    stages = []
    cmd = None
    with open(path, errors='replace') as f:
        lines = f.read().replace('\r', '').split('\n')
    for line in lines:
        m = LINE.match(line)
        if cmd is not None and not (m and m.group(1) == 'end'):
            cmd['lines'].append(line)
            continue
        if not m:
            continue
        what, rest = m.group(1), m.group(2)
        if what == 'stage':
            name, _, kernel = rest.partition(' kernel ')
            stages.append(Stage(name.strip(), kernel.strip()))
        elif not stages:
            continue
        elif what == 'step':
            parts = rest.split(' ', 2)
            stages[-1].items.append(('step', parts[0], parts[1] == 'ok',
                                     parts[2] if len(parts) > 2 else ''))
        elif what == 'begin':
            cmd = {'name': rest.strip(), 'lines': [], 'status': None}
        elif what == 'end' and cmd is not None:
            cmd['status'] = rest.split()[-1] if rest.split() else '?'
            stages[-1].items.append(('cmd', cmd))
            cmd = None
        elif what == 'kexec':
            stages[-1].kexec = True
        elif what == 'done':
            stages[-1].done = True
    if cmd is not None and stages:
        # The guest died, or hung, while the command ran.
        stages[-1].items.append(('cmd', cmd))
    return stages


def command_case(cmd, out, pad, n):
    """Nest a command's KTAP; return whether the command passed."""
    lines = [ln for ln in cmd['lines'] if ln.strip()]
    root = ktap.parse_lines(lines)
    cases = []
    passed, failed = ktap.walk(root, '', cases, is_root=True)
    whys = []
    if cmd['status'] is None:
        whys.append('did not finish (guest died or hung)')
    elif cmd['status'] != '0':
        whys.append('exit status %s' % cmd['status'])
    if not lines:
        whys.append('printed nothing')
    elif failed:
        whys.append('; '.join('%s: %s' % (p, w) for p, k, w in cases
                              if k == 'fail')[:200])
    elif not passed:
        whys.append('no test case')
    why = '; '.join(whys)
    for ln in lines:
        out.append(pad + '    ' + ln)
    if not lines:
        out.append(pad + '    # printed nothing')
    if why:
        out.append(pad + 'not ok %d %s # %s' % (n, cmd['name'], oneline(why)))
        return False
    out.append(pad + 'ok %d %s' % (n, cmd['name']))
    return True


def stage_doc(stage, out):
    pad = '    '
    body = []
    ok = True
    for n, item in enumerate(stage.items, 1):
        if item[0] == 'step':
            _, name, good, why = item
            if good:
                body.append(pad + 'ok %d %s' % (n, name))
            else:
                body.append(pad + 'not ok %d %s # %s' % (n, name,
                                                         oneline(why)))
                ok = False
        else:
            ok = command_case(item[1], body, pad, n) and ok
    out.append(pad + 'KTAP version 1')
    out.append(pad + '1..%d' % len(stage.items))
    out.append(pad + '# kernel %s' % stage.kernel)
    out.extend(body)
    return ok


def main(argv):
    if len(argv) not in (4, 5):
        sys.stderr.write(__doc__)
        return 2
    results, console, want = argv[1], argv[2], argv[3].split(',')
    qemu_status = argv[4] if len(argv) == 5 else '0'
    stages = read_results(results) if os.path.exists(results) else []
    out = []
    n = 0
    all_ok = True

    for name in want:
        n += 1
        found = [s for s in stages if s.name == name]
        if not found:
            out.append('not ok %d %s # never started (see the console)' %
                       (n, name))
            all_ok = False
            continue
        stage = found[0]
        ok = stage_doc(stage, out)
        ended = stage.done or (stage.kexec and name != want[-1])
        if not ended:
            why = 'the guest did not reach the end of the stage'
            if qemu_status == '124':
                why = 'timed out: the guest hung'
            out.append('not ok %d %s # %s' % (n, name, why))
            ok = False
        else:
            out.append('%s %d %s' % ('ok' if ok else 'not ok', n, name))
        all_ok = all_ok and ok

    n += 1
    hits = []
    if os.path.exists(console):
        with open(console, errors='replace') as f:
            hits = [ln.strip() for ln in f if SPLAT.search(ln)]
    if not os.path.exists(console) or os.path.getsize(console) == 0:
        out.append('not ok %d no-kernel-splat # no console log' % n)
        all_ok = False
    elif hits:
        for hit in hits[:5]:
            out.append('# ' + oneline(hit))
        out.append('not ok %d no-kernel-splat # %s' % (n, oneline(hits[0])))
        all_ok = False
    else:
        out.append('ok %d no-kernel-splat' % n)

    print('KTAP version 1')
    print('1..%d' % n)
    print('\n'.join(out))
    return 0 if all_ok else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv))
