# SPDX-License-Identifier: GPL-2.0
# The note's handler module is not loaded in the next kernel when
# /dev/liveupdate is first opened: mainline builds every incoming session
# then, and refuses the whole handover for the boot (EIO, the compatible
# logged), even once the module is loaded.  Our 6.12 core refuses the one
# file with ENOPKG instead (tests/e2e/scenarios/missing-module.sh).
args=(--kernel upstream --module "$upstream/luo_sample_counter.ko"
      --module "$upstream/luo_sample_vm.ko"
      --before-module "$upstream/luo_sample_note.ko"
      --file "$upstream/luo_sample_note.ko" --file "$guest/e2e_missing_module"
      --before "e2e_missing_module before --note"
      --after "e2e_missing_module after --whole-handover --module /luo/luo_sample_note.ko"
      --after "luo-expect-dmesg missing-handler-named \"No registered handler for compatible 'sample-note-v2'\""
      "${kho_received[@]}")
