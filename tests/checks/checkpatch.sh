#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check: checkpatch.pl --strict on every C file and header, one case each.

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
		# type after its layout, for LUO_HANDLER() to type callbacks.
		echo MACRO_ARG_REUSE,MACRO_ARG_PRECEDENCE,CAMELCASE,NEW_TYPEDEFS,SPACING ;;
	include/linux/luo_handler/handler.h)
		# FUNCTION_ARGUMENTS: checkpatch reads "__luo_state_p_##x s"
		# as a type without a name.
		echo MACRO_ARG_REUSE,COMPLEX_MACRO,TRAILING_SEMICOLON,FUNCTION_ARGUMENTS ;;
	tools/liveupdate/lvup_file.c)
		# Userspace: zlib's and zstd's names are theirs, and there
		# is no BIT().
		echo CAMELCASE,BIT_MACRO ;;
	tests/liveupdate/ktap.h)
		# Userspace has no compiler_attributes.h: this header gives
		# the kernel's attribute names their definitions.
		echo PREFER_DEFINED_ATTRIBUTE_MACRO ;;
	tools/liveupdate/fuzz_section.c)
		# libFuzzer's entry point has the name libFuzzer gives it.
		echo CAMELCASE ;;
	esac
}

cd "$LUO_ROOT" || exit 1
while read -r file; do
	waiver=$(checkpatch_waiver "$file")
	if out=$("$LUO_KSRC/scripts/checkpatch.pl" --strict --no-tree \
			--terse --no-summary --show-types \
			${waiver:+--ignore "$waiver"} -f "$file" 2>&1); then
		ktap_result ok "$file"
		[ -z "$waiver" ] || ktap_diag "$file: waived $waiver"
	else
		ktap_result fail "$file" "$out"
	fi
done < <(c_sources | grep -v '\.lds\.h$')
ktap_end
