// SPDX-License-Identifier: GPL-2.0
/*
 * Live Update Orchestrator core: writing the handover image at freeze, and
 * validating and loading it in the next kernel.
 *
 * The next kernel trusts nothing in the image until every field has been
 * checked: offsets and counts against the image size, sizes against
 * overflow, strings for their terminator, the checksum over all of it.  An
 * image that fails any check is refused whole, with a log line naming the
 * check, and no incoming session appears.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <kunit/visibility.h>
#include <linux/crc32.h>
#include <linux/ktime.h>
#include <linux/liveupdate.h>
#include <linux/overflow.h>
#include <linux/sched.h>
#include <linux/sizes.h>
#include <linux/string.h>

#include "luo_image.h"
#include "luo_internal.h"

static u64 luo_generation;
static u64 luo_seal_mark;

/**
 * luo_image_checksum() - the checksum of an image
 * @image: Start of the image.
 * @size:  Its size, at least the header's.
 *
 * Return: crc32 of bytes [0, @size) with the checksum field as zero.
 */
VISIBLE_IF_KUNIT u32 luo_image_checksum(const void *image, u64 size)
{
	const struct luo_image_header *hdr = image;
	const u8 *p = (const u8 *)&hdr->reserved, *end;
	static const __le32 zero;
	u32 crc;

	end = image + max_t(u64, size, sizeof(*hdr));
	crc = crc32_le(~0, image, offsetof(struct luo_image_header, checksum));
	crc = crc32_le(crc, (const void *)&zero, sizeof(zero));
	/* Megabytes of state: let others run between chunks. */
	while (p < end) {
		size_t n = min_t(size_t, end - p, SZ_1M);

		crc = crc32_le(crc, p, n);
		p += n;
		cond_resched();
	}
	return ~crc;
}
EXPORT_SYMBOL_IF_KUNIT(luo_image_checksum);

/**
 * luo_image_seal() - write the outgoing sessions as an image
 *
 * Puts the session and file tables in the outgoing heap, behind the
 * handlers' state, then the header, and the checksum last.
 *
 * Context: Under luo_lock, at freeze, after every file froze.
 * Return: 0, -ENODEV without a medium, -ENOSPC when the tables do not fit,
 * -EOVERFLOW for more sessions than the format counts.
 */
int luo_image_seal(void)
{
	struct liveupdate_session *s;
	struct luo_image_session *is;
	struct luo_image_header *hdr;
	struct luo_image_file *iff;
	u64 nr_sessions = 0, nr_files = 0, idx = 0, sessions, files, bytes;
	struct luo_file *lf;

	lockdep_assert_held(&luo_lock);
	if (!luo_medium_attached()) {
		pr_err_ratelimited("no handover medium: nothing can be handed over\n");
		return -ENODEV;
	}
	list_for_each_entry(s, luo_outgoing_sessions(), list) {
		nr_sessions++;
		nr_files += s->fs.nr_files;
	}
	if (nr_sessions > U32_MAX)
		return -EOVERFLOW;

	luo_seal_mark = luo_heap_end();
	if (check_mul_overflow(nr_sessions, sizeof(*is), &bytes))
		return -EOVERFLOW;
	is = luo_heap_carve(bytes, &sessions);
	if (IS_ERR(is))
		return PTR_ERR(is);
	if (check_mul_overflow(nr_files, sizeof(*iff), &bytes))
		iff = ERR_PTR(-EOVERFLOW);
	else
		iff = luo_heap_carve(bytes, &files);
	if (IS_ERR(iff)) {
		luo_heap_rewind(luo_seal_mark);
		return PTR_ERR(iff);
	}

	list_for_each_entry(s, luo_outgoing_sessions(), list) {
		memcpy(is->name, s->name, sizeof(is->name));
		is->first_file = cpu_to_le64(idx);
		is->nr_files = cpu_to_le64(s->fs.nr_files);
		is++;
		list_for_each_entry(lf, &s->fs.files, list) {
			memcpy(iff->compatible, lf->fh->compatible,
			       sizeof(iff->compatible));
			iff->token = cpu_to_le64(lf->token);
			iff->data = cpu_to_le64(lf->serialized_data);
			iff++;
			idx++;
			cond_resched();
		}
	}

	hdr = luo_slot(luo_outgoing_slot());
	*hdr = (struct luo_image_header) {
		.magic = cpu_to_le32(LUO_IMAGE_MAGIC),
		.version = cpu_to_le32(LUO_IMAGE_VERSION),
		.generation = cpu_to_le64(luo_generation + 1),
		.size = cpu_to_le64(luo_heap_end()),
		.sessions = cpu_to_le64(sessions),
		.files = cpu_to_le64(files),
		.nr_sessions = cpu_to_le32(nr_sessions),
		.flags = cpu_to_le32(LUO_IMAGE_SEALED),
		.nr_files = cpu_to_le64(nr_files),
	};
	hdr->checksum = cpu_to_le32(luo_image_checksum(hdr, luo_heap_end()));
	pr_info("sealed image generation %llu: %llu sessions, %llu files, %llu bytes\n",
		luo_generation + 1, nr_sessions, nr_files, luo_heap_end());
	return 0;
}

/**
 * luo_image_invalidate() - make the outgoing image untrustworthy
 *
 * For an update called off after sealing, or failing too late to stop the
 * kexec: the next kernel finds LUO_IMAGE_INVALID and trusts nothing.  The
 * tables are given back to the heap.
 */
void luo_image_invalidate(void)
{
	struct luo_image_header *hdr;

	lockdep_assert_held(&luo_lock);
	if (!luo_medium_attached())
		return;
	hdr = luo_slot(luo_outgoing_slot());
	hdr->flags |= cpu_to_le32(LUO_IMAGE_INVALID);
	luo_heap_rewind(luo_seal_mark);
}

/* Is [off, off + count * size) inside [LUO_IMAGE_HEAP_OFFSET, limit)? */
static int luo_check_table(const char *what, u64 off, u64 count, u64 size,
			   u64 limit)
{
	u64 bytes, end;

	if (check_mul_overflow(count, size, &bytes) ||
	    check_add_overflow(off, bytes, &end)) {
		pr_err("image: %s table: %llu entries overflow\n", what, count);
		return -EOVERFLOW;
	}
	if (off < LUO_IMAGE_HEAP_OFFSET || end > limit ||
	    !IS_ALIGNED(off, LUO_IMAGE_ALIGN)) {
		pr_err("image: %s table [%#llx, %#llx) is outside the image [%#x, %#llx) or misaligned\n",
		       what, off, end, LUO_IMAGE_HEAP_OFFSET, limit);
		return -ERANGE;
	}
	return 0;
}

static bool luo_ranges_overlap(u64 a, u64 alen, u64 b, u64 blen)
{
	return alen && blen && a < b + blen && b < a + alen;
}

static int luo_check_string(const char *what, const char *s, size_t size)
{
	size_t len = strnlen(s, size);

	if (!len || len == size) {
		pr_err("image: %s is %s\n", what,
		       len ? "not NUL-terminated" : "empty");
		return -EINVAL;
	}
	return 0;
}

static int luo_check_header(const struct luo_image_header *hdr, u64 slot_size)
{
	u64 size = le64_to_cpu(hdr->size);
	u32 flags = le32_to_cpu(hdr->flags);

	if (le32_to_cpu(hdr->magic) != LUO_IMAGE_MAGIC) {
		pr_err("image: bad magic %#x\n", le32_to_cpu(hdr->magic));
		return -EINVAL;
	}
	if (le32_to_cpu(hdr->version) != LUO_IMAGE_VERSION) {
		pr_err("image: format version %u, this kernel reads %u\n",
		       le32_to_cpu(hdr->version), LUO_IMAGE_VERSION);
		return -EPROTONOSUPPORT;
	}
	if (flags & LUO_IMAGE_INVALID) {
		pr_err("image: invalidated by the previous kernel: its update failed late\n");
		return -ECANCELED;
	}
	if (!(flags & LUO_IMAGE_SEALED)) {
		pr_err("image: never sealed: the previous kernel did not finish it\n");
		return -ESTALE;
	}
	if (flags & ~LUO_IMAGE_FLAGS || hdr->reserved) {
		pr_err("image: unknown flags %#x or reserved bits set\n", flags);
		return -EINVAL;
	}
	if (size < LUO_IMAGE_HEAP_OFFSET || size > slot_size) {
		pr_err("image: size %llu is outside [%u, %llu]\n", size,
		       LUO_IMAGE_HEAP_OFFSET, slot_size);
		return -EFBIG;
	}
	if (!le64_to_cpu(hdr->generation)) {
		pr_err("image: generation 0\n");
		return -EINVAL;
	}
	if (le32_to_cpu(hdr->checksum) != luo_image_checksum(hdr, size)) {
		pr_err("image: checksum mismatch\n");
		return -EBADMSG;
	}
	return 0;
}

static int luo_check_sessions(const void *image)
{
	const struct luo_image_header *hdr = image;
	const struct luo_image_session *is = image + le64_to_cpu(hdr->sessions);
	u64 nr_files = le64_to_cpu(hdr->nr_files), next = 0, i;
	int err;

	for (i = 0; i < le32_to_cpu(hdr->nr_sessions); i++, is++) {
		err = luo_check_string("session name", is->name,
				       sizeof(is->name));
		if (err)
			return err;
		/* Sessions own consecutive, disjoint runs of the file table. */
		if (le64_to_cpu(is->first_file) != next ||
		    le64_to_cpu(is->nr_files) > nr_files - next) {
			pr_err("image: session %llu: files [%llu, +%llu) do not follow on within %llu files\n",
			       i, le64_to_cpu(is->first_file),
			       le64_to_cpu(is->nr_files), nr_files);
			return -ERANGE;
		}
		next += le64_to_cpu(is->nr_files);
	}
	if (next != nr_files) {
		pr_err("image: sessions hold %llu files, the table %llu\n",
		       next, nr_files);
		return -ERANGE;
	}
	return 0;
}

static int luo_check_files(const void *image)
{
	const struct luo_image_header *hdr = image;
	const struct luo_image_file *iff = image + le64_to_cpu(hdr->files);
	u64 size = le64_to_cpu(hdr->size), data, i;
	int err;

	for (i = 0; i < le64_to_cpu(hdr->nr_files); i++, iff++) {
		err = luo_check_string("file compatible", iff->compatible,
				       sizeof(iff->compatible));
		if (err)
			return err;
		if (iff->flags) {
			pr_err("image: file %llu: unknown flags %#llx\n", i,
			       le64_to_cpu(iff->flags));
			return -EINVAL;
		}
		data = le64_to_cpu(iff->data);
		if (data && (data < LUO_IMAGE_HEAP_OFFSET || data >= size)) {
			pr_err("image: file %llu: handle %#llx is outside the heap [%#x, %#llx)\n",
			       i, data, LUO_IMAGE_HEAP_OFFSET, size);
			return -ERANGE;
		}
	}
	return 0;
}

/**
 * luo_image_validate() - check every field of an image before trusting it
 * @image:     Start of a slot.
 * @slot_size: Bytes in the slot; nothing past them is read.
 *
 * Checks the header (magic, version, flags, size, generation, checksum),
 * that both tables lie inside the image without overflow or overlap, that
 * every string is terminated and non-empty, that sessions split the file
 * table in order, and that every handle points into the heap.  Duplicate
 * names and tokens are refused when the image is loaded.
 *
 * Return: 0, or the errno of the first failed check, logged.
 */
int luo_image_validate(const void *image, u64 slot_size)
{
	const struct luo_image_header *hdr = image;
	u64 size, nr_sessions, nr_files;
	int err;

	if (slot_size < LUO_IMAGE_HEAP_OFFSET) {
		pr_err("image: slot of %llu bytes cannot hold a header\n",
		       slot_size);
		return -EINVAL;
	}
	err = luo_check_header(hdr, slot_size);
	if (err)
		return err;

	size = le64_to_cpu(hdr->size);
	nr_sessions = le32_to_cpu(hdr->nr_sessions);
	nr_files = le64_to_cpu(hdr->nr_files);
	err = luo_check_table("session", le64_to_cpu(hdr->sessions),
			      nr_sessions, sizeof(struct luo_image_session),
			      size);
	if (!err)
		err = luo_check_table("file", le64_to_cpu(hdr->files), nr_files,
				      sizeof(struct luo_image_file), size);
	if (err)
		return err;
	if (luo_ranges_overlap(le64_to_cpu(hdr->sessions),
			       nr_sessions * sizeof(struct luo_image_session),
			       le64_to_cpu(hdr->files),
			       nr_files * sizeof(struct luo_image_file))) {
		pr_err("image: session and file tables overlap\n");
		return -EINVAL;
	}
	err = luo_check_sessions(image);
	if (!err)
		err = luo_check_files(image);
	return err;
}
EXPORT_SYMBOL_FOR_LUO_TESTS(luo_image_validate);

/* Turn a validated image into incoming sessions; all or nothing. */
static int luo_image_parse(const void *image)
{
	const struct luo_image_header *hdr = image;
	const struct luo_image_session *is = image + le64_to_cpu(hdr->sessions);
	const struct luo_image_file *iff = image + le64_to_cpu(hdr->files);
	struct liveupdate_session *s;
	u64 i, j;
	int err;

	for (i = 0; i < le32_to_cpu(hdr->nr_sessions); i++, is++) {
		s = luo_incoming_session_add(is->name);
		if (IS_ERR(s)) {
			err = PTR_ERR(s);
			goto drop;
		}
		for (j = 0; j < le64_to_cpu(is->nr_files); j++, iff++) {
			err = luo_file_add_incoming(s, iff->compatible,
						    le64_to_cpu(iff->token),
						    le64_to_cpu(iff->data));
			if (err)
				goto drop;
			cond_resched();
		}
	}
	return 0;
drop:
	luo_drop_incoming();
	return err;
}

static void luo_image_wipe(int slot)
{
	struct luo_image_header *hdr = luo_slot(slot);

	hdr->magic = 0;
}

/* A slot's generation if its image is valid, 0 if it holds none. */
static s64 luo_slot_generation(int slot)
{
	const struct luo_image_header *hdr = luo_slot(slot);
	int err;

	if (!hdr->magic)
		return 0;
	err = luo_image_validate(hdr, luo_slot_size());
	if (err) {
		pr_err("image in slot %d refused: %d\n", slot, err);
		luo_image_wipe(slot);
		return err;
	}
	return le64_to_cpu(hdr->generation);
}

/**
 * luo_image_load() - take the sessions the previous kernel handed over
 *
 * Validates both slots of the medium and loads the newest valid image.
 * Refused and stale images are wiped, so that no later kernel trusts them.
 *
 * Context: Under luo_lock, once a medium is attached.
 * Return: 0 when an image was loaded or there was none, else the errno of
 * the check that refused it; the kernel carries on with no incoming session.
 */
int luo_image_load(void)
{
	u64 start, valid;
	s64 gen[2];
	int slot, err;

	lockdep_assert_held(&luo_lock);
	if (!luo_medium_attached())
		return -ENODEV;
	start = ktime_get_ns();
	gen[0] = luo_slot_generation(0);
	gen[1] = luo_slot_generation(1);
	valid = ktime_get_ns();
	if (gen[0] <= 0 && gen[1] <= 0) {
		err = gen[0] < 0 ? gen[0] : gen[1];
		if (err)
			pr_err("nothing handed over: the image was refused (%d)\n",
			       err);
		else
			pr_info("nothing handed over: no image\n");
		return err;
	}
	if (gen[0] == gen[1]) {
		pr_err("nothing handed over: both slots hold generation %lld\n",
		       gen[0]);
		luo_image_wipe(0);
		luo_image_wipe(1);
		return -EINVAL;
	}
	slot = gen[1] > gen[0];
	if (gen[!slot] > 0)
		luo_image_wipe(!slot);

	err = luo_image_parse(luo_slot(slot));
	if (err) {
		pr_err("nothing handed over: the image was refused (%d)\n", err);
		luo_image_wipe(slot);
		return err;
	}
	luo_generation = gen[slot];
	luo_heap_set_incoming(slot, le64_to_cpu(((struct luo_image_header *)
						 luo_slot(slot))->size));
	luo_heap_reset();
	pr_info("received image generation %lld: validated in %llu us, sessions built in %llu us\n",
		gen[slot], div_u64(valid - start, NSEC_PER_USEC),
		div_u64(ktime_get_ns() - valid, NSEC_PER_USEC));
	return 0;
}

/**
 * luo_image_release_incoming() - the last incoming session finished
 *
 * Wipes the incoming image, so that no later kernel reads it again, and
 * gives its slot back for the next outgoing image.
 */
void luo_image_release_incoming(void)
{
	int slot = luo_heap_incoming_slot();

	lockdep_assert_held(&luo_lock);
	if (slot < 0)
		return;
	luo_image_wipe(slot);
	luo_heap_set_incoming(-1, 0);
}
