// SPDX-License-Identifier: GPL-2.0
/*
 * Live Update Orchestrator core: the handover medium and the memory handlers
 * keep their state in.
 *
 * Handler state lives in the heap of the outgoing slot, so that it needs no
 * copy at freeze and survives the kexec where it is.  A handle is the byte
 * offset of an allocation in its slot: the same number means the same bytes
 * in the next kernel, whatever address the slot is mapped at there.
 *
 * The heap is a bump allocator: allocation is O(1) and a freeze never has to
 * compact it.  Freed space is reused once nothing in the heap is live.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/align.h>
#include <linux/cleanup.h>
#include <linux/liveupdate.h>
#include <linux/overflow.h>
#include <linux/string.h>

#include "luo_image.h"
#include "luo_internal.h"

/**
 * struct luo_medium - memory that survives the kexec
 * @base: Kernel mapping of it.
 * @size: Its size; split in two slots of @size / 2.
 */
struct luo_medium {
	void *base;
	u64 size;
};

static struct luo_medium luo_medium;

/* Outgoing heap: the next free offset, and how many allocations are live. */
static u64 luo_heap_next = LUO_IMAGE_HEAP_OFFSET;
static u64 luo_heap_live;

/* Incoming image: which slot, and how many bytes of it are the image. */
static int luo_incoming_slot = -1;
static u64 luo_incoming_size;

/* Chosen when the heap is empty, so it never moves under live state. */
static int luo_out_slot;

u64 luo_slot_size(void)
{
	return luo_medium.size / 2;
}

void *luo_slot(int slot)
{
	return luo_medium.base + slot * luo_slot_size();
}

bool luo_medium_attached(void)
{
	return !!luo_medium.base;
}

/* The slot of the incoming image, or -1 when there is none. */
int luo_heap_incoming_slot(void)
{
	return luo_incoming_slot;
}

/*
 * The image loader found @size bytes of image in @slot, or (@slot -1) the
 * incoming image is gone.
 */
void luo_heap_set_incoming(int slot, u64 size)
{
	luo_incoming_slot = slot;
	luo_incoming_size = size;
}

/* The slot the next image goes to: never the unfinished incoming one. */
int luo_outgoing_slot(void)
{
	return luo_out_slot;
}

/**
 * luo_medium_attach() - use memory as the handover medium
 * @base: Kernel mapping of memory that survives the kexec, or of a buffer
 *        for a simulated one.
 * @size: Its size: two slots, each big enough for a header and a heap.
 *
 * Return: 0, -EBUSY when a medium is attached, -EINVAL when @size is too
 * small or odd.
 */
int luo_medium_attach(void *base, u64 size)
{
	guard(mutex)(&luo_lock);
	if (luo_medium.base)
		return -EBUSY;
	if (size % (2 * LUO_IMAGE_ALIGN) ||
	    size / 2 <= LUO_IMAGE_HEAP_OFFSET) {
		pr_err("handover medium of %llu bytes is too small or unaligned\n",
		       size);
		return -EINVAL;
	}
	luo_medium.base = base;
	luo_medium.size = size;
	luo_incoming_slot = -1;
	luo_heap_reset();
	return 0;
}
EXPORT_SYMBOL_FOR_LUO_TESTS(luo_medium_attach);

void luo_medium_detach(void)
{
	guard(mutex)(&luo_lock);
	luo_medium.base = NULL;
	luo_medium.size = 0;
	luo_incoming_slot = -1;
}
EXPORT_SYMBOL_FOR_LUO_TESTS(luo_medium_detach);

void luo_heap_reset(void)
{
	luo_heap_next = LUO_IMAGE_HEAP_OFFSET;
	luo_heap_live = 0;
	luo_out_slot = luo_incoming_slot == 0 ? 1 : 0;
}

u64 luo_heap_end(void)
{
	return luo_heap_next;
}

/* Give back everything carved since @mark: the tables of a failed seal. */
void luo_heap_rewind(u64 mark)
{
	luo_heap_next = mark;
}

/**
 * luo_heap_carve() - take zeroed bytes off the end of the outgoing heap
 * @size:    Bytes wanted.
 * @handlep: Set to their handle.
 *
 * For the image's own tables, which luo_heap_rewind() gives back.
 *
 * Return: Their kernel address, or ERR_PTR(-ENODEV) with no medium,
 * -ENOSPC when the heap is full.
 */
void *luo_heap_carve(u64 size, u64 *handlep)
{
	u64 start = luo_heap_next, end;
	void *p;

	lockdep_assert_held(&luo_lock);
	if (!luo_medium.base)
		return ERR_PTR(-ENODEV);
	if (check_add_overflow(start, ALIGN(size, LUO_IMAGE_ALIGN), &end) ||
	    end > luo_slot_size()) {
		pr_err_ratelimited("handover heap full: %llu bytes wanted, %llu free\n",
				   size, luo_slot_size() - start);
		return ERR_PTR(-ENOSPC);
	}
	p = luo_slot(luo_outgoing_slot()) + start;
	memset(p, 0, end - start);
	luo_heap_next = end;
	*handlep = start;
	return p;
}

/* A handler's allocation, live until liveupdate_free(). */
static void *luo_heap_alloc(u64 size, u64 *handlep)
{
	void *p = luo_heap_carve(size, handlep);

	if (!IS_ERR(p))
		luo_heap_live++;
	return p;
}

/**
 * liveupdate_alloc() - allocate preserved memory for a file's state
 * @s:       The session of the handler's op_args; must be outgoing.
 * @size:    Bytes wanted.
 * @handlep: Set to the handle to store in serialized_data, or in other
 *           preserved memory.
 *
 * The memory is zeroed and survives the live update at the same handle.
 *
 * Context: From the handler's preserve() or freeze().
 * Return: Its address, or ERR_PTR(-EINVAL) on an incoming session,
 * -ENODEV without a handover medium, -ENOSPC when it is full.
 */
void *liveupdate_alloc(struct liveupdate_session *s, size_t size,
		       u64 *handlep)
{
	lockdep_assert_held(&luo_lock);
	if (s->incoming)
		return ERR_PTR(-EINVAL);
	return luo_heap_alloc(size, handlep);
}
EXPORT_SYMBOL_GPL(liveupdate_alloc);

/**
 * liveupdate_free() - release preserved memory
 * @s:      The session of the handler's op_args.
 * @handle: A handle from liveupdate_alloc(), in this kernel or the last.
 *
 * Outgoing, from unpreserve(): the space is reused once nothing in the heap
 * is live.  Incoming, from finish(): the whole incoming image is released
 * with the last incoming session, so there is nothing to do one by one.
 */
void liveupdate_free(struct liveupdate_session *s, u64 handle)
{
	lockdep_assert_held(&luo_lock);
	if (s->incoming || WARN_ON(!luo_heap_live))
		return;
	if (!--luo_heap_live)
		luo_heap_reset();
}
EXPORT_SYMBOL_GPL(liveupdate_free);

/**
 * liveupdate_ptr() - address of preserved memory, bounds checked
 * @s:      The session of the handler's op_args.
 * @handle: The handle; in an incoming session it comes from the previous
 *          kernel and is not trusted.
 * @size:   How many bytes the handler will read or write there.
 *
 * Return: The address of [@handle, @handle + @size), or NULL, with a log
 * line, when that range is not inside the heap of the session's image.
 */
void *liveupdate_ptr(struct liveupdate_session *s, u64 handle, size_t size)
{
	u64 end, limit;
	int slot;

	lockdep_assert_held(&luo_lock);
	if (s->incoming) {
		slot = luo_incoming_slot;
		limit = luo_incoming_size;
	} else {
		slot = luo_outgoing_slot();
		limit = luo_heap_next;
	}
	if (slot < 0 || handle < LUO_IMAGE_HEAP_OFFSET ||
	    check_add_overflow(handle, (u64)size, &end) || end > limit) {
		pr_err_ratelimited("session '%s': handle %#llx + %zu is outside the image's heap (%#llx)\n",
				   s->name, handle, size, limit);
		return NULL;
	}
	return luo_slot(slot) + handle;
}
EXPORT_SYMBOL_GPL(liveupdate_ptr);
