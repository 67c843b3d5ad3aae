/* SPDX-License-Identifier: GPL-2.0 */
/*
 * luo_handler engine: the fingerprint of a version's wire form, and the
 * check of the pins LUO_LAYOUT_PIN() records.
 *
 * The fingerprint of version V of a layout is a 64-bit FNV-1a hash of what
 * two kernels must agree on to exchange a state of version V: for each
 * field in V, in declared order, its name, kind, element size, count
 * (elements of an array, bytes of a string), whether it is optional, the
 * name of its length field (variable-length array), the name of the
 * handler it refers to (dependency), and the fields in V of its nested
 * layout.  Each
 * integer is hashed as little-endian bytes of a fixed width, each string
 * with its NUL, so the value is the same on every architecture and
 * compiler.
 *
 * Left out, since the wire does not depend on them: offsets and sizes in
 * memory, unpreserved members, the name of a layout or struct, LUO_LATE,
 * LUO_BORROW, LUO_DEFAULT (used only for a version without the field), a
 * variable-length array's maximum (raising it needs no new version: an
 * older reader refuses only the arrays it cannot hold), and the fields not
 * in V.  Adding a field with LUO_SINCE(V + 1), or ending one
 * with LUO_UNTIL(V - 1), therefore leaves version V's fingerprint alone.
 *
 * Part of the engine: included once per kernel, by
 * <linux/luo_handler/engine.h>.
 */
#ifndef _LINUX_LUO_HANDLER_ENGINE_FINGERPRINT_H
#define _LINUX_LUO_HANDLER_ENGINE_FINGERPRINT_H

#include <linux/errno.h>
#include <linux/moduleparam.h>
#include <linux/printk.h>
#include <linux/string.h>
#include <linux/types.h>
#include <linux/luo_handler/layout.h>
#include <linux/luo_handler/types.h>

#define LUO_FNV64_OFFSET	0xcbf29ce484222325ULL
#define LUO_FNV64_PRIME		0x00000100000001b3ULL

static bool luo_print_fingerprints;
module_param_named(layout_fingerprints, luo_print_fingerprints, bool, 0644);
MODULE_PARM_DESC(layout_fingerprints,
		 "Log the layout fingerprint of every handler version registered, for LUO_LAYOUT_PIN()");

static void luo_fp_bytes(u64 *h, const void *p, size_t n)
{
	const u8 *b = p;

	while (n--) {
		*h ^= *b++;
		*h *= LUO_FNV64_PRIME;
	}
}

static void luo_fp_u8(u64 *h, u8 x)
{
	luo_fp_bytes(h, &x, 1);
}

static void luo_fp_u32(u64 *h, u32 x)
{
	u8 b[4] = { x, x >> 8, x >> 16, x >> 24 };

	luo_fp_bytes(h, b, sizeof(b));
}

/* A string and its NUL, so that "ab" then "c" differs from "a" then "bc". */
static void luo_fp_str(u64 *h, const char *s)
{
	if (!s)
		s = "";
	luo_fp_bytes(h, s, strlen(s) + 1);
}

/* The name of the length field of variable-length array @f, or "". */
static const char *luo_fp_count_name(const struct luo_layout *l,
				     const struct luo_field *f)
{
	const struct luo_field *c;

	for (c = l->fields; c < f; c++) {
		if (c->kind == LUO_KIND_SCALAR && c->offset == f->count_offset)
			return c->name;
	}
	return "";
}

static void luo_fp_layout(u64 *h, const struct luo_layout *l, unsigned int v)
{
	const struct luo_field *f;

	for (f = l->fields; f < l->fields + l->nr_fields; f++) {
		if (!luo_field_in(f, v))
			continue;
		luo_fp_str(h, f->name);
		luo_fp_u8(h, f->kind);
		luo_fp_u8(h, f->esize);
		luo_fp_u32(h, f->kind == LUO_KIND_VARRAY ? 0 : f->count);
		luo_fp_u8(h, f->optional);
		switch (f->kind) {
		case LUO_KIND_VARRAY:
			luo_fp_str(h, luo_fp_count_name(l, f));
			break;
		case LUO_KIND_DEP:
			luo_fp_str(h, f->dep ? f->dep->base : NULL);
			break;
		case LUO_KIND_NESTED:
			/* Brackets: the nested fields are not the next ones. */
			luo_fp_u8(h, '{');
			luo_fp_layout(h, f->nested, v);
			luo_fp_u8(h, '}');
			break;
		default:
			break;
		}
	}
}

/**
 * luo_layout_fingerprint() - the fingerprint of a version's wire form
 * @l: The layout.
 * @v: The version.
 *
 * The value LUO_LAYOUT_PIN() records: equal for two layouts whose version
 * @v is written and read the same way, whatever their state structs look
 * like in memory (the top of this file lists what counts).
 *
 * Return: The fingerprint; never 0 in practice, which pins take as unset.
 */
u64 luo_layout_fingerprint(const struct luo_layout *l, unsigned int v)
{
	u64 h = LUO_FNV64_OFFSET;

	luo_fp_layout(&h, l, v);
	return h;
}
EXPORT_SYMBOL_LUO_ENGINE(luo_layout_fingerprint);

/*
 * Refuses @h when a pinned version's layout is not the one pinned, before
 * anything is registered; logs every fingerprint when asked to.
 */
static int luo_handler_check_pins(const struct luo_handler *h)
{
	const struct luo_handler_version *hv;
	unsigned int i;
	u64 fp, pin;

	for (i = 0; i < h->nr_versions; i++) {
		hv = h->versions[i];
		pin = hv->pin ? *hv->pin : 0;
		fp = luo_layout_fingerprint(h->layout, hv->version);
		if (pin && pin != fp) {
			pr_err("%s: layout of version %u changed: pinned fingerprint %#018llx, now %#018llx; a released layout changed: add the field with LUO_FIELD_SINCE()/a new version, or update the pin if version %u was never released\n",
			       h->base, hv->version, pin, fp, hv->version);
			return -EINVAL;
		}
		if (READ_ONCE(luo_print_fingerprints))
			pr_info("%s: layout fingerprint %#018llx, %s\n",
				hv->fh.compatible, fp,
				pin ? "pinned" : "not pinned");
	}
	return 0;
}

#endif /* _LINUX_LUO_HANDLER_ENGINE_FINGERPRINT_H */
