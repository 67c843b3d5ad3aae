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

/* The state type a layout describes, from its name. */
#define __luo_state(l)		__luo_state_t_##l

/* Member @m of the state of layout @l, as an expression of its type. */
#define __luo_m(l, m)		(((__luo_state(l) *)0)->m)

/*
 * What a member is.  _Generic tells the integer types apart;
 * __builtin_classify_type(), whose classes GCC and Clang number alike,
 * tells pointers (and arrays, which decay to them), floating point,
 * structs and unions; an array is what changes type as an operand of ?:.
 * None of these is an error on a bit-field, which the compiler refuses on
 * its own at offsetof().  sparse has no __builtin_classify_type(), and
 * does not need it: see __luo_check().
 */
#define __LUO_TC_POINTER	5
#define __LUO_TC_REAL		8
#define __LUO_TC_STRUCT		12
#define __LUO_TC_UNION		13

#ifdef __CHECKER__
#define __luo_tc(x)		__LUO_TC_POINTER
#else
#define __luo_tc(x)		__builtin_classify_type(x)
#endif

#define __luo_is(x, type)	_Generic((x), type : 1, default : 0)

/*
 * Bytes of a fixed-width integer, 0 for any other type: these are the
 * types whose size and wire form are the same on every architecture.
 */
#define __luo_fixed_size(x)						\
	_Generic((x), u8 : 1, s8 : 1, u16 : 2, s16 : 2, u32 : 4, s32 : 4, \
		 u64 : 8, s64 : 8, default : 0)
#define __luo_is_fixed(x)	(__luo_fixed_size(x) != 0)

#define __luo_is_file(x)	__luo_is(x, struct file *)

/* @x if it is a pointer or an array, else a stand-in that is valid below. */
#define __luo_indirect(x)						\
	__builtin_choose_expr(__luo_tc(x) == __LUO_TC_POINTER, (x), (u8 *)0)
#define __luo_is_array(x)						\
	(!__same_type(__luo_indirect(x),				\
		      0 ? __luo_indirect(x) : __luo_indirect(x)))
#define __luo_is_pointer(x)						\
	(__luo_tc(x) == __LUO_TC_POINTER && !__luo_is_array(x))
#define __luo_is_void_pointer(x)					\
	_Generic((x), void * : 1, const void * : 1, default : 0)

/* An element of array @x; a u8 if @x is no array. */
#define __luo_elem(x)							\
	(*__builtin_choose_expr(__luo_is_array(x), (x), (u8 *)0))

/* What pointer @x points to; a u8 if @x is no pointer, or points to void. */
#define __luo_pointee(x)						\
	(*__builtin_choose_expr(__luo_is_pointer(x) &&			\
				!__luo_is_void_pointer(x), (x), (u8 *)0))

/* Whether @x is of a type a check below has a message of its own for. */
#define __luo_is_named(x)						\
	(__luo_is(x, long) || __luo_is(x, unsigned long) ||		\
	 __luo_is(x, bool) || __luo_is(x, char) ||			\
	 __luo_tc(x) == __LUO_TC_POINTER || __luo_tc(x) == __LUO_TC_REAL || \
	 __luo_tc(x) == __LUO_TC_STRUCT || __luo_tc(x) == __LUO_TC_UNION)

/*
 * Compile-time checks inside an initializer: 0, or a build error whose
 * message names the member, says what it is and what to declare instead.
 * Each assertion tests one kind of type, so that a member is refused with
 * one message.  They are spelled _Static_assert, not static_assert(), and
 * each field macro adds them to .count itself, not through the arguments
 * of another macro: every macro they pass through is one more note in the
 * compiler's report.  As BUILD_BUG_ON_ZERO() does, they are 0 for sparse,
 * which sees only what the compiler accepted.
 */
#ifdef __CHECKER__
#define __luo_check(cond, msg)				0
#define __luo_check_member(x, n)			0
#define __luo_check_elems(e, n, what, char_fix, other)	0
#else
#define __luo_check(cond, msg)						\
	(0 * sizeof(struct { _Static_assert(cond, msg); int __unused; }))

/* A member @x, named @n, that LUO_FIELD() declares. */
#define __luo_check_member(x, n)					\
	(0 * sizeof(struct {						\
	_Static_assert(!__luo_is(x, long), "luo_handler: " n		\
		" is long, whose size differs between 32- and 64-bit:"	\
		" use s64 (or s32)");					\
	_Static_assert(!__luo_is(x, unsigned long), "luo_handler: " n	\
		" is unsigned long (as size_t is), whose size differs"	\
		" between 32- and 64-bit: use u64 (or u32)");		\
	_Static_assert(!__luo_is(x, bool), "luo_handler: " n		\
		" is bool, which has no fixed wire form: use u8");	\
	_Static_assert(!__luo_is(x, char), "luo_handler: " n		\
		" is char, signed on some architectures and unsigned on" \
		" others: use u8 or s8");				\
	_Static_assert(!__luo_is_file(x), "luo_handler: " n		\
		" is a struct file pointer: declare it with"		\
		" LUO_FIELD_DEP()");					\
	_Static_assert(!__luo_is_pointer(x) || __luo_is_file(x),	\
		"luo_handler: " n " is a pointer, meaningless in the next" \
		" kernel: preserve what it points to (LUO_FIELD_VARRAY()," \
		" or a LUO_FIELD_NESTED() member)");			\
	_Static_assert(!__luo_is_array(x) ||				\
		       !__luo_is(__luo_elem(x), char), "luo_handler: " n \
		" is an array of char: declare it with LUO_FIELD_STRING()"); \
	_Static_assert(!__luo_is_array(x) ||				\
		       __luo_is(__luo_elem(x), char), "luo_handler: " n	\
		" is an array: declare it with LUO_FIELD_ARRAY(), or"	\
		" LUO_FIELD_BYTES() for opaque bytes");			\
	_Static_assert(__luo_tc(x) != __LUO_TC_STRUCT, "luo_handler: " n \
		" is a struct: declare it with LUO_FIELD_NESTED() and a" \
		" LUO_SER() layout of its type");			\
	_Static_assert(__luo_tc(x) != __LUO_TC_UNION, "luo_handler: " n	\
		" is a union, which has no wire form: preserve the member" \
		" in use as a field of its own");			\
	_Static_assert(__luo_tc(x) != __LUO_TC_REAL, "luo_handler: " n	\
		" is floating point, which the kernel does not use: use" \
		" u32 or u64");						\
	_Static_assert(__luo_is_fixed(x) || __luo_is_named(x),		\
		"luo_handler: " n " is not u8..u64 or s8..s64, and a"	\
		" bit-field has no address: declare a whole u8..u64 or"	\
		" s8..s64");						\
	int __unused;							\
	}))

/*
 * The elements @e of member @n, an array or what a pointer points to, as
 * @what (" is an array of", " points to") says; @char_fix follows "char"
 * in its message, @other ends the message for a type no other one names.
 */
#define __luo_check_elems(e, n, what, char_fix, other)			\
	(0 * sizeof(struct {						\
	_Static_assert(!__luo_is(e, long), "luo_handler: " n what	\
		" long, whose size differs between 32- and 64-bit:"	\
		" use s64 (or s32)");					\
	_Static_assert(!__luo_is(e, unsigned long), "luo_handler: " n	\
		what " unsigned long, whose size differs between 32- and" \
		" 64-bit: use u64 (or u32)");				\
	_Static_assert(!__luo_is(e, bool), "luo_handler: " n what	\
		" bool, which has no fixed wire form: use u8");		\
	_Static_assert(!__luo_is(e, char), "luo_handler: " n what	\
		" char" char_fix);					\
	_Static_assert(!__luo_is_pointer(e), "luo_handler: " n what	\
		" pointers, meaningless in the next kernel: preserve what" \
		" they point to instead");				\
	_Static_assert(!__luo_is_array(e), "luo_handler: " n what	\
		" arrays: declare it with one dimension");		\
	_Static_assert(__luo_tc(e) != __LUO_TC_STRUCT &&		\
		       __luo_tc(e) != __LUO_TC_UNION, "luo_handler: " n	\
		what " structs or unions: preserve each of their members" \
		" in an array of its own");				\
	_Static_assert(__luo_tc(e) != __LUO_TC_REAL, "luo_handler: " n	\
		what " floating point, which the kernel does not use: use" \
		" u32 or u64");						\
	_Static_assert(__luo_is_fixed(e) || __luo_is_named(e),		\
		"luo_handler: " n other);				\
	int __unused;							\
	}))
#endif

/*
 * What every field of layout @l records: its owner, member, kind and
 * element size.  Each field macro sets .count and adds its checks to it.
 */
#define __luo_field_base(l, m, _kind, _esize)				\
	.owner = &(l),							\
	.name = #m,							\
	.offset = offsetof(__luo_state(l), m),				\
	.kind = (_kind),						\
	.esize = (_esize)

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
#define LUO_FIELD(m, l, ...)						\
	{ __luo_field_base(l, m, LUO_KIND_SCALAR,			\
			   __luo_fixed_size(__luo_m(l, m))),		\
	  .count = 1 + __luo_check_member(__luo_m(l, m), #l "." #m),	\
	  __VA_ARGS__ }

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
#define LUO_FIELD_ARRAY(m, l, ...)					\
	{ __luo_field_base(l, m, LUO_KIND_ARRAY,			\
			   sizeof(__luo_elem(__luo_m(l, m)))),		\
	  .count = sizeof_field(__luo_state(l), m) /			\
		   sizeof(__luo_elem(__luo_m(l, m))) +			\
		__luo_check(!__luo_is_pointer(__luo_m(l, m)),		\
			    "luo_handler: " #l "." #m " is a pointer, not" \
			    " an array: declare it with LUO_FIELD_VARRAY()," \
			    " with a count member and a bound") +	\
		__luo_check(__luo_tc(__luo_m(l, m)) == __LUO_TC_POINTER, \
			    "luo_handler: " #l "." #m " is not an array") + \
		__luo_check_elems(__luo_elem(__luo_m(l, m)), #l "." #m,	\
				  " is an array of",			\
				  ": use LUO_FIELD_STRING() for a string," \
				  " u8 or s8 otherwise",		\
				  " is not an array of u8..u64 or s8..s64"), \
	  __VA_ARGS__ }

/**
 * LUO_FIELD_BYTES() - a fixed-size array of opaque bytes
 * @m:   The member, an array of u8.
 * @l:   The layout.
 * @...: Options, as for LUO_FIELD().
 */
#define LUO_FIELD_BYTES(m, l, ...)					\
	{ __luo_field_base(l, m, LUO_KIND_BYTES, 1),			\
	  .count = sizeof_field(__luo_state(l), m) +			\
		__luo_check(!__luo_is_array(__luo_m(l, m)) ||		\
			    !__luo_is(__luo_elem(__luo_m(l, m)), char),	\
			    "luo_handler: " #l "." #m " is an array of char:" \
			    " declare it with LUO_FIELD_STRING(), or make it" \
			    " u8") +					\
		__luo_check(__luo_is_array(__luo_m(l, m)) &&		\
			    (__luo_is(__luo_elem(__luo_m(l, m)), u8) ||	\
			     __luo_is(__luo_elem(__luo_m(l, m)), char)), \
			    "luo_handler: " #l "." #m " is not an array of" \
			    " u8: LUO_FIELD_ARRAY() declares arrays of other" \
			    " integers"),				\
	  __VA_ARGS__ }

/**
 * LUO_FIELD_STRING() - a fixed-size, NUL-terminated string
 * @m:   The member, an array of char; preserving a string that fills it
 *       without a NUL fails, and so does reading one.
 * @l:   The layout.
 * @...: Options, as for LUO_FIELD().
 */
#define LUO_FIELD_STRING(m, l, ...)					\
	{ __luo_field_base(l, m, LUO_KIND_STRING, 1),			\
	  .count = sizeof_field(__luo_state(l), m) +			\
		__luo_check(!__luo_is_array(__luo_m(l, m)) ||		\
			    !__luo_is(__luo_elem(__luo_m(l, m)), u8),	\
			    "luo_handler: " #l "." #m " is an array of u8," \
			    " not char: declare it with LUO_FIELD_BYTES()," \
			    " or make it char") +			\
		__luo_check(__luo_is_array(__luo_m(l, m)) &&		\
			    (__luo_is(__luo_elem(__luo_m(l, m)), char) || \
			     __luo_is(__luo_elem(__luo_m(l, m)), u8)),	\
			    "luo_handler: " #l "." #m			\
			    " is not an array of char"),		\
	  __VA_ARGS__ }

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
	{ __luo_field_base(l, m, LUO_KIND_NESTED, 0),			\
	  .count = 1 +							\
		__luo_check(__same_type(__luo_m(l, m), __luo_state(layout)), \
			    "luo_handler: " #l "." #m			\
			    " is not the struct layout " #layout " describes"), \
	  .nested = &(layout), __VA_ARGS__ }

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
	{ __luo_field_base(l, m, LUO_KIND_VARRAY,			\
			   sizeof(__luo_pointee(__luo_m(l, m)))),	\
	  .count = (max) +						\
		__luo_check(!__luo_is_array(__luo_m(l, m)),		\
			    "luo_handler: " #l "." #m " is an array, not a" \
			    " pointer: declare it with LUO_FIELD_ARRAY()") + \
		__luo_check(__luo_tc(__luo_m(l, m)) == __LUO_TC_POINTER, \
			    "luo_handler: " #l "." #m " is not a pointer") + \
		__luo_check(!__luo_is_void_pointer(__luo_m(l, m)),	\
			    "luo_handler: " #l "." #m " points to void:" \
			    " declare it a pointer to u8..u64 or s8..s64") + \
		__luo_check_elems(__luo_pointee(__luo_m(l, m)), #l "." #m, \
				  " points to", ", signed on some"	\
				  " architectures and unsigned on others:" \
				  " use u8 or s8",			\
				  " is not a pointer to u8..u64 or s8..s64") + \
		__luo_check_member(__luo_m(l, count_m), #l "." #count_m) + \
		__luo_check((max) > 0 && (max) <= U32_MAX,		\
			    "luo_handler: bound of " #l "." #m		\
			    " is not in 1..U32_MAX"),			\
	  .count_offset = offsetof(__luo_state(l), count_m),		\
	  .count_size = sizeof_field(__luo_state(l), count_m),		\
	  __VA_ARGS__ }

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
	{ __luo_field_base(l, m, LUO_KIND_DEP, sizeof(u64)),		\
	  .count = 1 +							\
		__luo_check(__same_type(__luo_m(l, m), struct file *),	\
			    "luo_handler: " #l "." #m			\
			    " is not a struct file pointer"),		\
	  .dep = &(handler), __VA_ARGS__ }

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
