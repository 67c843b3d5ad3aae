// SPDX-License-Identifier: GPL-2.0
/*
 * The .liveupdate_versions section: an 8-byte header { u32 magic, u32
 * version } in the byte order of the ELF file, then entries of exactly 48 bytes,
 * each a printable compatible padded with NULs.  Everything here is
 * untrusted input: every rule is checked, and the first one broken is
 * described in words.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lvup_section.h"

int lvup_list_add(struct lvup_list *l, const char *compatible)
{
	if (l->nr == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 16;
		void *p = realloc(l->entry, cap * sizeof(*l->entry));

		if (!p)
			return -1;
		l->entry = p;
		l->cap = cap;
	}
	memset(l->entry[l->nr], 0, LVUP_ENTRY_SIZE);
	memcpy(l->entry[l->nr], compatible,
	       strnlen(compatible, LVUP_ENTRY_SIZE - 1));
	l->nr++;
	return 0;
}

int lvup_list_has(const struct lvup_list *l, const char *compatible)
{
	size_t i;

	for (i = 0; i < l->nr; i++)
		if (!strcmp(l->entry[i], compatible))
			return 1;
	return 0;
}

void lvup_list_free(struct lvup_list *l)
{
	free(l->entry);
	memset(l, 0, sizeof(*l));
}

static uint32_t lvup_u32(const uint8_t *p, int big_endian)
{
	if (big_endian)
		return (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Checks entry @i; returns 0, or -1 with @why filled. */
static int lvup_entry(const uint8_t *e, size_t i, char *why, size_t why_size)
{
	size_t len = strnlen((const char *)e, LVUP_ENTRY_SIZE), j;

	if (len == LVUP_ENTRY_SIZE) {
		snprintf(why, why_size, "entry %zu is not NUL-terminated", i);
		return -1;
	}
	if (!len) {
		snprintf(why, why_size, "entry %zu is empty", i);
		return -1;
	}
	for (j = 0; j < len; j++) {
		if (!isgraph(e[j]) || e[j] > 0x7e) {
			snprintf(why, why_size,
				 "entry %zu has byte 0x%02x at %zu, not printable",
				 i, e[j], j);
			return -1;
		}
	}
	for (j = len; j < LVUP_ENTRY_SIZE; j++) {
		if (e[j]) {
			snprintf(why, why_size,
				 "entry %zu has byte 0x%02x after its NUL, at %zu",
				 i, e[j], j);
			return -1;
		}
	}
	return 0;
}

/**
 * lvup_parse() - check a section and list its entries
 * @buf:      The section's bytes.
 * @size:     How many.
 * @big_endian: Byte order of the header: the ELF file's.
 * @out:      Entries are appended here.
 * @why:      On failure, what is wrong, in words.
 * @why_size: Size of @why.
 *
 * Return: 0, or -1 with @why filled and nothing appended.
 */
int lvup_parse(const uint8_t *buf, size_t size, int big_endian,
	       struct lvup_list *out, char *why, size_t why_size)
{
	size_t nr, i, first = out->nr;
	uint32_t magic, version;

	if (size < LVUP_HEADER_SIZE) {
		snprintf(why, why_size, "%zu bytes, shorter than the %u-byte header",
			 size, LVUP_HEADER_SIZE);
		return -1;
	}
	magic = lvup_u32(buf, big_endian);
	version = lvup_u32(buf + 4, big_endian);
	if (magic != LVUP_MAGIC) {
		snprintf(why, why_size, "bad magic 0x%08x, not 0x%08x",
			 magic, LVUP_MAGIC);
		return -1;
	}
	if (version != LVUP_VERSION) {
		snprintf(why, why_size, "header version %u, this tool reads %u",
			 version, LVUP_VERSION);
		return -1;
	}
	if ((size - LVUP_HEADER_SIZE) % LVUP_ENTRY_SIZE) {
		snprintf(why, why_size,
			 "size %zu is not 8 + 48 * n: %zu stray bytes",
			 size, (size - LVUP_HEADER_SIZE) % LVUP_ENTRY_SIZE);
		return -1;
	}
	nr = (size - LVUP_HEADER_SIZE) / LVUP_ENTRY_SIZE;
	for (i = 0; i < nr; i++) {
		const uint8_t *e = buf + LVUP_HEADER_SIZE + i * LVUP_ENTRY_SIZE;

		if (lvup_entry(e, i, why, why_size))
			goto fail;
		if (lvup_list_add(out, (const char *)e)) {
			snprintf(why, why_size, "out of memory");
			goto fail;
		}
	}
	return 0;
fail:
	out->nr = first;
	return -1;
}
