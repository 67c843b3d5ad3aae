// SPDX-License-Identifier: GPL-2.0
/*
 * kexec into a kernel with kexec_file_load(), for the QEMU guests: a static
 * binary with no library to carry into the initramfs.
 *
 * Usage: kexec_file KERNEL INITRD "COMMAND LINE"
 *
 * Loads, then reboots into it: the reboot runs the kernel's "kexec reboot"
 * notifiers, as kexec -s -e does.
 */
#include <fcntl.h>
#include <linux/reboot.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int kernel, initrd;

	if (argc != 4) {
		fprintf(stderr, "usage: %s KERNEL INITRD CMDLINE\n", argv[0]);
		return 2;
	}
	kernel = open(argv[1], O_RDONLY);
	initrd = open(argv[2], O_RDONLY);
	if (kernel < 0 || initrd < 0) {
		perror("open");
		return 1;
	}
	if (syscall(SYS_kexec_file_load, kernel, initrd,
		    strlen(argv[3]) + 1, argv[3], 0UL)) {
		perror("kexec_file_load");
		return 1;
	}
	sync();
	syscall(SYS_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2,
		LINUX_REBOOT_CMD_KEXEC, NULL);
	perror("reboot");
	return 1;
}
