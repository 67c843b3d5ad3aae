# SPDX-License-Identifier: GPL-2.0
#
# Everyday targets.  Kbuild itself reads ./Kbuild, not this file.
#
#   make demo         the main job (scripts/demo.sh)
#   make check        every check (scripts/check.sh); last line "N passed, N failed"
#   make e2e          the end-to-end live update scenarios alone
#   make fuzz         the uAPI fuzzer on the debug kernel, long: SECONDS=N
#                     (3600), SEED=N to repeat a run (tests/e2e/fuzz.sh)
#   make bench        the benchmark (scripts/bench.sh): table, CSV, plot
#   make coccicheck   the Coccinelle checks (MODE=report|context|org|patch,
#                     M=<tree or file>, default this repository)
#   make modules      out-of-tree modules for the stock Debian 6.12 kernel
#   make sparse       the same build with sparse (C=2)
#   make checkpatch   checkpatch.pl --strict on every C file and header
#   make kunit-um     KUnit on UML
#   make kunit-x86_64 KUnit on x86_64 (QEMU) with the debug kernel
#   make mainline     the series on Linux 7.3: applies, checkpatch, its test
#                     kernel's KUnit, the samples built against it
#   make tools        tools/liveupdate/luo-versions
#   make install      install luo-versions (PREFIX, DESTDIR)
#   make setup        install packages, unpack and overlay the kernel source
#   make clean        remove build outputs from the working tree
#
# KDIR=<kernel build dir> builds the modules against another kernel.

SHELL := /bin/bash
KDIR ?= $(firstword $(wildcard /usr/src/linux-headers-6.12.*-amd64))

.PHONY: all modules demo check e2e fuzz bench coccicheck setup sparse checkpatch \
	kunit-um kunit-x86_64 mainline tools install clean

all: modules

modules:
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

demo:
	scripts/demo.sh

check:
	scripts/check.sh

e2e:
	scripts/check.sh e2e

SECONDS ?= 3600
fuzz:
	LUO_FUZZ_UAPI_SECONDS=$(SECONDS) $(if $(SEED),LUO_FUZZ_UAPI_SEED=$(SEED)) \
		tests/e2e/fuzz.sh

bench:
	scripts/bench.sh

coccicheck:
	scripts/coccicheck.sh $(if $(MODE),MODE=$(MODE)) $(if $(COCCI),COCCI=$(COCCI)) $(M)

setup:
	scripts/setup.sh

sparse:
	scripts/check.sh sparse

checkpatch:
	scripts/check.sh checkpatch

kunit-um:
	scripts/check.sh kunit-um

kunit-x86_64:
	scripts/check.sh kunit-x86_64

mainline:
	scripts/check.sh mainline

tools:
	$(MAKE) -C tools/liveupdate

install: tools
	$(MAKE) -C tools/liveupdate install $(if $(PREFIX),prefix=$(PREFIX))

clean:
	$(MAKE) -C tools/liveupdate clean
	$(MAKE) -C $(KDIR) M=$(CURDIR) clean
	$(MAKE) -C $(KDIR) M=$(CURDIR)/tests/build LUO_CASE=none clean
