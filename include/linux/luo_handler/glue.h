/* SPDX-License-Identifier: GPL-2.0 */
/*
 * luo_handler: the file handler callbacks LUO_HANDLER() installs.
 *
 * The same functions serve every handler: each finds its luo_handler, and
 * the version it stands for, from the file handler it is called through.
 * They are the engine's (engine/glue.h): a handler's file operations point
 * at the one copy in the kernel.
 */
#ifndef _LINUX_LUO_HANDLER_GLUE_H
#define _LINUX_LUO_HANDLER_GLUE_H

#include <linux/types.h>

struct file;
struct liveupdate_file_handler;
struct liveupdate_file_op_args;

bool luo_glue_can_preserve(struct liveupdate_file_handler *fh,
			   struct file *file);
int luo_glue_preserve(struct liveupdate_file_op_args *args);
int luo_glue_freeze(struct liveupdate_file_op_args *args);
void luo_glue_unfreeze(struct liveupdate_file_op_args *args);
void luo_glue_unpreserve(struct liveupdate_file_op_args *args);
int luo_glue_retrieve(struct liveupdate_file_op_args *args);
void luo_glue_finish(struct liveupdate_file_op_args *args);

#endif /* _LINUX_LUO_HANDLER_GLUE_H */
