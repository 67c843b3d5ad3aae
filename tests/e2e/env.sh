# SPDX-License-Identifier: GPL-2.0
#
# What the scenario files use (see README): sourced after scripts/lib.sh.

here=$LUO_ROOT/tests/e2e
region=4M@0x30000000
stock=$LUO_CACHE/build/e2e/stock
debug=$LUO_CACHE/build/e2e/debug
guest=$LUO_CACHE/build/guest
# The kit's fixture driver (tests/kit/ringdev), built out of tree the way
# Documentation/liveupdate/out-of-tree.rst says, for each kernel.
kit_stock=$LUO_CACHE/build/e2e/kit-stock
kit_upstream=$LUO_CACHE/build/e2e/kit-upstream
sample_modules=()
for m in luo_sample_counter luo_sample_vm luo_sample_memfd luo_sample_note; do
	sample_modules+=(--module "$stock/$m.ko")
done

# Upstream (Linux 7.x with the series): the samples built in tree by the
# mainline check's kernel build; mainline's own memfd handler is built in.
upstream=$LUO_CACHE/build/kunit-mainline/luo_handler/samples/liveupdate
upstream_modules=()
for m in luo_sample_counter luo_sample_vm luo_sample_note; do
	upstream_modules+=(--module "$upstream/$m.ko")
done
# Every upstream run checks that the handover went through KHO.
kho_received=(--after "luo-expect-dmesg kho-handover-found 'KHO: found kexec handover data'"
	      --after "luo-expect-dmesg luo-state-retrieved 'Retrieved live update data'")
