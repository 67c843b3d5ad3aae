#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run the project's checks and print their results as one KTAP document,
# then "N passed, N failed" (test cases, of every kind, in one unit).
#
# Usage: scripts/check.sh [--list] [--stop-on-failure] [CHECK...]
#
# Each check is a script tests/checks/NAME.sh that prints one KTAP document
# on stdout and its progress on stderr; its "# check:" comment says what it
# does, its "# needs:" line which checks build what it uses (they run
# first when selected).  With no CHECK, all run; every check runs even
# after a failure unless --stop-on-failure.  A check that dies, prints no
# plan or prints a count that differs from its plan has failed.
#
# A check marked "# beside: yes" needs no other, only reads the tree and
# writes nothing but its own logs and build directory: such checks run one
# after another in the background, beside the others (which keep one CPU
# of two busy for much of a run: one guest, one kunit.py), their progress
# in their logs only, and are reported last.  Not with --stop-on-failure.
#
# Installs and builds what is missing first (scripts/setup.sh), once.
# Logs: $LUO_CACHE/logs/check-NAME.log (stderr), check-NAME.ktap (stdout),
# beside the checks' own logs; all results in results.ktap and, for CI systems, junit.xml.

set -uo pipefail
. "$(dirname "$0")/lib.sh"

# LUO_CHECKS_DIR and LUO_CHECK_LOGS point elsewhere: the harness's own
# tests run the dispatcher on checks made to fail.
checks_dir=${LUO_CHECKS_DIR:-$LUO_ROOT/tests/checks}

# Every check, in an order where each comes after what it needs.
all_checks()
{
	python3 - "$checks_dir" <<'PY'
import os, re, sys

d = sys.argv[1]
needs = {}
for f in sorted(os.listdir(d)):
    path = os.path.join(d, f)
    if not f.endswith('.sh') or not os.access(path, os.X_OK):
        continue
    text = open(path).read()
    if not re.search(r'^# check: ', text, re.M):
        continue
    m = re.search(r'^# needs: (.*)$', text, re.M)
    needs[f[:-3]] = m.group(1).split() if m else []
done = []
while len(done) < len(needs):
    ready = [c for c in needs if c not in done and
             all(n in done or n not in needs for n in needs[c])]
    if not ready:
        sys.exit('circular "# needs:" among ' +
                 ' '.join(c for c in needs if c not in done))
    done.append(ready[0])
print('\n'.join(done))
PY
}

# The "# check:" comment of a check, on one line.
describe()
{
	awk 'on && (!/^#/ || /^# (needs|beside):/ || /^#$/) { exit }
	     /^# check: / { on = 1; sub(/^# check: /, ""); printf "%s ", $0; next }
	     on { sub(/^# /, ""); printf "%s ", $0 }' "$checks_dir/$1.sh"
}

known_text=$(all_checks) || exit 1
mapfile -t known <<<"$known_text"
[ -n "$known_text" ] || luo_die "no checks under $checks_dir"

stop=0
selected=()
for arg in "$@"; do
	case $arg in
	--list)
		for c in "${known[@]}"; do
			printf '%-14s %s\n' "$c" "$(describe "$c")"
		done
		exit 0
		;;
	--stop-on-failure) stop=1 ;;
	--keep-going) stop=0 ;;
	-*) luo_die "unknown option '$arg'; see the head of $0" ;;
	*)
		[[ " ${known[*]} " == *" $arg "* ]] ||
			luo_die "unknown check '$arg'; --list lists them"
		selected+=("$arg")
		;;
	esac
done
# The selected checks, in the order of all_checks().
run=()
for c in "${known[@]}"; do
	if [ ${#selected[@]} -eq 0 ] || [[ " ${selected[*]} " == *" $c "* ]]; then
		run+=("$c")
	fi
done

# The checks that run beside the others, reported after them.
beside=()
if [ $stop = 0 ] && [ ${#run[@]} -gt 1 ]; then
	main=()
	for c in "${run[@]}"; do
		if grep -qx '# beside: yes' "$checks_dir/$c.sh"; then
			! grep -q '^# needs:' "$checks_dir/$c.sh" ||
				luo_die "$c: a check that runs beside the others needs none"
			beside+=("$c")
		else
			main+=("$c")
		fi
	done
	run=("${main[@]}" "${beside[@]}")
fi

# The 7.x source when the mainline check, or a check that needs it, runs.
setup_args=()
for c in "${run[@]}"; do
	if [ "$c" = mainline ] ||
	   grep -qE '^# needs:.* mainline( |$)' "$checks_dir/$c.sh"; then
		setup_args=(--mainline)
	fi
done
"$LUO_ROOT/scripts/setup.sh" "${setup_args[@]}" >&2 || exit 1
# The accelerator probe once, before checks that boot guests at once.
"$LUO_ROOT/scripts/qemu-accel.sh" >/dev/null || exit 1

logdir=${LUO_CHECK_LOGS:-$LUO_CACHE/logs}
mkdir -p "$logdir"
results=$logdir/results.ktap
export LUO_LOGDIR=$logdir

{
	echo "KTAP version 1"
	echo "1..${#run[@]}"
} | tee "$results"

# run_check NAME [quiet]: run one check; its KTAP in check-NAME.ktap, its
# progress in check-NAME.log (and on stderr unless quiet), its exit status
# and duration in check-NAME.status.
run_check()
{
	local c=$1 t=$SECONDS status

	if [ "${2:-}" = quiet ]; then
		bash "$checks_dir/$c.sh" >"$logdir/check-$c.ktap" \
			2>"$logdir/check-$c.log"
	else
		bash "$checks_dir/$c.sh" >"$logdir/check-$c.ktap" \
			2> >(tee "$logdir/check-$c.log" >&2)
	fi
	status=$?
	echo "$status $((SECONDS - t))" >"$logdir/check-$c.status"
}

for c in "${run[@]}"; do
	rm -f "$logdir/check-$c.status"
done
lane=
if [ ${#beside[@]} -gt 0 ]; then
	printf '==> beside the others: %s (logs: %s)\n' "${beside[*]}" \
		"$logdir/check-NAME.log" >&2
	# In a session of its own, so that leaving early stops all of it, what
	# the checks started included, not only the lane's shell.
	export checks_dir logdir
	export -f run_check
	rm -f "$logdir/beside.sid"
	setsid -w bash -c 'echo $$ >"$logdir/beside.sid"
		for c; do run_check "$c" quiet; done' lane "${beside[@]}" &
	lane=$!
	trap '[ -z "$lane" ] || [ ! -f "$logdir/beside.sid" ] ||
		pkill -s "$(cat "$logdir/beside.sid")" 2>/dev/null' EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
fi

n=0
passed=0
failed=0
failures=()
start=$SECONDS
for c in "${run[@]}"; do
	n=$((n + 1))
	if [[ " ${beside[*]} " == *" $c "* ]]; then
		[ -z "$lane" ] || wait "$lane"
		lane=
		[ -f "$logdir/check-$c.status" ] ||
			echo "1 0" >"$logdir/check-$c.status"
	else
		printf '==> check %s (log: %s)\n' "$c" "$logdir/check-$c.log" >&2
		run_check "$c"
	fi
	read -r status seconds <"$logdir/check-$c.status"
	sed 's/^/    /' "$logdir/check-$c.ktap" | tee -a "$results"
	read -r p f < <(python3 "$LUO_ROOT/scripts/ktap.py" count "$logdir/check-$c.ktap")
	why=
	if [ "$f" -gt 0 ]; then
		why="$f failed"
	elif [ "$status" -ne 0 ]; then
		# Died, or failed with nothing in its KTAP to show for it.
		why="exit status $status with no failed case"
		f=1
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	if [ -z "$why" ]; then
		echo "ok $n $c # $p passed in $seconds s$(
			[[ " ${beside[*]} " != *" $c "* ]] || echo ", beside")" |
			tee -a "$results"
	else
		echo "not ok $n $c # $why" | tee -a "$results"
		while read -r line; do
			failures+=("$c: $line")
		done < <(python3 "$LUO_ROOT/scripts/ktap.py" failures "$logdir/check-$c.ktap" |
			grep -v ': expected failure: ')
		[ "$status" -eq 0 ] || [ "$why" = "${why#exit}" ] ||
			failures+=("$c: $why; see $logdir/check-$c.log")
		[ $stop = 0 ] || break
	fi
done
# Checks never started (--stop-on-failure) are failures too.
while [ $n -lt ${#run[@]} ]; do
	n=$((n + 1))
	echo "not ok $n ${run[$((n - 1))]} # not run: an earlier check failed" |
		tee -a "$results"
	failed=$((failed + 1))
done
python3 "$LUO_ROOT/scripts/ktap.py" junit "$results" "$logdir/junit.xml"

echo "# checks took $((SECONDS - start)) s; logs, results.ktap and junit.xml in $logdir"
for f in "${failures[@]}"; do
	echo "# failed: $f"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
