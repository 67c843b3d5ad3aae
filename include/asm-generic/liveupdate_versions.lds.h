/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Linker script fragment that builds the .liveupdate_versions section.
 *
 * The header is emitted by the linker, never by C code: the compiler is free
 * to reorder objects within a section, and nothing orders input sections of
 * different objects in a module, so a header emitted from C could land after
 * an entry or appear once per object.  Written here, exactly one header comes
 * first and every entry contributed by LIVEUPDATE_FILE_HANDLER() follows it.
 *
 * __liveupdate_versions_start and __liveupdate_versions_end bound the whole
 * section (header included) so that the image can check its own table.
 */
#ifndef __ASM_GENERIC_LIVEUPDATE_VERSIONS_LDS_H
#define __ASM_GENERIC_LIVEUPDATE_VERSIONS_LDS_H

#include <uapi/linux/liveupdate_versions.h>

#define LIVEUPDATE_VERSIONS_CONTENTS					\
	__liveupdate_versions_start = .;				\
	LONG(LIVEUPDATE_VERSIONS_MAGIC)					\
	LONG(LIVEUPDATE_VERSIONS_FORMAT)				\
	KEEP(*(.liveupdate_versions))				\
	__liveupdate_versions_end = .;

/*
 * For vmlinux, placed by RO_DATA(): an allocated, read-only output section,
 * present when the orchestrator is built in.
 */
#if IS_BUILTIN(CONFIG_LUO_CORE)
#define LIVEUPDATE_VERSIONS_VMLINUX(load_offset)			\
	. = ALIGN(8);							\
	.liveupdate_versions : AT(ADDR(.liveupdate_versions) - (load_offset)) { \
		LIVEUPDATE_VERSIONS_CONTENTS				\
	}
#else
#define LIVEUPDATE_VERSIONS_VMLINUX(load_offset)
#endif

#endif /* __ASM_GENERIC_LIVEUPDATE_VERSIONS_LDS_H */
