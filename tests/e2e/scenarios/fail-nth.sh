# SPDX-License-Identifier: GPL-2.0
# Every allocation of each operation of the core and the framework failed
# in turn (/proc/thread-self/fail-nth), on our debug kernel both sides:
# each failure a clean ENOMEM that leaves the state as it was, nothing
# leaked; the guest log gives the failure points per operation.
# needs: kunit-x86_64
vcpus=2
args=(--kernel debug --module "$debug/luo_sample_memfd.ko"
      --module "$debug/luo_sample_vm.ko"
      --file "$guest/e2e_fail_nth"
      --before "e2e_fail_nth before"
      --after "e2e_fail_nth after")
