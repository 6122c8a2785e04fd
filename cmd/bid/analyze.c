/*
 * analyze.c: what needs the whole market.  Category fences of every
 * screen (Tukey fences on Hyndman-Fan type 8 quartiles), co-bidding
 * against a configuration-model expectation, groups of bidders (union of
 * pairs that co-bid far above expectation), rotation inside groups, cover
 * bidders, losers that win the next tender with the same competitors,
 * and Cardinal's fences.  Everything is linear in the bids except the
 * pairs of one tender (k(k-1)/2 for k bidders) and the sorts.
 */
#include "bid.h"

#include <pthread.h>

#include <stdlib.h>
#include <string.h>

void cardinal_finalize(struct market *m, struct analysis *a);

/* Largest initial size of the pair maps (entries); they double beyond. */
#define PAIRS_HINT_MAX 2000000.0

uint64_t
pair_key(uint32_t a, uint32_t b)
{
	if (a > b) {
		uint32_t x = a;
		a = b;
		b = x;
	}
	/* +1 so that the key is never 0 */
	return ((uint64_t)a << 32 | b) + 1;
}

/* The k-th smallest of v[0..n) (0-based), v partly reordered. */
static double
select_kth(double *v, size_t n, size_t k)
{
	size_t lo = 0, hi = n - 1;

	while (lo < hi) {
		double pivot = v[lo + (hi - lo) / 2];
		size_t i = lo, j = hi;
		while (i <= j) {
			while (v[i] < pivot)
				i++;
			while (v[j] > pivot)
				j--;
			if (i <= j) {
				double t = v[i];
				v[i] = v[j];
				v[j] = t;
				i++;
				if (j == 0)
					break;
				j--;
			}
		}
		if (k <= j)
			hi = j;
		else if (k >= i)
			lo = i;
		else
			return v[k];
	}
	return v[k];
}

double
quantile8_from(double *v, size_t n, double p, size_t *from)
{
	double h = ((double)n + 1.0 / 3) * p + 1.0 / 3, hf = floor(h);
	size_t i;

	if (hf <= 0) {
		i = 0;
	} else if (hf >= (double)n) {
		i = n - 1;
	} else {
		i = (size_t)hf - 1;
	}
	if (i < *from)
		*from = 0; /* a lower quantile than the last: look at all */
	/* v[*from..n) holds the largest values: the i-th is among them */
	double a = select_kth(v + *from, n - *from, i - *from);
	*from = i + 1;
	if (hf <= 0 || hf >= (double)n)
		return a;
	/* after selection everything above i is >= a: the next is their min */
	double b = v[i + 1];
	for (size_t j = i + 2; j < n; j++)
		if (v[j] < b)
			b = v[j];
	return a + (h - hf) * (b - a);
}

double
quantile8_select(double *v, size_t n, double p)
{
	size_t from = 0;
	return quantile8_from(v, n, p, &from);
}

static void
fence_of(double *v, size_t n, double k, struct fence *f)
{
	double sum = 0;

	memset(f, 0, sizeof *f);
	f->n = (uint32_t)n;
	if (n == 0) {
		f->q1 = f->q3 = f->lo = f->hi = f->median = NAN;
		f->min = f->max = f->mean = NAN;
		return;
	}
	f->min = f->max = v[0];
	for (size_t i = 0; i < n; i++) {
		sum += v[i];
		if (v[i] < f->min)
			f->min = v[i];
		if (v[i] > f->max)
			f->max = v[i];
	}
	/* each selection leaves the larger values above its index: the next,
	 * higher quantile is looked for among them only */
	size_t at = 0;
	f->q1 = quantile8_from(v, n, 0.25, &at);
	f->median = quantile8_from(v, n, 0.5, &at);
	f->q3 = quantile8_from(v, n, 0.75, &at);
	f->mean = sum / (double)n;
	/* fewer values than a fence needs: no fence, rather than one that
	 * reads as a rule and flags nothing */
	if (n < FENCE_MIN_VALUES) {
		f->lo = f->hi = NAN;
		return;
	}
	f->lo = f->q1 - k * (f->q3 - f->q1);
	f->hi = f->q3 + k * (f->q3 - f->q1);
}

/* The value a fence is computed on: log for right-skewed positive
 * screens (a zero becomes -inf: below any lower fence). */
double screen_scale(int s, double v);
double
screen_scale(int s, double v)
{
	if (!scr_info[s].log_scale)
		return v;
	return v > 0 ? log(v) : -INFINITY;
}

/* A value on the fence's scale back in the screen's own unit. */
double screen_unscale(int s, double x);
double
screen_unscale(int s, double x)
{
	return scr_info[s].log_scale ? exp(x) : x;
}

static void
fences(struct market *m, struct analysis *a)
{
	size_t nc = m->cats.n, nt = m->nt;
	size_t *cnt = gk_xcalloc(nc + 1, sizeof *cnt);
	size_t *off = gk_xcalloc(nc + 1, sizeof *off);
	double *v = gk_xmalloc((nt + 1) * sizeof *v);
	double *all = gk_xmalloc((nt + 1) * sizeof *all);
	uint32_t *cat = gk_xmalloc((nt + 1) * sizeof *cat); /* of all[k] */

	a->ncats = (uint32_t)nc;
	a->fences = gk_xcalloc((nc + 1) * SCR_COUNT, sizeof *a->fences);
	for (int s = 0; s < SCR_COUNT; s++) {
		size_t na = 0;
		memset(cnt, 0, (nc + 1) * sizeof *cnt);
		/* the values in input order (all) with their categories: the
		 * one pass over the tenders (a cache line or two each) */
		for (size_t i = 0; i < nt; i++) {
			double x = m->t[i].scr[s];
			if (isnan(x))
				continue;
			x = screen_scale(s, x);
			if (!isfinite(x))
				continue;
			cat[na] = m->t[i].category;
			cnt[cat[na]]++;
			all[na++] = x;
		}
		off[0] = 0;
		for (size_t c = 1; c <= nc; c++)
			off[c] = off[c - 1] + cnt[c - 1];
		/* then by category, in the same order */
		for (size_t k = 0; k < na; k++)
			v[off[cat[k]]++] = all[k];
		for (size_t c = 0; c < nc; c++) {
			size_t start = off[c] - cnt[c];
			fence_of(v + start, cnt[c], m->conf->fence_k,
				 &a->fences[c * SCR_COUNT + s]);
		}
		fence_of(all, na, m->conf->fence_k,
			 &a->fences[nc * SCR_COUNT + s]);
	}
	free(cnt);
	free(off);
	free(v);
	free(all);
	free(cat);
}

/* Distinct valid bidders of tender t into out (sorted); count. */
size_t tender_valid_bidders(const struct market *m, const struct tender *t,
			    uint32_t **out, size_t *cap);
size_t
tender_valid_bidders(const struct market *m, const struct tender *t,
		     uint32_t **out, size_t *cap)
{
	size_t k = 0;

	if (*cap < t->nbids + 1) {
		*cap = t->nbids + 16;
		*out = gk_xrealloc(*out, *cap * sizeof **out);
	}
	for (uint32_t i = 0; i < t->nbids; i++) {
		const struct bid *b = &m->bids[t->bid_off + i];
		if (b->status == BS_VALID)
			(*out)[k++] = b->bidder;
	}
	return ids_sort_unique(*out, k);
}

static uint32_t
uf_find(uint32_t *p, uint32_t x)
{
	while (p[x] != x) {
		p[x] = p[p[x]];
		x = p[x];
	}
	return x;
}

bool
pair_strong(const struct market *m, uint32_t a, uint32_t b, uint64_t *count)
{
	const uint32_t *v = u64map_find(&m->an->pairs, pair_key(a, b));
	if (count)
		*count = v ? v[0] : 0;
	return v && v[1];
}

void
strong_pairs_begin(struct strong_pairs *it, const struct market *m, size_t ti)
{
	const struct analysis *a = m->an;

	it->m = m;
	it->vb = a->vb + a->vb_off[ti];
	it->k = m->t[ti].notes & NOTE_MANY_BIDDERS
			? 0
			: a->vb_off[ti + 1] - a->vb_off[ti];
	it->x = 0;
	it->y = 1;
}

bool
strong_pairs_next(struct strong_pairs *it, uint32_t *a, uint32_t *b,
		  uint64_t *count)
{
	const int32_t *comp = it->m->an->comp;

	for (; it->x < it->k; it->x++, it->y = it->x + 1) {
		uint32_t p = it->vb[it->x];
		if (comp[p] < 0)
			continue;
		while (it->y < it->k) {
			uint32_t q = it->vb[it->y++];
			if (comp[q] == comp[p] &&
			    pair_strong(it->m, p, q, count)) {
				*a = p;
				*b = q;
				return true;
			}
		}
	}
	return false;
}

struct sigrec {
	uint64_t sig;
	uint32_t t;
};

static int
cmp_sigrec(const void *a, const void *b)
{
	const struct sigrec *x = a, *y = b;
	if (x->sig != y->sig)
		return x->sig < y->sig ? -1 : 1;
	return x->t < y->t ? -1 : x->t > y->t;
}

/*
 * Counting into a map larger than the caches costs a miss a key: a key is
 * prefetched when it is queued and counted COUNT_AHEAD keys later, so the
 * misses overlap (the order of the counts does not matter).
 */
#define COUNT_AHEAD 16

struct counter {
	struct u64map *map;
	uint64_t q[COUNT_AHEAD];
	size_t n;
};

static void
count_key(struct counter *c, uint64_t key)
{
	size_t i = c->n++ % COUNT_AHEAD;

	if (c->n > COUNT_AHEAD)
		u64map_get(c->map, c->q[i])[0]++;
	c->q[i] = key;
	u64map_prefetch(c->map, key);
}

static void
count_flush(struct counter *c)
{
	size_t k = c->n < COUNT_AHEAD ? c->n : COUNT_AHEAD;

	for (size_t j = c->n - k; j < c->n; j++)
		u64map_get(c->map, c->q[j % COUNT_AHEAD])[0]++;
	c->n = 0;
}

/*
 * k bidders make k(k - 1)/2 pairs: a tender with more valid bidders than
 * cobid.max_bidders is left out of the co-bidding model (its pairs, its
 * part of the expectation), which keeps the pairs linear in the bids.  A
 * tender that everyone bids in says little about who bids together.
 */
static bool
pairs_counted(const struct market *m, size_t k)
{
	return k <= (size_t)m->conf->cobid_max_bidders;
}

/* Each tender's distinct valid bidders, sorted, once for all passes. */
static void
valid_bidders(struct market *m, struct analysis *a)
{
	size_t cap = 0, nvb = 0;
	uint32_t *scratch = NULL;

	a->vb_off = gk_xmalloc((m->nt + 1) * sizeof *a->vb_off);
	for (size_t i = 0; i < m->nt; i++)
		nvb += m->t[i].nbids;
	a->vb = gk_xmalloc((nvb + 1) * sizeof *a->vb);
	nvb = 0;
	for (size_t i = 0; i < m->nt; i++) {
		size_t k = tender_valid_bidders(m, &m->t[i], &scratch, &cap);
		if (!pairs_counted(m, k))
			m->t[i].notes |= NOTE_MANY_BIDDERS;
		a->vb_off[i] = nvb;
		memcpy(a->vb + nvb, scratch, k * sizeof *scratch);
		nvb += k;
	}
	a->vb_off[m->nt] = nvb;
	free(scratch);
}

/*
 * Per bidder its valid bids and wins; per pair of bidders the tenders
 * they bid in together; per loser and winner the losses, and the sums of
 * the configuration model's expectation.
 */
static void
count_cobids(struct market *m, struct analysis *a)
{
	size_t nb = m->bidders.n;
	const uint32_t *vb;

	a->nvalid_b = gk_xcalloc(nb + 1, sizeof *a->nvalid_b);
	a->nwins_b = gk_xcalloc(nb + 1, sizeof *a->nwins_b);
	a->npair_b = gk_xcalloc(nb + 1, sizeof *a->npair_b);
	/* size the maps once: pairs of one tender's bidders, at most so many
	 * (the rest by doubling) */
	double pairs_hint = 0, bids_hint = 0;
	for (size_t i = 0; i < m->nt; i++) {
		double k = m->t[i].nbids;
		if (pairs_counted(m, m->t[i].nbids))
			pairs_hint += k * (k - 1) / 2;
		bids_hint += k;
	}
	u64map_init(&a->pairs, (size_t)fmin(pairs_hint, PAIRS_HINT_MAX));
	u64map_init(&a->losses, (size_t)fmin(bids_hint, PAIRS_HINT_MAX));
	struct counter cobids = {.map = &a->pairs},
		       losses = {.map = &a->losses};
	for (size_t i = 0; i < m->nt; i++) {
		int32_t w = tender_awarded(&m->t[i]);
		size_t k = a->vb_off[i + 1] - a->vb_off[i];
		bool wv = false, paired = pairs_counted(m, k);
		vb = a->vb + a->vb_off[i];
		if (paired) {
			a->s1 += (double)k;
			a->s2 += (double)k * (double)(k - (k > 0));
		}
		for (size_t x = 0; x < k; x++) {
			a->nvalid_b[vb[x]]++;
			if ((int32_t)vb[x] == w)
				wv = true;
			if (!paired)
				continue;
			a->npair_b[vb[x]]++;
			for (size_t y = x + 1; y < k; y++)
				count_key(&cobids, pair_key(vb[x], vb[y]));
		}
		if (w >= 0 && wv) {
			a->nwins_b[w]++;
			for (size_t x = 0; x < k; x++)
				if ((int32_t)vb[x] != w)
					count_key(&losses,
						  ((uint64_t)vb[x] << 32 |
						   (uint32_t)w) +
							  1);
		}
	}
	count_flush(&cobids);
	count_flush(&losses);
}

/*
 * Mark the pairs that co-bid far above expectation (v[1] = 1), and join
 * their bidders: the union-find forest of the groups, returned.
 */
static uint32_t *
strong_pairs(const struct market *m, struct analysis *a)
{
	const struct bid_conf *c = m->conf;
	size_t nb = m->bidders.n;

	uint32_t *parent = gk_xmalloc((nb + 1) * sizeof *parent);
	for (size_t i = 0; i <= nb; i++)
		parent[i] = (uint32_t)i;
	for (size_t i = 0; i < a->pairs.cap; i++) {
		uint64_t key = a->pairs.slots[i].key;
		uint32_t *v = a->pairs.slots[i].v;
		if (!key)
			continue;
		uint32_t x = (uint32_t)((key - 1) >> 32),
			 y = (uint32_t)(key - 1);
		double cnt = (double)v[0];
		double rare = a->npair_b[x] < a->npair_b[y] ? a->npair_b[x]
							    : a->npair_b[y];
		double expect = a->s1 > 0 ? (double)a->npair_b[x] *
						    a->npair_b[y] * a->s2 /
						    (a->s1 * a->s1)
					  : 0;
		if (cnt >= c->cobid_min && rare > 0 &&
		    cnt / rare >= c->cobid_share &&
		    (expect <= 0 || cnt / expect >= c->cobid_lift)) {
			v[1] = 1;
			uint32_t rx = uf_find(parent, x),
				 ry = uf_find(parent, y);
			if (rx != ry)
				parent[rx] = ry;
		}
	}
	return parent;
}

/*
 * The groups: the connected components of the strong pairs, numbered by
 * their first member; a->comp of each bidder.  Returned: each member's
 * index in its group.
 */
static uint32_t *
make_groups(const struct market *m, struct analysis *a, uint32_t *parent)
{
	size_t nb = m->bidders.n;

	a->comp = gk_xmalloc((nb + 1) * sizeof *a->comp);
	int32_t *root_group = gk_xmalloc((nb + 1) * sizeof *root_group);
	uint32_t *memidx = gk_xcalloc(nb + 1, sizeof *memidx);
	for (size_t i = 0; i <= nb; i++)
		root_group[i] = -1;
	/* a bidder is in a group only if it has a strong pair */
	uint8_t *has = gk_xcalloc(nb + 1, 1);
	for (size_t i = 0; i < a->pairs.cap; i++) {
		uint64_t key = a->pairs.slots[i].key;
		if (key && a->pairs.slots[i].v[1]) {
			has[(uint32_t)((key - 1) >> 32)] = 1;
			has[(uint32_t)(key - 1)] = 1;
		}
	}
	size_t capg = 0;
	for (size_t i = 0; i < nb; i++) {
		a->comp[i] = -1;
		if (!has[i])
			continue;
		uint32_t r = uf_find(parent, (uint32_t)i);
		if (root_group[r] < 0) {
			if (a->ngroups == capg) {
				capg = capg ? capg * 2 : 64;
				a->groups = gk_xrealloc(
					a->groups, capg * sizeof *a->groups);
			}
			memset(&a->groups[a->ngroups], 0, sizeof *a->groups);
			root_group[r] = (int32_t)a->ngroups++;
		}
		struct group *g = &a->groups[root_group[r]];
		g->members = gk_xrealloc(g->members,
					 (g->n + 1) * sizeof *g->members);
		memidx[i] = g->n;
		g->members[g->n++] = (uint32_t)i;
		a->comp[i] = root_group[r];
	}
	free(root_group);
	free(has);
	return memidx;
}

/* Presence and wins of each group, tender by tender, and rotation. */
static void
group_rotation(const struct market *m, struct analysis *a,
	       const uint32_t *memidx)
{
	const struct bid_conf *c = m->conf;
	const uint32_t *vb;

	for (size_t gi = 0; gi < a->ngroups; gi++)
		a->groups[gi].wins =
			gk_xcalloc(a->groups[gi].n, sizeof *a->groups[gi].wins);
	/* presence and wins of each group, tender by tender */
	int32_t *seen_g = NULL;
	uint32_t *seen_n = NULL;
	size_t capseen = 0;
	for (size_t i = 0; i < m->nt; i++) {
		int32_t w = tender_awarded(&m->t[i]);
		size_t k = a->vb_off[i + 1] - a->vb_off[i], ns = 0;
		vb = a->vb + a->vb_off[i];
		if (capseen < k + 1) {
			capseen = k + 16;
			seen_g = gk_xrealloc(seen_g, capseen * sizeof *seen_g);
			seen_n = gk_xrealloc(seen_n, capseen * sizeof *seen_n);
		}
		for (size_t x = 0; x < k; x++) {
			int32_t g = a->comp[vb[x]];
			size_t j;
			if (g < 0)
				continue;
			for (j = 0; j < ns && seen_g[j] != g; j++)
				;
			if (j == ns) {
				seen_g[ns] = g;
				seen_n[ns++] = 0;
			}
			seen_n[j]++;
		}
		for (size_t j = 0; j < ns; j++) {
			struct group *g = &a->groups[seen_g[j]];
			if (seen_n[j] < 2)
				continue;
			g->present++;
			if (w >= 0 && a->comp[w] == seen_g[j]) {
				bool valid_winner = false;
				for (size_t x = 0; x < k; x++)
					if ((int32_t)vb[x] == w)
						valid_winner = true;
				if (valid_winner) {
					g->won++;
					g->wins[memidx[w]]++;
				}
			}
		}
	}
	for (size_t gi = 0; gi < a->ngroups; gi++) {
		struct group *g = &a->groups[gi];
		uint32_t maxw = 0;
		for (uint32_t j = 0; j < g->n; j++) {
			if (g->wins[j])
				g->distinct_winners++;
			if (g->wins[j] > maxw)
				maxw = g->wins[j];
		}
		g->rotation = g->present >= (uint32_t)c->rotation_min_tenders &&
			      g->won >= c->rotation_win_share * g->present &&
			      g->distinct_winners >= 2 &&
			      maxw <= c->rotation_max_member * g->won;
	}
	free(seen_g);
	free(seen_n);
}

/* Cover bidders: never win, lose mostly to one winner. */
static void
cover_bidders(const struct market *m, struct analysis *a)
{
	const struct bid_conf *c = m->conf;
	size_t nb = m->bidders.n;

	a->cover_of = gk_xmalloc((nb + 1) * sizeof *a->cover_of);
	a->cover_n = gk_xcalloc(nb + 1, sizeof *a->cover_n);
	for (size_t i = 0; i <= nb; i++)
		a->cover_of[i] = -1;
	for (size_t i = 0; i < a->losses.cap; i++) {
		uint64_t key = a->losses.slots[i].key;
		if (!key)
			continue;
		uint32_t l = (uint32_t)((key - 1) >> 32),
			 w = (uint32_t)(key - 1);
		uint32_t n = a->losses.slots[i].v[0];
		if (n > a->cover_n[l] ||
		    (n == a->cover_n[l] &&
		     (a->cover_of[l] < 0 || w < (uint32_t)a->cover_of[l]))) {
			a->cover_n[l] = n;
			a->cover_of[l] = (int32_t)w;
		}
	}
	for (size_t i = 0; i < nb; i++) {
		if (a->cover_of[i] < 0)
			continue;
		if (a->nwins_b[i] != 0 ||
		    a->nvalid_b[i] < (uint32_t)c->cover_min_bids ||
		    a->cover_n[i] < c->cover_share * a->nvalid_b[i])
			a->cover_of[i] = -1;
	}
}

static void
cross(struct market *m, struct analysis *a)
{
	count_cobids(m, a);
	uint32_t *parent = strong_pairs(m, a);
	uint32_t *memidx = make_groups(m, a, parent);
	free(parent);
	group_rotation(m, a, memidx);
	free(memidx);
	cover_bidders(m, a);
}

/* Did tender i award one of its valid bidders (sorted)?  A cancelled
 * tender awarded none. */
static bool
winner_valid(const struct market *m, const struct analysis *a, size_t i)
{
	const uint32_t *vb = a->vb + a->vb_off[i];
	size_t lo = 0, hi = a->vb_off[i + 1] - a->vb_off[i];
	int32_t w = tender_awarded(&m->t[i]);

	if (w < 0)
		return false;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (vb[mid] < (uint32_t)w)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < a->vb_off[i + 1] - a->vb_off[i] && vb[lo] == (uint32_t)w;
}

/* Loser-then-winner: tenders with the same set of bidders, by date, whose
 * winner is one of them: a winner disqualified (or not bidding) neither
 * lost the earlier tender to the others nor won against them, and a
 * tender without a winner among its bidders tells neither. */
static void
loser_then_winner(struct market *m, struct analysis *a)
{
	const struct bid_conf *c = m->conf;
	const uint32_t *vb;
	struct sigrec *sr = gk_xmalloc((m->nt + 1) * sizeof *sr);
	size_t nsr = 0;
	a->ltw_prev = gk_xmalloc((m->nt + 1) * sizeof *a->ltw_prev);
	for (size_t i = 0; i < m->nt; i++) {
		a->ltw_prev[i] = -1;
		size_t k = a->vb_off[i + 1] - a->vb_off[i];
		vb = a->vb + a->vb_off[i];
		if (k < (size_t)c->ltw_min_bids || !winner_valid(m, a, i))
			continue;
		sr[nsr].sig = hash_bytes(vb, k * sizeof *vb);
		sr[nsr].t = (uint32_t)i;
		nsr++;
	}
	qsort(sr, nsr, sizeof *sr, cmp_sigrec);
	for (size_t s = 0; s < nsr;) {
		size_t e = s + 1;
		while (e < nsr && sr[e].sig == sr[s].sig)
			e++;
		/* within one signature: order by date, then input order */
		for (size_t x = s + 1; x < e; x++)
			for (size_t y = x; y > s; y--) {
				const struct tender *p = &m->t[sr[y - 1].t],
						    *q = &m->t[sr[y].t];
				if (p->date > q->date ||
				    (p->date == q->date &&
				     sr[y - 1].t > sr[y].t)) {
					struct sigrec tmp = sr[y - 1];
					sr[y - 1] = sr[y];
					sr[y] = tmp;
				} else {
					break;
				}
			}
		for (size_t x = s + 1; x < e; x++) {
			const struct tender *p = &m->t[sr[x - 1].t],
					    *q = &m->t[sr[x].t];
			if (p->winner != q->winner)
				a->ltw_prev[sr[x].t] = (int32_t)sr[x - 1].t;
		}
		s = e;
	}
	free(sr);
}

/* The fences of the screens and of Cardinal: they need what the tenders
 * hold and nothing cross() computes. */
static void *
market_fences(void *arg)
{
	struct market *m = arg;

	fences(m, m->an);
	cardinal_finalize(m, m->an);
	loser_then_winner(m, m->an);
	return NULL;
}

int
analyze(struct market *m)
{
	struct analysis *a = gk_xcalloc(1, sizeof *a);
	pthread_t th;
	bool threaded;

	m->an = a;
	valid_bidders(m, a);
	/* two independent halves, one on each core: they write disjoint
	 * fields of the analysis and only read the tenders and the valid
	 * bidders */
	threaded = pthread_create(&th, NULL, market_fences, m) == 0;
	if (!threaded)
		market_fences(m);
	cross(m, a);
	if (threaded)
		pthread_join(th, NULL);
	return 0;
}

void
analysis_free(struct analysis *a)
{
	if (!a)
		return;
	free(a->fences);
	free(a->nvalid_b);
	free(a->npair_b);
	free(a->nwins_b);
	u64map_release(&a->pairs);
	u64map_release(&a->losses);
	free(a->comp);
	for (size_t i = 0; i < a->ngroups; i++) {
		free(a->groups[i].members);
		free(a->groups[i].wins);
	}
	free(a->groups);
	free(a->cover_of);
	free(a->cover_n);
	free(a->ltw_prev);
	free(a->vb);
	free(a->vb_off);
	free(a->r025_flag);
	free(a->r038_tval);
	free(a->r038_bval);
	free(a->r038_pval);
	free(a);
}
