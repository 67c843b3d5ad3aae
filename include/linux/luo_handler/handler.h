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
 *
 * A driver's object holds its tables and the typed trampolines below; the
 * work is done by the engine, defined once per kernel (engine.h).
 */
#ifndef _LINUX_LUO_HANDLER_HANDLER_H
#define _LINUX_LUO_HANDLER_HANDLER_H

#include <linux/compiler.h>
#include <linux/errno.h>
#include <linux/liveupdate.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/luo_handler/codec.h>
#include <linux/luo_handler/deps.h>
#include <linux/luo_handler/glue.h>
#include <linux/luo_handler/layout.h>
#include <linux/luo_handler/map.h>
#include <linux/luo_handler/pin.h>
#include <linux/luo_handler/types.h>

int luo_handler_register(struct luo_handler *h);
int luo_handler_unregister(struct luo_handler *h);
int luo_handler_bind_check(const struct luo_handler *h, bool can_preserve,
			   bool save, bool load);

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
 * such as a type that depends on itself.  A name that no LUO_HANDLER() or
 * LUO_FILE_TYPE() of the file defines (a typo) does not link: the symbol
 * luo_handler_<name>_is_declared_but_never_defined is left undefined.
 * Once per name; a handler defined with LUO_HANDLER_EXPORTED() is declared
 * with LUO_HANDLER_EXTERN() instead.
 */
#define LUO_HANDLER_DECLARE(_name)					\
	static struct luo_handler _name;				\
	static void luo_handler_##_name##_is_declared_but_never_defined(void); \
	static void (*const __luo_declared_##_name)(void) __used =	\
		luo_handler_##_name##_is_declared_but_never_defined

/**
 * LUO_HANDLER_EXTERN() - declare a handler another module defines
 * @_name: Its identifier, defined there with LUO_HANDLER_EXPORTED().
 *
 * The one way to depend on another module's file type: put this line in
 * the header both modules include, and name @_name in LUO_FIELD_DEP().
 * The dependent module then links against the other, which the module
 * loader loads first and keeps while the dependent is loaded.  Register
 * the dependency's handler before the dependent's: registration refuses a
 * dependency on a handler that is not registered.
 */
#define LUO_HANDLER_EXTERN(_name)	extern struct luo_handler _name

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
 * -EINVAL), and unlike a LUO_HANDLER() dependency, which must be
 * registered first, nothing checks that a handler of these files is.  Example::
 *
 *	static bool guest_ram_is_memfd(struct file *file)
 *	{
 *		return shmem_file(file) && !file_inode(file)->i_nlink;
 *	}
 *
 *	LUO_FILE_TYPE(guest_ram, "memfd", guest_ram_is_memfd);
 *	LUO_SER(memslot_ser, struct memslot_state,
 *		LUO_FIELD(gpa, memslot_ser),
 *		LUO_FIELD_DEP(ram, memslot_ser, guest_ram));
 */
#define LUO_FILE_TYPE(_name, _base, _is_type)				\
	static const struct luo_handler_ops __luo_ops_##_name = {	\
		.can_preserve = (_is_type),				\
	};								\
	static void __maybe_unused					\
	luo_handler_##_name##_is_declared_but_never_defined(void)	\
	{								\
	}								\
	static struct luo_handler _name = {				\
		.base = (_base),					\
		.ops = &__luo_ops_##_name,				\
	}

#define __luo_version_def(nb, v)	__luo_version_def_(__LUO_UNPAREN nb, v)
#define __luo_version_def_(...)		__luo_version_def__(__VA_ARGS__)
#define __luo_version_def__(_name, _base, v)				\
	__luo_pin_slot(_name, _base "-v" #v, v);			\
	static struct luo_handler_version __luo_v##v##_##_name = {	\
		.fh = {							\
			.ops = &__luo_fops_##_name,			\
			.compatible = _base "-v" #v,			\
		},							\
		.handler = &(_name),					\
		.version = (v),						\
		.pin = &__luo_pin(_name, v),				\
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
	__LUO_HANDLER(static, _name, _base, _layout, _versions, __VA_ARGS__)

/**
 * LUO_HANDLER_EXPORTED() - LUO_HANDLER(), for other modules to depend on
 * @_name:     As for LUO_HANDLER(); declared in a shared header with
 *             LUO_HANDLER_EXTERN().
 * @_base:     As for LUO_HANDLER().
 * @_layout:   As for LUO_HANDLER().
 * @_versions: As for LUO_HANDLER().
 * @...:       As for LUO_HANDLER().
 *
 * Defines the handler with external linkage and exports it (GPL), so that
 * a LUO_FIELD_DEP() of another module can name it.
 */
#define LUO_HANDLER_EXPORTED(_name, _base, _layout, _versions, ...)	\
	__LUO_HANDLER(, _name, _base, _layout, _versions, __VA_ARGS__);	\
	EXPORT_SYMBOL_GPL(_name)

#define __LUO_HANDLER(_storage, _name, _base, _layout, _versions, ...)	\
	_storage struct luo_handler _name;				\
	static void __maybe_unused					\
	luo_handler_##_name##_is_declared_but_never_defined(void)	\
	{								\
	}								\
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
		h->has_release = !!__luo_cbs_##_name.release;		\
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
	_storage struct luo_handler _name = {				\
		.base = _base,						\
		.layout = &(_layout),					\
		.ops = &__luo_ops_##_name,				\
		.versions = __luo_versions_##_name,			\
		.nr_versions = ARRAY_SIZE(__luo_versions_##_name),	\
		.bind = __luo_bind_##_name,				\
	}

#endif /* _LINUX_LUO_HANDLER_HANDLER_H */
