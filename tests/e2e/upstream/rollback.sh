# SPDX-License-Identifier: GPL-2.0
# The next kernel reads only layout 1 of the note (target_versions, from
# the series): the layout-2 driver writes version 1.
args=(--kernel upstream --module "$upstream/luo_sample_counter.ko"
      --module "$upstream/luo_sample_vm.ko"
      --before-module "$upstream/luo_sample_note.ko"
      --after-module "$upstream/luo_sample_note_v1.ko"
      --file "$guest/e2e_samples" --file "$here/target-versions.sh"
      --before "sh target-versions.sh sample-note-v2"
      --before "e2e_samples before"
      --after "e2e_samples after --note-priority 0 --note-layout 1"
      "${kho_received[@]}")
