// SPDX-License-Identifier: GPL-2.0
/*
 * Throughput of the framework's codec on a large state, against memcpy()
 * of the same bytes: a variable-length array (LUO_FIELD_VARRAY, whose
 * decode allocates the array it returns), the same read in place
 * (LUO_BORROW) and a fixed one (LUO_FIELD_ARRAY, decoded into the state),
 * each encoded to its wire form and decoded back, which checks the header,
 * every bound and every padding byte.
 */
#include <linux/ktime.h>
#include <linux/luo_handler/handler.h>
#include <linux/mm.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/sprintf.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

#include "bench.h"

#define CODEC_WHO		"luo-bench-codec"
#define CODEC_MAX_ITEMS		(SZ_256M / sizeof(u64))
#define CODEC_ARRAY_WORDS	(SZ_1M / sizeof(u64))

struct big_varray {
	u64 nr;
	u64 *items;
};

LUO_SER(big_varray_ser, struct big_varray,
	LUO_FIELD(nr, big_varray_ser),
	LUO_FIELD_VARRAY(items, big_varray_ser, nr, CODEC_MAX_ITEMS));

LUO_SER(big_borrow_ser, struct big_varray,
	LUO_FIELD(nr, big_borrow_ser),
	LUO_FIELD_VARRAY(items, big_borrow_ser, nr, CODEC_MAX_ITEMS, LUO_BORROW));

struct big_array {
	u64 words[CODEC_ARRAY_WORDS];
};

LUO_SER(big_array_ser, struct big_array, LUO_FIELD_ARRAY(words, big_array_ser));

static const char *const codec_steps[] = {
	"encode", "decode", "memcpy", "alloc_memcpy",
};

/*
 * One encode, decode and memcpy() of @bytes, and a memcpy() into memory
 * allocated for it, as a decode of a variable-length array does: @ns gets
 * the four times.
 */
static int codec_once(const struct luo_layout *l, const void *src, void *dst,
		      size_t state_size, void *wire, size_t wire_size,
		      const void *raw, void *copy, size_t bytes, u64 *ns)
{
	void *fresh;
	ssize_t size;
	u64 t;
	int err;

	t = ktime_get_ns();
	size = luo_encoded_size(l, 1, src, CODEC_WHO);
	err = size < 0 ? size : size > wire_size ? -ENOSPC : 0;
	if (!err)
		err = luo_encode(l, 1, src, NULL, wire, size, CODEC_WHO);
	ns[0] = ktime_get_ns() - t;
	if (err)
		return err;

	memset(dst, 0, state_size);
	t = ktime_get_ns();
	err = luo_decode(l, 1, wire, size, dst, NULL, CODEC_WHO);
	ns[1] = ktime_get_ns() - t;
	if (err)
		return err;
	luo_decoded_free(l, 1, dst);

	t = ktime_get_ns();
	memcpy(copy, raw, bytes);
	ns[2] = ktime_get_ns() - t;

	t = ktime_get_ns();
	fresh = kvmalloc(bytes, GFP_KERNEL);
	if (fresh)
		memcpy(fresh, raw, bytes);
	ns[3] = ktime_get_ns() - t;
	kvfree(fresh);
	return fresh ? 0 : -ENOMEM;
}

static int codec_kind(const char *kind, const struct luo_layout *l,
		      void *src, void *dst, size_t state_size,
		      const void *raw, size_t bytes, unsigned int repeats)
{
	size_t wire_size = bytes + SZ_4K;
	void *wire, *copy;
	unsigned int rep;
	u64 ns[ARRAY_SIZE(codec_steps)];
	char head[64];
	int err = -ENOMEM;

	wire = vzalloc(wire_size);
	copy = vzalloc(bytes);
	if (!wire || !copy)
		goto out;
	for (rep = 0; rep < repeats; rep++) {
		err = codec_once(l, src, dst, state_size, wire, wire_size,
				 raw, copy, bytes, ns);
		if (err) {
			bench_out("error codec kind=%s err=%d", kind, err);
			break;
		}
		scnprintf(head, sizeof(head), "codec kind=%s bytes=%zu rep=%u",
			  kind, bytes, rep);
		bench_print(head, codec_steps, ns, ARRAY_SIZE(codec_steps));
		cond_resched();
	}
out:
	vfree(copy);
	vfree(wire);
	return err;
}

/**
 * bench_codec() - time the codec on large states against memcpy()
 * @bytes:   Bytes of the variable-length array; the fixed array is 1 MiB.
 * @repeats: Runs of each.
 *
 * Prints "codec kind=varray|borrow|array bytes=B rep=R encode=NS decode=NS
 * memcpy=NS alloc_memcpy=NS" per run.
 *
 * Return: 0, or the first error, printed.
 */
int bench_codec(unsigned int bytes, unsigned int repeats)
{
	struct big_varray vsrc = { }, vdst;
	struct big_array *asrc, *adst;
	size_t i, nr = bytes / sizeof(u64);
	int err = -ENOMEM;

	vsrc.items = vmalloc_array(nr, sizeof(u64));
	asrc = vzalloc(sizeof(*asrc));
	adst = vzalloc(sizeof(*adst));
	if (!vsrc.items || !asrc || !adst)
		goto out;
	vsrc.nr = nr;
	for (i = 0; i < nr; i++)
		vsrc.items[i] = i * 0x9e3779b97f4a7c15ULL;
	for (i = 0; i < CODEC_ARRAY_WORDS; i++)
		asrc->words[i] = ~i;

	err = codec_kind("varray", &big_varray_ser, &vsrc, &vdst, sizeof(vdst),
			 vsrc.items, nr * sizeof(u64), repeats);
	if (!err)
		err = codec_kind("borrow", &big_borrow_ser, &vsrc, &vdst,
				 sizeof(vdst), vsrc.items, nr * sizeof(u64),
				 repeats);
	if (!err)
		err = codec_kind("array", &big_array_ser, asrc, adst,
				 sizeof(*adst), asrc->words,
				 sizeof(asrc->words), repeats);
out:
	vfree(adst);
	vfree(asrc);
	vfree(vsrc.items);
	return err;
}
