# SPDX-License-Identifier: GPL-2.0
# The v2 note driver before, told that the next kernel reads only v1; the
# v1 driver after reads what was written for it.
args=(--module "$stock/luo_sample_counter.ko" --module "$stock/luo_sample_vm.ko"
      --module "$stock/luo_sample_memfd.ko"
      --before-module "$stock/luo_sample_note.ko"
      --after-module "$stock/luo_sample_note_v1.ko"
      --file "$guest/e2e_samples" --file "$here/target-versions.sh"
      --before "sh target-versions.sh sample-note-v2"
      --before "e2e_samples before"
      --after "e2e_samples after --note-priority 0 --note-layout 1")
