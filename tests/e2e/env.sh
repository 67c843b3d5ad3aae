# SPDX-License-Identifier: GPL-2.0
#
# What the scenario files use (see README): sourced after scripts/lib.sh.

here=$LUO_ROOT/tests/e2e
region=4M@0x30000000
stock=$LUO_CACHE/build/e2e/stock
debug=$LUO_CACHE/build/e2e/debug
guest=$LUO_CACHE/build/guest
sample_modules=()
for m in luo_sample_counter luo_sample_vm luo_sample_memfd luo_sample_note; do
	sample_modules+=(--module "$stock/$m.ko")
done
