/* SPDX-License-Identifier: GPL-2.0 */
/*
 * luo_handler: pinning the layout of a released version.
 *
 * Once a kernel that writes version N of a handler has shipped, the wire
 * form of version N is an ABI between kernels: a field added in place, with
 * no LUO_SINCE() and no new version, makes the next kernel refuse the state
 * or read a field that was never written.  The engine computes a
 * fingerprint of each version's wire form from the layout (see
 * engine/fingerprint.h); LUO_LAYOUT_PIN() records the fingerprint of a
 * released version beside the handler, and luo_handler_register() refuses
 * the handler when the layout no longer has it.
 *
 * LUO_HANDLER() gives every version a pin slot: a tentative definition of a
 * u64 that stays 0, unpinned, unless LUO_LAYOUT_PIN() defines it; and an
 * assembler macro that emits the version's record of .liveupdate_pins, for
 * tools that read a module's pins without loading it.
 */
#ifndef _LINUX_LUO_HANDLER_PIN_H
#define _LINUX_LUO_HANDLER_PIN_H

#include <linux/build_bug.h>
#include <linux/stringify.h>
#include <linux/types.h>
#include <uapi/linux/liveupdate_versions.h>

struct luo_layout;

u64 luo_layout_fingerprint(const struct luo_layout *l, unsigned int v);

/* The pin of version @v of handler @_name: 0 until LUO_LAYOUT_PIN(). */
#define __luo_pin(_name, v)	__luo_pin_##_name##_v##v

/*
 * The .liveupdate_pins section of a module is the framework's, not the
 * orchestrator's: its format is defined here, and read by luo-versions
 * (tools/liveupdate/lvup_section.c), not in the uAPI header, which on 7.x
 * is the kernel's own.  No header: the count is the size divided by the
 * record size.
 */
#define LUO_PINS_SECTION	".liveupdate_pins"

/*
 * One record of .liveupdate_pins, LIVEUPDATE_VERSIONS_ENTRY_SIZE + 8 bytes:
 * the compatible NUL-padded to LIVEUPDATE_VERSIONS_ENTRY_SIZE bytes, then
 * the fingerprint as a u64 in the byte order of the kernel.  Written by the
 * assembler, like the entries of .liveupdate_versions, so that a record
 * needs neither a symbol nor a relocation.  Allocated, as modpost wants
 * every section of a module to be, though the running kernel reads its
 * pins from the handler, never from the section.
 */
#define __luo_pin_asm_macro(_name, _compatible, v)			\
	asm(".macro __luo_pin_record_" #_name "_v" #v " fingerprint\n"	\
	    ".pushsection " LUO_PINS_SECTION ", \"a\"\n"		\
	    "	.balign 8\n"						\
	    "1:	.ascii " __stringify(_compatible) "\n"			\
	    "	.fill " __stringify(LIVEUPDATE_VERSIONS_ENTRY_SIZE)	\
	    " - (. - 1b), 1, 0\n"					\
	    "	.quad \\fingerprint\n"					\
	    ".popsection\n"						\
	    ".endm")

/*
 * What LUO_HANDLER() declares for version @v of handler @_name, whose
 * compatible is @_compatible: the pin (a tentative definition: 0 unless
 * LUO_LAYOUT_PIN() gives it a value further down) and its record's macro.
 */
#define __luo_pin_slot(_name, _compatible, v)				\
	static const u64 __luo_pin(_name, v);				\
	__luo_pin_asm_macro(_name, _compatible, v)

/*
 * The record itself, in modules only: vmlinux's linker script would take
 * an unknown section for an orphan.  The running kernel checks the pin
 * either way.
 */
#ifdef MODULE
#define __luo_pin_record(_name, v, _fp)					\
	asm("__luo_pin_record_" #_name "_v" #v " " __stringify(_fp))
#else
#define __luo_pin_record(_name, v, _fp)					\
	static_assert(__same_type(__luo_pin(_name, v), const u64) && (_fp))
#endif

/**
 * LUO_LAYOUT_PIN() - pin the layout of a released version of a handler
 * @_name: The handler, as LUO_HANDLER() named it, defined above.
 * @v:     One of its versions, a decimal literal as in LUO_VERSIONS().
 * @_fp:   The fingerprint of version @v when it was released: a
 *         hexadecimal literal without suffix, as the kernel logs it
 *         (see Documentation/liveupdate/framework.rst, "Pinning a
 *         released layout").
 *
 * luo_handler_register() computes the fingerprint of version @v from the
 * layout and refuses the handler, with -EINVAL and a line giving both
 * values, when it is not @_fp: a field of version @v was added, removed,
 * resized, renamed or moved, which only a new version (or LUO_SINCE()) may
 * do.  Pins are optional, version by version.  A version the handler does
 * not have, or a second pin of one, fails to build.  Example::
 *
 *	LUO_HANDLER(note_handler, "sample-note", note_ser, LUO_VERSIONS(2, 1),
 *		    ...);
 *	LUO_LAYOUT_PIN(note_handler, 2, 0x0123456789abcdef);
 *	LUO_LAYOUT_PIN(note_handler, 1, 0xfedcba9876543210);
 */
#define LUO_LAYOUT_PIN(_name, v, _fp)					\
	static_assert(__same_type(__luo_v##v##_##_name,		\
				  struct luo_handler_version),		\
		      "luo_handler: " #_name " has no version " #v);	\
	static_assert((_fp) != 0, "luo_handler: pin of " #_name " v" #v	\
		      " is 0, which means unpinned");			\
	static const u64 __luo_pin(_name, v) = (_fp);			\
	__luo_pin_record(_name, v, _fp)

#endif /* _LINUX_LUO_HANDLER_PIN_H */
