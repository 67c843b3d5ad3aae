// SPDX-License-Identifier: GPL-2.0
/*
 * Generated glue against hand-written handlers doing the same work: a VM
 * and its vCPUs preserved, frozen, handed over, retrieved and finished,
 * once through the framework's handlers (glue_vcpu_fw.c), once through the
 * hand-written ones (glue_vcpu_hand.c), alternating, so that a drift of
 * the machine's speed hits both alike.
 */
#include <linux/err.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/sprintf.h>
#include <linux/vmalloc.h>

#include "bench.h"
#include "glue_vcpu.h"
#include "luo_internal.h"

#define GLUE_SESSION	"luo-bench-glue"

/* Restored as they were: out[0] the VM, the others its vCPUs. */
static int glue_check(struct file **in, unsigned int n)
{
	unsigned int i;

	for (i = 1; i < n; i++) {
		if (glue_vcpu(in[i])->flags != i || glue_vcpu(in[i])->vm != in[0] ||
		    glue_vcpu(in[i])->regs[GLUE_NR_REGS - 1] !=
		    ((u64)i << 32 | (GLUE_NR_REGS - 1)))
			return -EBADMSG;
	}
	return 0;
}

/* One run: out[0] is the VM, out[1..vcpus] its vCPUs. */
static int glue_run(unsigned int vcpus, struct file **out, struct file **in,
		    u64 *ns)
{
	unsigned int n = vcpus + 1, i, j;
	u64 regs[GLUE_NR_REGS];
	int err;

	out[0] = glue_vm_open(42);
	if (IS_ERR(out[0])) {
		err = PTR_ERR(out[0]);
		out[0] = NULL;
		return err;
	}
	for (i = 1; i < n; i++) {
		for (j = 0; j < GLUE_NR_REGS; j++)
			regs[j] = (u64)i << 32 | j;
		out[i] = glue_vcpu_open(out[0], regs, i);
		if (IS_ERR(out[i])) {
			err = PTR_ERR(out[i]);
			out[i] = NULL;
			return err;
		}
	}
	return bench_handover(GLUE_SESSION, out, in, n, glue_check, ns);
}

/**
 * bench_glue() - time the framework's handlers against hand-written ones
 * @vcpus:   vCPUs of the VM preserved in each run.
 * @repeats: Runs of each variant, alternating.
 *
 * Prints "glue variant=fw|hand files=N rep=R preserve=NS freeze=NS
 * load=NS retrieve=NS finish=NS" per run.
 *
 * Return: 0, or the first error, printed.
 */
int bench_glue(unsigned int vcpus, unsigned int repeats)
{
	unsigned int n = vcpus + 1, rep;
	struct file **out, **in;
	u64 ns[BENCH_NR_PHASES], medium;
	char head[64];
	bool hand;
	void *buf;
	int err;

	medium = 2 * (SZ_1M + (u64)n * 512);
	buf = vzalloc(medium);
	out = kvcalloc(n, sizeof(*out), GFP_KERNEL);
	in = kvcalloc(n, sizeof(*in), GFP_KERNEL);
	err = buf && out && in ? 0 : -ENOMEM;
	if (!err)
		err = luo_medium_attach(buf, medium);
	if (err)
		goto free;

	for (rep = 0; rep < 2 * repeats && !err; rep++) {
		hand = rep & 1;
		err = hand ? glue_hand_register() : glue_fw_register();
		if (err)
			break;
		memset(ns, 0, sizeof(ns));
		err = glue_run(vcpus, out, in, ns);
		luo_reset();
		bench_put_files(in, n);
		bench_put_files(out, n);
		if (hand)
			glue_hand_unregister();
		else
			glue_fw_unregister();
		if (err) {
			bench_out("error glue variant=%s err=%d",
				  hand ? "hand" : "fw", err);
			break;
		}
		scnprintf(head, sizeof(head), "glue variant=%s files=%u rep=%u",
			  hand ? "hand" : "fw", n, rep / 2);
		bench_print(head, bench_phases, ns, BENCH_NR_PHASES);
	}
	luo_medium_detach();
free:
	kvfree(in);
	kvfree(out);
	vfree(buf);
	return err;
}
