/*
 * util.c: gov-bid's containers: interned strings, a u64 hash map, a
 * string pool.  Open addressing with linear probing; the string table
 * doubles at half load, the u64 map at three quarters (its 16-byte slots
 * are four to a cache line, so a longer probe seldom costs another miss,
 * and on a large market its two maps are most of the memory).
 */
#include "bid.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define STRTAB_SLOTS0 1024u
#define U64MAP_CAP0 1024u

uint64_t
hash_bytes(const void *p, size_t n)
{
	/* eight bytes a step; the tail zero-extended, read a byte at a time,
	 * never past the end; the length, then splitmix64's finaliser */
	const unsigned char *s = p;
	uint64_t h = HASH_SEED, w;
	size_t len = n;

	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = hash_word(h, w);
	}
	if (n) {
		w = 0;
		for (size_t i = 0; i < n; i++)
			w |= (uint64_t)s[i] << (8 * i);
		h = hash_word(h, w);
	}
	return mix64(h ^ len);
}

uint32_t
key_hash_bytes(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	uint64_t x = n * HASH_SEED, w = 0;
	size_t i = 0;

	for (; i + 8 < n; i += 8) {
		memcpy(&w, u + i, 8);
		x = key_hash_word(x, w);
	}
	/* the last 1..8 bytes zero-extended, read a byte at a time */
	w = 0;
	for (size_t k = 0; i + k < n; k++)
		w |= (uint64_t)u[i + k] << (8 * k);
	return key_hash_last(x, w);
}

/* The pages of populate_ahead's arrays are faulted in blocks this size. */
#define POPULATE_BYTES ((uintptr_t)64 << 10)

/*
 * The market's arrays written once, in order, into fresh memory (the
 * tenders, 168 bytes each, the bids, 16 bytes, the hits, the text pool,
 * the interned strings)
 * took a page fault every few dozen tenders, about 80,000 on the
 * million, each a trap into the kernel.  When the elements p[0..n) being
 * written (below end, the array's capacity) enter a new block, the block
 * after it is faulted in at once, by one call (MADV_POPULATE_WRITE, Linux
 * 5.14; elsewhere, or refused, the pages fault one by one as before).
 * Blocks of 64 KiB: 256 KiB did no better, and a 2 MiB huge page
 * (MADV_HUGEPAGE) did worse, its zeroing sweeping the caches.
 */
void
populate_ahead(const void *p, size_t n, const void *end)
{
#if defined(MADV_POPULATE_WRITE)
	const uintptr_t block = ~(POPULATE_BYTES - 1);
	/* the block of the byte before p (the last written) and of p's last */
	uintptr_t before = ((uintptr_t)p - 1) & block;
	uintptr_t last = ((uintptr_t)p + n - 1) & block, e = (uintptr_t)end;
	if (n == 0 || before == last)
		return;
	uintptr_t from = last + POPULATE_BYTES, to = from + POPULATE_BYTES;
	if (to <= e)
		madvise((void *)from, to - from, MADV_POPULATE_WRITE);
#else
	(void)p;
	(void)n;
	(void)end;
#endif
}

uint64_t
pool_add(struct pool *p, const char *s, size_t n)
{
	uint64_t off;

	if (p->len + n + 1 > p->cap) {
		size_t cap = p->cap ? p->cap : 4096;
		while (cap < p->len + n + 1)
			cap *= 2;
		p->data = gk_xrealloc(p->data, cap);
		p->cap = cap;
	}
	off = p->len;
	populate_ahead(p->data + p->len, n + 1, p->data + p->cap);
	memcpy(p->data + p->len, s, n);
	p->data[p->len + n] = '\0';
	p->len += n + 1;
	return off;
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

void
u32_insertion_sort(uint32_t *v, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		uint32_t x = v[i];
		size_t j = i;
		while (j > 0 && v[j - 1] > x) {
			v[j] = v[j - 1];
			j--;
		}
		v[j] = x;
	}
}

/* A comparator of a sorting network: *a <= *b after, branch-free (a
 * branch on ids would be mispredicted about every other time). */
static inline void
order2(uint32_t *a, uint32_t *b)
{
	uint32_t x = *a, y = *b;

	*a = x < y ? x : y;
	*b = x < y ? y : x;
}

/* x[0..8) sorted by an optimal network of 19 comparators, in six
 * rounds. */
static inline void
sort8(uint32_t *x)
{
	order2(&x[0], &x[2]);
	order2(&x[1], &x[3]);
	order2(&x[4], &x[6]);
	order2(&x[5], &x[7]);

	order2(&x[0], &x[4]);
	order2(&x[1], &x[5]);
	order2(&x[2], &x[6]);
	order2(&x[3], &x[7]);

	order2(&x[0], &x[1]);
	order2(&x[2], &x[3]);
	order2(&x[4], &x[5]);
	order2(&x[6], &x[7]);

	order2(&x[2], &x[4]);
	order2(&x[3], &x[5]);

	order2(&x[1], &x[4]);
	order2(&x[3], &x[6]);

	order2(&x[1], &x[2]);
	order2(&x[3], &x[4]);
	order2(&x[5], &x[6]);
}

/* Sorting n <= 16 ids: each eight of them by the network (the last
 * eight filled up with UINT32_MAX, above every id), then the two
 * merged. */
#define SORT_SMALL_MAX 16

static void
sort_small(uint32_t *v, size_t n)
{
	uint32_t x[8], y[9];

	if (n <= 8) {
		for (size_t i = 0; i < 8; i++)
			x[i] = i < n ? v[i] : UINT32_MAX;
		sort8(x);
		memcpy(v, x, n * sizeof *v);
		return;
	}
	memcpy(x, v, sizeof x);
	for (size_t i = 0; i < 8; i++)
		y[i] = i + 8 < n ? v[i + 8] : UINT32_MAX;
	y[8] = UINT32_MAX; /* where the merge stops taking from y */
	sort8(x);
	sort8(y);
	for (size_t k = 0, i = 0, j = 0; k < n; k++) {
		bool first = i < 8 && x[i] <= y[j];
		v[k] = first ? x[i] : y[j];
		i += first;
		j += !first;
	}
}

size_t
ids_sort_unique(uint32_t *v, size_t n)
{
	size_t w = 1;

	if (n == 0)
		return 0;
	if (n <= SORT_SMALL_MAX) {
#ifdef GOVKIT_SELF_CHECK
		/* the network against the insertion sort it replaced */
		uint32_t want[SORT_SMALL_MAX];
		memcpy(want, v, n * sizeof *v);
		u32_insertion_sort(want, n);
#endif
		sort_small(v, n); /* a tender's few bidders */
#ifdef GOVKIT_SELF_CHECK
		if (memcmp(want, v, n * sizeof *v) != 0)
			abort();
#endif
	} else if (n <= 32)
		u32_insertion_sort(v, n);
	else
		qsort(v, n, sizeof *v, cmp_u32);
	for (size_t i = 1; i < n; i++) {
		uint32_t x = v[i];
		v[w] = x;
		w += x != v[w - 1];
	}
	return w;
}

void
strtab_init(struct strtab *t)
{
	memset(t, 0, sizeof *t);
	t->nslots = STRTAB_SLOTS0;
	t->slots = gk_table_alloc(t->nslots, sizeof *t->slots);
}

void
strtab_release(struct strtab *t)
{
	free(t->pool);
	free(t->offs);
	gk_table_free(t->slots, t->nslots, sizeof *t->slots);
	memset(t, 0, sizeof *t);
}

void
strtab_prefetch(const struct strtab *t, uint64_t h)
{
	uint32_t mask = t->nslots - 1, i = (uint32_t)h & mask;

	/* and the slot after: a lookup goes on to it often (the table is up
	 * to half full), a cache line of its own when the home slot ends
	 * one */
	if (t->nslots) {
		__builtin_prefetch(&t->slots[i]);
		__builtin_prefetch(&t->slots[(i + 1) & mask]);
	}
}

/* Are the first n bytes of a and b the same, n < STRTAB_HEAD?  By words
 * that stay within both (the last overlapping the one before), inline:
 * libc's memcmp reads so few bytes as 32 under a mask, reaching past a
 * slot's head into the next slot, and its load stalled (in perf, an
 * eighth of the main thread's load time on the bench market). */
static inline bool
head_same(const char *a, const char *b, size_t n)
{
	uint64_t x, y, d = 0;

	if (n < 8) {
		for (size_t i = 0; i < n; i++)
			d |= (uint64_t)(unsigned char)(a[i] ^ b[i]);
		return d == 0;
	}
	for (size_t i = 0; i + 8 <= n; i += 8) {
		memcpy(&x, a + i, 8);
		memcpy(&y, b + i, 8);
		d |= x ^ y;
	}
	memcpy(&x, a + n - 8, 8);
	memcpy(&y, b + n - 8, 8);
	return (d | (x ^ y)) == 0;
}

/* Is the string of slot x s[0..n)?  A string shorter than the head is
 * all there; a longer one is compared in the pool. */
static bool
slot_is(const struct strtab *t, const struct strslot *x, const char *s,
	size_t n)
{
	if (n < STRTAB_HEAD)
		return head_same(x->head, s, n) && x->head[n] == '\0';
	if (memcmp(x->head, s, STRTAB_HEAD) != 0)
		return false;
	const char *full = t->pool + t->offs[x->id1 - 1];
	return memcmp(full, s, n) == 0 && full[n] == '\0';
}

/* inline: the probe of every bidder of every bid, its call a fair
 * share of its cost */
static inline __attribute__((always_inline)) uint32_t
strtab_slot(const struct strtab *t, const char *s, size_t n, uint64_t h)
{
	uint32_t mask = t->nslots - 1;
	uint32_t i = (uint32_t)h & mask;

	for (;;) {
		const struct strslot *x = &t->slots[i];
		if (x->id1 == 0 || (x->hash == h && slot_is(t, x, s, n)))
			return i;
		i = (i + 1) & mask;
	}
}

static void
strtab_grow(struct strtab *t)
{
	uint32_t ns = t->nslots * 2;
	struct strslot *slots = gk_table_alloc(ns, sizeof *slots);
	uint32_t mask = ns - 1;

	for (uint32_t j = 0; j < t->nslots; j++) {
		const struct strslot *x = &t->slots[j];
		uint32_t i = (uint32_t)x->hash & mask;
		if (x->id1 == 0)
			continue;
		while (slots[i].id1)
			i = (i + 1) & mask;
		slots[i] = *x;
	}
	gk_table_free(t->slots, t->nslots, sizeof *t->slots);
	t->slots = slots;
	t->nslots = ns;
}

uint32_t
strtab_find(const struct strtab *t, const char *s, size_t n)
{
	uint32_t i = strtab_slot(t, s, n, hash_bytes(s, n));
	return t->slots[i].id1 ? t->slots[i].id1 - 1 : UINT32_MAX;
}

uint32_t
strtab_intern(struct strtab *t, const char *s, size_t n)
{
	return strtab_intern_hashed(t, s, n, hash_bytes(s, n));
}

uint32_t
strtab_intern_hashed(struct strtab *t, const char *s, size_t n, uint64_t h)
{
	uint32_t i = strtab_slot(t, s, n, h);
	struct strslot *x = &t->slots[i];

	if (x->id1)
		return x->id1 - 1;
	if (t->n == t->capn) {
		t->capn = t->capn ? t->capn * 2 : 256;
		t->offs = gk_xrealloc(t->offs, t->capn * sizeof *t->offs);
	}
	if (t->len + n + 1 > t->cap) {
		size_t cap = t->cap ? t->cap : 4096;
		while (cap < t->len + n + 1)
			cap *= 2;
		t->pool = gk_xrealloc(t->pool, cap);
		t->cap = cap;
	}
	populate_ahead(t->pool + t->len, n + 1, t->pool + t->cap);
	populate_ahead(t->offs + t->n, sizeof *t->offs, t->offs + t->capn);
	memcpy(t->pool + t->len, s, n);
	t->pool[t->len + n] = '\0';
	t->offs[t->n] = t->len;
	t->len += n + 1;
	x->hash = h;
	x->id1 = t->n + 1;
	memset(x->head, 0, sizeof x->head);
	memcpy(x->head, s, n < STRTAB_HEAD ? n : STRTAB_HEAD);
	t->n++;
	if ((uint64_t)t->n * 2 > t->nslots)
		strtab_grow(t);
	return t->n - 1;
}

void
u64map_init(struct u64map *m, size_t hint)
{
	size_t cap = U64MAP_CAP0;
	/* hint keys and one more before it grows (three quarters full) */
	while ((cap / 4) * 3 < hint + 1)
		cap *= 2;
	m->cap = cap;
	m->n = 0;
	m->slots = gk_table_alloc(cap, sizeof *m->slots);
}

void
u64map_release(struct u64map *m)
{
	gk_table_free(m->slots, m->cap, sizeof *m->slots);
	memset(m, 0, sizeof *m);
}

static void
u64map_grow(struct u64map *m)
{
	size_t cap = m->cap * 2, mask = cap - 1;
	struct u64slot *slots = gk_table_alloc(cap, sizeof *slots);

	for (size_t i = 0; i < m->cap; i++) {
		if (!m->slots[i].key)
			continue;
		size_t j = mix64(m->slots[i].key) & mask;
		while (slots[j].key)
			j = (j + 1) & mask;
		slots[j] = m->slots[i];
	}
	gk_table_free(m->slots, m->cap, sizeof *m->slots);
	m->slots = slots;
	m->cap = cap;
}

uint32_t *
u64map_get(struct u64map *m, uint64_t key)
{
	size_t mask, i;

	if ((m->n + 1) * 4 > m->cap * 3) /* three quarters full */
		u64map_grow(m);
	mask = m->cap - 1;
	i = mix64(key) & mask;
	while (m->slots[i].key && m->slots[i].key != key)
		i = (i + 1) & mask;
	if (!m->slots[i].key) {
		m->slots[i].key = key;
		m->n++;
	}
	return m->slots[i].v;
}

void
u64map_prefetch(const struct u64map *m, uint64_t key)
{
	__builtin_prefetch(&m->slots[mix64(key) & (m->cap - 1)], 1);
}

uint32_t *
u64map_find(const struct u64map *m, uint64_t key)
{
	size_t mask, i;

	if (!m->cap)
		return NULL;
	mask = m->cap - 1;
	i = mix64(key) & mask;
	while (m->slots[i].key) {
		if (m->slots[i].key == key)
			return m->slots[i].v;
		i = (i + 1) & mask;
	}
	return NULL;
}
