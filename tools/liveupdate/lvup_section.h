/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The .liveupdate_versions section: parsing and checking its bytes.
 */
#ifndef _LVUP_SECTION_H
#define _LVUP_SECTION_H

#include <stddef.h>
#include <stdint.h>

#define LVUP_SECTION		".liveupdate_versions"
#define LVUP_MAGIC		0x4c565550u	/* "LVUP" */
#define LVUP_VERSION		1u
#define LVUP_HEADER_SIZE	8u
#define LVUP_ENTRY_SIZE		48u

/* A module's .liveupdate_pins: records of a compatible, then a u64. */
#define LVUP_PINS_SECTION	".liveupdate_pins"
#define LVUP_PIN_SIZE		(LVUP_ENTRY_SIZE + 8u)

/**
 * struct lvup_list - compatibles, in the order read
 * @entry: NUL-terminated strings of at most LVUP_ENTRY_SIZE - 1 bytes.
 * @nr:    Entries in use.
 * @cap:   Entries allocated.
 */
struct lvup_list {
	char (*entry)[LVUP_ENTRY_SIZE];
	size_t nr;
	size_t cap;
};

/**
 * struct lvup_pins - layout pins, in the order read
 * @compatible:  The version pinned, as in struct lvup_list.
 * @fingerprint: Its layout's fingerprint.
 * @nr:          Pins in use.
 * @cap:         Pins allocated.
 */
struct lvup_pins {
	char (*compatible)[LVUP_ENTRY_SIZE];
	uint64_t *fingerprint;
	size_t nr;
	size_t cap;
};

int lvup_list_add(struct lvup_list *l, const char *compatible);
int lvup_list_has(const struct lvup_list *l, const char *compatible);
void lvup_list_free(struct lvup_list *l);

int lvup_parse(const uint8_t *buf, size_t size, int big_endian,
	       struct lvup_list *out, char *why, size_t why_size);
int lvup_parse_pins(const uint8_t *buf, size_t size, int big_endian,
		    struct lvup_pins *out, char *why, size_t why_size);
void lvup_pins_free(struct lvup_pins *p);

#endif /* _LVUP_SECTION_H */
