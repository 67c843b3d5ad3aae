# SPDX-License-Identifier: GPL-2.0
#
# kunit_run NAME KSRC [KUNIT.PY ARGS...]: KUnit suites through kunit.py
# run in the tree KSRC, building in $LUO_CACHE/build/kunit-NAME: kunit.py's
# own verdict, the results from its JSON, and the kernel log free of
# splats, as test cases named kunit-NAME-*.  QEMU goes through our choice
# of accelerator (7.x's kunit.py asks for KVM first).  Sourced by the
# kunit-um, kunit-x86_64 and mainline checks.

kunit_run()
{
	local name=$1 ksrc=$2 status
	local log=$logdir/kunit-$1.log json=$logdir/kunit-$1.json
	local ktap=$logdir/kunit-$1.ktap build=$LUO_CACHE/build/kunit-$1
	shift 2

	mkdir -p "$build"
	# A build that fails leaves the last run's results: never read them.
	rm -f "$build/test.log" "$json" "$ktap"
	luo_log "KUnit, $name (log: $log)"
	(cd "$ksrc" &&
	 LUO_WRAPPED_QEMU=$(command -v qemu-system-x86_64) \
	 LUO_WRAPPED_ACCEL=$("$LUO_ROOT/scripts/qemu-accel.sh") \
	 PATH="$LUO_ROOT/scripts/vmtest/qemu-wrapper:$PATH" \
	 python3 tools/testing/kunit/kunit.py run "$@" \
		--build_dir="$build" --jobs="$(nproc)" --json="$json") \
		>"$log" 2>&1
	status=$?
	# A kernel that stopped half way reports only the suites it ran:
	# kunit.py's own verdict counts too.
	if [ $status -eq 0 ]; then
		ktap_result ok "kunit-$name-run-complete"
	else
		ktap_result fail "kunit-$name-run-complete" \
			"kunit.py exit $status: $(tail -n 2 "$log")"
	fi
	[ -s "$json" ] &&
		python3 "$LUO_ROOT/scripts/ktap.py" kunit-json "$json" >"$ktap"
	[ -s "$ktap" ] ||
		echo "# kunit.py gave no results: $(tail -n 2 "$log")" >"$ktap"
	ktap_subtest "kunit-$name-suites" "$ktap"
	no_splat "kunit-$name-no-kernel-splat" "$build/test.log"
}
