# SPDX-License-Identifier: GPL-2.0
# Nothing preserved: the next kernel receives an empty image, no session,
# and new sessions work.
args=("${sample_modules[@]}" --file "$guest/e2e_nothing"
      --before "e2e_nothing before"
      --after "luo-expect-dmesg empty-image-received 'received image generation'"
      --after "e2e_nothing after")
