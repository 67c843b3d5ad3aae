/* SPDX-License-Identifier: GPL-2.0 */
/*
 * luo_handler engine: the files a state depends on, by token.
 *
 * Preserving resolves each dependency to its token in the session, which
 * requires it to be preserved first; retrieving resolves each token back to
 * the restored file, which requires it to be retrieved first.  Both check
 * that the file is of the type the layout declares: a token from the
 * previous kernel may name any file of the session.
 *
 * Part of the engine: included once per kernel, by
 * <linux/luo_handler/engine.h>.
 */
#ifndef _LINUX_LUO_HANDLER_ENGINE_DEPS_H
#define _LINUX_LUO_HANDLER_ENGINE_DEPS_H

#include <linux/errno.h>
#include <linux/liveupdate.h>
#include <linux/printk.h>
#include <linux/luo_handler/codec.h>
#include <linux/luo_handler/types.h>

/* Whether @file is of the type dependency field @f declares. */
static inline bool luo_dep_type_ok(const struct luo_field *f,
				   struct file *file)
{
	return f->dep->ops->can_preserve(file);
}

/**
 * luo_deps_outgoing() - the tokens of a state's dependencies
 * @l:     The layout.
 * @v:     The version being written.
 * @s:     The session of the callback's op_args.
 * @state: The state, as save() filled it.
 * @deps:  Filled in declared order.
 * @late:  Whether late dependencies are resolved too: false at preserve,
 *         when they may not be preserved yet, true at freeze.
 * @who:   Name for log lines.
 *
 * Return: 0; -EINVAL (logged) for a NULL dependency that is not optional,
 * or one of another type; -ENOENT (logged) for one not preserved in @s.
 */
int luo_deps_outgoing(const struct luo_layout *l, unsigned int v,
		      struct liveupdate_session *s, const void *state,
		      struct luo_deps *deps, bool late, const char *who)
{
	const struct luo_field *f;
	unsigned int i = 0;
	struct file *file;
	int err;

	deps->absent = 0;
	for (f = l->fields; f < l->fields + l->nr_fields; f++) {
		if (f->kind != LUO_KIND_DEP || !luo_field_in(f, v))
			continue;
		deps->token[i] = 0;
		file = *(struct file * const *)(state + f->offset);
		if ((f->late && !late) || (!file && f->optional)) {
			if (!file)
				deps->absent |= BIT(i);
			i++;
			continue;
		}
		if (!file || !luo_dep_type_ok(f, file)) {
			pr_err_ratelimited("%s: dependency '%s' is %s, not a %s file\n",
					   who, f->name, file ? "another file" : "NULL",
					   f->dep->base);
			return -EINVAL;
		}
		err = liveupdate_get_token_outgoing(s, file, &deps->token[i]);
		if (err) {
			pr_err_ratelimited("%s: dependency '%s' (a %s file) is not preserved in this session: %d\n",
					   who, f->name, f->dep->base, err);
			return err;
		}
		i++;
	}
	return 0;
}
EXPORT_SYMBOL_LUO_ENGINE(luo_deps_outgoing);

/**
 * luo_deps_incoming() - the restored files of a state's dependencies
 * @l:     The layout.
 * @v:     The version read.
 * @s:     The session of the callback's op_args.
 * @state: The decoded state; its dependency members are set.
 * @deps:  What luo_decode() read.
 * @who:   Name for log lines.
 *
 * In declared order, so that the first missing dependency is the one
 * reported.  No reference is taken on the files.
 *
 * Return: 0; -EAGAIN while a dependency is not retrieved yet; -ENOENT for a
 * token not in @s; -EINVAL (logged) for a file of another type; or the
 * dependency's own retrieve error.
 */
int luo_deps_incoming(const struct luo_layout *l, unsigned int v,
		      struct liveupdate_session *s, void *state,
		      const struct luo_deps *deps, const char *who)
{
	const struct luo_field *f;
	unsigned int i = 0;
	struct file *file;
	u64 token;
	int err;

	for (f = l->fields; f < l->fields + l->nr_fields; f++) {
		if (f->kind != LUO_KIND_DEP || !luo_field_in(f, v))
			continue;
		token = deps->token[i];
		if (deps->absent & BIT(i++))
			continue;
		err = liveupdate_get_file_incoming(s, token, &file);
		if (err) {
			pr_err_ratelimited("%s: dependency '%s' (a %s file, token %llu): %d\n",
					   who, f->name, f->dep->base, token, err);
			return err;
		}
		if (!luo_dep_type_ok(f, file)) {
			pr_err_ratelimited("%s: dependency '%s': token %llu is not a %s file\n",
					   who, f->name, token, f->dep->base);
			return -EINVAL;
		}
		*(struct file **)(state + f->offset) = file;
	}
	return 0;
}
EXPORT_SYMBOL_LUO_ENGINE(luo_deps_incoming);

#endif /* _LINUX_LUO_HANDLER_ENGINE_DEPS_H */
