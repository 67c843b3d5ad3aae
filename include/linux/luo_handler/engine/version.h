/* SPDX-License-Identifier: GPL-2.0 */
/*
 * luo_handler engine: which version of a handler to write.
 *
 * A handler reads every version it declares and writes the newest one the
 * next kernel reads, as far back as its oldest writable version.  Without a
 * target set (see Documentation/liveupdate/framework.rst) that is its
 * newest.  Each version being a separate file handler, the choice is made
 * in can_preserve(): only the version chosen accepts a file, so that the
 * orchestrator records the compatible the state is really written in.
 *
 * Part of the engine: included once per kernel, by
 * <linux/luo_handler/engine.h>.
 */
#ifndef _LINUX_LUO_HANDLER_ENGINE_VERSION_H
#define _LINUX_LUO_HANDLER_ENGINE_VERSION_H

#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/luo_handler/seam.h>
#include <linux/luo_handler/types.h>

/**
 * luo_handler_write_version() - the version a handler writes now
 * @h: The handler.
 *
 * Context: Under the orchestrator's lock, as the callbacks are.
 * Return: The newest version, no older than @h's oldest writable one, that
 * the next kernel reads; 0 when there is none.
 */
static inline unsigned int luo_handler_write_version(const struct luo_handler *h)
{
	const struct luo_handler_version *hv;
	unsigned int i;

	for (i = 0; i < h->nr_versions; i++) {
		hv = h->versions[i];
		if (hv->version < h->oldest_write)
			break;
		if (luo_target_reads(hv->fh.compatible))
			return hv->version;
	}
	return 0;
}

/*
 * Refuses a preserve for want of a common version, saying what each side
 * has.
 */
static int luo_handler_no_common_version(const struct luo_handler *h)
{
	char writes[64] = "", reads[128];
	size_t len = 0;
	unsigned int i;

	for (i = 0; i < h->nr_versions; i++) {
		if (h->versions[i]->version < h->oldest_write)
			break;
		len += scnprintf(writes + len, sizeof(writes) - len, "%sv%u",
				 len ? " " : "", h->versions[i]->version);
	}
	luo_target_describe(h->base, reads, sizeof(reads));
	pr_err("%s: no version in common with the next kernel: this one writes %s, the next one reads %s\n",
	       h->base, writes, reads);
	return -EOPNOTSUPP;
}

#endif /* _LINUX_LUO_HANDLER_ENGINE_VERSION_H */
