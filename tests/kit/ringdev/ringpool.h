/* SPDX-License-Identifier: GPL-2.0 */
/* What ringdev.ko needs of ringpool.ko: its handler, for LUO_FIELD_DEP(). */
#ifndef _RINGPOOL_H
#define _RINGPOOL_H

#include <linux/luo_handler/handler.h>

LUO_HANDLER_EXTERN(ringpool_handler);

bool ringpool_file(struct file *file);
u64 ringpool_id(struct file *file);

#endif /* _RINGPOOL_H */
