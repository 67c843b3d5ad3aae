# SPDX-License-Identifier: GPL-2.0
#
# kunit_run ARCH: the project's KUnit suites through kunit.py, their
# results from its JSON, and the kernel log free of splats.  Sourced by the
# kunit-um and kunit-x86_64 checks.

kunit_run()
{
	local arch=$1 log=$logdir/kunit-$1.log json=$logdir/kunit-$1.json status
	local build=$LUO_CACHE/build/kunit-$1
	local args=(--kunitconfig=luo_handler/tests/kunit)

	[ "$arch" = x86_64 ] &&
		args+=(--arch=x86_64 --kunitconfig=luo_handler/tests/kunit/debug.config)
	mkdir -p "$build"
	# A build that fails leaves the last run's results: never read them.
	rm -f "$build/test.log" "$json" "$logdir/kunit-$arch.ktap"
	luo_log "KUnit on $arch (log: $log)"
	(cd "$LUO_KSRC" &&
	 python3 tools/testing/kunit/kunit.py run "${args[@]}" \
		--build_dir="$build" --jobs="$(nproc)" --json="$json") \
		>"$log" 2>&1
	status=$?
	# A kernel that stopped half way reports only the suites it ran:
	# kunit.py's own verdict counts too.
	if [ $status -eq 0 ]; then
		ktap_result ok "kunit-$arch-run-complete"
	else
		ktap_result fail "kunit-$arch-run-complete" \
			"kunit.py exit $status: $(tail -n 2 "$log")"
	fi
	[ -s "$json" ] &&
		python3 "$LUO_ROOT/scripts/ktap.py" kunit-json "$json" \
			>"$logdir/kunit-$arch.ktap"
	: >>"$logdir/kunit-$arch.ktap"
	[ -s "$logdir/kunit-$arch.ktap" ] ||
		echo "# kunit.py gave no results: $(tail -n 2 "$log")" \
			>"$logdir/kunit-$arch.ktap"
	ktap_subtest "kunit-$arch-suites" "$logdir/kunit-$arch.ktap"
	no_splat "kunit-$arch-no-kernel-splat" "$build/test.log"
}
