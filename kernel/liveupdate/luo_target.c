// SPDX-License-Identifier: GPL-2.0
/*
 * Live Update Orchestrator core: the versions the next kernel reads.
 *
 * Userspace hands the running kernel the next kernel's version listing (its
 * /sys/kernel/liveupdate/versions, or what luo-versions reads from its
 * vmlinux and modules) by writing it to
 * /sys/kernel/liveupdate/target_versions.  From then on, a handler able to
 * write several versions picks the newest one in that set, and freeze
 * refuses an update that would hand over a version the next kernel cannot
 * read.  Until a set is written nothing is known about the next kernel, and
 * every version is taken to be readable.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bsearch.h>
#include <linux/ctype.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/string.h>
#include <linux/fs.h>

#include "luo_internal.h"

/* Far more than a kernel and all its modules list, far less than a DoS. */
#define LUO_TARGET_MAX_TEXT	SZ_64K

/*
 * The set, sorted for bsearch(), and the text it was parsed from, which a
 * write at a non-zero offset continues.  While a long write is under way,
 * a preserve may negotiate against the part written so far; freeze checks
 * every file against the whole set.  Under luo_lock, the lock handler
 * callbacks already run under.
 */
static char (*luo_target)[LIVEUPDATE_HNDL_COMPAT_LENGTH];
static unsigned int luo_target_nr;
static bool luo_target_known;
static char *luo_target_text;
static size_t luo_target_len;

static int luo_compat_cmp(const void *a, const void *b)
{
	return strcmp(a, b);
}

static void luo_target_forbid_all(void);

static bool luo_target_contains(const char *compatible)
{
	return bsearch(compatible, luo_target, luo_target_nr,
		       sizeof(*luo_target), luo_compat_cmp);
}

/**
 * liveupdate_target_reads() - whether the next kernel reads a version
 * @compatible: A handler's name and version, e.g. "memfd-v2".
 *
 * Context: From a handler's callbacks, which run under the orchestrator's
 * lock.
 * Return: true when @compatible is in the set written to target_versions,
 * or when no set was written.
 */
bool liveupdate_target_reads(const char *compatible)
{
	lockdep_assert_held(&luo_lock);
	return !luo_target_known || luo_target_contains(compatible);
}
EXPORT_SYMBOL_GPL(liveupdate_target_reads);

/**
 * liveupdate_target_describe() - the next kernel's versions of a handler
 * @base: Handler name without its version suffix, e.g. "memfd".
 * @buf:  Filled with the matching compatibles, space separated, or with
 *        "(unknown)" or "(none)".
 * @size: Size of @buf; the text is truncated to fit.
 *
 * For the log line of a handler that has no version in common with the next
 * kernel.
 *
 * Context: Under the orchestrator's lock, as liveupdate_target_reads().
 */
void liveupdate_target_describe(const char *base, char *buf, size_t size)
{
	size_t n = strlen(base), len = 0;
	unsigned int i;

	lockdep_assert_held(&luo_lock);
	if (!size)
		return;
	buf[0] = '\0';
	if (!luo_target_known) {
		strscpy(buf, "(unknown)", size);
		return;
	}
	for (i = 0; i < luo_target_nr; i++) {
		const char *c = luo_target[i];

		if (strncmp(c, base, n) || strncmp(c + n, "-v", 2) ||
		    !isdigit(c[n + 2]))
			continue;
		len += scnprintf(buf + len, size - len, "%s%s",
				 len ? " " : "", c);
	}
	if (!len)
		strscpy(buf, "(none)", size);
}
EXPORT_SYMBOL_GPL(liveupdate_target_describe);

/* One white-space separated word of @text: a compatible, checked. */
static int luo_target_word(const char *word, size_t len,
			   char (*out)[LIVEUPDATE_HNDL_COMPAT_LENGTH])
{
	size_t i;

	if (len >= LIVEUPDATE_HNDL_COMPAT_LENGTH) {
		pr_err_ratelimited("target_versions: '%.*s...' is longer than %d bytes\n",
				   LIVEUPDATE_HNDL_COMPAT_LENGTH - 1, word,
				   LIVEUPDATE_HNDL_COMPAT_LENGTH - 1);
		return -EINVAL;
	}
	for (i = 0; i < len; i++) {
		if ((u8)word[i] <= ' ' || (u8)word[i] >= 0x7f) {
			pr_err_ratelimited("target_versions: byte %#x in entry %zu bytes long is not printable\n",
					   (u8)word[i], len);
			return -EINVAL;
		}
	}
	if (out) {
		memset(*out, 0, sizeof(*out));
		memcpy(*out, word, len);
	}
	return 0;
}

/*
 * Parses @text into a sorted set; with @set NULL, only counts and checks.
 * Return: the number of entries, or -EINVAL.
 */
static int luo_target_parse(const char *text, size_t len,
			    char (*set)[LIVEUPDATE_HNDL_COMPAT_LENGTH])
{
	size_t i = 0, start;
	int nr = 0, err;

	while (i < len) {
		if (isspace(text[i])) {
			i++;
			continue;
		}
		for (start = i; i < len && !isspace(text[i]); i++)
			;
		err = luo_target_word(text + start, i - start,
				      set ? &set[nr] : NULL);
		if (err)
			return err;
		nr++;
	}
	if (set)
		sort(set, nr, sizeof(*set), luo_compat_cmp, NULL);
	return nr;
}

/**
 * luo_target_set() - replace the next kernel's version set
 * @text: Compatibles separated by white space; none at all forgets the set,
 *        so that every version is taken to be readable again.
 * @len:  Bytes in @text.
 *
 * Return: 0, -EINVAL for an entry that is too long or not printable (the
 * set is then unchanged), or -ENOMEM.
 */
int luo_target_set(const char *text, size_t len)
{
	char (*set)[LIVEUPDATE_HNDL_COMPAT_LENGTH] = NULL;
	int nr;

	lockdep_assert_held(&luo_lock);
	nr = luo_target_parse(text, len, NULL);
	if (nr < 0)
		return nr;
	if (nr) {
		set = kvcalloc(nr, sizeof(*set), GFP_KERNEL);
		if (!set)
			return -ENOMEM;
		luo_target_parse(text, len, set);
	}
	kvfree(luo_target);
	luo_target = set;
	luo_target_nr = nr;
	luo_target_known = nr > 0;
	return 0;
}
EXPORT_SYMBOL_FOR_LUO_TESTS(luo_target_set);

/**
 * luo_target_check_file() - whether the next kernel reads a preserved file
 * @s:  Its session.
 * @lf: The file.
 *
 * Called for every file at freeze: the set may have been written after the
 * file was preserved in a version it does not contain.
 *
 * Return: 0, or -EOPNOTSUPP with a log line naming the file and version.
 */
int luo_target_check_file(struct liveupdate_session *s, struct luo_file *lf)
{
	if (!luo_target_known || luo_target_contains(lf->fh->compatible))
		return 0;
	pr_err_ratelimited("session '%s': token %llu was preserved as '%s', which the next kernel does not read\n",
			   s->name, lf->token, lf->fh->compatible);
	return -EOPNOTSUPP;
}

/*
 * The attribute's content is the whole set.  A write at offset 0 starts a
 * new one; sysfs hands a longer write over in page-sized pieces at growing
 * offsets, which continue it.  The set is replaced after each piece, so a
 * word cut between two pieces is whole again after the second.
 */
ssize_t luo_target_write(const char *in, loff_t off, size_t count)
{
	size_t keep;
	char *text;
	int err;

	guard(mutex)(&luo_lock);
	keep = off ? luo_target_len : 0;
	if (off != keep) {
		pr_err_ratelimited("target_versions: write at offset %lld, expected 0 or %zu\n",
				   off, keep);
		err = -EINVAL;
		goto fail;
	}
	if (keep + count > LUO_TARGET_MAX_TEXT) {
		pr_err_ratelimited("target_versions: more than %d bytes\n",
				   LUO_TARGET_MAX_TEXT);
		err = -EFBIG;
		goto fail;
	}
	text = kvmalloc(keep + count, GFP_KERNEL);
	if (!text) {
		err = -ENOMEM;
		goto fail;
	}
	memcpy(text, luo_target_text, keep);
	memcpy(text + keep, in, count);
	err = luo_target_set(text, keep + count);
	if (err) {
		kvfree(text);
		goto fail;
	}
	kvfree(luo_target_text);
	luo_target_text = text;
	luo_target_len = keep + count;
	return count;

fail:
	/*
	 * A set cut short is not the next kernel's: from the second piece
	 * on, a failure leaves a known, empty set, which no handler can
	 * write for, rather than a part of one.
	 */
	if (off)
		luo_target_forbid_all();
	return err;
}

ssize_t luo_target_read(char *out, loff_t off, size_t count)
{
	size_t len = luo_target_nr * LIVEUPDATE_HNDL_COMPAT_LENGTH, n = 0;
	unsigned int i;
	ssize_t ret;
	char *buf;

	guard(mutex)(&luo_lock);
	buf = kvmalloc(len + 1, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	for (i = 0; i < luo_target_nr; i++)
		n += scnprintf(buf + n, len + 1 - n, "%s\n", luo_target[i]);
	ret = memory_read_from_buffer(out, count, &off, buf, n);
	kvfree(buf);
	return ret;
}

/* Nothing is readable: after a write that failed part-way. */
static void luo_target_forbid_all(void)
{
	pr_err_ratelimited("target_versions: write failed part-way; no version is taken as readable until a whole set is written\n");
	kvfree(luo_target);
	luo_target = NULL;
	luo_target_nr = 0;
	luo_target_known = true;
}

/* Forgets the set: at module unload, and between KUnit cases. */
void luo_target_reset(void)
{
	lockdep_assert_held(&luo_lock);
	kvfree(luo_target);
	kvfree(luo_target_text);
	luo_target = NULL;
	luo_target_text = NULL;
	luo_target_nr = 0;
	luo_target_len = 0;
	luo_target_known = false;
}
