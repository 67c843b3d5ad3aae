// SPDX-License-Identifier: GPL-2.0
/*
 * kexec into a kernel with kexec_file_load(), for the QEMU guests: a static
 * binary with no library to carry into the initramfs.
 *
 * Usage: kexec_file KERNEL INITRD "COMMAND LINE"	load, then reboot into it
 *        kexec_file -l KERNEL INITRD "COMMAND LINE"	load only
 *        kexec_file -e					reboot into what is loaded
 *
 * The reboot runs the kernel's "kexec reboot" notifiers, as kexec -s -e
 * does.  Loading first and rebooting later keeps the loading out of a live
 * update's blackout.
 */
#include <fcntl.h>
#include <linux/reboot.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static int load(char **argv)
{
	int kernel = open(argv[0], O_RDONLY), initrd = open(argv[1], O_RDONLY);

	if (kernel < 0 || initrd < 0) {
		perror("open");
		return 1;
	}
	if (syscall(SYS_kexec_file_load, kernel, initrd,
		    strlen(argv[2]) + 1, argv[2], 0UL)) {
		perror("kexec_file_load");
		return 1;
	}
	return 0;
}

static int reboot_into_it(void)
{
	sync();
	syscall(SYS_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2,
		LINUX_REBOOT_CMD_KEXEC, NULL);
	perror("reboot");
	return 1;
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "-e"))
		return reboot_into_it();
	if (argc == 5 && !strcmp(argv[1], "-l"))
		return load(argv + 2);
	if (argc == 4)
		return load(argv + 1) || reboot_into_it();
	fprintf(stderr, "usage: %s [-l] KERNEL INITRD CMDLINE | -e\n", argv[0]);
	return 2;
}
