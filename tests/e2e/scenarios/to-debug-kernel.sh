# SPDX-License-Identifier: GPL-2.0
# The demo, kexec'ing from the stock kernel into our debug kernel
# (KASAN, lockdep, UBSAN, kmemleak; orchestrator built in).
# needs: kunit-x86_64
args=("${sample_modules[@]}" --next-kernel debug --next-module-dir "$debug"
      --file "$guest/e2e_samples"
      --before "e2e_samples before --too-big $((8 << 20))"
      --after "e2e_samples after")
