/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per handler, the versions each side has and the one to use.
 */
#ifndef _LVUP_VERSIONS_H
#define _LVUP_VERSIONS_H

#include <stddef.h>

#include "lvup_section.h"

/* Versions of one handler on one side, newest first, no repeats. */
struct lvup_versions {
	unsigned int *v;
	size_t nr;
};

/**
 * struct lvup_handler - one handler of the side handing over
 * @base:   Its compatible without "-v<N>".
 * @writes: Versions this side has.
 * @reads:  Versions the next side has.
 * @use:    The newest in both, or 0.
 */
struct lvup_handler {
	char base[LVUP_ENTRY_SIZE];
	struct lvup_versions writes;
	struct lvup_versions reads;
	unsigned int use;
};

struct lvup_plan {
	struct lvup_handler *h;
	size_t nr;
	size_t missing;
};

int lvup_split(const char *compatible, char *base, unsigned int *version);
int lvup_plan(const struct lvup_list *from, const struct lvup_list *next,
	      struct lvup_plan *plan);
void lvup_plan_free(struct lvup_plan *plan);

#endif /* _LVUP_VERSIONS_H */
