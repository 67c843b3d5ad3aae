/* SPDX-License-Identifier: GPL-2.0 */
/*
 * luo_handler engine: registering a declared handler.
 *
 * What the compiler could not check about a declaration is checked here,
 * once, before any version of the handler is registered: its callbacks,
 * the order of its versions, its fields' versions and its dependencies.
 *
 * Part of the engine: included once per kernel, by
 * <linux/luo_handler/engine.h>.
 */
#ifndef _LINUX_LUO_HANDLER_ENGINE_REGISTRY_H
#define _LINUX_LUO_HANDLER_ENGINE_REGISTRY_H

#include <linux/bug.h>
#include <linux/compiler.h>
#include <linux/errno.h>
#include <linux/liveupdate.h>
#include <linux/printk.h>
#include <linux/luo_handler/handler.h>
#include <linux/luo_handler/seam.h>
#include <linux/luo_handler/engine/codec.h>

/* How deep a chain of dependencies between types may go. */
#define LUO_MAX_DEP_DEPTH	8

/* Whether @l, or a layout it nests, has a late field. */
static bool luo_layout_has_late(const struct luo_layout *l)
{
	const struct luo_field *f;

	for (f = l->fields; f < l->fields + l->nr_fields; f++) {
		if (f->late)
			return true;
		if (f->kind == LUO_KIND_NESTED && luo_layout_has_late(f->nested))
			return true;
	}
	return false;
}

/* The length field of variable-length array @f: declared before it. */
static inline const struct luo_field *
luo_layout_count_field(const struct luo_layout *l, const struct luo_field *f)
{
	const struct luo_field *c;

	for (c = l->fields; c < f; c++) {
		if (c->kind == LUO_KIND_SCALAR && c->offset == f->count_offset)
			return c;
	}
	return NULL;
}

/* What is wrong with field @f, or NULL. */
static const char *
luo_layout_field_error(const struct luo_handler *h, const struct luo_layout *l,
		       const struct luo_field *f, bool nested)
{
	const struct luo_field *count;
	unsigned int i, v;

	if (f->until && f->until < f->since)
		return "its last version is older than its first";
	if (f->optional && f->kind != LUO_KIND_DEP)
		return "only a dependency can be optional";
	if (f->borrow && f->kind != LUO_KIND_VARRAY)
		return "only a variable-length array can be borrowed";
	if (nested && f->kind == LUO_KIND_VARRAY)
		return "a nested layout cannot hold a variable-length array";
	if (nested && f->kind == LUO_KIND_DEP)
		return "a nested layout cannot hold a dependency";
	if (f->kind != LUO_KIND_VARRAY)
		return NULL;
	if (f->late)
		return "a variable-length array cannot be late";
	count = luo_layout_count_field(l, f);
	if (!count)
		return "its length is not a LUO_FIELD() declared before it";
	if (count->late)
		return "its length cannot be late: freeze does not rewrite the array";
	for (i = 0; i < h->nr_versions; i++) {
		v = h->versions[i]->version;
		if (luo_field_in(f, v) && !luo_field_in(count, v))
			return "its length is missing from a version it is in";
	}
	return NULL;
}

/*
 * What the compiler could not check: versions of fields, length fields of
 * variable-length arrays, and what nested layouts may hold.
 */
static int
luo_layout_check(const struct luo_handler *h, const struct luo_layout *l,
		 bool nested)
{
	const struct luo_field *f;
	unsigned int deps = 0;
	const char *why;
	int err;

	for (f = l->fields; f < l->fields + l->nr_fields; f++) {
		/* Each field names its layout: a typo naming another compiles. */
		if (f->owner != l) {
			pr_err("%s: field '%s' of layout %s names layout %s\n",
			       h->base, f->name, l->name,
			       f->owner ? f->owner->name : "(none)");
			return -EINVAL;
		}
		why = luo_layout_field_error(h, l, f, nested);
		if (why) {
			pr_err("%s: field '%s' of layout %s: %s\n",
			       h->base, f->name, l->name, why);
			return -EINVAL;
		}
		if (f->kind == LUO_KIND_NESTED) {
			err = luo_layout_check(h, f->nested, true);
			if (err)
				return err;
		}
		deps += f->kind == LUO_KIND_DEP;
	}
	if (deps > LUO_MAX_DEPS) {
		pr_err("%s: layout %s has %u dependencies, more than %d\n",
		       h->base, l->name, deps, LUO_MAX_DEPS);
		return -EINVAL;
	}
	return 0;
}

static int luo_handler_check_versions(const struct luo_handler *h)
{
	unsigned int i;

	for (i = 1; i < h->nr_versions; i++) {
		if (h->versions[i]->version >= h->versions[i - 1]->version) {
			pr_err("%s: versions must be listed newest first, once each\n",
			       h->base);
			return -EINVAL;
		}
	}
	if (h->oldest_write > h->versions[0]->version) {
		pr_err("%s: oldest writable version %u is newer than the newest, %u\n",
		       h->base, h->oldest_write, h->versions[0]->version);
		return -EINVAL;
	}
	return 0;
}

/* Whether a chain of dependencies leads from @from to @to. */
static bool
luo_dep_reaches(const struct luo_handler *from, const struct luo_handler *to,
		unsigned int depth)
{
	const struct luo_layout *l = from->layout;
	const struct luo_field *f;

	if (depth > LUO_MAX_DEP_DEPTH)
		return true;
	/* A LUO_FILE_TYPE() depends on nothing the framework knows. */
	if (!l)
		return false;
	for (f = l->fields; f < l->fields + l->nr_fields; f++) {
		if (f->kind != LUO_KIND_DEP || f->dep == from)
			continue;
		if (f->dep == to || luo_dep_reaches(f->dep, to, depth + 1))
			return true;
	}
	return false;
}

/*
 * A type may depend on itself, its files forming chains or trees that
 * preserve order keeps acyclic; two types depending on each other, through
 * any path, are refused: neither could be preserved first.
 */
static int luo_handler_check_deps(const struct luo_handler *h)
{
	const struct luo_layout *l = h->layout;
	const struct luo_field *f;

	for (f = l->fields; f < l->fields + l->nr_fields; f++) {
		if (f->kind != LUO_KIND_DEP || f->dep == h)
			continue;
		if (!f->dep->base || !f->dep->ops) {
			pr_err("%s: dependency '%s' names a handler declared but never defined\n",
			       h->base, f->name);
			return -EINVAL;
		}
		if (luo_dep_reaches(f->dep, h, 0)) {
			pr_err("%s: dependency '%s' on %s leads back to %s (or deeper than %d types)\n",
			       h->base, f->name, f->dep->base, h->base,
			       LUO_MAX_DEP_DEPTH);
			return -ELOOP;
		}
		if (f->dep->layout && !READ_ONCE(f->dep->registered)) {
			pr_err("%s: dependency '%s' on %s, which is not registered: register %s first\n",
			       h->base, f->name, f->dep->base, f->dep->base);
			return -ENOENT;
		}
	}
	return 0;
}

/* Unregisters the first @n versions of @h, newest first. */
static inline void luo_handler_unregister_first(struct luo_handler *h,
						unsigned int n)
{
	while (n--)
		luo_seam_unregister(&h->versions[n]->fh);
}

/**
 * luo_handler_register() - register every version of a handler
 * @h: The handler LUO_HANDLER() defined.
 *
 * Checks what the compiler could not (required callbacks, order of the
 * versions, fields' versions, dependency cycles), then registers one file
 * handler per version, newest first: all of them, or none.
 *
 * Return: 0; -EINVAL (logged) for a malformed declaration or a pinned
 * version whose layout changed (LUO_LAYOUT_PIN()); -ELOOP (logged) for a
 * dependency cycle between types; -ENOENT (logged) for a dependency on a
 * handler not registered yet; or the orchestrator's error for the
 * version it refused, such as -EEXIST or -EOPNOTSUPP.
 */
int luo_handler_register(struct luo_handler *h)
{
	struct luo_handler_version *hv;
	unsigned int i;
	int err;

	if (!h->layout) {
		pr_err("%s: a LUO_FILE_TYPE() is not registered, the handler of its files is\n",
		       h->base);
		return -EINVAL;
	}
	err = h->bind(h);
	if (!err)
		err = luo_handler_check_versions(h);
	if (!err)
		err = luo_layout_check(h, h->layout, false);
	if (!err)
		err = luo_handler_check_deps(h);
	if (err)
		return err;
	/* Checked last: a layout refused above has no meaningful fingerprint. */
	err = luo_handler_check_pins(h);
	if (err)
		return err;
	h->has_late = luo_layout_has_late(h->layout);
	for (i = 0; i < h->nr_versions; i++) {
		hv = h->versions[i];
		hv->fixed_size = luo_fixed_size(h->layout, hv->version,
						hv->fh.compatible);
		hv->flat = hv->fixed_size &&
			   luo_codec_flat(h->layout, hv->version);
	}

	for (i = 0; i < h->nr_versions; i++) {
		err = liveupdate_register_file_handler(&h->versions[i]->fh);
		if (err) {
			pr_err("%s: cannot register %s: %d\n", h->base,
			       h->versions[i]->fh.compatible, err);
			luo_handler_unregister_first(h, i);
			return err;
		}
	}
	WRITE_ONCE(h->registered, true);
	return 0;
}
EXPORT_SYMBOL_LUO_ENGINE(luo_handler_register);

/**
 * luo_handler_unregister() - unregister every version of a handler
 * @h: The handler.
 *
 * All versions or none: when the orchestrator refuses one, because files
 * are still preserved with it, those already unregistered are registered
 * again.  A handler not registered (or a LUO_FILE_TYPE()) is left alone.
 *
 * Return: 0, or the orchestrator's error, such as -EBUSY.
 */
int luo_handler_unregister(struct luo_handler *h)
{
	unsigned int i;
	int err;

	/* Twice, or never registered: mainline's list_del() must not run. */
	if (!READ_ONCE(h->registered))
		return 0;
	for (i = 0; i < h->nr_versions; i++) {
		err = luo_seam_unregister(&h->versions[i]->fh);
		if (err) {
			while (i--)
				WARN_ON(liveupdate_register_file_handler(&h->versions[i]->fh));
			return err;
		}
	}
	WRITE_ONCE(h->registered, false);
	return 0;
}
EXPORT_SYMBOL_LUO_ENGINE(luo_handler_unregister);

/* Checks that the driver gave the callbacks no handler can do without. */
int luo_handler_bind_check(const struct luo_handler *h,
			   bool can_preserve, bool save,
			   bool load)
{
	if (can_preserve && save && load)
		return 0;
	pr_err("%s: can_preserve(), save() and load() are required; missing:%s%s%s\n",
	       h->base, can_preserve ? "" : " can_preserve()",
	       save ? "" : " save()", load ? "" : " load()");
	return -EINVAL;
}
EXPORT_SYMBOL_LUO_ENGINE(luo_handler_bind_check);
#endif /* _LINUX_LUO_HANDLER_ENGINE_REGISTRY_H */
