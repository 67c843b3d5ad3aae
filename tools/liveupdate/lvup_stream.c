// SPDX-License-Identifier: GPL-2.0
/*
 * Streams what luo-versions reads into an unnamed temporary file in $TMPDIR,
 * for lvup_file.c to read at any offset: a pipe copied as it comes, or xz,
 * zstd or gzip data decompressed.  Blocks of zeros are left as holes, and
 * the output is capped (lvup_limit_image()).  Memory stays the two chunk
 * buffers, plus what the compression format's decoder needs (its dictionary
 * or window).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <lzma.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include "lvup_file.h"
#include "lvup_stream.h"

/* What liblzma may use: a 128 MiB window and its decoder's state. */
#define LVUP_XZ_MEMLIMIT	(160ull << 20)

/* Buffers of the streams: compressed bytes in, decompressed bytes out. */
#define LVUP_IN_CHUNK	(64u << 10)
#define LVUP_OUT_CHUNK	(128u << 10)
/* Holes are left for zero blocks of this size in temporary files. */
#define LVUP_BLOCK	4096u

/* Decompressed images larger than this are refused: no kernel is. */
static uint64_t lvup_max_image = (uint64_t)LVUP_MAX_IMAGE_MIB << 20;

/**
 * lvup_limit_image() - lower the cap on a decompressed image
 * @bytes: The new cap, at most LVUP_MAX_IMAGE_MIB MiB; 0 restores that.
 *
 * For the fuzzer, whose inputs must not each write gigabytes.
 */
void lvup_limit_image(uint64_t bytes)
{
	uint64_t max = (uint64_t)LVUP_MAX_IMAGE_MIB << 20;

	lvup_max_image = bytes && bytes < max ? bytes : max;
}

/* Reads @n bytes at @off: returns how many (fewer at the end), or -1. */
ssize_t lvup_pread(int fd, void *buf, size_t n, uint64_t off)
{
	size_t done = 0;
	ssize_t r;

	while (done < n) {
		r = pread(fd, (char *)buf + done, n - done, off + done);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (!r)
			break;
		done += r;
	}
	return done;
}

static const char *lvup_tmpdir(void)
{
	const char *dir = getenv("TMPDIR");

	return dir && *dir ? dir : "/tmp";
}

/* An unnamed temporary file in $TMPDIR, gone once closed; or -1. */
static int lvup_tmpfile(char *why, size_t why_size)
{
	const char *dir = lvup_tmpdir();
	char *name;
	int fd;

	fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (fd >= 0)
		return fd;
	/* A file system without O_TMPFILE: a named file, unlinked at once. */
	if (asprintf(&name, "%s/luo-versions.XXXXXX", dir) < 0) {
		snprintf(why, why_size, "out of memory");
		return -1;
	}
	fd = mkostemp(name, O_CLOEXEC);
	if (fd >= 0)
		unlink(name);
	else
		snprintf(why, why_size, "cannot create a temporary file in %s: %s",
			 dir, strerror(errno));
	free(name);
	return fd;
}

/* A temporary file being written, and the output buffer of a stream. */
struct lvup_sink {
	int fd;
	uint64_t size;		/* bytes written so far, holes included */
	uint8_t *buf;		/* LVUP_OUT_CHUNK bytes */
	int error;		/* errno of a failed write */
};

static int lvup_zero_block(const uint8_t *p, size_t n)
{
	return !p[0] && !memcmp(p, p + 1, n - 1);
}

int lvup_pwrite(int fd, const uint8_t *p, size_t n, uint64_t off)
{
	ssize_t r;

	while (n) {
		r = pwrite(fd, p, n, off);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			if (!r)
				errno = ENOSPC;
			return -1;
		}
		p += r;
		n -= r;
		off += r;
	}
	return 0;
}

/*
 * Appends @n bytes to @s's file, leaving a hole for each block of zeros: a
 * sparse image costs no disk, and a bomb of zeros no more than its time.
 */
static enum lvup_copy lvup_sink_write(struct lvup_sink *s, const uint8_t *p,
				      size_t n)
{
	size_t len, run = 0;

	if (n > lvup_max_image - s->size)
		return LVUP_COPY_TOO_BIG;
	while (n) {
		len = LVUP_BLOCK - s->size % LVUP_BLOCK;
		if (len > n)
			len = n;
		if (lvup_zero_block(p + run, len)) {
			/* Writes the data before the hole, in one go. */
			if (run && lvup_pwrite(s->fd, p, run, s->size - run))
				goto fail;
			p += run + len;
			run = 0;
		} else {
			run += len;
		}
		s->size += len;
		n -= len;
	}
	if (run && lvup_pwrite(s->fd, p, run, s->size - run))
		goto fail;
	return LVUP_COPY_OK;
fail:
	s->error = errno;
	return LVUP_COPY_WRITE;
}

/* Gives the file its full size: a trailing hole is not written. */
static enum lvup_copy lvup_sink_end(struct lvup_sink *s)
{
	if (!ftruncate(s->fd, s->size))
		return LVUP_COPY_OK;
	s->error = errno;
	return LVUP_COPY_WRITE;
}

/* Compressed bytes: [off, end) of the file @fd, read a chunk at a time. */
struct lvup_source {
	int fd;
	uint64_t off;
	uint64_t end;
	uint8_t *buf;		/* LVUP_IN_CHUNK bytes */
	int error;		/* errno of a failed read */
};

/* The next chunk into @s->buf: returns its size, 0 at the end, or -1. */
static ssize_t lvup_source_read(struct lvup_source *s)
{
	size_t n = LVUP_IN_CHUNK;
	ssize_t r;

	if (n > s->end - s->off)
		n = s->end - s->off;
	r = lvup_pread(s->fd, s->buf, n, s->off);
	if (r > 0)
		s->off += r;
	if (r < 0)
		s->error = errno;
	return r;
}

static enum lvup_copy lvup_unxz(struct lvup_source *in, struct lvup_sink *out)
{
	lzma_stream s = LZMA_STREAM_INIT;
	lzma_action action = LZMA_RUN;
	enum lvup_copy err = LVUP_COPY_OK;
	lzma_ret r = LZMA_OK;
	ssize_t n;

	/*
	 * One stream: a bzImage appends the decompressed size after it,
	 * which a concatenated-streams decoder would take for a bad stream.
	 * The kernel's largest window is a bzImage's 128 MiB: a stream that
	 * asks for more memory than that needs is refused as corrupt, not
	 * allocated.
	 */
	if (lzma_stream_decoder(&s, LVUP_XZ_MEMLIMIT, 0) != LZMA_OK)
		return LVUP_COPY_NOMEM;
	do {
		if (!s.avail_in && action == LZMA_RUN) {
			n = lvup_source_read(in);
			if (n < 0) {
				err = LVUP_COPY_READ;
				break;
			}
			if (!n)
				action = LZMA_FINISH;
			s.next_in = in->buf;
			s.avail_in = n;
		}
		s.next_out = out->buf;
		s.avail_out = LVUP_OUT_CHUNK;
		r = lzma_code(&s, action);
		err = lvup_sink_write(out, out->buf,
				      LVUP_OUT_CHUNK - s.avail_out);
	} while (!err && r == LZMA_OK);
	lzma_end(&s);
	if (!err && r != LZMA_STREAM_END)
		err = r == LZMA_MEM_ERROR ? LVUP_COPY_NOMEM : LVUP_COPY_CORRUPT;
	return err;
}

static enum lvup_copy lvup_unzstd(struct lvup_source *in,
				  struct lvup_sink *out)
{
	ZSTD_DStream *d = ZSTD_createDStream();
	ZSTD_inBuffer src = { in->buf, 0, 0 };
	enum lvup_copy err = LVUP_COPY_OK;
	ZSTD_outBuffer dst;
	int full = 0;
	size_t r;
	ssize_t n;

	if (!d)
		return LVUP_COPY_NOMEM;
	/* A bzImage pads its payload: stop at the end of the first frame. */
	do {
		/* A full output buffer may leave more output to flush. */
		if (src.pos == src.size && !full) {
			n = lvup_source_read(in);
			if (n <= 0) {
				err = n ? LVUP_COPY_READ : LVUP_COPY_CORRUPT;
				break;
			}
			src.size = n;
			src.pos = 0;
		}
		dst = (ZSTD_outBuffer){ out->buf, LVUP_OUT_CHUNK, 0 };
		r = ZSTD_decompressStream(d, &dst, &src);
		if (ZSTD_isError(r)) {
			err = LVUP_COPY_CORRUPT;
			break;
		}
		full = dst.pos == dst.size;
		err = lvup_sink_write(out, out->buf, dst.pos);
	} while (!err && r);
	ZSTD_freeDStream(d);
	return err;
}

static enum lvup_copy lvup_gunzip(struct lvup_source *in,
				  struct lvup_sink *out)
{
	enum lvup_copy err = LVUP_COPY_OK;
	z_stream z = { 0 };
	int r = Z_OK;
	ssize_t n;

	if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK)
		return LVUP_COPY_NOMEM;
	do {
		if (!z.avail_in) {
			n = lvup_source_read(in);
			if (n < 0) {
				err = LVUP_COPY_READ;
				break;
			}
			/* At the end, inflate() says Z_BUF_ERROR: cut short. */
			z.next_in = in->buf;
			z.avail_in = n;
		}
		z.next_out = out->buf;
		z.avail_out = LVUP_OUT_CHUNK;
		r = inflate(&z, Z_NO_FLUSH);
		if (r == Z_OK || r == Z_STREAM_END)
			err = lvup_sink_write(out, out->buf,
					      LVUP_OUT_CHUNK - z.avail_out);
	} while (!err && r == Z_OK);
	inflateEnd(&z);
	if (!err && r != Z_STREAM_END)
		err = r == Z_MEM_ERROR ? LVUP_COPY_NOMEM : LVUP_COPY_CORRUPT;
	return err;
}

/* The decoder of compressed data starting with @head, or NULL. */
lvup_decoder lvup_decoder_of(const uint8_t *head, size_t len)
{
	static const uint8_t xz[] = { 0xfd, '7', 'z', 'X', 'Z', 0 };
	static const uint8_t zst[] = { 0x28, 0xb5, 0x2f, 0xfd };
	static const uint8_t gz[] = { 0x1f, 0x8b };

	if (len >= sizeof(xz) && !memcmp(head, xz, sizeof(xz)))
		return lvup_unxz;
	if (len >= sizeof(zst) && !memcmp(head, zst, sizeof(zst)))
		return lvup_unzstd;
	if (len >= sizeof(gz) && !memcmp(head, gz, sizeof(gz)))
		return lvup_gunzip;
	return NULL;
}

/* Copies a pipe as it comes: read(), no offsets. */
static enum lvup_copy lvup_copy_pipe(struct lvup_source *in,
				     struct lvup_sink *out)
{
	enum lvup_copy err = LVUP_COPY_OK;
	ssize_t n;

	do {
		n = read(in->fd, in->buf, LVUP_IN_CHUNK);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			in->error = errno;
			return LVUP_COPY_READ;
		}
		err = lvup_sink_write(out, in->buf, n);
	} while (!err && n);
	return err;
}

/*
 * Streams [@off, @off + @len) of @fd through @decode, or the pipe @fd up
 * to its end when @decode is NULL, into a new temporary file.
 * Return: the temporary file, or -1 with @why filled.
 */
int lvup_to_tmpfile(int fd, lvup_decoder decode, uint64_t off, uint64_t len,
		    enum lvup_from from, char *why, size_t why_size)
{
	struct lvup_source in = { .fd = fd, .off = off, .end = off + len };
	struct lvup_sink out = { .fd = -1 };
	enum lvup_copy err = LVUP_COPY_NOMEM;
	unsigned long long max = lvup_max_image >> 20;

	out.fd = lvup_tmpfile(why, why_size);
	if (out.fd < 0)
		return -1;
	in.buf = malloc(LVUP_IN_CHUNK);
	out.buf = malloc(LVUP_OUT_CHUNK);
	if (in.buf && out.buf)
		err = (decode ? decode : lvup_copy_pipe)(&in, &out);
	if (!err)
		err = lvup_sink_end(&out);
	free(in.buf);
	free(out.buf);
	switch (err) {
	case LVUP_COPY_OK:
		return out.fd;
	case LVUP_COPY_CORRUPT:
		snprintf(why, why_size, from == LVUP_FROM_BZIMAGE ?
			 "bzImage payload is corrupt" : "corrupt compressed data");
		break;
	case LVUP_COPY_TOO_BIG:
		if (from == LVUP_FROM_PIPE)
			snprintf(why, why_size,
				 "input exceeds %llu MiB: refusing", max);
		else
			snprintf(why, why_size,
				 "%sdecompressed size exceeds %llu MiB: refusing",
				 from == LVUP_FROM_BZIMAGE ?
				 "bzImage payload: " : "", max);
		break;
	case LVUP_COPY_READ:
		snprintf(why, why_size, "read error: %s", strerror(in.error));
		break;
	case LVUP_COPY_WRITE:
		snprintf(why, why_size, "cannot write a temporary file in %s: %s",
			 lvup_tmpdir(), strerror(out.error));
		break;
	case LVUP_COPY_NOMEM:
		snprintf(why, why_size, "out of memory");
		break;
	}
	close(out.fd);
	return -1;
}
