# SPDX-License-Identifier: GPL-2.0
# Every sample preserved and restored byte for byte; a memfd too big for
# the handover region refused.
args=("${sample_modules[@]}" --file "$guest/e2e_samples"
      --before "e2e_samples before --too-big $((8 << 20))"
      --after "e2e_samples after")
