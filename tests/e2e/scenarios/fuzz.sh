# SPDX-License-Identifier: GPL-2.0
# The uAPI fuzzer (tests/liveupdate/luo_fuzz.c) on our debug kernel (KASAN,
# lockdep, UBSAN, kmemleak): for LUO_FUZZ_UAPI_SECONDS (60), 3 processes
# of 4 threads send random requests to /dev/liveupdate, sessions, the
# samples' files and /sys/kernel/liveupdate; every freeze is called off,
# and there is no kexec.  A splat, a hang or a leak fails the run.  The
# checks use seed 1, so that each thread makes the same requests in every
# run (the interleaving still varies); LUO_FUZZ_UAPI_SEED picks another,
# and make fuzz takes a new one unless given SEED.
# The console shows errors only: the fuzzer copies splats to it.
# needs: kunit-x86_64
# Two vCPUs: the debug kernel is SMP, so that lockdep and KASAN see the
# threads' requests really run in parallel.
vcpus=2
fuzz_seconds=${LUO_FUZZ_UAPI_SECONDS:-60}
# The timeout leaves room for what the fuzzer may take past its deadline:
# a hung worker (60 s), cleanup (120 s), the kmemleak scan (900 s), boot.
fuzz_seed=${LUO_FUZZ_UAPI_SEED:-1}
args=(--kernel debug --no-kexec --timeout $((fuzz_seconds + 1500))
      --module "$debug/luo_sample_counter.ko" --module "$debug/luo_sample_vm.ko"
      --module "$debug/luo_sample_memfd.ko" --module "$debug/luo_sample_note.ko"
      --file "$guest/luo_fuzz"
      --before "luo_fuzz --seed $fuzz_seed --seconds $fuzz_seconds --console-loglevel 4")
