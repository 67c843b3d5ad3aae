# SPDX-License-Identifier: GPL-2.0
# One byte of the note's state (its header's reserved field) flipped in
# preserved memory before the next kernel reads it: the note's retrieve is
# refused with EINVAL and a line naming it, every other file comes back.
args=(--kernel upstream "${upstream_modules[@]}"
      --file "$guest/e2e_samples" --file "$guest/luo_kho_poke"
      --before "e2e_samples before"
      --after-early "luo_kho_poke note-state-damaged state 'kexec without losing this note' 12"
      --after "e2e_samples after --note-refused"
      --after "luo-expect-dmesg refusal-logged 'sample-note-v2: state header has flags 0x0, reserved 0xff, not 0'"
      "${kho_received[@]}")
