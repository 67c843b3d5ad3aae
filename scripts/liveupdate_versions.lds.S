/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Added to the link of every module that may define live update handlers
 * (see scripts/Makefile.liveupdate): gives the module one
 * .liveupdate_versions section with the header first.  GNU ld combines it
 * with the kernel's own module linker script.
 */
#include <asm-generic/liveupdate_versions.lds.h>

/* What the module's entries refer to (see <linux/liveupdate.h>). */
luo_module_not_linked_with_scripts_Makefile_luo_handler = 0;

SECTIONS {
	.liveupdate_versions 0 : ALIGN(8) {
		LIVEUPDATE_VERSIONS_CONTENTS
	}
}
