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
 *   luo_kho_poke NAME fdt
 *	in the first kernel, before the kexec: KHO's own FDT, which the
 *	next kernel checks at early boot: flips the case of the first
 *	letter of its "kho-v<N>" compatible
 *
 * Each must find exactly one match.  Prints a one-case KTAP document.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/types.h>

#include "ktap.h"

#define PAGE		4096
#define CHUNK		(1024 * 1024)
#define LOW_MEM		(1024 * 1024)	/* BIOS and real mode: not scanned */
#define HEADER		16	/* struct kho_block_header_ser */
#define SESSION_SIZE	80	/* struct luo_session_ser: name[64], files, count */
#define FILE_SIZE	64	/* struct luo_file_ser: compatible[48], data, token */

static const char *case_name;
static int mem;

static __noreturn __printf(1, 2) void fail(const char *fmt, ...)
{
	va_list ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\nnot ok 1 %s\n", case_name);
	exit(1);
}

/* A number up to @max, or the run fails. */
static __u64 number(const char *s, __u64 max)
{
	unsigned long long v;
	char *end;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (!*s || *end || errno || v > max)
		fail("'%s' is not a value up to %llu", s,
		     (unsigned long long)max);
	return v;
}

/* What is searched for, and where it was found. */
struct target {
	const char *mode, *text;
	__u64 token;
	__u64 found;		/* physical address of the byte to change */
	unsigned int matches;
};

static __u64 le64(const __u8 *p)
{
	__u64 v;

	memcpy(&v, p, 8);
	return v;
}

/* The entries of a block page: @size bytes each, if its header says so. */
static unsigned int block_entries(const __u8 *page, size_t size)
{
	__u64 count = le64(page + 8);

	return count <= (PAGE - HEADER) / size ? count : 0;
}

static void match_page(struct target *t, const __u8 *page, __u64 pa)
{
	unsigned int i, n;
	const __u8 *e;

	if (!strcmp(t->mode, "state")) {
		if (!memcmp(page, "LUOS", 4) &&
		    memmem(page, PAGE, t->text, strlen(t->text))) {
			t->found = pa;
			t->matches++;
		}
		return;
	}
	if (!strcmp(t->mode, "fdt")) {
		static const __u8 magic[] = { 0xd0, 0x0d, 0xfe, 0xed };
		const __u8 *kho = memmem(page, PAGE, "kho-v", 5);

		if (!memcmp(page, magic, 4) && kho) {
			t->found = pa + (kho - page);
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
static void scan_range(struct target *t, __u64 start, __u64 end,
		       __u8 *buf)
{
	__u64 pa, off;
	ssize_t n;

	for (pa = start & ~(__u64)(PAGE - 1); pa < end; pa += CHUNK) {
		/* Not past the range: /dev/mem refuses a read that is. */
		n = pread(mem, buf, end + 1 - pa < CHUNK ? end + 1 - pa : CHUNK,
			  pa);
		if (n < PAGE)
			continue;
		for (off = 0; off + PAGE <= (__u64)n; off += PAGE)
			match_page(t, buf + off, pa + off);
	}
}

static void scan_ram(struct target *t)
{
	FILE *iomem = fopen("/proc/iomem", "r");
	unsigned long long start, end;
	char line[256];
	__u8 *buf = malloc(CHUNK);

	if (!iomem || !buf)
		fail("/proc/iomem: %s", strerror(errno));
	while (fgets(line, sizeof(line), iomem)) {
		/* Top-level ranges only: no leading space. */
		if (line[0] == ' ' || !strstr(line, ": System RAM"))
			continue;
		if (sscanf(line, "%llx-%llx", &start, &end) == 2 &&
		    end > LOW_MEM)
			scan_range(t, start < LOW_MEM ? LOW_MEM : start, end,
				   buf);
	}
	fclose(iomem);
	free(buf);
}

int main(int argc, char **argv)
{
	struct target t = { 0 };
	__u64 value;
	__u8 bits = 0;
	int width = 1;

	if (argc < 3 ||
	    argc != (!strcmp(argv[2], "fdt") ? 3 :
		     !strcmp(argv[2], "count") ? 4 : 5)) {
		fprintf(stderr,
			"usage: luo_kho_poke NAME state TEXT OFFSET\n"
			"       luo_kho_poke NAME compatible COMPATIBLE TOKEN\n"
			"       luo_kho_poke NAME count SESSION\n"
			"       luo_kho_poke NAME fdt\n");
		return 2;
	}
	case_name = argv[1];
	t.mode = argv[2];
	t.text = argc > 3 ? argv[3] : "kho-v";
	printf("KTAP version 1\n1..1\n");
	if (strcmp(t.mode, "state") && strcmp(t.mode, "compatible") &&
	    strcmp(t.mode, "count") && strcmp(t.mode, "fdt"))
		fail("unknown damage '%s'", t.mode);
	if (!strcmp(t.mode, "compatible"))
		t.token = number(argv[4], ~0ULL);
	mem = open("/dev/mem", O_RDWR | O_SYNC);
	if (mem < 0)
		fail("/dev/mem: %s", strerror(errno));
	scan_ram(&t);
	if (t.matches != 1)
		fail("%u matches for %s '%s', want 1", t.matches, t.mode,
		     t.text);
	if (!strcmp(t.mode, "state")) {
		t.found += number(argv[4], PAGE - 1);
		bits = 0xff;
	} else if (!strcmp(t.mode, "compatible") || !strcmp(t.mode, "fdt")) {
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
