// SPDX-License-Identifier: GPL-2.0
/*
 * Live Update Orchestrator core: sessions, and the freeze of them all.
 *
 * Outgoing sessions collect files to hand to the next kernel: preserve, then
 * freeze just before the kexec.  Incoming sessions are what the previous
 * kernel handed over: retrieve each file at most once, then finish.  Each
 * session's files are a file set (luo_file.c).
 *
 * One mutex, luo_lock, covers all of it, handler callbacks included.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cleanup.h>
#include <linux/ktime.h>
#include <linux/liveupdate.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "luo_internal.h"

/* Sessions, files, the frozen state and the image: all of the core's state. */
DEFINE_MUTEX(luo_lock);

static LIST_HEAD(luo_outgoing);
static LIST_HEAD(luo_incoming);
static bool luo_is_frozen;

static struct liveupdate_session *luo_session_alloc(const char *name,
						    bool incoming)
{
	struct liveupdate_session *s;

	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return ERR_PTR(-ENOMEM);
	if (luo_file_set_init(&s->fs)) {
		kfree(s);
		return ERR_PTR(-ENOMEM);
	}
	strscpy(s->name, name, sizeof(s->name));
	s->incoming = incoming;
	list_add_tail(&s->list, incoming ? &luo_incoming : &luo_outgoing);
	return s;
}

/* Free a session that is on no list and holds no file. */
static void luo_session_destroy(struct liveupdate_session *s)
{
	luo_file_set_destroy(&s->fs);
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
	luo_file_set_drop(&s->fs);
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
		pr_warn_ratelimited("session name is %s\n",
				    len ? "not NUL-terminated" : "empty");
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
		pr_warn_ratelimited("session '%s' already exists\n", name);
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

/* An outgoing session's files unpreserved, newest first, and it goes. */
static void luo_session_unpreserve(struct liveupdate_session *s)
{
	luo_file_unpreserve_all(&s->fs);
	luo_session_free(s);
	if (list_empty(&luo_outgoing))
		luo_heap_reset();
}

/**
 * luo_session_close() - the last file descriptor of a session went away
 * @s: The session.
 *
 * An outgoing session closed before the live update unpreserves its files,
 * newest first, and goes away.  Once frozen, it stays: it is part of the
 * sealed image, which a kexec hands over; if the update is called off
 * instead, luo_unfreeze() does what the close would have.  An incoming
 * session stays until finished, and may be opened again; a finished one
 * goes away.
 */
void luo_session_close(struct liveupdate_session *s)
{
	guard(mutex)(&luo_lock);
	s->open = false;
	if (s->finished) {
		luo_session_destroy(s);
		return;
	}
	if (s->incoming || luo_is_frozen)
		return;
	luo_session_unpreserve(s);
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
	guard(mutex)(&luo_lock);
	if (s->incoming)
		return -EINVAL;
	if (luo_is_frozen)
		return -EBUSY;
	return luo_file_preserve(s, token, file);
}
EXPORT_SYMBOL_FOR_LUO_TESTS(luo_session_preserve);

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
	guard(mutex)(&luo_lock);
	if (!s->incoming)
		return -EINVAL;
	if (s->finished)
		return -ENOENT;
	return luo_file_retrieve(s, token, filep);
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
	int err;

	guard(mutex)(&luo_lock);
	if (!s->incoming || s->finished)
		return -EINVAL;
	err = luo_file_finish_all(s);
	if (err)
		return err;
	s->finished = true;
	list_del_init(&s->list);
	if (list_empty(&luo_incoming))
		luo_image_release_incoming();
	return 0;
}
EXPORT_SYMBOL_FOR_LUO_TESTS(luo_session_finish);

static void luo_unfreeze_sessions(void)
{
	struct liveupdate_session *s;

	list_for_each_entry_reverse(s, &luo_outgoing, list)
		luo_file_unfreeze_all(&s->fs);
}

static int luo_freeze_sessions(void)
{
	struct liveupdate_session *s;
	int err;

	list_for_each_entry(s, &luo_outgoing, list) {
		err = luo_file_freeze_all(s);
		if (err)
			return err;
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
	err = luo_freeze_sessions();
	files = ktime_get_ns();
	if (!err)
		err = luo_image_seal();
	if (err) {
		luo_unfreeze_sessions();
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
 * file: the workload carries on as if nothing had been frozen.  Sessions
 * closed while frozen are unpreserved now and go, as their close would
 * have done before the freeze.
 */
void luo_unfreeze(void)
{
	struct liveupdate_session *s, *tmp;

	guard(mutex)(&luo_lock);
	if (!luo_is_frozen)
		return;
	luo_image_invalidate();
	luo_unfreeze_sessions();
	luo_is_frozen = false;
	list_for_each_entry_safe(s, tmp, &luo_outgoing, list)
		if (!s->open)
			luo_session_unpreserve(s);
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

/* Forget every incoming session not finished yet: a refused image. */
void luo_drop_incoming(void)
{
	struct liveupdate_session *s, *tmp;

	lockdep_assert_held(&luo_lock);
	list_for_each_entry_safe(s, tmp, &luo_incoming, list)
		luo_session_drop(s);
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

	lockdep_assert_held(&luo_lock);
	list_for_each_entry(s, &luo_outgoing, list)
		if (luo_file_set_uses(&s->fs, fh))
			return true;
	list_for_each_entry(s, &luo_incoming, list)
		if (luo_file_set_uses(&s->fs, fh))
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
	return luo_index_init();
}

void luo_sessions_exit(void)
{
	guard(mutex)(&luo_lock);
	luo_drop_incoming();
	luo_target_reset();
	WARN_ON(!list_empty(&luo_outgoing));
	luo_index_exit();
}
