# SPDX-License-Identifier: GPL-2.0
# A file's compatible string damaged in LUO's handover: no handler claims
# it, and mainline refuses the whole handover for the boot (EIO, the
# damaged compatible logged).
args=(--kernel upstream "${upstream_modules[@]}"
      --file "$guest/e2e_samples" --file "$guest/e2e_nothing"
      --file "$guest/luo_kho_poke"
      --before "e2e_samples before"
      --after-early "luo_kho_poke compatible-damaged compatible sample-counter-v1 1"
      --after "e2e_nothing refused"
      --after "luo-expect-dmesg unknown-compatible-logged \"No registered handler for compatible 'sAmple-counter-v1'\""
      "${kho_received[@]}")
