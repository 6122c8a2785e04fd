/*
 * market.c: the lifetime of a market (every tender read, its bids and
 * what the analysis keeps), shared by gov-bid and its fuzz target.
 */
#include "bid.h"

#include <stdarg.h>

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

void
market_init(struct market *m, struct bid_conf *c)
{
	memset(m, 0, sizeof *m);
	m->conf = c;
	strtab_init(&m->bidders);
	strtab_init(&m->cats);
	strtab_init(&m->parties);
	strtab_init(&m->files);
	strtab_init(&m->currencies);
}

void
market_release(struct market *m)
{
	free(m->t);
	free(m->bids);
	free(m->hits);
	free(m->hitb);
	free(m->text.data);
	free(m->bname);
	free(m->bseen);
	free(m->bcons);
	free(m->cmem);
	strtab_release(&m->bidders);
	strtab_release(&m->cats);
	strtab_release(&m->parties);
	strtab_release(&m->files);
	strtab_release(&m->currencies);
	free(m->currency);
	free(m->r025);
	free(m->r038_t);
	free(m->r038_b);
	free(m->r038_p);
	free(m->c_flags_t);
	analysis_free(m->an);
	tender_scratch_free();
	memset(m, 0, sizeof *m);
}

/* The hash of tender i's id. */
static uint64_t
id_hash(const struct market *m, size_t i)
{
	const char *id = tender_id(m, &m->t[i]);

	return hash_bytes(id, strlen(id));
}

/*
 * The ids seen, in open addressing: a slot is a tender's index + 1 in
 * its low half (0: empty) and the high half of its id's hash in its high
 * half, 8 bytes where a u64map's slot is 16: 16 MB for a million ids,
 * each page's first touch a fault.  Half full at most.
 */
struct id_set {
	uint64_t *slot;
	size_t cap;
};

/* Ids looked up this many tenders after their slot is prefetched: each
 * lookup a cache miss. */
#define DUP_AHEAD 16

/* Whether id (hash h, tender i's) was seen, its first tender into
 * *first; if not, tender i added as its first. */
static bool
id_set_seen(struct id_set *set, const struct market *m, uint64_t h,
	    const char *id, size_t i, size_t *first)
{
	uint64_t high = h & ~(uint64_t)UINT32_MAX;
	size_t mask = set->cap - 1;

	for (size_t j = h & mask;; j = (j + 1) & mask) {
		uint64_t s = set->slot[j];
		if (!s) {
			set->slot[j] = high | (i + 1);
			return false;
		}
		*first = (uint32_t)s - 1;
		if ((s & ~(uint64_t)UINT32_MAX) == high &&
		    strcmp(tender_id(m, &m->t[*first]), id) == 0)
			return true;
	}
}

/*
 * A tender id given twice (the same export read twice, an update beside
 * the record it updates) is two tenders to the analysis: nothing is
 * dropped unseen, but the officer is told, with the line of each, so
 * that the counts across tenders and the case to explain are not taken
 * on trust.
 */
void
market_warn_duplicates(struct market *m)
{
	struct id_set set = {NULL, 16};
	struct gk_buf masked;
	uint64_t ahead[DUP_AHEAD];
	size_t n = m->nt < UINT32_MAX ? m->nt : UINT32_MAX;

	while (set.cap < 2 * n)
		set.cap *= 2;
	set.slot = gk_table_alloc(set.cap, sizeof *set.slot);
	buf_init(&masked);
	for (size_t i = 0; i < n && i < DUP_AHEAD; i++) {
		ahead[i] = id_hash(m, i);
		__builtin_prefetch(&set.slot[ahead[i] & (set.cap - 1)], 1);
	}
	for (size_t i = 0; i < n; i++) {
		const struct tender *t = &m->t[i], *first;
		const char *id = tender_id(m, t);
		uint64_t h = ahead[i % DUP_AHEAD];
		size_t f;

		if (i + DUP_AHEAD < n) {
			uint64_t next = id_hash(m, i + DUP_AHEAD);
			ahead[i % DUP_AHEAD] = next;
			__builtin_prefetch(&set.slot[next & (set.cap - 1)], 1);
		}
		if (!id_set_seen(&set, m, h, id, i, &f))
			continue;
		first = &m->t[f];
		/* the id masked as in every other warning (market_warn),
		 * the files' names as given */
		if (m->mask_warnings && mask_text_needed(id, strlen(id))) {
			buf_reset(&masked);
			mask_text(id, strlen(id), &masked);
			id = masked.data;
		}
		gk_warn("%s:%ld: tender '%s' again, first at %s:%ld: each is "
			"scored as a tender of its own",
			strtab_get(&m->files, t->file), t->line, id,
			strtab_get(&m->files, first->file), first->line);
		m->warnings++;
	}
	buf_release(&masked);
	gk_table_free(set.slot, set.cap, sizeof *set.slot);
}

/* Each NUL-terminated string of pool[0..len) made printable in place
 * (utf8_printable): a shorter one ends at its new NUL, so every offset
 * into the pool still finds its string. */
static void
pool_printable(char *pool, size_t len)
{
	for (size_t at = 0; at < len;) {
		size_t n = strlen(pool + at);

		utf8_printable(pool + at, n);
		at += n + 1;
	}
}

void
market_printable(struct market *m)
{
	struct strtab *tabs[] = {&m->bidders, &m->cats, &m->parties, &m->files,
				 &m->currencies};

	if (m->text.data)
		pool_printable(m->text.data, m->text.len);
	for (size_t i = 0; i < sizeof tabs / sizeof tabs[0]; i++)
		if (tabs[i]->pool)
			pool_printable(tabs[i]->pool, tabs[i]->len);
}

/* Each NUL-terminated string of pool[0..len) masked in place: mask_text
 * only turns digits into '*', so every string keeps its length. */
static void
pool_mask(char *pool, size_t len, struct gk_buf *tmp)
{
	for (size_t at = 0; at < len;) {
		size_t n = strlen(pool + at);

		if (mask_text_needed(pool + at, n)) {
			buf_reset(tmp);
			mask_text(pool + at, n, tmp);
			if (tmp->len == n)
				memcpy(pool + at, tmp->data, n);
		}
		at += n + 1;
	}
}

void
market_warn(struct market *m, const char *file, long line, const char *id,
	    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	market_vwarn(m, file, line, id, fmt, ap);
	va_end(ap);
}

void
market_vwarn(struct market *m, const char *file, long line, const char *id,
	     const char *fmt, va_list ap)
{
	struct gk_buf msg, masked;

	buf_init(&msg);
	buf_init(&masked);
	if (id)
		buf_printf(&msg, "tender '%s': ", id);
	buf_vprintf(&msg, fmt, ap);
	if (m->mask_warnings && mask_text_needed(msg.data, msg.len)) {
		mask_text(msg.data, msg.len, &masked);
		gk_warn("%s:%ld: %.*s", file, line, (int)masked.len,
			masked.data);
	} else {
		gk_warn("%s:%ld: %.*s", file, line, (int)msg.len, msg.data);
	}
	buf_release(&msg);
	buf_release(&masked);
	m->warnings++;
}

/* A text larger than this is masked in two halves, on two threads: the
 * million's strings took 23 ms on one, before any record is written. */
#define MASK_SPLIT_MIN (1 << 20)

struct pool_part {
	char *pool;
	size_t len;
};

static void *
pool_part_mask(void *arg)
{
	struct pool_part *p = arg;
	struct gk_buf tmp;

	buf_init(&tmp);
	pool_mask(p->pool, p->len, &tmp);
	buf_release(&tmp);
	return NULL;
}

void
market_mask(struct market *m)
{
	/* the files are the officer's own arguments: left as given */
	struct strtab *tabs[] = {&m->bidders, &m->cats, &m->parties,
				 &m->currencies};
	struct gk_buf tmp;
	struct pool_part second = {NULL, 0};
	size_t first = m->text.len;
	pthread_t th;
	bool apart = false;

	buf_init(&tmp);
	if (m->text.data && m->text.len > MASK_SPLIT_MIN) {
		/* the second half from the string after the middle */
		const char *nul = memchr(m->text.data + first / 2, '\0',
					 first - first / 2);
		if (nul) {
			first = (size_t)(nul - m->text.data) + 1;
			second = (struct pool_part){m->text.data + first,
						    m->text.len - first};
			apart = pthread_create(&th, NULL, pool_part_mask,
					       &second) == 0;
		}
		if (!apart)
			first = m->text.len;
	}
	if (m->text.data)
		pool_mask(m->text.data, first, &tmp);
	for (size_t i = 0; i < sizeof tabs / sizeof tabs[0]; i++)
		if (tabs[i]->pool)
			pool_mask(tabs[i]->pool, tabs[i]->len, &tmp);
	if (apart)
		pthread_join(th, NULL);
	buf_release(&tmp);
}
