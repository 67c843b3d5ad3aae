#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Init of every guest that scripts/luo-vmtest boots, in the first kernel
# ("before" stage) and in the next one ("after").  /luo/vmtest.conf says
# what to do; each command is a file /luo/<stage>-<nn>-<name>.cmd.
#
# Everything for the host goes to the results channel, the second serial
# port, as lines starting "luo-vmtest: ", with each command's own KTAP
# between its "begin" and "end" lines.  The console (first serial port)
# gets the same lines and the kernel's messages.

. /luo/vmtest.conf
export PATH="/luo:$PATH"
results=/dev/ttyS1
[ -c $results ] || results=/dev/null
stty -F $results raw -echo 2>/dev/null

say() {
	echo "luo-vmtest: $*" >$results
	echo "luo-vmtest: $*"
}

# step NAME ok|fail [WHY]
step() {
	say "step $1 $2${3:+ $(echo "$3" | tr '\n' ' ' | cut -c1-200)}"
}

insmod_step() {
	if out=$(insmod "/luo/$1" $2 2>&1); then
		step "insmod-${1%.ko}" ok
	else
		step "insmod-${1%.ko}" fail "$out"
	fi
}

# run_commands PREFIX: each /luo/PREFIX-*.cmd, its stdout to both serial
# ports as it comes, its stderr to the console.
run_commands() {
	for f in /luo/"$1"-*.cmd; do
		[ -f "$f" ] || continue
		name=${f##*/}
		name=${name%.cmd}
		say "begin $name"
		{ (cd /luo && sh "$f" 2>/dev/console); echo $? >/tmp/status; } |
			tee $results
		say "end $name $(cat /tmp/status)"
	done
}

kmemleak=/sys/kernel/debug/kmemleak

# Whole seconds since boot.
uptime_s()
{
	local up

	read -r up _ </proc/uptime
	echo "${up%%.*}"
}

say "stage $stage kernel $(uname -r)"
# In the next kernel, what kmemleak reports is the restore's: forget the
# objects its boot left.  In the first, the boot's own (KUnit suites run
# at boot) are to be reported.
[ "$stage" = after ] && [ -w $kmemleak ] && echo clear >$kmemleak

run_commands "early-$stage"
[ -z "$core" ] || insmod_step "$core" "$core_params"
for m in $modules; do
	insmod_step "$m"
done
run_commands "$stage"

if [ "$stage" = before ] && [ "$kexec" = 1 ]; then
	if out=$(kexec_file -l /luo/next-kernel /luo/next.cpio.gz \
			"$next_cmdline" 2>&1); then
		step next-kernel-loaded ok
	else
		step next-kernel-loaded fail "$out"
	fi
	if [ "$freeze" = sysfs ]; then
		state=/sys/kernel/liveupdate/state
		if [ "$(cat $state 2>/dev/null)" = frozen ]; then
			step frozen ok
		elif out=$(echo freeze 2>&1 >$state); then
			step frozen ok
		else
			step frozen fail "$out $(dmesg | grep -i liveupdate | tail -n 2)"
		fi
	fi
	say "kexec"
	# Where the blackout starts on a kernel that freezes in the reboot.
	echo "luo-vmtest: kexec" >/dev/kmsg
	kexec_file -e
	step kexec fail "the reboot into the next kernel returned"
elif [ -w $kmemleak ]; then
	# An object is reported by the second scan that finds it unreferenced
	# (the first only records its checksum), and only once it is 5 s old:
	# the first scan, then what is left of 6 s (7 in whole seconds of
	# uptime, which are rounded down), then the second.
	start=$(uptime_s)
	echo scan >$kmemleak
	left=$((start + 7 - $(uptime_s)))
	[ $left -le 0 ] || sleep $left
	echo scan >$kmemleak
	leaks=$(grep -c '^unreferenced object' $kmemleak)
	if [ "$leaks" -eq 0 ]; then
		step kmemleak-clean ok
	else
		head -n 30 $kmemleak
		step kmemleak-clean fail "$leaks unreferenced object(s), see the console"
	fi
fi

if [ "$interactive" = 1 ]; then
	echo "luo-vmtest: a shell in the guest; exit it to end the run"
	setsid cttyhack sh
fi
say done
reboot -f
