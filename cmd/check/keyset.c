/*
 * keyset.c: a set of 64-bit hashes with the row each was first seen on,
 * for unique, primary-key, foreign-key and duplicate-row.  Keys are hashes
 * of the values, not the values, so memory is 12 bytes a slot whatever
 * the values are (a 64-bit hash makes a false repeat about one chance in
 * 10^7 on ten million keys; govkit-schema(5) says so).
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"

#define KEYSET_INITIAL 1024
/* Grow when more than 3/4 full. */
#define KEYSET_LOAD_NUM 3
#define KEYSET_LOAD_DEN 4

void
keyset_init(struct keyset *s)
{
	memset(s, 0, sizeof *s);
}

void
keyset_release(struct keyset *s)
{
	free(s->keys);
	free(s->rows);
	memset(s, 0, sizeof *s);
}

static void
grow(struct keyset *s)
{
	size_t ncap = s->cap ? s->cap * 2 : KEYSET_INITIAL;
	uint64_t *nk = gk_xcalloc(ncap, sizeof *nk);
	uint32_t *nr = gk_xmalloc(ncap * sizeof *nr);

	for (size_t i = 0; i < s->cap; i++) {
		size_t j;
		if (!s->keys[i])
			continue;
		j = (size_t)s->keys[i] & (ncap - 1);
		while (nk[j])
			j = (j + 1) & (ncap - 1);
		nk[j] = s->keys[i];
		nr[j] = s->rows[i];
	}
	free(s->keys);
	free(s->rows);
	s->keys = nk;
	s->rows = nr;
	s->cap = ncap;
}

long
keyset_put(struct keyset *s, uint64_t key, long row)
{
	size_t j;

	if (!key)
		key = 1;
	if ((s->n + 1) * KEYSET_LOAD_DEN > s->cap * KEYSET_LOAD_NUM)
		grow(s);
	j = (size_t)key & (s->cap - 1);
	while (s->keys[j]) {
		if (s->keys[j] == key)
			return s->rows[j];
		j = (j + 1) & (s->cap - 1);
	}
	s->keys[j] = key;
	s->rows[j] = row > (long)UINT32_MAX ? UINT32_MAX : (uint32_t)row;
	s->n++;
	return 0;
}

bool
keyset_has(const struct keyset *s, uint64_t key)
{
	size_t j;

	if (!key)
		key = 1;
	if (!s->cap)
		return false;
	j = (size_t)key & (s->cap - 1);
	while (s->keys[j]) {
		if (s->keys[j] == key)
			return true;
		j = (j + 1) & (s->cap - 1);
	}
	return false;
}
