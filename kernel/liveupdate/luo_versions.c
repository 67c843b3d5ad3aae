// SPDX-License-Identifier: GPL-2.0
/*
 * Live Update Orchestrator core: the versions this kernel can restore, as
 * /sys/kernel/liveupdate/versions lists them.
 *
 * .liveupdate_versions says what a kernel image *could* restore once all its
 * modules are loaded; this file says what the running kernel *can* restore
 * now: one compatible per line, the core's own image format first, then every
 * registered handler.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/slab.h>
#include <linux/string.h>

#include "luo_internal.h"

struct luo_listing {
	char *buf;
	size_t len;
	size_t size;
};

static int luo_listing_add(const char *compatible, void *arg)
{
	struct luo_listing *l = arg;
	size_t n = strlen(compatible);

	/* The count pass only measures. */
	if (l->buf) {
		if (l->len + n + 1 > l->size)	/* a handler registered since */
			return -EAGAIN;
		memcpy(l->buf + l->len, compatible, n);
		l->buf[l->len + n] = '\n';
	}
	l->len += n + 1;
	return 0;
}

/**
 * luo_versions_format() - the text of /sys/kernel/liveupdate/versions
 * @bufp: Set to a kvmalloc()ed buffer holding the listing, which the caller
 *        frees with kvfree().  Not NUL-terminated.
 *
 * Handlers may register between measuring and filling; the listing is
 * measured again until it fits.
 *
 * Return: The listing's length, or -ENOMEM.
 */
ssize_t luo_versions_format(char **bufp)
{
	struct luo_listing l = {};
	int err;

	do {
		kvfree(l.buf);
		l.buf = NULL;
		l.len = 0;
		luo_visit_compatibles(luo_listing_add, &l);
		l.size = l.len;
		l.buf = kvmalloc(l.size, GFP_KERNEL);
		if (!l.buf)
			return -ENOMEM;
		l.len = 0;
		err = luo_visit_compatibles(luo_listing_add, &l);
	} while (err == -EAGAIN);

	*bufp = l.buf;
	return l.len;
}
EXPORT_SYMBOL_FOR_LUO_TESTS(luo_versions_format);
