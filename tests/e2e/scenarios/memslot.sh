# SPDX-License-Identifier: GPL-2.0
# Guest RAM in a memfd kept by the memfd sample (1 MiB: the sample copies
# it into the handover region), and a memory slot of a VM that refers to
# it (a LUO_FILE_TYPE() dependency): the slot comes back pointing at the
# restored memfd, every byte intact.
args=("${sample_modules[@]}" --file "$guest/e2e_memslot"
      --before "e2e_memslot before --size $((1 << 20))"
      --after "e2e_memslot after --size $((1 << 20))")
