#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run every check of the project and print "N passed, N failed" last.
#
# Usage: scripts/check.sh [CHECK...]
#
# CHECKs (default: all, in this order):
#   kunit-um      KUnit suites on UML (kunit.py)
#   kunit-x86_64  KUnit suites on x86_64 under QEMU (kunit.py), debug kernel:
#                 KASAN, lockdep, UBSAN, kmemleak; any splat fails
#   debug-boot    the same kernel booted with a userspace: sysfs, kmemleak
#   stock         out-of-tree build against the stock Debian 6.12 headers
#                 (W=1, no warning), its section, and the module on the
#                 stock kernel under QEMU
#   uapi          /dev/liveupdate from userspace across a real kexec of the
#                 stock kernel under QEMU (needs the stock check's modules)
#   e2e           live updates with the samples under QEMU, nine scenarios
#                 (scripts/e2e.sh; the last kexecs into the kunit-x86_64
#                 check's kernel)
#   sparse        sparse (C=2) on every kernel-side file
#   fixtures      compile-time fixtures under tests/build, and the section
#                 of a module whose handlers are in two objects
#   tools         luo-versions: crafted ELF fixtures, both end-to-end
#                 kernels checked against each other (needs the stock and
#                 kunit-x86_64 checks' builds), then a fuzz run of its reader
#                 (LUO_FUZZ_SECONDS, default 60)
#   coccinelle    scripts/coccinelle rules against their fixtures (must and
#                 must not match, patch mode's output), the runner's exit
#                 status, and no report on the project's own code
#   bench         a quick run of the benchmark (scripts/bench.sh --quick):
#                 it builds, runs and prints every item; figures, not goals
#   checkpatch    checkpatch.pl --strict on every C file and header
#   kernel-doc    kernel-doc -Wall on every C file and header
#
# Exits non-zero when anything failed.  Installs and builds what is missing
# first (scripts/setup.sh).  Build outputs go to $LUO_CACHE.

set -uo pipefail
. "$(dirname "$0")/lib.sh"

"$LUO_ROOT/scripts/setup.sh" || exit 1

passed=0
failed=0
failures=()
logdir=$LUO_CACHE/logs
mkdir -p "$logdir"

pass()
{
	passed=$((passed + 1))
	printf 'ok      %s\n' "$1"
}

fail()
{
	failed=$((failed + 1))
	failures+=("$1")
	printf 'FAILED  %s%s\n' "$1" "${2:+: $2}"
}

# Record a KUnit run from kunit.py's closing line, e.g.
# "Testing complete. Ran 32 tests: passed: 31, failed: 1"
kunit_counts()
{
	local name=$1 log=$2 line n

	line=$(grep -a 'Testing complete\. Ran' "$log" | tail -n 1)
	if [ -z "$line" ]; then
		fail "$name" "no KUnit result; see $log"
		return
	fi
	printf '        %s\n' "${line#*] }"
	n=$(sed -n 's/.*passed: \([0-9]*\).*/\1/p' <<<"$line")
	passed=$((passed + ${n:-0}))
	for what in failed crashed skipped errors; do
		n=$(sed -n "s/.*$what: \([0-9]*\).*/\1/p" <<<"$line")
		# A skipped test did not run: it does not count as passed.
		[ -n "$n" ] && [ "$n" -gt 0 ] && fail "$name: $n $what"
	done
}

# Kernel reports that fail a run even when every test passed.
splat_re='BUG:|WARNING:|UBSAN:|KASAN|Oops|Kernel panic|possible circular|possible recursive|inconsistent lock|suspicious RCU|kmemleak: .*new suspected'

no_splat()
{
	local name=$1 log=$2 hits

	if [ ! -s "$log" ]; then
		fail "$name" "no kernel log at $log"
		return
	fi
	hits=$(grep -aE "$splat_re" "$log" | head -n 5)
	if [ -n "$hits" ]; then
		fail "$name" "kernel reported: $hits"
	else
		pass "$name"
	fi
}

kunit_run()
{
	local arch=$1 log=$logdir/kunit-$1.log
	local args=(--kunitconfig=luo_handler/tests/kunit)

	[ "$arch" = x86_64 ] &&
		args+=(--arch=x86_64 --kunitconfig=luo_handler/tests/kunit/debug.config)
	mkdir -p "$LUO_CACHE/build"
	# A build that fails leaves the last run's kernel log: never read it.
	rm -f "$LUO_CACHE/build/kunit-$arch/test.log"
	luo_log "KUnit on $arch (log: $log)"
	(cd "$LUO_KSRC" &&
	 python3 tools/testing/kunit/kunit.py run "${args[@]}" \
		--build_dir="$LUO_CACHE/build/kunit-$arch" --jobs="$(nproc)") \
		>"$log" 2>&1
	kunit_counts "kunit-$arch" "$log"
	no_splat "kunit-$arch: no kernel splat" "$LUO_CACHE/build/kunit-$arch/test.log"
}

# Turn the "luo-test: ok|not ok NAME" lines of a guest into results.
guest_results()
{
	local prefix=$1 log=$2 line

	while read -r line; do
		case $line in
		"luo-test: ok "*) pass "$prefix: ${line#luo-test: ok }" ;;
		"luo-test: not ok "*) fail "$prefix: ${line#luo-test: not ok }" ;;
		esac
	done < <(tr -d '\r' <"$log" | grep -ao 'luo-test: .*')
	grep -aq 'luo-test: done' "$log" ||
		fail "$prefix: guest did not finish" "see $log"
}

check_kunit_um()
{
	kunit_run um
}

check_kunit_x86_64()
{
	kunit_run x86_64
	check_section "kunit-x86_64: vmlinux section" \
		"$LUO_CACHE/build/kunit-x86_64/vmlinux" \
		luo-image-v1 luo-test-section-v7 fw-child-v2 fw-child-v1
}

check_debug_boot()
{
	local bzimage=$LUO_CACHE/build/kunit-x86_64/arch/x86/boot/bzImage
	local initrd=$LUO_CACHE/build/debug-boot.cpio.gz
	local log=$logdir/debug-boot.log

	[ -f "$bzimage" ] || { fail debug-boot "no $bzimage"; return; }
	luo_log "booting the debug kernel with a userspace (log: $log)"
	"$LUO_ROOT/scripts/initramfs.sh" "$initrd" \
		"$LUO_ROOT/tests/qemu/debug-kernel.sh"
	"$LUO_ROOT/scripts/qemu.sh" "$bzimage" "$initrd" "$log" \
		kunit.enable=1 rdinit=/init ||
		fail "debug-boot: QEMU" "exit status $?"
	guest_results debug-boot "$log"
	no_splat "debug-boot: no kernel splat" "$log"
}

# A section that is missing, out of order or malformed fails.
check_section()
{
	local name=$1 file=$2 out
	shift 2

	if out=$(python3 "$LUO_ROOT/tests/tools/check-versions-section.py" \
			"$file" "$@" 2>&1); then
		pass "$name"
		printf '        %s\n' "${out#"$LUO_CACHE"/}"
	else
		fail "$name" "$out"
	fi
}

oot_build()
{
	local kdir=$1 log=$2
	shift 2

	make -C "$kdir" M="$LUO_ROOT" "$@" >"$log" 2>&1
}

check_stock()
{
	local kdir log=$logdir/stock-build.log warnings
	local initrd=$LUO_CACHE/build/stock-modules.cpio.gz

	kdir=$(luo_stock_kdir)
	luo_log "out-of-tree build against $kdir (log: $log)"
	if ! oot_build "$kdir" "$log" W=1; then
		fail "stock: out-of-tree build" "see $log"
		return
	fi
	warnings=$(grep -a -c 'warning:' "$log")
	if [ "$warnings" -eq 0 ]; then
		pass "stock: out-of-tree build, W=1, no warnings"
	else
		fail "stock: out-of-tree build" "$warnings warning(s), see $log"
	fi
	check_section "stock: liveupdate.ko section" \
		"$LUO_ROOT/kernel/liveupdate/liveupdate.ko" luo-image-v1
	check_section "stock: luo_sample_counter.ko section" \
		"$LUO_ROOT/samples/liveupdate/luo_sample_counter.ko" \
		sample-counter-v1
	check_section "stock: luo_sample_vm.ko section" \
		"$LUO_ROOT/samples/liveupdate/luo_sample_vm.ko" \
		sample-vm-v1 sample-vcpu-v1
	check_section "stock: luo_sample_note.ko section" \
		"$LUO_ROOT/samples/liveupdate/luo_sample_note.ko" \
		sample-note-v2 sample-note-v1
	check_section "stock: luo_sample_note_v1.ko section" \
		"$LUO_ROOT/samples/liveupdate/luo_sample_note_v1.ko" \
		sample-note-v1
	check_section "stock: luo_sample_memfd.ko section" \
		"$LUO_ROOT/samples/liveupdate/luo_sample_memfd.ko" \
		sample-memfd-v1
	check_section "stock: luo_bench.ko section" \
		"$LUO_ROOT/tests/bench/luo_bench.ko" glue-vcpu-fw-v2 \
		glue-vcpu-fw-v1 glue-vm-fw-v1 glue-vcpu-hand-v2
	glue_size

	luo_log "loading it on the stock kernel under QEMU"
	"$LUO_ROOT/scripts/initramfs.sh" "$initrd" \
		"$LUO_ROOT/tests/qemu/stock-modules.sh" \
		"$LUO_ROOT/kernel/liveupdate/liveupdate.ko" \
		"$LUO_ROOT"/samples/liveupdate/luo_sample_{counter,vm}.ko
	"$LUO_ROOT/scripts/qemu.sh" "$(luo_stock_vmlinuz)" "$initrd" \
		"$logdir/stock-boot.log" rdinit=/init ||
		fail "stock: QEMU" "exit status $?"
	guest_results stock "$logdir/stock-boot.log"
	no_splat "stock: no kernel splat" "$logdir/stock-boot.log"
}

# The .text of the same two handlers, generated and hand-written: a figure,
# not a pass or a fail.
glue_size()
{
	local o text

	for o in glue_vcpu_fw glue_vcpu_hand; do
		text=$(size -A "$LUO_ROOT/tests/bench/$o.o" |
			awk '$1 == ".text" { print $2 }')
		printf '        %s.o: .text %s bytes\n' "$o" "$text"
	done
}

# /dev/liveupdate from userspace, across a real kexec of the stock kernel:
# bad inputs with their errnos on both sides, then the files restored.
check_uapi()
{
	local build=$LUO_CACHE/build/uapi log f mode
	local region=4M@0x30000000 memmap='memmap=4M$0x30000000'
	local modules=("$LUO_ROOT/kernel/liveupdate/liveupdate.ko"
		       "$LUO_ROOT/tests/modules/luo_testdev.ko")

	for f in "${modules[@]}"; do
		[ -f "$f" ] || { fail uapi "no $f: run the stock check first"; return; }
	done
	mkdir -p "$build"
	for f in luo_uapi_test kexec_file; do
		if ! gcc -static -O2 -Wall -Werror -I"$LUO_ROOT/include/uapi" \
			-o "$build/$f" "$LUO_ROOT/tests/uapi/$f.c" \
			>"$logdir/uapi-$f.log" 2>&1; then
			fail "uapi: build $f" "see $logdir/uapi-$f.log"
			return
		fi
	done
	"$LUO_ROOT/scripts/initramfs.sh" "$build/after.cpio.gz" \
		"$LUO_ROOT/tests/qemu/uapi-after.sh" "${modules[@]}" \
		"$build/luo_uapi_test"
	cp "$(luo_stock_vmlinuz)" "$build/vmlinuz"
	"$LUO_ROOT/scripts/initramfs.sh" "$build/before.cpio.gz" \
		"$LUO_ROOT/tests/qemu/uapi-before.sh" "${modules[@]}" \
		"$build/luo_uapi_test" "$build/kexec_file" "$build/vmlinuz" \
		"$build/after.cpio.gz"

	# Frozen explicitly, by the kexec, and failing to freeze at the kexec.
	for mode in sysfs notifier doomed; do
		log=$logdir/uapi-$mode.log
		luo_log "userspace test across a kexec, freeze: $mode (log: $log)"
		"$LUO_ROOT/scripts/qemu.sh" "$(luo_stock_vmlinuz)" \
			"$build/before.cpio.gz" "$log" rdinit=/init "$memmap" \
			"luo_region=$region" "luo_mode=$mode" ||
			fail "uapi-$mode: QEMU" "exit status $?"
		guest_results "uapi-$mode" "$log"
		no_splat "uapi-$mode: no kernel splat" "$log"
	done
}

# Each scenario: its guests' checks, both kernels' consoles free of
# splats, and the scenario as a whole.
e2e_scenarios=(demo out-of-order upgrade rollback corrupt failed-freeze
	       no-sessions missing-module to-debug-kernel)

# A guest that dies early prints no "not ok": require its last check.
e2e_reached_end()
{
	local s=$1 log=$2 last=restore-complete

	case $s in
	corrupt | no-sessions) last=new-session-works ;;
	esac
	tr -d '\r' <"$log" | grep -aq "^luo-test: ok $last\$" ||
		fail "e2e-$s: the restore did not get to '$last'" "see $log"
}

check_e2e()
{
	local s log before log_prepare=$logdir/e2e-prepare.log

	luo_log "end-to-end: building (log: $log_prepare)"
	if ! "$LUO_ROOT/scripts/e2e.sh" prepare debug >"$log_prepare" 2>&1; then
		fail "e2e: prepare" "$(tail -n 3 "$log_prepare")"
		return
	fi
	for s in "${e2e_scenarios[@]}"; do
		log=$logdir/e2e-$s.log
		before=$failed
		luo_log "end-to-end scenario $s (log: $log)"
		"$LUO_ROOT/scripts/e2e.sh" run "$s" "$log" ||
			fail "e2e-$s: QEMU" "exit status $?"
		guest_results "e2e-$s" "$log"
		e2e_reached_end "$s" "$log"
		no_splat "e2e-$s: no kernel splat" "$log"
		if [ "$failed" -eq "$before" ]; then
			pass "e2e-$s: scenario"
		fi
	done
}

# Coccinelle rules against their fixtures, and the project's code clean.
check_coccinelle()
{
	local log=$logdir/coccinelle.log

	luo_log "coccinelle fixtures (log: $log)"
	"$LUO_ROOT/tests/coccinelle/run.sh" >"$log" 2>&1
	guest_results coccinelle "$log"
}

# The benchmark builds, boots and reports every item; its figures are not
# judged here (no timed assertion), only that it produced them.
check_bench()
{
	local log=$logdir/bench-quick.log out=$LUO_CACHE/bench-quick item

	luo_log "benchmark, quick run (log: $log)"
	rm -f "$out/bench.txt"
	if ! LUO_BENCH_OUT=$out "$LUO_ROOT/scripts/bench.sh" --quick \
			>"$log" 2>&1; then
		fail "bench: quick run" "$(tail -n 3 "$log")"
		return
	fi
	for item in 1 2 3 4; do
		if grep -q "^Item $item\." "$out/bench.txt" 2>/dev/null; then
			pass "bench: quick run reports item $item"
		else
			fail "bench: quick run reports item $item" "see $log"
		fi
	done
}

check_sparse()
{
	local log=$logdir/sparse.log reports

	luo_log "sparse (C=2) against the stock headers (log: $log)"
	if ! oot_build "$(luo_stock_kdir)" "$log" C=2 CHECK=sparse; then
		fail sparse "build failed, see $log"
		return
	fi
	reports=$(grep -aE "^$LUO_ROOT/.*: (warning|error):" "$log")
	if [ -z "$reports" ]; then
		pass "sparse: no report on our files"
	else
		fail sparse "$reports"
	fi
}

check_fixtures()
{
	local src expect log kdir out

	kdir=$(luo_stock_kdir)
	for src in "$LUO_ROOT"/tests/build/*.c; do
		name=$(basename "$src" .c)
		expect=$(sed -n 's|^// expect: ||p' "$src")
		log=$logdir/fixture-$name.log
		make -C "$kdir" M="$LUO_ROOT/tests/build" LUO_CASE="$name" \
			>"$log" 2>&1
		out=$?
		if [ "$expect" = ok ]; then
			[ $out -eq 0 ] && ! grep -aq 'warning:' "$log" &&
				pass "fixture $name: compiles" ||
				fail "fixture $name: should compile" "see $log"
			fixture_without_header "$name"
		elif [ $out -ne 0 ] && grep -aqF "$expect" "$log"; then
			pass "fixture $name: refused ($expect)"
		else
			fail "fixture $name: should fail with '$expect'" "see $log"
		fi
	done
	make -C "$kdir" M="$LUO_ROOT/tests/build" LUO_CASE=none clean \
		>/dev/null 2>&1
	fixture_multi_object "$kdir"
}

# tests/build/ links its single-object fixtures without
# scripts/Makefile.liveupdate: their entries have no header in front, and
# the section check must say so.
fixture_without_header()
{
	local ko=$LUO_ROOT/tests/build/$1.ko out

	if out=$(python3 "$LUO_ROOT/tests/tools/check-versions-section.py" \
			"$ko" 2>&1); then
		fail "fixture $1: section without a header went unnoticed" "$out"
	elif grep -q 'header is not first' <<<"$out"; then
		pass "fixture $1: section without a header detected"
	else
		fail "fixture $1: section check" "$out"
	fi
}

# Handlers in two objects of one module: one header, first, all entries.
fixture_multi_object()
{
	local kdir=$1 dir=$LUO_ROOT/tests/build/multi-object
	local log=$logdir/fixture-multi-object.log

	if make -C "$kdir" M="$dir" W=1 >"$log" 2>&1 &&
	   ! grep -aq 'warning:' "$log"; then
		pass "fixture multi-object: builds"
		check_section "fixture multi-object: section" \
			"$dir/luo_two_objects.ko" \
			luo-fixture-a-v1 luo-fixture-b-v2 luo-fixture-c-v3
	else
		fail "fixture multi-object: build" "see $log"
	fi
	make -C "$kdir" M="$dir" clean >/dev/null 2>&1
}

# Every C file and header of the project, tracked or new, but the inputs
# of the Coccinelle checks: its macro file, and fixtures written to be
# reported.
c_sources()
{
	(cd "$LUO_ROOT" && git ls-files -co --exclude-standard -- '*.c' '*.h' |
		grep -v -e '^scripts/coccinelle/' -e '^tests/coccinelle/' | sort)
}

# tools/liveupdate/luo-versions: its tests (fixtures crafted with objcopy,
# the two kernels of the end-to-end tests both ways), then a bounded fuzz
# run of its section reader.
check_tools()
{
	local dir=$LUO_ROOT/tools/liveupdate work=$LUO_CACHE/build/tools
	local log=$logdir/tools.log line corpus f

	luo_log "luo-versions: build and tests (log: $log)"
	if ! make -C "$dir" >"$log" 2>&1; then
		fail "tools: build luo-versions" "see $log"
		return
	fi
	while read -r line; do
		case $line in
		ok\ *)	pass "tools: ${line#ok }" ;;
		*)	fail "tools: ${line#FAIL }" ;;
		esac
	done < <("$LUO_ROOT/tests/tools/luo-versions-test.sh" "$dir/luo-versions" \
			"$work" "$LUO_CACHE/build/kunit-x86_64/vmlinux")

	luo_log "luo-versions: fuzzing the section reader for ${LUO_FUZZ_SECONDS:-60} s"
	if ! make -C "$dir" fuzz >>"$log" 2>&1; then
		fail "tools: build fuzz-section" "see $log"
		return
	fi
	corpus=$work/corpus
	mkdir -p "$corpus"
	for f in "$work"/fixtures/*.ko*; do
		{ printf '\0'; cat "$f"; } >"$corpus/file-${f##*/}"
	done
	for f in "$work"/fixtures/sections/*.bin; do
		{ printf '\1'; cat "$f"; } >"$corpus/section-${f##*/}"
	done
	if (cd "$work" && "$dir/fuzz-section" "$corpus" -seed=1 \
			-max_total_time="${LUO_FUZZ_SECONDS:-60}" \
			-rss_limit_mb=2048 >>"$log" 2>&1); then
		pass "tools: fuzz-section, $(grep -ao 'Done [0-9]* runs' "$log" | tail -1)"
	else
		fail "tools: fuzz-section found a failure" "see $log"
	fi
}

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
	tools/liveupdate/fuzz_section.c)
		# libFuzzer's entry point has the name libFuzzer gives it.
		echo CAMELCASE ;;
	esac
}

check_checkpatch()
{
	local file out waiver

	while read -r file; do
		waiver=$(checkpatch_waiver "$file")
		if out=$("$LUO_KSRC/scripts/checkpatch.pl" --strict --no-tree \
				--terse --no-summary --show-types \
				${waiver:+--ignore "$waiver"} -f "$file" 2>&1); then
			pass "checkpatch $file${waiver:+ (waived: $waiver)}"
		else
			fail "checkpatch $file" "$out"
		fi
	done < <(c_sources | grep -v '\.lds\.h$')
}

# kernel-doc comments that are malformed or miss a parameter.
check_kernel_doc()
{
	local file out

	while read -r file; do
		out=$("$LUO_KSRC/scripts/kernel-doc" -Wall -none "$file" 2>&1)
		if [ -z "$out" ]; then
			pass "kernel-doc $file"
		else
			fail "kernel-doc $file" "$out"
		fi
	done < <(c_sources | grep -v '^tests/build/')
}

checks=("$@")
[ ${#checks[@]} -gt 0 ] ||
	checks=(kunit-um kunit-x86_64 debug-boot stock uapi e2e sparse fixtures
		tools coccinelle bench checkpatch kernel-doc)

cd "$LUO_ROOT" || exit 1
start=$SECONDS
for check in "${checks[@]}"; do
	fn=check_${check//-/_}
	declare -F "$fn" >/dev/null || luo_die "unknown check '$check'"
	"$fn"
done

echo
echo "checks took $((SECONDS - start)) s; logs in $logdir"
for f in "${failures[@]}"; do
	echo "failed: $f"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
