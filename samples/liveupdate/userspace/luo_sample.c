// SPDX-License-Identifier: GPL-2.0
/*
 * What a VMM does with /dev/liveupdate to keep a VM across a kexec, with
 * the luo_sample_vm driver standing in for KVM:
 *
 *   luo_sample preserve	before the update: make a VM with one vCPU,
 *				preserve both in the session "vmm", and keep
 *				the session open until the kexec
 *   luo_sample restore		in the next kernel: get them back, in order
 *
 * In between: echo freeze > /sys/kernel/liveupdate/state (or let the
 * kexec freeze the update), then kexec into the next kernel.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/liveupdate.h>

#include "../sample_liveupdate.h"

#define SESSION		"vmm"
#define VM_ID		0x5eedULL
/* Tokens: the VMM's own names for its files, unique in the session. */
#define TOKEN_VM	1
#define TOKEN_VCPU	2

static int fail(const char *what)
{
	fprintf(stderr, "luo_sample: %s: %s\n", what, strerror(errno));
	return 1;
}

static int preserve_fd(int session, int fd, __u64 token)
{
	struct liveupdate_session_preserve_fd arg = {
		.size = sizeof(arg), .fd = fd, .token = token,
	};

	return ioctl(session, LIVEUPDATE_SESSION_PRESERVE_FD, &arg);
}

static int retrieve_fd(int session, __u64 token)
{
	struct liveupdate_session_retrieve_fd arg = {
		.size = sizeof(arg), .token = token,
	};

	if (ioctl(session, LIVEUPDATE_SESSION_RETRIEVE_FD, &arg) < 0)
		return -1;
	return arg.fd;
}

static int preserve(int dev)
{
	struct liveupdate_ioctl_create_session cs = { .size = sizeof(cs) };
	struct sample_vcpu_regs regs;
	__u64 id = VM_ID;
	int vm, vcpu, i, null;

	snprintf((char *)cs.name, sizeof(cs.name), SESSION);
	if (ioctl(dev, LIVEUPDATE_IOCTL_CREATE_SESSION, &cs) < 0)
		return fail("create session " SESSION);
	vm = open("/dev/luo_sample_vm", O_RDWR);
	if (vm < 0 || ioctl(vm, SAMPLE_VM_SET_ID, &id))
		return fail("VM");
	vcpu = ioctl(vm, SAMPLE_VM_CREATE_VCPU);
	for (i = 0; i < SAMPLE_NR_REGS; i++)
		regs.regs[i] = 0x1000 + i;
	if (vcpu < 0 || ioctl(vcpu, SAMPLE_VCPU_SET_REGS, &regs))
		return fail("vCPU");

	/* The VM first: the vCPU's preserved state names its VM's token. */
	if (preserve_fd(cs.fd, vm, TOKEN_VM) ||
	    preserve_fd(cs.fd, vcpu, TOKEN_VCPU))
		return fail("preserve");
	printf("preserved VM %#llx (token %d) and its vCPU (token %d) in session %s\n",
	       VM_ID, TOKEN_VM, TOKEN_VCPU, SESSION);
	fflush(stdout);

	/*
	 * Closing the session's fd would call the update off for its files:
	 * a child keeps every fd open until the kexec, away from our
	 * caller's stdin, stdout and stderr, and this process returns.
	 */
	switch (fork()) {
	case -1:
		return fail("fork");
	case 0:
		setsid();
		null = open("/dev/null", O_RDWR);
		dup2(null, 0);
		dup2(null, 1);
		dup2(null, 2);
		for (;;)
			pause();
	}
	printf("holding them until the kexec\n");
	return 0;
}

static int restore(int dev)
{
	struct liveupdate_ioctl_retrieve_session rs = { .size = sizeof(rs) };
	struct liveupdate_session_finish fin = { .size = sizeof(fin) };
	struct sample_vcpu_regs regs;
	__u64 id, vcpu_vm_id;
	int vm, vcpu;

	snprintf((char *)rs.name, sizeof(rs.name), SESSION);
	if (ioctl(dev, LIVEUPDATE_IOCTL_RETRIEVE_SESSION, &rs) < 0)
		return fail("retrieve session " SESSION);

	/* The VM first again: a vCPU asked for before its VM gets EAGAIN. */
	vm = retrieve_fd(rs.fd, TOKEN_VM);
	if (vm < 0 || ioctl(vm, SAMPLE_VM_GET_ID, &id))
		return fail("VM");
	vcpu = retrieve_fd(rs.fd, TOKEN_VCPU);
	if (vcpu < 0 || ioctl(vcpu, SAMPLE_VCPU_GET_REGS, &regs) ||
	    ioctl(vcpu, SAMPLE_VCPU_GET_VM_ID, &vcpu_vm_id))
		return fail("vCPU");
	printf("restored VM %#llx, and its vCPU: of VM %#llx, register 0 %#llx\n",
	       (unsigned long long)id, (unsigned long long)vcpu_vm_id,
	       (unsigned long long)regs.regs[0]);

	/* Everything is back: the kernel may free what was handed over. */
	if (ioctl(rs.fd, LIVEUPDATE_SESSION_FINISH, &fin))
		return fail("finish session " SESSION);
	printf("session %s finished\n", SESSION);
	return 0;
}

int main(int argc, char **argv)
{
	int dev;

	if (argc != 2 ||
	    (strcmp(argv[1], "preserve") && strcmp(argv[1], "restore"))) {
		fprintf(stderr, "usage: luo_sample preserve|restore\n");
		return 1;
	}
	/* One process at a time drives live update: a second open is EBUSY. */
	dev = open("/dev/liveupdate", O_RDWR);
	if (dev < 0)
		return fail("/dev/liveupdate");
	return strcmp(argv[1], "preserve") ? restore(dev) : preserve(dev);
}
