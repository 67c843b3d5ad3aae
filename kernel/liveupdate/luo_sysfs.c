// SPDX-License-Identifier: GPL-2.0
/*
 * Live Update Orchestrator core: /sys/kernel/liveupdate, and every file in
 * it.  Each file asks the part of the core it speaks for:
 *
 *	versions		what this kernel can restore (luo_versions.c)
 *	target_versions		what the next kernel reads (luo_target.c)
 *	state			freeze and unfreeze (luo_session.c); our
 *				extension, since 6.12's kexec cannot fail
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kobject.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/sysfs.h>

#include "luo_internal.h"

/*
 * A binary attribute, because the listing grows with the number of handlers
 * and may exceed the single page a text attribute can return.
 */
static ssize_t versions_read(struct file *file, struct kobject *kobj,
			     struct bin_attribute *attr, char *out,
			     loff_t off, size_t count)
{
	char *buf;
	ssize_t len, ret;

	len = luo_versions_format(&buf);
	if (len < 0)
		return len;
	ret = memory_read_from_buffer(out, count, &off, buf, len);
	kvfree(buf);
	return ret;
}
static BIN_ATTR_RO(versions, 0);

/* Binary too: the set written may be longer than a page. */
static ssize_t target_versions_write(struct file *file, struct kobject *kobj,
				     struct bin_attribute *attr, char *in,
				     loff_t off, size_t count)
{
	return luo_target_write(in, off, count);
}

static ssize_t target_versions_read(struct file *file, struct kobject *kobj,
				    struct bin_attribute *attr, char *out,
				    loff_t off, size_t count)
{
	return luo_target_read(out, off, count);
}
static BIN_ATTR_RW(target_versions, 0);

static ssize_t state_show(struct kobject *kobj, struct kobj_attribute *attr,
			  char *buf)
{
	return sysfs_emit(buf, "%s\n", luo_frozen() ? "frozen" : "normal");
}

static ssize_t state_store(struct kobject *kobj, struct kobj_attribute *attr,
			   const char *buf, size_t count)
{
	int err;

	if (sysfs_streq(buf, "freeze")) {
		err = luo_freeze();
		if (err)
			return err;
	} else if (sysfs_streq(buf, "unfreeze")) {
		luo_unfreeze();
	} else {
		return -EINVAL;
	}
	return count;
}

static struct kobj_attribute luo_state_attr = __ATTR_RW_MODE(state, 0600);

static struct bin_attribute *luo_bin_attrs[] = {
	&bin_attr_versions,
	&bin_attr_target_versions,
	NULL,
};

static struct attribute *luo_attrs[] = {
	&luo_state_attr.attr,
	NULL,
};

static const struct attribute_group luo_attr_group = {
	.attrs = luo_attrs,
	.bin_attrs = luo_bin_attrs,
};

static struct kobject *luo_kobj;

int luo_sysfs_init(void)
{
	int err;

	luo_kobj = kobject_create_and_add("liveupdate", kernel_kobj);
	if (!luo_kobj)
		return -ENOMEM;
	err = sysfs_create_group(luo_kobj, &luo_attr_group);
	if (err) {
		pr_err("cannot create /sys/kernel/liveupdate: %d\n", err);
		kobject_put(luo_kobj);
		luo_kobj = NULL;
	}
	return err;
}

void luo_sysfs_exit(void)
{
	sysfs_remove_group(luo_kobj, &luo_attr_group);
	kobject_put(luo_kobj);
}
