/*
 * keyset.c: a set of 64-bit hashes with the row each was first seen on,
 * for unique, primary-key, foreign-key and duplicate-row.  Keys are hashes
 * of the values, not the values, so memory is 16 bytes a slot whatever
 * the values are (a 64-bit hash makes a false repeat about one chance in
 * 10^5 on ten million keys; govkit-schema(5) says so).  Key and row share
 * a slot so an insert costs one cache miss, and keyset_prefetch lets the
 * caller start that miss early.  The table's size is not rounded up to
 * a power of two (a key's home slot is the high half of key * cap): a
 * reserved set is 10/7 of its keys, not up to twice that (268 MB become
 * 199 MB for the 8.7 million rows of a 1 GB file).
 *
 * The name index below is the other hash table of gov-check: few entries
 * (a header's columns), but looked up once a cell for JSON Lines.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"

#define KEYSET_INITIAL 1024
/* Grow when more than 7/10 full. */
#define KEYSET_LOAD_NUM 7
#define KEYSET_LOAD_DEN 10

void
keyset_init(struct keyset *s)
{
	memset(s, 0, sizeof *s);
}

void
keyset_release(struct keyset *s)
{
	gk_table_free(s->slots, s->cap, sizeof *s->slots);
	memset(s, 0, sizeof *s);
}

static inline size_t
next_slot(size_t j, size_t cap)
{
	return j + 1 == cap ? 0 : j + 1;
}

static void
grow_to(struct keyset *s, size_t ncap)
{
	struct keyslot *ns = gk_table_alloc(ncap, sizeof *ns);

	for (size_t i = 0; i < s->cap; i++) {
		size_t j;
		if (!s->slots[i].key)
			continue;
		j = keyset_home(s->slots[i].key, ncap);
		while (ns[j].key)
			j = next_slot(j, ncap);
		ns[j] = s->slots[i];
	}
	gk_table_free(s->slots, s->cap, sizeof *s->slots);
	s->slots = ns;
	s->cap = ncap;
}

static void
grow(struct keyset *s)
{
	grow_to(s, s->cap ? s->cap * 2 : KEYSET_INITIAL);
}

void
keyset_reserve(struct keyset *s, size_t n)
{
	/* the least size that holds n keys below the load limit */
	size_t cap = n / KEYSET_LOAD_NUM * KEYSET_LOAD_DEN + KEYSET_LOAD_DEN;

	if (cap < KEYSET_INITIAL)
		cap = KEYSET_INITIAL;
	if (cap > s->cap)
		grow_to(s, cap);
}

long
keyset_put(struct keyset *s, uint64_t key, long row)
{
	size_t j;

	if (!key)
		key = 1;
	if ((s->n + 1) * KEYSET_LOAD_DEN > s->cap * KEYSET_LOAD_NUM)
		grow(s);
	j = keyset_home(key, s->cap);
	while (s->slots[j].key) {
		if (s->slots[j].key == key)
			return (long)s->slots[j].row;
		j = next_slot(j, s->cap);
	}
	s->slots[j].key = key;
	s->slots[j].row = row > (long)UINT32_MAX ? UINT32_MAX : (uint32_t)row;
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
	j = keyset_home(key, s->cap);
	while (s->slots[j].key) {
		if (s->slots[j].key == key)
			return true;
		j = next_slot(j, s->cap);
	}
	return false;
}

/* ---------------------------------------------------------------- */
/* names                                                             */
/* ---------------------------------------------------------------- */

#define NAMEIDX_INITIAL 64
#define NAMEIDX_SEED 0x6e616d65ull

void
nameidx_init(struct nameidx *x)
{
	memset(x, 0, sizeof *x);
}

void
nameidx_release(struct nameidx *x)
{
	free(x->slots);
	memset(x, 0, sizeof *x);
}

static void
nameidx_insert(struct nameslot *slots, size_t cap, struct nameslot e)
{
	size_t j = (size_t)e.hash & (cap - 1);

	while (slots[j].pos)
		j = (j + 1) & (cap - 1);
	slots[j] = e;
}

long
nameidx_find(const struct nameidx *x, const char *const *names,
	     const char *name, size_t len)
{
	uint64_t h;
	size_t j;

	if (!x->cap)
		return -1;
	h = gk_hash(name, len, NAMEIDX_SEED);
	j = (size_t)h & (x->cap - 1);
	for (; x->slots[j].pos; j = (j + 1) & (x->cap - 1)) {
		const char *s = names[x->slots[j].pos - 1];
		if (x->slots[j].hash == h && strncmp(s, name, len) == 0 &&
		    !s[len])
			return (long)(x->slots[j].pos - 1);
	}
	return -1;
}

void
nameidx_add(struct nameidx *x, const char *const *names, size_t pos)
{
	struct nameslot e;

	if ((x->n + 1) * KEYSET_LOAD_DEN > x->cap * KEYSET_LOAD_NUM) {
		size_t ncap = x->cap ? x->cap * 2 : NAMEIDX_INITIAL;
		struct nameslot *ns = gk_xcalloc(ncap, sizeof *ns);
		for (size_t i = 0; i < x->cap; i++)
			if (x->slots[i].pos)
				nameidx_insert(ns, ncap, x->slots[i]);
		free(x->slots);
		x->slots = ns;
		x->cap = ncap;
	}
	e.hash = gk_hash(names[pos], strlen(names[pos]), NAMEIDX_SEED);
	e.pos = pos + 1;
	nameidx_insert(x->slots, x->cap, e);
	x->n++;
}
