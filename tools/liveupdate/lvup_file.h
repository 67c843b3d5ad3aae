/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reading the section out of a kernel image or module, whatever its wrapping.
 */
#ifndef _LVUP_FILE_H
#define _LVUP_FILE_H

#include <stddef.h>
#include <stdint.h>

#include "lvup_section.h"

/* A decompressed image larger than this is refused: no kernel is. */
#define LVUP_MAX_IMAGE_MIB	2048

/* What lvup_read_versions() or lvup_read_pins() found. */
enum lvup_status {
	LVUP_LISTED,		/* the section was there and valid */
	LVUP_NO_SECTION,	/* a valid ELF file without the section */
	LVUP_BAD,		/* unreadable, not ELF, or a malformed section */
};

enum lvup_status lvup_read_versions(const char *path, struct lvup_list *out,
				    char *why, size_t why_size);
enum lvup_status lvup_versions_of_buffer(const uint8_t *buf, size_t size,
					 struct lvup_list *out, char *why,
					 size_t why_size);
enum lvup_status lvup_read_pins(const char *path, struct lvup_pins *out,
				char *why, size_t why_size);
enum lvup_status lvup_pins_of_buffer(const uint8_t *buf, size_t size,
				     struct lvup_pins *out, char *why,
				     size_t why_size);
void lvup_limit_image(uint64_t bytes);

#endif /* _LVUP_FILE_H */
