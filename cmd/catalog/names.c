/*
 * names.c: a set of names, each with a number (an item's position, a
 * code's row), for the checks and the matching that would otherwise read
 * a list through for every name: an entry of 40,000 items, a file of
 * 40,000 entries, a demand of thousands of items.  Open addressing with
 * linear probing, at most half full.
 */
#include "catalog.h"

#include <stdlib.h>
#include <string.h>

#define NAMES_MIN_SLOTS 64
#define NAMES_SEED 0x6361742d6e616d65ULL

void
cat_names_init(struct cat_names *m)
{
	memset(m, 0, sizeof *m);
}

void
cat_names_release(struct cat_names *m)
{
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof *m);
}

/* The slot holding s, or the empty one where it would go. */
static size_t
slot_of(const char *const *keys, size_t cap, const char *s)
{
	size_t j = (size_t)gk_hash(s, strlen(s), NAMES_SEED) & (cap - 1);

	while (keys[j] && strcmp(keys[j], s) != 0)
		j = (j + 1) & (cap - 1);
	return j;
}

bool
cat_names_find(const struct cat_names *m, const char *s, long *val)
{
	size_t j;

	if (!m->cap || !s)
		return false;
	j = slot_of(m->keys, m->cap, s);
	if (!m->keys[j])
		return false;
	if (val)
		*val = m->vals[j];
	return true;
}

bool
cat_names_put(struct cat_names *m, const char *s, long val)
{
	size_t j;

	if (2 * (m->n + 1) > m->cap) {
		size_t cap = m->cap ? 2 * m->cap : NAMES_MIN_SLOTS;
		const char **keys = gk_xcalloc(cap, sizeof *keys);
		long *vals = gk_xcalloc(cap, sizeof *vals);

		for (size_t i = 0; i < m->cap; i++)
			if (m->keys[i]) {
				j = slot_of(keys, cap, m->keys[i]);
				keys[j] = m->keys[i];
				vals[j] = m->vals[i];
			}
		free(m->keys);
		free(m->vals);
		m->keys = keys;
		m->vals = vals;
		m->cap = cap;
	}
	j = slot_of(m->keys, m->cap, s);
	if (m->keys[j])
		return false;
	m->keys[j] = s;
	m->vals[j] = val;
	m->n++;
	return true;
}
