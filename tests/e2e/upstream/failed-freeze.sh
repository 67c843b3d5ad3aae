# SPDX-License-Identifier: GPL-2.0
# A running vCPU refuses to freeze inside reboot(KEXEC): the kexec is
# called off, reboot() returns, the workload carries on; with the vCPU
# stopped, the kexec freezes and goes, and the request counted in between
# is handed over.
args=(--kernel upstream "${upstream_modules[@]}" --file "$guest/e2e_failed_freeze"
      --before "luo-load-next"
      --before "e2e_failed_freeze before --at-reboot"
      --before "luo-expect-dmesg freeze-refusal-logged 'is running: stop it before the update'"
      --after "e2e_failed_freeze after" "${kho_received[@]}")
