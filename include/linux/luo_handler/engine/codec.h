/* SPDX-License-Identifier: GPL-2.0 */
/*
 * luo_handler engine: a state to its wire form and back.
 *
 * One walk over a layout does every job, so that the encoder and the
 * decoder cannot disagree about where a field is: measure the wire size,
 * encode, encode only the late fields, and decode.  Decoding is validation:
 * every length, bound, padding byte and terminator is checked before it is
 * used, and a state that fails is refused whole, with a log line naming the
 * handler, the field and what was wrong, and nothing left allocated.
 *
 * Part of the engine: included once per kernel, by
 * <linux/luo_handler/engine.h>.
 */
#ifndef _LINUX_LUO_HANDLER_ENGINE_CODEC_H
#define _LINUX_LUO_HANDLER_ENGINE_CODEC_H

#include <linux/align.h>
#include <linux/bits.h>
#include <linux/bug.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/overflow.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/luo_handler/codec.h>

enum luo_codec_op {
	LUO_CODEC_MEASURE,
	LUO_CODEC_ENCODE,
	LUO_CODEC_ENCODE_LATE,
	LUO_CODEC_DECODE,
};

/*
 * A walk in progress.  @wire is the fixed part and tail (what follows the
 * header), @len its bytes, @off the cursor; @deps the dependencies,
 * @nr_deps how many the walk has met.
 */
struct luo_codec {
	enum luo_codec_op op;
	unsigned int version;
	const char *who;
	u8 *wire;
	size_t len;
	size_t off;
	struct luo_deps *deps;
	unsigned int nr_deps;
};

static inline void luo_wire_put(void *wire, const void *mem,
				unsigned int esize, size_t count)
{
#ifdef __LITTLE_ENDIAN
	memcpy(wire, mem, esize * count);
#else
	size_t i;

	for (i = 0; i < count; i++) {
		switch (esize) {
		case 1:
			((u8 *)wire)[i] = ((const u8 *)mem)[i];
			break;
		case 2:
			((__le16 *)wire)[i] = cpu_to_le16(((const u16 *)mem)[i]);
			break;
		case 4:
			((__le32 *)wire)[i] = cpu_to_le32(((const u32 *)mem)[i]);
			break;
		default:
			((__le64 *)wire)[i] = cpu_to_le64(((const u64 *)mem)[i]);
			break;
		}
	}
#endif
}

static inline void luo_wire_get(void *mem, const void *wire,
				unsigned int esize, size_t count)
{
#ifdef __LITTLE_ENDIAN
	memcpy(mem, wire, esize * count);
#else
	size_t i;

	for (i = 0; i < count; i++) {
		switch (esize) {
		case 1:
			((u8 *)mem)[i] = ((const u8 *)wire)[i];
			break;
		case 2:
			((u16 *)mem)[i] = le16_to_cpu(((const __le16 *)wire)[i]);
			break;
		case 4:
			((u32 *)mem)[i] = le32_to_cpu(((const __le32 *)wire)[i]);
			break;
		default:
			((u64 *)mem)[i] = le64_to_cpu(((const __le64 *)wire)[i]);
			break;
		}
	}
#endif
}

/* A scalar member of @size bytes, widened; negative values become huge. */
static inline u64 luo_scalar_load(const void *p, unsigned int size)
{
	switch (size) {
	case 1:
		return *(const u8 *)p;
	case 2:
		return *(const u16 *)p;
	case 4:
		return *(const u32 *)p;
	default:
		return *(const u64 *)p;
	}
}

static inline void luo_scalar_store(void *p, unsigned int size, u64 v)
{
	switch (size) {
	case 1:
		*(u8 *)p = v;
		break;
	case 2:
		*(u16 *)p = v;
		break;
	case 4:
		*(u32 *)p = v;
		break;
	default:
		*(u64 *)p = v;
		break;
	}
}

/* Makes room for @n bytes at the cursor; a decode must find them there. */
static inline int luo_codec_room(struct luo_codec *c, const char *field,
				 size_t n)
{
	if (c->op == LUO_CODEC_MEASURE)
		return 0;
	if (n > c->len - c->off) {
		pr_err_ratelimited("%s: state too short: '%s' needs %zu bytes at offset %zu, %zu left\n",
				   c->who, field, n, c->off, c->len - c->off);
		return -EINVAL;
	}
	return 0;
}

/* Moves the cursor to a multiple of @align, over zero padding. */
static inline int luo_codec_pad(struct luo_codec *c, const char *field,
				size_t align)
{
	size_t to = ALIGN(c->off, align), i;
	int err;

	err = luo_codec_room(c, field, to - c->off);
	if (err)
		return err;
	if (c->op == LUO_CODEC_DECODE) {
		for (i = c->off; i < to; i++) {
			if (c->wire[i]) {
				pr_err_ratelimited("%s: padding byte at offset %zu before '%s' is %#x, not 0\n",
						   c->who, i, field, c->wire[i]);
				return -EINVAL;
			}
		}
	} else if (c->op == LUO_CODEC_ENCODE) {
		memset(c->wire + c->off, 0, to - c->off);
	}
	c->off = to;
	return 0;
}

/*
 * Gives the scalars of @l that version @v lacks, or all of them when the
 * whole layout is @absent, their declared defaults.
 */
static void
luo_codec_defaults(const struct luo_layout *l, unsigned int v, void *state,
		   bool absent)
{
	const struct luo_field *f;
	bool out;

	for (f = l->fields; f < l->fields + l->nr_fields; f++) {
		out = absent || !luo_field_in(f, v);
		if (f->kind == LUO_KIND_NESTED)
			luo_codec_defaults(f->nested, v, state + f->offset, out);
		else if (f->kind == LUO_KIND_SCALAR && out)
			luo_scalar_store(state + f->offset, f->esize, f->def);
	}
}

/*
 * A string field: NUL-terminated within its array and, on the wire, only
 * NULs after the first, so that its encoding is unique.  Return: the
 * length, or -EINVAL.
 */
static inline int luo_codec_string(struct luo_codec *c,
				   const struct luo_field *f, const char *s,
				   bool wire)
{
	const char *nul = memchr(s, '\0', f->count);

	if (!nul) {
		pr_err_ratelimited("%s: string '%s' fills its %u bytes without a NUL\n",
				   c->who, f->name, f->count);
		return -EINVAL;
	}
	if (wire && memchr_inv(nul, 0, s + f->count - nul)) {
		pr_err_ratelimited("%s: string '%s' has bytes after its NUL\n",
				   c->who, f->name);
		return -EINVAL;
	}
	return nul - s;
}

/* Copies a string field either way, NUL-padded on the wire. */
static inline int luo_codec_string_field(struct luo_codec *c,
					 const struct luo_field *f,
					 char *member, bool write)
{
	char *wire = (char *)c->wire + c->off;
	int len;

	if (c->op == LUO_CODEC_DECODE) {
		len = luo_codec_string(c, f, wire, true);
		if (len >= 0)
			memcpy(member, wire, f->count);
	} else {
		len = luo_codec_string(c, f, member, false);
		if (len >= 0 && write) {
			memcpy(wire, member, len);
			memset(wire + len, 0, f->count - len);
		}
	}
	return len < 0 ? len : 0;
}

/*
 * A dependency: its token, preceded for an optional one by whether it is
 * there; an absent one has token 0.
 */
static inline int luo_codec_dep(struct luo_codec *c, const struct luo_field *f,
				void *member, bool write)
{
	__le64 *slot = (__le64 *)(c->wire + c->off);
	unsigned int i = c->nr_deps++, opt = f->optional;
	u64 present, token;

	if (WARN_ON_ONCE(i >= LUO_MAX_DEPS))
		return -EINVAL;
	if (c->op == LUO_CODEC_DECODE) {
		present = opt ? le64_to_cpu(slot[0]) : 1;
		token = le64_to_cpu(slot[opt]);
		if (present > 1 || (!present && token)) {
			pr_err_ratelimited("%s: optional dependency '%s' says present %llu, token %llu\n",
					   c->who, f->name, present, token);
			return -EINVAL;
		}
		c->deps->token[i] = token;
		if (!present)
			c->deps->absent |= BIT(i);
		*(struct file **)member = NULL;
	} else if (write) {
		present = !(c->deps->absent & BIT(i));
		if (opt)
			slot[0] = cpu_to_le64(present);
		slot[opt] = cpu_to_le64(present ? c->deps->token[i] : 0);
	}
	return 0;
}

static int
luo_codec_fields(struct luo_codec *c, const struct luo_layout *l, void *state,
		 bool late);

/* One field of the fixed part, at the cursor, aligned. */
static inline int luo_codec_field(struct luo_codec *c,
				  const struct luo_field *f, void *member,
				  bool late)
{
	bool write = c->op == LUO_CODEC_ENCODE ||
		     (c->op == LUO_CODEC_ENCODE_LATE && late);
	size_t n = (size_t)f->esize * f->count;
	int err;

	switch (f->kind) {
	case LUO_KIND_VARRAY:
		return 0;	/* in the tail */
	case LUO_KIND_NESTED:
		err = luo_codec_fields(c, f->nested, member, late);
		return err ?: luo_codec_pad(c, f->name, 8);
	case LUO_KIND_DEP:
		n = f->optional ? 2 * sizeof(u64) : sizeof(u64);
		break;
	default:
		break;
	}
	err = luo_codec_room(c, f->name, n);
	if (err || c->op == LUO_CODEC_MEASURE)
		goto out;
	if (f->kind == LUO_KIND_DEP)
		err = luo_codec_dep(c, f, member, write);
	else if (f->kind == LUO_KIND_STRING)
		err = luo_codec_string_field(c, f, member, write);
	else if (c->op == LUO_CODEC_DECODE)
		luo_wire_get(member, c->wire + c->off, f->esize, f->count);
	else if (write)
		luo_wire_put(c->wire + c->off, member, f->esize, f->count);
out:
	c->off += n;
	return err;
}

static int
luo_codec_fields(struct luo_codec *c, const struct luo_layout *l, void *state,
		 bool late)
{
	const struct luo_field *f;
	int err;

	for (f = l->fields; f < l->fields + l->nr_fields; f++) {
		if (!luo_field_in(f, c->version) || f->kind == LUO_KIND_VARRAY)
			continue;
		err = luo_codec_pad(c, f->name, luo_wire_align(f));
		if (!err)
			err = luo_codec_field(c, f, state + f->offset,
					      late || f->late);
		if (err)
			return err;
	}
	return 0;
}

/* The variable-length arrays, after the fixed part. */
static int
luo_codec_tail(struct luo_codec *c, const struct luo_layout *l, void *state)
{
	const struct luo_field *f;
	u64 count;
	void **p;
	int err;

	for (f = l->fields; f < l->fields + l->nr_fields; f++) {
		if (f->kind != LUO_KIND_VARRAY || !luo_field_in(f, c->version))
			continue;
		p = state + f->offset;
		count = luo_scalar_load(state + f->count_offset, f->count_size);
		if (count > f->count) {
			pr_err_ratelimited("%s: '%s' has %llu elements, more than its bound %u\n",
					   c->who, f->name, count, f->count);
			return -EINVAL;
		}
		if (count * f->esize > LUO_WIRE_MAX_SIZE) {
			pr_err_ratelimited("%s: '%s' of %llu elements is too big\n",
					   c->who, f->name, count);
			return -EINVAL;
		}
		err = luo_codec_room(c, f->name, count * f->esize);
		if (err)
			return err;
		if (c->op == LUO_CODEC_DECODE && count &&
		    luo_field_borrowed(f)) {
			*p = c->wire + c->off;
		} else if (c->op == LUO_CODEC_DECODE && count) {
			*p = kvmalloc_array(count, f->esize, GFP_KERNEL);
			if (!*p)
				return -ENOMEM;
			luo_wire_get(*p, c->wire + c->off, f->esize, count);
		} else if (c->op == LUO_CODEC_ENCODE && count) {
			if (!*p) {
				pr_err_ratelimited("%s: '%s' has %llu elements and no array\n",
						   c->who, f->name, count);
				return -EINVAL;
			}
			luo_wire_put(c->wire + c->off, *p, f->esize, count);
		}
		c->off += count * f->esize;
		err = luo_codec_pad(c, f->name, 8);
		if (err)
			return err;
	}
	return 0;
}

/* The whole walk: fixed part, padding, tail. */
static int
luo_codec_run(struct luo_codec *c, const struct luo_layout *l, void *state)
{
	int err;

	err = luo_codec_fields(c, l, state, false);
	if (!err)
		err = luo_codec_pad(c, "(tail)", 8);
	if (!err && c->op != LUO_CODEC_ENCODE_LATE)
		err = luo_codec_tail(c, l, state);
	return err;
}

/**
 * luo_decoded_free() - free what luo_decode() allocated in a state
 * @l:     The layout.
 * @v:     The version decoded.
 * @state: The state; its variable-length arrays are freed and set to NULL,
 *         borrowed ones (LUO_BORROW) only set to NULL.
 *
 * load() takes an array by setting its pointer to NULL first.
 */
void luo_decoded_free(const struct luo_layout *l, unsigned int v, void *state)
{
	const struct luo_field *f;
	void **p;

	for (f = l->fields; f < l->fields + l->nr_fields; f++) {
		if (f->kind != LUO_KIND_VARRAY || !luo_field_in(f, v))
			continue;
		p = state + f->offset;
		if (!luo_field_borrowed(f))
			kvfree(*p);
		*p = NULL;
	}
}
EXPORT_SYMBOL_LUO_ENGINE(luo_decoded_free);

/**
 * luo_encoded_size() - bytes a state takes on the wire
 * @l:     The layout.
 * @v:     The version to write.
 * @state: The state, as save() filled it.
 * @who:   Name for log lines, e.g. the handler's compatible.
 *
 * Return: The size, header included, or -EINVAL (logged) when a
 * variable-length array is past its bound or the state is too big.
 */
ssize_t
luo_encoded_size(const struct luo_layout *l, unsigned int v, const void *state,
		 const char *who)
{
	struct luo_codec c = { .op = LUO_CODEC_MEASURE, .version = v,
			       .who = who };
	int err;

	err = luo_codec_run(&c, l, (void *)state);
	if (err)
		return err;
	if (c.off > LUO_WIRE_MAX_SIZE - sizeof(struct luo_wire_header)) {
		pr_err_ratelimited("%s: state of %zu bytes is too big\n", who, c.off);
		return -EINVAL;
	}
	return sizeof(struct luo_wire_header) + c.off;
}
EXPORT_SYMBOL_LUO_ENGINE(luo_encoded_size);

/**
 * luo_fixed_size() - the wire size shared by every state of a version
 * @l:   The layout, checked by luo_handler_register().
 * @v:   The version.
 * @who: Name for log lines.
 *
 * Without a variable-length array, the fields and their padding alone
 * make the size: measured once, at registration, it spares a preserve
 * the walk that luo_encoded_size() would do on each state.  The measure
 * is the same walk, on a zeroed state, so that the two cannot disagree.
 *
 * Return: The size, header included; 0 when version @v has a
 * variable-length array, or the size could not be measured, so that
 * each state is measured instead.
 */
u32 luo_fixed_size(const struct luo_layout *l, unsigned int v, const char *who)
{
	const struct luo_field *f;
	ssize_t size;
	void *state;

	/* Nested layouts have none: luo_layout_check() refuses them. */
	for (f = l->fields; f < l->fields + l->nr_fields; f++) {
		if (f->kind == LUO_KIND_VARRAY && luo_field_in(f, v))
			return 0;
	}
	state = kzalloc(l->state_size, GFP_KERNEL);
	if (!state)
		return 0;
	size = luo_encoded_size(l, v, state, who);
	kfree(state);
	return size > 0 ? size : 0;
}
EXPORT_SYMBOL_LUO_ENGINE(luo_fixed_size);

/**
 * luo_encode() - write a state in a version's wire form
 * @l:      The layout.
 * @v:      The version to write.
 * @state:  The state.
 * @deps:   Its dependencies present in @v (see luo_deps_outgoing()); may
 *          be NULL for a layout without.
 * @buf:    Where to write; 8-byte aligned.
 * @size:   luo_encoded_size() of the same state.
 * @who:    Name for log lines.
 *
 * Return: 0, or -EINVAL (logged) for a string without its NUL, a
 * variable-length array past its bound or without memory, or a @size that
 * does not match.
 */
int luo_encode(const struct luo_layout *l, unsigned int v, const void *state,
	       struct luo_deps *deps, void *buf, size_t size, const char *who)
{
	struct luo_wire_header *h = buf;
	struct luo_codec c = {
		.op = LUO_CODEC_ENCODE, .version = v, .who = who,
		.wire = buf + sizeof(*h), .len = size - sizeof(*h),
		.deps = deps,
	};
	int err;

	if (size < sizeof(*h) || size > LUO_WIRE_MAX_SIZE)
		return -EINVAL;
	h->magic = cpu_to_le32(LUO_WIRE_MAGIC);
	h->version = cpu_to_le16(v);
	h->flags = 0;
	h->size = cpu_to_le32(size);
	h->reserved = 0;
	err = luo_codec_run(&c, l, (void *)state);
	if (!err && c.off != c.len) {
		pr_err_ratelimited("%s: state takes %zu bytes, not %zu\n", who,
				   c.off + sizeof(*h), size);
		err = -EINVAL;
	}
	return err;
}
EXPORT_SYMBOL_LUO_ENGINE(luo_encode);

/**
 * luo_encode_late() - write a state's late fields again
 * @l:      The layout.
 * @v:      The version it was written in.
 * @state:  The state, as save() filled it again.
 * @deps:   All its dependencies, as for luo_encode().
 * @buf:    What luo_encode() wrote.
 * @size:   Its size.
 * @who:    Name for log lines.
 *
 * Fields marked LUO_LATE, and only they, are written where luo_encode()
 * put them.
 *
 * Return: 0 or -EINVAL, as luo_encode().
 */
int
luo_encode_late(const struct luo_layout *l, unsigned int v, const void *state,
		struct luo_deps *deps, void *buf, size_t size, const char *who)
{
	struct luo_codec c = {
		.op = LUO_CODEC_ENCODE_LATE, .version = v, .who = who,
		.wire = buf + sizeof(struct luo_wire_header),
		.len = size - sizeof(struct luo_wire_header),
		.deps = deps,
	};

	if (size < sizeof(struct luo_wire_header))
		return -EINVAL;
	return luo_codec_run(&c, l, (void *)state);
}
EXPORT_SYMBOL_LUO_ENGINE(luo_encode_late);

/* The header of a state read from the previous kernel, checked. */
static int luo_wire_check_header(const void *buf, size_t size, unsigned int v,
				 const char *who)
{
	const struct luo_wire_header *h = buf;

	if (!IS_ALIGNED((unsigned long)buf, 8)) {
		pr_err_ratelimited("%s: state at %p is not 8-byte aligned\n", who, buf);
		return -EINVAL;
	}
	if (size < sizeof(*h)) {
		pr_err_ratelimited("%s: state of %zu bytes is shorter than its header\n",
				   who, size);
		return -EINVAL;
	}
	if (le32_to_cpu(h->magic) != LUO_WIRE_MAGIC) {
		pr_err_ratelimited("%s: state has magic %#x, not %#x\n", who,
				   le32_to_cpu(h->magic), LUO_WIRE_MAGIC);
		return -EINVAL;
	}
	if (le16_to_cpu(h->version) != v) {
		pr_err_ratelimited("%s: state is version %u, preserved as version %u\n",
				   who, le16_to_cpu(h->version), v);
		return -EINVAL;
	}
	if (h->flags || h->reserved) {
		pr_err_ratelimited("%s: state header has flags %#x, reserved %#x, not 0\n",
				   who, le16_to_cpu(h->flags), le32_to_cpu(h->reserved));
		return -EINVAL;
	}
	if (le32_to_cpu(h->size) != size) {
		pr_err_ratelimited("%s: state header says %u bytes, %zu given\n",
				   who, le32_to_cpu(h->size), size);
		return -EINVAL;
	}
	return 0;
}

/**
 * luo_decode() - read a state written by this or the previous kernel
 * @l:      The layout.
 * @v:      The version it must be in: that of the handler it was
 *          preserved under.
 * @buf:    The wire form; not trusted.
 * @size:   Its size, as its header says and the caller mapped.
 * @state:  Zeroed state to fill.  Fields absent from @v get their
 *          declared defaults, dependencies NULL.
 * @deps:   Filled with its dependencies; may be NULL for a layout without.
 * @who:    Name for log lines.
 *
 * On success, free @state's arrays with luo_decoded_free().  On failure,
 * nothing is left allocated.
 *
 * Return: 0; -EINVAL (logged) when anything is out of place: header,
 * size, bounds, padding, terminators; -ENOMEM.
 */
int luo_decode(const struct luo_layout *l, unsigned int v, const void *buf,
	       size_t size, void *state, struct luo_deps *deps, const char *who)
{
	struct luo_codec c = {
		.op = LUO_CODEC_DECODE, .version = v, .who = who,
		.wire = (u8 *)buf + sizeof(struct luo_wire_header),
		.len = size - sizeof(struct luo_wire_header),
		.deps = deps,
	};
	int err;

	err = luo_wire_check_header(buf, size, v, who);
	if (err)
		return err;
	if (deps)
		deps->absent = 0;
	luo_codec_defaults(l, v, state, false);
	err = luo_codec_run(&c, l, state);
	if (!err && c.off != c.len) {
		pr_err_ratelimited("%s: state has %zu bytes past its last field\n",
				   who, c.len - c.off);
		err = -EINVAL;
	}
	if (err)
		luo_decoded_free(l, v, state);
	return err;
}
EXPORT_SYMBOL_LUO_ENGINE(luo_decode);

/*
 * The flat path.  A version whose fixed part lies on the wire where it lies
 * in memory, with no tail, is written with one copy and read with one: the
 * padding between fields zeroed or checked, the dependency slots patched.
 * The canonical form, and every check the generic walk makes, stay the
 * same; the walk remains the reference, and says what is wrong with a
 * state the flat path does not take.  It takes a version when the CPU is
 * little-endian (the wire's byte order), every field of the layout is in
 * the version (no default to fill in), fields are scalars, arrays, bytes
 * and mandatory dependencies (a struct file pointer as wide as its token),
 * each at the memory offset equal to its wire offset, and the struct ends
 * where the fixed part's padding to 8 bytes does.  Strings, nested
 * layouts, variable-length arrays and optional dependencies take the walk.
 */
static unsigned int luo_flat_field_size(const struct luo_field *f)
{
	switch (f->kind) {
	case LUO_KIND_SCALAR:
	case LUO_KIND_ARRAY:
	case LUO_KIND_BYTES:
		return f->esize * f->count;
	case LUO_KIND_DEP:
		if (f->optional || sizeof(struct file *) != sizeof(u64))
			return 0;
		return sizeof(u64);
	default:
		return 0;
	}
}

/**
 * luo_codec_flat() - whether a version takes the flat path
 * @l: The layout, checked by luo_handler_register().
 * @v: The version.
 *
 * Decided once, when the handler registers: the layout is a constant
 * table, but C cannot walk a table at compile time.
 *
 * Return: true when version @v of @l lies on the wire as in memory.
 */
bool luo_codec_flat(const struct luo_layout *l, unsigned int v)
{
	const struct luo_field *f;
	unsigned int size;
	size_t off = 0;

	if (!luo_wire_native())
		return false;
	for (f = l->fields; f < l->fields + l->nr_fields; f++) {
		size = luo_flat_field_size(f);
		if (!luo_field_in(f, v) || !size)
			return false;
		off = ALIGN(off, luo_wire_align(f));
		if (f->offset != off)
			return false;
		off += size;
	}
	return off && ALIGN(off, 8) == l->state_size;
}
EXPORT_SYMBOL_LUO_ENGINE(luo_codec_flat);

/*
 * Makes a state that lies in @buf after the header, as in memory, its
 * wire form: the header, zero padding, and each dependency's token in the
 * slot that held its struct file pointer.
 */
static void luo_flat_seal(const struct luo_layout *l, unsigned int v,
			  const struct luo_deps *deps, void *buf)
{
	struct luo_wire_header *h = buf;
	u8 *wire = (u8 *)(h + 1);
	const struct luo_field *f;
	unsigned int i = 0;
	size_t end = 0;

	h->magic = cpu_to_le32(LUO_WIRE_MAGIC);
	h->version = cpu_to_le16(v);
	h->flags = 0;
	h->size = cpu_to_le32(sizeof(*h) + l->state_size);
	h->reserved = 0;
	for (f = l->fields; f < l->fields + l->nr_fields; f++) {
		memset(wire + end, 0, f->offset - end);
		if (f->kind == LUO_KIND_DEP)
			*(__le64 *)(wire + f->offset) =
				cpu_to_le64(deps->token[i++]);
		end = f->offset + luo_flat_field_size(f);
	}
	memset(wire + end, 0, l->state_size - end);
}

static void luo_flat_encode(const struct luo_layout *l, unsigned int v,
			    const void *state, const struct luo_deps *deps,
			    void *buf)
{
	memcpy(buf + sizeof(struct luo_wire_header), state, l->state_size);
	luo_flat_seal(l, v, deps, buf);
}

/* Whether the padding of a flat state, before each field and after the last, is zero. */
static bool luo_flat_padding_zero(const struct luo_layout *l, const u8 *wire)
{
	const struct luo_field *f;
	size_t end = 0;

	for (f = l->fields; f < l->fields + l->nr_fields; f++) {
		if (memchr_inv(wire + end, 0, f->offset - end))
			return false;
		end = f->offset + luo_flat_field_size(f);
	}
	return !memchr_inv(wire + end, 0, l->state_size - end);
}

/*
 * A state that is not exactly what the flat path expects goes through
 * luo_decode(), which refuses it the same way, with the same log line.
 */
static int luo_flat_decode(const struct luo_layout *l, unsigned int v,
			   const void *buf, size_t size, void *state,
			   struct luo_deps *deps, const char *who)
{
	const struct luo_wire_header *h = buf;
	const u8 *wire = (const u8 *)(h + 1);
	const struct luo_field *f;
	unsigned int i = 0;

	if (!IS_ALIGNED((unsigned long)buf, 8) ||
	    size != sizeof(*h) + l->state_size ||
	    h->magic != cpu_to_le32(LUO_WIRE_MAGIC) ||
	    h->version != cpu_to_le16(v) || h->flags || h->reserved ||
	    h->size != cpu_to_le32(size) || !luo_flat_padding_zero(l, wire))
		return luo_decode(l, v, buf, size, state, deps, who);
	memcpy(state, wire, l->state_size);
	deps->absent = 0;
	for (f = l->fields; f < l->fields + l->nr_fields; f++) {
		if (f->kind != LUO_KIND_DEP)
			continue;
		deps->token[i++] =
			le64_to_cpu(*(const __le64 *)(wire + f->offset));
		*(struct file **)(state + f->offset) = NULL;
	}
	return 0;
}

/**
 * luo_validate() - check a state without keeping what it decodes to
 * @l:    The layout.
 * @v:    The version it must be in.
 * @buf:  The wire form.
 * @size: Its size.
 * @who:  Name for log lines.
 *
 * For hand-written handlers that read the wire form in place.
 *
 * Return: What luo_decode() would.
 */
int luo_validate(const struct luo_layout *l, unsigned int v, const void *buf,
		 size_t size, const char *who)
{
	struct luo_deps deps;
	void *state;
	int err;

	state = kzalloc(l->state_size, GFP_KERNEL);
	if (!state)
		return -ENOMEM;
	err = luo_decode(l, v, buf, size, state, &deps, who);
	if (!err)
		luo_decoded_free(l, v, state);
	kfree(state);
	return err;
}
EXPORT_SYMBOL_LUO_ENGINE(luo_validate);

#endif /* _LINUX_LUO_HANDLER_ENGINE_CODEC_H */
