#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Init script of scripts/bench.sh --profile, on the stock kernel: runs
# luo_bench.ko under the function_graph tracer, once per profile, and
# prints per-function figures as "luo-prof: ..." lines on the console.
#
# The stock kernel has no function profiler (trace_stat), so the figures
# are computed here from the graph trace: each profile traces only the
# functions it names (set_ftrace_filter), and awk pairs every entry with
# its exit, per task, to sum the time spent in each function, with and
# without the traced functions it called.
#
# /luo/bench.conf sets PROFILES, a list of names, and for each name N:
# PROF_N_ARGS, the module's parameters, and PROF_N_FILTER, the functions
# to trace: names, globs, or :mod:MODULE for all of a module's.

# shellcheck disable=SC1091
. /luo/bench.conf

T=/sys/kernel/tracing
[ -d $T/options ] || mount -t tracefs nodev $T

# Reads a function_graph trace with funcgraph-proc and funcgraph-tail and
# prints, per scenario (the function under luo_bench_thread that the call
# ran under: bench_chain, bench_glue, bench_codec; "other" for calls from
# other tasks, such as the workers that release files) and function:
# "S F calls=C total_ns=T self_ns=S min_ns=M med_ns=D max_ns=X", self
# being the total minus what traced callees took, and the median within
# 7%; then per caller and callee calls and total.  Durations are printed by the tracer in us, with 3
# decimals.
summarize()
{
	awk '
	# Buckets of a histogram: 8 per doubling (no log() in busybox awk).
	function bucket(d,   p, b) {
		for (p = 1; 256 * p <= d; p *= 256)
			b += 8
		for (; 2 * p <= d; p *= 2)
			b++
		return b * 8 + int((d - p) * 8 / p)
	}
	function median(k,   b, p, i, seen) {
		for (b = lo[k]; b <= hi[k]; b++) {
			seen += hist[k, b]
			if (2 * seen < calls[k])
				continue
			for (p = 1, i = int(b / 8); i > 0; i--)
				p *= 2
			return int(p + (b % 8 + 0.5) * p / 8)
		}
	}
	function ns(s) { gsub(/[^0-9.]/, "", s); return int(s * 1000 + 0.5) }
	function record(pid, name, d,   depth, scen, parent, k) {
		depth = sp[pid] + 0
		scen = "other"
		if ((depth ? stk[pid, 0] : name) == "luo_bench_thread")
			scen = depth >= 2 ? stk[pid, 1] : name
		parent = depth > 0 ? stk[pid, depth - 1] : "-"
		k = scen " " name
		calls[k]++
		total[k] += d
		self[k] += d - child[pid, depth]
		# Medians from a histogram: one preempted call of thousands
		# must not make the figure.
		b = bucket(d)
		hist[k, b]++
		if (!(k in lo) || b < lo[k])
			lo[k] = b
		if (b > hi[k])
			hi[k] = b
		if (!(k in mn) || d < mn[k])
			mn[k] = d
		if (d > mx[k])
			mx[k] = d
		k = scen " " parent ">" name
		ecalls[k]++
		etotal[k] += d
		child[pid, depth] = 0
		if (depth > 0)
			child[pid, depth - 1] += d
	}
	/^ *[0-9]+\)/ {
		n = split($0, col, "|")
		if (n < 3)
			next
		proc = col[1]
		sub(/^ *[0-9]+\) +/, "", proc)
		sub(/ +$/, "", proc)
		pid = proc
		sub(/.*-/, "", pid)
		dur = col[2]
		text = col[3]
		for (i = 4; i <= n; i++)
			text = text "|" col[i]
		gsub(/ \[[^]]*\]/, "", text)
		sub(/^ +/, "", text)
		if (text ~ /\) \{$/) {
			name = text
			sub(/\(.*/, "", name)
			d = sp[pid] + 0
			stk[pid, d] = name
			child[pid, d] = 0
			sp[pid] = d + 1
		} else if (text ~ /\);$/) {
			name = text
			sub(/\(.*/, "", name)
			record(pid, name, ns(dur))
		} else if (text ~ /^\}/) {
			name = text
			sub(/^\} \/\* */, "", name)
			sub(/ *\*\/.*/, "", name)
			if (sp[pid] == 0) {
				unmatched++
				next
			}
			while (sp[pid] > 0 && stk[pid, sp[pid] - 1] != name)
				sp[pid]--
			if (sp[pid] == 0) {
				unmatched++
				next
			}
			sp[pid]--
			record(pid, name, ns(dur))
		}
	}
	END {
		for (k in calls)
			printf "fn %s calls=%d total_ns=%.0f self_ns=%.0f min_ns=%.0f med_ns=%.0f max_ns=%.0f\n",
			       k, calls[k], total[k], self[k], mn[k],
			       median(k), mx[k]
		for (k in ecalls)
			printf "edge %s calls=%d total_ns=%.0f\n", k, ecalls[k],
			       etotal[k]
		printf "unmatched exits=%d\n", unmatched + 0
	}'
}

# Runs profile $1: the filter set, the module loaded, its trace summarized.
profile()
{
	args='' filter=''
	eval "args=\$PROF_${1}_ARGS filter=\$PROF_${1}_FILTER"
	echo 0 >$T/tracing_on
	echo >$T/trace
	echo >$T/set_ftrace_filter
	# One at a time: a name the kernel lacks is refused, not the others.
	for f in $filter; do
		echo "$f" >>$T/set_ftrace_filter 2>/dev/null ||
			echo "luo-prof: $1 note: cannot trace $f"
	done
	dmesg -c >/dev/null
	echo 1 >$T/tracing_on
	# shellcheck disable=SC2086
	if ! insmod /luo/luo_bench.ko $args; then
		echo "luo-prof: $1 error insmod luo_bench.ko"
		echo 0 >$T/tracing_on
		return
	fi
	until dmesg | grep -q 'luo-bench: done'; do
		sleep 1
	done
	echo 0 >$T/tracing_on
	echo "luo-prof: $1 traced $(grep -c . $T/set_ftrace_filter) functions"
	dmesg | grep -oE 'luo-bench: (glue|codec|chain|error|done) .*' |
		sed "s/^/luo-prof: $1 run /"
	for c in "$T"/per_cpu/cpu*; do
		echo "luo-prof: $1 ${c##*/} $(grep -E '^(entries|overrun):' \
			"$c/stats" | tr '\n' ' ')"
	done
	summarize <$T/trace | sed "s/^/luo-prof: $1 /"
	rmmod luo_bench
}

# Per CPU: the 100 000-file profiles trace millions of calls.
echo 262144 >$T/buffer_size_kb
echo function_graph >$T/current_tracer
echo 1 >$T/options/funcgraph-proc
echo 1 >$T/options/funcgraph-tail
echo 0 >$T/options/funcgraph-irqs
insmod /luo/liveupdate.ko || echo "luo-prof: error insmod liveupdate.ko"
for p in $PROFILES; do
	profile "$p"
done
echo nop >$T/current_tracer
rmmod liveupdate
echo "luo-prof: end"
reboot -f
