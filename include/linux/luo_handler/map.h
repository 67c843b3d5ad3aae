/* SPDX-License-Identifier: GPL-2.0 */
/*
 * luo_handler: applying a macro to each argument of a list.
 *
 * LUO_HANDLER() turns each version of its list into a file handler and an
 * entry of .liveupdate_versions, whose name is built from the version
 * number.  The preprocessor has no loop, so the list is counted, and a
 * macro per length peels one argument at a time.  Lists are capped at
 * LUO_MAP_MAX entries: versions of a handler, not fields of a layout.
 */
#ifndef _LINUX_LUO_HANDLER_MAP_H
#define _LINUX_LUO_HANDLER_MAP_H

#define LUO_MAP_MAX	32

#define __LUO_CAT(a, b)		__LUO_CAT_(a, b)
#define __LUO_CAT_(a, b)	a##b
#define __LUO_UNPAREN(...)	__VA_ARGS__

/* The number of arguments, 1 to LUO_MAP_MAX. */
#define __LUO_NARGS(...)					\
	__LUO_NARGS_(__VA_ARGS__, 32, 31, 30, 29, 28, 27, 26, 25, 24,	\
		23, 22, 21, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10,	\
		9, 8, 7, 6, 5, 4, 3, 2, 1, 0)
#define __LUO_NARGS_(_1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11, _12, \
	_13, _14, _15, _16, _17, _18, _19, _20, _21, _22, _23, _24, \
	_25, _26, _27, _28, _29, _30, _31, _32, _n, ...) _n

/**
 * __LUO_MAP() - expand @m(@a, x) for each x of a list
 * @m:   Macro of two arguments.
 * @a:   Passed to every expansion of @m, e.g. the type being described.
 * @...: The list, 1 to LUO_MAP_MAX arguments.
 *
 * The expansions are juxtaposed: @m supplies any separator.
 */
#define __LUO_MAP(m, a, ...)						\
	__LUO_CAT(__LUO_MAP_, __LUO_NARGS(__VA_ARGS__))(m, a, __VA_ARGS__)

#define __LUO_MAP_1(m, a, x)	m(a, x)
#define __LUO_MAP_2(m, a, x, ...)	m(a, x) __LUO_MAP_1(m, a, __VA_ARGS__)
#define __LUO_MAP_3(m, a, x, ...)	m(a, x) __LUO_MAP_2(m, a, __VA_ARGS__)
#define __LUO_MAP_4(m, a, x, ...)	m(a, x) __LUO_MAP_3(m, a, __VA_ARGS__)
#define __LUO_MAP_5(m, a, x, ...)	m(a, x) __LUO_MAP_4(m, a, __VA_ARGS__)
#define __LUO_MAP_6(m, a, x, ...)	m(a, x) __LUO_MAP_5(m, a, __VA_ARGS__)
#define __LUO_MAP_7(m, a, x, ...)	m(a, x) __LUO_MAP_6(m, a, __VA_ARGS__)
#define __LUO_MAP_8(m, a, x, ...)	m(a, x) __LUO_MAP_7(m, a, __VA_ARGS__)
#define __LUO_MAP_9(m, a, x, ...)	m(a, x) __LUO_MAP_8(m, a, __VA_ARGS__)
#define __LUO_MAP_10(m, a, x, ...)	m(a, x) __LUO_MAP_9(m, a, __VA_ARGS__)
#define __LUO_MAP_11(m, a, x, ...)	m(a, x) __LUO_MAP_10(m, a, __VA_ARGS__)
#define __LUO_MAP_12(m, a, x, ...)	m(a, x) __LUO_MAP_11(m, a, __VA_ARGS__)
#define __LUO_MAP_13(m, a, x, ...)	m(a, x) __LUO_MAP_12(m, a, __VA_ARGS__)
#define __LUO_MAP_14(m, a, x, ...)	m(a, x) __LUO_MAP_13(m, a, __VA_ARGS__)
#define __LUO_MAP_15(m, a, x, ...)	m(a, x) __LUO_MAP_14(m, a, __VA_ARGS__)
#define __LUO_MAP_16(m, a, x, ...)	m(a, x) __LUO_MAP_15(m, a, __VA_ARGS__)
#define __LUO_MAP_17(m, a, x, ...)	m(a, x) __LUO_MAP_16(m, a, __VA_ARGS__)
#define __LUO_MAP_18(m, a, x, ...)	m(a, x) __LUO_MAP_17(m, a, __VA_ARGS__)
#define __LUO_MAP_19(m, a, x, ...)	m(a, x) __LUO_MAP_18(m, a, __VA_ARGS__)
#define __LUO_MAP_20(m, a, x, ...)	m(a, x) __LUO_MAP_19(m, a, __VA_ARGS__)
#define __LUO_MAP_21(m, a, x, ...)	m(a, x) __LUO_MAP_20(m, a, __VA_ARGS__)
#define __LUO_MAP_22(m, a, x, ...)	m(a, x) __LUO_MAP_21(m, a, __VA_ARGS__)
#define __LUO_MAP_23(m, a, x, ...)	m(a, x) __LUO_MAP_22(m, a, __VA_ARGS__)
#define __LUO_MAP_24(m, a, x, ...)	m(a, x) __LUO_MAP_23(m, a, __VA_ARGS__)
#define __LUO_MAP_25(m, a, x, ...)	m(a, x) __LUO_MAP_24(m, a, __VA_ARGS__)
#define __LUO_MAP_26(m, a, x, ...)	m(a, x) __LUO_MAP_25(m, a, __VA_ARGS__)
#define __LUO_MAP_27(m, a, x, ...)	m(a, x) __LUO_MAP_26(m, a, __VA_ARGS__)
#define __LUO_MAP_28(m, a, x, ...)	m(a, x) __LUO_MAP_27(m, a, __VA_ARGS__)
#define __LUO_MAP_29(m, a, x, ...)	m(a, x) __LUO_MAP_28(m, a, __VA_ARGS__)
#define __LUO_MAP_30(m, a, x, ...)	m(a, x) __LUO_MAP_29(m, a, __VA_ARGS__)
#define __LUO_MAP_31(m, a, x, ...)	m(a, x) __LUO_MAP_30(m, a, __VA_ARGS__)
#define __LUO_MAP_32(m, a, x, ...)	m(a, x) __LUO_MAP_31(m, a, __VA_ARGS__)

#endif /* _LINUX_LUO_HANDLER_MAP_H */
