# SPDX-License-Identifier: GPL-2.0
# One byte of each slot of the image changed before the next kernel reads
# it: the image is refused, nothing handed over, new sessions work.
args=("${sample_modules[@]}" --file "$guest/e2e_samples"
      --file "$guest/e2e_nothing" --file "$here/corrupt-image.sh"
      --before "e2e_samples before"
      --after-early "sh corrupt-image.sh $region"
      --after "luo-expect-dmesg checksum-mismatch-logged 'checksum mismatch'"
      --after "luo-expect-dmesg image-refused 'nothing handed over: the image was refused \(-74\)'"
      --after "e2e_nothing after")
