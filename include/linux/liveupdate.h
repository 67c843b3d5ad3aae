/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Live Update Orchestrator: in-kernel API for file handlers.
 *
 * Names, signatures and semantics follow mainline's <linux/liveupdate.h> so
 * that a handler written against this header builds unchanged against a
 * kernel that has CONFIG_LIVEUPDATE.
 */
#ifndef _LINUX_LIVEUPDATE_H
#define _LINUX_LIVEUPDATE_H

#include <linux/bug.h>
#include <linux/compiler.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/list.h>
#include <linux/stringify.h>
#include <linux/types.h>
#include <uapi/linux/liveupdate_versions.h>

struct file;
struct liveupdate_file_handler;
struct liveupdate_flb;
struct liveupdate_session;
struct module;

/* Room for a compatible string, including its terminating NUL. */
#define LIVEUPDATE_HNDL_COMPAT_LENGTH	LIVEUPDATE_VERSIONS_ENTRY_SIZE
#define LIVEUPDATE_FLB_COMPAT_LENGTH	48

/**
 * struct liveupdate_file_op_args - arguments passed to file handler callbacks
 * @handler:         The handler being called.
 * @session:         The session the file belongs to; handed to the token
 *                   lookup functions when the file depends on other files.
 * @retrieve_status: In finish(): 0 if the file was never retrieved, 1 if it
 *                   was, or the negative errno of a failed retrieve.
 * @file:            In preserve(), freeze(), unfreeze() and unpreserve(): the
 *                   file being preserved.  Set by retrieve() to the restored
 *                   file.
 * @serialized_data: Opaque handle of the handler's preserved state: set by
 *                   preserve(), handed back to every later callback, in this
 *                   kernel and in the next one.
 * @private_data:    For the handler's own use between preserve() and
 *                   unpreserve() or freeze(), in the running kernel only.
 */
struct liveupdate_file_op_args {
	struct liveupdate_file_handler *handler;
	struct liveupdate_session *session;
	int retrieve_status;
	struct file *file;
	u64 serialized_data;
	void *private_data;
};

/**
 * struct liveupdate_file_ops - callbacks of a live update file handler
 * @can_preserve: Required.  Whether this handler can preserve @file.
 * @preserve:     Required.  Save the file's state; set serialized_data.
 * @unpreserve:   Required.  Undo preserve() when the file leaves the session
 *                before the live update.
 * @freeze:       Optional.  Last chance to update the state, just before the
 *                kexec.  A failure aborts the update.
 * @unfreeze:     Optional.  Undo freeze() when a later file fails to freeze.
 * @retrieve:     Required.  In the new kernel, rebuild the file from
 *                serialized_data and set file.
 * @can_finish:   Optional.  Whether the session may be finished now.
 * @finish:       Required.  Release the preserved state in the new kernel,
 *                whether or not the file was retrieved.
 * @get_id:       Optional.  An identifier for the object behind @file, used
 *                to tell whether two files refer to the same object.
 * @owner:        The module implementing the callbacks; pinned while the
 *                handler is registered.
 */
struct liveupdate_file_ops {
	bool (*can_preserve)(struct liveupdate_file_handler *handler,
			     struct file *file);
	int (*preserve)(struct liveupdate_file_op_args *args);
	void (*unpreserve)(struct liveupdate_file_op_args *args);
	int (*freeze)(struct liveupdate_file_op_args *args);
	void (*unfreeze)(struct liveupdate_file_op_args *args);
	int (*retrieve)(struct liveupdate_file_op_args *args);
	bool (*can_finish)(struct liveupdate_file_op_args *args);
	void (*finish)(struct liveupdate_file_op_args *args);
	unsigned long (*get_id)(struct file *file);
	struct module *owner;
};

/**
 * struct liveupdate_file_handler - a versioned file handler
 * @ops:        Its callbacks.
 * @compatible: Name and serialization version, e.g. "memfd-v1": the string
 *              that ties preserved state to the code able to read it.
 *              NUL-terminated, printable, without white space.
 */
struct liveupdate_file_handler {
	const struct liveupdate_file_ops *ops;
	const char compatible[LIVEUPDATE_HNDL_COMPAT_LENGTH];

	/* private: */
	struct list_head __private list;
};

/**
 * struct liveupdate_flb_op_args - arguments of the FLB callbacks
 * @flb:  The FLB the call is for.
 * @data: The handle: set by preserve(), given to unpreserve() and, in the
 *        next kernel, to retrieve().
 * @obj:  The live object: set by preserve() and retrieve(), given to
 *        finish().
 */
struct liveupdate_flb_op_args {
	struct liveupdate_flb *flb;
	u64 data;
	void *obj;
};

/**
 * struct liveupdate_flb_ops - callbacks of File-Lifecycle-Bound global data
 * @preserve:   When the first file using the FLB is preserved.
 * @unpreserve: When the last one is unpreserved before the update.
 * @retrieve:   In the next kernel, the first time the object is asked for.
 * @finish:     In the next kernel, when the last file using it is finished.
 * @owner:      The module implementing the callbacks.
 *
 * Mainline's declarations (Linux 7.3); this core does not implement FLBs
 * yet, and its registration and accessors return -EOPNOTSUPP.
 */
struct liveupdate_flb_ops {
	int (*preserve)(struct liveupdate_flb_op_args *argp);
	void (*unpreserve)(struct liveupdate_flb_op_args *argp);
	int (*retrieve)(struct liveupdate_flb_op_args *argp);
	void (*finish)(struct liveupdate_flb_op_args *argp);
	struct module *owner;
};

/**
 * struct liveupdate_flb - a global object whose life follows its files'
 * @ops:        Its callbacks.
 * @compatible: Name and serialization version, e.g. "iommu-core-v1".
 */
struct liveupdate_flb {
	const struct liveupdate_flb_ops *ops;
	const char compatible[LIVEUPDATE_FLB_COMPAT_LENGTH];

	/* private: */
	struct list_head __private list;
};

/*
 * One entry of .liveupdate_versions: the string @_str (a quoted literal, as
 * __stringify() makes it), then NULs up to LIVEUPDATE_VERSIONS_ENTRY_SIZE
 * bytes.  Written in assembly so that an entry needs no symbol, and so that
 * the assembler itself refuses an entry that is empty or leaves no room for
 * the NUL, whichever macro emitted it.
 */
#define __LIVEUPDATE_VERSIONS_ASM(_str)					\
	asm(__LIVEUPDATE_VERSIONS_LINKED				\
	    ".pushsection " LIVEUPDATE_VERSIONS_SECTION ", \"a\"\n"	\
	    "1:	.ascii " _str "\n"					\
	    "	.if (. - 1b) == 0 || (. - 1b) >= "			\
	    __stringify(LIVEUPDATE_VERSIONS_ENTRY_SIZE) "\n"		\
	    "	.error \"liveupdate: compatible is empty or does not fit in " \
	    __stringify(LIVEUPDATE_VERSIONS_ENTRY_SIZE)			\
	    " bytes with its NUL\"\n"					\
	    "	.endif\n"						\
	    "	.fill " __stringify(LIVEUPDATE_VERSIONS_ENTRY_SIZE)	\
	    " - (. - 1b), 1, 0\n"					\
	    ".popsection")

/*
 * A module's header comes from scripts/liveupdate_versions.lds, which
 * scripts/Makefile.luo_handler adds to its link and which defines the
 * symbol below.  A module built without it would list its versions with
 * no header, which every reader refuses: the reference, in a section the
 * final link discards, makes modpost stop such a build, naming the fix.
 */
#ifdef MODULE
#define __LIVEUPDATE_VERSIONS_LINKED					\
	".pushsection .discard.liveupdate_versions, \"a\"\n"		\
	"	.quad luo_module_not_linked_with_scripts_Makefile_luo_handler\n" \
	".popsection\n"
#else
#define __LIVEUPDATE_VERSIONS_LINKED ""
#endif

/**
 * LIVEUPDATE_VERSIONS_ENTRY() - list a version in .liveupdate_versions
 * @_compatible: String literal, or a macro expanding to one, of 1 to
 *               LIVEUPDATE_HNDL_COMPAT_LENGTH - 1 characters; anything else
 *               fails to assemble.
 *
 * Emits one entry of exactly LIVEUPDATE_VERSIONS_ENTRY_SIZE bytes: the
 * string, then NULs.  LIVEUPDATE_FILE_HANDLER() does this for handlers; the
 * orchestrator uses it directly for formats that are not file handlers, such
 * as its own handover image.  The section's header is added by the link (see
 * include/asm-generic/liveupdate_versions.lds.h), never by C code.
 */
#define LIVEUPDATE_VERSIONS_ENTRY(_compatible)				\
	__LIVEUPDATE_VERSIONS_ASM(__stringify(_compatible))

/**
 * LIVEUPDATE_FILE_HANDLER() - define a file handler and list its version
 * @_name:       Identifier of the &struct liveupdate_file_handler to define.
 * @_compatible: String literal, or a macro expanding to one, naming the
 *               handler and its serialization version, e.g. "memfd-v1".
 *               Rejected at compile time when it is not a literal, is empty
 *               or does not fit in LIVEUPDATE_HNDL_COMPAT_LENGTH bytes with
 *               its NUL.
 * @_ops:        Pointer to the handler's &struct liveupdate_file_ops.
 *
 * Defining a handler through this macro is what puts its version in the
 * .liveupdate_versions section of the kernel image or module, where tools
 * read which versions a kernel can restore before updating to it.  The
 * handler still has to be registered with liveupdate_register_file_handler().
 *
 * May be preceded by ``static``.  Example::
 *
 *	static LIVEUPDATE_FILE_HANDLER(memfd_handler, "memfd-v1", &memfd_ops);
 */
#define LIVEUPDATE_FILE_HANDLER(_name, _compatible, _ops)		\
	struct liveupdate_file_handler _name = {			\
		.ops = (_ops),						\
		.compatible = _compatible,				\
	};								\
	static_assert(__builtin_types_compatible_p(typeof(_compatible),	\
						   char[sizeof(_compatible)]), \
		      "liveupdate: compatible " __stringify(_compatible) \
		      " is not a string literal");			\
	static_assert(sizeof(_compatible) > 1,				\
		      "liveupdate: empty compatible");			\
	static_assert(sizeof(_compatible) <= LIVEUPDATE_HNDL_COMPAT_LENGTH, \
		      "liveupdate: compatible " __stringify(_compatible) \
		      " does not fit in 48 bytes with its NUL");	\
	__LIVEUPDATE_VERSIONS_ASM(__stringify(_compatible))

#if IS_ENABLED(CONFIG_LUO_CORE)

bool liveupdate_enabled(void);
int liveupdate_register_file_handler(struct liveupdate_file_handler *fh);
void liveupdate_unregister_file_handler(struct liveupdate_file_handler *fh);
int liveupdate_get_token_outgoing(struct liveupdate_session *s,
				  struct file *file, u64 *tokenp);
int liveupdate_get_file_incoming(struct liveupdate_session *s, u64 token,
				 struct file **filep);

/* Ours: unregistration that says when, and why, a handler stays. */
int luo_unregister_file_handler(struct liveupdate_file_handler *fh);

/*
 * Preserved memory for handler state.  Ours, not mainline's: on mainline
 * the same roles are played by kho_alloc_preserve(), phys_to_virt() and
 * kho_restore_free().
 */
void *liveupdate_alloc(struct liveupdate_session *s, size_t size,
		       u64 *handlep);
void *liveupdate_ptr(struct liveupdate_session *s, u64 handle, size_t size);
void liveupdate_free(struct liveupdate_session *s, u64 handle);

/*
 * The versions the next kernel reads, as userspace wrote them to
 * /sys/kernel/liveupdate/target_versions.  Ours: mainline has no such
 * negotiation yet.
 */
bool liveupdate_target_reads(const char *compatible);
void liveupdate_target_describe(const char *base, char *buf, size_t size);

#else /* CONFIG_LUO_CORE */

static inline bool liveupdate_enabled(void)
{
	return false;
}

static inline int
liveupdate_register_file_handler(struct liveupdate_file_handler *fh)
{
	return -EOPNOTSUPP;
}

static inline void
liveupdate_unregister_file_handler(struct liveupdate_file_handler *fh)
{
}

static inline int
luo_unregister_file_handler(struct liveupdate_file_handler *fh)
{
	return -EOPNOTSUPP;
}

static inline int liveupdate_get_token_outgoing(struct liveupdate_session *s,
						struct file *file, u64 *tokenp)
{
	return -EOPNOTSUPP;
}

static inline int liveupdate_get_file_incoming(struct liveupdate_session *s,
					       u64 token, struct file **filep)
{
	return -EOPNOTSUPP;
}

static inline void *liveupdate_alloc(struct liveupdate_session *s,
				     size_t size, u64 *handlep)
{
	return ERR_PTR(-EOPNOTSUPP);
}

static inline void *liveupdate_ptr(struct liveupdate_session *s, u64 handle,
				   size_t size)
{
	return NULL;
}

static inline void liveupdate_free(struct liveupdate_session *s, u64 handle)
{
}

static inline bool liveupdate_target_reads(const char *compatible)
{
	return true;
}

static inline void liveupdate_target_describe(const char *base, char *buf,
					      size_t size)
{
}

#endif /* CONFIG_LUO_CORE */

/* File-Lifecycle-Bound data: mainline's API, not in this core yet. */
static inline int liveupdate_register_flb(struct liveupdate_file_handler *fh,
					  struct liveupdate_flb *flb)
{
	return -EOPNOTSUPP;
}

static inline void liveupdate_unregister_flb(struct liveupdate_file_handler *fh,
					     struct liveupdate_flb *flb)
{
}

static inline int liveupdate_flb_get_incoming(struct liveupdate_flb *flb,
					      void **objp)
{
	return -EOPNOTSUPP;
}

static inline void liveupdate_flb_put_incoming(struct liveupdate_flb *flb)
{
}

static inline int liveupdate_flb_get_outgoing(struct liveupdate_flb *flb,
					      void **objp)
{
	return -EOPNOTSUPP;
}

static inline void liveupdate_flb_put_outgoing(struct liveupdate_flb *flb)
{
}

#endif /* _LINUX_LIVEUPDATE_H */
