# SPDX-License-Identifier: GPL-2.0
# The v1 note driver before the update, the v2 one after: the note is
# read in layout 1 and upgraded (priority takes the v2 default, 5).
args=(--module "$stock/luo_sample_counter.ko" --module "$stock/luo_sample_vm.ko"
      --module "$stock/luo_sample_memfd.ko"
      --before-module "$stock/luo_sample_note_v1.ko"
      --after-module "$stock/luo_sample_note.ko"
      --file "$guest/e2e_samples"
      --before "e2e_samples before --note-priority 0"
      --after "e2e_samples after --note-priority 5 --note-layout 2")
