/* SPDX-License-Identifier: GPL-2.0 */
/*
 * luo_handler: everything the framework needs from the orchestrator that
 * mainline LUO and this project's core spell differently.
 *
 * With CONFIG_LIVEUPDATE (mainline), handler state lives in memory preserved
 * by Kexec HandOver and its handle is a physical address.  With
 * CONFIG_LUO_CORE (this project's core, for kernels without LUO), it lives
 * in the heap of the handover image, and a handle is an offset there that
 * the core bounds-checks.  Nothing else in the framework, and nothing in a
 * driver using it, depends on which.
 */
#ifndef _LINUX_LUO_HANDLER_SEAM_H
#define _LINUX_LUO_HANDLER_SEAM_H

#include <linux/err.h>
#include <linux/liveupdate.h>
#include <linux/string.h>

#if IS_ENABLED(CONFIG_LIVEUPDATE)

#include <linux/io.h>
#include <linux/kexec_handover.h>

static inline void *luo_state_alloc(struct liveupdate_session *s, size_t size,
				    u64 *handlep)
{
	void *p = kho_alloc_preserve(size);

	if (!IS_ERR(p))
		*handlep = virt_to_phys(p);
	return p;
}

/* KHO restored the preserved ranges; it keeps no bound to check against. */
static inline void *luo_state_ptr(struct liveupdate_session *s, u64 handle,
				  size_t size)
{
	return handle ? phys_to_virt(handle) : NULL;
}

static inline void luo_state_free_outgoing(struct liveupdate_session *s,
					   u64 handle)
{
	kho_unpreserve_free(phys_to_virt(handle));
}

static inline void luo_state_free_incoming(struct liveupdate_session *s,
					   u64 handle)
{
	kho_restore_free(phys_to_virt(handle));
}

/*
 * Mainline unregisters unconditionally: a module cannot go while files are
 * preserved with its handler, each holding a reference on it.
 */
static inline int luo_seam_unregister(struct liveupdate_file_handler *fh)
{
	liveupdate_unregister_file_handler(fh);
	return 0;
}

/* The series' target_versions (patch 4), as on our core. */
static inline bool luo_target_reads(const char *compatible)
{
	return liveupdate_target_reads(compatible);
}

static inline void luo_target_describe(const char *base, char *buf,
				       size_t size)
{
	liveupdate_target_describe(base, buf, size);
}

#else /* CONFIG_LIVEUPDATE */

/**
 * luo_state_alloc() - allocate handover memory for a file's state
 * @s:       The session of the callback's op_args.
 * @size:    Bytes wanted.
 * @handlep: Set to the handle to keep in serialized_data.
 *
 * Return: The zeroed memory, 8-byte aligned, or an ERR_PTR().
 */
static inline void *luo_state_alloc(struct liveupdate_session *s, size_t size,
				    u64 *handlep)
{
	return liveupdate_alloc(s, size, handlep);
}

/**
 * luo_state_ptr() - the memory behind a handle
 * @s:      The session of the callback's op_args.
 * @handle: The handle; from the previous kernel, so not trusted.
 * @size:   Bytes that will be accessed from there.
 *
 * Return: The address, or NULL (logged by the core) when the range is not
 * all inside the handover memory.
 */
static inline void *luo_state_ptr(struct liveupdate_session *s, u64 handle,
				  size_t size)
{
	return liveupdate_ptr(s, handle, size);
}

/**
 * luo_state_free_outgoing() - release a state that will not be handed over
 * @s:      The session of the callback's op_args.
 * @handle: From luo_state_alloc().
 */
static inline void luo_state_free_outgoing(struct liveupdate_session *s,
					   u64 handle)
{
	liveupdate_free(s, handle);
}

/**
 * luo_state_free_incoming() - release a state handed over, once finished
 * @s:      The session of the callback's op_args.
 * @handle: The handle the previous kernel preserved.
 */
static inline void luo_state_free_incoming(struct liveupdate_session *s,
					   u64 handle)
{
	liveupdate_free(s, handle);
}

/**
 * luo_seam_unregister() - unregister a file handler, or say why it stays
 * @fh: A registered file handler.
 *
 * Return: 0, or -EBUSY while files are in its hands (logged by the core).
 */
static inline int luo_seam_unregister(struct liveupdate_file_handler *fh)
{
	return luo_unregister_file_handler(fh);
}

/**
 * luo_target_reads() - whether the next kernel reads a version
 * @compatible: E.g. "memfd-v2".
 *
 * Return: true when it does, or when the next kernel's versions are unknown.
 */
static inline bool luo_target_reads(const char *compatible)
{
	return liveupdate_target_reads(compatible);
}

/**
 * luo_target_describe() - the next kernel's versions of a handler, as text
 * @base: The handler's name without version.
 * @buf:  Filled with them, for a log line.
 * @size: Size of @buf.
 */
static inline void luo_target_describe(const char *base, char *buf,
				       size_t size)
{
	liveupdate_target_describe(base, buf, size);
}

#endif /* CONFIG_LIVEUPDATE */

#endif /* _LINUX_LUO_HANDLER_SEAM_H */
