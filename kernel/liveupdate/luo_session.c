// SPDX-License-Identifier: GPL-2.0
/*
 * Live Update Orchestrator core: sessions and the life of preserved files.
 *
 * Outgoing sessions collect files to hand to the next kernel: preserve, then
 * freeze just before the kexec.  Incoming sessions are what the previous
 * kernel handed over: retrieve each file at most once, then finish.
 *
 * One mutex, luo_lock, covers all of it, handler callbacks included: the
 * token lookups a callback makes on its own session run under it too.
 * Lookups by token and by file are hash tables, so that a chain of 100k
 * files each looking up the previous one stays linear.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cleanup.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/ktime.h>
#include <linux/liveupdate.h>
#include <linux/rhashtable.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "luo_internal.h"

/* Sessions, files, the frozen state and the image: all of the core's state. */
DEFINE_MUTEX(luo_lock);

static LIST_HEAD(luo_outgoing);
static LIST_HEAD(luo_incoming);
static bool luo_is_frozen;

/*
 * Incoming files neither retrieved nor finished yet: the retrieve that
 * brings it to zero is logged, as the end of the update's blackout.
 */
static u64 luo_incoming_pending;

static const struct rhashtable_params luo_token_params = {
	.key_len = sizeof_field(struct luo_file, token),
	.key_offset = offsetof(struct luo_file, token),
	.head_offset = offsetof(struct luo_file, token_node),
	.automatic_shrinking = true,
};

/* Every outgoing file, by struct file: a file is preserved only once. */
static struct rhashtable luo_preserved;

static const struct rhashtable_params luo_file_params = {
	.key_len = sizeof_field(struct luo_file, file),
	.key_offset = offsetof(struct luo_file, file),
	.head_offset = offsetof(struct luo_file, file_node),
	.automatic_shrinking = true,
};

#ifndef LUO_BENCH_LIST_LOOKUP
static struct luo_file *luo_lookup_token(struct liveupdate_session *s,
					 u64 token)
{
	return rhashtable_lookup_fast(&s->tokens, &token, luo_token_params);
}

static struct luo_file *luo_lookup_file(struct file *file)
{
	return rhashtable_lookup_fast(&luo_preserved, &file, luo_file_params);
}

/* Adds @lf to its session's tokens, unless its token is there: -EEXIST. */
static int luo_token_insert(struct luo_file *lf)
{
	return rhashtable_lookup_insert_fast(&lf->session->tokens,
					     &lf->token_node, luo_token_params);
}
#else
/*
 * The benchmark's baseline only (tests/bench, built by scripts/bench.sh):
 * every lookup scans the lists, as a core without hash tables does.  The
 * tables are still kept up to date; only the lookups differ.
 */
static struct luo_file *luo_lookup_token(struct liveupdate_session *s,
					 u64 token)
{
	struct luo_file *lf;

	list_for_each_entry(lf, &s->files, list)
		if (lf->token == token)
			return lf;
	return NULL;
}

static struct luo_file *luo_lookup_file(struct file *file)
{
	struct liveupdate_session *s;
	struct luo_file *lf;

	list_for_each_entry(s, &luo_outgoing, list)
		list_for_each_entry(lf, &s->files, list)
			if (lf->file == file)
				return lf;
	return NULL;
}

static int luo_token_insert(struct luo_file *lf)
{
	if (luo_lookup_token(lf->session, lf->token))
		return -EEXIST;
	return rhashtable_insert_fast(&lf->session->tokens, &lf->token_node,
				      luo_token_params);
}
#endif

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

static struct liveupdate_session *luo_session_alloc(const char *name,
						    bool incoming)
{
	struct liveupdate_session *s;

	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return ERR_PTR(-ENOMEM);
	if (rhashtable_init(&s->tokens, &luo_token_params)) {
		kfree(s);
		return ERR_PTR(-ENOMEM);
	}
	strscpy(s->name, name, sizeof(s->name));
	s->incoming = incoming;
	INIT_LIST_HEAD(&s->files);
	list_add_tail(&s->list, incoming ? &luo_incoming : &luo_outgoing);
	return s;
}

/* Free a session that is on no list and holds no file. */
static void luo_session_destroy(struct liveupdate_session *s)
{
	rhashtable_destroy(&s->tokens);
	kfree(s);
}

static void luo_session_free(struct liveupdate_session *s)
{
	list_del(&s->list);
	luo_session_destroy(s);
}

/* Free a session and its files, calling no handler: the state stays. */
static void luo_session_drop(struct liveupdate_session *s)
{
	struct luo_file *lf, *tmp;

	/* Stops the table's resize worker before its entries are freed. */
	rhashtable_destroy(&s->tokens);
	list_for_each_entry_safe(lf, tmp, &s->files, list) {
		if (!s->incoming)
			rhashtable_remove_fast(&luo_preserved, &lf->file_node,
					       luo_file_params);
		if (lf->file)
			fput(lf->file);
		kfree(lf);
		cond_resched();
	}
	list_del(&s->list);
	kfree(s);
}

static struct liveupdate_session *luo_find_session(struct list_head *head,
						   const char *name)
{
	struct liveupdate_session *s;

	list_for_each_entry(s, head, list)
		if (!strcmp(s->name, name))
			return s;
	return NULL;
}

/* A name from userspace or from the previous kernel: 1-63 bytes and a NUL. */
static int luo_check_name(const char *name)
{
	size_t len = strnlen(name, LIVEUPDATE_SESSION_NAME_LENGTH);

	if (!len || len == LIVEUPDATE_SESSION_NAME_LENGTH) {
		pr_warn("session name is %s\n", len ? "not NUL-terminated" :
			"empty");
		return -EINVAL;
	}
	return 0;
}

/**
 * luo_session_create() - create an outgoing session
 * @name: 1 to 63 bytes and a NUL, unique among outgoing sessions.
 *
 * Return: The session, or ERR_PTR(-EINVAL) for a bad name, -EEXIST for a
 * name in use, -EBUSY once frozen, -ENOMEM.
 */
struct liveupdate_session *luo_session_create(const char *name)
{
	struct liveupdate_session *s;
	int err;

	err = luo_check_name(name);
	if (err)
		return ERR_PTR(err);

	guard(mutex)(&luo_lock);
	if (luo_is_frozen)
		return ERR_PTR(-EBUSY);
	if (luo_find_session(&luo_outgoing, name)) {
		pr_warn("session '%s' already exists\n", name);
		return ERR_PTR(-EEXIST);
	}
	s = luo_session_alloc(name, false);
	if (!IS_ERR(s))
		s->open = true;
	return s;
}
EXPORT_SYMBOL_FOR_LUO_TESTS(luo_session_create);

/**
 * luo_session_open_incoming() - take an incoming session by name
 * @name: Its name.
 *
 * Return: The session, or ERR_PTR(-ENOENT) when the previous kernel handed
 * over none of that name, -EBUSY when it is already open.
 */
struct liveupdate_session *luo_session_open_incoming(const char *name)
{
	struct liveupdate_session *s;
	int err;

	err = luo_check_name(name);
	if (err)
		return ERR_PTR(err);

	guard(mutex)(&luo_lock);
	s = luo_find_session(&luo_incoming, name);
	if (!s)
		return ERR_PTR(-ENOENT);
	if (s->open)
		return ERR_PTR(-EBUSY);
	s->open = true;
	return s;
}
EXPORT_SYMBOL_FOR_LUO_TESTS(luo_session_open_incoming);

static void luo_file_unpreserve(struct luo_file *lf)
{
	struct liveupdate_file_op_args args;

	luo_op_args(lf, &args);
	lf->fh->ops->unpreserve(&args);
	rhashtable_remove_fast(&luo_preserved, &lf->file_node, luo_file_params);
	rhashtable_remove_fast(&lf->session->tokens, &lf->token_node,
			       luo_token_params);
	list_del(&lf->list);
	lf->session->nr_files--;
	fput(lf->file);
	kfree(lf);
}

/**
 * luo_session_close() - the last file descriptor of a session went away
 * @s: The session.
 *
 * An outgoing session closed before the live update unpreserves its files,
 * newest first, and goes away.  Once frozen, it stays: it is part of the
 * image.  An incoming session stays until finished, and may be opened again;
 * a finished one goes away.
 */
void luo_session_close(struct liveupdate_session *s)
{
	struct luo_file *lf, *tmp;

	guard(mutex)(&luo_lock);
	s->open = false;
	if (s->finished) {
		luo_session_destroy(s);
		return;
	}
	if (s->incoming || luo_is_frozen)
		return;
	list_for_each_entry_safe_reverse(lf, tmp, &s->files, list) {
		luo_file_unpreserve(lf);
		cond_resched();
	}
	luo_session_free(s);
	if (list_empty(&luo_outgoing))
		luo_heap_reset();
}
EXPORT_SYMBOL_FOR_LUO_TESTS(luo_session_close);

/**
 * luo_session_preserve() - preserve a file in an outgoing session
 * @s:     The session.
 * @token: Userspace's name for the file, unique in @s.
 * @file:  The file; a reference is taken on success.
 *
 * Return: 0; -EBUSY when frozen or when @file is preserved in any session;
 * -EEXIST when @token is taken in @s; -ENOENT when no handler accepts
 * @file; -EINVAL on an incoming session; or the handler's error.
 */
int luo_session_preserve(struct liveupdate_session *s, u64 token,
			 struct file *file)
{
	struct liveupdate_file_op_args args;
	struct liveupdate_file_handler *fh;
	struct luo_file *lf;
	int err;

	guard(mutex)(&luo_lock);
	if (s->incoming)
		return -EINVAL;
	if (luo_is_frozen)
		return -EBUSY;
	if (luo_lookup_file(file))
		return -EBUSY;
	if (luo_lookup_token(s, token)) {
		pr_warn("session '%s': token %llu is already used\n",
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
	lf->fh = fh;
	lf->file = file;
	lf->token = token;

	luo_op_args(lf, &args);
	err = fh->ops->preserve(&args);
	if (err)
		goto free;
	lf->serialized_data = args.serialized_data;
	lf->private_data = args.private_data;

	err = rhashtable_insert_fast(&s->tokens, &lf->token_node,
				     luo_token_params);
	if (err)
		goto unpreserve;
	err = rhashtable_insert_fast(&luo_preserved, &lf->file_node,
				     luo_file_params);
	if (err)
		goto remove_token;

	get_file(file);
	list_add_tail(&lf->list, &s->files);
	s->nr_files++;
	return 0;

remove_token:
	rhashtable_remove_fast(&s->tokens, &lf->token_node, luo_token_params);
unpreserve:
	luo_op_args(lf, &args);
	fh->ops->unpreserve(&args);
free:
	kfree(lf);
	return err;
}
EXPORT_SYMBOL_FOR_LUO_TESTS(luo_session_preserve);

/**
 * liveupdate_get_token_outgoing() - token of a file preserved in a session
 * @s:      The session of the handler's op_args.
 * @file:   A file the handler's file depends on.
 * @tokenp: Set to @file's token.
 *
 * For handlers whose files refer to other files: the dependency must be
 * preserved in the same session first.
 *
 * Context: From the handler's callbacks only, which run under the session
 * lock.
 * Return: 0, or -ENOENT when @file is not preserved in @s.
 */
int liveupdate_get_token_outgoing(struct liveupdate_session *s,
				  struct file *file, u64 *tokenp)
{
	struct luo_file *lf;

	lockdep_assert_held(&luo_lock);
	lf = luo_lookup_file(file);
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
 * Restore order is enforced, as preserve order is: a dependency must be
 * retrieved before the files that depend on it.  The error makes the
 * dependent file's retrieve fail without using up its one attempt, so that
 * userspace can retrieve the dependency and try again.
 *
 * Context: From the handler's callbacks only, which run under the session
 * lock.
 * Return: 0; -ENOENT when @token is not in @s; -EINVAL when it is the file
 * being retrieved; -EAGAIN when it has not been retrieved yet; the
 * dependency's own error when its retrieve failed.
 */
int liveupdate_get_file_incoming(struct liveupdate_session *s, u64 token,
				 struct file **filep)
{
	struct luo_file *lf;

	lockdep_assert_held(&luo_lock);
	lf = luo_lookup_token(s, token);
	if (!lf)
		return -ENOENT;
	if (lf == s->retrieving) {
		pr_err("session '%s': token %llu depends on itself\n",
		       s->name, token);
		return -EINVAL;
	}
	if (lf->retrieve_status < 0)
		return lf->retrieve_status;
	if (!lf->retrieve_status) {
		pr_warn("session '%s': token %llu needs token %llu, which is not retrieved yet\n",
			s->name, s->retrieving ? s->retrieving->token : 0,
			token);
		return -EAGAIN;
	}
	*filep = lf->file;
	return 0;
}
EXPORT_SYMBOL_GPL(liveupdate_get_file_incoming);

/**
 * luo_session_retrieve() - restore a file of an incoming session
 * @s:     The session.
 * @token: The file's token.
 * @filep: Set to the restored file, with a reference for the caller.
 *
 * Return: 0; -ENOENT for an unknown token; -EEXIST when already retrieved;
 * -ENOPKG when no registered handler reads the file's version; -EAGAIN
 * when a file it depends on is not retrieved yet; or the error of a failed
 * retrieve, again, since a file is retrieved at most once.
 */
int luo_session_retrieve(struct liveupdate_session *s, u64 token,
			 struct file **filep)
{
	struct liveupdate_file_op_args args;
	struct luo_file *lf;
	int err;

	guard(mutex)(&luo_lock);
	if (!s->incoming)
		return -EINVAL;
	lf = s->finished ? NULL : luo_lookup_token(s, token);
	if (!lf)
		return -ENOENT;
	if (lf->retrieve_status > 0)
		return -EEXIST;
	if (lf->retrieve_status < 0)
		return lf->retrieve_status;

	lf->fh = luo_handler_by_compatible(lf->compatible);
	if (!lf->fh) {
		pr_err("session '%s': token %llu: no handler for '%s' is registered\n",
		       s->name, token, lf->compatible);
		return -ENOPKG;
	}

	luo_op_args(lf, &args);
	args.file = NULL;
	s->retrieving = lf;
	err = lf->fh->ops->retrieve(&args);
	s->retrieving = NULL;
	if (!err && !args.file) {
		pr_err("session '%s': token %llu: handler '%s' restored no file\n",
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
EXPORT_SYMBOL_FOR_LUO_TESTS(luo_session_retrieve);

/**
 * luo_session_finish() - end an incoming session
 * @s: The session.
 *
 * Asks every file's handler whether it can finish, then finishes every file,
 * newest first, retrieved or not.  The session can no longer be opened, and
 * goes away when closed.  When it was the last incoming session, the
 * incoming image is released.
 *
 * Return: 0; -EBUSY when a handler's can_finish() said no; -EINVAL on an
 * outgoing or finished session.
 */
int luo_session_finish(struct liveupdate_session *s)
{
	struct liveupdate_file_op_args args;
	struct luo_file *lf, *tmp;

	guard(mutex)(&luo_lock);
	if (!s->incoming || s->finished)
		return -EINVAL;

	list_for_each_entry(lf, &s->files, list) {
		if (!lf->fh)
			lf->fh = luo_handler_by_compatible(lf->compatible);
		if (!lf->fh || !lf->fh->ops->can_finish)
			continue;
		luo_op_args(lf, &args);
		if (!lf->fh->ops->can_finish(&args)) {
			pr_warn("session '%s': token %llu cannot finish yet\n",
				s->name, lf->token);
			return -EBUSY;
		}
	}

	list_for_each_entry_safe_reverse(lf, tmp, &s->files, list) {
		if (lf->retrieve_status <= 0)
			luo_incoming_pending--;
		if (lf->fh) {
			luo_op_args(lf, &args);
			lf->fh->ops->finish(&args);
		} else {
			pr_warn("session '%s': token %llu: no handler for '%s'; its state is dropped\n",
				s->name, lf->token, lf->compatible);
		}
		if (lf->file)
			fput(lf->file);
		rhashtable_remove_fast(&s->tokens, &lf->token_node,
				       luo_token_params);
		list_del(&lf->list);
		kfree(lf);
		cond_resched();
	}
	s->nr_files = 0;
	s->finished = true;
	list_del_init(&s->list);
	if (list_empty(&luo_incoming))
		luo_image_release_incoming();
	return 0;
}
EXPORT_SYMBOL_FOR_LUO_TESTS(luo_session_finish);

static void luo_unfreeze_files(void)
{
	struct liveupdate_file_op_args args;
	struct liveupdate_session *s;
	struct luo_file *lf;

	list_for_each_entry_reverse(s, &luo_outgoing, list) {
		list_for_each_entry_reverse(lf, &s->files, list) {
			if (!lf->frozen)
				continue;
			if (lf->fh->ops->unfreeze) {
				luo_op_args(lf, &args);
				lf->fh->ops->unfreeze(&args);
			}
			lf->frozen = false;
		}
	}
}

static int luo_freeze_files(void)
{
	struct liveupdate_file_op_args args;
	struct liveupdate_session *s;
	struct luo_file *lf;
	int err;

	list_for_each_entry(s, &luo_outgoing, list) {
		list_for_each_entry(lf, &s->files, list) {
			err = luo_target_check_file(s, lf);
			if (err)
				return err;
			if (lf->fh->ops->freeze) {
				luo_op_args(lf, &args);
				err = lf->fh->ops->freeze(&args);
				if (err) {
					pr_err("session '%s': token %llu: freeze failed: %d\n",
					       s->name, lf->token, err);
					return err;
				}
				lf->serialized_data = args.serialized_data;
			}
			lf->frozen = true;
			cond_resched();
		}
	}
	return 0;
}

/**
 * luo_freeze() - freeze every outgoing file and seal the handover image
 *
 * Files are frozen in preservation order, sessions in creation order.  When
 * one fails, or the image does not fit, the ones frozen before it are
 * unfrozen, newest first, and the update is off: nothing was handed over.
 *
 * Return: 0, -EBUSY when already frozen, or the first error.
 */
int luo_freeze(void)
{
	u64 start, files;
	int err;

	guard(mutex)(&luo_lock);
	if (luo_is_frozen)
		return -EBUSY;
	start = ktime_get_ns();
	err = luo_freeze_files();
	files = ktime_get_ns();
	if (!err)
		err = luo_image_seal();
	if (err) {
		luo_unfreeze_files();
		return err;
	}
	luo_is_frozen = true;
	pr_info("frozen in %llu us: handlers %llu us, image %llu us\n",
		div_u64(ktime_get_ns() - start, NSEC_PER_USEC),
		div_u64(files - start, NSEC_PER_USEC),
		div_u64(ktime_get_ns() - files, NSEC_PER_USEC));
	return 0;
}
EXPORT_SYMBOL_FOR_LUO_TESTS(luo_freeze);

/**
 * luo_unfreeze() - call off a frozen update
 *
 * Invalidates the image, so that no kernel trusts it, and unfreezes every
 * file: the workload carries on as if nothing had been frozen.
 */
void luo_unfreeze(void)
{
	guard(mutex)(&luo_lock);
	if (!luo_is_frozen)
		return;
	luo_image_invalidate();
	luo_unfreeze_files();
	luo_is_frozen = false;
}
EXPORT_SYMBOL_FOR_LUO_TESTS(luo_unfreeze);

bool luo_frozen(void)
{
	guard(mutex)(&luo_lock);
	return luo_is_frozen;
}
EXPORT_SYMBOL_FOR_LUO_TESTS(luo_frozen);

/**
 * luo_drop_outgoing() - forget the outgoing side after a simulated kexec
 *
 * What a kexec does to the outgoing side: no handler runs again, and the
 * image stays.  Only the KUnit suites and the benchmark call this, to boot
 * "the next kernel" in the same one.
 */
void luo_drop_outgoing(void)
{
	struct liveupdate_session *s, *tmp;

	guard(mutex)(&luo_lock);
	list_for_each_entry_safe(s, tmp, &luo_outgoing, list)
		luo_session_drop(s);
	luo_is_frozen = false;
	luo_heap_reset();
}
EXPORT_SYMBOL_FOR_LUO_TESTS(luo_drop_outgoing);

/* Build the incoming side; called by the image loader under luo_lock. */
struct liveupdate_session *luo_incoming_session_add(const char *name)
{
	lockdep_assert_held(&luo_lock);
	if (luo_find_session(&luo_incoming, name)) {
		pr_err("image: session '%s' appears twice\n", name);
		return ERR_PTR(-EEXIST);
	}
	return luo_session_alloc(name, true);
}

int luo_incoming_file_add(struct liveupdate_session *s, const char *compatible,
			  u64 token, u64 data)
{
	struct luo_file *lf;
	int err;

	lockdep_assert_held(&luo_lock);
	lf = kzalloc(sizeof(*lf), GFP_KERNEL);
	if (!lf)
		return -ENOMEM;
	lf->session = s;
	lf->token = token;
	lf->serialized_data = data;
	strscpy(lf->compatible, compatible, sizeof(lf->compatible));
	err = luo_token_insert(lf);
	if (err) {
		if (err == -EEXIST)
			pr_err("image: session '%s': token %llu appears twice\n",
			       s->name, token);
		kfree(lf);
		return err;
	}
	list_add_tail(&lf->list, &s->files);
	s->nr_files++;
	luo_incoming_pending++;
	return 0;
}

/* Forget every incoming session not finished yet: a refused image. */
void luo_drop_incoming(void)
{
	struct liveupdate_session *s, *tmp;

	lockdep_assert_held(&luo_lock);
	list_for_each_entry_safe(s, tmp, &luo_incoming, list)
		luo_session_drop(s);
	luo_incoming_pending = 0;
}

bool luo_have_incoming(void)
{
	lockdep_assert_held(&luo_lock);
	return !list_empty(&luo_incoming);
}

/* Whether any file, outgoing or incoming, is in @fh's hands. */
bool luo_handler_in_use(struct liveupdate_file_handler *fh)
{
	struct liveupdate_session *s;
	struct luo_file *lf;

	lockdep_assert_held(&luo_lock);
	list_for_each_entry(s, &luo_outgoing, list)
		list_for_each_entry(lf, &s->files, list)
			if (lf->fh == fh)
				return true;
	list_for_each_entry(s, &luo_incoming, list)
		list_for_each_entry(lf, &s->files, list)
			if (lf->fh == fh)
				return true;
	return false;
}

/* The outgoing sessions and files, in order, for the image writer. */
struct list_head *luo_outgoing_sessions(void)
{
	lockdep_assert_held(&luo_lock);
	return &luo_outgoing;
}

#if LUO_TEST_HOOKS
/**
 * luo_load_incoming() - load the image the way the next kernel does at boot
 *
 * For the KUnit suites and the benchmark, after luo_drop_outgoing(): the
 * second half of luo_simulate_kexec(), timed apart by the benchmark.
 *
 * Return: What luo_image_load() returned.
 */
int luo_load_incoming(void)
{
	guard(mutex)(&luo_lock);
	luo_target_reset();
	return luo_image_load();
}
EXPORT_SYMBOL_FOR_LUO_TESTS(luo_load_incoming);

/**
 * luo_simulate_kexec() - what a kexec and the next boot do, in one kernel
 *
 * For the KUnit suites: forget the outgoing side as the kexec would, then
 * load the image the way the next kernel does at boot.
 *
 * Return: What luo_image_load() returned.
 */
int luo_simulate_kexec(void)
{
	luo_drop_outgoing();
	return luo_load_incoming();
}
EXPORT_SYMBOL_FOR_LUO_TESTS(luo_simulate_kexec);

/**
 * luo_reset() - forget every session and image, for the tests only
 */
void luo_reset(void)
{
	luo_drop_outgoing();
	guard(mutex)(&luo_lock);
	luo_drop_incoming();
	luo_image_release_incoming();
	luo_target_reset();
}
EXPORT_SYMBOL_FOR_LUO_TESTS(luo_reset);
#endif

int luo_sessions_init(void)
{
	return rhashtable_init(&luo_preserved, &luo_file_params);
}

void luo_sessions_exit(void)
{
	guard(mutex)(&luo_lock);
	luo_drop_incoming();
	luo_target_reset();
	WARN_ON(!list_empty(&luo_outgoing));
	rhashtable_destroy(&luo_preserved);
}
