/*
 * bid.h: gov-bid's own modules.  The market (every tender and bid read,
 * in compact arrays), the signals and their configuration, the analysis
 * passes and the writers.
 *
 * Flow: market_load() reads every input record; for each tender it
 * computes at once what needs only that tender (Art. 40 facts, price
 * patterns, the Imhof screens, Cardinal's per-release facts) and keeps
 * compact numbers.  analyze() then computes what needs the whole market
 * (category fences, co-bidding, groups, rotation, cover bidders,
 * loser-then-winner, Cardinal's fences).  report.c writes records.
 */
#ifndef GOV_BID_H
#define GOV_BID_H

#include "govkit.h"

#include <stdarg.h>

#include <math.h>
#include <pthread.h>

/* ---------------------------------------------------------------- */
/* Signals                                                           */
/* ---------------------------------------------------------------- */

enum sig {
	/* Art. 40 facts on pairs (groups) of bids in one tender */
	SIG_SAME_DOC_AUTHOR,
	SIG_SAME_AGENT,
	SIG_SAME_PROJECT_MANAGER,
	SIG_SAME_DOC_HASH,
	SIG_SAME_DEPOSIT_ACCOUNT,
	SIG_SAME_IP,
	SIG_SAME_MAC,
	SIG_SAME_CA_SERIAL,
	SIG_CLOSE_SUBMISSION,
	/* price patterns of the whole tender */
	SIG_IDENTICAL_PRICES,
	SIG_PRICE_STEPS,
	SIG_PRICE_RATIOS,
	SIG_FIXED_RATIOS,
	/* statistical screens against the category's fences */
	SIG_SCREEN_CV,
	SIG_SCREEN_SPD,
	SIG_SCREEN_DIFFP,
	SIG_SCREEN_RD,
	SIG_SCREEN_RDNOR,
	SIG_SCREEN_ALTRD,
	SIG_SCREEN_KURT,
	SIG_SCREEN_SKEW,
	SIG_SCREEN_KS,
	SIG_SCREEN_SUBSET,
	SIG_NEAR_CEILING,
	SIG_WINNER_RATIO,
	/* cross-tender patterns */
	SIG_CO_BIDDING,
	SIG_BID_ROTATION,
	SIG_COVER_BIDDER,
	SIG_LOSER_THEN_WINNER,
	/* Cardinal's bid-data indicators */
	SIG_R018,
	SIG_R024,
	SIG_R025,
	SIG_R028,
	SIG_R035,
	SIG_R036,
	SIG_R038,
	SIG_R058,
	SIG_COUNT
};

struct sig_info {
	const char *name;   /* as printed in records */
	double weight;      /* default weight */
	const char *family; /* "art40" "price" "screen" "cross" "cardinal" */
};
extern const struct sig_info sig_info[SIG_COUNT];
int sig_by_name(const char *name); /* -1 when unknown */

/* ---------------------------------------------------------------- */
/* Screens                                                           */
/* ---------------------------------------------------------------- */

enum scr {
	SCR_CV,
	SCR_SPD,
	SCR_DIFFP,
	SCR_RD,
	SCR_RDNOR,
	SCR_ALTRD,
	SCR_KURT,
	SCR_SKEW,
	SCR_KS,
	SCR_CV3,
	SCR_CV4,
	SCR_SPD3,
	SCR_SPD4,
	SCR_RD3,
	SCR_RD4,
	SCR_WINNER_RATIO,
	SCR_COUNT
};

enum scr_dir { DIR_LOW = -1, DIR_HIGH = 1 };

struct scr_info {
	const char *name;
	enum scr_dir dir; /* which tail points to collusion */
	bool log_scale;   /* fences on log(value): positive, right-skewed */
	int sig;          /* signal it feeds */
};
extern const struct scr_info scr_info[SCR_COUNT];

/* ---------------------------------------------------------------- */
/* Configuration                                                     */
/* ---------------------------------------------------------------- */

struct bid_conf {
	double weight[SIG_COUNT];
	double level_high;         /* score >= this: high */
	double level_medium;       /* score >= this: medium */
	double submission_seconds; /* close submission window */
	double price_tolerance;    /* equal prices/steps within this amount */
	double ratio_tolerance;    /* equal ratios within this */
	int steps_min_bids;        /* run length of regular prices */
	double price_grid_min;     /* spread / price grid needed for them */
	double near_ceiling;       /* within this fraction of the ceiling */
	int near_ceiling_min_bids;
	double fence_k;        /* Tukey fence multiplier */
	int fence_min_tenders; /* category needs this many values */
	int screens_min_bids;  /* screens need this many valid bids */
	int cobid_min;         /* co-bidding: at least this many together */
	double cobid_share;    /* ... in this share of the rarer one's bids */
	double cobid_lift;     /* ... this many times the expectation */
	int cobid_max_bidders; /* tenders with more: no pairs counted */
	int rotation_min_tenders;
	double rotation_win_share;  /* group members win this share */
	double rotation_max_member; /* no member takes more than this share */
	int cover_min_bids;
	double cover_share; /* losses to one winner */
	int ltw_min_bids;   /* loser-then-winner: same set of >= n */
	int group_max;      /* largest group reported */
	/* Cardinal */
	char *currency;    /* NULL: first observed */
	char *npc;         /* no_price_comparison_procurement_methods */
	char *exclude_pmd; /* [exclusions] procurement_method_details */
	char *r018_methods;
	double r024_threshold; /* NAN: fence */
	int r025_percentile;
	double r025_threshold;
	int r035_threshold;
	double r038_threshold;
	int r038_min_bids;
	int r038_min_processes;
	double r058_threshold;
};

void conf_defaults(struct bid_conf *c);
/* Load key = value lines; -1 with e on a bad key or value. */
int conf_load(struct bid_conf *c, const char *path, struct gk_err *e);
void conf_release(struct bid_conf *c);
/* Print the default configuration file (--print-config). */
void conf_print(FILE *fp, const struct bid_conf *c);
/* Is s one of the '|'-separated values of list? */
bool conf_list_has(const char *list, const char *s);

/* ---------------------------------------------------------------- */
/* Small containers                                                  */
/* ---------------------------------------------------------------- */

/*
 * Interned strings: id <-> string.  A slot holds the string's hash and
 * its first bytes, so that looking up a short string (a bidder's credit
 * code is 18 characters) reads one slot and nothing else: on a large
 * market the table is larger than the caches, and every other array
 * read would be a miss of its own.
 */
#define STRTAB_HEAD 20
struct strslot {
	uint64_t hash;
	uint32_t id1;           /* id + 1; 0: empty */
	char head[STRTAB_HEAD]; /* the first bytes, zero-padded */
};
struct strtab {
	char *pool;
	size_t len, cap;
	uint64_t *offs; /* offset of string i in pool */
	uint32_t n, capn;
	struct strslot *slots;
	uint32_t nslots;
};
void strtab_init(struct strtab *t);
void strtab_release(struct strtab *t);
uint32_t strtab_intern(struct strtab *t, const char *s, size_t n);
/* The same with h = hash_bytes(s, n) computed already. */
uint32_t strtab_intern_hashed(struct strtab *t, const char *s, size_t n,
			      uint64_t h);
/* Start loading the slot a string of hash h would take. */
void strtab_prefetch(const struct strtab *t, uint64_t h);
/* UINT32_MAX when absent */
uint32_t strtab_find(const struct strtab *t, const char *s, size_t n);
static inline const char *
strtab_get(const struct strtab *t, uint32_t id)
{
	return t->pool + t->offs[id];
}

/*
 * The bytes a JSON string's fast paths stop at: a control character,
 * '"', '\\' (json_word_needs_escape) or a byte of a multibyte character
 * (>= 0x80, checked apart).  fastjson's string scan stops at the first;
 * the report copies a string that has none as it is.  Eight bytes: their
 * high bits, exact up to the first; sixteen with SSE2: a bit a byte.
 */
static inline uint64_t
json_word_special(uint64_t w)
{
	return json_word_needs_escape(w) | (w & UINT64_C(0x8080808080808080));
}
#ifdef __SSE2__
#include <emmintrin.h>
static inline unsigned
json_special16(__m128i w)
{
	/* as signed bytes, a control character (0..0x1F) and a byte of a
	 * multibyte character (0x80..0xFF, negative) are both below 0x20 */
	__m128i low = _mm_cmplt_epi8(w, _mm_set1_epi8(0x20));
	__m128i quote = _mm_cmpeq_epi8(w, _mm_set1_epi8('"'));
	__m128i bslash = _mm_cmpeq_epi8(w, _mm_set1_epi8('\\'));

	return (unsigned)_mm_movemask_epi8(
		_mm_or_si128(low, _mm_or_si128(quote, bslash)));
}
#endif

/*
 * The keys of govkit tender records and of their bids.  fastjson points a
 * known key's node->string at fj_key_names[id] (cJSON_StringIsConst), so
 * the readers switch on fj_key() instead of comparing text; a key from
 * cJSON's nodes is looked up by its text.  The eight forensic keys are in
 * the order of rawbid.key[].
 */
enum fj_key {
	FJK_OTHER = -1,
	FJK_TYPE,
	FJK_TENDER,
	FJK_TITLE,
	FJK_CATEGORY,
	FJK_BUYER,
	FJK_WINNER,
	FJK_CEILING_PRICE,
	FJK_MINIMUM_PRICE,
	FJK_DATE,
	FJK_STATUS,
	FJK_CURRENCY,
	FJK_PROCUREMENT_METHOD,
	FJK_PROCUREMENT_METHOD_DETAILS,
	FJK_BIDS,
	FJK_BIDDER,
	FJK_PRICE,
	FJK_SUBMITTED_AT,
	FJK_NAME,       /* a bid's firm name: explain shows it */
	FJK_DOC_AUTHOR, /* rawbid.key[0] */
	FJK_AGENT,
	FJK_PROJECT_MANAGER,
	FJK_DOC_HASH,
	FJK_DEPOSIT_ACCOUNT,
	FJK_IP,
	FJK_MAC,
	FJK_CA_SERIAL, /* rawbid.key[7] */
	FJK_COUNT
};
#define FJ_KEY_MAX 32
extern const char fj_key_names[FJK_COUNT][FJ_KEY_MAX];
int fj_key(const char *k); /* FJK_OTHER: none of them (or NULL) */

/* fastjson.c: the reader's JSON parser.  Nodes and strings come from an
 * arena of the calling thread; fj_detach() hands the arena over (free it
 * with fj_free), fj_reset() empties it. */
/* NULL: ask cJSON (a line that is not UTF-8 is never taken) */
cJSON *fj_parse_object(const char *s, size_t n);
void *fj_alloc(size_t n);
char *fj_strdup(const char *s);
void fj_reset(bool all);
void *fj_detach(void);
void fj_attach(void *chunks);
void fj_free(void *chunks);

/* u64 -> two u32 counts, open addressing; key 0 not allowed.  A key
 * and its counts share a 16-byte slot, so an update costs one cache
 * miss, and u64map_prefetch lets the caller start it early. */
struct u64slot {
	uint64_t key; /* 0: empty */
	uint32_t v[2];
};
struct u64map {
	struct u64slot *slots;
	size_t n, cap;
};
void u64map_init(struct u64map *m, size_t hint);
void u64map_release(struct u64map *m);
/* Pointer to the 2 values of key, created zeroed when absent. */
uint32_t *u64map_get(struct u64map *m, uint64_t key);
uint32_t *u64map_find(const struct u64map *m, uint64_t key);
void u64map_prefetch(const struct u64map *m, uint64_t key);

/* splitmix64's finaliser */
static inline uint64_t
mix64(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	x ^= x >> 31;
	return x;
}

/* Filling a map with keys none of which it holds, no more than
 * u64map_init's hint (it does not grow): the slot key hashes to,
 * prefetched (the caller asks ahead), then key's values there or
 * after, zeroed. */
static inline size_t
u64map_home(const struct u64map *m, uint64_t key)
{
	size_t home = mix64(key) & (m->cap - 1);

	__builtin_prefetch(&m->slots[home], 1);
	return home;
}

static inline uint32_t *
u64map_add_new(struct u64map *m, size_t home, uint64_t key)
{
	size_t i = home;

	while (m->slots[i].key)
		i = (i + 1) & (m->cap - 1);
	m->slots[i].key = key;
	m->n++;
	return m->slots[i].v;
}

/* One step of the string hashes: a bijection of the state (xor, odd
 * multiply, xorshift), so strings of a length that differ in one word
 * never meet. */
static inline uint64_t
hash_word(uint64_t h, uint64_t w)
{
	h = (h ^ w) * 0xbf58476d1ce4e5b9ULL;
	return h ^ (h >> 32);
}

#define HASH_SEED 0x9E3779B97F4A7C15ULL

uint64_t hash_bytes(const void *p, size_t n);

/* hash_bytes(s, n) for s followed by readable bytes to the next multiple
 * of 8 past n (a string of fastjson's, in its line's copy); inline, for
 * the reader hashes every bidder and key. */
static inline uint64_t
hash_padded(const char *s, size_t n)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint64_t h = HASH_SEED, w;
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		h = hash_word(h, w);
	}
	/* the tail in one load, its bytes past the end masked off: the
	 * word hash_bytes makes of it a byte at a time */
	if (i < n) {
		memcpy(&w, s + i, 8);
		h = hash_word(h, w & ((1ULL << (8 * (n - i))) - 1));
	}
	return mix64(h ^ n);
#else
	return hash_bytes(s, n);
#endif
}
/*
 * The hash of a key's value (doc_author .. ca_serial, n > 0 bytes), for
 * finding the bids of one tender that share one: equal values have equal
 * hashes, and a match is confirmed on the text, so it is lighter than
 * hash_bytes (a multiply a word, the last one's the high half of a
 * product): the reader makes six a bid, 48 million on the million.
 */
static inline uint64_t
key_hash_word(uint64_t x, uint64_t w)
{
	return (x ^ w) * 0xbf58476d1ce4e5b9ULL;
}

static inline uint32_t
key_hash_last(uint64_t x, uint64_t w)
{
	return (uint32_t)(((x ^ w) * 0x94d049bb133111ebULL) >> 32);
}

uint32_t key_hash_bytes(const char *s, size_t n);

/* key_hash_bytes(s, n) for s followed by readable bytes to the next
 * multiple of 8 past n (a string of fastjson's, in its line). */
static inline uint32_t
key_hash_padded(const char *s, size_t n)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint64_t x = n * HASH_SEED, w;
	size_t i = 0;

	/* the first two words by steps of their own, whose branches are
	 * foreseen apart (keys are mostly of 6 to 17 bytes), then a loop */
	if (n > 8) {
		memcpy(&w, s, 8);
		x = key_hash_word(x, w);
		i = 8;
		if (n > 16) {
			memcpy(&w, s + 8, 8);
			x = key_hash_word(x, w);
			for (i = 16; i + 8 < n; i += 8) {
				memcpy(&w, s + i, 8);
				x = key_hash_word(x, w);
			}
		}
	}
	/* the last 1..8 bytes in one load, those past the end masked off */
	memcpy(&w, s + i, 8);
	return key_hash_last(x, w & (~0ULL >> (64 - 8 * (n - i))));
#else
	return key_hash_bytes(s, n);
#endif
}

/* Sort ids v[0..n) and drop repeats; the count left. */
size_t ids_sort_unique(uint32_t *v, size_t n);
/* Sort v[0..n) in place: for the few values of a tender or a bucket. */
void u32_insertion_sort(uint32_t *v, size_t n);

/* A growable array of bytes used as a string pool. */
struct pool {
	char *data;
	size_t len, cap;
};
uint64_t pool_add(struct pool *p, const char *s, size_t n); /* NUL added */
/* Elements p[0..n) of an array written in order, below end: its pages
 * are faulted in ahead, a block at a time (util.c). */
void populate_ahead(const void *p, size_t n, const void *end);

/* ---------------------------------------------------------------- */
/* The market                                                        */
/* ---------------------------------------------------------------- */

enum bstatus {
	BS_VALID,
	BS_DISQ,
	BS_WITHDRAWN,
	BS_OTHER, /* invited, pending: not submitted for the screens */
};

struct bid {
	uint32_t bidder;
	uint8_t status;
	double price; /* NAN: no price (or another currency) */
};

/* A signal fired while reading (one tender's facts). */
struct hit {
	uint32_t tender;
	uint16_t sig;
	uint16_t nb;      /* bidders in group */
	uint64_t bidders; /* offset into market.hitb */
	double value;
	uint64_t detail; /* offset in market.text, or UINT64_MAX */
};

#define NO_DATE INT32_MIN

/* Each field is set by tender_new (not zeroed first). */
struct tender {
	uint64_t id;       /* offset in market.text */
	uint64_t title;    /* offset in market.text, UINT64_MAX none */
	uint32_t category; /* market.cats */
	uint32_t buyer;    /* market.parties, UINT32_MAX none */
	int32_t date;      /* days since 1970, NO_DATE */
	int32_t winner;    /* bidder id, -1 none */
	uint64_t bid_off;  /* into market.bids */
	uint32_t nbids;
	uint32_t nvalid;  /* valid bids with a price */
	uint64_t hit_off; /* into market.hits */
	uint32_t nhits;
	uint32_t file; /* index of the input file */
	long line;
	double ceiling;       /* NAN none */
	float scr[SCR_COUNT]; /* NAN: not computed */
	uint16_t
		near_ceiling; /* valid bids near the ceiling (at most 65,535) */
	uint8_t notes;        /* NOTE_* */
	uint8_t cancelled;
	uint32_t currency; /* market.currencies, UINT32_MAX none */
	/* Cardinal's price ratio (R024/R058): NAN when not computed */
	double c_ratio;
	int32_t c_winner, c_second;
};

#define NOTE_CURRENCY 1      /* bids in another currency left out */
#define NOTE_NOPRICE 2       /* bids without a price */
#define NOTE_CONSORTIUM 4    /* consortium bids */
#define NOTE_LOT 8           /* one lot of a release */
#define NOTE_BELOW_MIN 16    /* bids under the minimum price made void */
#define NOTE_MANY_BIDDERS 32 /* more than cobid.max_bidders: no pairs */
#define NOTE_ZERO_PRICE 64   /* lowest valid price 0: no price screens */

/* Cardinal's per-party fractions. */
struct frac {
	uint32_t num, den;
};

struct market {
	struct bid_conf *conf;
	struct tender *t;
	size_t nt, capt;
	struct bid *bids;
	size_t nbids, capbids;
	struct hit *hits;
	size_t nhits, caphits;
	uint32_t *hitb;
	size_t nhitb, caphitb;
	struct pool text;
	struct strtab bidders; /* bidder ids (tenderer ids for OCDS) */
	struct strtab cats;
	struct strtab parties; /* buyers, procuring entities */
	struct strtab files;
	struct strtab currencies; /* the tenders' own currencies */
	bool keep_titles;
	bool no_means; /* the fences' means not wanted (no --distribution) */
	/* no bid read after the analysis' valid bidders (score, groups):
	 * the bids' memory is then its temporaries' (analyze.c) */
	bool bids_spare;
	/* explain: each bidder's name, the first the input gives for its
	 * id, as an offset in text (UINT64_MAX none), [bidders.n] */
	/* tender_bids: for each bidder, (tender + 1) * 2 of the last tender
	 * it bid in, + 1 once a valid price of it is in the screens there
	 * [capbseen]: a second bid of one bidder is found without a search */
	uint64_t *bseen;
	size_t capbseen;
	bool keep_names;
	uint64_t *bname;
	size_t capbname;
	/* explain: an OCDS consortium's members, each id a string of text
	 * (masked as the ids are): bcons[b] the index in cmem of their
	 * count, their offsets after it; UINT64_MAX not a consortium,
	 * [capbname] */
	uint64_t *bcons;
	uint64_t *cmem;
	size_t ncmem, capcmem;
	/* Cardinal */
	char *currency;    /* resolved currency of price indicators */
	struct frac *r025; /* per bidder */
	size_t capr025;
	struct frac *r038_t; /* per bidder */
	size_t capr038;
	/* counts into r025 and r038_t not yet made (cardinal_flush) */
	struct frac_add {
		struct frac **table;
		uint32_t id, num;
	} frac_queue[16];
	size_t frac_queued;
	struct frac *r038_b; /* per party (buyer) */
	struct frac *r038_p; /* per party (procuring entity) */
	size_t capr038p;
	uint8_t *c_flags_t; /* per bidder: R024/R028/R035/R058 flags */
	size_t capcflags;
	long warnings;
	/* market_warn masks the ids it quotes (unless --no-mask) */
	bool mask_warnings;
	/* filled by analyze() */
	struct analysis *an;
};

/* Tenderer-level Cardinal flags (bits in c_flags_t). */
#define CF_R024 1
#define CF_R028 2
#define CF_R035 4
#define CF_R058 8

void market_init(struct market *m, struct bid_conf *c);
void market_release(struct market *m);
/* Warn of every tender whose id an earlier one has, naming both lines
 * (counted in m->warnings). */
void market_warn_duplicates(struct market *m);
/* For a text output, on a terminal: every string of the market (ids,
 * names, titles, evidence) made printable in place (utf8_printable), so
 * that the data can neither move the cursor nor break a line.  The string
 * tables cannot be searched after. */
void market_printable(struct market *m);
/* Unless --no-mask: every string of the market with its resident ID and
 * phone numbers masked in place (mask_text keeps the length), as every
 * output shows them: a natural person's bidder id (OCDS tenderers), a
 * title, a buyer, a category.  The string tables cannot be searched
 * after. */
void market_mask(struct market *m);
/* A warning about the input on standard error, "FILE:LINE: tender 'ID':
 * message" (no tender part when id is NULL), counted in m->warnings;
 * what it quotes of the data (a tender's or a bidder's id) has its
 * resident ID and phone numbers masked when m->mask_warnings, as every
 * output has them; the file's name is the officer's own, as given. */
void market_warn(struct market *m, const char *file, long line, const char *id,
		 const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void market_vwarn(struct market *m, const char *file, long line, const char *id,
		  const char *fmt, va_list ap)
	__attribute__((format(printf, 5, 0)));
/* Read one file (govkit tender records, or OCDS releases).  Returns 0,
 * or -1 when the file could not be read (e filled).  Bad records are
 * reported with gk_warn and counted in m->warnings. */
int market_load(struct market *m, const char *path, bool ocds,
		struct gk_err *e);

static inline const char *
tender_id(const struct market *m, const struct tender *t)
{
	return m->text.data + t->id;
}
/* The bidder tender t awarded, -1 none: what the signals across tenders
 * count as a win (rotation, cover bidders, loser-then-winner, a group's
 * won).  A cancelled tender awarded nothing, whatever winner it names:
 * its bids count as participation, its named winner won nothing, and the
 * others did not lose to it. */
static inline int32_t
tender_awarded(const struct tender *t)
{
	return t->cancelled ? -1 : t->winner;
}
static inline const char *
bidder_name(const struct market *m, uint32_t b)
{
	return strtab_get(&m->bidders, b);
}
/* Bidder b's name as the input gives it, NULL none (explain only). */
static inline const char *
bidder_firm(const struct market *m, uint32_t b)
{
	if (b >= m->capbname || m->bname[b] == UINT64_MAX)
		return NULL;
	return m->text.data + m->bname[b];
}
/* Is bidder b a consortium (explain, OCDS) of which id is a member? */
static inline bool
consortium_has(const struct market *m, uint32_t b, const char *id)
{
	const uint64_t *c;

	if (b >= m->capbname || m->bcons[b] == UINT64_MAX)
		return false;
	c = m->cmem + m->bcons[b];
	for (uint64_t i = 1; i <= c[0]; i++)
		if (strcmp(m->text.data + c[i], id) == 0)
			return true;
	return false;
}
/* A category as stored: "" for the tenders that name none. */
static inline const char *
category_of(const struct market *m, uint32_t cat)
{
	return strtab_get(&m->cats, cat);
}
/* A category for text: "(none)" for the tenders that name none. */
static inline const char *
category_label(const struct market *m, uint32_t cat)
{
	const char *s = category_of(m, cat);
	return *s ? s : "(none)";
}

/* Per-tender computations (tender.c), called by the loaders. */
struct rawbid {
	/* what the main thread reads of every bid, in few cache lines: the
	 * reader thread wrote them on the other core */
	const char *bidder;
	size_t bidder_len;
	enum bstatus status;
	uint8_t key_set;      /* bit k: key[k] is there and not empty */
	bool submitted_zoned; /* submitted named its zone */
	double price;
	double submitted; /* epoch seconds, NAN none */
	/* hash_bytes() of the bidder and key_hash_bytes() of each
	 * non-empty key, set by rawbid_hash() where the bid is read (the
	 * reader thread); bids whose keys' hashes agree compare the text */
	uint64_t bidder_hash;
	uint32_t key_hash[8];
	/* a short bidder's text with its NUL, else "": the main thread
	 * compares it, not the line's copy */
	char head[24];
	/* [8], in the parser's arena: doc_author agent project_manager
	 * doc_hash deposit_account ip mac ca_serial */
	const char **key;
	/* the bidder's name, NULL none: stored only for explain
	 * (market.keep_names) */
	const char *name;
};
#define NKEYS 8
extern const char *const key_names[NKEYS];
/* What two bids sharing key k did, as evidence says it (score.c). */
extern const char *const key_en[NKEYS], *const key_zh[NKEYS];

struct rawtender {
	const char *id;
	const char *title;
	const char *category;
	const char *buyer;
	const char *winner;
	/* the winner's name as the award gives it, NULL none: stored only
	 * for explain (market.keep_names), after its bids' */
	const char *winner_name;
	double ceiling, minimum;
	int32_t date;
	bool cancelled;
	uint8_t notes;
	const char *currency; /* of its prices; NULL: the record names none */
	struct rawbid *b;
	size_t nb, capb;
};

/*
 * What a govkit tender record says, as the loader reads it: the first
 * member of each known key, and for each element of the first 'bids'
 * array the last of each member it reads.  Two producers fill it, one
 * logic reads it: fj_scan_govkit() straight from the text (no tree), and
 * gkrec_from_tree() from cJSON's nodes for a line only cJSON took;
 * tests/fuzz/fuzz_bid_json checks that they agree.
 */
struct gkval {
	int type;      /* cJSON's type bits; 0: absent */
	const char *s; /* cJSON_String */
	double d;      /* cJSON_Number */
};

struct gkbidv {
	bool object;         /* an object: the rest is read */
	struct gkval bidder; /* the last 'bidder', whatever its type */
	/* a string bidder's length and hash_bytes(), and key_hash_bytes()
	 * of each key that is a string not empty, else 0, with bit k of
	 * key_set: what rawbid_hashed() takes */
	size_t bidder_len;
	uint64_t bidder_hash;
	uint32_t key_hash[NKEYS];
	uint8_t key_set;
	double price;  /* the last finite number, else NAN */
	int price_bad; /* the cJSON type of a 'price' neither a
				    * finite number nor null, else 0 */
	const char *status, *currency, *submitted; /* the last strings */
	size_t submitted_len;                      /* strlen(submitted) */
	const char *key[NKEYS]; /* the last strings of doc_author.. */
	const char *name;       /* the last string 'name' */
};

struct gkrec {
	struct gkval item[FJK_COUNT];
	struct gkbidv *bids; /* when item[FJK_BIDS] is an array */
	size_t nbids, capbids;
};

/* Read a govkit record from s[0..n) into r (strings in the calling
 * thread's parser arena); false when fj would not accept the line. */
bool fj_scan_govkit(const char *s, size_t n, struct gkrec *r);
/* The same with the strings in s itself, a line of a jl_block (s[n] is
 * its NUL, JL_BLOCK_PAD bytes readable after it): no copy, but s is
 * changed (r's strings are NUL-terminated in it), unless false. */
bool fj_scan_govkit_in_place(char *s, size_t n, struct gkrec *r);
void gkrec_from_tree(const cJSON *rec, struct gkrec *r);
/* A new element of r->bids, empty. */
struct gkbidv *gkrec_bid(struct gkrec *r);

/* key_hash[k] = key_hash_bytes() of key[k], 0 for a key
 * absent or empty; returned: bit k set for each key there. */
uint8_t keys_hash(const char *const key[NKEYS], uint32_t key_hash[NKEYS]);
/* Set rb's bidder_len and hashes from its bidder and keys. */
void rawbid_hash(struct rawbid *rb);
/* The same from the hashes made where they were read: bidder_hash of the
 * bidder_len bytes of rb's bidder, key_hash[k] that of key k (0: none, or
 * empty), bit k of key_set for a key there and not empty. */
void rawbid_hashed(struct rawbid *rb, uint64_t bidder_hash, size_t bidder_len,
		   const uint32_t key_hash[NKEYS], uint8_t key_set);
/* Store a tender, computing its own facts; returns its index. */
size_t tender_add(struct market *m, struct rawtender *rt, uint32_t file,
		  long line);
/* explain: consortium bidder b's member ids, ids[0..n) (NULLs skipped),
 * kept the first time b is given them. */
void consortium_keep(struct market *m, uint32_t b, const char *const *ids,
		     size_t n);
/* Screens of sorted prices p[0..n) (n >= 3), into out[SCR_COUNT]
 * (winner ratio left alone). */
void screens_compute(const double *p, size_t n, float *out);
/* Epoch seconds, NAN if bad; *zoned (when not NULL) whether it named its
 * zone (Z or +hh:mm): a time without one is taken as UTC. */
double parse_datetime(const char *s, bool *zoned);
/* The same of the n bytes at s (s[n] its NUL), the length known. */
double parse_datetime_n(const char *s, size_t n, bool *zoned);
/* Record a signal of tender ti (must be the last tender added). */
void hit_push(struct market *m, size_t ti, int sig, const uint32_t *b,
	      size_t nb, double value, const char *detail);
void tender_scratch_free(void);

/* ---------------------------------------------------------------- */
/* Cardinal (cardinal.c)                                             */
/* ---------------------------------------------------------------- */

/* A release seen the way Cardinal sees it. */
enum cstat {
	CS_NONE,
	CS_VALID,
	CS_DISQ,
	CS_WITHDRAWN,
	CS_INVITED,
	CS_PENDING,
	CS_OTHER
};

struct cbid {
	enum cstat st;
	const char **tend; /* tenderer ids (NULL entries: non-string id) */
	size_t ntend;
	bool has_tenderers; /* "tenderers" is an array */
	bool has_amount;
	int bad_amount; /* an amount not a number: its JSON type, else 0 */
	double amount;
	const char *currency; /* NULL: none */
};

struct crelease {
	const char *ocid;
	bool cancelled;
	const char *pmd; /* procurementMethodDetails */
	bool has_tender;
	const char *method;
	bool has_not; /* numberOfTenderers is a number */
	double not ;
	bool has_awards, has_details;
	bool awards_final;
	size_t ncomplete;
	/* suppliers of the single complete award; and the union of all */
	const char **sup1;
	size_t nsup1;
	bool sup1_ok; /* "suppliers" is an array */
	const char **supall;
	size_t nsupall;
	bool any_active;
	const char *buyer;
	uint32_t buyer_id1; /* buyer's id in parties + 1, interned already; 0 */
	const char *pe;
	struct cbid *b;
	size_t nb;
	/* ids already interned (govkit input): string pointer -> bidder id;
	 * bid i's tenderer at i, then the named winner */
	const char *const *known;
	const uint32_t *known_id;
	size_t nknown;
};

/* What one release gives: OCID-level flags, attached to its tenders. */
struct cresult {
	bool skip; /* cancelled or excluded: no indicator */
	bool r018;
	bool r028;
	uint32_t *r028_b; /* tenderers with identical prices */
	size_t nr028, capr028;
	double r035; /* NAN: not flagged */
	int32_t r035_b;
	bool r036;
	uint32_t *r036_b; /* the tenderers of the lowest, disqualified bid */
	size_t nr036, capr036;
	double ratio; /* R024/R058 ratio, NAN none */
	int32_t winner, second;
};

void cresult_release(struct cresult *cr);
/* Fold one release (Cardinal's fold): party fractions go to m, the
 * OCID-level results to cr. */
void cardinal_fold(struct market *m, const struct crelease *r,
		   struct cresult *cr);
/* Attach cr to tender ti, the last added. */
/* Make the counts cardinal_fold queued: before the counts are read. */
void cardinal_flush(struct market *m);
void cardinal_attach(struct market *m, size_t ti, const struct cresult *cr);

/* ---------------------------------------------------------------- */
/* Analysis (analyze.c)                                              */
/* ---------------------------------------------------------------- */

/* Below this many values a fence's quartiles say nothing, so no screen
 * is judged against it, whatever fence.min_tenders says. */
#define FENCE_MIN_VALUES 4

struct fence {
	uint32_t n;
	double q1, q3, lo, hi; /* on the screen's scale (log for log_scale) */
	double median, min, max, mean;
};

struct group {
	uint32_t *members;
	uint32_t n;
	uint32_t present; /* tenders where >= 2 members bid */
	uint32_t won;     /* ... a member won */
	uint32_t *wins;   /* per member */
	bool rotation;
	uint32_t distinct_winners;
};

/* The most parts of struct analysis' pairs. */
#define PAIR_PARTS 8

/* Bidders from..to's pairs with the bidders after them: bidder b's are
 * p[off[b - from]..off[b - from + 1]), each its partner and the tenders
 * they bid in together (in the order the tally met the partners). */
struct pair_counts {
	uint32_t from, to;
	uint64_t *off;
	struct partner {
		uint32_t q, n;
	} * p;
};

struct analysis {
	struct fence *fences; /* [ncats + 1][SCR_COUNT]; last: all */
	uint32_t ncats;
	uint32_t *nvalid_b; /* per bidder: valid bids */
	uint32_t *nwins_b;  /* per bidder: wins */
	uint32_t *npair_b;  /* per bidder: valid bids in the tenders
				    * whose pairs are counted */
	/* the co-bids of every pair a < b that co-bid: in pairs[j], the
	 * last of pairs[0..npair_parts) whose from <= a (the parts counted
	 * in parallel); pair_cobids() */
	struct pair_counts pairs[PAIR_PARTS];
	uint32_t npair_parts;
	/* the strong pairs alone, pair_key -> [co-bids]: a map the caches
	 * hold, for the look of each tender's (strong_pairs_next) */
	struct u64map strong;
	double s1, s2; /* configuration model sums */
	int32_t *comp; /* per bidder: group index or -1 */
	struct group *groups;
	size_t ngroups;
	int32_t *cover_of; /* per bidder: the winner it covers, -1 */
	uint32_t *cover_n; /* ... losses to that winner */
	int32_t *ltw_prev; /* per tender: earlier tender, -1 */
	uint32_t *vb;      /* distinct valid bidders of each tender */
	uint64_t *vb_off;  /* ... tender i: vb[vb_off[i]..vb_off[i+1]) */
	/* Cardinal fences */
	double r024_fence, r058_fence;
	bool r024_ok, r058_ok;
	uint8_t *r025_flag; /* per bidder */
	double *r038_tval;  /* per bidder ratio, NAN when not flagged */
	double *r038_bval, *r038_pval; /* per party */
};

int analyze(struct market *m);
void analysis_free(struct analysis *a);
/* fn(arg) on a thread of its own, true (join *th); or at once, false, when
 * none can be made. */
bool run_beside(pthread_t *th, void *(*fn)(void *), void *arg);
/*
 * Hyndman and Fan's type 8 quantile (median-unbiased), as statrs
 * computes it on sorted values, found by selection instead: v[0..n) is
 * reordered, p in [0, 1].  *from: v[*from..n) holds the largest values
 * (0: nothing known); after the call, the first index of those above
 * the quantile's lower order statistic, for a higher quantile next.
 */
double quantile8_from(double *v, size_t n, double p, size_t *from);
double quantile8_select(double *v, size_t n, double p); /* from 0 */
uint64_t pair_key(uint32_t a, uint32_t b);
/* The tenders bidders x and y validly bid in together, of those whose
 * pairs are counted, into *n; false (*n 0) when none. */
bool pair_cobids(const struct analysis *a, uint32_t x, uint32_t y, uint32_t *n);
bool pair_strong(const struct market *m, uint32_t a, uint32_t b,
		 uint64_t *count);

/*
 * The strong pairs of co-bidders within one tender, in the order of its
 * valid bidders (x < y): none in a tender left out of co-bidding.
 *
 *	struct strong_pairs it;
 *	strong_pairs_begin(&it, m, ti);
 *	while (strong_pairs_next(&it, &a, &b, &count))
 *		...
 */
struct strong_pairs {
	const struct market *m;
	const uint32_t *vb;
	size_t k, x, y;
};
void strong_pairs_begin(struct strong_pairs *it, const struct market *m,
			size_t ti);
bool strong_pairs_next(struct strong_pairs *it, uint32_t *a, uint32_t *b,
		       uint64_t *count);

/* ---------------------------------------------------------------- */
/* The tenders behind a pair's or group's evidence (evidence.c)      */
/* ---------------------------------------------------------------- */

/* Tender indexes, ascending: in input order. */
struct tlist {
	uint32_t *v;
	size_t n, cap;
};

void tlist_push(struct tlist *l, uint32_t t);
void tlist_release(struct tlist *l);

/* The tenders each chosen bidder validly bid in: bidder i's are
 * t[off[i]..off[i+1]), ascending; a bidder not chosen has none. */
struct bidder_tenders {
	uint64_t *off;
	uint32_t *t;
};

void bidder_tenders_build(const struct market *m, const uint8_t *chosen,
			  struct bidder_tenders *bt);
void bidder_tenders_free(struct bidder_tenders *bt);
/* The tenders both a and b bid in (both chosen); with won_by >= 0, only
 * those won_by won; with paired, only those whose pairs are counted (not
 * NOTE_MANY_BIDDERS), as co-bidding counts them. */
void tenders_together(const struct market *m, const struct bidder_tenders *bt,
		      uint32_t a, uint32_t b, int32_t won_by, bool paired,
		      struct tlist *out);
/* The tenders where at least two of the members bid (all chosen). */
void tenders_of_group(const struct bidder_tenders *bt, const uint32_t *members,
		      uint32_t n, struct tlist *out);
/* ,"tender_ids":[...] with the tenders' ids */
void buf_add_tender_ids(struct gk_buf *b, const struct market *m,
			const struct tlist *l);
/* explain: bidder b by its id and, where the input gives one, its name
 * beside it ("A (Acme Ltd)", "A（某某公司）"). */
void buf_add_bidder(struct gk_buf *b, const struct market *m, uint32_t bidder,
		    bool zh);
struct tender_case;
/* explain: the tenders behind tender ti's co-bidding, rotation and cover
 * bidding, each with its winner, as text; bidders with their names. */
void explain_tenders(FILE *fp, const struct market *m, size_t ti,
		     const struct tender_case *c, bool zh);

/* ---------------------------------------------------------------- */
/* Signals of one tender, and its score (score.c)                    */
/* ---------------------------------------------------------------- */

struct fired {
	int sig;
	uint32_t bidders[16];
	uint32_t nb;
	bool more; /* more bidders than listed */
	double value;
	double weight;
	uint32_t evlen; /* strlen(evidence), known as it is written */
	char evidence[512];
};

struct screen_judge;
struct screen_cands;
struct tender_case {
	struct fired *f;
	size_t n, cap;
	double score; /* 0..100 */
	const char *level;
	/* what case_build keeps of the analysis made_for (score.c): how
	 * each screen is judged in each category, bits per bidder */
	const struct analysis *made_for;
	struct screen_judge *judge;
	struct screen_cands *cands; /* per category, as floats */
	uint64_t *grouped, *covered;
	struct gk_buf tails; /* the screens' evidence after the value */
};

void case_init(struct tender_case *c);
void case_release(struct tender_case *c);
struct report_opts;
/* Compute every signal of tender ti, in a fixed order, in o's language
 * and masking. */
void case_build(const struct market *m, size_t ti, struct tender_case *c,
		const struct report_opts *o);
const char *level_of(const struct bid_conf *c, double score);
double combine(const double *w, size_t n); /* 1 - prod(1 - w) */

/* ---------------------------------------------------------------- */
/* Output (report.c)                                                 */
/* ---------------------------------------------------------------- */

struct report_opts {
	enum gk_format fmt;
	bool screens;          /* add the screens to tender-risk records */
	bool pairs;            /* print pair-risk records */
	bool parties;          /* print party-risk records */
	bool distribution;     /* print screen-distribution records */
	const char *min_level; /* only tenders at or above */
	bool zh;
	bool mask; /* ID and phone numbers in evidence masked */
};

/* Each returns the number of high-risk items, or -1 on a write error. */
long report_tenders(const struct market *m, FILE *fp,
		    const struct report_opts *o);
long report_pairs(const struct market *m, FILE *fp,
		  const struct report_opts *o);
void report_parties(const struct market *m, FILE *fp,
		    const struct report_opts *o);
void report_distribution(const struct market *m, FILE *fp,
			 const struct report_opts *o);
long report_groups(const struct market *m, FILE *fp,
		   const struct report_opts *o);
/* score's records: report_tenders, then as o asks report_pairs,
 * report_parties and report_distribution (made beside the tenders'). */
long report_score(const struct market *m, FILE *fp,
		  const struct report_opts *o);
/* The index of the first tender from index `from` on whose id is exactly
 * `tender`, or -1: looked up before the strings are masked or made
 * printable. */
long report_find_tender(const struct market *m, const char *tender,
			size_t from);
/* The case of tender ti (report_find_tender) for a person. */
void report_explain(const struct market *m, size_t ti, FILE *fp,
		    const struct report_opts *o);
void buf_add_num(struct gk_buf *b, double v);
/* A JSON string of s, cut to its valid UTF-8 prefix; the buffer's NUL
 * is left to the next buf_add* (report.c's writers end each record with
 * one). */
void buf_add_json_cstr(struct gk_buf *b, const char *s);

/* ---------------------------------------------------------------- */
/* Numbers as printf writes them, without printf (fmt.c)             */
/* ---------------------------------------------------------------- */

/* Room for any number fmt_f or fmt_g writes, with its NUL (%.19f of
 * -DBL_MAX). */
#define FMT_NUM_MAX 340
/* The text of "%.{prec}g" and "%.{prec}f" of v into out; its length. */
size_t fmt_g(char *out, double v, int prec);
size_t fmt_f(char *out, double v, int prec);
/* The digits of v into o (at most 20, no NUL); the end. */
char *fmt_uint(char *o, uint64_t v);
/* vsnprintf, snprintf and buf_printf for the conversions %s, %d, %lld,
 * %u, %zu, %llu, %.Nf, %.Ng and %% (no flag, no width): another
 * aborts. */
int fmt_vsnprintf(char *out, size_t n, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
int fmt_snprintf(char *out, size_t n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void buf_fmt(struct gk_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The same text made of pieces appended, without a format to read:
 * out[0..n) holds what fits, len counts every byte; fmt_text_end writes
 * the NUL where fmt_snprintf would. */
struct fmt_text {
	char *out;
	size_t n, len;
};
void fmt_text_add(struct fmt_text *t, const char *s, size_t k);
void fmt_text_str(struct fmt_text *t, const char *s);
void fmt_text_uint(struct fmt_text *t, uint64_t v);
void fmt_text_end(struct fmt_text *t);
#define FMT_TEXT_LIT(t, lit) fmt_text_add(t, lit, sizeof(lit) - 1)

#endif
