# SPDX-License-Identifier: GPL-2.0
# LUO's own handover damaged before the next kernel reads it: one
# session's file count no longer matches its files.  Mainline refuses the
# whole handover for the boot (EIO at every open of /dev/liveupdate, the
# reason logged); the kernel boots on and nothing is half-restored.
args=(--kernel upstream "${upstream_modules[@]}"
      --file "$guest/e2e_samples" --file "$guest/e2e_nothing"
      --file "$guest/luo_kho_poke"
      --before "e2e_samples before"
      --after-early "luo_kho_poke file-count-damaged count demo-vm"
      --after "e2e_nothing refused"
      --after "luo-expect-dmesg count-mismatch-logged 'File count mismatch'"
      "${kho_received[@]}")
