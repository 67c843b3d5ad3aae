// SPDX-License-Identifier: GPL-2.0
/*
 * Live Update Orchestrator core: finding a preserved file.
 *
 * By token within its session, for userspace and for the dependency
 * lookups handlers make; by struct file among every outgoing file, since a
 * file is preserved once across all sessions.  Both are hash tables, so
 * that a chain of 100k files each looking up the previous one stays
 * linear.  The benchmark's baseline replaces this file with
 * luo_file_index_list.c.
 */
#include <linux/fs.h>
#include <linux/rhashtable.h>
#include <linux/slab.h>

#include "luo_internal.h"

static const struct rhashtable_params luo_token_params = {
	.key_len = sizeof_field(struct luo_file, token),
	.key_offset = offsetof(struct luo_file, token),
	.head_offset = offsetof(struct luo_file, token_node),
	.automatic_shrinking = true,
};

static const struct rhashtable_params luo_file_params = {
	.key_len = sizeof_field(struct luo_file, file),
	.key_offset = offsetof(struct luo_file, file),
	.head_offset = offsetof(struct luo_file, file_node),
	.automatic_shrinking = true,
};

/* Every outgoing file, by struct file. */
static struct rhashtable luo_preserved;

int luo_index_init(void)
{
	return rhashtable_init(&luo_preserved, &luo_file_params);
}

void luo_index_exit(void)
{
	rhashtable_destroy(&luo_preserved);
}

int luo_index_set_init(struct luo_file_set *fs)
{
	return rhashtable_init(&fs->tokens, &luo_token_params);
}

/* The table of a set without files. */
void luo_index_set_destroy(struct luo_file_set *fs)
{
	rhashtable_destroy(&fs->tokens);
}

/**
 * luo_index_add() - make a file findable
 * @lf: The file; outgoing ones are found by struct file too.
 *
 * Return: 0; -EEXIST when its session has its token; -EBUSY when its
 * struct file is preserved already; -ENOMEM.
 */
int luo_index_add(struct luo_file *lf)
{
	struct luo_file_set *fs = &lf->session->fs;
	int err;

	err = rhashtable_lookup_insert_fast(&fs->tokens, &lf->token_node,
					    luo_token_params);
	if (err || lf->session->incoming)
		return err;
	err = rhashtable_lookup_insert_fast(&luo_preserved, &lf->file_node,
					    luo_file_params);
	if (err) {
		rhashtable_remove_fast(&fs->tokens, &lf->token_node,
				       luo_token_params);
		return err == -EEXIST ? -EBUSY : err;
	}
	return 0;
}

/* Undoes luo_index_add(); a set being dropped whole need not. */
void luo_index_del(struct luo_file *lf)
{
	if (!lf->session->incoming)
		rhashtable_remove_fast(&luo_preserved, &lf->file_node,
				       luo_file_params);
	rhashtable_remove_fast(&lf->session->fs.tokens, &lf->token_node,
			       luo_token_params);
}

/*
 * Forgets every file of a set at once, its token table whole: the table's
 * resize worker is stopped before the files are freed, and does not shrink
 * the table once per file.
 */
void luo_index_drop_set(struct luo_file_set *fs)
{
	struct luo_file *lf;

	rhashtable_destroy(&fs->tokens);
	list_for_each_entry(lf, &fs->files, list)
		if (!lf->session->incoming)
			rhashtable_remove_fast(&luo_preserved, &lf->file_node,
					       luo_file_params);
}

struct luo_file *luo_index_token(struct luo_file_set *fs, u64 token)
{
	return rhashtable_lookup_fast(&fs->tokens, &token, luo_token_params);
}

struct luo_file *luo_index_file(struct file *file)
{
	return rhashtable_lookup_fast(&luo_preserved, &file, luo_file_params);
}
