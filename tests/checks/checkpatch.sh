#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check: checkpatch.pl --strict on every C file and header, one case each.
# beside: yes

set -uo pipefail
. "$(dirname "$0")/lib.sh"

# Linker script headers (*.lds.h) are not C: checkpatch's C rules do not
# apply to them, as to the kernel's own vmlinux.lds.h.
#
# The framework's declaration macros generate definitions, not expressions,
# from identifiers, types and literals: an argument used twice can have no
# side effect, and a list of definitions cannot be parenthesised.  For these
# headers, and only for these message types, checkpatch's expression rules
# are waived; every other rule still applies to them.
checkpatch_waiver()
{
	case $1 in
	include/linux/luo_handler/map.h)
		echo MACRO_ARG_REUSE,MACRO_ARG_UNUSED,COMPLEX_MACRO ;;
	include/linux/luo_handler/layout.h)
		# _Generic is a C11 keyword; the typedefs name the state
		# type after its layout, for LUO_HANDLER() to type callbacks;
		# for sparse, the type checks are 0 and use no argument.
		echo MACRO_ARG_REUSE,MACRO_ARG_PRECEDENCE,MACRO_ARG_UNUSED,CAMELCASE,NEW_TYPEDEFS,SPACING ;;
	include/linux/luo_handler/engine.h)
		# Not exported, EXPORT_SYMBOL_LUO_ENGINE() expands to nothing,
		# as <kunit/visibility.h>'s EXPORT_SYMBOL_IF_KUNIT() does.
		echo MACRO_ARG_UNUSED ;;
	include/linux/luo_handler/handler.h)
		# FUNCTION_ARGUMENTS: checkpatch reads "__luo_state_p_##x s"
		# as a type without a name.  MULTISTATEMENT_MACRO_USE_DO_WHILE:
		# LUO_HANDLER_EXPORTED() defines and exports at file scope,
		# where a do-while cannot go.
		echo MACRO_ARG_REUSE,COMPLEX_MACRO,TRAILING_SEMICOLON,FUNCTION_ARGUMENTS,MULTISTATEMENT_MACRO_USE_DO_WHILE ;;
	include/linux/luo_handler/pin.h)
		# A pin's handler and version are pasted into names.
		echo MACRO_ARG_REUSE ;;
	tests/bench/text/text_fw.c|tests/bench/text/text_hand.c)
		# A type's number is pasted into each of its names.
		echo MACRO_ARG_REUSE ;;
	tools/liveupdate/lvup_file.c)
		# Userspace: libelf's names are its own, and there is no
		# BIT().
		echo CAMELCASE,BIT_MACRO ;;
	tools/liveupdate/lvup_stream.c)
		# zlib's and zstd's names are theirs.
		echo CAMELCASE ;;
	tests/liveupdate/ktap.h)
		# Userspace has no compiler_attributes.h: this header gives
		# the kernel's attribute names their definitions.
		echo PREFER_DEFINED_ATTRIBUTE_MACRO ;;
	tools/liveupdate/fuzz_section.c)
		# libFuzzer's entry point has the name libFuzzer gives it.
		echo CAMELCASE ;;
	esac
}

# checkpatch_one I FILE: checkpatch's report on FILE in $work/I.out, its
# exit status in $work/I.rc.
checkpatch_one()
{
	local i=$1 file=$2 waiver

	waiver=$(checkpatch_waiver "$file")
	"$LUO_KSRC/scripts/checkpatch.pl" --strict --no-tree --terse \
		--no-summary --show-types ${waiver:+--ignore "$waiver"} \
		-f "$file" >"$work/$i.out" 2>&1
	echo $? >"$work/$i.rc"
}

cd "$LUO_ROOT" || exit 1
work=$(mktemp -d)
trap 'rm -rf "$work" "$KTAP_BODY"' EXIT
mapfile -t files < <(c_sources | grep -v '\.lds\.h$')

# checkpatch writes its cache of the tree's CamelCase names
# (.checkpatch-camelcase.git.*) at the first CamelCase name it meets, when
# there is none: have one written before the runs side by side, none of
# which must read it half written.
printf '%s\n' '// SPDX-License-Identifier: GPL-2.0' 'int SeedCamelCase;' \
	>"$work/seed.c"
"$LUO_KSRC/scripts/checkpatch.pl" --strict --no-tree --terse -f "$work/seed.c" \
	>/dev/null 2>&1

# One checkpatch per CPU job; the results in the files' order.
for i in "${!files[@]}"; do
	while [ "$(jobs -rp | wc -l)" -ge "$cpu_jobs" ]; do
		wait -n
	done
	checkpatch_one "$i" "${files[$i]}" &
done
wait
for i in "${!files[@]}"; do
	file=${files[$i]}
	waiver=$(checkpatch_waiver "$file")
	if [ "$(cat "$work/$i.rc")" = 0 ]; then
		ktap_result ok "$file"
		[ -z "$waiver" ] || ktap_diag "$file: waived $waiver"
	else
		ktap_result fail "$file" "$(cat "$work/$i.out")"
	fi
done
ktap_end
