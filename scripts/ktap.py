#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Read, check, count and convert the KTAP that every check prints.

  ktap.py count FILE       "PASSED FAILED" test cases; a document that is
                           malformed (no version, no plan, a count that
                           differs from its plan) adds a failed case
  ktap.py failures FILE    one line per failed test case, its path and why
  ktap.py junit FILE OUT   JUnit XML of the test cases, for CI systems
  ktap.py kunit-json JSON  KTAP of a "kunit.py --json" result

Test cases are the leaves of the tree: a result line with no subtest.  A
result that says "not ok" while none of its subtests failed (a program that
died half way, a plan not met) counts as one failed case, so that nothing
can fail silently.  A SKIP did not test anything: it counts as failed,
unless it is an expected failure (XFAIL), which counts as passed and is
listed.
"""

import json
import re
import sys
from xml.sax.saxutils import escape, quoteattr

VERSION = re.compile(r'^(KTAP|TAP) version \d+$')
PLAN = re.compile(r'^1\.\.(\d+)$')
RESULT = re.compile(r'^(ok|not ok) (\d+)(?: -)? ?([^#]*?)\s*(?:#\s*(.*))?$')


class Node:
    def __init__(self, name='', ok=True, directive='', path=''):
        self.name = name
        self.ok = ok
        self.directive = directive
        self.path = path
        self.children = []
        self.plan = None
        self.versioned = False
        self.problems = []
        self.diagnostics = []

    def directive_kind(self):
        return self.directive.split(' ', 1)[0].upper() if self.directive else ''


def indent_of(line):
    return len(line) - len(line.lstrip(' '))


def parse_file(path):
    with open(path, errors='replace') as f:
        lines = f.read().splitlines()
    return parse_lines(lines)


def parse_lines(lines):
    root = Node(name='(document)')
    root.has_doc = True
    # Each frame: [indent, node]; node gathers results at that indent.
    frames = [[0, root]]
    finished = []                # documents closed, waiting for their result

    for raw in lines:
        line = raw.rstrip('\r\n').expandtabs(8)
        if not line.strip():
            continue
        ind = indent_of(line)
        text = line.strip()
        if VERSION.match(text):
            if len(frames) == 1 and not root.versioned and \
                    not root.children and ind == frames[0][0]:
                root.versioned = True
                frames[0][0] = ind
                continue
            doc = Node()
            doc.versioned = True
            doc.has_doc = True
            frames.append([ind, doc])
            continue
        m = PLAN.match(text)
        if m:
            if ind > frames[-1][0]:
                # A nested plan without a version line still opens a doc.
                doc = Node()
                doc.has_doc = True
                frames.append([ind, doc])
            node = frames[-1][1]
            if node.plan is None and not node.children:
                node.plan = int(m.group(1))
            else:
                node.problems.append('a second plan, or a plan after results')
            continue
        m = RESULT.match(text)
        if m:
            sub = None
            while len(frames) > 1 and frames[-1][0] > ind:
                sub = frames.pop()[1]
            parent = frames[-1][1]
            res = Node(m.group(3).strip() or '(unnamed)', m.group(1) == 'ok',
                       (m.group(4) or '').strip())
            res.number = int(m.group(2))
            res.has_doc = False
            if sub is not None:
                res.children = sub.children
                res.plan = sub.plan
                res.problems = sub.problems
                res.versioned = sub.versioned
                res.diagnostics = sub.diagnostics
                res.has_doc = True
            parent.children.append(res)
            continue
        if text.startswith('#'):
            frames[-1][1].diagnostics.append(text[1:].strip())
    # Documents still open: their result line never came.
    while len(frames) > 1:
        sub = frames.pop()[1]
        orphan = Node('(results without a result line)', False)
        orphan.children = sub.children
        orphan.plan = sub.plan
        orphan.has_doc = True
        orphan.problems = sub.problems + ['no result line after the subtests']
        frames[-1][1].children.append(orphan)
    return root


def check_doc(node, is_root=False):
    """Problems of one document: version, plan, numbering."""
    problems = list(node.problems)
    if is_root and not node.versioned:
        problems.append('no "KTAP version 1" line')
    if node.plan is None:
        problems.append('no plan')
    elif node.plan != len(node.children):
        problems.append('plan 1..%d, %d results' % (node.plan,
                                                  len(node.children)))
    for i, child in enumerate(node.children, 1):
        if getattr(child, 'number', i) != i:
            problems.append('result "%s" numbered %d, expected %d' %
                            (child.name, child.number, i))
            break
    return problems


def walk(node, path, out, is_root=False):
    """Append (path, kind, why) for every test case below @node to @out.

    kind is "pass", "fail" or "xfail".  Returns (passed, failed).
    """
    passed = failed = 0
    doc_problems = check_doc(node, is_root) if node.has_doc else []
    for child in node.children:
        cpath = '%s/%s' % (path, child.name) if path else child.name
        kind = child.directive_kind()
        if child.children or child.has_doc:
            p, f = walk(child, cpath, out)
            if kind == 'SKIP':
                out.append((cpath, 'fail', 'skipped: ' + child.directive))
                f += 1
            elif not child.ok and f == 0:
                out.append((cpath, 'fail', child.directive or
                            'failed, with no failed subtest'))
                f = 1
            passed += p
            failed += f
        elif kind in ('XFAIL', 'TODO'):
            out.append((cpath, 'xfail', child.directive))
            passed += 1
        elif kind == 'SKIP':
            out.append((cpath, 'fail', 'skipped: ' + child.directive))
            failed += 1
        elif child.ok:
            out.append((cpath, 'pass', ''))
            passed += 1
        else:
            why = child.directive or '; '.join(child.diagnostics[-3:])
            out.append((cpath, 'fail', why))
            failed += 1
    if doc_problems:
        out.append((path or '(document)', 'fail', '; '.join(doc_problems)))
        failed += 1
    return passed, failed


def count(path):
    root = parse_file(path)
    out = []
    passed, failed = walk(root, '', out, is_root=True)
    return root, passed, failed, out


def cmd_count(args):
    _, passed, failed, _ = count(args[0])
    print(passed, failed)
    return 0


def cmd_failures(args):
    _, _, _, out = count(args[0])
    for path, kind, why in out:
        if kind == 'fail':
            print('%s%s' % (path, ': ' + why if why else ''))
        elif kind == 'xfail':
            print('%s: expected failure: %s' % (path, why))
    return 0


def cmd_junit(args):
    _, _, _, out = count(args[0])
    suites = {}
    for path, kind, why in out:
        suite, _, case = path.partition('/')
        suites.setdefault(suite, []).append((case or suite, kind, why))
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<testsuites>']
    for suite, cases in suites.items():
        nfail = sum(1 for c in cases if c[1] == 'fail')
        lines.append('  <testsuite name=%s tests="%d" failures="%d">' %
                     (quoteattr(suite), len(cases), nfail))
        for name, kind, why in cases:
            lines.append('    <testcase classname=%s name=%s>' %
                         (quoteattr(suite), quoteattr(name)))
            if kind == 'fail':
                lines.append('      <failure message=%s/>' %
                             quoteattr(why or 'failed'))
            elif kind == 'xfail':
                lines.append('      <system-out>%s</system-out>' %
                             escape('expected failure: ' + why))
            lines.append('    </testcase>')
        lines.append('  </testsuite>')
    lines.append('</testsuites>')
    with open(args[1], 'w') as f:
        f.write('\n'.join(lines) + '\n')
    return 0


def kunit_group_to_ktap(group, indent, out):
    """One kunit.py JSON group (a suite, or a parameterised case)."""
    cases = group.get('test_cases', [])
    subs = group.get('sub_groups', [])
    pad = ' ' * indent
    out.append(pad + 'KTAP version 1')
    out.append(pad + '1..%d' % (len(subs) + len(cases)))
    n = 0
    for sub in subs:
        n += 1
        kunit_group_to_ktap(sub, indent + 4, out)
        ok = all_passed(sub)
        out.append(pad + '%s %d %s' % ('ok' if ok else 'not ok', n,
                                       sub.get('name', '?')))
    for case in cases:
        n += 1
        status = case.get('status', 'FAIL')
        line = '%s %d %s' % ('ok' if status == 'PASS' else 'not ok', n,
                             case.get('name', '?'))
        if status == 'SKIP':
            line = 'ok %d %s # SKIP' % (n, case.get('name', '?'))
        elif status not in ('PASS',):
            line += ' # %s' % status
        out.append(pad + line)


def all_passed(group):
    return all(c.get('status') == 'PASS' for c in group.get('test_cases', [])) \
        and all(all_passed(s) for s in group.get('sub_groups', []))


def cmd_kunit_json(args):
    with open(args[0]) as f:
        data = json.load(f)
    out = []
    groups = data.get('sub_groups', [])
    out.append('KTAP version 1')
    out.append('1..%d' % len(groups))
    for n, group in enumerate(groups, 1):
        kunit_group_to_ktap(group, 4, out)
        out.append('%s %d %s' % ('ok' if all_passed(group) else 'not ok', n,
                                 group.get('name', '?')))
    print('\n'.join(out))
    return 0 if groups else 1


COMMANDS = {
    'count': (cmd_count, 1),
    'failures': (cmd_failures, 1),
    'junit': (cmd_junit, 2),
    'kunit-json': (cmd_kunit_json, 1),
}


def main(argv):
    if len(argv) < 2 or argv[1] not in COMMANDS or \
            len(argv) - 2 != COMMANDS[argv[1]][1]:
        sys.stderr.write(__doc__)
        return 2
    return COMMANDS[argv[1]][0](argv[2:])


if __name__ == '__main__':
    sys.exit(main(sys.argv))
