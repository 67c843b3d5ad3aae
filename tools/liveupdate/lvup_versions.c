// SPDX-License-Identifier: GPL-2.0
/*
 * Negotiation, as the kernel does it: for each handler the side handing over
 * has, the newest version the next side also has.  Versions are compared as
 * numbers, so that v10 is newer than v9.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lvup_versions.h"

/**
 * lvup_split() - split "<base>-v<N>"
 * @compatible: The compatible.
 * @base:       Set to the part before "-v<N>", or all of it.
 * @version:    Set to N, or 0 when @compatible does not end in "-v<N>".
 *
 * Return: 1 when @compatible has a version, 0 when not.
 */
int lvup_split(const char *compatible, char *base, unsigned int *version)
{
	const char *dash = strrchr(compatible, '-');
	unsigned long long n = 0;
	const char *p;

	snprintf(base, LVUP_ENTRY_SIZE, "%s", compatible);
	*version = 0;
	if (!dash || dash == compatible || dash[1] != 'v' || !dash[2] ||
	    dash[2] == '0')
		return 0;
	for (p = dash + 2; *p; p++) {
		if (*p < '0' || *p > '9')
			return 0;
		n = n * 10 + (*p - '0');
		if (n > UINT_MAX)	/* checked at each digit: cannot wrap */
			return 0;
	}
	base[dash - compatible] = '\0';
	*version = n;
	return 1;
}

static int lvup_versions_add(struct lvup_versions *vs, unsigned int v)
{
	unsigned int *p;
	size_t i;

	for (i = 0; i < vs->nr && vs->v[i] > v; i++)
		;
	if (i < vs->nr && vs->v[i] == v)
		return 0;
	p = realloc(vs->v, (vs->nr + 1) * sizeof(*p));
	if (!p)
		return -1;
	vs->v = p;
	memmove(p + i + 1, p + i, (vs->nr - i) * sizeof(*p));
	p[i] = v;
	vs->nr++;
	return 0;
}

static struct lvup_handler *lvup_handler(struct lvup_plan *plan,
					 const char *base, int create)
{
	struct lvup_handler *h;
	size_t i;

	for (i = 0; i < plan->nr && strcmp(plan->h[i].base, base) < 0; i++)
		;
	if (i < plan->nr && !strcmp(plan->h[i].base, base))
		return &plan->h[i];
	if (!create)
		return NULL;
	h = realloc(plan->h, (plan->nr + 1) * sizeof(*h));
	if (!h)
		return NULL;
	plan->h = h;
	memmove(h + i + 1, h + i, (plan->nr - i) * sizeof(*h));
	memset(&h[i], 0, sizeof(*h));
	memcpy(h[i].base, base, LVUP_ENTRY_SIZE);
	plan->nr++;
	return &h[i];
}

static unsigned int lvup_newest_common(const struct lvup_versions *a,
				       const struct lvup_versions *b)
{
	size_t i, j;

	for (i = 0; i < a->nr; i++)
		for (j = 0; j < b->nr; j++)
			if (a->v[i] == b->v[j])
				return a->v[i];
	return 0;
}

/**
 * lvup_plan() - which version each handler will write
 * @from: What the side handing over has.
 * @next: What the next side reads.
 * @plan: Filled, one entry per handler of @from, sorted by name.
 *
 * A compatible without "-v<N>" is its own handler, of version 0, and is
 * matched only by the same string.
 *
 * Return: 0, or -1 when out of memory.
 */
int lvup_plan(const struct lvup_list *from, const struct lvup_list *next,
	      struct lvup_plan *plan)
{
	char base[LVUP_ENTRY_SIZE];
	struct lvup_handler *h;
	unsigned int v;
	size_t i;

	for (i = 0; i < from->nr; i++) {
		lvup_split(from->entry[i], base, &v);
		h = lvup_handler(plan, base, 1);
		if (!h || lvup_versions_add(&h->writes, v))
			return -1;
	}
	for (i = 0; i < next->nr; i++) {
		lvup_split(next->entry[i], base, &v);
		h = lvup_handler(plan, base, 0);
		if (h && lvup_versions_add(&h->reads, v))
			return -1;
	}
	for (i = 0; i < plan->nr; i++) {
		h = &plan->h[i];
		/* Version 0 (unversioned) counts as present when shared. */
		h->use = lvup_newest_common(&h->writes, &h->reads);
		if (!h->use && !(h->writes.nr && h->writes.v[h->writes.nr - 1] == 0 &&
				 h->reads.nr && h->reads.v[h->reads.nr - 1] == 0))
			plan->missing++;
	}
	return 0;
}

void lvup_plan_free(struct lvup_plan *plan)
{
	size_t i;

	for (i = 0; i < plan->nr; i++) {
		free(plan->h[i].writes.v);
		free(plan->h[i].reads.v);
	}
	free(plan->h);
	memset(plan, 0, sizeof(*plan));
}
