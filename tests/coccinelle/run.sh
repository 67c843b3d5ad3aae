#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Checks the semantic checks of scripts/coccinelle/liveupdate/ against
# their fixtures, one directory per rule:
#
#   match_*.c     must be reported exactly on the lines carrying an
#                 "// expect: <part of the message>" comment (several on
#                 one line for several reports), and nowhere else;
#   nomatch_*.c   must not be reported at all;
#   patch_*.c     patch mode must turn it into patch_*.c.result exactly.
#
# Then checks that the runner's exit status follows its contract, and that
# the project's own code is clean.  Prints one KTAP document, a test case
# per check; exits 1 when a check failed.

set -uo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"

CHECK=$LUO_ROOT/scripts/coccicheck.sh
HERE=$LUO_ROOT/tests/coccinelle
. "$LUO_ROOT/scripts/ktap.sh"

ok()
{
	ktap_result ok "$1"
}

not_ok()
{
	ktap_result fail "$1" "$2"
}

work=$(mktemp -d) || exit 1
trap 'rm -rf "$work" "$KTAP_BODY"' EXIT

# Compares the report lines in $2 for fixture $1 with its expect comments;
# prints what differs, nothing when they agree.
compare()
{
	python3 - "$1" "$2" <<'PY'
import re, sys

fixture, reports = sys.argv[1], sys.argv[2]
want = []
with open(fixture) as f:
	for n, line in enumerate(f, 1):
		for part in line.split("// expect:")[1:]:
			want.append((n, part.strip()))
got = []
with open(reports) as f:
	for line in f:
		m = re.match(r"(.+?):([0-9]+):[0-9]+-[0-9]+: (.*)$", line.rstrip("\n"))
		if m:
			got.append((int(m.group(2)), m.group(3)))
		elif line.strip():
			print("unexpected output: %s" % line.strip())
problems = []
for n, part in want:
	match = [g for g in got if g[0] == n and part in g[1]]
	if match:
		got.remove(match[0])
	else:
		problems.append("line %d not reported with '%s'" % (n, part))
for n, msg in got:
	problems.append("line %d reported: %s" % (n, msg))
print("; ".join(problems))
PY
}

for dir in "$HERE"/*/; do
	rule=$(basename "$dir")
	[ -f "$LUO_ROOT/scripts/coccinelle/liveupdate/$rule.cocci" ] || {
		not_ok "$rule" "no scripts/coccinelle/liveupdate/$rule.cocci"
		continue
	}
	for fixture in "$dir"match_*.c "$dir"nomatch_*.c; do
		[ -f "$fixture" ] || continue
		name=$rule/$(basename "$fixture")
		"$CHECK" COCCI="$rule" "$fixture" >"$work/out" 2>"$work/err"
		rc=$?
		case $(basename "$fixture") in
		match_*) want_rc=1 ;;
		*) want_rc=0 ;;
		esac
		why=$(compare "$fixture" "$work/out")
		if [ -n "$why" ]; then
			not_ok "$name" "$why"
		elif [ $rc -ne $want_rc ]; then
			not_ok "$name" "exit status $rc, not $want_rc: $(head -3 "$work/err" | tr '\n' ' ')"
		else
			ok "$name"
		fi
	done
	for fixture in "$dir"patch_*.c; do
		[ -f "$fixture" ] || continue
		name=$rule/$(basename "$fixture")
		if [ ! -f "$fixture.result" ]; then
			not_ok "$name" "no $(basename "$fixture").result"
			continue
		fi
		"$CHECK" MODE=patch COCCI="$rule" "$fixture" >"$work/diff" 2>"$work/err"
		rc=$?
		if [ $rc -ne 1 ]; then
			not_ok "$name" "patch mode exit status $rc, not 1"
		elif ! patch -s -o "$work/patched.c" "$fixture" <"$work/diff" \
				>"$work/err" 2>&1; then
			not_ok "$name" "the diff does not apply: $(head -1 "$work/err")"
		elif ! diff -u "$fixture.result" "$work/patched.c" >"$work/delta"; then
			not_ok "$name" "patched file differs from the .result: $(sed -n 4,6p "$work/delta" | tr '\n' ' ')"
		else
			ok "$name"
		fi
	done
done

# The runner's exit status, for CI: 2 on usage and tool errors.
"$CHECK" MODE=bogus >/dev/null 2>&1
rc1=$?
"$CHECK" "$work/no-such-path" >/dev/null 2>&1
rc2=$?
"$CHECK" COCCI=no_such_rule >/dev/null 2>&1
rc3=$?
if [ $rc1 -eq 2 ] && [ $rc2 -eq 2 ] && [ $rc3 -eq 2 ]; then
	ok "runner: exit status 2 on usage errors"
else
	not_ok "runner: exit status 2 on usage errors" "got $rc1 $rc2 $rc3"
fi

# The project's own drivers, samples and core: nothing to report.
(cd "$LUO_ROOT" &&
	"$CHECK" samples tests/bench tests/modules kernel) >"$work/out" 2>"$work/err"
rc=$?
if [ $rc -eq 0 ] && [ ! -s "$work/out" ]; then
	ok "project code: no reports"
else
	not_ok "project code: no reports" "exit status $rc: $(head -5 "$work/out" "$work/err" | tr '\n' ' ')"
fi

ktap_end
