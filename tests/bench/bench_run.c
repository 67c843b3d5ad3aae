// SPDX-License-Identifier: GPL-2.0
/*
 * luo_bench's timed runs: a kernel thread runs them one after the other
 * and prints every figure, then "luo-bench: done".  The module parameters
 * choose what runs; scripts/bench.sh loads the module once per core build
 * (hash tables, then list scans for the baseline).
 */
#include <linux/completion.h>
#include <linux/err.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/sprintf.h>

#include "bench.h"

MODULE_IMPORT_NS(LUO_BENCH);

static char *lookup = "hash";
module_param(lookup, charp, 0444);
MODULE_PARM_DESC(lookup, "Label of the core's lookups in the output: hash or list");

static unsigned int sizes[16] = { 10, 1000, 10000, 100000 };
static unsigned int nr_sizes = 4;
module_param_array(sizes, uint, &nr_sizes, 0444);
MODULE_PARM_DESC(sizes, "Files in the session of each chain run");

static unsigned int repeats = 3;
module_param(repeats, uint, 0444);
MODULE_PARM_DESC(repeats, "Runs of each measurement");

static unsigned int glue_vcpus = 1000;
module_param(glue_vcpus, uint, 0444);
MODULE_PARM_DESC(glue_vcpus, "vCPUs of the VM of the glue runs; 0: no glue run");

static unsigned int glue_repeats = 9;
module_param(glue_repeats, uint, 0444);
MODULE_PARM_DESC(glue_repeats, "Runs of each glue variant, alternating");

static unsigned int codec_bytes = 8 << 20;
module_param(codec_bytes, uint, 0444);
MODULE_PARM_DESC(codec_bytes, "Bytes of the large state of the codec runs; 0: none");

static DECLARE_COMPLETION(luo_bench_done);

/**
 * bench_put_files() - drop the references a run holds on its files
 * @files: The files; NULL entries are skipped.
 * @n:     How many.
 *
 * Synchronously, so that a run's files are gone before the next one, then
 * the references the core dropped with fput() too.
 */
void bench_put_files(struct file **files, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		if (files[i])
			__fput_sync(files[i]);
		files[i] = NULL;
		cond_resched();
	}
	flush_delayed_fput();
}

/**
 * bench_print() - print one run's line
 * @head:  What ran, e.g. "chain lookup=hash n=10 rep=0".
 * @names: Names of the times.
 * @ns:    The times, in nanoseconds.
 * @nr:    How many.
 *
 * Prints "luo-bench: <head> <name>=<ns> ...".
 */
void bench_print(const char *head, const char *const *names, const u64 *ns,
		 unsigned int nr)
{
	char line[256];
	unsigned int i;
	int len;

	len = scnprintf(line, sizeof(line), "%s", head);
	for (i = 0; i < nr; i++)
		len += scnprintf(line + len, sizeof(line) - len, " %s=%llu",
				 names[i], ns[i]);
	bench_out("%s", line);
}

static int luo_bench_thread(void *unused)
{
	int err = 0;

	bench_out("start lookup=%s repeats=%u", lookup, repeats);
	if (nr_sizes)
		err = bench_chain(lookup, sizes, nr_sizes, repeats);
	if (!err && glue_vcpus)
		err = bench_glue(glue_vcpus, glue_repeats);
	if (!err && codec_bytes)
		err = bench_codec(codec_bytes, repeats);
	bench_out("done lookup=%s err=%d", lookup, err);
	kthread_complete_and_exit(&luo_bench_done, 0);
}

/**
 * luo_bench_start() - start the timed runs in a thread of their own
 *
 * In a kernel thread, the files the core releases with fput() can be
 * flushed between two runs; from insmod they would pile up until it
 * returns.
 *
 * Return: 0, or the error starting the thread.
 */
int luo_bench_start(void)
{
	struct task_struct *t;

	t = kthread_run(luo_bench_thread, NULL, "luo_bench");
	return PTR_ERR_OR_ZERO(t);
}

/**
 * luo_bench_stop() - wait for the timed runs to end
 */
void luo_bench_stop(void)
{
	wait_for_completion(&luo_bench_done);
}
