# SPDX-License-Identifier: GPL-2.0
#
# KTAP output for the checks written in shell.  Source it, then:
#
#   ktap_result ok|fail NAME [WHY]   one test case
#   ktap_check NAME CMD...           ok when CMD succeeds, else its output
#   ktap_subtest NAME FILE           FILE's KTAP document, nested; ok when
#                                    it is well formed, something passed
#                                    and nothing failed
#   ktap_diag TEXT                   a "# TEXT" line for people
#   ktap_end                         prints the document, plan first, and
#                                    exits 0 when nothing failed
#
# Results are gathered and printed at the end, so that the plan comes first
# and counts them; a check that dies before ktap_end prints no plan, which
# the dispatcher counts as a failure.  Progress goes to stderr meanwhile.

KTAP_BODY=$(mktemp)
KTAP_COUNT=0
KTAP_FAILED=0
trap 'rm -f "$KTAP_BODY"' EXIT

# One line: KTAP names and reasons cannot span lines or hold a '#'.
ktap_oneline()
{
	printf '%s' "$*" | tr '\n\r\t#' '   _' | cut -c1-300
}

ktap_result()
{
	local status=$1 name why

	name=$(ktap_oneline "$2")
	why=$(ktap_oneline "${3:-}")
	KTAP_COUNT=$((KTAP_COUNT + 1))
	if [ "$status" = ok ]; then
		echo "ok $KTAP_COUNT $name" >>"$KTAP_BODY"
		printf '  ok      %s\n' "$name" >&2
	else
		KTAP_FAILED=$((KTAP_FAILED + 1))
		echo "not ok $KTAP_COUNT $name${why:+ # $why}" >>"$KTAP_BODY"
		printf '  FAILED  %s%s\n' "$name" "${why:+: $why}" >&2
	fi
}

ktap_check()
{
	local name=$1 out
	shift

	if out=$("$@" 2>&1); then
		ktap_result ok "$name"
	else
		ktap_result fail "$name" "$out"
	fi
}

ktap_diag()
{
	echo "# $(ktap_oneline "$*")" >>"$KTAP_BODY"
}

ktap_subtest()
{
	local name=$1 file=$2 counts why

	if [ -s "$file" ]; then
		sed 's/^/    /' "$file" >>"$KTAP_BODY"
	fi
	counts=$(python3 "$LUO_ROOT/scripts/ktap.py" count "$file" 2>&1)
	# Nothing failed, and something passed: an empty run tested nothing.
	if [ "${counts#* }" = 0 ] && [ "${counts% *}" -gt 0 ] 2>/dev/null; then
		ktap_result ok "$name"
	else
		why=$(python3 "$LUO_ROOT/scripts/ktap.py" failures "$file" |
			grep -v ': expected failure: ' | head -n 3)
		ktap_result fail "$name" "${why:-no results}"
	fi
}

ktap_end()
{
	echo "KTAP version 1"
	echo "1..$KTAP_COUNT"
	cat "$KTAP_BODY"
	[ "$KTAP_FAILED" -eq 0 ]
	exit
}
