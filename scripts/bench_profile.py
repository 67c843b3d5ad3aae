#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# The summary of scripts/bench.sh --profile: reads the guest's console
# (the "luo-prof: ..." lines of tests/qemu/bench-profile.sh) and prints,
# per profile and scenario, the traced functions by the time spent in
# them, then the calls between them.
#
# Usage: scripts/bench_profile.py PROFILE.LOG [TOP]
#
# total is the time from a function's entry to its exit, what it called
# included; self is total minus the traced functions it called, so that
# self sums to the scenario's time once.  Every traced call adds the
# tracer's own cost (entry and exit, some microseconds under emulation)
# to its caller's self, and a call preempted on a busy host weighs on
# the averages: read the median and the min next to them, and compare
# functions traced in the same profile.

import collections
import re
import sys

LINE = re.compile(r'luo-prof: (\S+) (.*)')
FN = re.compile(r'fn (\S+) (\S+) calls=(\d+) total_ns=(\d+) self_ns=(-?\d+) '
                r'min_ns=(\d+) med_ns=(\d+) max_ns=(\d+)')
EDGE = re.compile(r'edge (\S+) (\S+)>(\S+) calls=(\d+) total_ns=(\d+)')


def us(ns):
    return f'{ns / 1000:.1f}'


def main():
    if len(sys.argv) < 2:
        sys.exit(f'usage: {sys.argv[0]} PROFILE.LOG [TOP]')
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    notes = collections.defaultdict(list)
    fns = collections.defaultdict(list)
    edges = collections.defaultdict(list)
    order = []
    with open(sys.argv[1], errors='replace') as log:
        for line in log:
            m = LINE.search(line.rstrip())
            if not m or m.group(1) == 'end':
                continue
            prof, rest = m.groups()
            if prof not in order:
                order.append(prof)
            f = FN.match(rest)
            e = EDGE.match(rest)
            if f:
                scen, name = f.group(1), f.group(2)
                calls, total, self_, mn, med, _ = map(int, f.groups()[2:])
                fns[prof, scen].append((name, calls, total, self_, mn, med))
            elif e:
                scen, caller, callee = e.group(1), e.group(2), e.group(3)
                calls, total = int(e.group(4)), int(e.group(5))
                edges[prof, scen].append((caller, callee, calls, total))
            else:
                notes[prof].append(rest)

    for prof in order:
        print(f'Profile {prof}')
        for note in notes[prof]:
            print(f'  {note}')
        for (p, scen), rows in sorted(fns.items()):
            if p != prof or scen == 'other':
                continue
            rows.sort(key=lambda r: -r[3])
            print(f'\n  Scenario {scen}: functions by self time, us;'
                  ' per call, ns: average self, and total: average,'
                  ' median, min')
            print(f'  {"function":36} {"calls":>7} {"self":>10} {"total":>10}'
                  f' {"avg self":>9} {"avg tot":>9} {"med tot":>9}'
                  f' {"min tot":>9}')
            for name, calls, total, self_, mn, med in rows[:top]:
                print(f'  {name[:36]:36} {calls:7} {us(self_):>10}'
                      f' {us(total):>10} {self_ // calls:9} {total // calls:9}'
                      f' {med:9} {mn:9}')
            erows = sorted(edges[prof, scen], key=lambda r: -r[3])
            print(f'\n  Scenario {scen}: calls, by total time, us')
            for caller, callee, calls, total in erows[:top]:
                print(f'  {caller[:30]:>30} > {callee[:32]:32} {calls:7}'
                      f' {us(total):>10} {total // calls:9}')
        print()


if __name__ == '__main__':
    main()
