/* SPDX-License-Identifier: GPL-2.0 */
/*
 * luo_handler: declare a file type that survives a live update.
 *
 * A driver declares the layout of its file's state with LUO_SER(), then the
 * handler with LUO_HANDLER(): name, layout, versions and typed callbacks.
 * The framework generates one file handler per version, lists each version
 * in .liveupdate_versions, and does the preserve, freeze, retrieve and
 * finish work around the driver's save() and load().  See
 * Documentation/liveupdate/framework.rst.
 */
#ifndef _LINUX_LUO_HANDLER_HANDLER_H
#define _LINUX_LUO_HANDLER_HANDLER_H

#include <linux/compiler.h>
#include <linux/errno.h>
#include <linux/liveupdate.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/luo_handler/glue.h>
#include <linux/luo_handler/layout.h>
#include <linux/luo_handler/map.h>
#include <linux/luo_handler/types.h>

/* How deep a chain of dependencies between types may go. */
#define LUO_MAX_DEP_DEPTH	8

/* Whether @l, or a layout it nests, has a late field. */
static noinline __maybe_unused bool luo_layout_has_late(const struct luo_layout *l)
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
static noinline __maybe_unused const char *
luo_layout_field_error(const struct luo_handler *h, const struct luo_layout *l,
		       const struct luo_field *f, bool nested)
{
	const struct luo_field *count;
	unsigned int i, v;

	if (f->until && f->until < f->since)
		return "its last version is older than its first";
	if (f->optional && f->kind != LUO_KIND_DEP)
		return "only a dependency can be optional";
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
static noinline __maybe_unused int
luo_layout_check(const struct luo_handler *h, const struct luo_layout *l,
		 bool nested)
{
	const struct luo_field *f;
	unsigned int deps = 0;
	const char *why;
	int err;

	for (f = l->fields; f < l->fields + l->nr_fields; f++) {
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

static noinline __maybe_unused int
luo_handler_check_versions(const struct luo_handler *h)
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
static noinline __maybe_unused bool
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
static noinline __maybe_unused int luo_handler_check_deps(const struct luo_handler *h)
{
	const struct luo_layout *l = h->layout;
	const struct luo_field *f;

	for (f = l->fields; f < l->fields + l->nr_fields; f++) {
		if (f->kind != LUO_KIND_DEP || f->dep == h)
			continue;
		if (luo_dep_reaches(f->dep, h, 0)) {
			pr_err("%s: dependency '%s' on %s leads back to %s (or deeper than %d types)\n",
			       h->base, f->name, f->dep->base, h->base,
			       LUO_MAX_DEP_DEPTH);
			return -ELOOP;
		}
		if (f->dep->layout && !READ_ONCE(f->dep->registered))
			pr_warn("%s: depends on %s, which has no registered handler: files that need one cannot be preserved or restored\n",
				h->base, f->dep->base);
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
 * Return: 0; -EINVAL (logged) for a malformed declaration; -ELOOP (logged)
 * for a dependency cycle between types; or the orchestrator's error for the
 * version it refused, such as -EEXIST or -EOPNOTSUPP.
 */
static noinline __maybe_unused int luo_handler_register(struct luo_handler *h)
{
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
	h->has_late = luo_layout_has_late(h->layout);
	for (i = 0; i < h->nr_versions; i++)
		h->versions[i]->fixed_size =
			luo_fixed_size(h->layout, h->versions[i]->version,
				       h->versions[i]->fh.compatible);

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
static noinline __maybe_unused int luo_handler_unregister(struct luo_handler *h)
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

/* Checks that the driver gave the callbacks no handler can do without. */
static inline int luo_handler_bind_check(const struct luo_handler *h,
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

/**
 * LUO_VERSIONS() - the versions a handler reads, newest first
 * @...: Decimal literals, 1 to 65535, e.g. ``LUO_VERSIONS(2, 1)``.
 *
 * Each becomes a file handler "<base>-v<N>" and an entry of
 * .liveupdate_versions.  Every one is also written, for a next kernel that
 * reads no newer one, unless the handler sets .oldest_write.
 */
#define LUO_VERSIONS(...)	(__VA_ARGS__)

/**
 * LUO_HANDLER_DECLARE() - declare a handler defined further down
 * @_name: Its identifier.
 *
 * For a LUO_FIELD_DEP() naming a handler before LUO_HANDLER() defines it,
 * such as a type that depends on itself.
 */
#define LUO_HANDLER_DECLARE(_name)	static struct luo_handler _name

/**
 * LUO_FILE_TYPE() - files another handler preserves, as a dependency
 * @_name:    Identifier of the &struct luo_handler to define, for
 *            LUO_FIELD_DEP().
 * @_base:    What messages call these files, e.g. "memfd".
 * @_is_type: ``bool (*)(struct file *)``: whether a file is one of them.
 *
 * A state may refer to a file that the framework does not handle, such as
 * a memfd that mainline's memfd handler (or a memfd sample) preserves: its
 * token is written like any dependency's, and the same order applies (the
 * file preserved first, retrieved first).  @_is_type is all the framework
 * knows of the type: it is checked on both sides, since a token from the
 * previous kernel may name any file of the session.  Not registered: the
 * other handler is (luo_handler_register() refuses a file type with
 * -EINVAL), and unlike a LUO_HANDLER() dependency nothing warns when no
 * handler of these files is registered.  Example::
 *
 *	static bool guest_ram_is_memfd(struct file *file)
 *	{
 *		return shmem_file(file) && !file_inode(file)->i_nlink;
 *	}
 *
 *	LUO_FILE_TYPE(guest_ram, "memfd", guest_ram_is_memfd);
 *	LUO_SER(memslot_ser, struct memslot_state,
 *		LUO_FIELD(gpa),
 *		LUO_FIELD_DEP(ram, guest_ram));
 */
#define LUO_FILE_TYPE(_name, _base, _is_type)				\
	static const struct luo_handler_ops __luo_ops_##_name = {	\
		.can_preserve = (_is_type),				\
	};								\
	static struct luo_handler _name = {				\
		.base = (_base),					\
		.ops = &__luo_ops_##_name,				\
	}

#define __luo_version_def(nb, v)	__luo_version_def_(__LUO_UNPAREN nb, v)
#define __luo_version_def_(...)		__luo_version_def__(__VA_ARGS__)
#define __luo_version_def__(_name, _base, v)				\
	static struct luo_handler_version __luo_v##v##_##_name = {	\
		.fh = {							\
			.ops = &__luo_fops_##_name,			\
			.compatible = _base "-v" #v,			\
		},							\
		.handler = &(_name),					\
		.version = (v),						\
	};								\
	static_assert((v) >= 1 && (v) <= U16_MAX,			\
		      "luo_handler: version " #v " of " _base		\
		      " is not in 1..65535");				\
	static_assert(sizeof(_base "-v" #v) <=				\
		      LIVEUPDATE_HNDL_COMPAT_LENGTH,			\
		      "luo_handler: " _base "-v" #v			\
		      " does not fit in 48 bytes with its NUL");	\
	LIVEUPDATE_VERSIONS_ENTRY(_base "-v" #v);

#define __luo_version_ref(_name, v)	&__luo_v##v##_##_name,

/**
 * LUO_HANDLER() - define a file type that survives a live update
 * @_name:     Identifier of the &struct luo_handler to define (static).
 * @_base:     String literal: the handler's name without version, e.g.
 *             "sample-vcpu".  "<base>-v<N>" must fit in 48 bytes.
 * @_layout:   The LUO_SER() layout of its state.
 * @_versions: LUO_VERSIONS(newest, ..., oldest): the versions it reads.
 * @...:       Its callbacks, as designated initializers, on the layout's
 *             state type ``T``:
 *
 *             - ``.can_preserve``, required: ``bool (struct file *)``,
 *               whether the file is of this type;
 *             - ``.save``, required: ``int (struct file *, T *)``, fill the
 *               zeroed state from the file;
 *             - ``.release``: ``void (T *)``, release what a successful
 *               save() took, once the state is written;
 *             - ``.load``, required: ``struct file *(T *)``, build a new
 *               file from a state read back, or return an ERR_PTR();
 *             - ``.freeze`` / ``.unfreeze``: ``int (struct file *)`` /
 *               ``void (struct file *)``, quiesce the file before the
 *               kexec, and undo that when the update is called off;
 *             - ``.upgrade``: ``int (T *, unsigned int from)``, complete a
 *               state read from an older version, after defaults;
 *             - ``.oldest_write``: ``unsigned int``, the oldest version it
 *               may write for an older next kernel (default: all).
 *
 * Register it with luo_handler_register() and unregister it with
 * luo_handler_unregister().  Example::
 *
 *	LUO_HANDLER(sample_vcpu, "sample-vcpu", vcpu_ser, LUO_VERSIONS(2, 1),
 *		    .can_preserve = vcpu_can_preserve,
 *		    .save = vcpu_save,
 *		    .load = vcpu_load);
 */
#define LUO_HANDLER(_name, _base, _layout, _versions, ...)		\
	LUO_HANDLER_DECLARE(_name);					\
	struct __luo_cbs_##_name {					\
		bool (*can_preserve)(struct file *file);		\
		int (*save)(struct file *file,				\
			    __luo_state_p_##_layout state);		\
		void (*release)(__luo_state_p_##_layout state);		\
		struct file *(*load)(__luo_state_p_##_layout state);	\
		int (*freeze)(struct file *file);			\
		void (*unfreeze)(struct file *file);			\
		int (*upgrade)(__luo_state_p_##_layout state,		\
			       unsigned int from);			\
		unsigned int oldest_write;				\
	};								\
	static const struct __luo_cbs_##_name __luo_cbs_##_name = {	\
		__VA_ARGS__						\
	};								\
	static bool __luo_can_preserve_##_name(struct file *file)	\
	{								\
		return __luo_cbs_##_name.can_preserve(file);		\
	}								\
	static int __luo_save_##_name(struct file *file, void *state)	\
	{								\
		return __luo_cbs_##_name.save(file, state);		\
	}								\
	static void __luo_release_##_name(void *state)			\
	{								\
		if (__luo_cbs_##_name.release)				\
			__luo_cbs_##_name.release(state);		\
	}								\
	static struct file *__luo_load_##_name(void *state)		\
	{								\
		return __luo_cbs_##_name.load(state);			\
	}								\
	static int __luo_freeze_##_name(struct file *file)		\
	{								\
		return __luo_cbs_##_name.freeze ?			\
		       __luo_cbs_##_name.freeze(file) : 0;		\
	}								\
	static void __luo_unfreeze_##_name(struct file *file)		\
	{								\
		if (__luo_cbs_##_name.unfreeze)				\
			__luo_cbs_##_name.unfreeze(file);		\
	}								\
	static int __luo_upgrade_##_name(void *state, unsigned int from) \
	{								\
		return __luo_cbs_##_name.upgrade ?			\
		       __luo_cbs_##_name.upgrade(state, from) : 0;	\
	}								\
	static int __luo_bind_##_name(struct luo_handler *h)		\
	{								\
		h->oldest_write = __luo_cbs_##_name.oldest_write;	\
		return luo_handler_bind_check(h,			\
				!!__luo_cbs_##_name.can_preserve,	\
				!!__luo_cbs_##_name.save,		\
				!!__luo_cbs_##_name.load);		\
	}								\
	static const struct luo_handler_ops __luo_ops_##_name = {	\
		.can_preserve = __luo_can_preserve_##_name,		\
		.save = __luo_save_##_name,				\
		.release = __luo_release_##_name,			\
		.load = __luo_load_##_name,				\
		.freeze = __luo_freeze_##_name,				\
		.unfreeze = __luo_unfreeze_##_name,			\
		.upgrade = __luo_upgrade_##_name,			\
	};								\
	static const struct liveupdate_file_ops __luo_fops_##_name = {	\
		.can_preserve = luo_glue_can_preserve,			\
		.preserve = luo_glue_preserve,				\
		.unpreserve = luo_glue_unpreserve,			\
		.freeze = luo_glue_freeze,				\
		.unfreeze = luo_glue_unfreeze,				\
		.retrieve = luo_glue_retrieve,				\
		.finish = luo_glue_finish,				\
		.owner = THIS_MODULE,					\
	};								\
	__LUO_MAP(__luo_version_def, (_name, _base),			\
		  __LUO_UNPAREN _versions)				\
	static struct luo_handler_version *const			\
	__luo_versions_##_name[] = {					\
		__LUO_MAP(__luo_version_ref, _name,			\
			  __LUO_UNPAREN _versions)			\
	};								\
	static struct luo_handler _name = {				\
		.base = _base,						\
		.layout = &(_layout),					\
		.ops = &__luo_ops_##_name,				\
		.versions = __luo_versions_##_name,			\
		.nr_versions = ARRAY_SIZE(__luo_versions_##_name),	\
		.bind = __luo_bind_##_name,				\
	}

#endif /* _LINUX_LUO_HANDLER_HANDLER_H */
