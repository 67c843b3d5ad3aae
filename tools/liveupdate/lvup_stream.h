/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Copying or decompressing input into a temporary file, for lvup_file.c.
 */
#ifndef _LVUP_STREAM_H
#define _LVUP_STREAM_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* How copying or decompressing into a temporary file went. */
enum lvup_copy {
	LVUP_COPY_OK,
	LVUP_COPY_CORRUPT,	/* not a valid stream, or it ends early */
	LVUP_COPY_TOO_BIG,	/* more than lvup_max_image bytes */
	LVUP_COPY_READ,		/* reading the input failed: errno */
	LVUP_COPY_WRITE,	/* writing the temporary file failed: errno */
	LVUP_COPY_NOMEM,
};

struct lvup_source;
struct lvup_sink;

/* A compression format's decoder: @in's stream into @out's file. */
typedef enum lvup_copy (*lvup_decoder)(struct lvup_source *in,
				       struct lvup_sink *out);

/* What lvup_to_tmpfile() copies, for its messages. */
enum lvup_from {
	LVUP_FROM_PIPE,		/* a pipe, copied as it is */
	LVUP_FROM_COMPRESSED,	/* a compressed file */
	LVUP_FROM_BZIMAGE,	/* a bzImage's compressed payload */
};

ssize_t lvup_pread(int fd, void *buf, size_t n, uint64_t off);
int lvup_pwrite(int fd, const uint8_t *p, size_t n, uint64_t off);
lvup_decoder lvup_decoder_of(const uint8_t *head, size_t len);
int lvup_to_tmpfile(int fd, lvup_decoder decode, uint64_t off, uint64_t len,
		    enum lvup_from from, char *why, size_t why_size);

#endif /* _LVUP_STREAM_H */
