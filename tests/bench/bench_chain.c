// SPDX-License-Identifier: GPL-2.0
/*
 * The cost of a live update per file, against the number of files: a chain
 * of N files in one session, each depending on the one before, so that
 * every preserve and every retrieve looks a token up.  Each phase of the
 * pipeline is timed as a whole: preserve, freeze (the image written and
 * sealed), load (the image validated and the incoming sessions built, as
 * the next kernel does at boot), retrieve and finish.
 *
 * The kexec is simulated as in the KUnit suites: the image stays in a
 * buffer, the outgoing side is forgotten, the image is loaded back.
 */
#include <linux/anon_inodes.h>
#include <linux/err.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/liveupdate.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/sprintf.h>
#include <linux/vmalloc.h>

#include "bench.h"
#include "luo_internal.h"

#define CHAIN_SESSION	"luo-bench-chain"

/* @dep: no reference held, as for the test files of the KUnit suites. */
struct chain_obj {
	u64 value;
	struct file *dep;
};

/* Its state in handover memory. */
struct chain_state {
	__le64 value;
	__le64 dep_token;
	__le32 has_dep;
	__le32 frozen;
};

static int chain_release(struct inode *inode, struct file *file)
{
	kfree(file->private_data);
	return 0;
}

static const struct file_operations chain_fops = {
	.owner = THIS_MODULE,
	.release = chain_release,
};

static struct file *chain_open(u64 value, struct file *dep)
{
	struct chain_obj *obj;
	struct file *file;

	obj = kzalloc(sizeof(*obj), GFP_KERNEL);
	if (!obj)
		return ERR_PTR(-ENOMEM);
	obj->value = value;
	obj->dep = dep;
	file = anon_inode_getfile("luo_bench_chain", &chain_fops, obj, O_RDWR);
	if (IS_ERR(file))
		kfree(obj);
	return file;
}

static bool chain_can_preserve(struct liveupdate_file_handler *fh,
			       struct file *file)
{
	return file->f_op == &chain_fops;
}

static int chain_preserve(struct liveupdate_file_op_args *args)
{
	struct chain_obj *obj = args->file->private_data;
	struct chain_state *st;
	u64 handle, token = 0;
	int err;

	if (obj->dep) {
		err = liveupdate_get_token_outgoing(args->session, obj->dep,
						    &token);
		if (err)
			return err;
	}
	st = liveupdate_alloc(args->session, sizeof(*st), &handle);
	if (IS_ERR(st))
		return PTR_ERR(st);
	st->value = cpu_to_le64(obj->value);
	st->dep_token = cpu_to_le64(token);
	st->has_dep = cpu_to_le32(!!obj->dep);
	args->serialized_data = handle;
	return 0;
}

static void chain_free(struct liveupdate_file_op_args *args)
{
	liveupdate_free(args->session, args->serialized_data);
}

static int chain_freeze(struct liveupdate_file_op_args *args)
{
	struct chain_state *st;

	st = liveupdate_ptr(args->session, args->serialized_data, sizeof(*st));
	if (!st)
		return -EINVAL;
	st->frozen = cpu_to_le32(1);
	return 0;
}

static int chain_retrieve(struct liveupdate_file_op_args *args)
{
	struct file *dep = NULL, *file;
	struct chain_state *st;
	int err;

	st = liveupdate_ptr(args->session, args->serialized_data, sizeof(*st));
	if (!st || le32_to_cpu(st->frozen) != 1 ||
	    le32_to_cpu(st->has_dep) > 1)
		return -EINVAL;
	if (le32_to_cpu(st->has_dep)) {
		err = liveupdate_get_file_incoming(args->session,
						   le64_to_cpu(st->dep_token),
						   &dep);
		if (err)
			return err;
	}
	file = chain_open(le64_to_cpu(st->value), dep);
	if (IS_ERR(file))
		return PTR_ERR(file);
	args->file = file;
	return 0;
}

static const struct liveupdate_file_ops chain_ops = {
	.can_preserve = chain_can_preserve,
	.preserve = chain_preserve,
	.unpreserve = chain_free,
	.freeze = chain_freeze,
	.retrieve = chain_retrieve,
	.finish = chain_free,
	.owner = THIS_MODULE,
};

static LIVEUPDATE_FILE_HANDLER(chain_fh, "luo-bench-chain-v1", &chain_ops);

/* One run of @n files; @ns gets each phase's time. */
static int chain_run(unsigned int n, struct file **out, struct file **in,
		     u64 *ns)
{
	struct file *prev = NULL;
	unsigned int i;
	int err;

	for (i = 0; i < n; i++) {
		out[i] = chain_open(i, prev);
		if (IS_ERR(out[i])) {
			err = PTR_ERR(out[i]);
			out[i] = NULL;
			return err;
		}
		prev = out[i];
	}
	return bench_handover(CHAIN_SESSION, out, in, n, NULL, ns);
}

/**
 * bench_chain() - time the pipeline on chains of files
 * @lookup:   Label of the core's lookups, for the output.
 * @sizes:    Numbers of files, one chain run each.
 * @nr_sizes: How many.
 * @repeats:  Runs of each size.
 *
 * Prints "chain lookup=L n=N rep=R preserve=NS freeze=NS load=NS
 * retrieve=NS finish=NS" per run, each a phase's total in nanoseconds.
 *
 * Return: 0, or the first error, printed.
 */
int bench_chain(const char *lookup, const unsigned int *sizes,
		unsigned int nr_sizes, unsigned int repeats)
{
	struct file **out = NULL, **in = NULL;
	unsigned int max = 0, i, rep;
	u64 ns[BENCH_NR_PHASES], medium;
	char head[64];
	void *buf;
	int err;

	for (i = 0; i < nr_sizes; i++)
		max = max(max, sizes[i]);
	/* Two slots, each with a file's state and its entry per file. */
	medium = 2 * (SZ_1M + (u64)max * 128);
	buf = vzalloc(medium);
	out = kvcalloc(max, sizeof(*out), GFP_KERNEL);
	in = kvcalloc(max, sizeof(*in), GFP_KERNEL);
	err = buf && out && in ? 0 : -ENOMEM;
	if (!err)
		err = liveupdate_register_file_handler(&chain_fh);
	if (err)
		goto free;
	err = luo_medium_attach(buf, medium);
	if (err)
		goto unregister;

	for (i = 0; i < nr_sizes && !err; i++) {
		for (rep = 0; rep < repeats && !err; rep++) {
			memset(ns, 0, sizeof(ns));
			err = chain_run(sizes[i], out, in, ns);
			luo_reset();
			bench_put_files(in, sizes[i]);
			bench_put_files(out, sizes[i]);
			if (err) {
				bench_out("error chain lookup=%s n=%u err=%d",
					  lookup, sizes[i], err);
				break;
			}
			scnprintf(head, sizeof(head),
				  "chain lookup=%s n=%u rep=%u", lookup,
				  sizes[i], rep);
			bench_print(head, bench_phases, ns,
				    BENCH_NR_PHASES);
		}
	}

	luo_medium_detach();
unregister:
	liveupdate_unregister_file_handler(&chain_fh);
free:
	kvfree(in);
	kvfree(out);
	vfree(buf);
	return err;
}
