# SPDX-License-Identifier: GPL-2.0
# The kit's fixture driver, built out of tree: a ring and the pool it
# depends on, in two modules, through the update.  Before it, a module
# that never unregisters its handler is unloaded: the core drops the
# handler and names it.
args=(--module "$kit_stock/ringdev/ringpool.ko"
      --module "$kit_stock/ringdev/ringdev.ko"
      --file "$guest/e2e_kit_ring" --file "$here/forgotten-handler.sh"
      --file "$kit_stock/forgetful/luo_forgetful.ko"
      --before "sh forgotten-handler.sh luo_forgetful.ko"
      --before "e2e_kit_ring before"
      --after "e2e_kit_ring after")
