# SPDX-License-Identifier: GPL-2.0
# A vCPU asked for before its VM: EAGAIN from the series' token API, then
# the restore in order.
args=(--kernel upstream "${upstream_modules[@]}" --file "$guest/e2e_out_of_order"
      --before "e2e_out_of_order before"
      --after "e2e_out_of_order after"
      --after "luo-expect-dmesg out-of-order-logged 'which is not retrieved yet'"
      "${kho_received[@]}")
