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

/*
 * Hyndman-Fan type 8: quantile p of n sorted values is x[i] + w (x[i + 1]
 * - x[i]) with i returned (0-based) and *w, when *interp; x[i] alone
 * when the quantile falls outside the order statistics.
 */
static size_t
quantile8_rank(size_t n, double p, double *w, bool *interp)
{
	double h = ((double)n + 1.0 / 3) * p + 1.0 / 3, hf = floor(h);

	*interp = hf > 0 && hf < (double)n;
	*w = h - hf;
	if (hf <= 0)
		return 0;
	if (hf >= (double)n)
		return n - 1;
	return (size_t)hf - 1;
}

double
quantile8_from(double *v, size_t n, double p, size_t *from)
{
	double w;
	bool interp;
	size_t i = quantile8_rank(n, p, &w, &interp);

	if (i < *from)
		*from = 0; /* a lower quantile than the last: look at all */
	/* v[*from..n) holds the largest values: the i-th is among them */
	double a = select_kth(v + *from, n - *from, i - *from);
	*from = i + 1;
	if (!interp)
		return a;
	/* after selection everything above i is >= a: the next is their min */
	double b = v[i + 1];
	for (size_t j = i + 2; j < n; j++)
		if (v[j] < b)
			b = v[j];
	return a + w * (b - a);
}

double
quantile8_select(double *v, size_t n, double p)
{
	size_t from = 0;
	return quantile8_from(v, n, p, &from);
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

/*
 * The screens are floats.  A float's bits with the sign folded in (the
 * key) order like its value, and so do the values on a fence's scale:
 * log is increasing at a float's resolution.  The quartiles are order
 * statistics of the keys, found by radix selection on 32-bit integers;
 * only the few keys they need become doubles again.  A -0 is the one
 * value whose key orders unlike the double (below +0, which it equals):
 * a screen holding one has its quartiles found on the doubles.
 */
#define KEY_NONE 0 /* the key of no float but a NaN's */

static uint32_t
float_key(float x)
{
	uint32_t u;

	memcpy(&u, &x, sizeof u);
	return u & 0x80000000u ? ~u : u | 0x80000000u;
}

static float
key_float(uint32_t k)
{
	uint32_t u = k & 0x80000000u ? k & 0x7fffffffu : ~k;
	float x;

	memcpy(&x, &u, sizeof x);
	return x;
}

static double
key_value(int s, uint32_t k)
{
	return screen_scale(s, key_float(k));
}

/* Selection sorts what is this short. */
#define SELECT_SORT_MAX 48
/* Most bits of the key range that one pass of the selection splits on. */
#define SELECT_BITS 11

/* The bucket b of start[0..nb] (ascending, start[nb] = n) whose
 * [start[b], start[b + 1]) holds rank r. */
static size_t
bucket_of(const size_t *start, size_t nb, size_t r)
{
	size_t lo = 0, hi = nb - 1;

	while (lo < hi) {
		size_t mid = lo + (hi - lo + 1) / 2;
		if (start[mid] <= r)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

/* Bits to split n keys on: some eight keys a bucket, at most
 * SELECT_BITS. */
static int
select_bits(size_t n)
{
	int bits = 0;

	while (bits < SELECT_BITS && n >> (bits + 3) > 1)
		bits++;
	return bits;
}

/* The most ranks a selection is asked for: three quartiles, each with
 * the order statistic after it. */
#define SELECT_RANKS_MAX 6

/*
 * The keys of ranks rank[0..nr) (0-based) of v[0..n), whose keys lie in
 * [lo, hi], into out[]: that range cut into 2^SELECT_BITS buckets, the
 * keys of the buckets that hold a rank gathered into tmp at their sorted
 * places, and those buckets selected in the same way (a range
 * 2^SELECT_BITS times narrower), v serving as their scratch.  v and
 * tmp[0..n) are both overwritten.
 */
static void
keys_select(uint32_t *v, size_t n, uint32_t lo, uint32_t hi, const size_t *rank,
	    size_t nr, uint32_t *out, uint32_t *tmp)
{
	if (lo == hi || n <= SELECT_SORT_MAX) {
		if (lo != hi)
			u32_insertion_sort(v, n);
		for (size_t j = 0; j < nr; j++)
			out[j] = lo == hi ? lo : v[rank[j]];
		return;
	}
	int width = 32 - __builtin_clz(hi - lo), bits = select_bits(n);
	int shift = width > bits ? width - bits : 0;
	uint32_t span = (1u << shift) - 1; /* of a bucket's keys, less 1 */
	size_t nb = ((size_t)(hi - lo) >> shift) + 1, of[SELECT_RANKS_MAX];
	size_t start[(1u << SELECT_BITS) + 1], at[1u << SELECT_BITS];
	uint8_t wanted[1u << SELECT_BITS];

	memset(start, 0, (nb + 1) * sizeof *start);
	for (size_t i = 0; i < n; i++)
		start[((v[i] - lo) >> shift) + 1]++;
	for (size_t b = 0; b < nb; b++)
		start[b + 1] += start[b];
	memset(wanted, 0, nb);
	for (size_t j = 0; j < nr; j++) {
		of[j] = bucket_of(start, nb, rank[j]);
		wanted[of[j]] = 1;
		at[of[j]] = start[of[j]];
	}
	for (size_t i = 0; i < n; i++) {
		size_t b = (v[i] - lo) >> shift;
		if (wanted[b])
			tmp[at[b]++] = v[i];
	}
	for (size_t j = 0; j < nr; j++) {
		size_t b = of[j], sub[SELECT_RANKS_MAX], nsub = 0;
		uint32_t got[SELECT_RANKS_MAX];
		uint32_t blo = lo + (uint32_t)(b << shift);
		uint32_t bhi = hi - blo > span ? blo + span : hi;
		if (!wanted[b])
			continue; /* done with an earlier rank of b */
		wanted[b] = 0;
		for (size_t i = j; i < nr; i++)
			if (of[i] == b)
				sub[nsub++] = rank[i] - start[b];
		keys_select(tmp + start[b], start[b + 1] - start[b], blo, bhi,
			    sub, nsub, got, v + start[b]);
		nsub = 0;
		for (size_t i = j; i < nr; i++)
			if (of[i] == b)
				out[i] = got[nsub++];
	}
}

/* Quartiles of a fence, Q1, median, Q3. */
static const double quartile_p[3] = {0.25, 0.5, 0.75};

/* Min, quartiles and max of fence f of screen s from its n keys v, all in
 * [lo, hi] (v reordered, tmp scratch of n). */
static void
fence_from_keys(uint32_t *v, size_t n, uint32_t lo, uint32_t hi, int s,
		struct fence *f, uint32_t *tmp)
{
	size_t rank[SELECT_RANKS_MAX], nr = 0, first[3];
	uint32_t key[SELECT_RANKS_MAX];
	double w[3], q[3];
	bool interp[3];

	for (int j = 0; j < 3; j++) {
		first[j] = nr;
		rank[nr++] =
			quantile8_rank(n, quartile_p[j], &w[j], &interp[j]);
		if (interp[j]) {
			rank[nr] = rank[nr - 1] + 1;
			nr++;
		}
	}
	keys_select(v, n, lo, hi, rank, nr, key, tmp);
	for (int j = 0; j < 3; j++) {
		double a = key_value(s, key[first[j]]);
		q[j] = a;
		if (interp[j])
			q[j] = a + w[j] * (key_value(s, key[first[j] + 1]) - a);
	}
	f->min = key_value(s, lo);
	f->q1 = q[0];
	f->median = q[1];
	f->q3 = q[2];
	f->max = key_value(s, hi);
}

/* The same on doubles, the n keys v in input order (untouched), for a
 * screen with a -0 among its values: ties of -0 and 0 resolved as the
 * double selection and comparisons resolve them.  d: scratch of n. */
static void
fence_from_doubles(const uint32_t *v, size_t n, int s, struct fence *f,
		   double *d)
{
	size_t at = 0;

	for (size_t i = 0; i < n; i++)
		d[i] = key_value(s, v[i]);
	f->min = f->max = d[0];
	for (size_t i = 0; i < n; i++) {
		if (d[i] < f->min)
			f->min = d[i];
		if (d[i] > f->max)
			f->max = d[i];
	}
	/* each selection leaves the larger values above its index: the next,
	 * higher quantile is looked for among them only */
	f->q1 = quantile8_from(d, n, quartile_p[0], &at);
	f->median = quantile8_from(d, n, quartile_p[1], &at);
	f->q3 = quantile8_from(d, n, quartile_p[2], &at);
}

/*
 * What fences() works on.  The one pass over the tenders (a cache line
 * or two each) leaves each screen's keys by category, key[s * nt +
 * start[c]..] in input order, each fence's count in its n (KEY_NONE, a
 * value not in the fences, none or infinite on the fence's scale, is
 * written but not counted: overwritten by the next), and, when the
 * means are wanted, each fence's sum of its values on its scale, in
 * input order as the mean always was (the logs are most of the pass).
 */
struct fence_work {
	struct market *m;
	struct fence *f;     /* [(nc + 1) * SCR_COUNT], nc: all */
	uint32_t *key;       /* [SCR_COUNT * nt] */
	size_t *start;       /* [nc + 1]: category c's tenders before it */
	double *sum;         /* [(nc + 1) * SCR_COUNT], NULL: no means */
	uint32_t *klo, *khi; /* one screen's least and largest key, [nc] */
	uint32_t *all, *tmp; /* one screen's keys, and scratch, [nt] */
	double *d;           /* NULL until a -0 needs it */
};

/* The keys of the values each screen's fences hold: a log-scale screen's
 * positive and finite, another's finite, above lo[s] and below hi[s]. */
static void
keys_kept(uint32_t *lo, uint32_t *hi)
{
	for (int s = 0; s < SCR_COUNT; s++) {
		lo[s] = float_key(scr_info[s].log_scale ? 0.0f : -INFINITY);
		hi[s] = float_key(INFINITY);
	}
}

/* Where each category's keys start in a screen's: its tenders'
 * count apart. */
static void
category_starts(struct fence_work *w)
{
	const struct market *m = w->m;
	size_t nc = m->cats.n;

	memset(w->start, 0, (nc + 1) * sizeof *w->start);
	for (size_t i = 0; i < m->nt; i++)
		w->start[m->t[i].category + 1]++;
	for (size_t c = 0; c < nc; c++)
		w->start[c + 1] += w->start[c];
}

/* Each fence's sum of the values a tender's screens add to it. */
static void
sums_add(double *sum, double *sum_all, const float *scr, const uint32_t *key)
{
	for (int s = 0; s < SCR_COUNT; s++) {
		if (key[s] == KEY_NONE)
			continue;
		double x = scr[s], y = scr_info[s].log_scale ? log(x) : x;
		sum[s] += y;
		sum_all[s] += y;
	}
}

static void
screen_keys(struct fence_work *w)
{
	const struct market *m = w->m;
	size_t nt = m->nt, nc = m->cats.n;
	uint32_t lo[SCR_COUNT], hi[SCR_COUNT], k[SCR_COUNT];

	keys_kept(lo, hi);
	for (size_t i = 0; i < nt; i++) {
		const struct tender *t = &m->t[i];
		struct fence *f = &w->f[t->category * SCR_COUNT];
		size_t at = w->start[t->category];
		for (int s = 0; s < SCR_COUNT; s++) {
			uint32_t x = float_key(t->scr[s]);
			bool kept = x > lo[s] && x < hi[s];
			k[s] = kept ? x : KEY_NONE;
			w->key[s * nt + at + f[s].n] = k[s];
			f[s].n += kept;
		}
		if (w->sum)
			sums_add(&w->sum[t->category * SCR_COUNT],
				 &w->sum[nc * SCR_COUNT], t->scr, k);
	}
}

/* The least and largest of keys v[0..n) (n > 0); whether -0's is
 * among them. */
static bool
keys_range(const uint32_t *v, size_t n, uint32_t *lo, uint32_t *hi)
{
	uint32_t l = v[0], h = v[0];
	bool negzero = false;

	for (size_t i = 0; i < n; i++) {
		l = v[i] < l ? v[i] : l;
		h = v[i] > h ? v[i] : h;
		negzero |= v[i] == float_key(-0.0f);
	}
	*lo = l;
	*hi = h;
	return negzero;
}

/* Screen s's keys in input order into w->all: only a screen with a -0
 * needs them so (fence_from_doubles()), the one pass over the tenders
 * left them by category. */
static void
screen_keys_in_order(struct fence_work *w, int s)
{
	const struct market *m = w->m;
	uint32_t lo[SCR_COUNT], hi[SCR_COUNT];
	size_t na = 0;

	keys_kept(lo, hi);
	for (size_t i = 0; i < m->nt; i++) {
		uint32_t x = float_key(m->t[i].scr[s]);
		if (x > lo[s] && x < hi[s])
			w->all[na++] = x;
	}
}

/* A fence from its count, sum, min, quartiles and max. */
static void
fence_finish(struct fence *f, double sum, double k)
{
	if (f->n == 0) {
		f->q1 = f->q3 = f->lo = f->hi = f->median = NAN;
		f->min = f->max = f->mean = NAN;
		return;
	}
	f->mean = sum / (double)f->n;
	/* fewer values than a fence needs: no fence, rather than one that
	 * reads as a rule and flags nothing */
	if (f->n < FENCE_MIN_VALUES) {
		f->lo = f->hi = NAN;
		return;
	}
	f->lo = f->q1 - k * (f->q3 - f->q1);
	f->hi = f->q3 + k * (f->q3 - f->q1);
}

#ifdef GOVKIT_SELF_CHECK
/* Sanitizer and fuzz builds hold the keys' fence to the doubles'. */
static void
fence_check(const uint32_t *v, size_t n, int s, const struct fence *f)
{
	double *d = gk_xmalloc(n * sizeof *d);
	struct fence g;

	fence_from_doubles(v, n, s, &g, d);
	if (memcmp(&f->min, &g.min, sizeof g.min) ||
	    memcmp(&f->q1, &g.q1, sizeof g.q1) ||
	    memcmp(&f->median, &g.median, sizeof g.median) ||
	    memcmp(&f->q3, &g.q3, sizeof g.q3) ||
	    memcmp(&f->max, &g.max, sizeof g.max))
		abort();
	free(d);
}
#endif

/* Fence f of screen s from its keys v[0..f->n) (reordered), all in
 * [lo, hi], none -0's. */
static void
fence_of_keys(struct fence_work *w, uint32_t *v, uint32_t lo, uint32_t hi,
	      int s, struct fence *f)
{
#ifdef GOVKIT_SELF_CHECK
	uint32_t *copy = gk_xmalloc(f->n * sizeof *copy);
	memcpy(copy, v, f->n * sizeof *copy);
#endif
	fence_from_keys(v, f->n, lo, hi, s, f, w->tmp);
#ifdef GOVKIT_SELF_CHECK
	fence_check(copy, f->n, s, f);
	free(copy);
#endif
}

/* Every fence of screen s: each category's, whose keys are then
 * gathered for all's (in the input order a -0 needs). */
static void
screen_fences(struct fence_work *w, int s)
{
	size_t nc = w->m->cats.n, nt = w->m->nt, na = 0;
	uint32_t *key = w->key + s * nt, alo = UINT32_MAX, ahi = 0;
	struct fence *fa = &w->f[nc * SCR_COUNT + s];
	bool negzero = false;

	for (size_t c = 0; c < nc; c++) {
		struct fence *f = &w->f[c * SCR_COUNT + s];
		uint32_t *v = key + w->start[c];
		if (f->n == 0)
			continue;
		if (keys_range(v, f->n, &w->klo[c], &w->khi[c]))
			negzero = true;
		alo = w->klo[c] < alo ? w->klo[c] : alo;
		ahi = w->khi[c] > ahi ? w->khi[c] : ahi;
		memcpy(w->all + na, v, f->n * sizeof *v);
		na += f->n;
	}
	fa->n = (uint32_t)na;
	if (negzero && !w->d)
		w->d = gk_xmalloc((nt + 1) * sizeof *w->d);
	for (size_t c = 0; c < nc; c++) {
		struct fence *f = &w->f[c * SCR_COUNT + s];
		uint32_t *v = key + w->start[c];
		if (f->n == 0)
			continue;
		if (negzero)
			fence_from_doubles(v, f->n, s, f, w->d);
		else
			fence_of_keys(w, v, w->klo[c], w->khi[c], s, f);
	}
	if (na > 0 && negzero) {
		screen_keys_in_order(w, s);
		fence_from_doubles(w->all, na, s, fa, w->d);
	} else if (na > 0) {
		fence_of_keys(w, w->all, alo, ahi, s, fa);
	}
	for (size_t c = 0; c <= nc; c++)
		fence_finish(&w->f[c * SCR_COUNT + s],
			     w->sum ? w->sum[c * SCR_COUNT + s] : NAN,
			     w->m->conf->fence_k);
}

static void
fences(struct market *m, struct analysis *a)
{
	size_t nc = m->cats.n, nt = m->nt;
	struct fence_work w = {
		.m = m,
		.f = gk_xcalloc((nc + 1) * SCR_COUNT, sizeof *w.f),
		.key = gk_xmalloc((nt + 1) * SCR_COUNT * sizeof *w.key),
		.start = gk_xmalloc((nc + 1) * sizeof *w.start),
		.sum = !m->no_means
			       ? gk_xcalloc((nc + 1) * SCR_COUNT, sizeof *w.sum)
			       : NULL,
		.klo = gk_xmalloc((nc + 1) * sizeof *w.klo),
		.khi = gk_xmalloc((nc + 1) * sizeof *w.khi),
		.all = gk_xmalloc((nt + 1) * sizeof *w.all),
		.tmp = gk_xmalloc((nt + 1) * sizeof *w.tmp),
	};

	category_starts(&w);
	screen_keys(&w);
	for (int s = 0; s < SCR_COUNT; s++)
		screen_fences(&w, s);
	a->ncats = (uint32_t)nc;
	a->fences = w.f;
	free(w.key);
	free(w.start);
	free(w.sum);
	free(w.klo);
	free(w.khi);
	free(w.all);
	free(w.tmp);
	free(w.d);
}

/* Distinct valid bidders of tender t into out (room for its bids),
 * sorted; their count. */
static size_t
tender_valid_bidders(const struct market *m, const struct tender *t,
		     uint32_t *out)
{
	size_t k = 0;

	for (uint32_t i = 0; i < t->nbids; i++) {
		const struct bid *b = &m->bids[t->bid_off + i];
		if (b->status == BS_VALID)
			out[k++] = b->bidder;
	}
	return ids_sort_unique(out, k);
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

/* Partner y among a bidder's partners p[0..n): NULL none. */
/* A bidder's partners are looked for in turn up to this many, in
 * order above (sorted when counted). */
#define PARTNERS_SCAN_MAX 64

static const struct partner *
partner_find(const struct partner *p, uint64_t n, uint32_t y)
{
	if (n > PARTNERS_SCAN_MAX) { /* sorted: tally_pairs() */
		uint64_t lo = 0, hi = n;
		while (lo < hi) {
			uint64_t mid = lo + (hi - lo) / 2;
			if (p[mid].q < y)
				lo = mid + 1;
			else
				hi = mid;
		}
		return lo < n && p[lo].q == y ? &p[lo] : NULL;
	}
	for (uint64_t k = 0; k < n; k++)
		if (p[k].q == y)
			return &p[k];
	return NULL;
}

/* Most bidders have a few dozen partners (43 at most on the million),
 * looked for in turn: a map of all the pairs cost more to fill and to
 * fault in (50 MB on the million) than the report's lookups save. */
bool
pair_cobids(const struct analysis *a, uint32_t x, uint32_t y, uint32_t *n)
{
	uint32_t j = 0;

	if (x > y) {
		uint32_t t = x;
		x = y;
		y = t;
	}
	for (uint32_t i = 1; i < a->npair_parts; i++)
		j += x >= a->pairs[i].from;
	const struct pair_counts *pc = &a->pairs[j];
	*n = 0;
	if (j >= a->npair_parts || x < pc->from || x >= pc->to)
		return false;
	const uint64_t *off = pc->off + (x - pc->from);
	const struct partner *f =
		partner_find(pc->p + off[0], off[1] - off[0], y);
	if (f)
		*n = f->n;
	return f != NULL;
}

static bool pair_is_strong(const struct market *m, const struct analysis *a,
			   uint32_t x, uint32_t y, uint32_t n);

bool
pair_strong(const struct market *m, uint32_t a, uint32_t b, uint64_t *count)
{
	uint32_t n;
	bool cobid = pair_cobids(m->an, a, b, &n);

	if (count)
		*count = n;
	return cobid &&
	       pair_is_strong(m, m->an, a < b ? a : b, a < b ? b : a, n);
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
			const uint32_t *v;
			if (comp[q] == comp[p] &&
			    (v = u64map_find(&it->m->an->strong,
					     pair_key(p, q)))) {
				*a = p;
				*b = q;
				if (count)
					*count = v[0];
				return true;
			}
		}
	}
	return false;
}

/*
 * Memory a thread of the analysis may take its temporaries from: a half
 * of the bids' array, which nothing reads after valid_bidders() when
 * market.bids_spare says so.  Its pages were faulted in by the load,
 * where a new array of this size is faulted in anew, a page at a time
 * (2 us a page with its zeroing in this VM): 60 MB of the pairs' runs,
 * the losses' and loser-then-winner's on the million.  What is taken is
 * never given back: the bids' array is freed with the market.
 */
struct spare {
	char *p;
	size_t n;
};

/* n bytes from sp (NULL: none), else malloc'd; *owned: whether
 * malloc'd (to be freed). */
static void *
spare_take(struct spare *sp, size_t n, bool *owned)
{
	size_t need = (n + 63) & ~(size_t)63;

	*owned = !sp || sp->n < need;
	if (*owned)
		return gk_xmalloc(n);
	void *p = sp->p;
	sp->p += need;
	sp->n -= need;
	return p;
}

static void
spare_free(void *p, bool owned)
{
	if (owned)
		free(p);
}

struct sigrec {
	uint64_t sig;
	uint32_t t;
};

/* Buckets of sigrecs_sort(): about one for this many records, at most
 * 2^SIG_BUCKET_BITS_MAX. */
#define SIG_BUCKET_RECORDS 4
#define SIG_BUCKET_BITS_MAX 24

/*
 * sr[0..n), in input order (t ascending), by signature then t: a bucket
 * sort on the signature's top bits (the signature is a hash: the buckets
 * are even), stable, then an insertion sort of each bucket, stable too.
 */
static void
sigrecs_sort(struct sigrec *sr, size_t n, struct spare *sp)
{
	int bits = 1;
	while (bits < SIG_BUCKET_BITS_MAX &&
	       ((size_t)1 << bits) * SIG_BUCKET_RECORDS < n)
		bits++;
	size_t nbk = (size_t)1 << bits;
	size_t *at = gk_xcalloc(nbk + 1, sizeof *at);
	bool owned;
	struct sigrec *tmp = spare_take(sp, (n + 1) * sizeof *tmp, &owned);

	for (size_t i = 0; i < n; i++)
		at[(sr[i].sig >> (64 - bits)) + 1]++;
	for (size_t b = 0; b < nbk; b++)
		at[b + 1] += at[b];
	for (size_t i = 0; i < n; i++)
		tmp[at[sr[i].sig >> (64 - bits)]++] = sr[i];
	/* at[b] is now where bucket b + 1 starts */
	for (size_t b = 0, from = 0; b < nbk; from = at[b++])
		for (size_t i = from + 1; i < at[b]; i++) {
			struct sigrec x = tmp[i];
			size_t j = i;
			while (j > from && tmp[j - 1].sig > x.sig) {
				tmp[j] = tmp[j - 1];
				j--;
			}
			tmp[j] = x;
		}
	memcpy(sr, tmp, n * sizeof *sr);
	free(at);
	spare_free(tmp, owned);
#ifdef GOVKIT_SELF_CHECK
	/* sanitizer and fuzz builds: in order, as qsort() left them */
	for (size_t i = 1; i < n; i++)
		if (sr[i - 1].sig > sr[i].sig ||
		    (sr[i - 1].sig == sr[i].sig && sr[i - 1].t >= sr[i].t))
			abort();
#endif
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
	size_t nvb = 0;

	a->vb_off = gk_xmalloc((m->nt + 1) * sizeof *a->vb_off);
	/* no more than the market's bids */
	a->vb = gk_xmalloc((m->nbids + 1) * sizeof *a->vb);
	for (size_t i = 0; i < m->nt; i++) {
		size_t k = tender_valid_bidders(m, &m->t[i], a->vb + nvb);
		if (!pairs_counted(m, k))
			m->t[i].notes |= NOTE_MANY_BIDDERS;
		a->vb_off[i] = nvb;
		nvb += k;
	}
	a->vb_off[m->nt] = nvb;
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

/*
 * Per bidder its valid bids and its wins (of a tender it validly bid
 * in); per tender its winner when one of its valid bidders, else -1,
 * into won[].
 */
static void
count_wins(const struct market *m, struct analysis *a, int32_t *won)
{
	size_t nb = m->bidders.n;

	a->nvalid_b = gk_xcalloc(nb + 1, sizeof *a->nvalid_b);
	a->nwins_b = gk_xcalloc(nb + 1, sizeof *a->nwins_b);
	for (size_t i = 0; i < m->nt; i++) {
		const uint32_t *vb = a->vb + a->vb_off[i];
		size_t k = a->vb_off[i + 1] - a->vb_off[i];
		for (size_t x = 0; x < k; x++)
			a->nvalid_b[vb[x]]++;
		won[i] = winner_valid(m, a, i) ? tender_awarded(&m->t[i]) : -1;
		if (won[i] >= 0)
			a->nwins_b[won[i]]++;
	}
}

/*
 * Runs of valid bidders by bidder: bidder b's are run[off[b]..off[b +
 * 1]), in input order, each a stretch of a->vb (a tender's bidders, or
 * some of them).  The pairs and the losses are counted bidder by bidder
 * from them: counting each pair of each tender into a map larger than the
 * caches cost a miss a pair, where a bidder's counts fit in an array as
 * long as the bidders, which the caches hold, and each run costs a miss
 * (started ahead).
 */
struct bidder_runs {
	uint64_t *off;
	void *run;      /* runs_counted(): uint32_t words, or uint64_t */
	bool run_owned; /* ... malloc'd, not spare */
	bool wide;      /* ... uint64_t */
	int shift;      /* a word: start << shift | length */
	uint64_t n;     /* off[bidders] */
	uint64_t *next; /* filling: where bidder b's next run goes */
	/* counting: the longest run and the last start */
	uint64_t max_len, max_at;
};

/* A run in a word: its start in a->vb, and its length in the low bits
 * (a longer run is cut in runs this long).  A market whose starts and
 * lengths fit has them in 32 bits, the length in as few as it needs (a
 * pair's run is shorter than cobid.max_bidders): half the fresh memory
 * of 64-bit words (52 MB of pairs' runs on the million) and of the
 * scattered writes that fill them. */
#define RUN_LEN_BITS 24
#define RUN_LEN_MAX ((1u << RUN_LEN_BITS) - 1)

/* The bits of x, at least one. */
static int
bit_width(uint64_t x)
{
	return x ? 64 - __builtin_clzll(x) : 1;
}

static inline void
run_put(struct bidder_runs *r, uint64_t i, uint64_t at, uint64_t len)
{
	uint64_t word = at << r->shift | len;

	if (r->wide)
		((uint64_t *)r->run)[i] = word;
	else
		((uint32_t *)r->run)[i] = (uint32_t)word;
}

static inline uint64_t
run_get(const struct bidder_runs *r, uint64_t i)
{
	return r->wide ? ((const uint64_t *)r->run)[i]
		       : ((const uint32_t *)r->run)[i];
}

/* Bidder b's run vb[at..at + len) (len <= RUN_LEN_MAX): counted in
 * next[b] while r->run is NULL, then stored. */
static inline void
run_add(struct bidder_runs *r, uint32_t b, uint64_t at, uint64_t len)
{
	if (r->run) {
		run_put(r, r->next[b]++, at, len);
		return;
	}
	r->next[b]++;
	r->max_len = len > r->max_len ? len : r->max_len;
	r->max_at = at > r->max_at ? at : r->max_at;
}

/* Runs read so far ahead of the one counted are prefetched. */
#define RUN_AHEAD 16

static void
runs_alloc(struct bidder_runs *r, size_t nb)
{
	r->off = gk_xcalloc(nb + 1, sizeof *r->off);
	r->next = gk_xcalloc(nb + 1, sizeof *r->next);
	r->run = NULL;
	r->max_len = r->max_at = 0;
}

/* runs_add() of a run too long for one, or empty. */
static void
runs_add_cut(struct bidder_runs *r, uint32_t b, uint64_t at, uint64_t len)
{
	while (len > 0) {
		uint64_t n = len < RUN_LEN_MAX ? len : RUN_LEN_MAX;
		run_add(r, b, at, n);
		at += n;
		len -= n;
	}
}

/* Bidder b's run vb[at..at + len): counted in next[b] while r->run is
 * NULL, then stored. */
static inline void
runs_add(struct bidder_runs *r, uint32_t b, uint64_t at, uint64_t len)
{
	if (len - 1 >= RUN_LEN_MAX) /* none, or longer than a run */
		runs_add_cut(r, b, at, len);
	else
		run_add(r, b, at, len);
}

/* Done counting (nb bidders): the offsets, and room for the runs (from
 * sp when it has it). */
static void
runs_counted(struct bidder_runs *r, size_t nb, struct spare *sp)
{
	for (size_t b = 0; b < nb; b++)
		r->off[b + 1] = r->off[b] + r->next[b];
	memcpy(r->next, r->off, nb * sizeof *r->next);
	r->n = r->off[nb];
	r->shift = bit_width(r->max_len);
	r->wide = r->shift + bit_width(r->max_at) > 32;
	if (r->wide)
		r->shift = RUN_LEN_BITS;
	r->run = spare_take(
		sp,
		(r->n + 1) * (r->wide ? sizeof(uint64_t) : sizeof(uint32_t)),
		&r->run_owned);
}

static void
runs_free(struct bidder_runs *r)
{
	free(r->off);
	spare_free(r->run, r->run_owned);
	free(r->next);
}

/* Counts in acc (zero between bidders) of the bidders in touched[]. */
struct tally {
	uint32_t *acc, *touched;
	size_t n;
};

/* Tally the bidders of bidder b's runs in r (its pairs: the bidders
 * after it; its wins: the bidders of the tenders it won, itself among
 * them).  A bidder's first count puts it in touched[], a store made for
 * every bidder, where a branch on it would be mispredicted often. */
static void
tally_runs(const struct analysis *a, const struct bidder_runs *r, uint32_t b,
	   struct tally *y)
{
	uint32_t *acc = y->acc, *touched = y->touched;
	size_t n = y->n;
	uint64_t len_mask = ((uint64_t)1 << r->shift) - 1;

	for (uint64_t j = r->off[b]; j < r->off[b + 1]; j++) {
		uint64_t word = run_get(r, j);
		const uint32_t *v = a->vb + (word >> r->shift);
		const uint32_t *e = v + (word & len_mask);
		if (j + RUN_AHEAD < r->n)
			__builtin_prefetch(a->vb + (run_get(r, j + RUN_AHEAD) >>
						    r->shift));
		for (; v < e; v++) {
			touched[n] = *v;
			n += acc[*v]++ == 0;
		}
	}
	y->n = n;
}

/* A tender whose pairs are counted, with its valid bidders vb[0..k), in
 * the configuration model: each bidder's valid bids in such tenders and
 * the sums of the expectation. */
static void
model_add(struct analysis *a, const uint32_t *vb, size_t k)
{
	a->s1 += (double)k;
	a->s2 += (double)k * (double)(k - (k > 0));
	for (size_t x = 0; x < k; x++)
		a->npair_b[vb[x]]++;
}

/* Each bidder's pairs in the tenders whose pairs are counted: the
 * bidders after it in each (each tender's bidders are sorted); on the
 * way, those tenders into the configuration model. */
static void
pair_runs(const struct market *m, struct analysis *a, struct bidder_runs *r,
	  struct spare *sp)
{
	a->npair_b = gk_xcalloc(m->bidders.n + 1, sizeof *a->npair_b);
	runs_alloc(r, m->bidders.n);
	for (int fill = 0; fill < 2; fill++) {
		for (size_t i = 0; i < m->nt; i++) {
			uint64_t o = a->vb_off[i], k = a->vb_off[i + 1] - o;
			if (!pairs_counted(m, k))
				continue;
			if (!fill)
				model_add(a, a->vb + o, k);
			for (uint64_t x = 0; x + 1 < k; x++)
				runs_add(r, a->vb[o + x], o + x + 1, k - 1 - x);
		}
		if (!fill)
			runs_counted(r, m->bidders.n, sp);
	}
}

/* Do bidders x < y, together in n counted tenders, co-bid far above
 * the configuration model's expectation?  Most pairs are too few to:
 * their bidders' counts (a miss each) are not read. */
static bool
pair_is_strong(const struct market *m, const struct analysis *a, uint32_t x,
	       uint32_t y, uint32_t n)
{
	const struct bid_conf *c = m->conf;
	double cnt = (double)n;

	if (!(cnt >= c->cobid_min))
		return false;
	double rare =
		a->npair_b[x] < a->npair_b[y] ? a->npair_b[x] : a->npair_b[y];
	double expect = a->s1 > 0 ? (double)a->npair_b[x] * a->npair_b[y] *
					    a->s2 / (a->s1 * a->s1)
				  : 0;

	return rare > 0 && cnt / rare >= c->cobid_share &&
	       (expect <= 0 || cnt / expect >= c->cobid_lift);
}

bool
run_beside(pthread_t *th, void *(*fn)(void *), void *arg)
{
	if (pthread_create(th, NULL, fn, arg) == 0)
		return true;
	fn(arg);
	return false;
}

/* A pair of bidders x < y that co-bid n times, far above expectation. */
struct strong_pair {
	uint32_t x, y, n;
};

static int
cmp_partner(const void *x, const void *y)
{
	const struct partner *p = x, *q = y;
	return p->q < q->q ? -1 : p->q > q->q;
}

/* Some bidders' pairs, counted into pc, and the strong ones into
 * strong[0..nstrong), which the groups join. */
struct pair_tally {
	const struct market *m;
	const struct analysis *a;
	const struct bidder_runs *r;
	struct pair_counts *pc;
	struct strong_pair *strong;
	size_t nstrong, capstrong;
};

static void strong_add(struct pair_tally *t, uint32_t x, uint32_t y,
		       uint32_t n);

/* The pairs of bidders pc->from..pc->to, each once, from their runs (y:
 * the counts, zero), into t->pc; the strong ones listed. */
static void
tally_pairs(struct pair_tally *t, struct tally *ty)
{
	struct pair_counts *pc = t->pc;
	size_t n = 0, cap = 0;
	struct tally y = *ty;

	pc->off = gk_xmalloc((pc->to - pc->from + 1) * sizeof *pc->off);
	pc->p = NULL;
	for (uint32_t b = pc->from; b < pc->to; b++) {
		tally_runs(t->a, t->r, b, &y);
		if (n + y.n > cap) {
			cap = (n + y.n) * 2;
			pc->p = gk_xrealloc(pc->p, cap * sizeof *pc->p);
		}
		pc->off[b - pc->from] = n;
		for (size_t x = 0; x < y.n; x++) {
			uint32_t q = y.touched[x], c = y.acc[q];
			pc->p[n].q = q;
			pc->p[n++].n = c;
			y.acc[q] = 0;
			if (pair_is_strong(t->m, t->a, b, q, c))
				strong_add(t, b, q, c);
		}
		if (y.n > PARTNERS_SCAN_MAX)
			qsort(pc->p + n - y.n, y.n, sizeof *pc->p, cmp_partner);
		y.n = 0;
	}
	pc->off[pc->to - pc->from] = n;
}

/* A market of this many runs of pairs has them counted in PAIR_PARTS
 * parts, on two threads, the main thread's critical path otherwise. */
#define PAIRS_SPLIT_RUNS 65536

/* The parts of the pairs, taken in turn by the threads that count them:
 * each thread ends with a part as small as an eighth of the whole, where
 * halves, one a thread, left a core idle while the other finished. */
struct pair_parts {
	struct pair_tally *part;
	size_t n, next;
	size_t nb;
	pthread_mutex_t mu;
};

static void *
pair_parts_work(void *arg)
{
	struct pair_parts *pp = arg;
	struct tally y = {.acc = gk_xcalloc(pp->nb + 1, sizeof *y.acc),
			  .touched =
				  gk_xmalloc((pp->nb + 1) * sizeof *y.touched)};

	for (;;) {
		pthread_mutex_lock(&pp->mu);
		size_t j = pp->next < pp->n ? pp->next++ : pp->n;
		pthread_mutex_unlock(&pp->mu);
		if (j == pp->n)
			break;
		tally_pairs(&pp->part[j], &y);
	}
	free(y.acc);
	free(y.touched);
	return NULL;
}

/* The first bidder of r's runs from the j-th of n equal shares. */
static uint32_t
runs_share(const struct bidder_runs *r, size_t nb, size_t j, size_t n)
{
	uint32_t b = 0;

	while (b < nb && r->off[b] < r->n * j / n)
		b++;
	return b;
}

/*
 * Every pair of bidders of a counted tender and its co-bids, each once,
 * bidder by bidder: in part[0], or, on a large market, in PAIR_PARTS parts
 * of consecutive bidders, counted on two threads.  The parts, returned.
 */
static size_t
count_pairs(const struct market *m, struct analysis *a,
	    struct pair_tally part[PAIR_PARTS], struct spare *sp)
{
	size_t nb = m->bidders.n;
	struct bidder_runs r;
	struct pair_parts pp = {.part = part, .n = 1, .nb = nb};
	pthread_t th;
	bool beside = false;

	pair_runs(m, a, &r, sp);
	if (r.n >= PAIRS_SPLIT_RUNS)
		pp.n = PAIR_PARTS;
	a->npair_parts = (uint32_t)pp.n;
	for (size_t j = 0; j < pp.n; j++) {
		part[j] = (struct pair_tally){
			.m = m, .a = a, .r = &r, .pc = &a->pairs[j]};
		a->pairs[j].from = j ? runs_share(&r, nb, j, pp.n) : 0;
		if (j)
			a->pairs[j - 1].to = a->pairs[j].from;
	}
	a->pairs[pp.n - 1].to = (uint32_t)nb;
	pthread_mutex_init(&pp.mu, NULL);
	if (pp.n > 1)
		beside = run_beside(&th, pair_parts_work, &pp);
	pair_parts_work(&pp);
	if (beside)
		pthread_join(th, NULL);
	pthread_mutex_destroy(&pp.mu);
	runs_free(&r);
	return pp.n;
}

/* pair_key() of x < y. */
static uint64_t
ordered_pair_key(uint32_t x, uint32_t y)
{
	return ((uint64_t)x << 32 | y) + 1;
}

/* Strong pair x, y into t->strong. */
static void
strong_add(struct pair_tally *t, uint32_t x, uint32_t y, uint32_t n)
{
	if (t->nstrong == t->capstrong) {
		t->capstrong = t->capstrong ? t->capstrong * 2 : 256;
		t->strong = gk_xrealloc(t->strong,
					t->capstrong * sizeof *t->strong);
	}
	t->strong[t->nstrong++] = (struct strong_pair){x, y, n};
}

/* Joins x and y in the union-find forest parent. */
static void
uf_join(uint32_t *parent, uint32_t x, uint32_t y)
{
	uint32_t rx = uf_find(parent, x), ry = uf_find(parent, y);

	if (rx != ry)
		parent[rx] = ry;
}

/*
 * The groups: the connected components of the strong pairs, numbered by
 * their first member; a->comp of each bidder.  Returned: each member's
 * index in its group.
 */
static uint32_t *
make_groups(const struct market *m, struct analysis *a, uint32_t *parent,
	    const uint8_t *has)
{
	size_t nb = m->bidders.n;

	a->comp = gk_xmalloc((nb + 1) * sizeof *a->comp);
	int32_t *root_group = gk_xmalloc((nb + 1) * sizeof *root_group);
	uint32_t *memidx = gk_xcalloc(nb + 1, sizeof *memidx);
	for (size_t i = 0; i <= nb; i++)
		root_group[i] = -1;
	size_t capg = 0;
	for (size_t i = 0; i < nb; i++) {
		a->comp[i] = -1;
		/* a bidder is in a group only if it has a strong pair */
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
	return memidx;
}

/* Presence and wins of each group, tender by tender, and rotation. */
static void
group_rotation(const struct market *m, struct analysis *a,
	       const uint32_t *memidx, const int32_t *won)
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
		int32_t w = won[i];
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
				g->won++;
				g->wins[memidx[w]]++;
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

/* Each winner's tenders it won, validly bidding in them: their
 * bidders. */
static void
win_runs(const struct market *m, const struct analysis *a, const int32_t *won,
	 struct bidder_runs *r, struct spare *sp)
{
	runs_alloc(r, m->bidders.n);
	for (int fill = 0; fill < 2; fill++) {
		for (size_t i = 0; i < m->nt; i++)
			if (won[i] >= 0)
				runs_add(r, (uint32_t)won[i], a->vb_off[i],
					 a->vb_off[i + 1] - a->vb_off[i]);
		if (!fill)
			runs_counted(r, m->bidders.n, sp);
	}
}

/*
 * Each loser's losses to the winner it lost to most (the lowest id of
 * equals) into cover_n and cover_of: the losses to each winner in turn,
 * the winners in ascending order.
 */
static void
count_losses(const struct market *m, struct analysis *a, const int32_t *won,
	     struct spare *sp)
{
	size_t nb = m->bidders.n;
	struct bidder_runs r;
	struct tally y = {.acc = gk_xcalloc(nb + 1, sizeof *y.acc),
			  .touched = gk_xmalloc((nb + 1) * sizeof *y.touched)};

	win_runs(m, a, won, &r, sp);
	for (uint32_t w = 0; w < nb; w++) {
		tally_runs(a, &r, w, &y);
		for (size_t x = 0; x < y.n; x++) {
			uint32_t q = y.touched[x];
			if (q != w && y.acc[q] > a->cover_n[q]) {
				a->cover_n[q] = y.acc[q];
				a->cover_of[q] = (int32_t)w;
			}
			y.acc[q] = 0;
		}
		y.n = 0;
	}
	runs_free(&r);
	free(y.acc);
	free(y.touched);
}

#ifdef GOVKIT_SELF_CHECK
/*
 * Sanitizer and fuzz builds count the pairs and the losses again, a
 * tender at a time into maps, and hold the counts of the runs to them:
 * the pairs once they are all stored, the losses before the cover
 * bidders are chosen from them.
 */
static void
pairs_check(const struct market *m, const struct analysis *a)
{
	struct u64map pairs;

	u64map_init(&pairs, 1024);
	for (size_t i = 0; i < m->nt; i++) {
		const uint32_t *vb = a->vb + a->vb_off[i];
		size_t k = a->vb_off[i + 1] - a->vb_off[i];
		if (pairs_counted(m, k))
			for (size_t x = 0; x < k; x++)
				for (size_t y = x + 1; y < k; y++)
					u64map_get(&pairs,
						   pair_key(vb[x], vb[y]))[0]++;
	}
	size_t n = 0, nstrong = 0;
	for (uint32_t j = 0; j < a->npair_parts; j++) {
		const struct pair_counts *pc = &a->pairs[j];
		n += pc->off[pc->to - pc->from];
		/* the strong pairs' map: those strong among them, none other */
		for (uint32_t b = pc->from; b < pc->to; b++)
			for (uint64_t i = pc->off[b - pc->from];
			     i < pc->off[b - pc->from + 1]; i++) {
				const struct partner *x = &pc->p[i];
				const uint32_t *v;
				if (!pair_is_strong(m, a, b, x->q, x->n))
					continue;
				v = u64map_find(&a->strong, pair_key(b, x->q));
				if (!v || v[0] != x->n)
					abort();
				nstrong++;
			}
	}
	if (pairs.n != n || a->strong.n != nstrong)
		abort();
	for (size_t i = 0; i < pairs.cap; i++) {
		uint64_t key = pairs.slots[i].key;
		uint32_t c;
		if (key && (!pair_cobids(a, (uint32_t)((key - 1) >> 32),
					 (uint32_t)(key - 1), &c) ||
			    c != pairs.slots[i].v[0]))
			abort();
	}
	u64map_release(&pairs);
}

static void
losses_check(const struct market *m, const struct analysis *a)
{
	struct u64map losses;
	size_t nb = m->bidders.n;
	uint32_t *most = gk_xcalloc(nb + 1, sizeof *most);
	int32_t *to = gk_xmalloc((nb + 1) * sizeof *to);

	u64map_init(&losses, 1024);
	for (size_t i = 0; i < m->nt; i++) {
		const uint32_t *vb = a->vb + a->vb_off[i];
		size_t k = a->vb_off[i + 1] - a->vb_off[i];
		int32_t w = tender_awarded(&m->t[i]);
		if (!winner_valid(m, a, i))
			continue;
		for (size_t x = 0; x < k; x++)
			if ((int32_t)vb[x] != w)
				u64map_get(&losses, ((uint64_t)vb[x] << 32 |
						     (uint32_t)w) +
							    1)[0]++;
	}
	for (size_t i = 0; i <= nb; i++)
		to[i] = -1;
	for (size_t i = 0; i < losses.cap; i++) {
		uint64_t key = losses.slots[i].key;
		uint32_t l = (uint32_t)((key - 1) >> 32),
			 w = (uint32_t)(key - 1);
		uint32_t n = losses.slots[i].v[0];
		if (key &&
		    (n > most[l] || (n == most[l] && w < (uint32_t)to[l]))) {
			most[l] = n;
			to[l] = (int32_t)w;
		}
	}
	for (size_t i = 0; i < nb; i++)
		if (most[i] != a->cover_n[i] || to[i] != a->cover_of[i])
			abort();
	u64map_release(&losses);
	free(most);
	free(to);
}
#endif

/* Cover bidders: never win, lose mostly to one winner. */
static void
cover_bidders(const struct market *m, struct analysis *a, const int32_t *won,
	      struct spare *sp)
{
	const struct bid_conf *c = m->conf;
	size_t nb = m->bidders.n;

	a->cover_of = gk_xmalloc((nb + 1) * sizeof *a->cover_of);
	a->cover_n = gk_xcalloc(nb + 1, sizeof *a->cover_n);
	for (size_t i = 0; i <= nb; i++)
		a->cover_of[i] = -1;
	count_losses(m, a, won, sp);
#ifdef GOVKIT_SELF_CHECK
	losses_check(m, a);
#endif
	for (size_t i = 0; i < nb; i++) {
		if (a->cover_of[i] < 0)
			continue;
		if (a->nwins_b[i] != 0 ||
		    a->nvalid_b[i] < (uint32_t)c->cover_min_bids ||
		    a->cover_n[i] < c->cover_share * a->nvalid_b[i])
			a->cover_of[i] = -1;
	}
}

/* The pairs and the groups of bidders they join; returned: each
 * member's index in its group. */
static uint32_t *
pairs_and_groups(struct market *m, struct analysis *a, struct spare *sp)
{
	size_t nb = m->bidders.n;
	uint8_t *has = gk_xcalloc(nb + 1, 1);
	uint32_t *parent = gk_xmalloc((nb + 1) * sizeof *parent);
	struct pair_tally part[PAIR_PARTS];
	size_t nparts = count_pairs(m, a, part, sp);

	for (size_t i = 0; i <= nb; i++)
		parent[i] = (uint32_t)i;
	size_t nstrong = 0;
	for (size_t j = 0; j < nparts; j++)
		nstrong += part[j].nstrong;
	u64map_init(&a->strong, nstrong);
	for (size_t j = 0; j < nparts; j++) {
		for (size_t i = 0; i < part[j].nstrong; i++) {
			const struct strong_pair *s = &part[j].strong[i];
			has[s->x] = has[s->y] = 1;
			uf_join(parent, s->x, s->y);
			u64map_get(&a->strong,
				   ordered_pair_key(s->x, s->y))[0] = s->n;
		}
		free(part[j].strong);
	}
	uint32_t *memidx = make_groups(m, a, parent, has);
	free(parent);
	free(has);
	return memidx;
}

/* Loser-then-winner: tenders with the same set of bidders, by date, whose
 * winner is one of them: a winner disqualified (or not bidding) neither
 * lost the earlier tender to the others nor won against them, and a
 * tender without a winner among its bidders tells neither. */
static void
loser_then_winner(struct market *m, struct analysis *a, const int32_t *won,
		  struct spare *sp)
{
	const struct bid_conf *c = m->conf;
	const uint32_t *vb;
	bool owned;
	struct sigrec *sr = spare_take(sp, (m->nt + 1) * sizeof *sr, &owned);
	size_t nsr = 0;
	a->ltw_prev = gk_xmalloc((m->nt + 1) * sizeof *a->ltw_prev);
	for (size_t i = 0; i < m->nt; i++) {
		a->ltw_prev[i] = -1;
		size_t k = a->vb_off[i + 1] - a->vb_off[i];
		vb = a->vb + a->vb_off[i];
		if (k < (size_t)c->ltw_min_bids || won[i] < 0)
			continue;
		sr[nsr].sig = hash_bytes(vb, k * sizeof *vb);
		sr[nsr].t = (uint32_t)i;
		nsr++;
	}
	sigrecs_sort(sr, nsr, sp);
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
	spare_free(sr, owned);
}

/* The bids' array, read no more, in two halves: one for each thread
 * that takes temporaries from it. */
static void
bids_halves(const struct market *m, struct spare half[2])
{
	size_t bytes = m->nbids * sizeof *m->bids,
	       first = bytes / 2 & ~(size_t)63;

	half[0] = (struct spare){(char *)m->bids, first};
	half[1] = (struct spare){(char *)m->bids + first, bytes - first};
}

/* The fences of the screens and of Cardinal. */
static void *
market_fences(void *arg)
{
	struct market *m = arg;

	fences(m, m->an);
	cardinal_finalize(m, m->an);
	return NULL;
}

/* What the counts of wins leave besides the analysis. */
struct counted {
	struct market *m;
	int32_t *won;     /* count_wins() */
	struct spare *sp; /* the temporaries' memory, NULL none */
};

/* The counts of bids and wins, the cover bidders and loser-then-winner. */
static void *
bidder_patterns(void *arg)
{
	const struct counted *c = arg;

	count_wins(c->m, c->m->an, c->won);
	cover_bidders(c->m, c->m->an, c->won, c->sp);
	loser_then_winner(c->m, c->m->an, c->won, c->sp);
	return NULL;
}

int
analyze(struct market *m)
{
	struct analysis *a = gk_xcalloc(1, sizeof *a);
	struct counted c = {m, gk_xmalloc((m->nt + 1) * sizeof *c.won), NULL};
	struct spare half[2] = {{NULL, 0}, {NULL, 0}}, *pair_sp = NULL;
	pthread_t fence_th, pattern_th;
	bool fence_beside, pattern_beside;

	m->an = a;
	/*
	 * Three parts, on the cores as they come free: the fences need only
	 * what the tenders hold; the counts of bids, the cover bidders and
	 * loser-then-winner the valid bidders; the pairs and the groups as
	 * much, and rotation the winners the counts found.  They write
	 * disjoint fields of the analysis.
	 */
	fence_beside = run_beside(&fence_th, market_fences, m);
	valid_bidders(m, a);
	if (m->bids_spare && m->bids) {
#ifdef GOVKIT_SELF_CHECK
		/* sanitizer and fuzz builds: a bid read from here on, which
		 * a small market's temporaries (malloc'd) would leave
		 * intact, reads garbage and shows in the tests' records */
		memset(m->bids, 0xA5, m->nbids * sizeof *m->bids);
#endif
		bids_halves(m, half);
		pair_sp = &half[0];
		c.sp = &half[1];
	}
	pattern_beside = run_beside(&pattern_th, bidder_patterns, &c);
	uint32_t *memidx = pairs_and_groups(m, a, pair_sp);
	if (pattern_beside)
		pthread_join(pattern_th, NULL);
	group_rotation(m, a, memidx, c.won);
	free(memidx);
	free(c.won);
	if (fence_beside)
		pthread_join(fence_th, NULL);
#ifdef GOVKIT_SELF_CHECK
	pairs_check(m, a);
#endif
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
	for (uint32_t j = 0; j < a->npair_parts; j++) {
		free(a->pairs[j].off);
		free(a->pairs[j].p);
	}
	u64map_release(&a->strong);
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
