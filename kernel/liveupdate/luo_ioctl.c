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

/* Room for the argument of any of the ioctls below. */
union luo_ucmd_buffer {
	struct liveupdate_ioctl_create_session create_session;
	struct liveupdate_ioctl_retrieve_session retrieve_session;
	struct liveupdate_session_preserve_fd preserve_fd;
	struct liveupdate_session_retrieve_fd retrieve_fd;
	struct liveupdate_session_finish finish;
	struct liveupdate_session_get_name get_name;
};

/*
 * One call: the caller's buffer, the size it gave, read from it once and
 * the only size used afterwards in either direction (a caller changing it
 * meanwhile changes nothing), and the argument as this kernel knows it.
 */
struct luo_ucmd {
	void __user *ubuffer;
	u32 user_size;
	u32 size;
	void *cmd;
};

/**
 * struct luo_ioctl_op - one ioctl of /dev/liveupdate or of a session
 * @cmd:      its number
 * @size:     the size of its argument struct in this kernel
 * @min_size: where the struct's first version ends: the end of its last
 *            original field, so that fields added later stay optional
 * @execute:  the handler, on the argument copied in and checked
 */
struct luo_ioctl_op {
	unsigned int cmd;
	u32 size;
	u32 min_size;
	int (*execute)(struct file *file, struct luo_ucmd *ucmd);
};

#define LUO_IOCTL_OP(_cmd, _execute, _struct, _last_original_field)	\
	{								\
		.cmd = (_cmd),						\
		.size = sizeof(_struct) +				\
			BUILD_BUG_ON_ZERO(sizeof(_struct) >		\
					  sizeof(union luo_ucmd_buffer)) + \
			BUILD_BUG_ON_ZERO(offsetof(_struct, size)),	\
		.min_size = offsetofend(_struct, _last_original_field),	\
		.execute = (_execute),					\
	}

/*
 * Copy @op's argument in: the caller's size must cover at least the
 * struct's first version, bytes past what this kernel knows must be zero.
 */
static int luo_ucmd_copy_in(struct luo_ucmd *ucmd,
			    const struct luo_ioctl_op *op)
{
	int err;

	if (get_user(ucmd->user_size, (u32 __user *)ucmd->ubuffer))
		return -EFAULT;
	if (ucmd->user_size < op->min_size)
		return -EINVAL;
	if (ucmd->user_size > LUO_IOCTL_MAX_SIZE)
		return -E2BIG;
	ucmd->size = op->size;
	err = copy_struct_from_user(ucmd->cmd, op->size, ucmd->ubuffer,
				    ucmd->user_size);
	if (err)
		return err;
	/* The size field as first read, not as copied the second time. */
	*(u32 *)ucmd->cmd = ucmd->user_size;
	return 0;
}

/* Copy the argument back, no more than the caller has room for. */
static int luo_ucmd_respond(struct luo_ucmd *ucmd)
{
	return copy_to_user(ucmd->ubuffer, ucmd->cmd,
			    min(ucmd->user_size, ucmd->size)) ? -EFAULT : 0;
}

static long luo_ioctl_dispatch(const struct luo_ioctl_op *ops, size_t n_ops,
			       struct file *file, unsigned int cmd,
			       unsigned long arg)
{
	union luo_ucmd_buffer buf;
	struct luo_ucmd ucmd = {
		.ubuffer = (void __user *)arg,
		.cmd = &buf,
	};
	size_t i;
	int err;

	for (i = 0; i < n_ops; i++) {
		if (ops[i].cmd != cmd)
			continue;
		err = luo_ucmd_copy_in(&ucmd, &ops[i]);
		if (err)
			return err;
		return ops[i].execute(file, &ucmd);
	}
	return -ENOTTY;
}

static const struct file_operations luo_session_fops;

/*
 * Give @s, just created or opened, a new file descriptor and report it in
 * @fdp, part of @ucmd's argument; on any failure the session is closed as
 * if its fd had been.  An error pointer for @s is returned as the errno.
 */
static int luo_install_session(struct liveupdate_session *s, s32 *fdp,
			       struct luo_ucmd *ucmd)
{
	struct file *file;
	int fd, err;

	if (IS_ERR(s))
		return PTR_ERR(s);
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
	err = luo_ucmd_respond(ucmd);
	if (err) {
		put_unused_fd(fd);
		fput(file);
		return err;
	}
	fd_install(fd, file);
	return 0;
}

static int luo_ioctl_create_session(struct file *file, struct luo_ucmd *ucmd)
{
	struct liveupdate_ioctl_create_session *arg = ucmd->cmd;

	return luo_install_session(luo_session_create((const char *)arg->name),
				   &arg->fd, ucmd);
}

static int luo_ioctl_retrieve_session(struct file *file,
				      struct luo_ucmd *ucmd)
{
	struct liveupdate_ioctl_retrieve_session *arg = ucmd->cmd;
	const char *name = (const char *)arg->name;

	return luo_install_session(luo_session_open_incoming(name), &arg->fd,
				   ucmd);
}

static const struct luo_ioctl_op luo_dev_ioctl_ops[] = {
	LUO_IOCTL_OP(LIVEUPDATE_IOCTL_CREATE_SESSION, luo_ioctl_create_session,
		     struct liveupdate_ioctl_create_session, name),
	LUO_IOCTL_OP(LIVEUPDATE_IOCTL_RETRIEVE_SESSION,
		     luo_ioctl_retrieve_session,
		     struct liveupdate_ioctl_retrieve_session, name),
};

static long luo_dev_ioctl(struct file *file, unsigned int cmd,
			  unsigned long arg)
{
	return luo_ioctl_dispatch(luo_dev_ioctl_ops,
				  ARRAY_SIZE(luo_dev_ioctl_ops), file, cmd, arg);
}

static int luo_session_preserve_fd(struct file *session_file,
				   struct luo_ucmd *ucmd)
{
	struct liveupdate_session_preserve_fd *arg = ucmd->cmd;
	struct file *file;
	int err;

	file = fget(arg->fd);
	if (!file)
		return -EBADF;
	err = luo_session_preserve(session_file->private_data, arg->token,
				   file);
	fput(file);
	return err;
}

static int luo_session_retrieve_fd(struct file *session_file,
				   struct luo_ucmd *ucmd)
{
	struct liveupdate_session_retrieve_fd *arg = ucmd->cmd;
	struct file *file;
	int fd, err;

	fd = get_unused_fd_flags(O_CLOEXEC);
	if (fd < 0)
		return fd;
	err = luo_session_retrieve(session_file->private_data, arg->token,
				   &file);
	if (err) {
		put_unused_fd(fd);
		return err;
	}
	arg->fd = fd;
	err = luo_ucmd_respond(ucmd);
	if (err) {
		put_unused_fd(fd);
		fput(file);
		return err;
	}
	fd_install(fd, file);
	return 0;
}

static int luo_session_finish_ioctl(struct file *session_file,
				    struct luo_ucmd *ucmd)
{
	struct liveupdate_session_finish *arg = ucmd->cmd;

	if (arg->reserved)
		return -EINVAL;
	return luo_session_finish(session_file->private_data);
}

static int luo_session_get_name(struct file *session_file,
				struct luo_ucmd *ucmd)
{
	struct liveupdate_session_get_name *arg = ucmd->cmd;
	struct liveupdate_session *s = session_file->private_data;

	if (arg->reserved)
		return -EINVAL;
	memcpy(arg->name, s->name, sizeof(arg->name));
	return luo_ucmd_respond(ucmd);
}

static const struct luo_ioctl_op luo_session_ioctl_ops[] = {
	LUO_IOCTL_OP(LIVEUPDATE_SESSION_PRESERVE_FD, luo_session_preserve_fd,
		     struct liveupdate_session_preserve_fd, token),
	LUO_IOCTL_OP(LIVEUPDATE_SESSION_RETRIEVE_FD, luo_session_retrieve_fd,
		     struct liveupdate_session_retrieve_fd, token),
	LUO_IOCTL_OP(LIVEUPDATE_SESSION_FINISH, luo_session_finish_ioctl,
		     struct liveupdate_session_finish, reserved),
	LUO_IOCTL_OP(LIVEUPDATE_SESSION_GET_NAME, luo_session_get_name,
		     struct liveupdate_session_get_name, name),
};

static long luo_session_ioctl(struct file *file, unsigned int cmd,
			      unsigned long arg)
{
	return luo_ioctl_dispatch(luo_session_ioctl_ops,
				  ARRAY_SIZE(luo_session_ioctl_ops), file, cmd,
				  arg);
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
