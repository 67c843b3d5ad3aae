// SPDX-License-Identifier: GPL-2.0
/*
 * Finds .liveupdate_versions, or a module's .liveupdate_pins, in what a
 * kernel ships: vmlinux, a module (.ko, or compressed: .ko.xz, .ko.zst,
 * .ko.gz), or a bzImage, whose payload is a compressed ELF vmlinux.
 * Compression is recognised by its magic, not by the file name.
 */
#include <errno.h>
#include <gelf.h>
#include <libelf.h>
#include <lzma.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include <zstd.h>

#include "lvup_file.h"

/* Decompressed images larger than this are refused: no kernel is. */
#define LVUP_MAX_IMAGE	(1u << 30)

struct lvup_buf {
	uint8_t *data;
	size_t size;
};

static int lvup_grow(struct lvup_buf *b, size_t *cap)
{
	size_t want = *cap ? 2 * *cap : 1 << 20;
	uint8_t *p;

	if (want > LVUP_MAX_IMAGE)
		return -1;
	p = realloc(b->data, want);
	if (!p)
		return -1;
	b->data = p;
	*cap = want;
	return 0;
}

static int lvup_unxz(const uint8_t *in, size_t len, struct lvup_buf *out)
{
	lzma_stream s = LZMA_STREAM_INIT;
	size_t cap = 0;
	lzma_ret r;

	/*
	 * One stream: a bzImage appends the decompressed size after it,
	 * which a concatenated-streams decoder would take for a bad stream.
	 */
	if (lzma_stream_decoder(&s, UINT64_MAX, 0) != LZMA_OK)
		return -1;
	s.next_in = in;
	s.avail_in = len;
	do {
		if (out->size == cap && lvup_grow(out, &cap))
			break;
		s.next_out = out->data + out->size;
		s.avail_out = cap - out->size;
		r = lzma_code(&s, LZMA_FINISH);
		out->size = cap - s.avail_out;
	} while (r == LZMA_OK);
	lzma_end(&s);
	return r == LZMA_STREAM_END ? 0 : -1;
}

static int lvup_unzstd(const uint8_t *in, size_t len, struct lvup_buf *out)
{
	ZSTD_DStream *d = ZSTD_createDStream();
	ZSTD_inBuffer src = { in, len, 0 };
	size_t cap = 0, r = 1;

	if (!d)
		return -1;
	/* A bzImage pads its payload: stop at the end of the first frame. */
	while (r && (src.pos < src.size || out->size == cap)) {
		ZSTD_outBuffer dst;

		if (out->size == cap && lvup_grow(out, &cap))
			break;
		dst = (ZSTD_outBuffer){ out->data, cap, out->size };
		r = ZSTD_decompressStream(d, &dst, &src);
		out->size = dst.pos;
		if (ZSTD_isError(r))
			break;
	}
	ZSTD_freeDStream(d);
	return r == 0 ? 0 : -1;
}

static int lvup_gunzip(const uint8_t *in, size_t len, struct lvup_buf *out)
{
	z_stream z = { .next_in = (Bytef *)in, .avail_in = len };
	size_t cap = 0;
	int r;

	if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK)
		return -1;
	do {
		if (out->size == cap && lvup_grow(out, &cap))
			break;
		z.next_out = out->data + out->size;
		z.avail_out = cap - out->size;
		r = inflate(&z, Z_NO_FLUSH);
		out->size = cap - z.avail_out;
	} while (r == Z_OK);
	inflateEnd(&z);
	return r == Z_STREAM_END ? 0 : -1;
}

/*
 * Decompresses @in into @out when it starts with a known magic.
 * Return: 1 when decompressed, 0 when not compressed, -1 on a bad stream.
 */
static int lvup_decompress(const uint8_t *in, size_t len, struct lvup_buf *out)
{
	static const uint8_t xz[] = { 0xfd, '7', 'z', 'X', 'Z', 0 };
	static const uint8_t zst[] = { 0x28, 0xb5, 0x2f, 0xfd };
	static const uint8_t gz[] = { 0x1f, 0x8b };

	if (len >= sizeof(xz) && !memcmp(in, xz, sizeof(xz)))
		return lvup_unxz(in, len, out) ? -1 : 1;
	if (len >= sizeof(zst) && !memcmp(in, zst, sizeof(zst)))
		return lvup_unzstd(in, len, out) ? -1 : 1;
	if (len >= sizeof(gz) && !memcmp(in, gz, sizeof(gz)))
		return lvup_gunzip(in, len, out) ? -1 : 1;
	return 0;
}

static uint32_t lvup_le32_at(const uint8_t *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

/*
 * A bzImage: "HdrS" at 0x202, boot protocol 2.08 or later for the payload
 * fields.  Return: 0 with the compressed payload's bounds, or -1.
 */
static int lvup_bzimage_payload(const uint8_t *buf, size_t size,
				size_t *off, size_t *len)
{
	size_t setup;

	if (size < 0x250 || memcmp(buf + 0x202, "HdrS", 4) ||
	    (buf[0x206] | buf[0x207] << 8) < 0x208)
		return -1;
	setup = ((size_t)(buf[0x1f1] ? buf[0x1f1] : 4) + 1) * 512;
	*off = setup + lvup_le32_at(buf + 0x248);
	*len = lvup_le32_at(buf + 0x24c);
	if (*off > size || *len > size - *off)
		return -1;
	return 0;
}

/* The section a caller wants, and how to check it and take its contents. */
struct lvup_want {
	const char *section;
	int (*parse)(const uint8_t *buf, size_t size, int big_endian,
		     void *out, char *why, size_t why_size);
	void *out;
};

static enum lvup_status lvup_elf_section(const uint8_t *buf, size_t size,
					 const struct lvup_want *want,
					 char *why, size_t why_size)
{
	enum lvup_status st = LVUP_NO_SECTION;
	Elf_Scn *scn = NULL;
	GElf_Ehdr eh;
	GElf_Shdr sh;
	size_t shstrndx;
	Elf_Data *data;
	const char *name;
	Elf *elf;

	elf = elf_memory((char *)buf, size);
	if (!elf || elf_kind(elf) != ELF_K_ELF) {
		snprintf(why, why_size, "not an ELF file");
		if (elf)
			elf_end(elf);
		return LVUP_BAD;
	}
	if (!gelf_getehdr(elf, &eh) || elf_getshdrstrndx(elf, &shstrndx) ||
	    eh.e_shoff > size ||
	    (uint64_t)eh.e_shnum * eh.e_shentsize > size - eh.e_shoff) {
		snprintf(why, why_size,
			 "ELF file truncated or malformed: its section headers are not all in its %zu bytes",
			 size);
		elf_end(elf);
		return LVUP_BAD;
	}
	while ((scn = elf_nextscn(elf, scn))) {
		if (!gelf_getshdr(scn, &sh))
			break;
		name = elf_strptr(elf, shstrndx, sh.sh_name);
		if (!name || strcmp(name, want->section))
			continue;
		data = elf_rawdata(scn, NULL);
		if (sh.sh_type == SHT_NOBITS || !data ||
		    data->d_size != sh.sh_size) {
			snprintf(why, why_size,
				 "section %s has no contents in the file",
				 want->section);
			st = LVUP_BAD;
			break;
		}
		st = want->parse(data->d_buf, data->d_size,
				 buf[EI_DATA] == ELFDATA2MSB, want->out, why,
				 why_size) ? LVUP_BAD : LVUP_LISTED;
		break;
	}
	elf_end(elf);
	return st;
}

/* @want's section in a file's bytes: ELF, bzImage or compressed ELF. */
static enum lvup_status lvup_of_buffer(const uint8_t *buf, size_t size,
				       const struct lvup_want *want,
				       char *why, size_t why_size)
{
	struct lvup_buf plain = { 0 };
	enum lvup_status st;
	size_t off, len;
	int r;

	if (lvup_bzimage_payload(buf, size, &off, &len) == 0) {
		r = lvup_decompress(buf + off, len, &plain);
		if (r <= 0) {
			snprintf(why, why_size,
				 "bzImage payload is %s", r ? "corrupt" :
				 "in a compression this tool does not read");
			free(plain.data);
			return LVUP_BAD;
		}
	} else {
		r = lvup_decompress(buf, size, &plain);
		if (r < 0) {
			snprintf(why, why_size, "corrupt compressed data");
			free(plain.data);
			return LVUP_BAD;
		}
	}
	if (r > 0)
		st = lvup_elf_section(plain.data, plain.size, want, why,
				      why_size);
	else
		st = lvup_elf_section(buf, size, want, why, why_size);
	if (st == LVUP_NO_SECTION)
		snprintf(why, why_size, "no %s section", want->section);
	free(plain.data);
	return st;
}

/* @want's section in the file at @path. */
static enum lvup_status lvup_read_file(const char *path,
				       const struct lvup_want *want,
				       char *why, size_t why_size)
{
	struct lvup_buf file = { 0 };
	enum lvup_status st;
	size_t cap = 0, n;
	FILE *f;

	f = fopen(path, "rb");
	if (!f) {
		snprintf(why, why_size, "cannot open: %s", strerror(errno));
		return LVUP_BAD;
	}
	for (;;) {
		if (file.size == cap && lvup_grow(&file, &cap)) {
			snprintf(why, why_size, "too big or out of memory");
			fclose(f);
			free(file.data);
			return LVUP_BAD;
		}
		n = fread(file.data + file.size, 1, cap - file.size, f);
		file.size += n;
		if (!n)
			break;
	}
	if (ferror(f)) {
		snprintf(why, why_size, "read error");
		st = LVUP_BAD;
	} else {
		st = lvup_of_buffer(file.data, file.size, want, why, why_size);
	}
	fclose(f);
	free(file.data);
	return st;
}

static int lvup_parse_versions(const uint8_t *buf, size_t size,
			       int big_endian, void *out, char *why,
			       size_t why_size)
{
	return lvup_parse(buf, size, big_endian, out, why, why_size);
}

static int lvup_parse_pins_of(const uint8_t *buf, size_t size,
			      int big_endian, void *out, char *why,
			      size_t why_size)
{
	return lvup_parse_pins(buf, size, big_endian, out, why, why_size);
}

/**
 * lvup_versions_of_buffer() - the versions a file's bytes list
 * @buf:      ELF, bzImage or compressed ELF.
 * @size:     Its size.
 * @out:      Entries are appended here.
 * @why:      What is wrong, when the result is LVUP_BAD or LVUP_NO_SECTION.
 * @why_size: Size of @why.
 *
 * Return: An &enum lvup_status.
 */
enum lvup_status lvup_versions_of_buffer(const uint8_t *buf, size_t size,
					 struct lvup_list *out, char *why,
					 size_t why_size)
{
	const struct lvup_want want = {
		LVUP_SECTION, lvup_parse_versions, out
	};

	return lvup_of_buffer(buf, size, &want, why, why_size);
}

/**
 * lvup_pins_of_buffer() - the pins a file's bytes hold
 * @buf:      ELF, or compressed ELF.
 * @size:     Its size.
 * @out:      Pins are appended here.
 * @why:      What is wrong, when the result is LVUP_BAD or LVUP_NO_SECTION.
 * @why_size: Size of @why.
 *
 * Return: An &enum lvup_status.
 */
enum lvup_status lvup_pins_of_buffer(const uint8_t *buf, size_t size,
				     struct lvup_pins *out, char *why,
				     size_t why_size)
{
	const struct lvup_want want = {
		LVUP_PINS_SECTION, lvup_parse_pins_of, out
	};

	return lvup_of_buffer(buf, size, &want, why, why_size);
}

/**
 * lvup_read_versions() - the versions a file lists
 * @path:     vmlinux, bzImage, or a module, compressed or not.
 * @out:      Entries are appended here.
 * @why:      What is wrong, when the result is not LVUP_LISTED.
 * @why_size: Size of @why.
 *
 * Return: An &enum lvup_status.
 */
enum lvup_status lvup_read_versions(const char *path, struct lvup_list *out,
				    char *why, size_t why_size)
{
	const struct lvup_want want = {
		LVUP_SECTION, lvup_parse_versions, out
	};

	return lvup_read_file(path, &want, why, why_size);
}

/**
 * lvup_read_pins() - the layout pins a module holds
 * @path:     A module, compressed or not (vmlinux holds none).
 * @out:      Pins are appended here.
 * @why:      What is wrong, when the result is not LVUP_LISTED.
 * @why_size: Size of @why.
 *
 * Return: An &enum lvup_status.
 */
enum lvup_status lvup_read_pins(const char *path, struct lvup_pins *out,
				char *why, size_t why_size)
{
	const struct lvup_want want = {
		LVUP_PINS_SECTION, lvup_parse_pins_of, out
	};

	return lvup_read_file(path, &want, why, why_size);
}
