# SPDX-License-Identifier: GPL-2.0
# Nothing preserved: the next kernel receives an empty handover and new
# sessions work.
args=(--kernel upstream "${upstream_modules[@]}" --file "$guest/e2e_nothing"
      --before "e2e_nothing before"
      --after "e2e_nothing after" "${kho_received[@]}")
