#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run the live update semantic checks of scripts/coccinelle/liveupdate/
# over this repository or any kernel tree.
#
#	scripts/coccicheck.sh [MODE=report|context|org|patch] [COCCI=rule]
#			      [J=jobs] [PATH...]
#
# MODE and COCCI may also come from the environment; MODE defaults to
# report.  COCCI names one rule (a .cocci file, with or without its
# directory); all of them run otherwise, except those that do not support
# MODE.  PATHs are files or directories (default: the repository; the
# fixtures under tests/coccinelle/, tests/build/, tests/kunit/ and
# tests/kit/forgetful/, wrong on purpose, are skipped unless a PATH is inside them).  J=N runs spatch
# with N jobs (default 1).
#
# Reports are printed as the kernel's coccicheck prints them
# (file:line:col-col: message), diffs in context and patch mode, then a
# one-line summary on standard error ("coccicheck: 7 rules, 120 files, no
# report").  Exit status: 0 when nothing was reported, 2 when something
# was, on a usage error, or when spatch failed (the last line of standard
# error tells which).  2 is what make returns for any failed recipe: "make
# coccicheck" and this script give the same status for the same run.
# Only files naming one of a rule's "// Keywords:" are handed to spatch for
# that rule; KEYWORDS=0 hands it every file, to measure false positives.

set -uo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

RULES_DIR=$LUO_ROOT/scripts/coccinelle/liveupdate
MACROS=$RULES_DIR/luo_macros.h
# Code that is wrong on purpose: the rules' own fixtures, the compile-time
# fixtures that must fail to build, the KUnit suites, whose handlers are
# shaped by what each test exercises (some must be refused), and the kit's
# driver that forgets to unregister.  Skipped unless a PATH is inside one
# of them.
FIXTURES=("$LUO_ROOT/tests/coccinelle" "$LUO_ROOT/tests/build"
	  "$LUO_ROOT/tests/kunit" "$LUO_ROOT/tests/kit/forgetful")

usage()
{
	sed -n '/^#\tscripts/,/\[PATH/p' "${BASH_SOURCE[0]}" |
		sed 's/^#\t/usage: /; s/^usage: \t/\t/' >&2
	exit 2
}

MODE=${MODE:-report}
COCCI=${COCCI:-}
J=${J:-1}
paths=()
for arg in "$@"; do
	case $arg in
	MODE=*) MODE=${arg#MODE=} ;;
	COCCI=*) COCCI=${arg#COCCI=} ;;
	J=*) J=${arg#J=} ;;
	-h | --help) usage ;;
	-*) printf 'error: unknown option %s\n' "$arg" >&2; usage ;;
	*) paths+=("$arg") ;;
	esac
done
case $MODE in
report | context | org | patch) ;;
*) printf 'error: MODE must be report, context, org or patch, not %s\n' \
	"$MODE" >&2; exit 2 ;;
esac
[[ $J =~ ^[1-9][0-9]*$ ]] || { echo "error: J must be a number" >&2; exit 2; }
command -v spatch >/dev/null ||
	{ echo "error: spatch not found (Debian package coccinelle)" >&2; exit 2; }

rules=()
if [ -n "$COCCI" ]; then
	for rule in "$COCCI" "$RULES_DIR/$COCCI" "$RULES_DIR/$COCCI.cocci"; do
		[ -f "$rule" ] && { rules=("$rule"); break; }
	done
	[ ${#rules[@]} -eq 1 ] || { echo "error: no rule $COCCI" >&2; exit 2; }
else
	rules=("$RULES_DIR"/*.cocci)
fi
[ ${#paths[@]} -gt 0 ] || paths=("$LUO_ROOT")

work=$(mktemp -d) || exit 2
trap 'rm -rf "$work"' EXIT

for path in "${paths[@]}"; do
	[ -e "$path" ] || { echo "error: no such file: $path" >&2; exit 2; }
done

# One file per group, so that spatch handles each on its own.
for path in "${paths[@]}"; do
	abs=$(realpath "$path")
	prune=(-false)
	for dir in "${FIXTURES[@]}"; do
		case $abs/ in
		"$dir"/*) ;;
		*) prune+=(-o -path "$dir") ;;
		esac
	done
	find "$abs" \( -name .git -o "${prune[@]}" \) -prune -o \
		-type f \( -name '*.c' -o -name '*.h' \) ! -name '*.mod.c' \
		-print
done | sort -u | sed 's/$/\n/' >"$work/files"

found=0 failed=0 ran=0
for rule in "${rules[@]}"; do
	if ! grep -Eq "^virtual[[:space:]]+$MODE\b" "$rule"; then
		printf 'note: %s has no %s mode, skipped\n' \
			"$(basename "$rule")" "$MODE" >&2
		continue
	fi
	ran=$((ran + 1))
	read -ra options < <(sed -n 's|^// Options:||p' "$rule")
	# A file naming none of the rule's keywords cannot match it: spatch
	# is not started on it.
	keywords=$(sed -n 's|^// Keywords:||p' "$rule" | tr -d ' ' | tr ',' '|')
	if [ -n "$keywords" ] && [ "${KEYWORDS:-1}" != 0 ]; then
		grep -v '^$' "$work/files" | tr '\n' '\0' |
			xargs -0 -r grep -lwE -- "$keywords" | sed 's/$/\n/' \
			>"$work/candidates"
	else
		cp "$work/files" "$work/candidates"
	fi
	[ -s "$work/candidates" ] || continue
	extra=()
	case $MODE in
	report | org) extra=(--no-show-diff) ;;
	esac
	spatch -D "$MODE" --very-quiet --timeout 120 --jobs "$J" \
		--sp-file "$rule" --macro-file "$MACROS" \
		-I "$LUO_ROOT/include" "${options[@]}" "${extra[@]}" \
		--file-groups "$work/candidates" >"$work/out" 2>"$work/err"
	rc=$?
	# Only spatch's own failures are errors: it also warns on stderr.
	if [ $rc -ne 0 ] || grep -Eq 'Python failure|parse error|Fatal error' "$work/err"; then
		printf 'error: spatch failed on %s (exit %d):\n' \
			"$(basename "$rule")" "$rc" >&2
		sed 's/^/  /' "$work/err" | head -20 >&2
		failed=1
		continue
	fi
	case $MODE in
	report) sort -u "$work/out" | sort -t: -k1,1 -k2,2n ;;
	org) awk '!seen[$0]++' "$work/out" ;;
	*) cat "$work/out" ;;
	esac >"$work/shown"
	cat "$work/shown"
	n=$(grep -Ec '^([^ :]+:[0-9]+:[0-9]+-[0-9]+: |\* TODO |\+\+\+ )' \
		"$work/shown")
	found=$((found + n))
done

[ $failed -eq 0 ] || exit 2

# "1 rule", "2 rules".
plural()
{
	if [ "$1" -eq 1 ]; then
		printf '%d %s' "$1" "$2"
	else
		printf '%d %ss' "$1" "$2"
	fi
}

nfiles=$(grep -c . "$work/files")
case $MODE in
report) what='report' ;;
org) what='TODO' ;;
*) what='diff' ;;
esac
if [ $found -eq 0 ]; then
	outcome="no $what"
else
	outcome=$(plural $found $what)
fi
printf 'coccicheck: %s, %s, %s\n' "$(plural $ran rule)" \
	"$(plural "$nfiles" file)" "$outcome" >&2
[ $found -eq 0 ] || exit 2
exit 0
