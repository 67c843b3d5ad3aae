/* SPDX-License-Identifier: GPL-2.0 */
/*
 * luo_handler: declaring the preserved state of a file type.
 *
 * A layout lists, in order, the members of a driver's plain C state struct
 * that survive a live update, and the versions each one exists in.  LUO_SER()
 * builds it at compile time and refuses, at compile time, any member that
 * has no stable wire form; codec.h turns a state into its wire form and
 * back.  Documentation/liveupdate/framework.rst describes the wire form.
 */
#ifndef _LINUX_LUO_HANDLER_LAYOUT_H
#define _LINUX_LUO_HANDLER_LAYOUT_H

#include <linux/compiler.h>
#include <linux/stddef.h>
#include <linux/types.h>
#include <linux/array_size.h>
#include <linux/build_bug.h>
#include <linux/luo_handler/backend.h>

struct file;
struct luo_handler;

/**
 * enum luo_field_kind - what a field is, in memory and on the wire
 * @LUO_KIND_SCALAR: A u8 .. u64 or s8 .. s64.
 * @LUO_KIND_ARRAY:  A fixed-size array of scalars.
 * @LUO_KIND_BYTES:  A fixed-size array of u8, opaque.
 * @LUO_KIND_STRING: A fixed-size array of char holding a NUL-terminated
 *                   string.
 * @LUO_KIND_NESTED: A struct member, with a layout of its own.
 * @LUO_KIND_VARRAY: A pointer to a run of scalars whose length is another
 *                   field of the layout, bounded by a declared maximum.
 * @LUO_KIND_DEP:    A struct file pointer to a file this one depends on,
 *                   written as that file's token.
 */
enum luo_field_kind {
	LUO_KIND_SCALAR,
	LUO_KIND_ARRAY,
	LUO_KIND_BYTES,
	LUO_KIND_STRING,
	LUO_KIND_NESTED,
	LUO_KIND_VARRAY,
	LUO_KIND_DEP,
};

/**
 * struct luo_field - one field of a layout, as LUO_SER() describes it
 * @name:         The member's name, for log lines.
 * @owner:        The layout the field names: the one it is in, which
 *                registration checks.
 * @offset:       Its offset in the state struct.
 * @count:        Elements of an array, bytes of a string; the most a
 *                variable-length array may hold; 1 otherwise.
 * @kind:         An &enum luo_field_kind.
 * @esize:        Bytes per element: 1, 2, 4 or 8; 8 for a dependency;
 *                0 for a nested layout.
 * @late:         Written again at freeze (LUO_LATE).
 * @optional:     Dependency that may be NULL (LUO_OPTIONAL).
 * @borrow:       Variable-length array read in place (LUO_BORROW).
 * @since:        First version the field is in; 0 or 1 for all.
 * @until:        Last version the field is in; 0 for all since @since.
 * @count_offset: Variable-length array: offset of its length field.
 * @count_size:   Variable-length array: size of its length field.
 * @def:          Scalar: its value when read from a version without it.
 * @nested:       Nested layout: the layout.
 * @dep:          Dependency: the handler of the files it may refer to.
 */
struct luo_field {
	const char *name;
	const struct luo_layout *owner;
	u32 offset;
	u32 count;
	u8 kind;
	u8 esize;
	bool late;
	bool optional;
	bool borrow;
	u16 since;
	u16 until;
	u32 count_offset;
	u8 count_size;
	u64 def;
	const struct luo_layout *nested;
	struct luo_handler *dep;
};

/**
 * struct luo_layout - the preserved fields of a state struct
 * @name:       The layout's name, for log lines.
 * @state_size: sizeof() the state struct.
 * @nr_fields:  Entries in @fields.
 * @fields:     The fields, in wire order.
 */
struct luo_layout {
	const char *name;
	u32 state_size;
	u32 nr_fields;
	const struct luo_field *fields;
};

/* Whether field @f exists in version @v of its layout. */
static inline bool luo_field_in(const struct luo_field *f, unsigned int v)
{
	return v >= f->since && (!f->until || v <= f->until);
}

/*
 * Compile-time checks inside an initializer: 0, or a build error saying
 * @msg.
 */
#define __luo_check(cond, msg)						\
	(0 * sizeof(struct { static_assert(cond, msg); int __unused; }))

/*
 * The fixed-width integer types: their size and their wire form are the
 * same on every architecture.  Everything else is refused, naming the
 * member: long and pointers change size with the architecture, bool and
 * char have no fixed representation or signedness, and bitfields have no
 * address (the build fails on offsetof()).
 */
#define __luo_is_scalar(x)						\
	_Generic((x), u8 : 1, s8 : 1, u16 : 1, s16 : 1, u32 : 1, s32 : 1, \
		 u64 : 1, s64 : 1, default : 0)
#define __luo_is_array(a)	(!__same_type((a), &(a)[0]))
#define __luo_member(type, m)	(((type *)0)->m)

/* The state type a layout describes, from its name. */
#define __luo_state(l)		__luo_state_t_##l

/* What every field of layout @l records: its owner, member and shape. */
#define __luo_field_base(l, m, _kind, _esize, _count)			\
	.owner = &(l),							\
	.name = #m,							\
	.offset = offsetof(__luo_state(l), m),				\
	.kind = (_kind),						\
	.esize = (_esize),						\
	.count = (_count)

#define __luo_field_scalar(l, m, ...)					\
	{ __luo_field_base(l, m, LUO_KIND_SCALAR,			\
		sizeof_field(__luo_state(l), m) +			\
		__luo_check(__luo_is_scalar(__luo_member(__luo_state(l), m)), \
			    "luo_handler: " #l "." #m			\
			    " is not u8..u64 or s8..s64"), 1),		\
	  __VA_ARGS__ }

#define __luo_field_array(l, m, ...)					\
	{ __luo_field_base(l, m, LUO_KIND_ARRAY,			\
		sizeof_field(__luo_state(l), m[0]) +			\
		__luo_check(__luo_is_array(__luo_member(__luo_state(l), m)) && \
			    __luo_is_scalar(__luo_member(__luo_state(l), m)[0]), \
			    "luo_handler: " #l "." #m			\
			    " is not an array of u8..u64 or s8..s64"),	\
		sizeof_field(__luo_state(l), m) /			\
		sizeof_field(__luo_state(l), m[0])),			\
	  __VA_ARGS__ }

#define __luo_field_bytes(l, m, ...)					\
	{ __luo_field_base(l, m, LUO_KIND_BYTES, 1 +			\
		__luo_check(__luo_is_array(__luo_member(__luo_state(l), m)) && \
			    __same_type(__luo_member(__luo_state(l), m)[0], u8), \
			    "luo_handler: " #l "." #m			\
			    " is not an array of u8"),			\
		sizeof_field(__luo_state(l), m)),			\
	  __VA_ARGS__ }

#define __luo_field_string(l, m, ...)					\
	{ __luo_field_base(l, m, LUO_KIND_STRING, 1 +			\
		__luo_check(__luo_is_array(__luo_member(__luo_state(l), m)) && \
			    __same_type(__luo_member(__luo_state(l), m)[0], char), \
			    "luo_handler: " #l "." #m			\
			    " is not an array of char"),		\
		sizeof_field(__luo_state(l), m)),			\
	  __VA_ARGS__ }

#define __luo_field_nested(l, m, _layout, ...)				\
	{ __luo_field_base(l, m, LUO_KIND_NESTED, 0 +			\
		__luo_check(__same_type(__luo_member(__luo_state(l), m), \
					__luo_state(_layout)),		\
			    "luo_handler: " #l "." #m			\
			    " is not the struct layout " #_layout	\
			    " describes"), 1),				\
	  .nested = &(_layout), __VA_ARGS__ }

#define __luo_field_varray(l, m, _count_m, _max, ...)			\
	{ __luo_field_base(l, m, LUO_KIND_VARRAY,			\
		sizeof(*__luo_member(__luo_state(l), m)) +		\
		__luo_check(!__luo_is_array(__luo_member(__luo_state(l), m)) && \
			    __luo_is_scalar(*__luo_member(__luo_state(l), m)), \
			    "luo_handler: " #l "." #m			\
			    " is not a pointer to u8..u64 or s8..s64") + \
		__luo_check(__luo_is_scalar(__luo_member(__luo_state(l), \
							 _count_m)),	\
			    "luo_handler: " #l "." #_count_m		\
			    " is not u8..u64 or s8..s64"),		\
		(_max) + __luo_check((_max) > 0 && (_max) <= U32_MAX,	\
				     "luo_handler: bound of " #l "." #m	\
				     " is not in 1..U32_MAX")),		\
	  .count_offset = offsetof(__luo_state(l), _count_m),		\
	  .count_size = sizeof_field(__luo_state(l), _count_m),	\
	  __VA_ARGS__ }

#define __luo_field_dep(l, m, _handler, ...)				\
	{ __luo_field_base(l, m, LUO_KIND_DEP, sizeof(u64) +		\
		__luo_check(__same_type(__luo_member(__luo_state(l), m), \
					struct file *),			\
			    "luo_handler: " #l "." #m			\
			    " is not a struct file pointer"), 1),	\
	  .dep = &(_handler), __VA_ARGS__ }

/**
 * LUO_SINCE() - field option: the first version the field is in
 * @v: Version, 1 or more.
 */
#define LUO_SINCE(v)		.since = (v)

/**
 * LUO_UNTIL() - field option: the last version the field is in
 * @v: Version; later versions no longer carry the field.
 */
#define LUO_UNTIL(v)		.until = (v)

/**
 * LUO_DEFAULT() - field option: a scalar's value when it is not on the wire
 * @x: The value, in place of 0, when reading a version without the field.
 */
#define LUO_DEFAULT(x)		.def = (x)

/**
 * LUO_LATE - field option: the field is written again at freeze
 *
 * For state that keeps changing while the workload runs: save() is called
 * again at freeze and the late fields, and only they, are encoded again.
 * A late dependency may name a file preserved after this one.
 */
#define LUO_LATE		.late = true

/**
 * LUO_OPTIONAL - dependency option: the file may be NULL
 *
 * An optional dependency takes 16 bytes on the wire, whether it is there
 * and its token, instead of 8.
 */
#define LUO_OPTIONAL		.optional = true

/**
 * LUO_BORROW - variable-length array option: load() reads it in place
 *
 * load() gets the array where the previous kernel wrote it, in handover
 * memory, instead of a copy the framework allocates: no allocation, no
 * copy, whatever its size.  The view is read-only and lives until the
 * session is finished (the state is freed then): load() copies what it
 * keeps longer, never writes through it, and never frees it.  Its
 * elements are validated like any others'; it is 8-byte aligned.  On a
 * big-endian kernel, whose byte order is not the wire's, the array is
 * copied as without the option, under the same rules.
 */
#define LUO_BORROW		.borrow = true

/**
 * LUO_FIELD() - a scalar member of the state
 * @m:   The member: u8 .. u64 or s8 .. s64.
 * @l:   The layout being declared: every field names it, for its type.
 * @...: Options: LUO_SINCE(), LUO_UNTIL(), LUO_DEFAULT(), LUO_LATE.
 */
#define LUO_FIELD(m, l, ...)	__luo_field_scalar(l, m, ##__VA_ARGS__)

/**
 * LUO_FIELD_SINCE() - a scalar member added in version @v
 * @m: The member.
 * @l: The layout.
 * @v: The first version that carries it.
 */
#define LUO_FIELD_SINCE(m, l, v)	LUO_FIELD(m, l, LUO_SINCE(v))

/**
 * LUO_FIELD_ARRAY() - a fixed-size array of scalars
 * @m:   The member, e.g. ``u64 regs[16]``.
 * @l:   The layout.
 * @...: Options, as for LUO_FIELD().
 */
#define LUO_FIELD_ARRAY(m, l, ...) __luo_field_array(l, m, ##__VA_ARGS__)

/**
 * LUO_FIELD_BYTES() - a fixed-size array of opaque bytes
 * @m:   The member, an array of u8.
 * @l:   The layout.
 * @...: Options, as for LUO_FIELD().
 */
#define LUO_FIELD_BYTES(m, l, ...) __luo_field_bytes(l, m, ##__VA_ARGS__)

/**
 * LUO_FIELD_STRING() - a fixed-size, NUL-terminated string
 * @m:   The member, an array of char; preserving a string that fills it
 *       without a NUL fails, and so does reading one.
 * @l:   The layout.
 * @...: Options, as for LUO_FIELD().
 */
#define LUO_FIELD_STRING(m, l, ...) __luo_field_string(l, m, ##__VA_ARGS__)

/**
 * LUO_FIELD_NESTED() - a struct member with a layout of its own
 * @m:      The member.
 * @l:      The layout.
 * @layout: The LUO_SER() layout of its type, which may hold neither
 *          dependencies nor variable-length arrays.
 * @...:    Options, as for LUO_FIELD(); the nested fields' own versions
 *          are compared with the version of the outer layout.
 */
#define LUO_FIELD_NESTED(m, l, layout, ...)				\
	__luo_field_nested(l, m, layout, ##__VA_ARGS__)

/**
 * LUO_FIELD_VARRAY() - a variable-length array of scalars
 * @m:       The member, a pointer to u8 .. u64 or s8 .. s64.
 * @l:       The layout.
 * @count_m: The member holding its length, itself declared in the layout
 *           with LUO_FIELD(), before @m and in every version @m is in.
 * @max:     The most elements it may hold: a longer array is neither
 *           written nor read.
 * @...:     Options, as for LUO_FIELD(), except LUO_LATE; LUO_BORROW.
 *
 * On save(), @m points to memory save() keeps (release() may free it).  On
 * load(), @m points to memory the framework allocated with kvmalloc() and
 * frees after load() returns, unless load() takes it by setting @m to NULL;
 * or, with LUO_BORROW, into the handover memory itself.
 */
#define LUO_FIELD_VARRAY(m, l, count_m, max, ...)			\
	__luo_field_varray(l, m, count_m, max, ##__VA_ARGS__)

/**
 * LUO_FIELD_DEP() - a file this file depends on
 * @m:       The member, a struct file pointer; not NULL unless
 *           LUO_OPTIONAL.
 * @l:       The layout.
 * @handler: The luo_handler of the files it may refer to (see
 *           LUO_HANDLER_DECLARE()), or a LUO_FILE_TYPE() for files another
 *           handler preserves; its can_preserve() must accept the file, in
 *           both kernels.
 * @...:     Options, as for LUO_FIELD(), and LUO_OPTIONAL.
 *
 * Written as the dependency's token.  Preserving fails with -ENOENT while
 * the dependency is not preserved in the same session, and retrieving fails
 * with -EAGAIN while it is not retrieved: restore goes in the order of
 * preservation.  load() receives the dependency's restored file without a
 * reference of its own, valid until the session is finished.
 */
#define LUO_FIELD_DEP(m, l, handler, ...)				\
	__luo_field_dep(l, m, handler, ##__VA_ARGS__)

/**
 * LUO_SER() - declare the layout of a state struct
 * @_name: Identifier of the &struct luo_layout to define.
 * @_type: The state struct, e.g. ``struct vcpu_state``.
 * @...:   Its fields, in wire order: LUO_FIELD() and friends, one or more,
 *         each naming @_name, whose type it takes its member from.
 *
 * Members not listed are not preserved.  Each field is a plain
 * initializer, as QEMU's VMSTATE_*() are; naming the layout rather than
 * the type keeps a field from describing another struct.  Example::
 *
 *	LUO_SER(vcpu_ser, struct vcpu_state,
 *		LUO_FIELD_ARRAY(regs, vcpu_ser),
 *		LUO_FIELD_SINCE(flags, vcpu_ser, 2),
 *		LUO_FIELD_DEP(vm, vcpu_ser, sample_vm));
 */
#define LUO_SER(_name, _type, ...)					\
	typedef _type __luo_state_t_##_name;				\
	typedef _type *__luo_state_p_##_name;				\
	static const struct luo_layout _name;				\
	static const struct luo_field __luo_fields_##_name[] = {	\
		__VA_ARGS__						\
	};								\
	static_assert(ARRAY_SIZE(__luo_fields_##_name) > 0,		\
		      "luo_handler: layout " #_name " has no field");	\
	static const struct luo_layout _name = {			\
		.name = #_name,						\
		.state_size = sizeof(_type),				\
		.nr_fields = ARRAY_SIZE(__luo_fields_##_name),		\
		.fields = __luo_fields_##_name,				\
	}

#endif /* _LINUX_LUO_HANDLER_LAYOUT_H */
