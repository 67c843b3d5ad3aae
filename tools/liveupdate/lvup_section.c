// SPDX-License-Identifier: GPL-2.0
/*
 * The .liveupdate_versions section: an 8-byte header { u32 magic, u32
 * version } in the byte order of the ELF file, then entries of exactly 48 bytes,
 * each a printable compatible padded with NULs.  Everything here is
 * untrusted input: every rule is checked, and the first one broken is
 * described in words.
 *
 * A module's .liveupdate_pins: records of 56 bytes, each a compatible as
 * above, then the u64 fingerprint its module pins for that version's
 * layout, in the byte order of the ELF file.
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

void lvup_pins_free(struct lvup_pins *p)
{
	free(p->compatible);
	free(p->fingerprint);
	memset(p, 0, sizeof(*p));
}

static int lvup_pins_add(struct lvup_pins *p, const char *compatible,
			 uint64_t fingerprint)
{
	if (p->nr == p->cap) {
		size_t cap = p->cap ? 2 * p->cap : 16;
		void *c = realloc(p->compatible, cap * sizeof(*p->compatible));
		void *f;

		if (!c)
			return -1;
		p->compatible = c;
		f = realloc(p->fingerprint, cap * sizeof(*p->fingerprint));
		if (!f)
			return -1;
		p->fingerprint = f;
		p->cap = cap;
	}
	memset(p->compatible[p->nr], 0, LVUP_ENTRY_SIZE);
	memcpy(p->compatible[p->nr], compatible,
	       strnlen(compatible, LVUP_ENTRY_SIZE - 1));
	p->fingerprint[p->nr++] = fingerprint;
	return 0;
}

static uint32_t lvup_u32(const uint8_t *p, int big_endian)
{
	if (big_endian)
		return (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Checks @what @i; returns 0, or -1 with @why filled. */
static int lvup_entry(const uint8_t *e, const char *what, size_t i,
		      char *why, size_t why_size)
{
	size_t len = strnlen((const char *)e, LVUP_ENTRY_SIZE), j;

	if (len == LVUP_ENTRY_SIZE) {
		snprintf(why, why_size, "%s %zu is not NUL-terminated", what, i);
		return -1;
	}
	if (!len) {
		snprintf(why, why_size, "%s %zu is empty", what, i);
		return -1;
	}
	for (j = 0; j < len; j++) {
		if (!isgraph(e[j]) || e[j] > 0x7e) {
			snprintf(why, why_size,
				 "%s %zu has byte 0x%02x at %zu, not printable",
				 what, i, e[j], j);
			return -1;
		}
	}
	for (j = len; j < LVUP_ENTRY_SIZE; j++) {
		if (e[j]) {
			snprintf(why, why_size,
				 "%s %zu has byte 0x%02x after its NUL, at %zu",
				 what, i, e[j], j);
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

		if (lvup_entry(e, "entry", i, why, why_size))
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

static uint64_t lvup_u64(const uint8_t *p, int big_endian)
{
	uint64_t lo = lvup_u32(p + (big_endian ? 4 : 0), big_endian);
	uint64_t hi = lvup_u32(p + (big_endian ? 0 : 4), big_endian);

	return hi << 32 | lo;
}

/**
 * lvup_parse_pins() - check a .liveupdate_pins section and list its pins
 * @buf:        The section's bytes.
 * @size:       How many: a multiple of LVUP_PIN_SIZE, 0 included.
 * @big_endian: Byte order of the fingerprints: the ELF file's.
 * @out:        Pins are appended here.
 * @why:        On failure, what is wrong, in words.
 * @why_size:   Size of @why.
 *
 * Each record's compatible follows the rules of a .liveupdate_versions
 * entry; its fingerprint is not 0 (which means unpinned), and no version
 * is pinned twice.
 *
 * Return: 0, or -1 with @why filled and nothing appended.
 */
int lvup_parse_pins(const uint8_t *buf, size_t size, int big_endian,
		    struct lvup_pins *out, char *why, size_t why_size)
{
	size_t nr, i, j, first = out->nr;
	const uint8_t *r;
	uint64_t fp;

	if (size % LVUP_PIN_SIZE) {
		snprintf(why, why_size,
			 "size %zu is not 56 * n: %zu stray bytes",
			 size, size % LVUP_PIN_SIZE);
		return -1;
	}
	nr = size / LVUP_PIN_SIZE;
	for (i = 0; i < nr; i++) {
		r = buf + i * LVUP_PIN_SIZE;
		if (lvup_entry(r, "pin", i, why, why_size))
			goto fail;
		fp = lvup_u64(r + LVUP_ENTRY_SIZE, big_endian);
		if (!fp) {
			snprintf(why, why_size,
				 "pin %zu (%s) has fingerprint 0", i, r);
			goto fail;
		}
		for (j = first; j < out->nr; j++) {
			if (!strcmp(out->compatible[j], (const char *)r)) {
				snprintf(why, why_size,
					 "pin %zu pins %s again", i, r);
				goto fail;
			}
		}
		if (lvup_pins_add(out, (const char *)r, fp)) {
			snprintf(why, why_size, "out of memory");
			goto fail;
		}
	}
	return 0;
fail:
	out->nr = first;
	return -1;
}
