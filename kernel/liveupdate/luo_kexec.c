// SPDX-License-Identifier: GPL-2.0
/*
 * Live Update Orchestrator core: the handover region and the kexec path on
 * Linux 6.12.
 *
 * Without Kexec HandOver, state crosses the kexec in a physically contiguous
 * region that both kernels reserve, named by a module parameter:
 *
 *	liveupdate.region=SIZE@ADDR	with memmap=SIZE$ADDR on the command line
 *	liveupdate.reserve_mem=NAME	with reserve_mem=SIZE:ALIGN:NAME
 *
 * 6.12's kernel_kexec() runs the reboot notifiers but cannot be stopped by
 * them, so freezing is also offered as an explicit, failable step before
 * the kexec, through /sys/kernel/liveupdate/state (our extension: mainline
 * freezes inside its own kexec path):
 *
 *	echo freeze > /sys/kernel/liveupdate/state	seal the image, or fail
 *	echo unfreeze > /sys/kernel/liveupdate/state	call the update off
 *
 * A kexec without that step freezes from the reboot notifier; if that fails,
 * the image is marked invalid so the next kernel trusts nothing.  Any other
 * reboot invalidates a sealed image: it is not a live update.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/io.h>
#include <linux/mm.h>
#include <linux/moduleparam.h>
#include <linux/reboot.h>
#include <linux/string.h>

#include "luo_internal.h"

static char *luo_region;
module_param_named(region, luo_region, charp, 0444);
MODULE_PARM_DESC(region, "Handover region SIZE@ADDR, reserved with memmap=SIZE$ADDR");

static char *luo_reserve_mem;
module_param_named(reserve_mem, luo_reserve_mem, charp, 0444);
MODULE_PARM_DESC(reserve_mem, "Name of a reserve_mem= region to hand over in");

static void *luo_region_map;

/* memremap() only exists where there is I/O memory (not on UML). */
static void luo_region_unmap(void)
{
	if (IS_ENABLED(CONFIG_HAS_IOMEM) && luo_region_map)
		memunmap(luo_region_map);
	luo_region_map = NULL;
}

static int luo_region_parse(phys_addr_t *start, phys_addr_t *size)
{
	char *at;

	if (luo_reserve_mem) {
		if (!reserve_mem_find_by_name(luo_reserve_mem, start, size)) {
			pr_err("reserve_mem region '%s' not found\n",
			       luo_reserve_mem);
			return -ENOENT;
		}
		return 0;
	}
	*size = memparse(luo_region, &at);
	if (*at != '@' || !*size) {
		pr_err("region '%s' is not SIZE@ADDR\n", luo_region);
		return -EINVAL;
	}
	*start = memparse(at + 1, &at);
	if (*at) {
		pr_err("region '%s' is not SIZE@ADDR\n", luo_region);
		return -EINVAL;
	}
	return 0;
}

/* Map the handover region and take what the previous kernel left there. */
static int luo_region_init(void)
{
	phys_addr_t start, size;
	int err;

	if (!luo_region && !luo_reserve_mem) {
		pr_info("no handover region: live update can preserve nothing across kexec\n");
		return 0;
	}
	if (!IS_ENABLED(CONFIG_HAS_IOMEM)) {
		pr_err("this architecture cannot map a handover region\n");
		return -EOPNOTSUPP;
	}
	err = luo_region_parse(&start, &size);
	if (err)
		return err;
	if (page_is_ram(PHYS_PFN(start))) {
		pr_err("region %pa is ordinary RAM: reserve it (memmap=, reserve_mem=)\n",
		       &start);
		return -EINVAL;
	}
	luo_region_map = memremap(start, size, MEMREMAP_WB);
	if (!luo_region_map) {
		pr_err("cannot map region %pa+%pa\n", &start, &size);
		return -ENOMEM;
	}
	err = luo_medium_attach(luo_region_map, size);
	if (err) {
		luo_region_unmap();
		return err;
	}
	pr_info("handover region %pa, %pa bytes\n", &start, &size);
	scoped_guard(mutex, &luo_lock)
		luo_image_load();
	return 0;
}

static int luo_reboot(struct notifier_block *nb, unsigned long action,
		      void *cmd)
{
	bool kexec = action == SYS_RESTART && cmd &&
		     !strcmp(cmd, "kexec reboot");
	int err;

	if (!kexec) {
		luo_unfreeze();
		return NOTIFY_DONE;
	}
	if (luo_frozen())
		return NOTIFY_DONE;
	err = luo_freeze();
	if (err) {
		/* Too late to stop the kexec: make sure nothing is trusted. */
		pr_emerg("freeze failed at kexec (%d): the next kernel receives nothing\n",
			 err);
		scoped_guard(mutex, &luo_lock)
			luo_image_invalidate();
	}
	return NOTIFY_DONE;
}

static struct notifier_block luo_reboot_nb = {
	.notifier_call = luo_reboot,
};

int luo_kexec_init(void)
{
	int err;

	err = luo_region_init();
	if (err)
		return err;
	err = register_reboot_notifier(&luo_reboot_nb);
	if (err)
		luo_kexec_exit();
	return err;
}

void luo_kexec_exit(void)
{
	unregister_reboot_notifier(&luo_reboot_nb);
	if (luo_region_map) {
		luo_medium_detach();
		luo_region_unmap();
	}
}
