// SPDX-License-Identifier: GPL-2.0
/*
 * Finds .liveupdate_versions, or a module's .liveupdate_pins, in what a
 * kernel ships: vmlinux, a module (.ko, or compressed: .ko.xz, .ko.zst,
 * .ko.gz), or a bzImage, whose payload is a compressed ELF vmlinux.
 * Compression is recognised by its magic, not by the file name.
 *
 * Nothing is read whole.  An ELF file is read through libelf on its file
 * descriptor: the ELF header, the section headers, the names of the
 * sections and the one section wanted.  Compressed data is decompressed as
 * a stream into an unnamed temporary file in $TMPDIR (blocks of zeros left
 * as holes; lvup_stream.c), which is then read the same way; so is a pipe,
 * copied first.
 * Memory stays a few hundred KiB of buffers, plus what the compression
 * format's decoder needs (its dictionary or window).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lvup_file.h"
#include "lvup_stream.h"

/* The window through which section names are read. */
#define LVUP_NAME_WINDOW	4096u
/* Sections larger than this are refused: 1 MiB is 21845 versions. */
#define LVUP_MAX_SECTION	(1u << 20)

static uint32_t lvup_le32_at(const uint8_t *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

/* The bytes lvup_bzimage_payload() looks at. */
#define LVUP_BZ_HEAD	0x250

/*
 * A bzImage: "HdrS" at 0x202, boot protocol 2.08 or later for the payload
 * fields.  @head holds the first @n bytes of a file of @size bytes.
 * Return: 0 with the compressed payload's bounds, or -1.
 */
static int lvup_bzimage_payload(const uint8_t *head, size_t n, uint64_t size,
				uint64_t *off, uint64_t *len)
{
	uint64_t setup;

	if (n < LVUP_BZ_HEAD || memcmp(head + 0x202, "HdrS", 4) ||
	    (head[0x206] | head[0x207] << 8) < 0x208)
		return -1;
	setup = ((uint64_t)(head[0x1f1] ? head[0x1f1] : 4) + 1) * 512;
	*off = setup + lvup_le32_at(head + 0x248);
	*len = lvup_le32_at(head + 0x24c);
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

/*
 * Whether the bytes of the section @sh, which @what names, are all in a
 * file of @size bytes: 0, or -1 with @why saying why not.
 */
static int lvup_in_file(const GElf_Shdr *sh, const char *what, uint64_t size,
			char *why, size_t why_size)
{
	unsigned long long off = sh->sh_offset, len = sh->sh_size;

	if (sh->sh_type == SHT_NOBITS) {
		snprintf(why, why_size,
			 "%s has no contents in the file: it is SHT_NOBITS",
			 what);
		return -1;
	}
	if (off + len < off) {
		snprintf(why, why_size,
			 "malformed ELF file: %s: offset %llu + size %llu overflows 64 bits",
			 what, off, len);
		return -1;
	}
	if (off > size) {
		snprintf(why, why_size,
			 "malformed ELF file: %s starts at offset %llu, past the end of the file (%llu bytes)",
			 what, off, (unsigned long long)size);
		return -1;
	}
	if (len > size - off) {
		snprintf(why, why_size,
			 "ELF file truncated: %s ends at offset %llu, past the end of the file (%llu bytes)",
			 what, off + len, (unsigned long long)size);
		return -1;
	}
	return 0;
}

/* The section name table, read through a window. */
struct lvup_names {
	int fd;
	uint64_t off;		/* where it is in the file */
	uint64_t size;
	uint64_t win;		/* the offset in the table of buf[0] */
	size_t len;		/* bytes in buf */
	char buf[LVUP_NAME_WINDOW];
};

/*
 * Whether the name at @at, below @t->size, is @name.
 * Return: 1 or 0, or -1 on a read error.
 */
static int lvup_name_is(struct lvup_names *t, uint64_t at, const char *name)
{
	size_t n = strlen(name) + 1;
	ssize_t r;

	if (n > t->size - at)
		return 0;
	if (at < t->win || at - t->win + n > t->len) {
		t->win = at - at % (LVUP_NAME_WINDOW / 2);
		r = lvup_pread(t->fd, t->buf, LVUP_NAME_WINDOW < t->size - t->win ?
			       LVUP_NAME_WINDOW : t->size - t->win,
			       t->off + t->win);
		t->len = r < 0 ? 0 : r;
		if (at - t->win + n > t->len)
			return -1;
	}
	return !memcmp(t->buf + (at - t->win), name, n);
}

/*
 * Checks the ELF header and section header table of @elf, a file of @size
 * bytes, and finds the section name table.
 * Return: 0 with @shnum and @names filled, or -1 with @why filled.
 */
static int lvup_elf_tables(Elf *elf, uint64_t size, size_t *shnum,
			   struct lvup_names *names, char *why,
			   size_t why_size)
{
	size_t shstrndx, entsize, count;
	Elf_Scn *scn;
	GElf_Ehdr eh;
	GElf_Shdr sh;

	if (!gelf_getehdr(elf, &eh) || elf_getshdrnum(elf, shnum)) {
		snprintf(why, why_size,
			 "ELF file truncated or malformed: libelf: %s",
			 elf_errmsg(-1));
		return -1;
	}
	/*
	 * libelf counts no section when their headers are not all in the
	 * file: the count is the ELF header's, or with more than 0xff00
	 * sections, section 0's, which must be in the file to be read.
	 */
	count = eh.e_shnum ? eh.e_shnum : *shnum;
	if (!count && eh.e_shoff)
		count = 1;
	if (!count)
		return 0;
	entsize = gelf_fsize(elf, ELF_T_SHDR, 1, EV_CURRENT);
	if (eh.e_shentsize != entsize) {
		snprintf(why, why_size,
			 "malformed ELF file: e_shentsize is %u, not %zu",
			 eh.e_shentsize, entsize);
		return -1;
	}
	if (eh.e_shoff > size || (uint64_t)count * entsize > size - eh.e_shoff) {
		snprintf(why, why_size,
			 "ELF file truncated or malformed: its section header table (%zu entries at offset %llu) ends past the end of the file (%llu bytes)",
			 count, (unsigned long long)eh.e_shoff,
			 (unsigned long long)size);
		return -1;
	}
	if (eh.e_shnum && *shnum != eh.e_shnum) {
		snprintf(why, why_size,
			 "malformed ELF file: libelf reads %zu of its %u sections",
			 *shnum, eh.e_shnum);
		return -1;
	}
	if (!*shnum)
		return 0;
	if (elf_getshdrstrndx(elf, &shstrndx)) {
		snprintf(why, why_size, "malformed ELF file: libelf: %s",
			 elf_errmsg(-1));
		return -1;
	}
	if (!shstrndx || shstrndx >= *shnum) {
		snprintf(why, why_size,
			 "malformed ELF file: e_shstrndx %zu is not one of its %zu sections",
			 shstrndx, *shnum);
		return -1;
	}
	scn = elf_getscn(elf, shstrndx);
	if (!scn || !gelf_getshdr(scn, &sh)) {
		snprintf(why, why_size,
			 "malformed ELF file: section %zu: libelf: %s",
			 shstrndx, elf_errmsg(-1));
		return -1;
	}
	if (sh.sh_type != SHT_STRTAB) {
		snprintf(why, why_size,
			 "malformed ELF file: e_shstrndx %zu is a section of type %u, not a string table",
			 shstrndx, sh.sh_type);
		return -1;
	}
	if (lvup_in_file(&sh, "the section name table (.shstrtab)", size,
			 why, why_size))
		return -1;
	names->off = sh.sh_offset;
	names->size = sh.sh_size;
	return 0;
}

/* @want's section in the ELF file @fd of @size bytes. */
static enum lvup_status lvup_elf_section(int fd, uint64_t size,
					 const struct lvup_want *want,
					 char *why, size_t why_size)
{
	enum lvup_status st = LVUP_BAD;
	struct lvup_names names = { .fd = fd };
	size_t shnum, i, found = 0, nr_found = 0;
	unsigned char ident[EI_NIDENT];
	uint8_t *data = NULL;
	char what[64];
	GElf_Shdr sh, wsh = { 0 };
	Elf_Scn *scn;
	ssize_t n;
	Elf *elf;
	int r;

	if (lvup_pread(fd, ident, EI_NIDENT, 0) != EI_NIDENT ||
	    memcmp(ident, ELFMAG, SELFMAG)) {
		snprintf(why, why_size, "not an ELF file");
		return LVUP_BAD;
	}
	if ((ident[EI_CLASS] != ELFCLASS32 && ident[EI_CLASS] != ELFCLASS64) ||
	    (ident[EI_DATA] != ELFDATA2LSB && ident[EI_DATA] != ELFDATA2MSB)) {
		snprintf(why, why_size,
			 "malformed ELF file: class %u and byte order %u are not 32 or 64 bits, little or big endian",
			 ident[EI_CLASS], ident[EI_DATA]);
		return LVUP_BAD;
	}
	/* ELF_C_READ: libelf reads what is asked for, with pread(). */
	elf = elf_begin(fd, ELF_C_READ, NULL);
	if (!elf || elf_kind(elf) != ELF_K_ELF) {
		snprintf(why, why_size,
			 "ELF file truncated or malformed: libelf: %s",
			 elf_errmsg(-1));
		goto out;
	}
	if (lvup_elf_tables(elf, size, &shnum, &names, why, why_size))
		goto out;
	/* Every name is checked, and every section of the name counted. */
	for (i = 1; i < shnum; i++) {
		scn = elf_getscn(elf, i);
		if (!scn || !gelf_getshdr(scn, &sh)) {
			snprintf(why, why_size,
				 "malformed ELF file: section %zu: libelf: %s",
				 i, elf_errmsg(-1));
			goto out;
		}
		if (sh.sh_name >= names.size) {
			snprintf(why, why_size,
				 "malformed ELF file: section %zu's name is at %u, outside .shstrtab (%llu bytes)",
				 i, sh.sh_name,
				 (unsigned long long)names.size);
			goto out;
		}
		r = lvup_name_is(&names, sh.sh_name, want->section);
		if (r < 0) {
			snprintf(why, why_size,
				 "cannot read .shstrtab: the file is shorter than it was");
			goto out;
		}
		if (r && !nr_found++) {
			found = i;
			wsh = sh;
		}
	}
	if (!nr_found) {
		snprintf(why, why_size, "no %s section", want->section);
		st = LVUP_NO_SECTION;
		goto out;
	}
	snprintf(what, sizeof(what), "section %s", want->section);
	if (lvup_in_file(&wsh, what, size, why, why_size))
		goto out;
	if (wsh.sh_size > LVUP_MAX_SECTION) {
		snprintf(why, why_size,
			 "section %s is %llu bytes, more than the %u this tool reads",
			 want->section, (unsigned long long)wsh.sh_size,
			 LVUP_MAX_SECTION);
		goto out;
	}
	data = malloc(wsh.sh_size ? wsh.sh_size : 1);
	if (!data) {
		snprintf(why, why_size, "out of memory");
		goto out;
	}
	n = lvup_pread(fd, data, wsh.sh_size, wsh.sh_offset);
	if (n != (ssize_t)wsh.sh_size) {
		snprintf(why, why_size, "cannot read section %s: %s",
			 want->section, n < 0 ? strerror(errno) :
			 "the file is shorter than it was");
		goto out;
	}
	if (want->parse(data, wsh.sh_size, ident[EI_DATA] == ELFDATA2MSB,
			want->out, why, why_size))
		goto out;
	st = LVUP_LISTED;
	/* The module loader, too, takes the first section of a name. */
	if (nr_found > 1)
		snprintf(why, why_size,
			 "%zu sections named %s: only the first (section %zu) is read",
			 nr_found, want->section, found);
out:
	free(data);
	if (elf)
		elf_end(elf);
	return st;
}

/* @want's section in the regular file @fd: ELF, bzImage or compressed ELF. */
static enum lvup_status lvup_of_file(int fd, const struct lvup_want *want,
				     char *why, size_t why_size)
{
	uint8_t head[LVUP_BZ_HEAD];
	enum lvup_status st;
	uint64_t off, len;
	lvup_decoder decode;
	struct stat sb;
	ssize_t n;
	int plain, bz;

	if (fstat(fd, &sb)) {
		snprintf(why, why_size, "cannot stat: %s", strerror(errno));
		return LVUP_BAD;
	}
	n = lvup_pread(fd, head, sizeof(head), 0);
	if (n < 0) {
		snprintf(why, why_size, "read error: %s", strerror(errno));
		return LVUP_BAD;
	}
	bz = !lvup_bzimage_payload(head, n, sb.st_size, &off, &len);
	if (bz) {
		n = lvup_pread(fd, head, len < 8 ? len : 8, off);
		if (n < 0) {
			snprintf(why, why_size, "read error: %s",
				 strerror(errno));
			return LVUP_BAD;
		}
	} else {
		off = 0;
		len = sb.st_size;
	}
	decode = lvup_decoder_of(head, n);
	if (!decode && bz) {
		snprintf(why, why_size,
			 "bzImage payload is in a compression this tool does not read");
		return LVUP_BAD;
	}
	if (!decode)
		return lvup_elf_section(fd, sb.st_size, want, why, why_size);
	plain = lvup_to_tmpfile(fd, decode, off, len,
				bz ? LVUP_FROM_BZIMAGE : LVUP_FROM_COMPRESSED,
				why, why_size);
	if (plain < 0)
		return LVUP_BAD;
	if (fstat(plain, &sb)) {
		snprintf(why, why_size, "cannot stat: %s", strerror(errno));
		st = LVUP_BAD;
	} else {
		st = lvup_elf_section(plain, sb.st_size, want, why, why_size);
	}
	close(plain);
	return st;
}

/* @want's section in @fd, a file or a pipe, which is not closed. */
static enum lvup_status lvup_of_fd(int fd, const struct lvup_want *want,
				   char *why, size_t why_size)
{
	enum lvup_status st;
	struct stat sb;
	int copy;

	if (why_size)
		why[0] = '\0';
	if (fstat(fd, &sb)) {
		snprintf(why, why_size, "cannot stat: %s", strerror(errno));
		return LVUP_BAD;
	}
	if (S_ISREG(sb.st_mode))
		return lvup_of_file(fd, want, why, why_size);
	/* A pipe or a device: copied, to be read at any offset. */
	copy = lvup_to_tmpfile(fd, NULL, 0, 0, LVUP_FROM_PIPE, why, why_size);
	if (copy < 0)
		return LVUP_BAD;
	st = lvup_of_file(copy, want, why, why_size);
	close(copy);
	return st;
}

/* @want's section in the file at @path, or standard input for "-". */
static enum lvup_status lvup_read_file(const char *path,
				       const struct lvup_want *want,
				       char *why, size_t why_size)
{
	enum lvup_status st;
	int fd;

	if (!strcmp(path, "-"))
		fd = dup(STDIN_FILENO);
	else
		fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		snprintf(why, why_size, "cannot open: %s", strerror(errno));
		return LVUP_BAD;
	}
	st = lvup_of_fd(fd, want, why, why_size);
	close(fd);
	return st;
}

/* Puts a buffer in a file: the readers all read files. */
static enum lvup_status lvup_of_buffer(const uint8_t *buf, size_t size,
				       const struct lvup_want *want,
				       char *why, size_t why_size)
{
	enum lvup_status st;
	int fd;

	fd = memfd_create("luo-versions", MFD_CLOEXEC);
	if (fd < 0) {
		snprintf(why, why_size, "memfd_create: %s", strerror(errno));
		return LVUP_BAD;
	}
	if (lvup_pwrite(fd, buf, size, 0)) {
		snprintf(why, why_size, "memfd: %s", strerror(errno));
		st = LVUP_BAD;
	} else {
		st = lvup_of_fd(fd, want, why, why_size);
	}
	close(fd);
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
 * @why:      As for lvup_read_versions().
 * @why_size: Size of @why.
 *
 * The bytes are copied into a memfd, then read as a file is.
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
 * @why:      As for lvup_read_versions().
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
 * @path:     vmlinux, bzImage, or a module, compressed or not; "-" for
 *            standard input, which may be a pipe.
 * @out:      Entries are appended here.
 * @why:      What is wrong, when the result is not LVUP_LISTED; with
 *            LVUP_LISTED, a warning, or an empty string.
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
 * @path:     A module, compressed or not (vmlinux holds none), or "-".
 * @out:      Pins are appended here.
 * @why:      As for lvup_read_versions().
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
