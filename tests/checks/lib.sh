# SPDX-License-Identifier: GPL-2.0
#
# Shared by the checks under tests/checks/: the project's paths and KTAP
# helpers, and what several checks do.  Source it first.

. "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"
. "$LUO_ROOT/scripts/ktap.sh"

# Where a check leaves its logs; the dispatcher sets it.
logdir=${LUO_LOGDIR:-$LUO_CACHE/logs}
mkdir -p "$logdir"

# Kernel reports that fail a run even when every test passed.
splat_re='BUG:|WARNING:|UBSAN:|KASAN|Oops|Kernel panic|possible circular|possible recursive|inconsistent lock|suspicious RCU|kmemleak: .*new suspected|general protection fault|detected stall|hard LOCKUP|soft lockup'

# no_splat NAME LOG: a test case, failed when LOG is missing or shows one.
no_splat()
{
	local name=$1 log=$2 hits

	if [ ! -s "$log" ]; then
		ktap_result fail "$name" "no kernel log at $log"
		return
	fi
	hits=$(grep -aE "$splat_re" "$log" | head -n 3)
	if [ -n "$hits" ]; then
		ktap_result fail "$name" "kernel reported: $hits"
	else
		ktap_result ok "$name"
	fi
}

# check_section NAME FILE [COMPATIBLE...]: its .liveupdate_versions
# section well formed, header first, listing exactly these.
check_section()
{
	local name=$1 file=$2 out
	shift 2

	if out=$(python3 "$LUO_ROOT/tests/tools/check-versions-section.py" \
			"$file" "$@" 2>&1); then
		ktap_result ok "$name"
		ktap_diag "${out#"$LUO_CACHE"/}"
	else
		ktap_result fail "$name" "$out"
	fi
}

# oot_build KDIR LOG MAKE-ARGS...: the project's modules, out of tree.
oot_build()
{
	local kdir=$1 log=$2
	shift 2

	make -C "$kdir" M="$LUO_ROOT" "$@" >"$log" 2>&1
}

# Every C file and header of the project, tracked or new, and not deleted
# since, but the inputs of the Coccinelle checks: its macro file, and
# fixtures written to be reported.
c_sources()
{
	(cd "$LUO_ROOT" && git ls-files -co --exclude-standard -- '*.c' '*.h' |
		grep -v -e '^scripts/coccinelle/' -e '^tests/coccinelle/' |
		while read -r f; do [ ! -f "$f" ] || echo "$f"; done | sort)
}

# vmtest NAME ARGS...: a scripts/luo-vmtest run nested as one subtest.
vmtest()
{
	vmtest_start "$@"
	vmtest_wait
}

# Jobs that keep one CPU busy each (a TCG guest, a fuzzer, a checker):
# one per CPU, at most 2, the machines CI runs on.
cpu_jobs=$(n=$(nproc); echo $((n < 2 ? 1 : 2)))

# Guests run at once by vmtest_start: one per CPU job.  LUO_VM_JOBS
# overrides.
vm_jobs=${LUO_VM_JOBS:-$cpu_jobs}
[[ $vm_jobs =~ ^[1-9][0-9]*$ ]] || luo_die "LUO_VM_JOBS=$vm_jobs: a number of guests, 1 or more"
vm_started=()

# vmtest_start NAME ARGS...: start a scripts/luo-vmtest run in the
# background once fewer than $vm_jobs run; vmtest_wait reports it.
vmtest_start()
{
	local name=$1
	shift

	while [ "$(jobs -rp | wc -l)" -ge "$vm_jobs" ]; do
		wait -n
	done
	"$LUO_ROOT/scripts/luo-vmtest" --name "$name" \
		--out "$LUO_CACHE/vmtest/$name" "$@" \
		>"$logdir/$name.ktap" 2>"$logdir/$name.log" &
	vm_started+=("$name")
}

# vmtest_scenarios DIR PREFIX [NAME...]: start a run of each scenario file
# DIR/NAME.sh (every one in DIR when no NAME is given) as PREFIX-NAME, with
# one vCPU: under TCG, a second one was seen taking an int3 while the first
# kernel patched its code at boot (sched_clock), before anything of ours
# ran.  A scenario file sets args=(...); "${scenario_args[@]}", when set,
# go before them.  Every name is checked first: a wrong one must not leave
# guests running.
vmtest_scenarios()
{
	local dir=$1 prefix=$2 s f names=()
	shift 2

	names=("$@")
	if [ ${#names[@]} -eq 0 ]; then
		for f in "$dir"/*.sh; do
			names+=("$(basename "$f" .sh)")
		done
	fi
	for s in "${names[@]}"; do
		[ -f "$dir/$s.sh" ] || luo_die "no scenario $s in $dir"
	done
	for s in "${names[@]}"; do
		args=() vcpus=1
		# shellcheck disable=SC1090
		. "$dir/$s.sh"
		LUO_QEMU_SMP=$vcpus vmtest_start "$prefix-$s" \
			${scenario_args[@]+"${scenario_args[@]}"} "${args[@]}"
	done
}

# vmtest_wait: wait for every run started, and nest each as one subtest, in
# the order they were started.
vmtest_wait()
{
	local name

	wait
	for name in "${vm_started[@]}"; do
		ktap_subtest "$name" "$logdir/$name.ktap"
	done
	vm_started=()
}
