# SPDX-License-Identifier: GPL-2.0
# Every sample restored byte for byte across a KHO kexec: counters, a VM
# and its vCPUs through their dependency, a note, and two memfds kept by
# mainline's memfd handler.
args=(--kernel upstream "${upstream_modules[@]}" --file "$guest/e2e_samples"
      --before "e2e_samples before"
      --after "e2e_samples after" "${kho_received[@]}")
