# SPDX-License-Identifier: GPL-2.0
# A running vCPU makes the freeze fail: the update is called off, the
# workload carries on and stops the vCPU, the second freeze succeeds.
args=("${sample_modules[@]}" --file "$guest/e2e_failed_freeze"
      --before "e2e_failed_freeze before"
      --before "luo-expect-dmesg freeze-refusal-logged 'is running: stop it before the update'"
      --after "e2e_failed_freeze after")
