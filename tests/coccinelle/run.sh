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
# Then checks that the runner's exit status follows its contract, the same
# through "make coccicheck" as when it is run directly, that a clean run
# ends with its one-line summary, and that the project's own code is clean.
# Prints one KTAP document, a test case per check; exits 1 when a check
# failed.

set -uo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"

CHECK=$LUO_ROOT/scripts/coccicheck.sh
# The runner reads these from the environment: the checks below set them.
unset MODE COCCI KEYWORDS J
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
		match_*) want_rc=2 ;;
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
		if [ $rc -ne 2 ]; then
			not_ok "$name" "patch mode exit status $rc, not 2"
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

# The same run through make and directly: the same exit status, the same
# reports; 2 on a report (what make returns for any failed recipe), 0 on a
# clean run, which ends with its summary on standard error.
summary='^coccicheck: 1 rule, 1 file, no report$'
for run in "report:handler_registration/match_two_handlers.c:2" \
	   "clean run:handler_registration/nomatch_two_handlers.c:0"; do
	IFS=: read -r what fixture want_rc <<<"$run"
	rule=${fixture%%/*}
	"$CHECK" COCCI="$rule" "$HERE/$fixture" >"$work/direct" 2>"$work/err"
	rc_direct=$?
	make -s --no-print-directory -C "$LUO_ROOT" coccicheck COCCI="$rule" M="$HERE/$fixture" \
		>"$work/make" 2>"$work/make-err"
	rc_make=$?
	name="runner: exit status $want_rc on a $what, directly and through make"
	if [ $rc_direct -ne "$want_rc" ] || [ $rc_make -ne "$want_rc" ]; then
		not_ok "$name" "direct $rc_direct, make $rc_make"
	elif ! cmp -s "$work/direct" "$work/make"; then
		not_ok "$name" "make's output differs: $(diff "$work/direct" "$work/make" | head -3 | tr '\n' ' ')"
	else
		ok "$name"
	fi
	if [ "$want_rc" -eq 0 ]; then
		name="runner: a clean run prints its summary"
		last=$(tail -1 "$work/err")
		if [ -s "$work/direct" ]; then
			not_ok "$name" "output on a clean run: $(head -1 "$work/direct")"
		elif ! grep -Eq "$summary" <<<"$last"; then
			not_ok "$name" "last line of standard error: '$last'"
		elif [ "$(grep -c '^coccicheck:' "$work/err")" -ne 1 ]; then
			not_ok "$name" "more than one summary line"
		else
			ok "$name"
		fi
	fi
done

# The project's own code, the whole repository as the runner sees it by
# default (its fixtures, wrong on purpose, left out): nothing to report.
(cd "$LUO_ROOT" && "$CHECK") >"$work/out" 2>"$work/err"
rc=$?
if [ $rc -eq 0 ] && [ ! -s "$work/out" ] &&
		tail -1 "$work/err" | grep -Eq '^coccicheck: [0-9]+ rules, [0-9]+ files, no report$'; then
	ok "project code: no reports"
else
	not_ok "project code: no reports" "exit status $rc: $(head -5 "$work/out" "$work/err" | tr '\n' ' ')"
fi

# The kit's module that forgets to unregister its handler (a mistake the
# end-to-end checks unload): named as a PATH, it is reported.
(cd "$LUO_ROOT" && "$CHECK" COCCI=handler_registration tests/kit/forgetful) \
	>"$work/out" 2>"$work/err"
rc=$?
if [ $rc -eq 2 ] && grep -q 'forgetful_handler' "$work/out"; then
	ok "the kit's forgetful driver is reported"
else
	not_ok "the kit's forgetful driver is reported" "exit status $rc: $(head -3 "$work/out" "$work/err" | tr '\n' ' ')"
fi

ktap_end
