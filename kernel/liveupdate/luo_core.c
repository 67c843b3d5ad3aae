// SPDX-License-Identifier: GPL-2.0
/*
 * Live Update Orchestrator core: module entry points and the switch that
 * enables live update.
 *
 * Linux 6.12 has no Live Update Orchestrator.  This core provides mainline's
 * in-kernel API and uAPI on top of it, so that file handlers, and the
 * luo_handler framework that generates them, run unchanged on 6.12 and on
 * mainline.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/liveupdate.h>
#include <linux/module.h>
#include <linux/moduleparam.h>

#include "luo_internal.h"

/*
 * Read once at load (or boot, when built in) and by the KUnit suites, which
 * flip it to test the disabled paths.  Registration reads it under the
 * handler lock, so a flip is never seen half-way through a registration.
 */
static bool luo_enabled = true;
module_param_named(enable, luo_enabled, bool, 0444);
MODULE_PARM_DESC(enable, "Enable live update (default: on)");

/* This core's own format, listed next to the handlers it can restore. */
LIVEUPDATE_VERSIONS_ENTRY(LUO_IMAGE_COMPATIBLE);

/**
 * liveupdate_enabled() - whether live update is available
 *
 * Return: true when the orchestrator accepts handlers and sessions, false
 * when it was disabled with ``liveupdate.enable=0``.
 */
bool liveupdate_enabled(void)
{
	return READ_ONCE(luo_enabled);
}
EXPORT_SYMBOL_GPL(liveupdate_enabled);

#if IS_ENABLED(CONFIG_KUNIT)
/**
 * luo_set_enabled() - switch live update on or off, for KUnit suites only
 * @enabled: The new state.
 */
void luo_set_enabled(bool enabled)
{
	WRITE_ONCE(luo_enabled, enabled);
}
EXPORT_SYMBOL_IF_KUNIT(luo_set_enabled);
#endif

static int __init luo_init(void)
{
	int err;

	err = luo_file_handlers_init();
	if (err)
		return err;
	err = luo_sessions_init();
	if (err)
		goto handlers;
	err = luo_kexec_init();
	if (err)
		goto sessions;
	err = luo_sysfs_init();
	if (err)
		goto kexec;
	err = luo_ioctl_init();
	if (err)
		goto sysfs;

	pr_info("live update orchestrator ready (%s, %s)\n",
		LUO_IMAGE_COMPATIBLE, luo_enabled ? "enabled" : "disabled");
	return 0;

sysfs:
	luo_sysfs_exit();
kexec:
	luo_kexec_exit();
sessions:
	luo_sessions_exit();
handlers:
	luo_file_handlers_exit();
	return err;
}

static void __exit luo_exit(void)
{
	luo_ioctl_exit();
	luo_sysfs_exit();
	luo_kexec_exit();
	luo_sessions_exit();
	luo_file_handlers_exit();
}

/*
 * Built in, the orchestrator must be up before any handler registers:
 * handlers register from device_initcall or later.
 */
subsys_initcall(luo_init);
module_exit(luo_exit);

MODULE_DESCRIPTION("Live Update Orchestrator core");
MODULE_LICENSE("GPL");
