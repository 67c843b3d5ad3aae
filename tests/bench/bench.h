/* SPDX-License-Identifier: GPL-2.0 */
/*
 * luo_bench's timed runs: built only into the benchmark's build of the
 * module (scripts/bench.sh), against the core built for it, whose
 * internals it imports from namespace LUO_BENCH.
 */
#ifndef _LUO_BENCH_H
#define _LUO_BENCH_H

#include <linux/printk.h>
#include <linux/types.h>

/* Every figure is one line "luo-bench: <what> key=value ...". */
#define bench_out(fmt, ...)	pr_info("luo-bench: " fmt "\n", ##__VA_ARGS__)

int luo_bench_start(void);
void luo_bench_stop(void);

int bench_chain(const char *lookup, const unsigned int *sizes,
		unsigned int nr_sizes, unsigned int repeats);
int bench_glue(unsigned int vcpus, unsigned int repeats);
int bench_codec(unsigned int bytes, unsigned int repeats);

/* The phases bench_handover() times, and their names in the output. */
enum bench_phase {
	BENCH_PRESERVE, BENCH_FREEZE, BENCH_LOAD, BENCH_RETRIEVE, BENCH_FINISH,
	BENCH_NR_PHASES
};

extern const char *const bench_phases[BENCH_NR_PHASES];

struct file;

int bench_handover(const char *name, struct file **out, struct file **in,
		   unsigned int n,
		   int (*check)(struct file **in, unsigned int n), u64 *ns);
void bench_put_files(struct file **files, unsigned int n);
void bench_print(const char *head, const char *const *names, const u64 *ns,
		 unsigned int nr);

#endif /* _LUO_BENCH_H */
