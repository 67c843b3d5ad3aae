// SPDX-License-Identifier: GPL-2.0
/*
 * Live Update Orchestrator core: the life of a preserved file.
 *
 * Each session holds a file set.  Outgoing, a file is preserved by its
 * handler, frozen with the others just before the kexec (or unfrozen when
 * the update is called off), or unpreserved when its session closes first.
 * Incoming, a file is rebuilt from what the image says, retrieved at most
 * once, and finished with its session.  Every function here runs under
 * luo_lock, handler callbacks included: the token lookups a callback makes
 * on its own session run under it too.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/file.h>
#include <linux/fs.h>
#include <linux/liveupdate.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "luo_internal.h"

/*
 * Incoming files neither retrieved nor finished yet: the retrieve that
 * brings it to zero is logged, as the end of the update's blackout.
 */
static u64 luo_incoming_pending;

static void luo_op_args(struct luo_file *lf, struct liveupdate_file_op_args *a)
{
	*a = (struct liveupdate_file_op_args) {
		.handler = lf->fh,
		.session = lf->session,
		.retrieve_status = lf->retrieve_status,
		.file = lf->file,
		.serialized_data = lf->serialized_data,
		.private_data = lf->private_data,
	};
}

/**
 * luo_file_set_init() - an empty file set
 * @fs: The set, in its session.
 *
 * Return: 0 or -ENOMEM.
 */
int luo_file_set_init(struct luo_file_set *fs)
{
	INIT_LIST_HEAD(&fs->files);
	fs->nr_files = 0;
	fs->retrieving = NULL;
	return luo_index_set_init(fs);
}

/**
 * luo_file_set_destroy() - release an empty file set
 * @fs: The set.
 */
void luo_file_set_destroy(struct luo_file_set *fs)
{
	WARN_ON(!list_empty(&fs->files));
	luo_index_set_destroy(fs);
}

static bool luo_module_coming(struct module *mod)
{
#ifdef CONFIG_MODULES
	return mod && mod->state == MODULE_STATE_COMING;
#else
	return false;
#endif
}

/*
 * Puts @lf in @fh's hands.  As on mainline, each such file holds a
 * reference on the handler's module, so that the code that wrote its state
 * (or will read it) cannot be unloaded underneath it; registration alone
 * does not, so a module with nothing preserved unloads as any other.
 */
static int luo_file_bind(struct luo_file *lf,
			 struct liveupdate_file_handler *fh)
{
	/*
	 * Not while the module's init runs: a failed init frees the module
	 * whatever its references, and the file would be left with freed
	 * code.  Once live, only a forced unload can take it away.
	 */
	if (luo_module_coming(fh->ops->owner)) {
		pr_warn_ratelimited("session '%s': token %llu: module of '%s' is still loading\n",
				    lf->session->name, lf->token, fh->compatible);
		return -EAGAIN;
	}
	if (!try_module_get(fh->ops->owner)) {
		pr_warn_ratelimited("session '%s': token %llu: module of '%s' is going away\n",
				    lf->session->name, lf->token, fh->compatible);
		return -ENODEV;
	}
	lf->fh = fh;
	return 0;
}

/* Frees a file no handler holds anything of any more. */
static void luo_file_free(struct luo_file *lf)
{
	struct luo_file_set *fs = &lf->session->fs;

	if (lf->fh)
		module_put(lf->fh->ops->owner);

	if (lf->session->incoming && lf->retrieve_status <= 0)
		luo_incoming_pending--;
	list_del(&lf->list);
	fs->nr_files--;
	if (lf->file)
		fput(lf->file);
	kfree(lf);
}

/**
 * luo_file_set_drop() - free a set and its files, calling no handler
 * @fs: The set.
 *
 * What a kexec does to the outgoing side, and what a refused image does to
 * the incoming one: the handlers' state stays where it is.
 */
void luo_file_set_drop(struct luo_file_set *fs)
{
	struct luo_file *lf, *tmp;

	luo_index_drop_set(fs);
	list_for_each_entry_safe(lf, tmp, &fs->files, list) {
		luo_file_free(lf);
		cond_resched();
	}
}

/**
 * luo_file_preserve() - preserve a file in an outgoing session
 * @s:     The session.
 * @token: Userspace's name for the file, unique in @s.
 * @file:  The file; a reference is taken on success.
 *
 * Return: 0; -EBUSY when @file is preserved in any session; -EEXIST when
 * @token is taken in @s; -ENOENT when no handler accepts @file; or the
 * handler's error.
 */
int luo_file_preserve(struct liveupdate_session *s, u64 token,
		      struct file *file)
{
	struct liveupdate_file_op_args args;
	struct liveupdate_file_handler *fh;
	struct luo_file *lf;
	int err;

	if (luo_index_file(file))
		return -EBUSY;
	if (luo_index_token(&s->fs, token)) {
		pr_warn_ratelimited("session '%s': token %llu is already used\n",
				    s->name, token);
		return -EEXIST;
	}
	fh = luo_handler_for_file(file);
	if (!fh)
		return -ENOENT;

	lf = kzalloc(sizeof(*lf), GFP_KERNEL);
	if (!lf)
		return -ENOMEM;
	lf->session = s;
	lf->file = file;
	lf->token = token;
	err = luo_file_bind(lf, fh);
	if (err) {
		kfree(lf);
		return err;
	}

	luo_op_args(lf, &args);
	err = fh->ops->preserve(&args);
	if (err)
		goto free;
	lf->serialized_data = args.serialized_data;
	lf->private_data = args.private_data;
	err = luo_index_add(lf);
	if (err)
		goto unpreserve;

	get_file(file);
	list_add_tail(&lf->list, &s->fs.files);
	s->fs.nr_files++;
	return 0;

unpreserve:
	luo_op_args(lf, &args);
	fh->ops->unpreserve(&args);
free:
	module_put(fh->ops->owner);
	kfree(lf);
	return err;
}

/**
 * luo_file_unpreserve_all() - unpreserve every file of an outgoing set
 * @fs: The set, newest file first.
 */
void luo_file_unpreserve_all(struct luo_file_set *fs)
{
	struct liveupdate_file_op_args args;
	struct luo_file *lf, *tmp;

	list_for_each_entry_safe_reverse(lf, tmp, &fs->files, list) {
		luo_op_args(lf, &args);
		lf->fh->ops->unpreserve(&args);
		luo_index_del(lf);
		luo_file_free(lf);
		cond_resched();
	}
}

/**
 * luo_file_freeze_all() - freeze every file of an outgoing set
 * @s: The session, in preservation order.
 *
 * Return: 0, or the first error; the files frozen before it stay frozen,
 * for luo_file_unfreeze_all() to undo.
 */
int luo_file_freeze_all(struct liveupdate_session *s)
{
	struct liveupdate_file_op_args args;
	struct luo_file *lf;
	int err;

	list_for_each_entry(lf, &s->fs.files, list) {
		err = luo_target_check_file(s, lf);
		if (err)
			return err;
		if (lf->fh->ops->freeze) {
			luo_op_args(lf, &args);
			err = lf->fh->ops->freeze(&args);
			if (err) {
				pr_err_ratelimited("session '%s': token %llu: freeze failed: %d\n",
						   s->name, lf->token, err);
				return err;
			}
			lf->serialized_data = args.serialized_data;
		}
		lf->frozen = true;
		cond_resched();
	}
	return 0;
}

/**
 * luo_file_unfreeze_all() - unfreeze the frozen files of an outgoing set
 * @fs: The set, newest file first.
 */
void luo_file_unfreeze_all(struct luo_file_set *fs)
{
	struct liveupdate_file_op_args args;
	struct luo_file *lf;

	list_for_each_entry_reverse(lf, &fs->files, list) {
		if (!lf->frozen)
			continue;
		if (lf->fh->ops->unfreeze) {
			luo_op_args(lf, &args);
			lf->fh->ops->unfreeze(&args);
		}
		lf->frozen = false;
	}
}

/**
 * luo_file_add_incoming() - a file the previous kernel handed over
 * @s:          Its incoming session.
 * @compatible: The handler and version that wrote it, NUL-terminated.
 * @token:      Its token.
 * @data:       Its handler's handle.
 *
 * Return: 0; -EEXIST (logged) when @s has @token already; -ENOMEM.
 */
int luo_file_add_incoming(struct liveupdate_session *s, const char *compatible,
			  u64 token, u64 data)
{
	struct luo_file *lf;
	int err;

	lf = kzalloc(sizeof(*lf), GFP_KERNEL);
	if (!lf)
		return -ENOMEM;
	lf->session = s;
	lf->token = token;
	lf->serialized_data = data;
	strscpy(lf->compatible, compatible, sizeof(lf->compatible));
	err = luo_index_add(lf);
	if (err) {
		if (err == -EEXIST)
			pr_err("image: session '%s': token %llu appears twice\n",
			       s->name, token);
		kfree(lf);
		return err;
	}
	list_add_tail(&lf->list, &s->fs.files);
	s->fs.nr_files++;
	luo_incoming_pending++;
	return 0;
}

/**
 * luo_file_retrieve() - restore a file of an incoming set
 * @s:     The session.
 * @token: The file's token.
 * @filep: Set to the restored file, with a reference for the caller.
 *
 * Return: as luo_session_retrieve().
 */
int luo_file_retrieve(struct liveupdate_session *s, u64 token,
		      struct file **filep)
{
	struct liveupdate_file_op_args args;
	struct liveupdate_file_handler *fh;
	struct luo_file *lf;
	int err;

	lf = luo_index_token(&s->fs, token);
	if (!lf)
		return -ENOENT;
	if (lf->retrieve_status > 0)
		return -EEXIST;
	if (lf->retrieve_status < 0)
		return lf->retrieve_status;

	if (!lf->fh) {
		fh = luo_handler_by_compatible(lf->compatible);
		if (!fh) {
			pr_err_ratelimited("session '%s': token %llu: no handler for '%s' is registered\n",
					   s->name, token, lf->compatible);
			return -ENOPKG;
		}
		err = luo_file_bind(lf, fh);
		if (err)
			return err;
	}

	luo_op_args(lf, &args);
	args.file = NULL;
	s->fs.retrieving = lf;
	err = lf->fh->ops->retrieve(&args);
	s->fs.retrieving = NULL;
	if (!err && !args.file) {
		pr_err_ratelimited("session '%s': token %llu: handler '%s' restored no file\n",
				   s->name, token, lf->compatible);
		err = -EINVAL;
	}
	if (err == -EAGAIN)
		return err;
	if (err) {
		lf->retrieve_status = err;
		return err;
	}
	lf->file = args.file;
	lf->retrieve_status = 1;
	*filep = get_file(lf->file);
	if (!--luo_incoming_pending)
		pr_info("last handed-over file retrieved\n");
	return 0;
}

/**
 * luo_file_finish_all() - finish every file of an incoming set
 * @s: The session.
 *
 * Asks every file's handler whether it can finish first; then finishes
 * every file, newest first, retrieved or not, and frees it.
 *
 * Return: 0, or -EBUSY when a handler's can_finish() said no: nothing was
 * finished.
 */
int luo_file_finish_all(struct liveupdate_session *s)
{
	struct liveupdate_file_handler *fh;
	struct liveupdate_file_op_args args;
	struct luo_file *lf, *tmp;

	list_for_each_entry(lf, &s->fs.files, list) {
		fh = lf->fh ? NULL : luo_handler_by_compatible(lf->compatible);
		/* Unbound, the state is dropped below without its handler. */
		if (fh)
			luo_file_bind(lf, fh);
		if (!lf->fh || !lf->fh->ops->can_finish)
			continue;
		luo_op_args(lf, &args);
		if (!lf->fh->ops->can_finish(&args)) {
			pr_warn_ratelimited("session '%s': token %llu cannot finish yet\n",
					    s->name, lf->token);
			return -EBUSY;
		}
	}

	list_for_each_entry_safe_reverse(lf, tmp, &s->fs.files, list) {
		if (lf->fh) {
			luo_op_args(lf, &args);
			lf->fh->ops->finish(&args);
		} else {
			pr_warn_ratelimited("session '%s': token %llu: no handler for '%s'; its state is dropped\n",
					    s->name, lf->token, lf->compatible);
		}
		luo_index_del(lf);
		luo_file_free(lf);
		cond_resched();
	}
	return 0;
}

/* Whether a file of @fs is in @fh's hands. */
bool luo_file_set_uses(struct luo_file_set *fs,
		       struct liveupdate_file_handler *fh)
{
	struct luo_file *lf;

	list_for_each_entry(lf, &fs->files, list)
		if (lf->fh == fh)
			return true;
	return false;
}

/*
 * A token call without a session does not come from a hand-written
 * handler's callback, which has one in its op_args.  The likely caller is
 * a LUO_HANDLER() callback, which has none because the framework makes
 * these calls for it: say so, and where the call came from, rather than
 * leave the driver author with a bare errno.
 */
static int luo_no_session(const char *fn, void *caller)
{
	pr_warn_ratelimited("%s() from %pS: no session: called outside a hand-written handler's callback? LUO_HANDLER() drivers use LUO_FIELD_DEP()\n",
			    fn, caller);
	return -EINVAL;
}

/**
 * liveupdate_get_token_outgoing() - token of a file preserved in a session
 * @s:      The session of the handler's op_args.
 * @file:   A file the handler's file depends on.
 * @tokenp: Set to @file's token.
 *
 * For hand-written handlers whose files refer to other files: the
 * dependency must be preserved in the same session first.  A LUO_HANDLER()
 * driver declares the dependency with LUO_FIELD_DEP() instead, and the
 * framework makes this call.
 *
 * Context: From the handler's callbacks only, which run under the session
 * lock.
 * Return: 0; -EINVAL (logged) without a session or for a NULL pointer;
 * -ENOENT when @file is not preserved in @s.
 */
int liveupdate_get_token_outgoing(struct liveupdate_session *s,
				  struct file *file, u64 *tokenp)
{
	struct luo_file *lf;

	if (!s)
		return luo_no_session(__func__, __builtin_return_address(0));
	if (!file || !tokenp) {
		pr_warn("%s(): NULL %s\n", __func__,
			!file ? "file" : "token pointer");
		return -EINVAL;
	}
	lockdep_assert_held(&luo_lock);
	lf = luo_index_file(file);
	if (!lf || lf->session != s)
		return -ENOENT;
	*tokenp = lf->token;
	return 0;
}
EXPORT_SYMBOL_GPL(liveupdate_get_token_outgoing);

/**
 * liveupdate_get_file_incoming() - the restored file behind a token
 * @s:     The session of the handler's op_args.
 * @token: The token of a file the handler's file depends on.
 * @filep: Set to the restored file.  No reference is taken: it is valid
 *         until the session is finished; get_file() it to keep it longer.
 *
 * For hand-written handlers, as liveupdate_get_token_outgoing() is.
 * Restore order is enforced, as preserve order is: a dependency must be
 * retrieved before the files that depend on it.  The error makes the
 * dependent file's retrieve fail without using up its one attempt, so that
 * userspace can retrieve the dependency and try again.
 *
 * Context: From the handler's callbacks only, which run under the session
 * lock.
 * Return: 0; -EINVAL (logged) without a session, for a NULL @filep, or
 * when @token is the file being retrieved; -ENOENT when @token is not in
 * @s; -EAGAIN when it has not been retrieved yet; the dependency's own
 * error when its retrieve failed.
 */
int liveupdate_get_file_incoming(struct liveupdate_session *s, u64 token,
				 struct file **filep)
{
	struct luo_file *retrieving;
	struct luo_file *lf;

	if (!s)
		return luo_no_session(__func__, __builtin_return_address(0));
	if (!filep) {
		pr_warn("%s(): NULL file pointer\n", __func__);
		return -EINVAL;
	}
	lockdep_assert_held(&luo_lock);
	retrieving = s->fs.retrieving;
	lf = luo_index_token(&s->fs, token);
	if (!lf)
		return -ENOENT;
	if (lf == retrieving) {
		pr_err_ratelimited("session '%s': token %llu depends on itself\n",
				   s->name, token);
		return -EINVAL;
	}
	if (lf->retrieve_status < 0)
		return lf->retrieve_status;
	if (!lf->retrieve_status) {
		pr_warn_ratelimited("session '%s': token %llu needs token %llu, which is not retrieved yet\n",
				    s->name, retrieving ? retrieving->token : 0, token);
		return -EAGAIN;
	}
	*filep = lf->file;
	return 0;
}
EXPORT_SYMBOL_GPL(liveupdate_get_file_incoming);
