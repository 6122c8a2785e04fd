/*
 * cardinal.c: the Open Contracting Partnership's Cardinal indicators that
 * need only bid data (R018 R024 R025 R028 R035 R036 R038 R058), computed
 * the way Cardinal computes them (cardinal-rs, src/indicators/), with its
 * default settings; so `--from ocds` flags what Cardinal flags.  Quartiles
 * are Hyndman and Fan's type 8, as Cardinal's statrs computes them.
 */
#include "bid.h"

#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define TUKEY_K 1.5 /* Cardinal's fences: Q1 - 1.5 IQR, Q3 + 1.5 IQR */

void
cresult_release(struct cresult *cr)
{
	free(cr->r028_b);
	free(cr->r036_b);
	memset(cr, 0, sizeof *cr);
}

static const struct crelease *cur_release;

/* Zeroed scratch for folding one release: the record's parser arena
 * (fj_alloc), released with the record by the loader. */
static void *
scratch(size_t n, size_t size)
{
	void *p = fj_alloc(n * size);
	memset(p, 0, n * size);
	return p;
}

static uint32_t
party_id(struct market *m, const char *s)
{
	const struct crelease *r = cur_release;

	/* govkit input: the bidders of this tender are interned already */
	if (r)
		for (size_t i = 0; i < r->nknown; i++)
			if (r->known[i] == s)
				return r->known_id[i];
	return strtab_intern(&m->bidders, s, strlen(s));
}

/* The party of bid i's one tenderer: a govkit record's bidders are
 * interned already, its bids in the order of known. */
static inline uint32_t
bid_party(struct market *m, const struct crelease *r, size_t i)
{
	if (r->known_id && i < r->nknown && r->b[i].tend[0] == r->known[i])
		return r->known_id[i];
	return party_id(m, r->b[i].tend[0]);
}

/* Is bid i's one tenderer the supplier sup?  For govkit input by id
 * (sup_id, from supplier_id()), else by text. */
static bool
tenderer_is(struct market *m, const struct crelease *r, size_t i,
	    const char *sup, uint32_t sup_id)
{
	if (r->known_id)
		return bid_party(m, r, i) == sup_id;
	return strcmp(r->b[i].tend[0], sup) == 0;
}

static uint32_t
supplier_id(struct market *m, const struct crelease *r, const char *sup)
{
	return r->known_id ? party_id(m, sup) : UINT32_MAX;
}

/* Per-bidder tables past this size are asked for in 2 MiB pages. */
#define FRAC_HUGE_BYTES ((size_t)4 << 20)

/*
 * A table of the bidders, read at random by each bid: in 2 MiB pages
 * where the kernel gives them (THP "madvise"), so that its entries' TLB
 * misses stop (a million tenders' bidders take 8 MB a table).  The advice
 * covers the whole block malloc gave (its own mapping, for one this
 * large): on a part it would split the mapping, and realloc could no
 * longer grow it with mremap, but copied it.
 */
static void
frac_advise_huge(void *p, size_t bytes)
{
#if defined(MADV_HUGEPAGE) && defined(__GLIBC__)
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
	uintptr_t from = (uintptr_t)p & ~(page - 1);
	uintptr_t to =
		((uintptr_t)p + malloc_usable_size(p) + page - 1) & ~(page - 1);

	if (bytes >= FRAC_HUGE_BYTES)
		madvise((void *)from, to - from, MADV_HUGEPAGE);
#else
	(void)p;
	(void)bytes;
#endif
}

static void
grow_frac_to(struct frac **a, size_t *cap, size_t need)
{
	size_t n = *cap ? *cap : 1024;
	while (n < need)
		n *= 2;
	*a = gk_xrealloc(*a, n * sizeof **a);
	frac_advise_huge(*a, n * sizeof **a);
	memset(*a + *cap, 0, (n - *cap) * sizeof **a);
	*cap = n;
}

/* *a holds at least need entries: checked for every count, grown seldom */
static inline void
grow_frac(struct frac **a, size_t *cap, size_t need)
{
	if (need > *cap)
		grow_frac_to(a, cap, need);
}

/*
 * The per-bidder tables outgrow the caches on a large market, and a
 * tender's bidders are scattered over them: a count is queued with its
 * entry prefetched and made FRAC_AHEAD counts later, so that the misses
 * overlap (the order of the counts does not matter).
 */
#define FRAC_AHEAD \
	(sizeof((struct market *)0)->frac_queue / \
	 sizeof((struct market *)0)->frac_queue[0])

static void
frac_apply(const struct frac_add *a)
{
	struct frac *f = &(*a->table)[a->id];
	f->num += a->num;
	f->den += 1;
}

/* One more bid of party id in *table (grown already), num of them
 * counting. */
static inline void
frac_count(struct market *m, struct frac **table, uint32_t id, uint32_t num)
{
	struct frac_add *slot = &m->frac_queue[m->frac_queued++ % FRAC_AHEAD];

	if (m->frac_queued > FRAC_AHEAD)
		frac_apply(slot);
	slot->table = table;
	slot->id = id;
	slot->num = num;
	__builtin_prefetch(&(*table)[id], 1);
}

void
cardinal_flush(struct market *m)
{
	size_t n = m->frac_queued < FRAC_AHEAD ? m->frac_queued : FRAC_AHEAD;

	for (size_t i = m->frac_queued - n; i < m->frac_queued; i++)
		frac_apply(&m->frac_queue[i % FRAC_AHEAD]);
	m->frac_queued = 0;
}

static void
grow_flags(struct market *m, size_t need)
{
	if (need <= m->capcflags)
		return;
	size_t n = m->capcflags ? m->capcflags : 1024;
	while (n < need)
		n *= 2;
	m->c_flags_t = gk_xrealloc(m->c_flags_t, n);
	memset(m->c_flags_t + m->capcflags, 0, n - m->capcflags);
	m->capcflags = n;
}

static void
flag_tenderer(struct market *m, uint32_t id, uint8_t f)
{
	grow_flags(m, (size_t)id + 1);
	m->c_flags_t[id] |= f;
}

/* Cardinal's one currency for price indicators: configured, or the
 * first one seen.  Bids in another are skipped (and counted). */
static bool
currency_ok(struct market *m, const char *cur)
{
	if (!m->currency)
		m->currency =
			gk_xstrdup(m->conf->currency ? m->conf->currency : cur);
	return strcmp(cur, m->currency) == 0;
}

/* currency_ok of the bids of one release, whose currency is mostly one
 * string: compared once.  A release's strings stay put while it is
 * folded, so the same pointer is the same text. */
struct currency_memo {
	const char *cur;
	bool ok;
};

static bool
currency_ok_memo(struct market *m, struct currency_memo *memo, const char *cur)
{
	if (cur != memo->cur) {
		memo->ok = currency_ok(m, cur);
		memo->cur = cur;
	}
	return memo->ok;
}

static bool
submitted(const struct cbid *b)
{
	return b->st != CS_NONE && b->st != CS_INVITED && b->st != CS_WITHDRAWN;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Sort ids; insertion sort for the usual handful (qsort allocates). */
static void
sort_ids(const char **v, size_t n)
{
	if (n > 32) {
		qsort(v, n, sizeof *v, cmp_str);
		return;
	}
	for (size_t i = 1; i < n; i++) {
		const char *x = v[i];
		size_t j = i;
		while (j > 0 && strcmp(x, v[j - 1]) < 0) {
			v[j] = v[j - 1];
			j--;
		}
		v[j] = x;
	}
}

/* Sorted distinct string ids of a bid's tenderers into out; count. */
static size_t
id_set(const struct cbid *b, const char **out)
{
	size_t k = 0;

	for (size_t i = 0; i < b->ntend; i++)
		if (b->tend[i])
			out[k++] = b->tend[i];
	sort_ids(out, k);
	size_t w = 0;
	for (size_t i = 0; i < k; i++)
		if (w == 0 || strcmp(out[w - 1], out[i]) != 0)
			out[w++] = out[i];
	return w;
}

/* id added to the set ids[0..*n), once. */
static void
id_set_add(uint32_t **ids, size_t *n, size_t *cap, uint32_t id)
{
	for (size_t j = 0; j < *n; j++)
		if ((*ids)[j] == id)
			return;
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		*ids = gk_xrealloc(*ids, *cap * sizeof **ids);
	}
	(*ids)[(*n)++] = id;
}

static void
add_r028_id(struct market *m, struct cresult *cr, uint32_t id)
{
	flag_tenderer(m, id, CF_R028);
	id_set_add(&cr->r028_b, &cr->nr028, &cr->capr028, id);
}

static void
add_r028(struct market *m, struct cresult *cr, const char **ids, size_t n)
{
	for (size_t i = 0; i < n; i++)
		add_r028_id(m, cr, party_id(m, ids[i]));
}

/* A slot of the price index of fold_r028. */
static size_t
price_slot(double amount, size_t mask)
{
	uint64_t bits;

	amount = amount == 0 ? 0 : amount; /* -0 is 0 */
	memcpy(&bits, &amount, sizeof bits);
	return (size_t)(bits * 0x9E3779B97F4A7C15u >> 32) & mask;
}

static void
fold_r028(struct market *m, const struct crelease *r, struct cresult *cr)
{
	/* (amount, currency) -> the last id set seen at that price */
	size_t n = 0;
	struct seen {
		double amount;
		const char *cur;
		const char **ids;
		size_t nids;
	} *seen = scratch(r->nb + 1, sizeof *seen);
	/* index + 1 of the seen[] of an amount, by price_slot(): linear in
	 * the bids of a tender of thousands; slots collide by amount, then
	 * by currency */
	size_t mask = 1, *slot;
	while (mask + 1 < 2 * r->nb)
		mask = mask * 2 + 1;
	slot = scratch(mask + 1, sizeof *slot);

	for (size_t i = 0; i < r->nb; i++) {
		const struct cbid *b = &r->b[i];
		const char **ids;
		size_t nids, j;

		if (!submitted(b) || !b->has_tenderers || !b->has_amount ||
		    !b->currency)
			continue;
		if (b->ntend == 1 && b->tend[0]) {
			/* the set of one, sorted already: the bid's own */
			ids = b->tend;
			nids = 1;
		} else {
			ids = scratch(b->ntend + 1, sizeof *ids);
			nids = id_set(b, ids);
		}
		if (nids == 0)
			continue;
		size_t s = price_slot(b->amount, mask);
		for (; slot[s]; s = (s + 1) & mask) {
			j = slot[s] - 1;
			if (seen[j].amount == b->amount &&
			    strcmp(seen[j].cur, b->currency) == 0)
				break;
		}
		if (!slot[s]) {
			slot[s] = n + 1;
			j = n;
		}
		if (j < n) {
			bool same = seen[j].nids == nids;
			for (size_t k = 0; same && k < nids; k++)
				same = strcmp(seen[j].ids[k], ids[k]) == 0;
			if (!same) {
				cr->r028 = true;
				add_r028(m, cr, ids, nids);
				add_r028(m, cr, seen[j].ids, seen[j].nids);
			}
		} else {
			j = n++;
		}
		seen[j].amount = b->amount;
		seen[j].cur = b->currency;
		seen[j].ids = ids;
		seen[j].nids = nids;
	}
}

static bool
single_award(const struct crelease *r)
{
	return r->has_awards && r->has_details && r->awards_final &&
	       r->ncomplete == 1 && r->sup1_ok && r->nsup1 == 1 && r->sup1[0];
}

static void
fold_ratio(struct market *m, const struct crelease *r, struct cresult *cr)
{
	const char *sup, *second = NULL, *winner = NULL;
	double w = NAN, l = NAN;
	struct currency_memo memo = {NULL, false};

	if (!single_award(r))
		return;
	sup = r->sup1[0];
	uint32_t sup_id = supplier_id(m, r, sup);
	for (size_t i = 0; i < r->nb; i++) {
		const struct cbid *b = &r->b[i];
		if (b->st != CS_VALID || !b->has_amount || !b->currency ||
		    b->ntend != 1 || !b->tend[0])
			continue;
		if (!currency_ok_memo(m, &memo, b->currency)) {
			m->warnings += 0; /* reported by the loader */
			continue;
		}
		if (tenderer_is(m, r, i, sup, sup_id)) {
			if (isnan(w) || b->amount < w) {
				w = b->amount;
				winner = b->tend[0];
			}
		} else if (isnan(l) || b->amount < l) {
			l = b->amount;
			second = b->tend[0];
		}
	}
	if (winner && second && l >= w) {
		cr->ratio = (l - w) / w;
		cr->winner = (int32_t)party_id(m, winner);
		cr->second = (int32_t)party_id(m, second);
	}
}

/* Below this many ids a repeat is looked for among those kept. */
#define UNIQUE_LINEAR 16

/* ids[0..n) without repeats, in any order (they are counted); how many
 * are left. */
static size_t
ids_unique(uint32_t *ids, size_t n)
{
	size_t w = 0;

	if (n > UNIQUE_LINEAR)
		return ids_sort_unique(ids, n);
	for (size_t i = 0; i < n; i++) {
		size_t j = 0;
		while (j < w && ids[j] != ids[i])
			j++;
		if (j == w)
			ids[w++] = ids[i];
	}
	return w;
}

/* fold_r025 for govkit input: the valid tenderers' ids, deduplicated as
 * numbers (each party counts once a tender, in any order). */
static void
fold_r025_known(struct market *m, const struct crelease *r, const char *sup)
{
	uint32_t sup_id = party_id(m, sup),
		 *ids = scratch(r->nb + 1, sizeof *ids);
	size_t k = 0;

	for (size_t i = 0; i < r->nb; i++) {
		const struct cbid *b = &r->b[i];
		if (b->st == CS_VALID && b->has_tenderers && b->ntend == 1 &&
		    b->tend[0])
			ids[k++] = bid_party(m, r, i);
	}
	k = ids_unique(ids, k);
	for (size_t i = 0; i < k; i++) {
		grow_frac(&m->r025, &m->capr025, (size_t)ids[i] + 1);
		frac_count(m, &m->r025, ids[i], ids[i] == sup_id);
	}
}

static void
fold_r025(struct market *m, const struct crelease *r)
{
	const char *sup;
	const char **ids;
	size_t k = 0;

	if (!single_award(r))
		return;
	sup = r->sup1[0];
	if (r->known_id) {
		fold_r025_known(m, r, sup);
		return;
	}
	ids = scratch(r->nb + 1, sizeof *ids);
	for (size_t i = 0; i < r->nb; i++) {
		const struct cbid *b = &r->b[i];
		if (b->st == CS_VALID && b->has_tenderers && b->ntend == 1 &&
		    b->tend[0])
			ids[k++] = b->tend[0];
	}
	sort_ids(ids, k);
	for (size_t i = 0; i < k; i++) {
		if (i > 0 && strcmp(ids[i - 1], ids[i]) == 0)
			continue;
		uint32_t id = party_id(m, ids[i]);
		grow_frac(&m->r025, &m->capr025, (size_t)id + 1);
		frac_count(m, &m->r025, id, strcmp(ids[i], sup) == 0);
	}
}

/* Do the valid bids name one tenderer at most?  Only such a release is
 * flagged by R035: two different ones end it before anything is
 * collected. */
static bool
one_valid_tenderer(const struct crelease *r)
{
	const char *first = NULL;

	for (size_t i = 0; i < r->nb; i++) {
		const struct cbid *b = &r->b[i];
		if (b->st != CS_VALID || !b->has_tenderers)
			continue;
		for (size_t j = 0; j < b->ntend; j++) {
			if (!b->tend[j])
				continue;
			if (!first)
				first = b->tend[j];
			else if (strcmp(b->tend[j], first) != 0)
				return false;
		}
	}
	return true;
}

static void
fold_r035(struct market *m, const struct crelease *r, struct cresult *cr)
{
	const char **valid, **disq;
	size_t nv = 0, nd = 0, nvd = 0, diff = 0;

	if (!(r->has_awards && r->has_details && r->awards_final) ||
	    !one_valid_tenderer(r))
		return;
	size_t cap = 1;
	for (size_t i = 0; i < r->nb; i++)
		cap += r->b[i].ntend;
	valid = scratch(cap, sizeof *valid);
	disq = scratch(cap, sizeof *disq);
	for (size_t i = 0; i < r->nb; i++) {
		const struct cbid *b = &r->b[i];
		const char **set = b->st == CS_VALID  ? valid
				   : b->st == CS_DISQ ? disq
						      : NULL;
		size_t *n = b->st == CS_VALID ? &nv : &nd;
		if (!set || !b->has_tenderers)
			continue;
		for (size_t j = 0; j < b->ntend; j++)
			if (b->tend[j])
				set[(*n)++] = b->tend[j];
	}
	sort_ids(valid, nv);
	sort_ids(disq, nd);
	for (size_t i = 0; i < nv; i++)
		if (nvd == 0 || strcmp(valid[nvd - 1], valid[i]) != 0)
			valid[nvd++] = valid[i];
	if (nvd == 1) {
		/* the award suppliers must be exactly the valid tenderer */
		bool same = r->nsupall > 0;
		for (size_t i = 0; i < r->nsupall && same; i++)
			same = r->supall[i] &&
			       strcmp(r->supall[i], valid[0]) == 0;
		for (size_t i = 0; same && i < nd; i++)
			if ((i == 0 || strcmp(disq[i - 1], disq[i]) != 0) &&
			    strcmp(disq[i], valid[0]) != 0)
				diff++;
		if (same &&
		    diff >= (size_t)(m->conf->r035_threshold < 1
					     ? 1
					     : m->conf->r035_threshold)) {
			cr->r035 = (double)diff;
			cr->r035_b = (int32_t)party_id(m, valid[0]);
			flag_tenderer(m, (uint32_t)cr->r035_b, CF_R035);
		}
	}
}

static void
fold_r036(struct market *m, const struct crelease *r, struct cresult *cr)
{
	double low = NAN;
	bool low_disq = false, has_valid = false;
	size_t low_i = 0;
	struct currency_memo memo = {NULL, false};

	if (!r->has_awards || !r->any_active)
		return;
	for (size_t i = 0; i < r->nb; i++) {
		const struct cbid *b = &r->b[i];
		if (!submitted(b) || !b->has_amount || !b->currency)
			continue;
		if (!currency_ok_memo(m, &memo, b->currency))
			continue;
		if (isnan(low) || b->amount < low) {
			low = b->amount;
			low_disq = b->st == CS_DISQ;
			low_i = i;
		}
		if (b->st == CS_VALID)
			has_valid = true;
	}
	cr->r036 = has_valid && low_disq;
	/* whose bid it was: the auditor's first question */
	if (cr->r036 && r->b[low_i].ntend == 1 && r->b[low_i].tend[0])
		id_set_add(&cr->r036_b, &cr->nr036, &cr->capr036,
			   bid_party(m, r, low_i));
	else if (cr->r036)
		for (size_t j = 0; j < r->b[low_i].ntend; j++)
			if (r->b[low_i].tend[j])
				id_set_add(&cr->r036_b, &cr->nr036,
					   &cr->capr036,
					   party_id(m, r->b[low_i].tend[j]));
}

/* R038 of the buyer and the procuring entity: dq of the sub bids
 * submitted were disqualified. */
static void
r038_parties(struct market *m, const struct crelease *r, uint32_t sub,
	     uint32_t dq)
{
	if (sub == 0)
		return;
	const char *who[2] = {r->buyer, r->pe};
	for (int k = 0; k < 2; k++) {
		if (!who[k])
			continue;
		uint32_t id = k == 0 && r->buyer_id1
				      ? r->buyer_id1 - 1
				      : strtab_intern(&m->parties, who[k],
						      strlen(who[k]));
		size_t cap = m->capr038p;
		grow_frac(&m->r038_b, &cap, (size_t)id + 1);
		cap = m->capr038p;
		grow_frac(&m->r038_p, &cap, (size_t)id + 1);
		m->capr038p = cap;
		struct frac *f = k == 0 ? &m->r038_b[id] : &m->r038_p[id];
		f->num += dq;
		f->den += sub;
	}
}

static void
fold_r038(struct market *m, const struct crelease *r)
{
	uint32_t sub = 0, dq = 0;

	for (size_t i = 0; i < r->nb; i++) {
		const struct cbid *b = &r->b[i];
		uint32_t inc;
		if (!submitted(b))
			continue;
		sub++;
		inc = b->st == CS_DISQ;
		dq += inc;
		for (size_t j = 0; j < b->ntend; j++) {
			if (!b->tend[j])
				continue;
			/* a bid's own tenderer by its index, not by search */
			uint32_t id = j == 0 ? bid_party(m, r, i)
					     : party_id(m, b->tend[j]);
			grow_frac(&m->r038_t, &m->capr038, (size_t)id + 1);
			frac_count(m, &m->r038_t, id, inc);
		}
	}
	r038_parties(m, r, sub, dq);
}

/* ---------------------------------------------------------------- */
/* A govkit tender's release                                         */
/* ---------------------------------------------------------------- */

/*
 * A release as govkit_crelease makes it of a govkit tender: each bid of
 * one tenderer interned already (known at the bid's index), all in one
 * currency string, a single award's supplier interned too (known after
 * the bids), the buyer interned, no procuring entity.  Then the folds
 * need no text: the ids say which tenderers are the same, each bid says
 * its own, and the currency is compared once.  The same results as the
 * folds above, in the same order (sanitizer builds check it).
 */
static bool
known_release(const struct crelease *r)
{
	const char *cur = r->nb ? r->b[0].currency : NULL;

	if (!r->known_id || r->nknown < r->nb || !cur || r->pe ||
	    (r->buyer && !r->buyer_id1))
		return false;
	for (size_t i = 0; i < r->nb; i++) {
		const struct cbid *b = &r->b[i];
		if (b->ntend != 1 || !b->has_tenderers ||
		    b->tend[0] != r->known[i] || !b->tend[0] ||
		    b->currency != cur)
			return false;
	}
	return !single_award(r) ||
	       (r->nknown > r->nb && r->known[r->nb] == r->sup1[0]);
}

/* currency_ok of a known release's one currency, asked once, when a
 * fold first needs it (the first asked names the market's currency):
 * *ok is -1 until then. */
static bool
known_currency_ok(struct market *m, const struct crelease *r, int *ok)
{
	if (*ok < 0)
		*ok = currency_ok(m, r->b[0].currency);
	return *ok;
}

/* Up to this many bids, R028 of a known release looks back along the
 * bids for a price seen before; above, it indexes the prices as fold_r028
 * does. */
#define KNOWN_R028_LINEAR 32

/*
 * What known_fold gathers of a release in one pass over its bids: the
 * state of each indicator it asks for ("do_"), the loops of fold_ratio,
 * fold_r025, fold_r028, fold_r035, fold_r036 and fold_r038 side by side,
 * on the bidders' interned ids rather than their names.
 */
struct known_scan {
	bool do_ratio, do_r025, do_r028, do_r035, do_r036;
	int cur_ok; /* known_currency_ok's memo */
	/* ratio: the winner's lowest valid price and the others' */
	uint32_t sup_id;
	size_t wi, li;
	double w, l;
	/* R025: the valid bids' parties (room for every bid) */
	uint32_t *r025;
	size_t nr025;
	/* R028: the submitted prices so far and their tenderers */
	double amount[KNOWN_R028_LINEAR];
	uint32_t id[KNOWN_R028_LINEAR];
	size_t n;
	/* R035: the first valid bid's party; two parties valid */
	uint32_t first;
	bool any_valid, two_valid;
	/* R036 */
	double low;
	bool low_disq, has_valid;
	size_t low_i;
	/* R038 */
	uint32_t sub, dq;
};

/* R028's step for a submitted bid i with an amount: a price the last
 * submitted bid at that price had too, from another tenderer. */
static void
scan_r028(struct market *m, const struct crelease *r, struct cresult *cr,
	  struct known_scan *k, size_t i)
{
	const struct cbid *b = &r->b[i];

	for (size_t j = k->n; j-- > 0;) {
		if (!(k->amount[j] == b->amount))
			continue;
		if (k->id[j] != r->known_id[i]) {
			cr->r028 = true;
			add_r028_id(m, cr, r->known_id[i]);
			add_r028_id(m, cr, k->id[j]);
		}
		break;
	}
	k->amount[k->n] = b->amount;
	k->id[k->n++] = r->known_id[i];
}

/* The ratio's and R036's steps for a submitted bid i with an amount in
 * the release's currency. */
static void
scan_prices(const struct crelease *r, struct known_scan *k, size_t i)
{
	const struct cbid *b = &r->b[i];

	if (k->do_ratio && b->st == CS_VALID) {
		if (r->known_id[i] == k->sup_id) {
			if (isnan(k->w) || b->amount < k->w) {
				k->w = b->amount;
				k->wi = i;
			}
		} else if (isnan(k->l) || b->amount < k->l) {
			k->l = b->amount;
			k->li = i;
		}
	}
	if (k->do_r036) {
		if (isnan(k->low) || b->amount < k->low) {
			k->low = b->amount;
			k->low_disq = b->st == CS_DISQ;
			k->low_i = i;
		}
		if (b->st == CS_VALID)
			k->has_valid = true;
	}
}

/* R025's and R035's steps for a valid bid i (R035 flags a release of
 * one valid tenderer). */
static void
scan_valid(const struct crelease *r, struct known_scan *k, size_t i)
{
	uint32_t id = r->known_id[i];

	if (k->do_r025)
		k->r025[k->nr025++] = id;
	if (!k->any_valid) {
		k->first = id;
		k->any_valid = true;
	} else if (id != k->first) {
		k->two_valid = true;
	}
}

/* Bid i in each indicator's state, as each one's loop takes it.  The
 * currency is asked when the ratio or R036 would ask it: a bid of theirs
 * is met (a known release has one currency). */
static void
scan_bid(struct market *m, const struct crelease *r, struct cresult *cr,
	 struct known_scan *k, size_t i)
{
	const struct cbid *b = &r->b[i];
	uint32_t id = r->known_id[i], inc = b->st == CS_DISQ;

	if (b->st == CS_VALID)
		scan_valid(r, k, i);
	if (!submitted(b))
		return;
	k->sub++;
	k->dq += inc;
	grow_frac(&m->r038_t, &m->capr038, (size_t)id + 1);
	frac_count(m, &m->r038_t, id, inc);
	if (!b->has_amount)
		return;
	if (k->do_r028)
		scan_r028(m, r, cr, k, i);
	if (((k->do_ratio && b->st == CS_VALID) || k->do_r036) &&
	    known_currency_ok(m, r, &k->cur_ok))
		scan_prices(r, k, i);
}

/* What the ratio, R025, R035 and R036 make of the state after the last
 * bid (R038's counts are made by then). */
static void
known_results(struct market *m, const struct crelease *r, struct cresult *cr,
	      struct known_scan *k)
{
	if (k->do_ratio && k->wi != SIZE_MAX && k->li != SIZE_MAX &&
	    k->l >= k->w) {
		cr->ratio = (k->l - k->w) / k->w;
		cr->winner = (int32_t)r->known_id[k->wi];
		cr->second = (int32_t)r->known_id[k->li];
	}
	if (k->do_r025) {
		size_t n = ids_unique(k->r025, k->nr025);
		for (size_t i = 0; i < n; i++) {
			grow_frac(&m->r025, &m->capr025,
				  (size_t)k->r025[i] + 1);
			frac_count(m, &m->r025, k->r025[i],
				   k->r025[i] == k->sup_id);
		}
	}
	if (k->do_r035 && !k->two_valid)
		fold_r035(m, r, cr);
	if (k->do_r036) {
		cr->r036 = k->has_valid && k->low_disq;
		if (cr->r036)
			id_set_add(&cr->r036_b, &cr->nr036, &cr->capr036,
				   r->known_id[k->low_i]);
	}
}

/*
 * The indicators of a known release (see known_release) from the ids
 * interned for it, in one pass over its bids: what general_fold makes of
 * it (GOVKIT_SELF_CHECK builds compare the two).  The counts of R025 and
 * R038 are made in another order, which does not change them
 * (frac_count).
 */
static void
known_fold(struct market *m, const struct crelease *r, struct cresult *cr,
	   bool price)
{
	struct known_scan k;
	uint32_t r025_few[KNOWN_R028_LINEAR];
	bool single = single_award(r), few = r->nb <= KNOWN_R028_LINEAR;

	k.do_ratio = price && single;
	k.do_r025 = single;
	k.do_r028 = price && few;
	k.do_r035 = r->has_awards && r->has_details && r->awards_final;
	k.do_r036 = price && r->has_awards && r->any_active;
	k.cur_ok = -1;
	k.sup_id = single ? r->known_id[r->nb] : UINT32_MAX;
	k.wi = k.li = SIZE_MAX;
	k.w = k.l = k.low = NAN;
	k.r025 = few ? r025_few : scratch(r->nb, sizeof *k.r025);
	k.nr025 = k.n = 0;
	k.first = 0;
	k.any_valid = k.two_valid = k.low_disq = k.has_valid = false;
	k.low_i = 0;
	k.sub = k.dq = 0;
	for (size_t i = 0; i < r->nb; i++)
		scan_bid(m, r, cr, &k, i);
	if (price && !few)
		fold_r028(m, r, cr); /* before R035's parties, as in the scan */
	known_results(m, r, cr, &k);
	r038_parties(m, r, k.sub, k.dq);
}

static void
general_fold(struct market *m, const struct crelease *r, struct cresult *cr,
	     bool price)
{
	if (price)
		fold_ratio(m, r, cr);
	fold_r025(m, r);
	if (price)
		fold_r028(m, r, cr);
	fold_r035(m, r, cr);
	if (price)
		fold_r036(m, r, cr);
	fold_r038(m, r);
}

#ifdef GOVKIT_SELF_CHECK
/* What a fold may change of a known release's parties in m. */
struct fold_marks {
	struct frac *r025, *r038_t, buyer;
	uint8_t *flags;
	char *currency;
};

static struct frac
frac_at(const struct frac *a, size_t cap, size_t id)
{
	return id < cap ? a[id] : (struct frac){0, 0};
}

static void
marks_take(struct market *m, const struct crelease *r, struct fold_marks *k)
{
	size_t buyer = r->buyer_id1 ? r->buyer_id1 - 1 : SIZE_MAX;

	cardinal_flush(m);
	k->r025 = gk_xcalloc(r->nknown + 1, sizeof *k->r025);
	k->r038_t = gk_xcalloc(r->nknown + 1, sizeof *k->r038_t);
	k->flags = gk_xcalloc(r->nknown + 1, 1);
	for (size_t i = 0; i < r->nknown; i++) {
		uint32_t id = r->known_id[i];
		k->r025[i] = frac_at(m->r025, m->capr025, id);
		k->r038_t[i] = frac_at(m->r038_t, m->capr038, id);
		k->flags[i] = id < m->capcflags ? m->c_flags_t[id] : 0;
	}
	k->buyer = frac_at(m->r038_b, m->capr038p, buyer);
	k->currency = m->currency ? gk_xstrdup(m->currency) : NULL;
}

/* m as k found it: the entries a fold changed are put back. */
static void
marks_put(struct market *m, const struct crelease *r,
	  const struct fold_marks *k)
{
	for (size_t i = r->nknown; i-- > 0;) {
		uint32_t id = r->known_id[i];
		if (id < m->capr025)
			m->r025[id] = k->r025[i];
		if (id < m->capr038)
			m->r038_t[id] = k->r038_t[i];
		if (id < m->capcflags)
			m->c_flags_t[id] = k->flags[i];
	}
	if (r->buyer_id1 && r->buyer_id1 - 1 < m->capr038p)
		m->r038_b[r->buyer_id1 - 1] = k->buyer;
	free(m->currency);
	m->currency = k->currency ? gk_xstrdup(k->currency) : NULL;
}

static bool
marks_same(const struct crelease *r, const struct fold_marks *a,
	   const struct fold_marks *b)
{
	for (size_t i = 0; i < r->nknown; i++)
		if (memcmp(&a->r025[i], &b->r025[i], sizeof a->r025[i]) ||
		    memcmp(&a->r038_t[i], &b->r038_t[i], sizeof a->r038_t[i]) ||
		    a->flags[i] != b->flags[i])
			return false;
	return !memcmp(&a->buyer, &b->buyer, sizeof a->buyer) &&
	       !a->currency == !b->currency &&
	       (!a->currency || strcmp(a->currency, b->currency) == 0);
}

static void
marks_free(struct fold_marks *k)
{
	free(k->r025);
	free(k->r038_t);
	free(k->flags);
	free(k->currency);
}

static bool
same_double(double a, double b)
{
	return (isnan(a) && isnan(b)) || a == b;
}

static bool
cresult_same(const struct cresult *a, const struct cresult *b)
{
	return a->skip == b->skip && a->r018 == b->r018 && a->r028 == b->r028 &&
	       a->nr028 == b->nr028 &&
	       (!a->nr028 ||
		!memcmp(a->r028_b, b->r028_b, a->nr028 * sizeof *a->r028_b)) &&
	       same_double(a->r035, b->r035) && a->r035_b == b->r035_b &&
	       a->r036 == b->r036 && a->nr036 == b->nr036 &&
	       (!a->nr036 ||
		!memcmp(a->r036_b, b->r036_b, a->nr036 * sizeof *a->r036_b)) &&
	       same_double(a->ratio, b->ratio) && a->winner == b->winner &&
	       a->second == b->second;
}

/* Sanitizer and fuzz builds fold a known release both ways, from the
 * same market, and abort unless the results and what they changed in m
 * agree; m is left as the general folds leave it. */
static void
known_fold_check(struct market *m, const struct crelease *r, struct cresult *cr,
		 bool price)
{
	struct fold_marks before, known, general;
	struct cresult kr = *cr;

	marks_take(m, r, &before);
	known_fold(m, r, &kr, price);
	marks_take(m, r, &known);
	marks_put(m, r, &before);
	general_fold(m, r, cr, price);
	marks_take(m, r, &general);
	if (!cresult_same(&kr, cr) || !marks_same(r, &known, &general))
		abort();
	cresult_release(&kr);
	marks_free(&before);
	marks_free(&known);
	marks_free(&general);
}
#endif

void
cardinal_fold(struct market *m, const struct crelease *r, struct cresult *cr)
{
	const struct bid_conf *c = m->conf;
	bool price;

	memset(cr, 0, sizeof *cr);
	cr->r035 = NAN;
	cr->r035_b = -1;
	cr->ratio = NAN;
	cr->winner = cr->second = -1;
	if (r->cancelled || (r->pmd && conf_list_has(c->exclude_pmd, r->pmd))) {
		cr->skip = true;
		return;
	}
	price = !(r->pmd && conf_list_has(c->npc, r->pmd));
	cur_release = r;

	if (r->has_tender && r->has_not && r->not == 1 &&
	    (!c->r018_methods || !*c->r018_methods ||
	     (r->method && conf_list_has(c->r018_methods, r->method))))
		cr->r018 = true;
	if (!known_release(r))
		general_fold(m, r, cr, price);
#ifdef GOVKIT_SELF_CHECK
	else
		known_fold_check(m, r, cr, price);
#else
	else
		known_fold(m, r, cr, price);
#endif
	cur_release = NULL;
}

void
cardinal_attach(struct market *m, size_t ti, const struct cresult *cr)
{
	struct tender *t = &m->t[ti];
	uint32_t b[2];

	if (cr->skip)
		return;
	if (cr->r018)
		hit_push(m, ti, SIG_R018, NULL, 0, 1, NULL);
	if (cr->r028)
		hit_push(m, ti, SIG_R028, cr->r028_b, cr->nr028, 1, NULL);
	if (!isnan(cr->r035)) {
		b[0] = (uint32_t)cr->r035_b;
		hit_push(m, ti, SIG_R035, b, 1, cr->r035, NULL);
	}
	if (cr->r036)
		hit_push(m, ti, SIG_R036, cr->r036_b, cr->nr036, 1, NULL);
	t->c_ratio = cr->ratio;
	t->c_winner = cr->winner;
	t->c_second = cr->second;
}

/* R038: flag ratios at or above the upper fence of those with den >= min. */
static void
r038_flag(const struct frac *f, size_t n, int min, double threshold,
	  double **out)
{
	double *v = gk_xmalloc((n + 1) * sizeof *v);
	size_t k = 0;

	*out = gk_xmalloc((n + 1) * sizeof **out);
	for (size_t i = 0; i < n; i++) {
		(*out)[i] = NAN;
		if (f[i].den >= (uint32_t)min && f[i].den > 0)
			v[k++] = (double)f[i].num / f[i].den;
	}
	if (k > 0) {
		double fence = threshold;
		if (isnan(fence)) {
			size_t at = 0;
			double q1 = quantile8_from(v, k, 0.25, &at);
			double q3 = quantile8_from(v, k, 0.75, &at);
			fence = q3 + TUKEY_K * (q3 - q1);
		}
		for (size_t i = 0; i < n; i++) {
			if (f[i].den < (uint32_t)min || f[i].den == 0)
				continue;
			double r = (double)f[i].num / f[i].den;
			/* unlike Cardinal, never flag a party none of whose bids
			 * was disqualified (a zero fence would flag them all) */
			if (r >= fence && r > 0)
				(*out)[i] = r;
		}
	}
	free(v);
}

/* R024's and R058's fences of the tenders' price ratios: the
 * thresholds, else Tukey's fences of the ratios' quartiles. */
static void
ratio_fences(const struct market *m, struct analysis *a)
{
	const struct bid_conf *c = m->conf;
	double *v = gk_xmalloc((m->nt + 1) * sizeof *v);
	size_t k = 0;

	for (size_t i = 0; i < m->nt; i++)
		if (!isnan(m->t[i].c_ratio))
			v[k++] = m->t[i].c_ratio;
	/* one value a tender: quartiles by selection, not by sorting */
	double rq1 = k ? quantile8_select(v, k, 0.25) : NAN;
	double rq3 = k ? quantile8_select(v, k, 0.75) : NAN;
	a->r024_ok = a->r058_ok = false;
	if (k > 0 || !isnan(c->r024_threshold)) {
		a->r024_fence = c->r024_threshold;
		if (isnan(a->r024_fence))
			a->r024_fence = rq1 - TUKEY_K * (rq3 - rq1);
		a->r024_ok = true;
	}
	if (k > 0 || !isnan(c->r058_threshold)) {
		a->r058_fence = c->r058_threshold;
		if (isnan(a->r058_fence))
			a->r058_fence = rq3 + TUKEY_K * (rq3 - rq1);
		/* the ratio is non-negative: a zero fence would flag most */
		a->r058_ok = a->r058_fence > 0;
	}
	free(v);
}

/* R024 and R058 on the tenderers of the tenders beyond the fences. */
static void
flag_ratio_tenderers(struct market *m, const struct analysis *a)
{
	for (size_t i = 0; i < m->nt; i++) {
		const struct tender *t = &m->t[i];
		if (isnan(t->c_ratio))
			continue;
		if (a->r024_ok && t->c_ratio <= a->r024_fence) {
			m->c_flags_t[t->c_winner] |= CF_R024;
			m->c_flags_t[t->c_second] |= CF_R024;
		}
		if (a->r058_ok && t->c_ratio >= a->r058_fence)
			m->c_flags_t[t->c_winner] |= CF_R058;
	}
}

/* R025: tenderers of many bids (at the percentile) that win few (at or
 * below the lower fence). */
static void
flag_r025(struct market *m, struct analysis *a)
{
	const struct bid_conf *c = m->conf;
	size_t nb = m->bidders.n;

	grow_frac(&m->r025, &m->capr025, nb + 1);
	a->r025_flag = gk_xcalloc(nb + 1, 1);
	double *den = gk_xmalloc((nb + 1) * sizeof *den);
	double *rat = gk_xmalloc((nb + 1) * sizeof *rat);
	size_t n = 0;
	for (size_t i = 0; i < nb; i++)
		if (m->r025[i].den > 0) {
			den[n] = m->r025[i].den;
			rat[n] = (double)m->r025[i].num / m->r025[i].den;
			n++;
		}
	if (n > 0) {
		double upper, lower, q1 = 1;
		upper = quantile8_select(den, n, c->r025_percentile / 100.0);
		lower = c->r025_threshold;
		if (isnan(lower)) {
			size_t at = 0;
			q1 = quantile8_from(rat, n, 0.25, &at);
			double q3 = quantile8_from(rat, n, 0.75, &at);
			lower = q1 - TUKEY_K * (q3 - q1);
		}
		if (q1 > 0 && lower > 0)
			for (size_t i = 0; i < nb; i++) {
				const struct frac *f = &m->r025[i];
				if (f->den > 0 && f->den >= upper &&
				    (double)f->num / f->den <= lower)
					a->r025_flag[i] = 1;
			}
	}
	free(den);
	free(rat);
}

/* R038: tenderers, buyers and procuring entities with many bids
 * disqualified. */
static void
flag_r038(struct market *m, struct analysis *a)
{
	const struct bid_conf *c = m->conf;
	size_t nb = m->bidders.n, np = m->parties.n;
	size_t cap = m->capr038p;

	grow_frac(&m->r038_t, &m->capr038, nb + 1);
	grow_frac(&m->r038_b, &cap, np + 1);
	cap = m->capr038p;
	grow_frac(&m->r038_p, &cap, np + 1);
	m->capr038p = cap;
	r038_flag(m->r038_t, nb, c->r038_min_bids, c->r038_threshold,
		  &a->r038_tval);
	r038_flag(m->r038_b, np, c->r038_min_processes, c->r038_threshold,
		  &a->r038_bval);
	r038_flag(m->r038_p, np, c->r038_min_processes, c->r038_threshold,
		  &a->r038_pval);
}

void cardinal_finalize(struct market *m, struct analysis *a);
void
cardinal_finalize(struct market *m, struct analysis *a)
{
	grow_flags(m, m->bidders.n + 1);
	ratio_fences(m, a);
	flag_ratio_tenderers(m, a);
	flag_r025(m, a);
	flag_r038(m, a);
}
