# SPDX-License-Identifier: GPL-2.0
# 256 MiB of guest RAM in a memfd kept by mainline's memfd handler, and a
# memory slot of a VM that refers to it (a LUO_FILE_TYPE() dependency):
# the slot comes back pointing at the restored memfd, every byte intact.
args=(--kernel upstream "${upstream_modules[@]}" --file "$guest/e2e_memslot"
      --before "e2e_memslot before --size $((256 << 20))"
      --after "e2e_memslot after --size $((256 << 20))" "${kho_received[@]}")
