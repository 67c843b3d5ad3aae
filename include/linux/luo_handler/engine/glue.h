/* SPDX-License-Identifier: GPL-2.0 */
/*
 * luo_handler engine: the file handler callbacks LUO_HANDLER() installs.
 *
 * The same functions serve every handler: each finds its luo_handler, and
 * the version it stands for, from the file handler it is called through.
 * The orchestrator runs them under its lock, one at a time.
 *
 * Part of the engine: included once per kernel, by
 * <linux/luo_handler/engine.h>.
 */
#ifndef _LINUX_LUO_HANDLER_ENGINE_GLUE_H
#define _LINUX_LUO_HANDLER_ENGINE_GLUE_H

#include <linux/align.h>
#include <linux/err.h>
#include <linux/liveupdate.h>
#include <linux/slab.h>
#include <linux/luo_handler/glue.h>
#include <linux/luo_handler/seam.h>
#include <linux/luo_handler/types.h>
#include <linux/luo_handler/engine/codec.h>
#include <linux/luo_handler/engine/deps.h>
#include <linux/luo_handler/engine/version.h>

/* A state of up to this many bytes is kept on the stack, bigger ones not. */
#define LUO_STATE_ONSTACK	256

struct luo_scratch {
	u64 onstack[LUO_STATE_ONSTACK / sizeof(u64)];
	void *state;
};

static inline void *luo_scratch_get(struct luo_scratch *sc, size_t size)
{
	if (size <= sizeof(sc->onstack)) {
		memset(sc->onstack, 0, size);
		sc->state = sc->onstack;
	} else {
		sc->state = kzalloc(size, GFP_KERNEL);
	}
	return sc->state;
}

static inline void luo_scratch_put(struct luo_scratch *sc)
{
	if (sc->state != (void *)sc->onstack)
		kfree(sc->state);
}

/*
 * Only the version the handler writes now accepts a file, so that the
 * orchestrator records the right compatible.  With no version in common,
 * the newest accepts, for its preserve() to refuse the file saying why:
 * otherwise userspace would only see -ENOENT, "no handler".
 */
bool luo_glue_can_preserve(struct liveupdate_file_handler *fh,
			   struct file *file)
{
	struct luo_handler_version *hv = luo_handler_version_of(fh);
	struct luo_handler *h = hv->handler;
	unsigned int w;

	if (!h->ops->can_preserve(file))
		return false;
	w = luo_handler_write_version(h);
	return hv->version == (w ?: h->versions[0]->version);
}
EXPORT_SYMBOL_LUO_ENGINE(luo_glue_can_preserve);

/* Encodes a saved state into new handover memory. */
static int
luo_glue_store(struct luo_handler_version *hv, struct liveupdate_session *s,
	       const void *state, u64 *handlep)
{
	const struct luo_layout *l = hv->handler->layout;
	const char *who = hv->fh.compatible;
	struct luo_deps deps;
	ssize_t size;
	void *buf;
	int err;

	err = luo_deps_outgoing(l, hv->version, s, state, &deps, false, who);
	if (err)
		return err;
	size = hv->fixed_size ?: luo_encoded_size(l, hv->version, state, who);
	if (size < 0)
		return size;
	buf = luo_state_alloc(s, size, handlep);
	if (IS_ERR(buf)) {
		pr_err_ratelimited("%s: no handover memory for a state of %zd bytes: %ld\n",
				   who, size, PTR_ERR(buf));
		return PTR_ERR(buf);
	}
	if (hv->flat) {
		luo_flat_encode(l, hv->version, state, &deps, buf);
		return 0;
	}
	err = luo_encode(l, hv->version, state, &deps, buf, size, who);
	if (err)
		luo_state_free_outgoing(s, *handlep);
	return err;
}

/*
 * A flat version whose driver has no release(): save() fills the state
 * where it is handed over, and the flat path only seals it (header,
 * padding, dependency slots), with no state to build and copy first.
 * With a release(), which may read the dependencies save() put in the
 * state, the state is built apart.
 */
static int luo_glue_preserve_in_place(struct luo_handler_version *hv,
				      struct liveupdate_file_op_args *args)
{
	const struct luo_layout *l = hv->handler->layout;
	const char *who = hv->fh.compatible;
	struct liveupdate_session *s = args->session;
	struct luo_deps deps;
	void *buf, *state;
	u64 handle;
	int err;

	buf = luo_state_alloc(s, hv->fixed_size, &handle);
	if (IS_ERR(buf)) {
		pr_err_ratelimited("%s: no handover memory for a state of %u bytes: %ld\n",
				   who, hv->fixed_size, PTR_ERR(buf));
		return PTR_ERR(buf);
	}
	state = buf + sizeof(struct luo_wire_header);
	err = hv->handler->ops->save(args->file, state);
	if (!err)
		err = luo_deps_outgoing(l, hv->version, s, state, &deps, false,
					who);
	if (err) {
		/* No struct file pointer left behind in handover memory. */
		memset(buf, 0, hv->fixed_size);
		luo_state_free_outgoing(s, handle);
		return err;
	}
	luo_flat_seal(l, hv->version, &deps, buf);
	args->serialized_data = handle;
	return 0;
}

int luo_glue_preserve(struct liveupdate_file_op_args *args)
{
	struct luo_handler_version *hv = luo_handler_version_of(args->handler);
	struct luo_handler *h = hv->handler;
	struct luo_scratch sc;
	void *state;
	u64 handle;
	int err;

	if (luo_handler_write_version(h) != hv->version)
		return luo_handler_no_common_version(h);
	if (hv->flat && !h->has_release)
		return luo_glue_preserve_in_place(hv, args);
	state = luo_scratch_get(&sc, h->layout->state_size);
	if (!state)
		return -ENOMEM;
	err = h->ops->save(args->file, state);
	if (!err) {
		err = luo_glue_store(hv, args->session, state, &handle);
		h->ops->release(state);
	}
	luo_scratch_put(&sc);
	if (!err)
		args->serialized_data = handle;
	return err;
}
EXPORT_SYMBOL_LUO_ENGINE(luo_glue_preserve);

/*
 * The preserved state behind a handle: of its version's size when that is
 * fixed (the decoder refuses a header that says otherwise), else of the
 * size its header gives.
 */
static void *
luo_glue_state(struct liveupdate_file_op_args *args, size_t *sizep)
{
	struct luo_handler_version *hv = luo_handler_version_of(args->handler);
	const struct luo_wire_header *hdr;

	/* The handle is the previous kernel's: check before reading through it. */
	if (!IS_ALIGNED(args->serialized_data, 8)) {
		pr_err_ratelimited("%s: state handle %#llx is not 8-byte aligned\n",
				   args->handler->compatible, args->serialized_data);
		return NULL;
	}
	if (hv->fixed_size) {
		*sizep = hv->fixed_size;
		return luo_state_ptr(args->session, args->serialized_data,
				     *sizep);
	}
	hdr = luo_state_ptr(args->session, args->serialized_data,
			    sizeof(*hdr));
	if (!hdr)
		return NULL;
	*sizep = le32_to_cpu(hdr->size);
	return luo_state_ptr(args->session, args->serialized_data, *sizep);
}

/* Saves the state again and writes its late fields where they are. */
static int luo_glue_refresh(struct liveupdate_file_op_args *args)
{
	struct luo_handler_version *hv = luo_handler_version_of(args->handler);
	const struct luo_layout *l = hv->handler->layout;
	const char *who = hv->fh.compatible;
	struct luo_deps deps;
	struct luo_scratch sc;
	void *state, *buf;
	size_t size;
	int err;

	buf = luo_glue_state(args, &size);
	if (!buf)
		return -EINVAL;
	state = luo_scratch_get(&sc, l->state_size);
	if (!state)
		return -ENOMEM;
	err = hv->handler->ops->save(args->file, state);
	if (!err) {
		err = luo_deps_outgoing(l, hv->version, args->session, state,
					&deps, true, who);
		if (!err)
			err = luo_encode_late(l, hv->version, state, &deps,
					      buf, size, who);
		hv->handler->ops->release(state);
	}
	luo_scratch_put(&sc);
	return err;
}

int luo_glue_freeze(struct liveupdate_file_op_args *args)
{
	struct luo_handler *h = luo_handler_version_of(args->handler)->handler;
	int err;

	err = h->ops->freeze(args->file);
	if (err || !h->has_late)
		return err;
	err = luo_glue_refresh(args);
	if (err)
		h->ops->unfreeze(args->file);
	return err;
}
EXPORT_SYMBOL_LUO_ENGINE(luo_glue_freeze);

void luo_glue_unfreeze(struct liveupdate_file_op_args *args)
{
	luo_handler_version_of(args->handler)->handler->ops->unfreeze(args->file);
}
EXPORT_SYMBOL_LUO_ENGINE(luo_glue_unfreeze);

void luo_glue_unpreserve(struct liveupdate_file_op_args *args)
{
	luo_state_free_outgoing(args->session, args->serialized_data);
}
EXPORT_SYMBOL_LUO_ENGINE(luo_glue_unpreserve);

/*
 * Dependencies, upgrade, load: a decoded state becomes a file.  Dependencies
 * first, so that upgrade() sees them and runs once, not at every retry.
 */
static int luo_glue_load(struct liveupdate_file_op_args *args, void *state,
			 const struct luo_deps *deps)
{
	struct luo_handler_version *hv = luo_handler_version_of(args->handler);
	struct luo_handler *h = hv->handler;
	const char *who = hv->fh.compatible;
	struct file *file;
	int err;

	err = luo_deps_incoming(h->layout, hv->version, args->session, state,
				deps, who);
	if (err)
		return err;
	if (hv->version != h->versions[0]->version) {
		err = h->ops->upgrade(state, hv->version);
		if (err) {
			pr_err_ratelimited("%s: upgrade from version %u failed: %d\n",
					   who, hv->version, err);
			return err;
		}
	}
	file = h->ops->load(state);
	if (IS_ERR_OR_NULL(file)) {
		err = file ? PTR_ERR(file) : -EINVAL;
		pr_err_ratelimited("%s: load failed: %d\n", who, err);
		return err;
	}
	args->file = file;
	return 0;
}

int luo_glue_retrieve(struct liveupdate_file_op_args *args)
{
	struct luo_handler_version *hv = luo_handler_version_of(args->handler);
	const struct luo_layout *l = hv->handler->layout;
	struct luo_deps deps;
	struct luo_scratch sc;
	void *state, *buf;
	size_t size;
	int err;

	buf = luo_glue_state(args, &size);
	if (!buf)
		return -EINVAL;
	state = luo_scratch_get(&sc, l->state_size);
	if (!state)
		return -ENOMEM;
	if (hv->flat)
		err = luo_flat_decode(l, hv->version, buf, size, state, &deps,
				      hv->fh.compatible);
	else
		err = luo_decode(l, hv->version, buf, size, state, &deps,
				 hv->fh.compatible);
	if (!err) {
		err = luo_glue_load(args, state, &deps);
		/* A version of fixed size has no array to free. */
		if (!hv->fixed_size)
			luo_decoded_free(l, hv->version, state);
	}
	luo_scratch_put(&sc);
	return err;
}
EXPORT_SYMBOL_LUO_ENGINE(luo_glue_retrieve);

void luo_glue_finish(struct liveupdate_file_op_args *args)
{
	luo_state_free_incoming(args->session, args->serialized_data);
}
EXPORT_SYMBOL_LUO_ENGINE(luo_glue_finish);

#endif /* _LINUX_LUO_HANDLER_ENGINE_GLUE_H */
