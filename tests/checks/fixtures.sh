#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check: the compile-time fixtures under tests/build (each compiles, or is
# refused with the message its "// expect:" line names; one that compiles
# has its section's header first, and does not build without the link step
# that writes it), the section of a module whose handlers are in two
# objects, and a module with an engine of its own (once; twice must not
# link).
# beside: yes

set -uo pipefail
. "$(dirname "$0")/lib.sh"

# A fixture that builds, linked the way every module must be: one header,
# first.  Built without the section's link step, the same fixture must be
# stopped by modpost, which names the fix.
fixture_section()
{
	local name=$1 kdir=$2 log=$logdir/fixture-$1-unlinked.log

	check_section "$name-section" "$LUO_ROOT/tests/build/$name.ko"
	make -C "$kdir" M="$LUO_ROOT/tests/build" LUO_CASE="$name" \
		LUO_UNLINKED=1 >"$log" 2>&1
	if [ $? -ne 0 ] && grep -aq \
		'"luo_module_not_linked_with_scripts_Makefile_luo_handler" .* undefined!' "$log"; then
		ktap_result ok "$name-unlinked-refused"
	else
		ktap_result fail "$name-unlinked-refused" "should not build, see $log"
	fi
}

# Handlers in two objects of one module: one header, first, all entries.
fixture_multi_object()
{
	local kdir=$1 dir=$LUO_ROOT/tests/build/multi-object
	local log=$logdir/fixture-multi-object.log

	if make -C "$kdir" M="$dir" W=1 >"$log" 2>&1 &&
	   ! grep -aq 'warning:' "$log"; then
		ktap_result ok multi-object-builds
		check_section multi-object-section "$dir/luo_two_objects.ko" \
			luo-fixture-a-v1 luo-fixture-b-v2 luo-fixture-c-v3
	else
		ktap_result fail multi-object-builds "see $log"
	fi
	make -C "$kdir" M="$dir" clean >/dev/null 2>&1
}

# A module carrying its own engine: its handler's glue resolves inside it,
# nothing of the engine is left for the kernel to provide; a second copy
# in the same module fails to link.  The stock kernel has no core, so
# modpost only warns about the orchestrator's own symbols.
fixture_engine_own()
{
	local kdir=$1 dir=$LUO_ROOT/tests/build/engine-own out
	local log=$logdir/fixture-engine-own.log

	if make -C "$kdir" M="$dir" W=1 KBUILD_MODPOST_WARN=1 >"$log" 2>&1 &&
	   ! grep -aq 'warning:' "$log"; then
		ktap_result ok engine-own-builds
		out=$(nm "$dir/luo_engine_own.ko" | awk '$2 == "T" { print $3 }' |
		      grep -cxE 'luo_glue_preserve|luo_glue_retrieve|luo_handler_register|luo_decode')
		if [ "$out" -eq 4 ] && ! nm -u "$dir/luo_engine_own.ko" |
				grep -qE ' (luo_glue_|luo_handler_register|luo_decode)'; then
			ktap_result ok engine-own-is-inside
		else
			ktap_result fail engine-own-is-inside \
				"$(nm "$dir/luo_engine_own.ko" | grep -E 'luo_(glue|handler_reg|decode)')"
		fi
	else
		ktap_result fail engine-own-builds "see $log"
	fi
	make -C "$kdir" M="$dir" clean >/dev/null 2>&1
	if ! make -C "$kdir" M="$dir" W=1 KBUILD_MODPOST_WARN=1 \
			LUO_ENGINE_TWICE=y >"$log.twice" 2>&1 &&
	   grep -aq 'multiple definition of .luo_' "$log.twice"; then
		ktap_result ok engine-twice-refused
	else
		ktap_result fail engine-twice-refused "should not link, see $log.twice"
	fi
	make -C "$kdir" M="$dir" clean >/dev/null 2>&1
}

# The five-minute example of framework.rst, every literal block of it in
# order, is a whole driver: built out of tree with the kit, with W=1 and no
# warning, it has an exit path and lists its version.  The core's symbols
# are not needed to compile it: modpost only warns of them here.
fixture_doc_example()
{
	local kdir=$1 dir=$LUO_CACHE/build/doc-example
	local log=$logdir/fixture-doc-example.log

	rm -rf "$dir"
	mkdir -p "$dir"
	python3 - "$LUO_ROOT/Documentation/liveupdate/framework.rst" \
		>"$dir/counter.c" <<'PY'
import sys
text = open(sys.argv[1]).read()
start = text.index("A handler in five minutes")
lines = text[start:text.index("That is the whole driver.", start)]
print("// SPDX-License-Identifier: GPL-2.0")
block = False
for line in lines.split("\n"):
    if block and (line.startswith("\t") or not line):
        print(line[1:])
        continue
    block = line.endswith("::")
PY
	printf 'obj-m := counter.o\n\ninclude $(LUO_HANDLER)/scripts/Makefile.luo_handler\n' \
		>"$dir/Kbuild"
	if make -C "$kdir" M="$dir" LUO_HANDLER="$LUO_ROOT" W=1 \
			LUO_SYMVERS=/dev/null KBUILD_MODPOST_WARN=1 >"$log" 2>&1 &&
	   ! grep -aq 'warning:' "$log" &&
	   grep -q '^module_exit(' "$dir/counter.c" &&
	   grep -q 'luo_handler_unregister(' "$dir/counter.c" &&
	   grep -q 'anon_inode_getfile(' "$dir/counter.c"; then
		ktap_result ok doc-example-builds
		check_section doc-example-section "$dir/counter.ko" counter-v1
	else
		ktap_result fail doc-example-builds "see $log and $dir/counter.c"
	fi
}

# The kit without the core's symbols says what to run; a module that names
# itself among its objects (foo-y := foo.o) builds with its header.
fixture_kit()
{
	local kdir=$1 dir=$LUO_CACHE/build/kit-fixture
	local log=$logdir/fixture-kit.log

	rm -rf "$dir"
	cp -r "$LUO_ROOT/tests/kit/forgetful" "$dir"
	if ! make -C "$dir" KDIR="$kdir" LUO_HANDLER="$LUO_ROOT" \
			LUO_SYMVERS=/nonexistent >"$log" 2>&1 &&
	   grep -aq 'needs the live update core (liveupdate.ko), and /nonexistent does not list it: run "make -C' "$log"; then
		ktap_result ok kit-without-core-symbols-refused
	else
		ktap_result fail kit-without-core-symbols-refused "see $log"
	fi
	sed -i 's/^obj-m := luo_forgetful.o$/&\nluo_forgetful-y := luo_forgetful.o/' \
		"$dir/Kbuild"
	if make -C "$dir" KDIR="$kdir" LUO_HANDLER="$LUO_ROOT" W=1 \
			LUO_SYMVERS=/dev/null KBUILD_MODPOST_WARN=1 >"$log.self" 2>&1 &&
	   ! grep -aq 'warning:' "$log.self"; then
		ktap_result ok kit-module-named-in-its-objects
		check_section kit-module-named-in-its-objects-section \
			"$dir/luo_forgetful.ko" luo-forgetful-v1
	else
		ktap_result fail kit-module-named-in-its-objects "see $log.self"
	fi
}

kdir=$(luo_stock_kdir)
for src in "$LUO_ROOT"/tests/build/*.c; do
	name=$(basename "$src" .c)
	expect=$(sed -n 's|^// expect: ||p' "$src")
	log=$logdir/fixture-$name.log
	make -C "$kdir" M="$LUO_ROOT/tests/build" LUO_CASE="$name" >"$log" 2>&1
	out=$?
	if [ "$expect" = ok ]; then
		if [ $out -eq 0 ] && ! grep -aq 'warning:' "$log"; then
			ktap_result ok "$name-compiles"
		else
			ktap_result fail "$name-compiles" "see $log"
		fi
		fixture_section "$name" "$kdir"
	elif [ $out -ne 0 ] && grep -aqF "$expect" "$log"; then
		ktap_result ok "$name-refused"
		ktap_diag "$name: $expect"
	else
		ktap_result fail "$name-refused" "should fail with '$expect', see $log"
	fi
done
make -C "$kdir" M="$LUO_ROOT/tests/build" LUO_CASE=none clean >/dev/null 2>&1
fixture_multi_object "$kdir"
fixture_engine_own "$kdir"
fixture_doc_example "$kdir"
fixture_kit "$kdir"
ktap_end
