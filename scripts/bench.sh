#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The benchmark: the cost of a live update per file and how it grows, the
# same against a baseline core that looks tokens up by scanning lists, the
# framework's glue against hand-written handlers, and the codec against
# memcpy().  See Documentation/liveupdate/benchmark.rst.
#
# Usage: scripts/bench.sh [--quick | --profile]
#
# Builds the core twice (hash tables; list scans) and tests/bench for the
# stock Debian 6.12 kernel, in copies of the tree under
# $LUO_CACHE/build/bench, runs both under QEMU, and writes to
# $LUO_CACHE/bench (or LUO_BENCH_OUT):
#   bench.log   the guest's console
#   bench.csv   every measurement: item,variant,n,rep,phase,ns,ns_per_unit
#   bench.dat   per-file medians against N, what bench.png plots
#   bench.png   ns per file against N, log-log, ours and the baseline
# then prints the table of figures and goals.  --quick runs every item
# once on tiny sizes, to check that the whole chain works; its figures mean
# nothing.  Timings under emulation are inflated: read the ratios.
#
# --profile builds the hash-table core only and runs small instances of
# items 1, 3 and 4 under the function_graph tracer instead
# (tests/qemu/bench-profile.sh), then writes to the same directory:
#   profile.log the guest's console, with every "luo-prof:" line
#   profile.txt per profile, the traced functions by time spent in them
#               (scripts/bench_profile.py)
# The kernel makes every inline function notrace: the time of the
# framework's inline callbacks (luo_glue_preserve() ...) is their caller's.
# LUO_BENCH_PROFILES picks some of the profiles: glue codec freeze1k
# freeze100k chain1k chain100k (all by default).

set -euo pipefail
. "$(dirname "$0")/lib.sh"

quick=0 profile=0
case ${1:-} in
--quick) quick=1 ;;
--profile) profile=1 ;;
"") ;;
*) luo_die "usage: $0 [--quick | --profile]" ;;
esac

if [ $quick -eq 1 ]; then
	hash_args="sizes=10 repeats=1 glue_vcpus=10 glue_repeats=1 codec_bytes=65536"
	list_args="lookup=list sizes=10 repeats=1 glue_vcpus=0 codec_bytes=0"
else
	hash_args="sizes=10,100,1000,3000,10000,30000,100000 repeats=5 glue_vcpus=1000 glue_repeats=9 codec_bytes=8388608"
	list_args="lookup=list sizes=10,100,1000,3000,10000 repeats=3 glue_vcpus=0 codec_bytes=0"
fi

kdir=$(luo_stock_kdir)
build=$LUO_CACHE/build/bench
out=${LUO_BENCH_OUT:-$LUO_CACHE/bench}
mkdir -p "$build" "$out"

if ! command -v gnuplot >/dev/null; then
	if [ "$(id -u)" -eq 0 ]; then
		luo_log "installing gnuplot-nox"
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
			--no-install-recommends gnuplot-nox >/dev/null ||
			luo_log "cannot install gnuplot-nox: no plot"
	else
		luo_log "no gnuplot (apt-get install gnuplot-nox): no plot"
	fi
fi

# A copy of the tree whose Kbuild builds the core and the benchmark only,
# with the benchmark's switches: the working tree's build is untouched.
# Only files whose contents changed are copied, with a new time, so that
# make rebuilds what they touch (times kept from the tree could be older
# than the copy's objects).
bench_build()
{
	local name=$1 log=$build/build-$1.log src=$build/src-$1
	shift

	rsync -a --no-times --checksum --delete --exclude .git --exclude '*.o' --exclude '*.ko' \
		--exclude '*.mod' --exclude '*.mod.c' --exclude '.*.cmd' \
		--exclude modules.order --exclude Module.symvers \
		"$LUO_ROOT/" "$src/"
	cat >"$src/Kbuild" <<'KBUILD'
# SPDX-License-Identifier: GPL-2.0
# Written by scripts/bench.sh: the core and the benchmark only.
export CONFIG_LUO_CORE := m
export CONFIG_LUO_BENCH := m
subdir-ccflags-y += -DCONFIG_LUO_CORE_MODULE=1
obj-y += kernel/liveupdate/
obj-y += tests/bench/
KBUILD
	luo_log "building the $name core and luo_bench.ko (log: $log)"
	nice -n 10 make -C "$kdir" M="$src" W=1 -j"$(nproc)" \
		LUO_BENCH_EXPORTS=y "$@" >"$log" 2>&1 ||
		luo_die "build failed, see $log"
	if grep -aq 'warning:' "$log"; then
		luo_die "build warnings, see $log"
	fi
}

# Small runs, each tracing only what it looks at: every traced call costs
# the tracer's entry and exit, a few microseconds under emulation, which
# the callers' times include.  The chain runs once per profile (the module
# always starts with it), on 10 files unless it is what is profiled.
bench_profile()
{
	local log=$out/profile.log mod=:mod:luo_bench core=:mod:liveupdate
	local top="luo_bench_thread$mod bench_chain$mod bench_glue$mod"

	top="$top bench_codec$mod"
	cat >"$build/bench.conf" <<CONF
PROFILES="${LUO_BENCH_PROFILES:-glue codec freeze1k freeze100k chain1k chain100k}"
PROF_glue_ARGS="sizes=10 repeats=1 glue_vcpus=100 glue_repeats=3 codec_bytes=0"
PROF_glue_FILTER="$mod $core __kmalloc_cache_noprof __kmalloc_noprof kfree anon_inode_getfile"
PROF_codec_ARGS="sizes=10 repeats=3 glue_vcpus=0 codec_bytes=8388608"
PROF_codec_FILTER="$top codec_*$mod luo_*$mod __kvmalloc_node_noprof __vmalloc_node_range_noprof kvfree vfree __alloc_pages_bulk alloc_pages_bulk_noprof vmap_small_pages_range_noflush __vmap_pages_range_noflush"
PROF_freeze1k_ARGS="sizes=1000 repeats=3 glue_vcpus=0 codec_bytes=0"
PROF_freeze1k_FILTER="$top chain_run$mod chain_freeze$mod luo_freeze$core luo_freeze_files$core luo_image_seal$core luo_image_checksum$core luo_heap_carve$core luo_target_check_file$core liveupdate_ptr$core crc32_le crc32_le_base"
PROF_freeze100k_ARGS="sizes=100000 repeats=1 glue_vcpus=0 codec_bytes=0"
CONF
	echo "PROF_freeze100k_FILTER=\"\$PROF_freeze1k_FILTER\"" \
		>>"$build/bench.conf"
	# Preserve and retrieve of the chain: does a file cost more among
	# 100 000 than among 1 000, and where?
	cat >>"$build/bench.conf" <<CONF
PROF_chain1k_ARGS="sizes=1000 repeats=3 glue_vcpus=0 codec_bytes=0"
PROF_chain1k_FILTER="$top chain_run$mod chain_open$mod chain_preserve$mod chain_retrieve$mod luo_session_preserve$core luo_session_retrieve$core liveupdate_get_token_outgoing$core liveupdate_get_file_incoming$core liveupdate_alloc$core anon_inode_getfile rhashtable_insert_slow"
PROF_chain100k_ARGS="sizes=100000 repeats=1 glue_vcpus=0 codec_bytes=0"
CONF
	echo "PROF_chain100k_FILTER=\"\$PROF_chain1k_FILTER\"" \
		>>"$build/bench.conf"
	"$LUO_ROOT/scripts/initramfs.sh" "$build/profile.cpio.gz" \
		"$LUO_ROOT/tests/qemu/bench-profile.sh" \
		"$hash/kernel/liveupdate/liveupdate.ko" \
		"$hash/tests/bench/luo_bench.ko" "$build/bench.conf"
	luo_log "profiling under QEMU (log: $log)"
	LUO_QEMU_TIMEOUT=${LUO_QEMU_TIMEOUT:-1800} nice -n 10 \
		"$LUO_ROOT/scripts/qemu.sh" "$(luo_stock_vmlinuz)" \
		"$build/profile.cpio.gz" "$log" quiet rdinit=/init ||
		luo_die "QEMU exited with $?; see $log"
	grep -aq 'luo-prof: end' "$log" ||
		luo_die "the guest did not finish; see $log"
	if grep -aqE 'luo-prof: [^ ]+ (run luo-bench: )?error|BUG:|WARNING:|Oops|Kernel panic' "$log"; then
		luo_die "the profile failed; see $log"
	fi
	python3 "$LUO_ROOT/scripts/bench_profile.py" "$log" >"$out/profile.txt"
	cat "$out/profile.txt"
	luo_log "profile: $out/profile.txt"
}

hash=$build/src-hash list=$build/src-list
bench_build hash
if [ $profile -eq 1 ]; then
	bench_profile
	exit 0
fi
bench_build list LUO_BENCH_LIST=y

cp "$list/kernel/liveupdate/liveupdate.ko" "$build/liveupdate-list.ko"
printf 'HASH_ARGS="%s"\nLIST_ARGS="%s"\n' "$hash_args" "$list_args" \
	>"$build/bench.conf"
"$LUO_ROOT/scripts/initramfs.sh" "$build/bench.cpio.gz" \
	"$LUO_ROOT/tests/qemu/bench.sh" \
	"$hash/kernel/liveupdate/liveupdate.ko" "$build/liveupdate-list.ko" \
	"$hash/tests/bench/luo_bench.ko" "$build/bench.conf"

log=$out/bench.log
luo_log "running the benchmark on the stock kernel under QEMU (log: $log)"
# quiet: the figures go to the kernel log, read back by the guest at the
# end, not to the emulated serial line in the middle of a timed phase.
LUO_QEMU_TIMEOUT=${LUO_QEMU_TIMEOUT:-1800} nice -n 10 \
	"$LUO_ROOT/scripts/qemu.sh" "$(luo_stock_vmlinuz)" \
	"$build/bench.cpio.gz" "$log" quiet rdinit=/init ||
	luo_die "QEMU exited with $?; see $log"
grep -aq 'luo-bench: end' "$log" || luo_die "the guest did not finish; see $log"
if grep -aqE 'luo-bench: error|BUG:|WARNING:|Oops|Kernel panic' "$log"; then
	luo_die "the benchmark failed; see $log"
fi

text_of()
{
	size -A "$hash/tests/bench/$1.o" | awk '$1 == ".text" { print $2 }'
}

# Code of a module or object: its .text, .init.text and .exit.text.
code_of()
{
	size -A "$1" | awk '$1 ~ /^\.((init|exit)\.)?text/ { s += $2 } END { print s }'
}

# tests/bench/text's two modules for 1, 2 and 8 file types, built against
# the hash-table core's symbols; one line "N FW HAND ENGINE" each.
text_table()
{
	local n dir=$hash/tests/bench/text engine

	engine=$(code_of "$hash/kernel/liveupdate/luo_handler_engine.o")
	for n in 1 2 8; do
		nice -n 10 make -C "$kdir" M="$dir" luo_root="$hash" W=1 \
			CONFIG_LUO_BENCH=m LUO_TEXT_NR=$n \
			KCFLAGS=-DCONFIG_LUO_CORE_MODULE=1 \
			KBUILD_EXTRA_SYMBOLS="$hash/Module.symvers" modules \
			>"$build/build-text-$n.log" 2>&1 ||
			luo_die "text modules: see $build/build-text-$n.log"
		echo "$n $(code_of "$dir/luo_text_fw.ko")" \
		     "$(code_of "$dir/luo_text_hand.ko") $engine"
	done
}

text_table >"$out/text.txt"
python3 "$LUO_ROOT/scripts/bench_report.py" "$log" "$out" \
	"$(text_of glue_vcpu_fw)" "$(text_of glue_vcpu_hand)" "$out/text.txt"
if command -v gnuplot >/dev/null; then
	(cd "$out" && gnuplot bench.gp) && luo_log "plot: $out/bench.png"
fi
luo_log "table: $out/bench.txt, data: $out/bench.csv"
