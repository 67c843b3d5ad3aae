// SPDX-License-Identifier: GPL-2.0
/*
 * luo-versions: read, compare and negotiate live update handler versions
 * between the running kernel and the next one, before updating to it.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lvup_file.h"
#include "lvup_versions.h"

#define EXIT_MISSING	1	/* a handler has no version in common */
#define EXIT_BAD_INPUT	2

static int opt_json;

static const char usage[] =
"NAME\n"
"	luo-versions - live update handler versions of two kernels\n"
"\n"
"SYNOPSIS\n"
"	luo-versions list [--json] PATH...\n"
"	luo-versions pins [--json] PATH...\n"
"	luo-versions running [--json]\n"
"	luo-versions check [--json] [--from PATH...] --next PATH...\n"
"	luo-versions apply [--json] [--from PATH...] --next PATH...\n"
"\n"
"DESCRIPTION\n"
"	A kernel lists, in its .liveupdate_versions section, every handler\n"
"	version (a compatible such as \"memfd-v2\") it can restore after a\n"
"	live update.  Before updating, check that the next kernel reads a\n"
"	version of every handler the running kernel hands over, and tell the\n"
"	running kernel which versions to write.\n"
"\n"
"	A PATH is a vmlinux, a bzImage, a module (.ko, .ko.xz, .ko.zst,\n"
"	.ko.gz), a directory, whose modules are all read, or - for standard\n"
"	input (a pipe too).  Files in a directory without the section are\n"
"	skipped; malformed ones are reported.  Compressed data is\n"
"	decompressed into a temporary file in $TMPDIR, up to 2048 MiB.\n"
"	A file with the section twice is read from the first, with a\n"
"	warning.\n"
"\n"
"COMMANDS\n"
"	list	The entries of each PATH, after checking the section: header\n"
"		magic and version, size of 8 + 48 * n bytes, every entry\n"
"		printable and NUL-terminated.\n"
"	pins	The layout pins of each module PATH (LUO_LAYOUT_PIN()): a\n"
"		version's compatible and its fingerprint, after checking the\n"
"		section: size of 56 * n bytes, every compatible as in list,\n"
"		fingerprints not 0, no version pinned twice.\n"
"	running	What the running kernel restores now, from\n"
"		$LUO_SYSFS/versions (default /sys/kernel/liveupdate).\n"
"	check	For each handler, the versions this side writes, those the\n"
"		next side reads, and the one that will be used: the newest in\n"
"		both.  This side is the running kernel, or the files given\n"
"		with --from.\n"
"	apply	As check, then writes the next side's versions to\n"
"		$LUO_SYSFS/target_versions, so that handlers write versions\n"
"		the next kernel reads, and refuse to preserve otherwise.\n"
"\n"
"OPTIONS\n"
"	--json		Machine-readable output, on standard output.\n"
"	--from PATH...	This side's files, instead of the running kernel.\n"
"	--next PATH...	The next kernel's files: its image and modules.\n"
"	-h, --help	This text.\n"
"\n"
"EXIT STATUS\n"
"	0	Everything listed; every handler has a version in common.\n"
"	1	list, pins: a named file has no section.  check, apply: some\n"
"		handler has no version in common; they are listed.\n"
"	2	Bad input: unreadable, not ELF, malformed ELF or section, bad\n"
"		usage;\n"
"		or apply could not write to the running kernel.\n"
"\n"
"EXAMPLE\n"
"	luo-versions check --next /boot/vmlinuz-6.13 /lib/modules/6.13\n";

struct lvup_side {
	struct lvup_list entries;
	struct lvup_pins pins;
	int want_pins;
	int bad;
	int missing;
};

static void json_string(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			printf("\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			printf("\\u%04x", *s);
		else
			putchar(*s);
	}
	putchar('"');
}

static int has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcmp(s + n - m, suffix);
}

static int is_module(const char *name)
{
	return has_suffix(name, ".ko") || has_suffix(name, ".ko.xz") ||
	       has_suffix(name, ".ko.zst") || has_suffix(name, ".ko.gz");
}

/* Reports one file for pins. */
static void report_pins(const char *path, enum lvup_status st,
			const struct lvup_pins *p, size_t first,
			const char *why, int *sep)
{
	size_t i;

	if (opt_json) {
		printf("%s\n    {\"path\": ", *sep ? "," : "");
		json_string(path);
		printf(", \"status\": \"%s\"", st == LVUP_LISTED ? "listed" :
		       st == LVUP_BAD ? "bad" : "no-section");
		if (*why) {
			printf(", \"%s\": ", st == LVUP_LISTED ? "warning" :
			       "error");
			json_string(why);
		}
		printf(", \"pins\": [");
		for (i = first; i < p->nr; i++) {
			printf("%s{\"compatible\": ", i > first ? ", " : "");
			json_string(p->compatible[i]);
			printf(", \"fingerprint\": \"0x%016llx\"}",
			       (unsigned long long)p->fingerprint[i]);
		}
		printf("]}");
		*sep = 1;
		return;
	}
	if (st != LVUP_LISTED || *why)
		fprintf(stderr, "luo-versions: %s: %s%s\n", path,
			st == LVUP_LISTED ? "warning: " : "", why);
	if (st != LVUP_LISTED)
		return;
	for (i = first; i < p->nr; i++)
		printf("%-47s  0x%016llx  %s\n", p->compatible[i],
		       (unsigned long long)p->fingerprint[i], path);
}

/* Reports one file for list; in_dir files without the section are quiet. */
static void report_file(const char *path, enum lvup_status st,
			const struct lvup_list *l, size_t first,
			const char *why, int *sep)
{
	size_t i;

	if (opt_json) {
		printf("%s\n    {\"path\": ", *sep ? "," : "");
		json_string(path);
		printf(", \"status\": \"%s\"", st == LVUP_LISTED ? "listed" :
		       st == LVUP_BAD ? "bad" : "no-section");
		if (*why) {
			printf(", \"%s\": ", st == LVUP_LISTED ? "warning" :
			       "error");
			json_string(why);
		}
		printf(", \"entries\": [");
		for (i = first; i < l->nr; i++) {
			printf("%s", i > first ? ", " : "");
			json_string(l->entry[i]);
		}
		printf("]}");
		*sep = 1;
		return;
	}
	if (st != LVUP_LISTED || *why)
		fprintf(stderr, "luo-versions: %s: %s%s\n", path,
			st == LVUP_LISTED ? "warning: " : "", why);
	if (st != LVUP_LISTED)
		return;
	for (i = first; i < l->nr; i++)
		printf("%-47s  %s\n", l->entry[i], path);
}

static void read_path(const char *path, int in_dir, struct lvup_side *side,
		      int report, int *sep);

static void read_dir(const char *path, struct lvup_side *side, int report,
		     int *sep)
{
	struct dirent **names;
	char *child;
	int n, i;

	n = scandir(path, &names, NULL, alphasort);
	if (n < 0) {
		fprintf(stderr, "luo-versions: %s: %s\n", path, strerror(errno));
		side->bad = 1;
		return;
	}
	for (i = 0; i < n; i++) {
		const char *name = names[i]->d_name;

		if (strcmp(name, ".") && strcmp(name, "..") &&
		    asprintf(&child, "%s/%s", path, name) >= 0) {
			read_path(child, 1, side, report, sep);
			free(child);
		}
		free(names[i]);
	}
	free(names);
}

static void read_path(const char *path, int in_dir, struct lvup_side *side,
		      int report, int *sep)
{
	size_t first = side->want_pins ? side->pins.nr : side->entries.nr;
	enum lvup_status st;
	char why[256] = "";
	struct stat sb;

	/* In a directory, links are not followed: /lib/modules/X/build is one. */
	if (!in_dir && !strcmp(path, "-"))
		sb.st_mode = S_IFIFO;	/* standard input, whatever it is */
	else if (in_dir ? lstat(path, &sb) : stat(path, &sb)) {
		fprintf(stderr, "luo-versions: %s: %s\n", path, strerror(errno));
		side->bad = 1;
		return;
	}
	if (S_ISDIR(sb.st_mode)) {
		read_dir(path, side, report, sep);
		return;
	}
	if (in_dir && (!S_ISREG(sb.st_mode) || !is_module(path)))
		return;
	if (side->want_pins)
		st = lvup_read_pins(path, &side->pins, why, sizeof(why));
	else
		st = lvup_read_versions(path, &side->entries, why, sizeof(why));
	if (st == LVUP_BAD)
		side->bad = 1;
	if (st == LVUP_NO_SECTION && in_dir)
		return;
	if (st == LVUP_NO_SECTION)
		side->missing = 1;
	if (report && side->want_pins)
		report_pins(path, st, &side->pins, first, why, sep);
	else if (report)
		report_file(path, st, &side->entries, first, why, sep);
	else if (st == LVUP_BAD || (st == LVUP_LISTED && *why))
		fprintf(stderr, "luo-versions: %s: %s%s\n", path,
			st == LVUP_LISTED ? "warning: " : "", why);
}

/* list, or with @pins, pins: what each PATH holds. */
static int cmd_list(int argc, char **argv, int pins)
{
	struct lvup_side side = { .want_pins = pins };
	int i, sep = 0;

	if (!argc) {
		fprintf(stderr, "luo-versions: %s: no PATH\n",
			pins ? "pins" : "list");
		return EXIT_BAD_INPUT;
	}
	if (opt_json)
		printf("{\"files\": [");
	for (i = 0; i < argc; i++)
		read_path(argv[i], 0, &side, 1, &sep);
	if (opt_json)
		printf("\n]}\n");
	lvup_list_free(&side.entries);
	lvup_pins_free(&side.pins);
	return side.bad ? EXIT_BAD_INPUT : side.missing ? EXIT_MISSING : 0;
}

static const char *sysfs_dir(void)
{
	const char *dir = getenv("LUO_SYSFS");

	return dir && *dir ? dir : "/sys/kernel/liveupdate";
}

/* The running kernel's listing, one compatible per line. */
static int read_running(struct lvup_list *l)
{
	char path[4096], line[256];
	FILE *f;
	int err = 0;

	snprintf(path, sizeof(path), "%s/versions", sysfs_dir());
	f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "luo-versions: %s: %s (is liveupdate loaded?)\n",
			path, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		if (!*line)
			continue;
		if (strlen(line) >= LVUP_ENTRY_SIZE || lvup_list_add(l, line)) {
			fprintf(stderr, "luo-versions: %s: bad entry '%.60s'\n",
				path, line);
			err = -1;
			break;
		}
	}
	fclose(f);
	return err;
}

static int cmd_running(void)
{
	struct lvup_list l = { 0 };
	size_t i;

	if (read_running(&l))
		return EXIT_BAD_INPUT;
	if (opt_json)
		printf("{\"running\": [");
	for (i = 0; i < l.nr; i++) {
		if (opt_json) {
			printf("%s", i ? ", " : "");
			json_string(l.entry[i]);
		} else {
			printf("%s\n", l.entry[i]);
		}
	}
	if (opt_json)
		printf("]}\n");
	lvup_list_free(&l);
	return 0;
}

static void print_versions(const struct lvup_versions *v)
{
	size_t i;

	for (i = 0; i < v->nr; i++) {
		if (opt_json)
			printf("%s%u", i ? ", " : "", v->v[i]);
		else
			printf("%sv%u", i ? " " : "", v->v[i]);
	}
	if (!v->nr && !opt_json)
		printf("-");
}

static int width_of(const struct lvup_versions *v)
{
	char buf[16];
	int w = 0;
	size_t i;

	for (i = 0; i < v->nr; i++)
		w += snprintf(buf, sizeof(buf), "%sv%u", i ? " " : "", v->v[i]);
	return w ? w : 1;
}

static void print_plan(const struct lvup_plan *p)
{
	int wn = 7, ww = 6, wr = 10, pad;
	size_t i;

	for (i = 0; i < p->nr; i++) {
		if ((int)strlen(p->h[i].base) > wn)
			wn = strlen(p->h[i].base);
		if (width_of(&p->h[i].writes) > ww)
			ww = width_of(&p->h[i].writes);
		if (width_of(&p->h[i].reads) > wr)
			wr = width_of(&p->h[i].reads);
	}
	if (opt_json) {
		printf("{\"handlers\": [");
		for (i = 0; i < p->nr; i++) {
			printf("%s\n    {\"name\": ", i ? "," : "");
			json_string(p->h[i].base);
			printf(", \"writes\": [");
			print_versions(&p->h[i].writes);
			printf("], \"next_reads\": [");
			print_versions(&p->h[i].reads);
			if (p->h[i].use)
				printf("], \"use\": %u}", p->h[i].use);
			else
				printf("], \"use\": null}");
		}
		printf("\n], \"ok\": %s}\n", p->missing ? "false" : "true");
		return;
	}
	printf("%-*s  %-*s  %-*s  %s\n", wn, "HANDLER", ww, "WRITES", wr,
	       "NEXT READS", "USE");
	for (i = 0; i < p->nr; i++) {
		printf("%-*s  ", wn, p->h[i].base);
		print_versions(&p->h[i].writes);
		pad = ww - width_of(&p->h[i].writes);
		printf("%*s  ", pad, "");
		print_versions(&p->h[i].reads);
		pad = wr - width_of(&p->h[i].reads);
		if (p->h[i].use)
			printf("%*s  v%u\n", pad, "", p->h[i].use);
		else
			printf("%*s  NONE\n", pad, "");
	}
	if (p->missing)
		fprintf(stderr, "luo-versions: %zu handler(s) without a version in common\n",
			p->missing);
}

/* Writes the next side's entries to the running kernel. */
static int write_target(const struct lvup_list *next)
{
	char path[4096];
	size_t i, len;
	ssize_t n;
	char *text;
	int fd, err = 0;

	text = malloc(next->nr * LVUP_ENTRY_SIZE + 1);
	if (!text)
		return -1;
	for (i = 0, len = 0; i < next->nr; i++)
		len += sprintf(text + len, "%s\n", next->entry[i]);
	snprintf(path, sizeof(path), "%s/target_versions", sysfs_dir());
	fd = open(path, O_WRONLY | O_TRUNC);
	if (fd < 0) {
		fprintf(stderr, "luo-versions: %s: %s\n", path, strerror(errno));
		free(text);
		return -1;
	}
	for (i = 0; i < len; i += n) {
		n = write(fd, text + i, len - i);
		if (n <= 0) {
			fprintf(stderr, "luo-versions: %s: %s\n", path,
				n ? strerror(errno) : "short write");
			err = -1;
			break;
		}
	}
	close(fd);
	free(text);
	return err;
}

static int cmd_check(int argc, char **argv, int apply)
{
	struct lvup_side from = { 0 }, next = { 0 };
	struct lvup_plan plan = { 0 };
	struct lvup_side *side = NULL;
	int i, ret, sep = 0, have_from = 0, nr_next = 0;

	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--from")) {
			side = &from;
			have_from = 1;
			continue;
		}
		if (!strcmp(argv[i], "--next")) {
			side = &next;
			continue;
		}
		if (!side) {
			fprintf(stderr, "luo-versions: %s before --from or --next\n",
				argv[i]);
			return EXIT_BAD_INPUT;
		}
		nr_next += side == &next;
		read_path(argv[i], 0, side, 0, &sep);
	}
	if (!nr_next) {
		fprintf(stderr, "luo-versions: no --next PATH\n");
		return EXIT_BAD_INPUT;
	}
	if (!have_from && read_running(&from.entries))
		from.bad = 1;
	if (from.bad || next.bad) {
		ret = EXIT_BAD_INPUT;
		goto out;
	}
	if (lvup_plan(&from.entries, &next.entries, &plan)) {
		fprintf(stderr, "luo-versions: out of memory\n");
		ret = EXIT_BAD_INPUT;
		goto out;
	}
	print_plan(&plan);
	ret = plan.missing ? EXIT_MISSING : 0;
	if (apply && !next.entries.nr) {
		fprintf(stderr, "luo-versions: next kernel lists no version, nothing applied\n");
		ret = EXIT_BAD_INPUT;
	} else if (apply && write_target(&next.entries)) {
		ret = EXIT_BAD_INPUT;
	}
out:
	lvup_plan_free(&plan);
	lvup_list_free(&from.entries);
	lvup_list_free(&next.entries);
	return ret;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *cmd;
	int c;

	/* Options stop at the first operand: --from and --next are the command's. */
	while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			opt_json = 1;
			break;
		case 'h':
			fputs(usage, stdout);
			return 0;
		default:
			fputs(usage, stderr);
			return EXIT_BAD_INPUT;
		}
	}
	if (optind >= argc) {
		fputs(usage, stderr);
		return EXIT_BAD_INPUT;
	}
	cmd = argv[optind++];
	if (optind < argc && !strcmp(argv[optind], "--json")) {
		opt_json = 1;
		optind++;
	}
	if (elf_version(EV_CURRENT) == EV_NONE) {
		fprintf(stderr, "luo-versions: libelf: %s\n", elf_errmsg(-1));
		return EXIT_BAD_INPUT;
	}
	if (!strcmp(cmd, "list"))
		return cmd_list(argc - optind, argv + optind, 0);
	if (!strcmp(cmd, "pins"))
		return cmd_list(argc - optind, argv + optind, 1);
	if (!strcmp(cmd, "running") && optind == argc)
		return cmd_running();
	if (!strcmp(cmd, "check"))
		return cmd_check(argc - optind, argv + optind, 0);
	if (!strcmp(cmd, "apply"))
		return cmd_check(argc - optind, argv + optind, 1);
	fprintf(stderr, "luo-versions: unknown command or arguments: %s\n"
		"Try 'luo-versions --help'.\n", cmd);
	return EXIT_BAD_INPUT;
}
