/* SPDX-License-Identifier: GPL-2.0 */
/*
 * luo_handler: the files a state depends on, by token.
 *
 * Preserving resolves each dependency to its token in the session, which
 * requires it to be preserved first; retrieving resolves each token back to
 * the restored file, which requires it to be retrieved first.  Both check
 * that the file is of the type the layout declares: a token from the
 * previous kernel may name any file of the session.
 *
 * Defined by the engine (engine/deps.h); the glue calls them, and so may
 * hand-written handlers that use the framework's wire form.
 */
#ifndef _LINUX_LUO_HANDLER_DEPS_H
#define _LINUX_LUO_HANDLER_DEPS_H

#include <linux/liveupdate.h>
#include <linux/luo_handler/codec.h>
#include <linux/luo_handler/types.h>

struct liveupdate_session;

int luo_deps_outgoing(const struct luo_layout *l, unsigned int v,
		      struct liveupdate_session *s, const void *state,
		      struct luo_deps *deps, bool late, const char *who);
int luo_deps_incoming(const struct luo_layout *l, unsigned int v,
		      struct liveupdate_session *s, void *state,
		      const struct luo_deps *deps, const char *who);

#endif /* _LINUX_LUO_HANDLER_DEPS_H */
