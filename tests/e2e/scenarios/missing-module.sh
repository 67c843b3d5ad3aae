# SPDX-License-Identifier: GPL-2.0
# The next kernel lacks the memfd handler at first: the retrieve is
# refused (ENOPKG) naming the handler, and works once the module is loaded.
args=(--module "$stock/luo_sample_counter.ko" --module "$stock/luo_sample_vm.ko"
      --module "$stock/luo_sample_note.ko"
      --before-module "$stock/luo_sample_memfd.ko"
      --file "$stock/luo_sample_memfd.ko" --file "$guest/e2e_missing_module"
      --before "e2e_missing_module before"
      --after "e2e_missing_module after --module /luo/luo_sample_memfd.ko"
      --after "luo-expect-dmesg missing-handler-named 'sample-memfd-v1'")
