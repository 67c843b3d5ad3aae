# SPDX-License-Identifier: GPL-2.0
# The kit's fixture driver, built out of tree against this kernel: a ring
# and the pool it depends on, in two modules, through the update.
args=(--kernel upstream --module "$kit_upstream/ringpool.ko"
      --module "$kit_upstream/ringdev.ko"
      --file "$guest/e2e_kit_ring"
      --before "e2e_kit_ring before"
      --after "e2e_kit_ring after"
      "${kho_received[@]}")
