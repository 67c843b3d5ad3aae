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

int lvup_list_add(struct lvup_list *l, const char *compatible);
int lvup_list_has(const struct lvup_list *l, const char *compatible);
void lvup_list_free(struct lvup_list *l);

int lvup_parse(const uint8_t *buf, size_t size, int big_endian,
	       struct lvup_list *out, char *why, size_t why_size);

#endif /* _LVUP_SECTION_H */
