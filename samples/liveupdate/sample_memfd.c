// SPDX-License-Identifier: GPL-2.0
/*
 * memfds across a live update, by copy: at preserve, a memfd's contents go
 * into handover memory with its size, file position and name; at retrieve,
 * a new memfd is made from them.
 *
 * A copy is bounded by the handover memory: a memfd that does not fit is
 * refused with -ENOSPC when it is preserved, and the kernel log says how
 * much was wanted and how much is free.  The copy is taken when the memfd
 * is preserved: what is written to it afterwards does not reach the next
 * kernel, so the workload stops writing first, as a VMM pauses its guest.
 * Seals are carried; the file's access mode is not (the new memfd is
 * read-write, as memfd_create() makes them), and two files of one memfd
 * become two memfds.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/shmem_fs.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <uapi/linux/fcntl.h>
#include <linux/luo_handler/handler.h>

/* memfd_create() names its files "memfd:<name>", at most 249 + 6 bytes. */
#define MEMFD_PREFIX		"memfd:"
#define MEMFD_NAME_MAX		64
/*
 * A bound for the array; the handover memory is the real one, but the
 * copy is made before it is known to fit: keep a hostile sparse memfd
 * from costing more than this.
 */
#define MEMFD_MAX_BYTES		SZ_256M
#define MEMFD_SEALS		(F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | \
				 F_SEAL_WRITE | F_SEAL_FUTURE_WRITE | F_SEAL_EXEC)

struct memfd_state {
	u64 size;
	u64 pos;
	u32 nr_bytes;
	u32 seals;
	u8 *bytes;
	char name[MEMFD_NAME_MAX];
};

LUO_SER(memfd_ser, struct memfd_state,
	LUO_FIELD(size, memfd_ser),
	LUO_FIELD(pos, memfd_ser),
	LUO_FIELD(nr_bytes, memfd_ser),
	LUO_FIELD(seals, memfd_ser),
	/* Written into the new memfd from where it lies: no copy. */
	LUO_FIELD_VARRAY(bytes, memfd_ser, nr_bytes, MEMFD_MAX_BYTES, LUO_BORROW),
	LUO_FIELD_STRING(name, memfd_ser));

/* A memfd, not a tmpfs file that happens to be named like one. */
static bool memfd_can_preserve(struct file *file)
{
	return shmem_mapping(file->f_mapping) &&
	       !file_inode(file)->i_nlink &&
	       !strncmp(file_dentry(file)->d_name.name, MEMFD_PREFIX,
			strlen(MEMFD_PREFIX));
}

static int memfd_save(struct file *file, struct memfd_state *s)
{
	const char *name = file_dentry(file)->d_name.name;
	struct inode *inode = file_inode(file);
	loff_t pos = 0;
	ssize_t done;

	if (!(file->f_mode & FMODE_READ)) {
		pr_err("%s: not open for reading\n", name);
		return -EBADF;
	}
	if (strscpy(s->name, name, sizeof(s->name)) < 0) {
		pr_err("%s: name longer than %d bytes\n", name,
		       MEMFD_NAME_MAX - 1);
		return -ENAMETOOLONG;
	}
	inode_lock_shared(inode);
	s->size = i_size_read(inode);
	s->seals = SHMEM_I(inode)->seals;
	inode_unlock_shared(inode);
	if (s->size > MEMFD_MAX_BYTES) {
		pr_err("%s: %llu bytes, more than the %u a copy may take\n",
		       name, s->size, MEMFD_MAX_BYTES);
		return -ENOSPC;
	}
	s->pos = file->f_pos;
	s->nr_bytes = s->size;
	if (!s->nr_bytes)
		return 0;
	s->bytes = kvmalloc(s->nr_bytes,
			    GFP_KERNEL_ACCOUNT | __GFP_NORETRY | __GFP_NOWARN);
	if (!s->bytes)
		return -ENOMEM;
	done = kernel_read(file, s->bytes, s->nr_bytes, &pos);
	if (done == s->nr_bytes)
		return 0;
	pr_err("%s: read %zd of %u bytes\n", name, done, s->nr_bytes);
	kvfree(s->bytes);
	return done < 0 ? done : -EIO;
}

static void memfd_release_state(struct memfd_state *s)
{
	kvfree(s->bytes);
}

/* Everything the previous kernel wrote is checked before it is used. */
static int memfd_state_check(const struct memfd_state *s)
{
	if (strncmp(s->name, MEMFD_PREFIX, strlen(MEMFD_PREFIX))) {
		pr_err("memfd state: name '%*pE' is not a memfd's\n",
		       (int)strlen(s->name), s->name);
		return -EINVAL;
	}
	if (s->nr_bytes != s->size) {
		pr_err("%*pE: size %llu, but %u bytes of contents\n",
		       (int)strlen(s->name), s->name, s->size, s->nr_bytes);
		return -EINVAL;
	}
	if (s->pos > MAX_LFS_FILESIZE) {
		pr_err("%*pE: file position %llu is past the largest file\n",
		       (int)strlen(s->name), s->name, s->pos);
		return -EINVAL;
	}
	if (s->seals & ~MEMFD_SEALS) {
		pr_err("%*pE: unknown seals %#x\n", (int)strlen(s->name),
		       s->name, s->seals & ~MEMFD_SEALS);
		return -EINVAL;
	}
	return 0;
}

/*
 * A file like memfd_create()'s: same f_mode and f_flags, contents written
 * before the seals are put back (F_SEAL_WRITE would refuse them).
 */
static struct file *memfd_load(struct memfd_state *s)
{
	struct inode *inode;
	struct file *file;
	loff_t pos = 0;
	ssize_t done;
	int err;

	err = memfd_state_check(s);
	if (err)
		return ERR_PTR(err);
	file = shmem_file_setup(s->name, s->size, VM_NORESERVE);
	if (IS_ERR(file))
		return file;
	file->f_mode |= FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE;
	file->f_flags |= O_LARGEFILE;
	if (s->nr_bytes) {
		done = kernel_write(file, s->bytes, s->nr_bytes, &pos);
		if (done != s->nr_bytes) {
			pr_err("%s: wrote %zd of %u bytes\n", s->name, done,
			       s->nr_bytes);
			fput(file);
			return ERR_PTR(done < 0 ? done : -EIO);
		}
	}
	inode = file_inode(file);
	inode_lock(inode);
	SHMEM_I(inode)->seals = s->seals;
	/* As memfd_create(MFD_NOEXEC_SEAL) makes them. */
	if (s->seals & F_SEAL_EXEC)
		inode->i_mode &= ~0111;
	inode_unlock(inode);
	file->f_pos = s->pos;
	return file;
}

LUO_HANDLER(memfd_handler, "sample-memfd", memfd_ser, LUO_VERSIONS(1),
	    .can_preserve = memfd_can_preserve,
	    .save = memfd_save,
	    .release = memfd_release_state,
	    .load = memfd_load);

static int __init sample_memfd_init(void)
{
	return luo_handler_register(&memfd_handler);
}

static void __exit sample_memfd_exit(void)
{
	luo_handler_unregister(&memfd_handler);
}

module_init(sample_memfd_init);
module_exit(sample_memfd_exit);
MODULE_DESCRIPTION("Live update sample: memfds preserved by copy");
MODULE_LICENSE("GPL");
