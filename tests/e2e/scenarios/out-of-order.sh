# SPDX-License-Identifier: GPL-2.0
# The next kernel is first asked for a vCPU before its VM: refused with
# EAGAIN and logged, then restored in order.
args=("${sample_modules[@]}" --file "$guest/e2e_out_of_order"
      --before "e2e_out_of_order before"
      --after "e2e_out_of_order after"
      --after "luo-expect-dmesg out-of-order-logged 'not retrieved'")
