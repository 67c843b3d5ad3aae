// SPDX-License-Identifier: GPL-2.0
/*
 * Live Update Orchestrator core: finding a preserved file by scanning lists.
 *
 * The benchmark's baseline only (LUO_BENCH_LIST=y, scripts/bench.sh), in
 * place of luo_file_index.c: what a core without hash tables does, every
 * lookup a walk of the session's files, or of every outgoing file.
 */
#include "luo_internal.h"

int luo_index_init(void)
{
	return 0;
}

void luo_index_exit(void)
{
}

int luo_index_set_init(struct luo_file_set *fs)
{
	return 0;
}

void luo_index_set_destroy(struct luo_file_set *fs)
{
}

int luo_index_add(struct luo_file *lf)
{
	if (luo_index_token(&lf->session->fs, lf->token))
		return -EEXIST;
	if (!lf->session->incoming && luo_index_file(lf->file))
		return -EBUSY;
	return 0;
}

void luo_index_del(struct luo_file *lf)
{
}

void luo_index_drop_set(struct luo_file_set *fs)
{
}

struct luo_file *luo_index_token(struct luo_file_set *fs, u64 token)
{
	struct luo_file *lf;

	list_for_each_entry(lf, &fs->files, list)
		if (lf->token == token)
			return lf;
	return NULL;
}

struct luo_file *luo_index_file(struct file *file)
{
	struct liveupdate_session *s;
	struct luo_file *lf;

	list_for_each_entry(s, luo_outgoing_sessions(), list)
		list_for_each_entry(lf, &s->fs.files, list)
			if (lf->file == file)
				return lf;
	return NULL;
}
