// SPDX-License-Identifier: GPL-2.0
/*
 * Damage what mainline's orchestrator handed over, in the next kernel,
 * before anything reads it: LUO rebuilds its sessions when /dev/liveupdate
 * is first opened, and a handler reads a file's state when it is
 * retrieved.  The root of LUO's handover (struct luo_ser) is freed once
 * read at boot, so the tool finds what it damages by scanning System RAM
 * through /dev/mem (a test kernel without STRICT_DEVMEM) for pages laid
 * out as LUO's KHO ABI says (include/linux/kho/abi/luo.h and block.h,
 * luo-v5: a block is a page, a {next, count} header, then its entries):
 *
 *   luo_kho_poke NAME state TEXT OFFSET
 *	the framework state (a page starting "LUOS") that holds TEXT: flips
 *	the bits of its byte OFFSET
 *   luo_kho_poke NAME compatible COMPATIBLE TOKEN
 *	the file entry of that compatible and token: flips the case of the
 *	second letter of its compatible
 *   luo_kho_poke NAME count SESSION
 *	the session entry of that name: adds one to its file count
 *
 * Each must find exactly one match.  Prints a one-case KTAP document.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PAGE		4096
#define CHUNK		(1 << 20)
#define HEADER		16	/* struct kho_block_header_ser */
#define SESSION_SIZE	80	/* struct luo_session_ser: name[64], files, count */
#define FILE_SIZE	64	/* struct luo_file_ser: compatible[48], data, token */

static const char *case_name;
static int mem;

static void __attribute__((noreturn)) fail(const char *fmt, ...)
{
	va_list ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\nnot ok 1 %s\n", case_name);
	exit(1);
}

/* What is searched for, and where it was found. */
struct target {
	const char *mode, *text;
	uint64_t token;
	uint64_t found;		/* physical address of the byte to change */
	unsigned int matches;
};

static uint64_t le64(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, 8);
	return v;
}

/* The entries of a block page: @size bytes each, if its header says so. */
static unsigned int block_entries(const uint8_t *page, size_t size)
{
	uint64_t count = le64(page + 8);

	return count <= (PAGE - HEADER) / size ? count : 0;
}

static void match_page(struct target *t, const uint8_t *page, uint64_t pa)
{
	unsigned int i, n;
	const uint8_t *e;

	if (!strcmp(t->mode, "state")) {
		if (!memcmp(page, "LUOS", 4) &&
		    memmem(page, PAGE, t->text, strlen(t->text))) {
			t->found = pa;
			t->matches++;
		}
		return;
	}
	if (!strcmp(t->mode, "compatible")) {
		n = block_entries(page, FILE_SIZE);
		for (i = 0, e = page + HEADER; i < n; i++, e += FILE_SIZE)
			if (!strncmp((const char *)e, t->text, 48) &&
			    le64(e + 56) == t->token) {
				t->found = pa + (e - page) + 1;
				t->matches++;
			}
		return;
	}
	n = block_entries(page, SESSION_SIZE);
	for (i = 0, e = page + HEADER; i < n; i++, e += SESSION_SIZE)
		if (!strncmp((const char *)e, t->text, 64) && le64(e + 72)) {
			t->found = pa + (e - page) + 72;
			t->matches++;
		}
}

/* Every page of [start, end] that reads. */
static void scan_range(struct target *t, uint64_t start, uint64_t end,
		       uint8_t *buf)
{
	uint64_t pa, off;
	ssize_t n;

	for (pa = start & ~(uint64_t)(PAGE - 1); pa < end; pa += CHUNK) {
		n = pread(mem, buf, CHUNK, pa);
		if (n < PAGE)
			continue;
		for (off = 0; off + PAGE <= (uint64_t)n; off += PAGE)
			match_page(t, buf + off, pa + off);
	}
}

static void scan_ram(struct target *t)
{
	FILE *iomem = fopen("/proc/iomem", "r");
	unsigned long long start, end;
	char line[256];
	uint8_t *buf = malloc(CHUNK);

	if (!iomem || !buf)
		fail("/proc/iomem: %s", strerror(errno));
	while (fgets(line, sizeof(line), iomem)) {
		/* Top-level ranges only: no leading space. */
		if (line[0] == ' ' || !strstr(line, ": System RAM"))
			continue;
		if (sscanf(line, "%llx-%llx", &start, &end) == 2 &&
		    end > (1 << 20))
			scan_range(t, start < (1 << 20) ? 1 << 20 : start,
				   end, buf);
	}
	fclose(iomem);
	free(buf);
}

int main(int argc, char **argv)
{
	struct target t = { 0 };
	uint64_t value;
	uint8_t bits = 0;
	int width = 1;

	if (argc < 4 || (!strcmp(argv[2], "count") ? argc != 4 : argc != 5)) {
		fprintf(stderr, "usage: luo_kho_poke NAME state TEXT OFFSET | compatible COMPATIBLE TOKEN | count SESSION\n");
		return 2;
	}
	case_name = argv[1];
	t.mode = argv[2];
	t.text = argv[3];
	printf("KTAP version 1\n1..1\n");
	if (strcmp(t.mode, "state") && strcmp(t.mode, "compatible") &&
	    strcmp(t.mode, "count"))
		fail("unknown damage '%s'", t.mode);
	if (!strcmp(t.mode, "compatible"))
		t.token = strtoull(argv[4], NULL, 0);
	mem = open("/dev/mem", O_RDWR | O_SYNC);
	if (mem < 0)
		fail("/dev/mem: %s", strerror(errno));
	scan_ram(&t);
	if (t.matches != 1)
		fail("%u matches for %s '%s', want 1", t.matches, t.mode,
		     t.text);
	if (!strcmp(t.mode, "state")) {
		t.found += strtoull(argv[4], NULL, 0);
		bits = 0xff;
	} else if (!strcmp(t.mode, "compatible")) {
		bits = 0x20;
	} else {
		width = 8;
	}
	value = 0;
	if (pread(mem, &value, width, t.found) != width)
		fail("read at %#llx: %s", (unsigned long long)t.found,
		     strerror(errno));
	value = width == 8 ? value + 1 : value ^ bits;
	if (pwrite(mem, &value, width, t.found) != width)
		fail("write at %#llx: %s", (unsigned long long)t.found,
		     strerror(errno));
	printf("# %s '%s': changed %d byte(s) at %#llx\n", t.mode, t.text,
	       width, (unsigned long long)t.found);
	printf("ok 1 %s\n", case_name);
	return 0;
}
