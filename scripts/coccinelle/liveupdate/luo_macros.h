// SPDX-License-Identifier: GPL-2.0
/*
 * Macro definitions that let spatch parse uses of the luo_handler
 * framework's macros.  LUO_HANDLER() takes designated initializers as
 * arguments, which spatch cannot parse as a macro call; it sees it instead
 * as the definition of a struct luo_handler whose positional initializer
 * holds the name, layout and versions, so that rules can match
 *
 *	struct luo_handler name = { base, &layout, LUO_VERSIONS(...), ... };
 *
 * Only for scripts/coccinelle/liveupdate/*.cocci: this is not the
 * framework's expansion.
 */
#define LUO_HANDLER(_name, _base, _layout, _versions, ...) \
	struct luo_handler _name = { _base, &_layout, _versions, __VA_ARGS__ }
