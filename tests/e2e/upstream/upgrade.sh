# SPDX-License-Identifier: GPL-2.0
# The note of layout 1 read by the layout-2 driver: the priority added
# since takes its default.
args=(--kernel upstream --module "$upstream/luo_sample_counter.ko"
      --module "$upstream/luo_sample_vm.ko"
      --before-module "$upstream/luo_sample_note_v1.ko"
      --after-module "$upstream/luo_sample_note.ko"
      --file "$guest/e2e_samples"
      --before "e2e_samples before --note-priority 0"
      --after "e2e_samples after --note-priority 5 --note-layout 2"
      "${kho_received[@]}")
