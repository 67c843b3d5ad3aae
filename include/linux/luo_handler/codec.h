/* SPDX-License-Identifier: GPL-2.0 */
/*
 * luo_handler: a state to its wire form and back.
 *
 * One walk over a layout does every job, so that the encoder and the
 * decoder cannot disagree about where a field is: measure the wire size,
 * encode, encode only the late fields, and decode.  The glue's flat path,
 * for versions that lie on the wire as in memory, produces the same bytes
 * and hands whatever it does not take exactly to the walk.  Decoding is validation:
 * every length, bound, padding byte and terminator is checked before it is
 * used, and a state that fails is refused whole, with a log line naming the
 * handler, the field and what was wrong, and nothing left allocated.
 *
 * The engine defines these functions once per kernel (engine/codec.h);
 * hand-written handlers use them to write and read the same wire form.
 */
#ifndef _LINUX_LUO_HANDLER_CODEC_H
#define _LINUX_LUO_HANDLER_CODEC_H

#include <linux/types.h>
#include <linux/luo_handler/layout.h>
#include <linux/luo_handler/wire.h>

/* Dependencies a layout may declare. */
#define LUO_MAX_DEPS		16

/**
 * struct luo_deps - the dependencies of one state, in declared order
 * @token:  Their tokens.
 * @absent: Bit i set when dependency i is an optional one left NULL.
 */
struct luo_deps {
	u64 token[LUO_MAX_DEPS];
	u32 absent;
};

void luo_decoded_free(const struct luo_layout *l, unsigned int v, void *state);
ssize_t luo_encoded_size(const struct luo_layout *l, unsigned int v,
			 const void *state, const char *who);
u32 luo_fixed_size(const struct luo_layout *l, unsigned int v, const char *who);
int luo_encode(const struct luo_layout *l, unsigned int v, const void *state,
	       struct luo_deps *deps, void *buf, size_t size, const char *who);
int luo_encode_late(const struct luo_layout *l, unsigned int v,
		    const void *state, struct luo_deps *deps, void *buf,
		    size_t size, const char *who);
int luo_decode(const struct luo_layout *l, unsigned int v, const void *buf,
	       size_t size, void *state, struct luo_deps *deps, const char *who);
int luo_validate(const struct luo_layout *l, unsigned int v, const void *buf,
		 size_t size, const char *who);
bool luo_codec_flat(const struct luo_layout *l, unsigned int v);

#endif /* _LINUX_LUO_HANDLER_CODEC_H */
