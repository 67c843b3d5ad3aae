// SPDX-License-Identifier: GPL-2.0
/*
 * Live Update Orchestrator core: /dev/liveupdate and session file
 * descriptors, mainline's uAPI (include/uapi/linux/liveupdate.h).
 *
 * One agent at a time drives live update: a second open of the device gets
 * EBUSY.  Each session is a file descriptor; closing an outgoing one before
 * the update unpreserves its files.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/anon_inodes.h>
#include <linux/capability.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/uaccess.h>

#include "luo_internal.h"

/* Largest argument a caller may pass, zeros past what we know included. */
#define LUO_IOCTL_MAX_SIZE	PAGE_SIZE

/*
 * Copy an ioctl argument in: the caller's size must cover at least @min
 * bytes (the struct's first version), bytes past what this kernel knows
 * must be zero.
 */
static int luo_copy_arg(void *karg, size_t ksize, size_t min,
			void __user *uarg)
{
	u32 usize;

	if (get_user(usize, (u32 __user *)uarg))
		return -EFAULT;
	if (usize < min)
		return -EINVAL;
	if (usize > LUO_IOCTL_MAX_SIZE)
		return -E2BIG;
	return copy_struct_from_user(karg, ksize, uarg, usize);
}

/* Copy the output back, no more than the caller said it has room for. */
static int luo_copy_out(void __user *uarg, const void *karg, size_t ksize)
{
	u32 usize = *(const u32 *)karg;

	return copy_to_user(uarg, karg, min_t(size_t, usize, ksize)) ?
		-EFAULT : 0;
}

static const struct file_operations luo_session_fops;

/*
 * Give @s a new file descriptor and report it in @fdp at @uarg; on any
 * failure the session is closed as if its fd had been.
 */
static int luo_install_session(struct liveupdate_session *s, s32 *fdp,
			       void __user *uarg, void *karg, size_t ksize)
{
	struct file *file;
	int fd, err;

	fd = get_unused_fd_flags(O_CLOEXEC);
	if (fd < 0) {
		luo_session_close(s);
		return fd;
	}
	file = anon_inode_getfile("[liveupdate_session]", &luo_session_fops,
				  s, O_RDWR);
	if (IS_ERR(file)) {
		put_unused_fd(fd);
		luo_session_close(s);
		return PTR_ERR(file);
	}
	*fdp = fd;
	err = luo_copy_out(uarg, karg, ksize);
	if (err) {
		put_unused_fd(fd);
		fput(file);
		return err;
	}
	fd_install(fd, file);
	return 0;
}

/* Create and retrieve take the same argument: a name in, an fd out. */
static_assert(sizeof(struct liveupdate_ioctl_create_session) ==
	      sizeof(struct liveupdate_ioctl_retrieve_session));
static_assert(offsetof(struct liveupdate_ioctl_create_session, name) ==
	      offsetof(struct liveupdate_ioctl_retrieve_session, name));

static int luo_ioctl_session(void __user *uarg, bool incoming)
{
	struct liveupdate_ioctl_create_session arg;
	struct liveupdate_session *s;
	int err;

	err = luo_copy_arg(&arg, sizeof(arg), sizeof(arg), uarg);
	if (err)
		return err;
	if (incoming)
		s = luo_session_open_incoming((const char *)arg.name);
	else
		s = luo_session_create((const char *)arg.name);
	if (IS_ERR(s))
		return PTR_ERR(s);
	return luo_install_session(s, &arg.fd, uarg, &arg, sizeof(arg));
}

static long luo_dev_ioctl(struct file *file, unsigned int cmd,
			  unsigned long arg)
{
	void __user *uarg = (void __user *)arg;

	switch (cmd) {
	case LIVEUPDATE_IOCTL_CREATE_SESSION:
		return luo_ioctl_session(uarg, false);
	case LIVEUPDATE_IOCTL_RETRIEVE_SESSION:
		return luo_ioctl_session(uarg, true);
	default:
		return -ENOTTY;
	}
}

static int luo_session_preserve_fd(struct liveupdate_session *s,
				   void __user *uarg)
{
	struct liveupdate_session_preserve_fd arg;
	struct file *file;
	int err;

	err = luo_copy_arg(&arg, sizeof(arg), sizeof(arg), uarg);
	if (err)
		return err;
	file = fget(arg.fd);
	if (!file)
		return -EBADF;
	err = luo_session_preserve(s, arg.token, file);
	fput(file);
	return err;
}

static int luo_session_retrieve_fd(struct liveupdate_session *s,
				   void __user *uarg)
{
	struct liveupdate_session_retrieve_fd arg;
	struct file *file;
	int fd, err;

	err = luo_copy_arg(&arg, sizeof(arg), sizeof(arg), uarg);
	if (err)
		return err;
	fd = get_unused_fd_flags(O_CLOEXEC);
	if (fd < 0)
		return fd;
	err = luo_session_retrieve(s, arg.token, &file);
	if (err) {
		put_unused_fd(fd);
		return err;
	}
	arg.fd = fd;
	err = luo_copy_out(uarg, &arg, sizeof(arg));
	if (err) {
		put_unused_fd(fd);
		fput(file);
		return err;
	}
	fd_install(fd, file);
	return 0;
}

static int luo_session_finish_ioctl(struct liveupdate_session *s,
				    void __user *uarg)
{
	struct liveupdate_session_finish arg;
	int err;

	err = luo_copy_arg(&arg, sizeof(arg), sizeof(arg), uarg);
	if (err)
		return err;
	if (arg.reserved)
		return -EINVAL;
	return luo_session_finish(s);
}

static int luo_session_get_name(struct liveupdate_session *s,
				void __user *uarg)
{
	struct liveupdate_session_get_name arg;
	int err;

	err = luo_copy_arg(&arg, sizeof(arg), sizeof(arg), uarg);
	if (err)
		return err;
	if (arg.reserved)
		return -EINVAL;
	memcpy(arg.name, s->name, sizeof(arg.name));
	return luo_copy_out(uarg, &arg, sizeof(arg));
}

static long luo_session_ioctl(struct file *file, unsigned int cmd,
			      unsigned long arg)
{
	struct liveupdate_session *s = file->private_data;
	void __user *uarg = (void __user *)arg;

	switch (cmd) {
	case LIVEUPDATE_SESSION_PRESERVE_FD:
		return luo_session_preserve_fd(s, uarg);
	case LIVEUPDATE_SESSION_RETRIEVE_FD:
		return luo_session_retrieve_fd(s, uarg);
	case LIVEUPDATE_SESSION_FINISH:
		return luo_session_finish_ioctl(s, uarg);
	case LIVEUPDATE_SESSION_GET_NAME:
		return luo_session_get_name(s, uarg);
	default:
		return -ENOTTY;
	}
}

static int luo_session_release(struct inode *inode, struct file *file)
{
	luo_session_close(file->private_data);
	return 0;
}

static const struct file_operations luo_session_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = luo_session_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.release = luo_session_release,
};

static atomic_t luo_dev_busy = ATOMIC_INIT(0);

static int luo_dev_open(struct inode *inode, struct file *file)
{
	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (!liveupdate_enabled())
		return -EOPNOTSUPP;
	if (atomic_cmpxchg(&luo_dev_busy, 0, 1))
		return -EBUSY;
	return 0;
}

static int luo_dev_release(struct inode *inode, struct file *file)
{
	atomic_set(&luo_dev_busy, 0);
	return 0;
}

static const struct file_operations luo_dev_fops = {
	.owner = THIS_MODULE,
	.open = luo_dev_open,
	.release = luo_dev_release,
	.unlocked_ioctl = luo_dev_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
};

static struct miscdevice luo_miscdev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "liveupdate",
	.fops = &luo_dev_fops,
};

int luo_ioctl_init(void)
{
	return misc_register(&luo_miscdev);
}

void luo_ioctl_exit(void)
{
	misc_deregister(&luo_miscdev);
}
