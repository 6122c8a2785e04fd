/*
 * tender.c: what one tender tells by itself.  The Art. 40 facts are found
 * by grouping the bids on each key (sort by hash, runs of equal values),
 * never by comparing all pairs; price patterns and the Imhof screens work
 * on the valid prices sorted b1 <= ... <= bn.
 */
#include "bid.h"

#include <stdlib.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

const char *const key_names[NKEYS] = {
	"doc_author", "agent", "project_manager", "doc_hash", "deposit_account",
	"ip",         "mac",   "ca_serial",
};

static const int key_sig[NKEYS] = {
	SIG_SAME_DOC_AUTHOR, SIG_SAME_AGENT,           SIG_SAME_PROJECT_MANAGER,
	SIG_SAME_DOC_HASH,   SIG_SAME_DEPOSIT_ACCOUNT, SIG_SAME_IP,
	SIG_SAME_MAC,        SIG_SAME_CA_SERIAL,
};

/* A price ratio counts as "fixed" when it is a whole multiple of this. */
#define FIXED_RATIO_UNIT 0.005
#define FIXED_RATIO_MAX_STEPS 100

static inline bool
two_digits(const char *s, int *out)
{
	/* one unsigned comparison a digit; s[1] read only after s[0] */
	if ((unsigned char)(s[0] - '0') > 9 || (unsigned char)(s[1] - '0') > 9)
		return false;
	*out = (s[0] - '0') * 10 + (s[1] - '0');
	return true;
}

/* The days of the date at s[0..10) into *days; false if not a date.
 * Remembered: the bids of a tender are mostly sent on one day.  One memo
 * a thread. */
static bool
days_of(const char *s, long *days)
{
	static _Thread_local struct {
		char text[10];
		bool ok;
		long days;
	} memo;
	struct gk_date d;

	if (memo.text[0] == '\0' || memcmp(s, memo.text, 10) != 0) {
		memo.ok = date_parse(s, 10, &d) == 0;
		memo.days = memo.ok ? date_to_days(&d) : 0;
		memcpy(memo.text, s, 10);
	}
	*days = memo.days;
	return memo.ok;
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/*
 * The bytes of w that mask keeps against the text pattern, '0' where a
 * digit goes and ':' where a colon does: each digit less '0' (0..9) and
 * each colon less ':' (0) checked and combined at once, a third of the
 * instructions two_digits took (eight million times on the million).
 * True when they are that, *pairs then holding in each pair's first byte
 * ten times its first digit plus its second (no byte above 99, so none
 * carries).
 */
static inline bool
digits_word(uint64_t w, uint64_t pattern, uint64_t mask, uint64_t colons,
	    uint64_t *pairs)
{
	const uint64_t high = 0xF0F0F0F0F0F0F0F0ULL;
	uint64_t d = (w ^ pattern) & mask;

	/* every byte 0..9 (+6 carries no byte past 0x0F into the next),
	 * the colons' 0 */
	if (((d | (d + 0x0606060606060606ULL)) & high) != 0 ||
	    (d & colons) != 0)
		return false;
	*pairs = d * 10 + (d >> 8);
	return true;
}
#endif

/* "hh:mm:ss" at s (8 bytes there) into *hh, *mm, *ss; false if it is not
 * that. */
static inline bool
hms_of(const char *s, int *hh, int *mm, int *ss)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint64_t w, t;

	memcpy(&w, s, 8);
	if (!digits_word(w, 0x30303A30303A3030ULL /* "00:00:00" */, ~0ULL,
			 0x0000FF0000FF0000ULL, &t))
		return false;
	*hh = (int)(t & 0xFF);
	*mm = (int)(t >> 24 & 0xFF);
	*ss = (int)(t >> 48 & 0xFF);
	return true;
#else
	return two_digits(s, hh) && s[2] == ':' && two_digits(s + 3, mm) &&
	       s[5] == ':' && two_digits(s + 6, ss);
#endif
}

/* The zone "+hh:mm" (or '-') at p, the string ending at end, at least 8
 * bytes after its start: its hours and minutes; false if it is not that
 * or not the string's end (either way, no time). */
static inline bool
zone_of(const char *p, const char *end, int *oh, int *om)
{
	if (end - p != 6)
		return false;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	/* the string's last 8 bytes, "ss+hh:mm", its "hh:mm" read */
	uint64_t w, t;

	memcpy(&w, end - 8, 8);
	if (!digits_word(w, 0x30303A3030000000ULL, 0xFFFFFFFFFF000000ULL,
			 0x0000FF0000000000ULL, &t))
		return false;
	*oh = (int)(t >> 24 & 0xFF);
	*om = (int)(t >> 48 & 0xFF);
	return true;
#else
	return two_digits(p + 1, oh) && p[3] == ':' && two_digits(p + 4, om);
#endif
}

/* The clock at s past the date (s[10..19): "Thh:mm:ss") in seconds into
 * *secs; false if it is not one. */
static inline bool
clock_of(const char *s, long *secs)
{
	int hh, mm, ss;

	if ((s[10] != 'T' && s[10] != ' ') || !hms_of(s + 11, &hh, &mm, &ss) ||
	    hh > 23 || mm > 59 || ss > 60)
		return false;
	*secs = hh * 3600 + mm * 60 + ss;
	return true;
}

/* The offset in seconds of the zone "+hh:mm" at p, which ends the string
 * at end, into *off; false if it is not one. */
static inline bool
offset_of(const char *p, const char *end, long *off)
{
	int oh, om;

	if (!zone_of(p, end, &oh, &om))
		return false;
	*off = (oh * 60 + om) * 60 * (*p == '+' ? 1 : -1);
	return true;
}

/* The rest of a time after its seconds at p, to the string's end: a
 * fraction into *frac, a zone's offset into *off; false if it is not
 * that. */
static bool
time_rest(const char *p, const char *end, bool *zoned, double *frac, long *off)
{
	*frac = 0;
	*off = 0;
	if (*p == '.' || *p == ',') {
		double scale = 0.1;
		for (p++; *p >= '0' && *p <= '9'; p++, scale /= 10)
			*frac += (*p - '0') * scale;
	}
	if (zoned)
		*zoned = *p == 'Z' || *p == '+' || *p == '-';
	if (*p == 'Z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		if (!offset_of(p, end, off))
			return false;
		p += 6;
	}
	/* the string's end (a NUL stops every step above) */
	return p == end;
}

double
parse_datetime_n(const char *s, size_t n, bool *zoned)
{
	long days, secs, off;
	double frac;

	if (n < 19 || !days_of(s, &days) || !clock_of(s, &secs))
		return NAN;
	/* the usual time, "...T06:52:45+08:00", without time_rest's other
	 * cases: the same steps */
	if (n == 25 && (s[19] == '+' || s[19] == '-')) {
		if (zoned)
			*zoned = true;
		if (!offset_of(s + 19, s + n, &off))
			return NAN;
		return (double)(days * 86400 + secs - off);
	}
	if (!time_rest(s + 19, s + n, zoned, &frac, &off))
		return NAN;
	/* whole seconds are exact in a double, as is their sum in integers;
	 * a fraction is added, then the offset taken off, in that order */
	if (frac == 0)
		return (double)(days * 86400 + secs - off);
	return (double)(days * 86400 + secs) + frac - (double)off;
}

double
parse_datetime(const char *s, bool *zoned)
{
	return s ? parse_datetime_n(s, strlen(s), zoned) : NAN;
}

void
hit_push(struct market *m, size_t ti, int sig, const uint32_t *b, size_t nb,
	 double value, const char *detail)
{
	struct hit *h;

	if (m->nhits == m->caphits) {
		m->caphits = m->caphits ? m->caphits * 2 : 1024;
		m->hits = gk_xrealloc(m->hits, m->caphits * sizeof *m->hits);
	}
	if (m->nhitb + nb > m->caphitb) {
		while (m->nhitb + nb > m->caphitb)
			m->caphitb = m->caphitb ? m->caphitb * 2 : 4096;
		m->hitb = gk_xrealloc(m->hitb, m->caphitb * sizeof *m->hitb);
	}
	h = &m->hits[m->nhits++];
	populate_ahead(h, sizeof *h, m->hits + m->caphits);
	if (nb)
		populate_ahead(m->hitb + m->nhitb, nb * sizeof *b,
			       m->hitb + m->caphitb);
	h->tender = (uint32_t)ti;
	h->sig = (uint16_t)sig;
	h->nb = (uint16_t)nb;
	h->bidders = m->nhitb;
	if (nb)
		memcpy(m->hitb + m->nhitb, b, nb * sizeof *b);
	m->nhitb += nb;
	h->value = value;
	h->detail = detail ? pool_add(&m->text, detail, strlen(detail))
			   : UINT64_MAX;
	m->t[ti].nhits++;
}

/*
 * The distinct bidders of a list, in the order of their first bid: a few
 * are looked for among those kept; past DEDUP_LINEAR a stamp per bidder
 * (by the market's id) keeps a tender of thousands of bids linear.
 */
#define DEDUP_LINEAR 32

static uint32_t *stamp;
static size_t stamp_cap;
static uint32_t stamp_now;

struct dedup {
	uint32_t *out;
	size_t k;
	bool stamped;
};

static void
dedup_begin(struct dedup *d, uint32_t *out, size_t n, size_t nbidders)
{
	d->out = out;
	d->k = 0;
	d->stamped = n > DEDUP_LINEAR;
	if (!d->stamped)
		return;
	if (nbidders > stamp_cap) {
		size_t cap = nbidders * 2;
		stamp = gk_xrealloc(stamp, cap * sizeof *stamp);
		memset(stamp + stamp_cap, 0, (cap - stamp_cap) * sizeof *stamp);
		stamp_cap = cap;
	}
	if (++stamp_now == 0) {
		memset(stamp, 0, stamp_cap * sizeof *stamp);
		stamp_now = 1;
	}
}

static void
dedup_add(struct dedup *d, uint32_t b)
{
	if (d->stamped) {
		if (stamp[b] == stamp_now)
			return;
		stamp[b] = stamp_now;
	} else {
		for (size_t j = 0; j < d->k; j++)
			if (d->out[j] == b)
				return;
	}
	d->out[d->k++] = b;
}

/* Distinct bidders of idx[0..n) into out; returns how many. */
static size_t
distinct_bidders(const struct market *m, const size_t *idx, size_t n,
		 uint32_t *out)
{
	struct dedup d;

	dedup_begin(&d, out, n, m->bidders.n);
	for (size_t i = 0; i < n; i++)
		dedup_add(&d, m->bids[idx[i]].bidder);
	return d.k;
}

struct keyed {
	uint64_t h;
	size_t i;
	double t;
};

static int
cmp_keyed(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	if (x->h != y->h)
		return x->h < y->h ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* By t (a submission time, or the first bid of an Art. 40 group), then
 * bid order. */
static int
cmp_t(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

struct priced {
	double p;
	uint32_t bidder;
};

static int
cmp_priced(const void *a, const void *b)
{
	const struct priced *x = a, *y = b;
	if (x->p != y->p)
		return x->p < y->p ? -1 : 1;
	return x->bidder < y->bidder ? -1 : x->bidder > y->bidder;
}

/* Insertion sort: a tender has few bids, and glibc's qsort allocates. */
#define ISORT(a, n, T, less) \
	for (size_t i_ = 1; i_ < (n); i_++) { \
		T x_ = (a)[i_]; \
		size_t j_ = i_; \
		while (j_ > 0 && less(x_, (a)[j_ - 1])) { \
			(a)[j_] = (a)[j_ - 1]; \
			j_--; \
		} \
		(a)[j_] = x_; \
	}
#define KEYED_LESS(x, y) ((x).h < (y).h || ((x).h == (y).h && (x).i < (y).i))
#define TIME_LESS(x, y) ((x).t < (y).t || ((x).t == (y).t && (x).i < (y).i))
#define PRICED_LESS(x, y) \
	((x).p < (y).p || ((x).p == (y).p && (x).bidder < (y).bidder))
#define SMALL_SORT 64

/* Scratch space reused from tender to tender. */
static struct keyed *kscratch;
static size_t kcap;
static size_t *iscratch;
static uint32_t *bscratch;
static struct priced *pscratch;
static double *dscratch;
static size_t scap;

static void
scratch_reserve(size_t n)
{
	if (n > kcap) {
		kcap = n * 2;
		kscratch = gk_xrealloc(kscratch, kcap * sizeof *kscratch);
	}
	if (n > scap) {
		scap = n * 2;
		iscratch = gk_xrealloc(iscratch, scap * sizeof *iscratch);
		bscratch = gk_xrealloc(bscratch, scap * sizeof *bscratch);
		pscratch = gk_xrealloc(pscratch, scap * sizeof *pscratch);
		dscratch = gk_xrealloc(dscratch, scap * sizeof *dscratch);
	}
}

void
tender_scratch_free(void)
{
	free(kscratch);
	free(iscratch);
	free(bscratch);
	free(pscratch);
	free(dscratch);
	free(stamp);
	stamp = NULL;
	stamp_cap = 0;
	stamp_now = 0;
	kscratch = NULL;
	iscratch = NULL;
	bscratch = NULL;
	pscratch = NULL;
	dscratch = NULL;
	kcap = scap = 0;
}

/* The n bytes at s (n <= 24) into d, inline: a call of memcpy for so few
 * bytes, of a length it must look at, was a fair share of its cost (eight
 * bids a tender).  By words within s[0..n), the last overlapping the one
 * before. */
_Static_assert(sizeof((struct rawbid *)0)->head <= 24, "head_copy's words");

static inline void
head_copy(char *d, const char *s, size_t n)
{
	uint64_t w;

	if (n < 8) {
		for (size_t i = 0; i < n; i++)
			d[i] = s[i];
		return;
	}
	memcpy(&w, s, 8);
	memcpy(d, &w, 8);
	if (n > 16) {
		memcpy(&w, s + 8, 8);
		memcpy(d + 8, &w, 8);
	}
	memcpy(&w, s + n - 8, 8);
	memcpy(d + n - 8, &w, 8);
}

void
rawbid_hashed(struct rawbid *rb, uint64_t bidder_hash, size_t bidder_len,
	      const uint32_t key_hash[NKEYS], uint8_t key_set)
{
	rb->bidder_hash = bidder_hash;
	rb->bidder_len = bidder_len;
	rb->head[0] = '\0';
	if (bidder_len < sizeof rb->head)
		head_copy(rb->head, rb->bidder, bidder_len + 1);
	memcpy(rb->key_hash, key_hash, sizeof rb->key_hash);
	rb->key_set = key_set;
}

uint8_t
keys_hash(const char *const key[NKEYS], uint32_t key_hash[NKEYS])
{
	uint8_t key_set = 0;

	for (int k = 0; k < NKEYS; k++) {
		const char *v = key[k];
		key_hash[k] = 0;
		if (v && *v) {
			key_hash[k] = key_hash_bytes(v, strlen(v));
			key_set |= (uint8_t)(1u << k);
		}
	}
	return key_set;
}

void
rawbid_hash(struct rawbid *rb)
{
	size_t len = strlen(rb->bidder);
	uint32_t key_hash[NKEYS];
	uint8_t key_set = keys_hash(rb->key, key_hash);

	rawbid_hashed(rb, hash_bytes(rb->bidder, len), len, key_hash, key_set);
}

/* Bids idx[0..n) (the market's) share key k's value v: a signal when
 * they are two bidders or more. */
static void
art40_group(struct market *m, size_t ti, int k, const size_t *idx, size_t n,
	    const char *v)
{
	size_t nb = distinct_bidders(m, idx, n, bscratch);

	if (nb >= 2)
		hit_push(m, ti, key_sig[k], bscratch, nb, (double)nb, v);
}

/* Groups of kscratch[0..nk) (bids with key k, in bid order) whose value
 * is the same, each in the order of its first bid: pairwise, for the few
 * bids a tender has. */
static void
art40_few(struct market *m, size_t ti, const struct rawtender *rt, size_t base,
	  int k, size_t nk)
{
	uint64_t grouped = 0;

	for (size_t s = 0; s + 1 < nk; s++) {
		const char *v = rt->b[kscratch[s].i].key[k];
		size_t ni = 0;
		if (grouped >> s & 1)
			continue;
		for (size_t j = s + 1; j < nk; j++) {
			/* the hashes, not the text: the text is read on a match */
			if (kscratch[j].h != kscratch[s].h ||
			    (grouped >> j & 1) ||
			    strcmp(rt->b[kscratch[j].i].key[k], v) != 0)
				continue;
			if (ni == 0)
				iscratch[ni++] = base + kscratch[s].i;
			iscratch[ni++] = base + kscratch[j].i;
			grouped |= (uint64_t)1 << j;
		}
		if (ni)
			art40_group(m, ti, k, iscratch, ni, v);
	}
}

/* The same for many bids: sorted by hash, each bid's group is named by
 * its first bid; sorted again by that, groups come out in their order. */
static void
art40_many(struct market *m, size_t ti, const struct rawtender *rt, size_t base,
	   int k, size_t nk)
{
	qsort(kscratch, nk, sizeof *kscratch, cmp_keyed);
	for (size_t s = 0; s < nk;) {
		size_t e = s + 1;
		while (e < nk && kscratch[e].h == kscratch[s].h)
			e++;
		/* within a run of one hash, the first bid with the same text */
		for (size_t x = s; x < e; x++) {
			const char *v = rt->b[kscratch[x].i].key[k];
			size_t y = s;
			while (y < x &&
			       (kscratch[y].t != (double)kscratch[y].i ||
				strcmp(rt->b[kscratch[y].i].key[k], v) != 0))
				y++;
			kscratch[x].t = (double)kscratch[y].i; /* its group */
		}
		s = e;
	}
	qsort(kscratch, nk, sizeof *kscratch, cmp_t);
	for (size_t s = 0; s < nk;) {
		size_t e = s + 1, ni = 0;
		while (e < nk && kscratch[e].t == kscratch[s].t)
			e++;
		for (size_t j = s; j < e; j++)
			iscratch[ni++] = base + kscratch[j].i;
		if (ni >= 2)
			art40_group(m, ti, k, iscratch, ni,
				    rt->b[kscratch[s].i].key[k]);
		s = e;
	}
}

/* The slots of keys_repeating's table of one key's hashes: twice the
 * bids it takes, so that a probe seldom runs past a slot or two. */
#define REPEAT_SLOTS 128
#define REPEAT_MAX_BIDS (REPEAT_SLOTS / 2)

/*
 * The keys two of whose bids have one hash (bit k: key k), the others
 * shared by no two bids: rt has at most REPEAT_MAX_BIDS bids.  A tender of
 * honest bids shares none, and one look at each hash in a small table
 * says so, where grouping would compare every pair of each key.
 */
static unsigned
keys_repeating(const struct rawtender *rt)
{
	/* only the slots marked in used[] are read: no clearing */
	uint32_t table[NKEYS][REPEAT_SLOTS];
	uint64_t used[NKEYS][REPEAT_SLOTS / 64] = {{0}};
	unsigned repeating = 0;

	for (size_t i = 0; i < rt->nb; i++) {
		const struct rawbid *rb = &rt->b[i];
		unsigned keys = rb->key_set & ~repeating;
		while (keys) {
			int k = __builtin_ctz(keys);
			uint32_t h = rb->key_hash[k];
			unsigned s = h % REPEAT_SLOTS;
			bool seen = false;
			keys &= keys - 1;
			while (!seen && (used[k][s / 64] >> (s % 64) & 1)) {
				seen = table[k][s] == h;
				s = (s + 1) % REPEAT_SLOTS;
			}
			if (seen) {
				repeating |= 1u << k;
				continue;
			}
			used[k][s / 64] |= (uint64_t)1 << (s % 64);
			table[k][s] = h;
		}
	}
	return repeating;
}

#ifdef __SSE2__
/* Up to this many bids keys_repeating compares them pair by pair. */
#define REPEAT_PAIRWISE 16

/* Bid i's hashes of keys 4 * half to 4 * half + 3; a key it lacks is a
 * value of its own (its index, top bit set): two bids lacking a key do
 * not pair on it, and a hash that happens to be that value has the key
 * grouped, which finds nothing. */
static __m128i
keys_quad(const struct rawbid *rb, size_t i, int half)
{
	const __m128i bit = half ? _mm_set_epi32(128, 64, 32, 16)
				 : _mm_set_epi32(8, 4, 2, 1);
	__m128i has = _mm_and_si128(_mm_set1_epi32(rb->key_set), bit);
	__m128i own = _mm_set1_epi32((int)(0x80000000u | (uint32_t)i));
	__m128i h = _mm_loadu_si128((const __m128i *)(rb->key_hash + 4 * half));

	has = _mm_cmpeq_epi32(has, bit);
	return _mm_or_si128(_mm_and_si128(has, h), _mm_andnot_si128(has, own));
}

/*
 * keys_repeating for a tender of REPEAT_PAIRWISE bids or fewer: each bid
 * against every earlier one, four keys at a time, which for the few bids
 * of most tenders is fewer steps than a table.  A key it names may be
 * shared by no two bids (see keys_quad); one it does not name is not.
 */
static unsigned
keys_repeating_pairwise(const struct rawtender *rt)
{
	__m128i lo[REPEAT_PAIRWISE], hi[REPEAT_PAIRWISE];
	__m128i same_lo = _mm_setzero_si128(), same_hi = same_lo;

	for (size_t i = 0; i < rt->nb; i++) {
		lo[i] = keys_quad(&rt->b[i], i, 0);
		hi[i] = keys_quad(&rt->b[i], i, 1);
		for (size_t j = 0; j < i; j++) {
			same_lo = _mm_or_si128(same_lo,
					       _mm_cmpeq_epi32(lo[i], lo[j]));
			same_hi = _mm_or_si128(same_hi,
					       _mm_cmpeq_epi32(hi[i], hi[j]));
		}
	}
	return (unsigned)_mm_movemask_ps(_mm_castsi128_ps(same_lo)) |
	       (unsigned)_mm_movemask_ps(_mm_castsi128_ps(same_hi)) << 4;
}
#endif

/* The keys grouping must look at: at least those two of whose bids share
 * a hash. */
static unsigned
keys_to_group(const struct rawtender *rt)
{
	if (rt->nb > REPEAT_MAX_BIDS)
		return (1u << NKEYS) - 1;
#ifdef __SSE2__
	if (rt->nb <= REPEAT_PAIRWISE) {
		unsigned keys = keys_repeating_pairwise(rt);
#ifdef GOVKIT_SELF_CHECK
		/* sanitizer and fuzz builds: none the table finds is missed */
		if (keys_repeating(rt) & ~keys)
			abort();
#endif
		return keys;
	}
#endif
	return keys_repeating(rt);
}

/* Up to this many submission times any_close compares every two. */
#define CLOSE_FEW 16

/*
 * Are two of the times k[0..n).t within window of each other?  Exactly
 * when, sorted, two next to each other are (a gap between two is at most
 * their distance): for a few times, every two compared without a branch
 * (two at a time with SSE2, the times side by side first) answers before
 * any sorting, and most tenders have none.  For more, it is left to the
 * sorting: true.
 */
static bool
any_close(const struct keyed *k, size_t n, double window)
{
	double t[CLOSE_FEW];
	int close = 0;

	if (n > CLOSE_FEW)
		return true;
	for (size_t i = 0; i < n; i++)
		t[i] = k[i].t;
	for (size_t i = 1; i < n; i++) {
		size_t j = 0;
#ifdef __SSE2__
		const __m128d ti = _mm_set1_pd(t[i]), w = _mm_set1_pd(window);
		const __m128d sign = _mm_set1_pd(-0.0);
		__m128d near = _mm_setzero_pd();
		for (; j + 2 <= i; j += 2) {
			__m128d d = _mm_sub_pd(ti, _mm_loadu_pd(t + j));
			near = _mm_or_pd(
				near, _mm_cmple_pd(_mm_andnot_pd(sign, d), w));
		}
		close |= _mm_movemask_pd(near);
#endif
		for (; j < i; j++)
			close |= fabs(t[i] - t[j]) <= window;
	}
	return close;
}

/*
 * Art. 40's shared documents, people, accounts and machines: for each
 * key, the bids with the same value.  Grouping by value (never every pair
 * against every pair); the signals of a key come out in the order of the
 * first bid of each group, whatever the hash.  A key no two bids share by
 * its hash has no group: it is not grouped.
 */
static void
art40(struct market *m, size_t ti, const struct rawtender *rt, size_t base)
{
	size_t n = rt->nb;
	unsigned repeating = keys_to_group(rt);

	for (int k = 0; k < NKEYS; k++) {
		size_t nk = 0, nhits = m->nhits;
		bool unshared = !(repeating >> k & 1);
#ifndef GOVKIT_SELF_CHECK
		if (unshared)
			continue;
#endif
		for (size_t i = 0; i < n; i++) {
			/* the bits, not the text: the text is touched on a match */
			if (rt->b[i].key_set & (1u << k)) {
				kscratch[nk].h = rt->b[i].key_hash[k];
				kscratch[nk].i = i;
				nk++;
			}
		}
		if (nk < 2)
			continue;
		if (nk <= 64)
			art40_few(m, ti, rt, base, k, nk);
		else
			art40_many(m, ti, rt, base, k, nk);
#ifdef GOVKIT_SELF_CHECK
		/* sanitizer and fuzz builds group the keys keys_repeating
		 * passes over too: none may have a group */
		if (unshared && m->nhits != nhits)
			abort();
#else
		(void)nhits;
#endif
	}

	/* submission times: sort, runs of gaps within the window */
	size_t nt = 0, nzoned = 0;
	for (size_t i = 0; i < n; i++)
		if (!isnan(rt->b[i].submitted)) {
			kscratch[nt].t = rt->b[i].submitted;
			kscratch[nt].i = i;
			nt++;
			nzoned += rt->b[i].submitted_zoned;
		}
	if (nt >= 2 && nzoned > 0 && nzoned < nt) {
		/* one taken as UTC beside one in its own zone: eight hours
		 * apart could read as seconds, seconds apart as hours */
		const struct tender *t = &m->t[ti];
		market_warn(m, strtab_get(&m->files, t->file), t->line, rt->id,
			    "%zu submission times with a zone and %zu without "
			    "(taken as UTC): close-submission not judged",
			    nzoned, nt - nzoned);
		nt = 0;
	}
	if (nt >= 2 && any_close(kscratch, nt, m->conf->submission_seconds)) {
		if (nt <= SMALL_SORT) {
			ISORT(kscratch, nt, struct keyed, TIME_LESS)
		} else {
			qsort(kscratch, nt, sizeof *kscratch, cmp_t);
		}
		for (size_t s = 0; s < nt;) {
			size_t e = s + 1;
			while (e < nt && kscratch[e].t - kscratch[e - 1].t <=
						 m->conf->submission_seconds)
				e++;
			if (e - s >= 2) {
				for (size_t j = s; j < e; j++)
					iscratch[j - s] = base + kscratch[j].i;
				size_t nb = distinct_bidders(m, iscratch, e - s,
							     bscratch);
				if (nb >= 2)
					hit_push(m, ti, SIG_CLOSE_SUBMISSION,
						 bscratch, nb,
						 kscratch[e - 1].t -
							 kscratch[s].t,
						 NULL);
			}
			s = e;
		}
	}
}

/* A price at least this many times the grid is on it, whatever it is:
 * it is off by half a grid at most (and a unit in the last place of the
 * quotient), and allowed a millionth of itself, half a grid and a
 * hundred-thousandth more. */
#define GRID_SURE 5.0001e5

/* Is price i within a millionth of itself (at least of one) of a whole
 * number of grids g? */
static inline bool
on_grid_at(const struct priced *p, size_t i, double g)
{
	double q = p[i].p / g;

	return fabs(q - floor(q + 0.5)) <= 1e-6 * (q > 1 ? q : 1);
}

/*
 * Are the n prices p (dscratch holding them too) all on grid g?  With
 * SSE2 two at a time, the same operations lane by lane: the divisions
 * side by side, and floor(y) for y in [0, 2^31) its truncation (two
 * others, seldom: one by one).
 */
static bool
on_grid(const struct priced *p, size_t n, double g)
{
	size_t i = 0;
#ifdef __SSE2__
	const __m128d grid = _mm_set1_pd(g), one = _mm_set1_pd(1);
	const __m128d half = _mm_set1_pd(0.5), sign = _mm_set1_pd(-0.0);
	const __m128d small = _mm_set1_pd(2147483648.0);
	for (; i + 2 <= n; i += 2) {
		__m128d q = _mm_div_pd(_mm_loadu_pd(dscratch + i), grid);
		__m128d y = _mm_add_pd(q, half);
		__m128d in = _mm_and_pd(_mm_cmpge_pd(y, _mm_setzero_pd()),
					_mm_cmplt_pd(y, small));
		if (_mm_movemask_pd(in) != 3) {
			if (!on_grid_at(p, i, g) || !on_grid_at(p, i + 1, g))
				return false;
			continue;
		}
		__m128d off =
			_mm_sub_pd(q, _mm_cvtepi32_pd(_mm_cvttpd_epi32(y)));
		__m128d above = _mm_cmpgt_pd(q, one);
		__m128d tol = _mm_mul_pd(_mm_set1_pd(1e-6),
					 _mm_or_pd(_mm_and_pd(above, q),
						   _mm_andnot_pd(above, one)));
		if (_mm_movemask_pd(
			    _mm_cmple_pd(_mm_andnot_pd(sign, off), tol)) != 3)
			return false;
	}
#endif
	for (; i < n; i++)
		if (!on_grid_at(p, i, g))
			return false;
	return true;
}

/*
 * The price grid: the largest 1, 2 or 5 times a power of ten (from one
 * cent up) that divides every price.  Prices rounded to 10,000 yen fall
 * on few points of their spread, so equal prices and equal steps happen
 * by chance there and are not flagged.
 */
static double
price_grid(const struct priced *p, size_t n)
{
	static const double unit[] = {1, 2, 5};
	double best = 0.01;
	/* every price is on the grids up to GRID_SURE times less than the
	 * lowest (p sorted, all positive): those are not tried price by
	 * price; unless the highest divided by the finest grid overflows
	 * (a price near 1e308), where on_grid_at's quotient is infinite and
	 * on no grid */
	double sure = p[0].p > 0 && isfinite(p[n - 1].p / 0.01)
			      ? p[0].p / GRID_SURE
			      : 0;

	for (double pow10 = 0.01; pow10 <= 1e12; pow10 *= 10)
		for (int u = 0; u < 3; u++) {
			double g = unit[u] * pow10;
			bool all = g <= sure || on_grid(p, n, g);
#ifdef GOVKIT_SELF_CHECK
			/* sanitizer and fuzz builds try the sure grids too */
			for (size_t i = 0; i < n && g <= sure; i++)
				if (!on_grid_at(p, i, g))
					abort();
#endif
			if (!all)
				return best;
			best = g;
		}
	return best;
}

/* The decimals a price is written with (up to 9), as near as a binary
 * double tells: 1234567.89 has 2; -1 when it has more.  Scaling by ten
 * d times is off by a few units in the last place (about 1e-16 of the
 * value each), far below 1e-14 of it; a cent more is above that for
 * prices up to 10^11. */
static int
price_decimals(double x)
{
	double scaled = fabs(x);

	for (int d = 0; d <= 9; d++, scaled *= 10)
		if (fabs(scaled - round(scaled)) <=
		    1e-14 * (scaled > 1 ? scaled : 1))
			return d;
	return -1;
}

/* The step from price a up to b as the decimal the two prices make:
 * 1234567.89 - 1232323.86 is 2244.03, not its binary remainder
 * 2244.0299999999697. */
static double
price_step(double a, double b)
{
	int da = price_decimals(a), db = price_decimals(b);
	double scale = 1;

	if (da < 0 || db < 0)
		return b - a;
	for (int d = da > db ? da : db; d > 0; d--)
		scale *= 10;
	/* both scaled prices are whole: their difference is exact, and one
	 * division by a power of ten rounds it correctly */
	return (round(b * scale) - round(a * scale)) / scale;
}

/* Progressions are looked for among at most this many prices. */
#define PROG_MAX 64

static double
step_of(const struct priced *p, size_t i, size_t j, bool ratio)
{
	return ratio ? p[j].p / p[i].p : p[j].p - p[i].p;
}

/* len at (i, j): the longest progression ending with prices i < j;
 * step: the step between two prices, computed once (a ratio is a
 * division). */
static uint8_t prog_len[PROG_MAX * PROG_MAX];
static uint8_t prog_prev[PROG_MAX * PROG_MAX];
static double prog_step[PROG_MAX * PROG_MAX];

/* Entry (i, j) of those tables for n prices: packed, so that a tender's
 * few prices use a few cache lines, not a row each. */
static inline size_t
at(size_t i, size_t j, size_t n)
{
	return i * n + j;
}

/*
 * Are there i < j < k whose steps into j and out of it agree within tol,
 * the step out of j above zero + tol?  Exactly when progression() finds
 * three prices or more, with the same arithmetic, in O(n^2) instead of
 * O(n^3): most tenders have none, and are done here.  For each middle j,
 * two pointers: a step out of j grows with k, a step into j grows as i
 * falls, so a k whose step is too small for every i left, or an i whose
 * step is too small for every k left, is out.  Each step is computed
 * once: only the pointer that moved needs a new one (a ratio is a
 * division).
 */
static bool
any_three(const struct priced *p, size_t n, bool ratio, double zero, double tol)
{
	for (size_t j = 1; j + 1 < n; j++) {
		/* the steps from i into j and from j out to k */
		size_t i = j - 1, k = j + 1;
		double out = step_of(p, j, k, ratio), in;
		while (out - zero <= tol) {
			if (++k == n)
				break;
			out = step_of(p, j, k, ratio);
		}
		if (k == n)
			continue;
		in = step_of(p, i, j, ratio);
		for (;;) {
			double g = in - out;
			if (g > tol) {
				if (++k == n)
					break;
				out = step_of(p, j, k, ratio);
			} else if (g < -tol) {
				if (i-- == 0)
					break;
				in = step_of(p, i, j, ratio);
			} else {
				return true;
			}
		}
	}
	return false;
}

/* Up to this many prices any_three_both tries every three. */
#define THREE_FEW 16

/*
 * any_three for n <= THREE_FEW prices, of the differences (bit 0 of the
 * answer) and of the ratios (bit 1) at once: every i < j < k, each step
 * computed once into a table, where the two pointers of any_three move on
 * comparisons no predictor guesses.  With SSE2 a step is the pair of the
 * two, so that one operation compares both (lane 0 the difference, lane 1
 * the ratio): the same operations, lane by lane, as for each alone.
 * |g| <= tol is g <= tol and g >= -tol, NAN neither.  The ratios are
 * meant for positive prices (progression does not use them otherwise).
 * The same answer as progression's table (sanitizer builds check it).
 */
static unsigned
any_three_both(const struct priced *p, size_t n, double tol_d, double tol_r)
{
#ifdef __SSE2__
	/* step[j][i]: from price i into j, both kinds */
	__m128d step[THREE_FEW][THREE_FEW];
	const __m128d zero = _mm_set_pd(1, 0), tol = _mm_set_pd(tol_r, tol_d);
	const __m128d sign = _mm_set1_pd(-0.0);
	__m128d any = _mm_setzero_pd();

	for (size_t j = 1; j < n; j++) {
		const __m128d to = _mm_set1_pd(p[j].p);
		size_t i = 0;
		for (; i + 2 <= j; i += 2) {
			__m128d from = _mm_set_pd(p[i + 1].p, p[i].p);
			__m128d d = _mm_sub_pd(to, from),
				r = _mm_div_pd(to, from);
			step[j][i] = _mm_unpacklo_pd(d, r);
			step[j][i + 1] = _mm_unpackhi_pd(d, r);
		}
		if (i < j) {
			__m128d from = _mm_set1_pd(p[i].p);
			step[j][i] = _mm_move_sd(_mm_div_pd(to, from),
						 _mm_sub_pd(to, from));
		}
	}
	for (size_t j = 1; j + 1 < n; j++)
		for (size_t k = j + 1; k < n; k++) {
			const __m128d out = step[k][j];
			__m128d near = _mm_setzero_pd();
			for (size_t i = 0; i < j; i++) {
				__m128d g = _mm_sub_pd(step[j][i], out);
				near = _mm_or_pd(
					near,
					_mm_cmple_pd(_mm_andnot_pd(sign, g),
						     tol));
			}
			/* a step out of j above zero + tol only */
			any = _mm_or_pd(
				any,
				_mm_and_pd(near,
					   _mm_cmpgt_pd(_mm_sub_pd(out, zero),
							tol)));
		}
	return (unsigned)_mm_movemask_pd(any);
#else
	unsigned any = 0;

	for (size_t j = 1; j + 1 < n; j++)
		for (size_t k = j + 1; k < n; k++)
			for (unsigned r = 0; r < 2; r++) {
				double out = step_of(p, j, k, r);
				double tol = r ? tol_r : tol_d;
				if (!(out - (r ? 1 : 0) > tol))
					continue;
				for (size_t i = 0; i < j; i++)
					if (fabs(step_of(p, i, j, r) - out) <=
					    tol)
						any |= 1u << r;
			}
	return any;
#endif
}

/* Which progressions of three prices or more there are (the bits of
 * any_three_both): for more than THREE_FEW prices, any_three's answers
 * (the few tenders with so many valid bids). */
static unsigned
threes_of(const struct priced *p, size_t n, const struct bid_conf *c)
{
	if (n <= THREE_FEW)
		return any_three_both(p, n, c->price_tolerance,
				      c->ratio_tolerance);
	return (unsigned)any_three(p, n, false, 0, c->price_tolerance) |
	       (unsigned)any_three(p, n, true, 1, c->ratio_tolerance) << 1;
}

static bool
progression(const struct priced *p, size_t n, bool ratio, bool three,
	    const struct bid_conf *c, size_t *best, size_t *end, size_t *prev)
{
	double zero = ratio ? 1 : 0;
	double tol = ratio ? c->ratio_tolerance : c->price_tolerance;

	*best = 0;
	if (n > PROG_MAX || (ratio && p[0].p <= 0))
		return false;
#ifndef GOVKIT_SELF_CHECK
	if (!three)
		return false;
#endif
	/* prog_step[at(j, i, n)]: the step from i into j, row by row */
	for (size_t j = 0; j < n; j++)
		for (size_t i = 0; i < j; i++)
			prog_step[at(j, i, n)] = step_of(p, i, j, ratio);
	/*
	 * The i < j whose step into j is d's within the tolerance: prices are
	 * sorted, so step(i, j) - d falls as i grows, and those i are the run
	 * [lo, hi) where it is at most tol (from lo on) and at least -tol
	 * (below hi).  Both ends are counted without a branch; the same i, in
	 * the same order, as testing fabs(step(i, j) - d) <= tol for each.
	 */
	for (size_t j = 0; j < n; j++)
		for (size_t k = j + 1; k < n; k++) {
			double d = prog_step[at(k, j, n)];
			const double *into = &prog_step[at(j, 0, n)];
			size_t lo = 0, hi = 0;
			prog_len[at(j, k, n)] = 2;
			prog_prev[at(j, k, n)] = (uint8_t)j;
			if (d - zero <= tol)
				continue;
			for (size_t i = 0; i < j; i++) {
				lo += !(into[i] - d <= tol);
				hi += into[i] - d >= -tol;
			}
			for (size_t i = lo; i < hi; i++)
				if (prog_len[at(i, j, n)] + 1 >
				    prog_len[at(j, k, n)]) {
					prog_len[at(j, k, n)] =
						(uint8_t)(prog_len[at(i, j,
								      n)] +
							  1);
					prog_prev[at(j, k, n)] = (uint8_t)i;
				}
		}
	for (size_t j = 0; j < n; j++)
		for (size_t k = j + 1; k < n; k++)
			if (prog_len[at(j, k, n)] > *best) {
				*best = prog_len[at(j, k, n)];
				*end = k;
				*prev = j;
			}
#ifdef GOVKIT_SELF_CHECK
	/* sanitizer and fuzz builds hold any_three() to the table's answer */
	if (three != (*best >= 3))
		abort();
#endif
	return *best >= 3;
}

/* The bidders of the progression ending (prev, end), lowest first. */
static size_t
progression_members(const struct priced *p, size_t n, bool ratio,
		    const struct bid_conf *c, size_t end, size_t prev,
		    size_t len)
{
	size_t k = len, j = prev, e = end;

	(void)ratio;
	(void)c;
	bscratch[--k] = p[e].bidder;
	while (k > 0) {
		bscratch[--k] = p[j].bidder;
		if (k == 0)
			break;
		size_t i = prog_prev[at(j, e, n)];
		e = j;
		j = i;
	}
	return len;
}

/* Is price j a whole number of FIXED_RATIO_UNIT steps (1 to
 * FIXED_RATIO_MAX_STEPS) above the lowest, p[0] > 0, within tol? */
static bool
fixed_ratio_of(const struct priced *p, size_t j, double tol)
{
	double q = (p[j].p / p[0].p - 1) / FIXED_RATIO_UNIT;
	double steps = floor(q + 0.5);

	if (steps < 1 || steps > FIXED_RATIO_MAX_STEPS)
		return false;
	return fabs(p[0].p * (1 + steps * FIXED_RATIO_UNIT) - p[j].p) <= tol;
}

/*
 * The lowest bidder, then those of the prices fixed_ratio_of takes, into
 * bscratch; how many.  With SSE2 two prices at a time (dscratch: the
 * prices of p), the same operations lane by lane: the divisions side by
 * side, and floor(y) for y in [1, FIXED_RATIO_MAX_STEPS + 1), the steps
 * that count, its truncation (y outside: not counted, as floor(y) is not).
 */
static size_t
fixed_ratio_bidders(const struct priced *p, size_t n, double tol)
{
	size_t k = 0, j = 1;

	bscratch[k++] = p[0].bidder;
#ifdef __SSE2__
	const __m128d low = _mm_set1_pd(p[0].p), one = _mm_set1_pd(1);
	const __m128d unit = _mm_set1_pd(FIXED_RATIO_UNIT);
	const __m128d top = _mm_set1_pd(FIXED_RATIO_MAX_STEPS + 1);
	const __m128d sign = _mm_set1_pd(-0.0), limit = _mm_set1_pd(tol);
	for (; j + 2 <= n; j += 2) {
		__m128d x = _mm_loadu_pd(dscratch + j);
		__m128d q =
			_mm_div_pd(_mm_sub_pd(_mm_div_pd(x, low), one), unit);
		__m128d y = _mm_add_pd(q, _mm_set1_pd(0.5));
		__m128d in =
			_mm_and_pd(_mm_cmpge_pd(y, one), _mm_cmplt_pd(y, top));
		__m128d steps = _mm_cvtepi32_pd(_mm_cvttpd_epi32(y));
		__m128d off = _mm_sub_pd(
			_mm_mul_pd(low,
				   _mm_add_pd(one, _mm_mul_pd(steps, unit))),
			x);
		int hit = _mm_movemask_pd(_mm_and_pd(
			in, _mm_cmple_pd(_mm_andnot_pd(sign, off), limit)));
		if (hit & 1)
			bscratch[k++] = p[j].bidder;
		if (hit & 2)
			bscratch[k++] = p[j + 1].bidder;
	}
#endif
	for (; j < n; j++)
		if (fixed_ratio_of(p, j, tol))
			bscratch[k++] = p[j].bidder;
	return k;
}

/* Runs of equal differences (or ratios) among sorted prices. */
static void
regular_prices(struct market *m, size_t ti, const struct priced *p, size_t n)
{
	const struct bid_conf *c = m->conf;
	size_t minrun = (size_t)c->steps_min_bids;

	if (n < 2)
		return;
	double spread = p[n - 1].p - p[0].p;
	if (spread > 0 && spread / price_grid(p, n) < c->price_grid_min)
		return;

	/* identical prices */
	for (size_t s = 0; s < n;) {
		size_t e = s + 1;
		while (e < n && p[e].p - p[s].p <= c->price_tolerance)
			e++;
		if (e - s >= 2) {
			struct dedup d;
			dedup_begin(&d, bscratch, e - s, m->bidders.n);
			for (size_t j = s; j < e; j++)
				dedup_add(&d, p[j].bidder);
			if (d.k >= 2)
				hit_push(m, ti, SIG_IDENTICAL_PRICES, bscratch,
					 d.k, p[s].p, NULL);
		}
		s = e;
	}
	if (n < minrun)
		return;

	/* arithmetic and geometric steps: the longest progression among any
	 * of the prices (cover bids need not be adjacent: an outsider's bid
	 * may fall between them) */
	size_t best_len = 0, best_end = 0, best_prev = 0;
	unsigned three = n <= PROG_MAX ? threes_of(p, n, c) : 0;
	if (progression(p, n, false, three & 1, c, &best_len, &best_end,
			&best_prev) &&
	    best_len >= minrun) {
		size_t k = progression_members(p, n, false, c, best_end,
					       best_prev, best_len);
		hit_push(m, ti, SIG_PRICE_STEPS, bscratch, k,
			 price_step(p[best_prev].p, p[best_end].p), NULL);
	} else if (progression(p, n, true, three >> 1 & 1, c, &best_len,
			       &best_end, &best_prev) &&
		   best_len >= minrun) {
		size_t k = progression_members(p, n, true, c, best_end,
					       best_prev, best_len);
		hit_push(m, ti, SIG_PRICE_RATIOS, bscratch, k,
			 p[best_end].p / p[best_prev].p, NULL);
	}

	/* fixed ratios: losing prices = lowest * (1 + k * 0.5%) exactly */
	if (p[0].p > 0) {
		size_t k = fixed_ratio_bidders(p, n, c->price_tolerance);
		if (k >= minrun)
			hit_push(m, ti, SIG_FIXED_RATIOS, bscratch, k,
				 (double)k, NULL);
	}
}

static inline double
sd_of(const double *x, size_t n, double *meanp)
{
	double mean = 0, ss = 0;

	for (size_t i = 0; i < n; i++)
		mean += x[i];
	mean /= (double)n;
	for (size_t i = 0; i < n; i++)
		ss += (x[i] - mean) * (x[i] - mean);
	if (meanp)
		*meanp = mean;
	return n > 1 ? sqrt(ss / (double)(n - 1)) : 0;
}

#ifdef __SSE2__
/* "if (v > m) m = v" for each lane of v, lane 0 first */
static inline double
lane_max(double m, __m128d v)
{
	double a = _mm_cvtsd_f64(v), b = _mm_cvtsd_f64(_mm_unpackhi_pd(v, v));

	if (a > m)
		m = a;
	if (b > m)
		m = b;
	return m;
}

/* "if (v < m) m = v" for each lane of v, lane 0 first */
static inline double
lane_min(double m, __m128d v)
{
	double a = _mm_cvtsd_f64(v), b = _mm_cvtsd_f64(_mm_unpackhi_pd(v, v));

	if (a < m)
		m = a;
	if (b < m)
		m = b;
	return m;
}
#endif

/* The Kolmogorov-Smirnov distance of the prices, scaled to [0, 1] between
 * the lowest and the highest, from the uniform; p[n - 1] > p[0]. */
static double
screens_ks(const double *p, size_t n)
{
	double nn = (double)n, d = 0, below = 0; /* i / n */
	size_t i = 0;

#ifdef __SSE2__
	/* two prices at a time, the same operations lane by lane: the
	 * divisions side by side; "if (a > d) d = a" is _mm_max_pd(a, d) */
	const __m128d low = _mm_set1_pd(p[0]),
		      range = _mm_set1_pd(p[n - 1] - p[0]);
	__m128d dv = _mm_setzero_pd(), belowv = _mm_setzero_pd();
	for (; i + 2 <= n; i += 2) {
		__m128d u =
			_mm_div_pd(_mm_sub_pd(_mm_loadu_pd(p + i), low), range);
		__m128d upto =
			_mm_div_pd(_mm_set_pd((double)(i + 2), (double)(i + 1)),
				   _mm_set1_pd(nn));
		__m128d prev = _mm_shuffle_pd(belowv, upto, 0);
		dv = _mm_max_pd(_mm_sub_pd(upto, u), dv);
		dv = _mm_max_pd(_mm_sub_pd(u, prev), dv);
		belowv = _mm_unpackhi_pd(upto, upto);
	}
	d = lane_max(d, dv);
	below = _mm_cvtsd_f64(belowv);
#endif
	for (; i < n; i++) {
		double u = (p[i] - p[0]) / (p[n - 1] - p[0]);
		double upto = (double)(i + 1) / nn; /* the next one's below */
		double a = upto - u, b = u - below;
		if (a > d)
			d = a;
		if (b > d)
			d = b;
		below = upto;
	}
	return d;
}

/* The screens of the gap between the lowest two prices and of the spread:
 * CV, SPD, DIFFP, RD, RDNOR, KS, ALTRD; sdl the deviation of the prices
 * but the lowest. */
static void
screens_spread(const double *p, size_t n, double sd, double mean, double sdl,
	       float *out)
{
	double nn = (double)n;

	out[SCR_CV] = (float)(sd / mean);
	out[SCR_SPD] = (float)((p[n - 1] - p[0]) / p[0]);
	out[SCR_DIFFP] = (float)((p[1] - p[0]) / p[0]);
	if (sdl > 0)
		out[SCR_RD] = (float)((p[1] - p[0]) / sdl);
	if (p[n - 1] > p[0]) {
		out[SCR_RDNOR] =
			(float)((p[1] - p[0]) * (nn - 1) / (p[n - 1] - p[0]));
		out[SCR_KS] = (float)screens_ks(p, n);
	}
	if (p[n - 1] > p[1])
		out[SCR_ALTRD] =
			(float)((p[1] - p[0]) * (nn - 2) / (p[n - 1] - p[1]));
}

/* SKEW and KURT, from the standardized moments; sd > 0. */
static void
screens_moments(const double *p, size_t n, double sd, double mean, float *out)
{
	double s3 = 0, s4 = 0, nn = (double)n;
	size_t i = 0;

#ifdef __SSE2__
	/* two divisions side by side; the sums in the same order */
	const __m128d m = _mm_set1_pd(mean), s = _mm_set1_pd(sd);
	for (; i + 2 <= n; i += 2) {
		__m128d z = _mm_div_pd(_mm_sub_pd(_mm_loadu_pd(p + i), m), s);
		__m128d z3 = _mm_mul_pd(_mm_mul_pd(z, z), z);
		__m128d z4 = _mm_mul_pd(z3, z);
		s3 += _mm_cvtsd_f64(z3);
		s3 += _mm_cvtsd_f64(_mm_unpackhi_pd(z3, z3));
		s4 += _mm_cvtsd_f64(z4);
		s4 += _mm_cvtsd_f64(_mm_unpackhi_pd(z4, z4));
	}
#endif
	for (; i < n; i++) {
		double z = (p[i] - mean) / sd;
		s3 += z * z * z;
		s4 += z * z * z * z;
	}
	out[SCR_SKEW] = (float)(nn / ((nn - 1) * (nn - 2)) * s3);
	if (n >= 4)
		out[SCR_KURT] =
			(float)(nn * (nn + 1) /
					((nn - 1) * (nn - 2) * (nn - 3)) * s4 -
				3 * (nn - 1) * (nn - 1) /
					((nn - 2) * (nn - 3)));
}

/* The least CV and SPD and the largest RD of windows of k adjacent
 * prices, window by window. */
struct window_screens {
	double mincv, minspd, maxrd;
};

/* Window j of k prices, of standard deviation sd and mean mean, and sdl
 * that of its prices but the lowest. */
static inline void
window_add(struct window_screens *w, const double *p, size_t j, size_t k,
	   double sd, double mean, double sdl)
{
	double cv = mean > 0 ? sd / mean : INFINITY;
	double spd = (p[j + k - 1] - p[j]) / p[j];

	if (cv < w->mincv)
		w->mincv = cv;
	if (spd < w->minspd)
		w->minspd = spd;
	if (sdl > 0 && (p[j + 1] - p[j]) / sdl > w->maxrd)
		w->maxrd = (p[j + 1] - p[j]) / sdl;
}

static void
window_out(const struct window_screens *w, int cv, int spd, int rd, float *out)
{
	out[cv] = (float)w->mincv;
	out[spd] = (float)w->minspd;
	if (isfinite(w->maxrd))
		out[rd] = (float)w->maxrd;
}

#ifdef __SSE2__
/* Up to this many prices screens_windows takes two windows at a time. */
#define WINDOWS_FEW 64

/* sd[j] = sd_of(x + j, k, &mean[j]) for each window j < nw of k values:
 * two windows at a time (lane 1 one value on), the same operations lane
 * by lane as sd_of's, in the same order.  Inline, for each k a loop of
 * its own, unrolled. */
static inline __attribute__((always_inline)) void
sd_windows(const double *x, size_t nw, size_t k, double *sd, double *mean)
{
	const __m128d kv = _mm_set1_pd((double)k),
		      k1 = _mm_set1_pd((double)(k - 1));
	size_t j = 0;

	for (; j + 2 <= nw; j += 2) {
		__m128d sum = _mm_setzero_pd(), ss = _mm_setzero_pd();
		for (size_t i = 0; i < k; i++)
			sum = _mm_add_pd(sum, _mm_loadu_pd(x + j + i));
		sum = _mm_div_pd(sum, kv);
		for (size_t i = 0; i < k; i++) {
			__m128d d = _mm_sub_pd(_mm_loadu_pd(x + j + i), sum);
			ss = _mm_add_pd(ss, _mm_mul_pd(d, d));
		}
		_mm_storeu_pd(mean + j, sum);
		_mm_storeu_pd(sd + j, _mm_sqrt_pd(_mm_div_pd(ss, k1)));
	}
	for (; j < nw; j++)
		sd[j] = sd_of(x + j, k, &mean[j]);
}

/* v where mask, else other */
static inline __m128d
pick(__m128d mask, __m128d v, __m128d other)
{
	return _mm_or_pd(_mm_and_pd(mask, v), _mm_andnot_pd(mask, other));
}

/* window_add of the nw windows of k prices, window j's deviation and
 * mean sd[j] and mean[j], sdl[j] that of its prices but the lowest: two
 * at a time, the same operations lane by lane (_mm_min_pd(v, m) is "v < m
 * ? v : m", window_add's test), then the lanes into w. */
static inline __attribute__((always_inline)) void
window_pairs(struct window_screens *w, const double *p, size_t nw, size_t k,
	     const double *sd, const double *mean, const double *sdl)
{
	const __m128d zero = _mm_setzero_pd(), inf = _mm_set1_pd(INFINITY);
	__m128d mincv = inf, minspd = inf, maxrd = _mm_set1_pd(-INFINITY);
	size_t j = 0;

	for (; j + 2 <= nw; j += 2) {
		__m128d lo = _mm_loadu_pd(p + j), m = _mm_loadu_pd(mean + j);
		__m128d l = _mm_loadu_pd(sdl + j);
		__m128d cv = _mm_div_pd(_mm_loadu_pd(sd + j), m);
		__m128d spd = _mm_div_pd(
			_mm_sub_pd(_mm_loadu_pd(p + j + k - 1), lo), lo);
		__m128d rd =
			_mm_div_pd(_mm_sub_pd(_mm_loadu_pd(p + j + 1), lo), l);
		mincv = _mm_min_pd(pick(_mm_cmpgt_pd(m, zero), cv, inf), mincv);
		minspd = _mm_min_pd(spd, minspd);
		maxrd = _mm_max_pd(pick(_mm_cmpgt_pd(l, zero), rd, maxrd),
				   maxrd);
	}
	for (; j < nw; j++)
		window_add(w, p, j, k, sd[j], mean[j], sdl[j]);
	w->mincv = lane_min(w->mincv, mincv);
	w->minspd = lane_min(w->minspd, minspd);
	w->maxrd = lane_max(w->maxrd, maxrd);
}

/* screens_windows for n <= WINDOWS_FEW prices: the deviations of every
 * window first (of 2 prices from 1 on, the RD of a window of 3 without
 * its lowest), then the windows. */
static void
windows_few(const double *p, size_t n, struct window_screens *w3,
	    struct window_screens *w4)
{
	double sd2[WINDOWS_FEW], m2[WINDOWS_FEW], sd3[WINDOWS_FEW];
	double m3[WINDOWS_FEW], sd4[WINDOWS_FEW], m4[WINDOWS_FEW];

	sd_windows(p + 1, n - 2, 2, sd2, m2);
	sd_windows(p, n - 2, 3, sd3, m3);
	window_pairs(w3, p, n - 2, 3, sd3, m3, sd2);
	if (n > 4) {
		sd_windows(p, n - 3, 4, sd4, m4);
		window_pairs(w4, p, n - 3, 4, sd4, m4, sd3 + 1);
	}
}
#endif

/*
 * The windows of 3 and of 4 prices one at a time (any n > 3).  The
 * deviation of the 3 prices from j + 1 serves twice: the window of 3
 * there, and the window of 4 from j without its lowest.
 */
static void
windows_scan(const double *p, size_t n, struct window_screens *w3,
	     struct window_screens *w4)
{
	double m3, sd3 = sd_of(p, 3, &m3);

	for (size_t j = 0; j + 3 <= n; j++) {
		double m3next = 0, sd3next = 0;
		window_add(w3, p, j, 3, sd3, m3, sd_of(p + j + 1, 2, NULL));
		if (j + 4 <= n) {
			sd3next = sd_of(p + j + 1, 3, &m3next);
			if (n > 4) {
				double m4, sd4 = sd_of(p + j, 4, &m4);
				window_add(w4, p, j, 4, sd4, m4, sd3next);
			}
		}
		sd3 = sd3next;
		m3 = m3next;
	}
}

/*
 * CV, SPD and RD of the subsets of 3 and of 4 prices (n > 3): windows of
 * adjacent prices; the k-subset with the least spread is always such a
 * window.
 */
static void
screens_windows(const double *p, size_t n, float *out)
{
	struct window_screens w3 = {INFINITY, INFINITY, -INFINITY}, w4 = w3;

#ifdef __SSE2__
	if (n <= WINDOWS_FEW)
		windows_few(p, n, &w3, &w4);
	else
#endif
		windows_scan(p, n, &w3, &w4);
	window_out(&w3, SCR_CV3, SCR_SPD3, SCR_RD3, out);
	if (n > 4)
		window_out(&w4, SCR_CV4, SCR_SPD4, SCR_RD4, out);
}

/* sd_of(p, n, mean) and, into *sdl, sd_of(p + 1, n - 1, NULL), n >= 3:
 * with SSE2 side by side, lane 1 one price on, the same operations lane
 * by lane (lane 0's last price alone), in the same order. */
static double
sd_and_sdl(const double *p, size_t n, double *mean, double *sdl)
{
#ifdef __SSE2__
	__m128d sum = _mm_setzero_pd(), ss = _mm_setzero_pd(), m, d, sd;

	for (size_t i = 0; i + 1 < n; i++)
		sum = _mm_add_pd(sum, _mm_loadu_pd(p + i));
	sum = _mm_add_sd(sum, _mm_load_sd(p + n - 1));
	m = _mm_div_pd(sum, _mm_set_pd((double)(n - 1), (double)n));
	for (size_t i = 0; i + 1 < n; i++) {
		d = _mm_sub_pd(_mm_loadu_pd(p + i), m);
		ss = _mm_add_pd(ss, _mm_mul_pd(d, d));
	}
	d = _mm_sub_sd(_mm_load_sd(p + n - 1), m);
	ss = _mm_add_sd(ss, _mm_mul_sd(d, d));
	sd = _mm_sqrt_pd(
		_mm_div_pd(ss, _mm_set_pd((double)(n - 2), (double)(n - 1))));
	*mean = _mm_cvtsd_f64(m);
	*sdl = _mm_cvtsd_f64(_mm_unpackhi_pd(sd, sd));
	return _mm_cvtsd_f64(sd);
#else
	*sdl = sd_of(p + 1, n - 1, NULL);
	return sd_of(p, n, mean);
#endif
}

void
screens_compute(const double *p, size_t n, float *out)
{
	double mean, sd, sdl;

	for (int i = 0; i < SCR_COUNT; i++)
		if (i != SCR_WINNER_RATIO)
			out[i] = NAN;
	if (n < 3 || p[0] <= 0)
		return;
	sd = sd_and_sdl(p, n, &mean, &sdl);
	screens_spread(p, n, sd, mean, sdl, out);
	if (sd > 0)
		screens_moments(p, n, sd, mean, out);
	if (n > 3)
		screens_windows(p, n, out);
}

/* explain: the names of the bidders of the bids from base on, then the
 * winner's (tender t's) from its award, each the first its id is given. */
static void
names_keep(struct market *m, const struct rawtender *rt, const struct tender *t,
	   size_t base)
{
	size_t n = m->bidders.n;

	if (n > m->capbname) {
		size_t cap = m->capbname ? m->capbname : 64;
		while (cap < n)
			cap *= 2;
		m->bname = gk_xrealloc(m->bname, cap * sizeof *m->bname);
		m->bcons = gk_xrealloc(m->bcons, cap * sizeof *m->bcons);
		for (size_t i = m->capbname; i < cap; i++)
			m->bname[i] = m->bcons[i] = UINT64_MAX;
		m->capbname = cap;
	}
	for (size_t i = 0; i < rt->nb; i++) {
		const char *name = rt->b[i].name;
		uint32_t b = m->bids[base + i].bidder;
		if (name && *name && m->bname[b] == UINT64_MAX)
			m->bname[b] = pool_add(&m->text, name, strlen(name));
	}
	if (t->winner >= 0 && rt->winner_name && *rt->winner_name &&
	    m->bname[t->winner] == UINT64_MAX)
		m->bname[t->winner] = pool_add(&m->text, rt->winner_name,
					       strlen(rt->winner_name));
}

void
consortium_keep(struct market *m, uint32_t b, const char *const *ids, size_t n)
{
	if (b >= m->capbname || m->bcons[b] != UINT64_MAX)
		return;
	if (m->ncmem + n + 1 > m->capcmem) {
		while (m->ncmem + n + 1 > m->capcmem)
			m->capcmem = m->capcmem ? m->capcmem * 2 : 64;
		m->cmem = gk_xrealloc(m->cmem, m->capcmem * sizeof *m->cmem);
	}
	m->bcons[b] = m->ncmem++;
	m->cmem[m->bcons[b]] = 0;
	for (size_t i = 0; i < n; i++) {
		if (!ids[i])
			continue;
		m->cmem[m->ncmem++] =
			pool_add(&m->text, ids[i], strlen(ids[i]));
		m->cmem[m->bcons[b]]++;
	}
}

/* A new tender in m, with rt's fields and none of its bids yet.  Each
 * field is written once, none zeroed first (a memset of the 168 bytes,
 * a rep stos, was a tenth of tender_add's samples): a field added to
 * struct tender is set here. */
static struct tender *
tender_new(struct market *m, const struct rawtender *rt, uint32_t file,
	   long line)
{
	struct tender *t;
	const char *cat = rt->category ? rt->category : "";

	if (m->nt == m->capt) {
		m->capt = m->capt ? m->capt * 2 : 1024;
		m->t = gk_xrealloc(m->t, m->capt * sizeof *m->t);
	}
	t = &m->t[m->nt++];
	populate_ahead(t, sizeof *t, m->t + m->capt);
	t->bid_off = 0;
	t->nbids = t->nvalid = 0;
	t->nhits = 0;
	t->near_ceiling = 0;
	t->id = pool_add(&m->text, rt->id, strlen(rt->id));
	t->title = m->keep_titles && rt->title
			   ? pool_add(&m->text, rt->title, strlen(rt->title))
			   : UINT64_MAX;
	t->category = strtab_intern(&m->cats, cat, strlen(cat));
	t->buyer = rt->buyer ? strtab_intern(&m->parties, rt->buyer,
					     strlen(rt->buyer))
			     : UINT32_MAX;
	t->date = rt->date;
	t->winner = rt->winner ? (int32_t)strtab_intern(&m->bidders, rt->winner,
							strlen(rt->winner))
			       : -1;
	t->ceiling = rt->ceiling > 0 ? rt->ceiling : NAN;
	t->file = file;
	t->line = line;
	t->notes = rt->notes;
	t->cancelled = rt->cancelled;
	t->currency = rt->currency && *rt->currency
			      ? strtab_intern(&m->currencies, rt->currency,
					      strlen(rt->currency))
			      : UINT32_MAX;
	t->c_ratio = NAN;
	t->c_winner = t->c_second = -1;
	t->hit_off = m->nhits;
	for (int i = 0; i < SCR_COUNT; i++)
		t->scr[i] = NAN;
	return t;
}

static void
bseen_grow(struct market *m, uint32_t b)
{
	size_t cap = m->capbseen ? m->capbseen : 1024;

	while (cap <= b)
		cap *= 2;
	m->bseen = gk_xrealloc(m->bseen, cap * sizeof *m->bseen);
	memset(m->bseen + m->capbseen, 0,
	       (cap - m->capbseen) * sizeof *m->bseen);
	m->capbseen = cap;
}

/* A second bid of one bidder in a tender (an export's row twice, a bid
 * filed again): named, and out of the price screens when the bidder
 * has a valid price in them already (in_screens), the first kept. */
static void
another_bid(struct market *m, const struct rawtender *rt,
	    const struct tender *t, const struct bid *b, bool in_screens)
{
	bool priced = b->status == BS_VALID && !isnan(b->price);

	market_warn(m, strtab_get(&m->files, t->file), t->line, rt->id,
		    "another bid of '%s'%s", strtab_get(&m->bidders, b->bidder),
		    priced && in_screens
			    ? ": left out of the price screens, its first kept"
			    : "");
}

/* Up to this many bids a tender's bidders are compared among
 * themselves to find one's second bid; more, through m->bseen. */
#define SEEN_FEW 32

/* Bid i's bidder, the index of its first bid in the tender (i if it is
 * that); ids[0..i) those of the bids before. */
static size_t
first_bid_of(const struct bid *ids, size_t i)
{
	size_t j = 0;

	while (ids[j].bidder != ids[i].bidder)
		j++;
	return j;
}

/* rt's bids into m as tender t's bids[0..nb), their bidders interned;
 * for a tender of many bids, each bidder's entry in bseen fetched as it
 * is known: a tender's are scattered over the array, and the misses of
 * a loop that read each at once followed one another. */
static void
tender_bidders(struct market *m, const struct rawtender *rt, struct bid *bids)
{
	bool many = rt->nb > SEEN_FEW;

	for (size_t i = 0; i < rt->nb; i++) {
		const struct rawbid *rb = &rt->b[i];
		/* a short bidder's text from the bid itself: the line's
		 * copy is another cache line, written on the other core */
		bids[i].bidder = strtab_intern_hashed(
			&m->bidders,
			rb->bidder_len < sizeof rb->head ? rb->head
							 : rb->bidder,
			rb->bidder_len, rb->bidder_hash);
		if (!many)
			continue;
		if (bids[i].bidder >= m->capbseen)
			bseen_grow(m, bids[i].bidder);
		__builtin_prefetch(&m->bseen[bids[i].bidder], 1);
	}
}

/*
 * rt's bids into m as tender t's; its valid prices into pscratch: how
 * many (t->nvalid), a bidder's first alone.  A bidder's second bid is
 * found among the bids before it (a few: no table read, whose entries
 * missed the cache), or by its stamp in bseen; kept (bit j: the first
 * bid j of that bidder) or bit 0 of the stamp says its price is in the
 * screens already.
 */
static size_t
tender_bids(struct market *m, const struct rawtender *rt, struct tender *t)
{
	size_t nv = 0;
	uint32_t kept = 0;

	if (m->nbids + rt->nb > m->capbids) {
		while (m->nbids + rt->nb > m->capbids)
			m->capbids = m->capbids ? m->capbids * 2 : 4096;
		m->bids = gk_xrealloc(m->bids, m->capbids * sizeof *m->bids);
	}
	t->bid_off = m->nbids;
	t->nbids = (uint32_t)rt->nb;
	scratch_reserve(rt->nb + 1);
	uint64_t tstamp = ((uint64_t)(t - m->t) + 1) * 2;
	/* a tender of no bids: no array yet, maybe (NULL + 0 is undefined) */
	struct bid *bids = rt->nb ? m->bids + t->bid_off : NULL;
	if (bids)
		populate_ahead(bids, rt->nb * sizeof *bids,
			       m->bids + m->capbids);
	tender_bidders(m, rt, bids);
	m->nbids += rt->nb;
	for (size_t i = 0; i < rt->nb; i++) {
		const struct rawbid *rb = &rt->b[i];
		struct bid *b = &bids[i];
		bool in_screens;
		b->status = (uint8_t)rb->status;
		b->price = rb->price;
		if (b->status == BS_VALID && !isnan(b->price) &&
		    rt->minimum > 0 && b->price < rt->minimum) {
			b->status = BS_DISQ;
			t->notes |= NOTE_BELOW_MIN;
		}
		uint64_t *seen = NULL, first = 0;
		if (rt->nb > SEEN_FEW) {
			seen = &m->bseen[b->bidder];
			in_screens = *seen & 1;
			if ((*seen & ~(uint64_t)1) == tstamp) {
				another_bid(m, rt, t, b, in_screens);
			} else {
				*seen = tstamp;
				in_screens = false;
			}
		} else {
			first = first_bid_of(bids, i);
			in_screens = kept >> first & 1;
			if (first != i)
				another_bid(m, rt, t, b, in_screens);
		}
		if (b->status == BS_VALID && !isnan(b->price) && !in_screens) {
			if (seen)
				*seen |= 1;
			else
				kept |= (uint32_t)1 << first;
			pscratch[nv].p = b->price;
			pscratch[nv].bidder = b->bidder;
			dscratch[nv] = b->price; /* for prices_sort */
			nv++;
		}
	}
	t->nvalid = (uint32_t)nv;
	return nv;
}

/* The winner's ratio to the ceiling, and how many of the nv valid bids
 * (pscratch and dscratch, lowest first) are near it. */
static void
tender_ceiling(const struct bid_conf *c, struct tender *t, size_t nv)
{
	/* the named winner's valid bid; the lowest only when the tender
	 * names no winner: a winner whose bid was disqualified or has
	 * no price has no known winning bid */
	double w = t->winner >= 0 ? NAN : dscratch[0];
	if (t->winner >= 0) {
		for (size_t i = 0; i < nv; i++)
			if ((int32_t)pscratch[i].bidder == t->winner) {
				w = pscratch[i].p;
				break;
			}
	}
	t->scr[SCR_WINNER_RATIO] = (float)(w / t->ceiling);
	size_t k = 0;
	for (size_t i = 0; i < nv; i++)
		if (dscratch[i] >= (1 - c->near_ceiling) * t->ceiling &&
		    dscratch[i] <= t->ceiling * (1 + c->near_ceiling))
			k++;
	t->near_ceiling = (uint16_t)(k > UINT16_MAX ? UINT16_MAX : k);
}

/* Up to this many valid prices prices_sort ranks them. */
#define RANK_FEW 16

/*
 * The rank of each of the n prices dscratch[0..n) (n <= RANK_FEW,
 * dscratch[n] free) among them, into rank: how many are lower.  Without
 * a branch, each against all, two at a time with SSE2: an insertion
 * sort's comparisons are guessed wrong about once a price.  False when
 * two are equal (then bidders order them, seldom): two of the ranks are
 * the same then, and only then.
 */
static bool
prices_rank(size_t n, size_t *rank)
{
	const double *d = dscratch;
	uint32_t ranks = 0; /* bit r: a price of rank r */

	dscratch[n] = NAN; /* lower than none */
	for (size_t i = 0; i < n; i++) {
		size_t j = 0, below = 0;
#ifdef __SSE2__
		const __m128d x = _mm_set1_pd(d[i]);
		__m128i lower = _mm_setzero_si128(); /* minus the true masks */
		for (; j < n; j += 2)
			lower = _mm_sub_epi64(lower,
					      _mm_castpd_si128(_mm_cmplt_pd(
						      _mm_loadu_pd(d + j), x)));
		below = (size_t)_mm_cvtsi128_si32(lower) +
			(size_t)_mm_cvtsi128_si32(
				_mm_unpackhi_epi64(lower, lower));
#endif
		for (; j < n; j++)
			below += d[j] < d[i];
		rank[i] = below;
		ranks |= (uint32_t)1 << below;
	}
	return ranks == ((uint32_t)1 << n) - 1;
}

/* pscratch[0..n) sorted by price, then bidder (PRICED_LESS), and
 * dscratch[0..n) their prices (dscratch holding them in pscratch's
 * order before). */
static void
prices_sort(size_t n)
{
	size_t rank[RANK_FEW];
	struct priced sorted[RANK_FEW];

	if (n <= RANK_FEW && prices_rank(n, rank)) {
		for (size_t i = 0; i < n; i++)
			sorted[rank[i]] = pscratch[i];
		memcpy(pscratch, sorted, n * sizeof *sorted);
	} else if (n <= SMALL_SORT) {
		ISORT(pscratch, n, struct priced, PRICED_LESS)
	} else {
		qsort(pscratch, n, sizeof *pscratch, cmp_priced);
	}
	for (size_t i = 0; i < n; i++)
		dscratch[i] = pscratch[i].p;
}

size_t
tender_add(struct market *m, struct rawtender *rt, uint32_t file, long line)
{
	const struct bid_conf *c = m->conf;
	size_t ti = m->nt, base = m->nbids, nv;
	struct tender *t = tender_new(m, rt, file, line);

	nv = tender_bids(m, rt, t);
	if (m->keep_names)
		names_keep(m, rt, t, base);

	art40(m, ti, rt, base);
	prices_sort(nv);
	regular_prices(m, ti, pscratch, nv);
	if (nv >= (size_t)c->screens_min_bids) {
		screens_compute(dscratch, nv, t->scr);
		/* the screens are ratios to the lowest price: said, not silent */
		if (nv >= 3 && dscratch[0] <= 0)
			t->notes |= NOTE_ZERO_PRICE;
	}
	if (!isnan(t->ceiling) && nv > 0)
		tender_ceiling(c, t, nv);
	return ti;
}
