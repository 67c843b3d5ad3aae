// SPDX-License-Identifier: GPL-2.0
/*
 * luo_bench: the VM and vCPU file types of glue_vcpu.h, preserved either
 * by the framework's generated glue or by the hand-written handlers, so
 * that the two can be compared in size and in speed.
 */
#include <linux/module.h>

#include "glue_vcpu.h"
#ifdef LUO_BENCH_RUN
#include "bench.h"
#endif

static bool hand;
module_param(hand, bool, 0444);
MODULE_PARM_DESC(hand, "Register the hand-written handlers instead of the framework's");

/*
 * Built for scripts/bench.sh, the module runs the benchmark instead, which
 * registers each variant in turn: see bench_run.c.
 */
static int __init luo_bench_init(void)
{
#ifdef LUO_BENCH_RUN
	return luo_bench_start();
#else
	return hand ? glue_hand_register() : glue_fw_register();
#endif
}

static void __exit luo_bench_exit(void)
{
#ifdef LUO_BENCH_RUN
	luo_bench_stop();
#else
	if (hand)
		glue_hand_unregister();
	else
		glue_fw_unregister();
#endif
}

module_init(luo_bench_init);
module_exit(luo_bench_exit);
MODULE_DESCRIPTION("Live update: generated glue against hand-written handlers");
MODULE_LICENSE("GPL");
