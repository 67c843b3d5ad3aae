// SPDX-License-Identifier: GPL-2.0
/* A second copy in the same module: the link refuses it. */
#include <linux/luo_handler/engine.h>
