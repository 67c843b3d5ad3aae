// SPDX-License-Identifier: GPL-2.0
/*
 * Live Update Orchestrator core: the registry of file handlers.
 *
 * A handler is registered under its compatible string, which names both the
 * file type and the serialization version.  A compatible is registered at
 * most once.  As on mainline, each file in a handler's hands holds a
 * reference on the handler's module (luo_file.c): preserved state can only
 * be restored by the code that wrote it, so that code must not disappear
 * underneath it.  A module that goes away with its handlers still
 * registered has them dropped.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cleanup.h>
#include <linux/ctype.h>
#include <linux/liveupdate.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/string.h>

#include "luo_internal.h"

static LIST_HEAD(luo_file_handlers);
static DEFINE_MUTEX(luo_file_handlers_lock);

static struct list_head *luo_fh_list(struct liveupdate_file_handler *fh)
{
	return &ACCESS_PRIVATE(fh, list);
}

static struct liveupdate_file_handler *luo_fh_entry(struct list_head *node)
{
	return container_of(node, struct liveupdate_file_handler, list);
}

/*
 * A compatible is a line of /sys/kernel/liveupdate/versions and an entry of
 * .liveupdate_versions: it must be non-empty, end within the entry, and hold
 * nothing that would break a line or a word.
 */
static int luo_check_compatible(const struct liveupdate_file_handler *fh)
{
	size_t len = strnlen(fh->compatible, LIVEUPDATE_HNDL_COMPAT_LENGTH);
	size_t i;

	if (!len) {
		pr_err("file handler at %p: empty compatible\n", fh);
		return -EINVAL;
	}
	if (len == LIVEUPDATE_HNDL_COMPAT_LENGTH) {
		pr_err("file handler '%.*s': compatible is not NUL-terminated within %d bytes\n",
		       LIVEUPDATE_HNDL_COMPAT_LENGTH, fh->compatible,
		       LIVEUPDATE_HNDL_COMPAT_LENGTH);
		return -EINVAL;
	}
	for (i = 0; i < len; i++) {
		if (!isascii(fh->compatible[i]) || !isgraph(fh->compatible[i])) {
			pr_err("file handler '%*pE': compatible has a blank or non-printable byte at offset %zu\n",
			       (int)len, fh->compatible, i);
			return -EINVAL;
		}
	}
	return 0;
}

/* The callbacks without which a preserved file could leak or never return. */
static const char *luo_missing_op(const struct liveupdate_file_ops *ops)
{
	if (!ops->can_preserve)
		return "can_preserve";
	if (!ops->preserve)
		return "preserve";
	if (!ops->unpreserve)
		return "unpreserve";
	if (!ops->retrieve)
		return "retrieve";
	if (!ops->finish)
		return "finish";
	return NULL;
}

static int luo_check_ops(const struct liveupdate_file_handler *fh)
{
	const char *missing;

	if (!fh->ops) {
		pr_err("file handler '%s': no ops\n", fh->compatible);
		return -EINVAL;
	}
	missing = luo_missing_op(fh->ops);
	if (missing) {
		pr_err("file handler '%s': required op %s is missing\n",
		       fh->compatible, missing);
		return -EINVAL;
	}
	return 0;
}

static struct liveupdate_file_handler *luo_find_handler(const char *compatible)
{
	struct list_head *node;

	lockdep_assert_held(&luo_file_handlers_lock);
	list_for_each(node, &luo_file_handlers) {
		struct liveupdate_file_handler *fh = luo_fh_entry(node);

		if (!strcmp(fh->compatible, compatible))
			return fh;
	}
	return NULL;
}

static bool luo_handler_registered(struct liveupdate_file_handler *fh)
{
	struct list_head *node;

	lockdep_assert_held(&luo_file_handlers_lock);
	list_for_each(node, &luo_file_handlers)
		if (node == luo_fh_list(fh))
			return true;
	return false;
}

/**
 * liveupdate_register_file_handler() - make a file handler available
 * @fh: The handler, usually defined with LIVEUPDATE_FILE_HANDLER().
 *
 * Registers @fh under its compatible string.  Each file preserved or
 * restored with it holds a reference on the module in @fh->ops->owner.
 *
 * Context: Process context; takes a mutex.
 * Return: 0 on success; -EOPNOTSUPP when live update is disabled; -EINVAL
 * when @fh has no ops, lacks a required op (can_preserve, preserve,
 * unpreserve, retrieve, finish) or has an empty, unterminated or
 * non-printable compatible; -EEXIST when the compatible is already
 * registered; -ENODEV when the owner module is being unloaded.
 */
int liveupdate_register_file_handler(struct liveupdate_file_handler *fh)
{
	int err;

	if (!liveupdate_enabled())
		return -EOPNOTSUPP;

	err = luo_check_compatible(fh);
	if (err)
		return err;
	err = luo_check_ops(fh);
	if (err)
		return err;

	guard(mutex)(&luo_file_handlers_lock);

	if (luo_find_handler(fh->compatible)) {
		pr_err("file handler '%s': compatible already registered\n",
		       fh->compatible);
		return -EEXIST;
	}
	/* Checked only: files, not the registration, hold the module. */
	if (!try_module_get(fh->ops->owner)) {
		pr_err("file handler '%s': module %s is being unloaded\n",
		       fh->compatible, module_name(fh->ops->owner));
		return -ENODEV;
	}
	module_put(fh->ops->owner);
	list_add_tail(luo_fh_list(fh), &luo_file_handlers);
	return 0;
}
EXPORT_SYMBOL_GPL(liveupdate_register_file_handler);

/**
 * luo_unregister_file_handler() - withdraw a file handler, or say why not
 * @fh: A handler registered with liveupdate_register_file_handler().
 *
 * Ours: mainline's liveupdate_unregister_file_handler() returns nothing;
 * the framework needs to know when a handler stays, to keep all its
 * versions or none.
 *
 * Context: Process context; takes the orchestrator's locks.
 * Return: 0 on success, -ENOENT when @fh is not registered, -EBUSY while a
 * preserved or incoming file is in its hands (both logged).
 */
int luo_unregister_file_handler(struct liveupdate_file_handler *fh)
{
	guard(mutex)(&luo_lock);
	scoped_guard(mutex, &luo_file_handlers_lock) {
		if (!luo_handler_registered(fh)) {
			pr_warn("file handler '%*pE': not registered\n",
				(int)strnlen(fh->compatible,
					     LIVEUPDATE_HNDL_COMPAT_LENGTH),
				fh->compatible);
			return -ENOENT;
		}
		if (luo_handler_in_use(fh)) {
			pr_warn("file handler '%s': files are still in its hands\n",
				fh->compatible);
			return -EBUSY;
		}
		list_del_init(luo_fh_list(fh));
	}
	return 0;
}
EXPORT_SYMBOL_GPL(luo_unregister_file_handler);

/**
 * liveupdate_unregister_file_handler() - withdraw a file handler
 * @fh: A handler registered with liveupdate_register_file_handler().
 *
 * Mainline's signature: a handler that is not registered, or has files in
 * its hands, stays as it is, and the log says why (see
 * luo_unregister_file_handler()).
 *
 * Context: Process context; takes the orchestrator's locks.
 */
void liveupdate_unregister_file_handler(struct liveupdate_file_handler *fh)
{
	luo_unregister_file_handler(fh);
}
EXPORT_SYMBOL_GPL(liveupdate_unregister_file_handler);

/**
 * luo_handler_for_file() - the handler that will preserve a file
 * @file: The file.
 *
 * Return: The first registered handler whose can_preserve() accepts @file,
 * or NULL.  It stays registered while luo_lock is held.
 */
struct liveupdate_file_handler *luo_handler_for_file(struct file *file)
{
	struct list_head *node;

	lockdep_assert_held(&luo_lock);
	guard(mutex)(&luo_file_handlers_lock);
	list_for_each(node, &luo_file_handlers) {
		struct liveupdate_file_handler *fh = luo_fh_entry(node);

		if (fh->ops->can_preserve(fh, file))
			return fh;
	}
	return NULL;
}

/**
 * luo_handler_by_compatible() - the handler that reads a version
 * @compat: A compatible string.
 *
 * Return: The registered handler, or NULL.  It stays registered while
 * luo_lock is held.
 */
struct liveupdate_file_handler *luo_handler_by_compatible(const char *compat)
{
	lockdep_assert_held(&luo_lock);
	guard(mutex)(&luo_file_handlers_lock);
	return luo_find_handler(compat);
}

/**
 * luo_visit_compatibles() - visit every version this kernel can restore
 * @fn:  Called with each NUL-terminated compatible: the core's own formats
 *       first, then every registered handler's, in registration order.
 *       Returns 0 to go on, or a negative errno to stop the walk with.
 * @arg: Passed to @fn.
 *
 * Context: Process context; @fn runs under the handler lock and must not
 * register or unregister handlers.
 * Return: 0, or the first negative value @fn returned.
 */
int luo_visit_compatibles(int (*fn)(const char *, void *), void *arg)
{
	struct list_head *node;
	int err;

	guard(mutex)(&luo_file_handlers_lock);

	err = fn(LUO_IMAGE_COMPATIBLE, arg);
	if (err)
		return err;
	list_for_each(node, &luo_file_handlers) {
		err = fn(luo_fh_entry(node)->compatible, arg);
		if (err)
			return err;
	}
	return 0;
}
EXPORT_SYMBOL_FOR_LUO_TESTS(luo_visit_compatibles);

/*
 * A module that forgot to unregister its handlers: drop them while the
 * module's memory is still there, so that nothing in the registry points
 * into it once it is freed.  Files in their hands hold the module, and none
 * is put in them while its init runs, so only a forced unload gets here
 * with any.
 */
void luo_file_handlers_drop_module(struct module *mod)
{
	struct liveupdate_file_handler *fh;
	struct list_head *node, *next;

	guard(mutex)(&luo_lock);
	guard(mutex)(&luo_file_handlers_lock);
	list_for_each_safe(node, next, &luo_file_handlers) {
		fh = luo_fh_entry(node);
		if (fh->ops->owner != mod)
			continue;
		if (luo_handler_in_use(fh))
			pr_err("module %s went away with files in the hands of file handler '%s': they cannot be preserved or restored\n",
			       module_name(mod), fh->compatible);
		pr_warn("module %s went away with file handler '%s' registered: dropped it; unregister it in the module's exit function\n",
			module_name(mod), fh->compatible);
		list_del_init(node);
	}
}
EXPORT_SYMBOL_FOR_LUO_TESTS(luo_file_handlers_drop_module);

static int luo_module_notify(struct notifier_block *nb, unsigned long action,
			     void *data)
{
	if (action == MODULE_STATE_GOING)
		luo_file_handlers_drop_module(data);
	return NOTIFY_DONE;
}

static struct notifier_block luo_module_nb = {
	.notifier_call = luo_module_notify,
};

int luo_file_handlers_init(void)
{
	return register_module_notifier(&luo_module_nb);
}

void luo_file_handlers_exit(void)
{
	unregister_module_notifier(&luo_module_nb);
	/*
	 * Handler modules depend on this one, so they are gone, and the
	 * notifier dropped what they left registered.
	 */
	guard(mutex)(&luo_file_handlers_lock);
	WARN_ON(!list_empty(&luo_file_handlers));
}
