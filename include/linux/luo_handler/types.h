/* SPDX-License-Identifier: GPL-2.0 */
/*
 * luo_handler: what LUO_HANDLER() defines for a file type.
 */
#ifndef _LINUX_LUO_HANDLER_TYPES_H
#define _LINUX_LUO_HANDLER_TYPES_H

#include <linux/container_of.h>
#include <linux/liveupdate.h>
#include <linux/types.h>
#include <linux/luo_handler/layout.h>

struct file;

/**
 * struct luo_handler_ops - a handler's callbacks, on an untyped state
 * @can_preserve: Whether @file is of this type.
 * @save:         Fill @state from @file.
 * @release:      Release what save() took for @state.
 * @load:         Build a new file from @state.
 * @freeze:       Quiesce @file before its late fields are saved again.
 * @unfreeze:     Undo freeze().
 * @upgrade:      Complete a @state read from version @from, older than the
 *                newest.
 *
 * LUO_HANDLER() generates these from the driver's typed callbacks; the
 * optional ones do nothing when the driver has none.
 */
struct luo_handler_ops {
	bool (*can_preserve)(struct file *file);
	int (*save)(struct file *file, void *state);
	void (*release)(void *state);
	struct file *(*load)(void *state);
	int (*freeze)(struct file *file);
	void (*unfreeze)(struct file *file);
	int (*upgrade)(void *state, unsigned int from);
};

struct luo_handler;

/**
 * struct luo_handler_version - the file handler of one version
 * @fh:      What the orchestrator registers, compatible "<base>-v<N>".
 * @handler: The handler it is a version of.
 * @version: N.
 * @fixed_size: Wire size of every state of version N when it has no
 *           variable-length array, set at registration; 0 when each state
 *           is measured.
 * @flat:    Whether version N lies on the wire as in memory, set at
 *           registration (luo_codec_flat()).
 * @pin:     The fingerprint its layout must have (LUO_LAYOUT_PIN()), or
 *           0 when it is not pinned.
 */
struct luo_handler_version {
	struct liveupdate_file_handler fh;
	struct luo_handler *handler;
	unsigned int version;
	u32 fixed_size;
	bool flat;
	const u64 *pin;
};

/**
 * struct luo_handler - a file type, all its versions, its state
 * @base:         Name without version, e.g. "sample-vcpu".
 * @layout:       The layout of its state.
 * @ops:          Its callbacks.
 * @versions:     Its versions, newest first.
 * @nr_versions:  Entries in @versions.
 * @bind:         Generated: copies the driver's settings into the handler
 *                and checks that its required callbacks are there.
 * @oldest_write: Oldest version it may write, set by @bind.
 * @has_release:  Whether the driver gave a release(), set by @bind.
 * @has_late:     Whether a field is LUO_LATE, set at registration.
 * @registered:   Whether luo_handler_register() succeeded.
 *
 * A LUO_FILE_TYPE() has only @base and @ops->can_preserve: no @layout.
 */
struct luo_handler {
	const char *base;
	const struct luo_layout *layout;
	const struct luo_handler_ops *ops;
	struct luo_handler_version *const *versions;
	unsigned int nr_versions;
	int (*bind)(struct luo_handler *h);
	unsigned int oldest_write;
	bool has_release;
	bool has_late;
	bool registered;
};

/* The version, and handler, a file handler of a luo_handler belongs to. */
static inline struct luo_handler_version *
luo_handler_version_of(struct liveupdate_file_handler *fh)
{
	return container_of(fh, struct luo_handler_version, fh);
}

#endif /* _LINUX_LUO_HANDLER_TYPES_H */
