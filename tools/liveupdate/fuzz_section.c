// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the section parsers (.liveupdate_versions,
 * .liveupdate_pins) on raw bytes, and the whole reader (compression,
 * bzImage, ELF, section) on a file's bytes, put in a memfd and read as a
 * file is.  The first byte chooses which.  None may crash, leak, or
 * accept a section that breaks a rule; lvup_check_listed() and
 * lvup_check_pins() assert the last.  Decompressed images are capped at
 * 64 MiB, so that no input writes gigabytes to $TMPDIR.
 */
#include <assert.h>
#include <libelf.h>
#include <stdint.h>
#include <string.h>

#include "lvup_file.h"

/* Every entry accepted is printable, terminated, and not empty. */
static void lvup_check_listed(const struct lvup_list *l)
{
	size_t i, j;

	for (i = 0; i < l->nr; i++) {
		assert(l->entry[i][0]);
		for (j = 0; j < LVUP_ENTRY_SIZE && l->entry[i][j]; j++)
			assert(l->entry[i][j] > 0x20 && l->entry[i][j] < 0x7f);
		assert(j < LVUP_ENTRY_SIZE);
	}
}

/* Every pin accepted is a valid entry with a fingerprint. */
static void lvup_check_pins(const struct lvup_pins *p)
{
	struct lvup_list l = { .entry = p->compatible, .nr = p->nr };
	size_t i;

	lvup_check_listed(&l);
	for (i = 0; i < p->nr; i++)
		assert(p->fingerprint[i]);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	lvup_limit_image(64 << 20);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lvup_list l = { 0 };
	struct lvup_pins p = { 0 };
	char why[256];

	if (!size)
		return 0;
	if (elf_version(EV_CURRENT) == EV_NONE)
		return 0;
	if (data[0] & 4) {
		if (!lvup_parse_pins(data + 1, size - 1, data[0] & 2, &p, why,
				     sizeof(why)))
			assert((size - 1) / LVUP_PIN_SIZE == p.nr);
		else
			assert(!p.nr);
		lvup_check_pins(&p);
		lvup_pins_free(&p);
		if (data[0] & 1)
			lvup_pins_of_buffer(data + 1, size - 1, &p, why,
					    sizeof(why));
		lvup_check_pins(&p);
		lvup_pins_free(&p);
		return 0;
	}
	if (data[0] & 1) {
		if (!lvup_parse(data + 1, size - 1, data[0] & 2, &l, why,
				sizeof(why)))
			assert((size - 1 - LVUP_HEADER_SIZE) / LVUP_ENTRY_SIZE ==
			       l.nr);
		else
			assert(!l.nr);
	} else {
		lvup_versions_of_buffer(data + 1, size - 1, &l, why,
					sizeof(why));
	}
	lvup_check_listed(&l);
	lvup_list_free(&l);
	return 0;
}
