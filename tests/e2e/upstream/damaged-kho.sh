# SPDX-License-Identifier: GPL-2.0
# KHO's own FDT damaged in the first kernel just before the kexec (its
# compatible no longer "kho-v4"): the next kernel refuses it at early
# boot and disables KHO revival, so nothing is handed over and nothing is
# half-restored; the kernel boots on and new sessions work.
args=(--kernel upstream "${upstream_modules[@]}"
      --file "$guest/e2e_samples" --file "$guest/e2e_nothing"
      --file "$guest/luo_kho_poke"
      --before "e2e_samples before"
      --before "luo_kho_poke kho-fdt-damaged fdt"
      --after "luo-expect-dmesg fdt-refused-logged 'KHO: setup: handover FDT .* is incompatible with'"
      --after "luo-expect-dmesg kho-revival-off 'KHO: disabling KHO revival'"
      --after "e2e_nothing after")
