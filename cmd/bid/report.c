/*
 * report.c: gov-bid's records (tender-risk, pair-risk, group-risk,
 * party-risk, screen-distribution) as JSON Lines or text, and the plain
 * language case of one tender (explain).
 */
#include "bid.h"

#include <float.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* Text form: the columns of tender and bidder ids, and of categories,
 * in display columns (a CJK character counts two; a longer id is not
 * cut). */
#define TEXT_ID_WIDTH 24
#define TEXT_CATEGORY_WIDTH 14

double screen_scale(int s, double v);
double screen_unscale(int s, double x);

/*
 * A record is made of many small pieces (a key, a number, a name): they
 * go in here without the calls buf_add makes for each, a literal's
 * length known when compiling.  The buffer's NUL, which they do not
 * write, is written by the last piece of each record (buf_adds,
 * record_end).
 */
static inline char *
room(struct gk_buf *b, size_t n)
{
	if (b->cap - b->len <= n)
		buf_reserve(b, n);
	return b->data + b->len;
}

static inline void
put(struct gk_buf *b, const char *s, size_t n)
{
	memcpy(room(b, n), s, n);
	b->len += n;
}

static inline void
put_char(struct gk_buf *b, char c)
{
	*room(b, 1) = c;
	b->len++;
}

#define PUT_LIT(b, lit) put(b, lit, sizeof(lit) - 1)

static inline void
put_str(struct gk_buf *b, const char *s)
{
	put(b, s, strlen(s));
}

/* a comma before every member but the first */
static inline void
put_comma(struct gk_buf *b, bool *first)
{
	if (!*first)
		put_char(b, ',');
	*first = false;
}

/* The last piece of a record, and the buffer's NUL. */
static inline void
record_end(struct gk_buf *b, const char *s)
{
	put(b, s, strlen(s));
	b->data[b->len] = '\0';
}

/* An unsigned integer, without printf (a record per tender), its digits
 * written in place. */
static inline void
buf_add_uint(struct gk_buf *b, uint64_t v)
{
	char *o = room(b, 20);

	b->len += (size_t)(fmt_uint(o, v) - o);
}

/*
 * The same values come back record after record (weights, shares, the
 * common scores): the text of a number is kept in a small table by the
 * bits of the double, so most are printed once.  One table per thread.
 */
#define NUM_MEMO 256

struct num_memo {
	uint64_t bits;
	char text[27];
	uint8_t len; /* 0: unused */
};

static _Thread_local struct num_memo num_memo[NUM_MEMO];

void
buf_add_num(struct gk_buf *b, double v)
{
	uint64_t bits;
	struct num_memo *m;
	char s[FMT_NUM_MAX];
	size_t n;

	if (!isfinite(v)) {
		PUT_LIT(b, "null");
		return;
	}
	if (v == floor(v) && fabs(v) < 1e15) {
		if (signbit(v))
			put_char(b, '-');
		buf_add_uint(b, (uint64_t)fabs(v));
		return;
	}
	memcpy(&bits, &v, sizeof bits);
	m = &num_memo[(bits * 0x9E3779B97F4A7C15ULL) >> 56];
	if (m->len && m->bits == bits) {
		put(b, m->text, m->len);
		return;
	}
	/* 15 significant digits, what a spreadsheet keeps: the step between
	 * two prices prints 2244.03, not its binary noise 2244.0299999999988 */
	n = fmt_g(s, v, 15);
	put(b, s, n);
	if (n < sizeof m->text) {
		m->bits = bits;
		memcpy(m->text, s, n);
		m->len = (uint8_t)n;
	}
}

/* A screen value, or a number made from screen values (a quartile, a
 * mean, a fence): its 7 significant digits, as many as a screen is kept
 * to (a float); more would print the float's binary noise (the median
 * 1/3 as 0.333333343267441). */
static void
buf_add_screen(struct gk_buf *b, double v)
{
	char s[FMT_NUM_MAX];

	if (!isfinite(v)) {
		PUT_LIT(b, "null");
		return;
	}
	put(b, s, fmt_g(s, v, 7));
}

/* Is c ASCII that a JSON string holds as it is (no control, '"' or
 * '\\')?  (json_word_special and json_special16 ask it of 8 and 16.) */
static inline bool
plain1(unsigned char c)
{
	return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
}

/* s[0..n) copied to o when every byte is plain; false at the first that
 * is not (o then holds a part of it). */
static inline bool
copy_plain(char *o, const char *s, size_t n)
{
	size_t i = 0;
	uint64_t x;

#ifdef __SSE2__
	if (n >= 16) {
		__m128i v;
		for (; i + 16 <= n; i += 16) {
			v = _mm_loadu_si128(
				(const __m128i *)(const void *)(s + i));
			if (json_special16(v))
				return false;
			_mm_storeu_si128((__m128i *)(void *)(o + i), v);
		}
		if (i == n)
			return true;
		/* the last 16 bytes, some of them checked already */
		v = _mm_loadu_si128(
			(const __m128i *)(const void *)(s + n - 16));
		if (json_special16(v))
			return false;
		_mm_storeu_si128((__m128i *)(void *)(o + n - 16), v);
		return true;
	}
#endif
	if (n >= 8) {
		for (; i + 8 <= n; i += 8) {
			memcpy(&x, s + i, 8);
			if (json_word_special(x))
				return false;
			memcpy(o + i, &x, 8);
		}
		if (i < n) { /* the last 8, some checked already */
			memcpy(&x, s + n - 8, 8);
			if (json_word_special(x))
				return false;
			memcpy(o + n - 8, &x, 8);
		}
		return true;
	}
	for (; i < n; i++) {
		if (!plain1((unsigned char)s[i]))
			return false;
		o[i] = s[i];
	}
	return true;
}

/* Most strings are ASCII with nothing to escape (ids, codes, English
 * evidence): copied as they are, checked on the way; another takes the
 * general way. */
static void
jstr_n(struct gk_buf *b, const char *s, size_t n)
{
	char *o = room(b, n + 2) + 1;

	if (!copy_plain(o, s, n)) {
		buf_add_json_string(b, s, utf8_valid_prefix(s, n));
		return;
	}
	o[-1] = '"';
	o[n] = '"';
	b->len += n + 2;
}

/*
 * The same at o, in a buffer with room made for JSON_ESCAPED_MAX(n)
 * bytes; the end.  A record's head is written through such a pointer,
 * its room made once: b->len and b->data read and written back for each
 * piece (a store through a char * may change them, so the compiler reads
 * them again) took a fifth of a record.
 */
static inline char *
jstr_at(char *o, const char *s, size_t n)
{
	if (!copy_plain(o + 1, s, n))
		return json_escape_to(o, s, utf8_valid_prefix(s, n));
	o[0] = '"';
	o[n + 1] = '"';
	return o + n + 2;
}

#define AT_LIT(o, lit) (memcpy(o, lit, sizeof(lit) - 1), (o) + sizeof(lit) - 1)

void
buf_add_json_cstr(struct gk_buf *b, const char *s)
{
	jstr_n(b, s, strlen(s));
}

static inline void
jstr(struct gk_buf *b, const char *s)
{
	buf_add_json_cstr(b, s);
}

/* The same, null for the empty string (a value the input did not give). */
static void
jstr_or_null(struct gk_buf *b, const char *s)
{
	if (*s)
		jstr(b, s);
	else
		PUT_LIT(b, "null");
}

static int
flush(struct gk_buf *b, FILE *fp)
{
	if (b->len == 0)
		return 0;
	if (fwrite(b->data, 1, b->len, fp) != b->len) {
		buf_reset(b);
		return -1;
	}
	buf_reset(b);
	return 0;
}

static int
level_rank(const char *level)
{
	if (!level)
		return 0;
	if (strcmp(level, "high") == 0)
		return 2;
	if (strcmp(level, "medium") == 0)
		return 1;
	return 0;
}

/* The rank of a level that level_of gave ("high", "medium" or "low"):
 * its first letter says which, without a strcmp a tender. */
static inline int
case_rank(const char *level)
{
	return level[0] == 'h' ? 2 : level[0] == 'm';
}

/* "high", "medium" or "low" in quotes */
static inline void
put_level(struct gk_buf *b, const char *level)
{
	switch (case_rank(level)) {
	case 2: PUT_LIT(b, "\"high\""); break;
	case 1: PUT_LIT(b, "\"medium\""); break;
	default: PUT_LIT(b, "\"low\""); break;
	}
}

static void
bidders_json(struct gk_buf *b, const struct market *m, const struct fired *f)
{
	put_char(b, '[');
	for (uint32_t i = 0; i < f->nb; i++) {
		if (i)
			put_char(b, ',');
		jstr(b, bidder_name(m, f->bidders[i]));
	}
	put_char(b, ']');
}

static const char *const note_names[] = {
	"bids in another currency left out of the price screens",
	"bids without a price left out of the price screens",
	"consortium bids scored as one bidder (ids joined by '+')",
	"one lot of a release",
	"bids under the minimum price counted as disqualified",
	"more valid bidders than cobid.max_bidders: left out of co-bidding",
	"a valid price of 0: no statistical screens but the winner ratio",
};
#define NNOTES (int)(sizeof note_names / sizeof *note_names)

/* The same for explain --lang zh (the records keep note_names). */
static const char *const note_names_zh[NNOTES] = {
	"其他币种的报价未纳入报价筛查",
	"无报价的投标未纳入报价筛查",
	"联合体投标按一个投标人计（成员代码以“+”相连）",
	"本项目为一个采购包（标段）",
	"低于最低限价的报价按否决计",
	"有效投标人多于 cobid.max_bidders，未纳入共同投标分析",
	"有效报价为0：除中标价比率外不计算统计筛查指标",
};

/*
 * The start of a fired signal's object, {"signal":NAME,"family":FAMILY,
 * "bidders":, is the same for every tender: made once for each signal
 * (sig_heads_make, before the formatting threads start), copied after;
 * a signal without its head made takes the long way.
 */
#define SIG_HEAD_MAX 96

static char sig_head[SIG_COUNT][SIG_HEAD_MAX];
static uint8_t sig_head_len[SIG_COUNT];
static pthread_once_t sig_heads_once = PTHREAD_ONCE_INIT;

static void
sig_heads_make(void)
{
	struct gk_buf h;

	buf_init(&h);
	for (int s = 0; s < SIG_COUNT; s++) {
		buf_reset(&h);
		PUT_LIT(&h, "{\"signal\":");
		jstr(&h, sig_info[s].name);
		PUT_LIT(&h, ",\"family\":");
		jstr(&h, sig_info[s].family);
		PUT_LIT(&h, ",\"bidders\":");
		if (h.len <= SIG_HEAD_MAX) {
			memcpy(sig_head[s], h.data, h.len);
			sig_head_len[s] = (uint8_t)h.len;
		}
	}
	buf_release(&h);
}

/* One fired signal of a tender-risk record: its name, family, bidders,
 * weight, value and evidence. */
static void
fired_json(struct gk_buf *b, const struct market *m, const struct fired *f)
{
	if (sig_head_len[f->sig]) {
		put(b, sig_head[f->sig], sig_head_len[f->sig]);
	} else { /* no room for it in sig_head */
		PUT_LIT(b, "{\"signal\":");
		jstr(b, sig_info[f->sig].name);
		PUT_LIT(b, ",\"family\":");
		jstr(b, sig_info[f->sig].family);
		PUT_LIT(b, ",\"bidders\":");
	}
	bidders_json(b, m, f);
	PUT_LIT(b, ",\"weight\":");
	buf_add_num(b, f->weight);
	PUT_LIT(b, ",\"value\":");
	if (sig_info[f->sig].family[0] == 's' && f->sig != SIG_NEAR_CEILING)
		buf_add_screen(b, (float)f->value);
	else
		buf_add_num(b, f->value);
	PUT_LIT(b, ",\"evidence\":");
	jstr_n(b, f->evidence, f->evlen);
	put_char(b, '}');
}

/* --screens: the member "screens", each screen the tender has, then
 * near_ceiling when it has a ceiling price (without one, no bid is near
 * it, and 0 would read as a count). */
static void
screens_json(struct gk_buf *b, const struct tender *t)
{
	bool first = true;

	buf_adds(b, ",\"screens\":{");
	for (int s = 0; s < SCR_COUNT; s++) {
		if (isnan(t->scr[s]))
			continue;
		put_comma(b, &first);
		put_char(b, '"');
		put_str(b, scr_info[s].name);
		PUT_LIT(b, "\":");
		buf_add_screen(b, t->scr[s]);
	}
	if (!isnan(t->ceiling)) {
		put_comma(b, &first);
		PUT_LIT(b, "\"near_ceiling\":");
		buf_add_uint(b, t->near_ceiling);
	}
	put_char(b, '}');
}

/* The member "notes": the names of the notes set in notes. */
static void
notes_json(struct gk_buf *b, unsigned notes)
{
	bool first = true;

	buf_adds(b, ",\"notes\":[");
	for (int k = 0; k < NNOTES; k++)
		if (notes & (1 << k)) {
			if (!first)
				buf_addc(b, ',');
			jstr(b, note_names[k]);
			first = false;
		}
	buf_addc(b, ']');
}

/*
 * The value of "category" of each category (a JSON string, or null),
 * made once for a report: a market has a few categories and a record
 * each tender.
 */
struct cat_values {
	struct gk_buf text;
	size_t *at; /* value c is text.data[at[c]..at[c + 1]) */
	uint32_t n;
};

static void
cat_values_make(struct cat_values *cv, const struct market *m)
{
	cv->n = m->cats.n;
	cv->at = gk_xmalloc(((size_t)cv->n + 1) * sizeof *cv->at);
	buf_init(&cv->text);
	for (uint32_t k = 0; k < cv->n; k++) {
		cv->at[k] = cv->text.len;
		jstr_or_null(&cv->text, category_of(m, k));
	}
	cv->at[cv->n] = cv->text.len;
}

static void
cat_values_release(struct cat_values *cv)
{
	buf_release(&cv->text);
	free(cv->at);
}

/* cv: the categories' values made already, or NULL */
/* The room of a record's head besides its strings: the literals, three
 * numbers of 20 digits at most */
#define HEAD_ROOM 192

/* A tender-risk record up to its signals, through a pointer (jstr_at). */
static void
tender_head_json(struct gk_buf *b, const struct market *m,
		 const struct tender *t, const struct tender_case *c,
		 const struct cat_values *cv)
{
	const char *id = tender_id(m, t), *cat = NULL, *winner = NULL;
	size_t nid = strlen(id), ncat = 0, nwinner = 0;
	char *o;

	if (cv && t->category < cv->n) {
		cat = cv->text.data + cv->at[t->category];
		ncat = cv->at[t->category + 1] - cv->at[t->category];
	} else {
		cat = category_of(m, t->category);
		ncat = JSON_ESCAPED_MAX(strlen(cat));
		cv = NULL;
	}
	if (t->winner >= 0) {
		winner = bidder_name(m, (uint32_t)t->winner);
		nwinner = strlen(winner);
	}
	o = room(b, HEAD_ROOM + JSON_ESCAPED_MAX(nid) + ncat +
			    JSON_ESCAPED_MAX(nwinner));
	o = AT_LIT(o, "{\"type\":\"tender-risk\",\"tender\":");
	o = jstr_at(o, id, nid);
	o = AT_LIT(o, ",\"score\":");
	o = fmt_uint(o, (uint64_t)floor(c->score + 0.5));
	switch (case_rank(c->level)) {
	case 2: o = AT_LIT(o, ",\"level\":\"high\",\"category\":"); break;
	case 1: o = AT_LIT(o, ",\"level\":\"medium\",\"category\":"); break;
	default: o = AT_LIT(o, ",\"level\":\"low\",\"category\":"); break;
	}
	if (cv)
		o = (char *)memcpy(o, cat, ncat) + ncat;
	else if (*cat)
		o = jstr_at(o, cat, strlen(cat));
	else
		o = AT_LIT(o, "null");
	if (winner) {
		o = AT_LIT(o, ",\"winner\":");
		o = jstr_at(o, winner, nwinner);
	}
	o = AT_LIT(o, ",\"bids\":");
	o = fmt_uint(o, t->nbids);
	o = AT_LIT(o, ",\"valid_bids\":");
	o = fmt_uint(o, t->nvalid);
	o = AT_LIT(o, ",\"signals\":[");
	b->len = (size_t)(o - b->data);
}

static void
tender_json(struct gk_buf *b, const struct market *m, size_t ti,
	    const struct tender_case *c, const struct report_opts *o,
	    const struct cat_values *cv)
{
	const struct tender *t = &m->t[ti];

	tender_head_json(b, m, t, c, cv);
	for (size_t i = 0; i < c->n; i++) {
		if (i)
			put_char(b, ',');
		fired_json(b, m, &c->f[i]);
	}
	put_char(b, ']');
	if (o->screens)
		screens_json(b, t);
	if (t->notes)
		notes_json(b, t->notes);
	record_end(b, "}\n");
}

static void
tender_text(struct gk_buf *b, const struct market *m, size_t ti,
	    const struct tender_case *c)
{
	const char *id = tender_id(m, &m->t[ti]);

	buf_add_padded(b, id, strlen(id), TEXT_ID_WIDTH);
	buf_printf(b, " %3.0f %-6s", floor(c->score + 0.5), c->level);
	for (size_t i = 0; i < c->n; i++) {
		bool dup = false;
		for (size_t j = 0; j < i; j++)
			dup |= c->f[j].sig == c->f[i].sig;
		if (!dup)
			buf_printf(b, "%s%s", i ? ", " : " ",
				   sig_info[c->f[i].sig].name);
	}
	buf_addc(b, '\n');
}

/*
 * A tender's record depends on nothing but the market, and formatting a
 * large market's records takes most of a report's time: chunks of
 * tenders are formatted on two threads (the main one and a helper), each
 * into a buffer of its own, and written in input order by the main
 * thread.  At most FMT_WINDOW chunks are formatted ahead of the writing.
 */
#define FMT_CHUNK 256
#define FMT_WINDOW 16
/* The id and the winner's name of the tender this far ahead are asked of
 * the memory before they are needed (misses in tables larger than the
 * caches), in steps that each wait for nothing: the tender three times
 * as far ahead, the offset of its winner's name twice. */
#define FMT_PREFETCH 8

struct fmt_chunk {
	struct gk_buf b;
	long high;
	bool ready;
};

struct fmt_pool {
	const struct market *m;
	const struct report_opts *o;
	struct cat_values cats;
	size_t nchunks, next, written;
	bool stop;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct fmt_chunk c[FMT_WINDOW];
};

/* The next chunk to format into *k; false when none is left (or, with
 * wait false, none may start yet). */
static bool
fmt_take(struct fmt_pool *p, bool wait, size_t *k)
{
	bool got = false;

	pthread_mutex_lock(&p->mu);
	while (wait && !p->stop && p->next < p->nchunks &&
	       p->next >= p->written + FMT_WINDOW)
		pthread_cond_wait(&p->cv, &p->mu);
	if (!p->stop && p->next < p->nchunks &&
	    p->next < p->written + FMT_WINDOW) {
		*k = p->next++;
		got = true;
	}
	pthread_mutex_unlock(&p->mu);
	return got;
}

static void
fmt_chunk(struct fmt_pool *p, size_t k, struct tender_case *c)
{
	struct fmt_chunk *ch = &p->c[k % FMT_WINDOW];
	size_t end =
		(k + 1) * FMT_CHUNK < p->m->nt ? (k + 1) * FMT_CHUNK : p->m->nt;
	int min = level_rank(p->o->min_level);

	ch->high = 0;
	for (size_t i = k * FMT_CHUNK; i < end; i++) {
		const struct market *m = p->m;
		const struct tender *t;
		/* here, not in a function of its own: gcc 12 takes such a
		 * function for one without effect and drops its calls */
		if (i + 3 * FMT_PREFETCH < m->nt)
			__builtin_prefetch(&m->t[i + 3 * FMT_PREFETCH]);
		if (i + 2 * FMT_PREFETCH < m->nt &&
		    (t = &m->t[i + 2 * FMT_PREFETCH])->winner >= 0)
			__builtin_prefetch(&m->bidders.offs[t->winner]);
		if (i + FMT_PREFETCH < m->nt) {
			t = &m->t[i + FMT_PREFETCH];
			__builtin_prefetch(tender_id(m, t));
			if (t->winner >= 0)
				__builtin_prefetch(
					bidder_name(m, (uint32_t)t->winner));
		}
		case_build(p->m, i, c, p->o);
		if (case_rank(c->level) == 2)
			ch->high++;
		if (case_rank(c->level) < min)
			continue;
		if (p->o->fmt == GK_FORMAT_TEXT)
			tender_text(&ch->b, p->m, i, c);
		else
			tender_json(&ch->b, p->m, i, c, p->o, &p->cats);
	}
	pthread_mutex_lock(&p->mu);
	ch->ready = true;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
}

static void *
fmt_helper(void *arg)
{
	struct fmt_pool *p = arg;
	struct tender_case c;
	size_t k;

	case_init(&c);
	while (fmt_take(p, true, &k))
		fmt_chunk(p, k, &c);
	case_release(&c);
	return NULL;
}

long
report_tenders(const struct market *m, FILE *fp, const struct report_opts *o)
{
	struct fmt_pool p = {.m = m, .o = o};
	struct tender_case c;
	pthread_t th;
	bool helper;
	long high = 0;
	size_t k;

	pthread_once(&sig_heads_once, sig_heads_make);
	cat_values_make(&p.cats, m);
	p.nchunks = (m->nt + FMT_CHUNK - 1) / FMT_CHUNK;
	pthread_mutex_init(&p.mu, NULL);
	pthread_cond_init(&p.cv, NULL);
	for (size_t i = 0; i < FMT_WINDOW; i++)
		buf_init(&p.c[i].b);
	case_init(&c);
	helper =
		p.nchunks > 1 && pthread_create(&th, NULL, fmt_helper, &p) == 0;
	while (p.written < p.nchunks) {
		struct fmt_chunk *ch = &p.c[p.written % FMT_WINDOW];
		pthread_mutex_lock(&p.mu);
		bool ready = ch->ready;
		pthread_mutex_unlock(&p.mu);
		if (ready) {
			high += ch->high;
			if (flush(&ch->b, fp) != 0) {
				high = -1;
				break;
			}
			pthread_mutex_lock(&p.mu);
			ch->ready = false;
			p.written++;
			pthread_cond_broadcast(&p.cv);
			pthread_mutex_unlock(&p.mu);
		} else if (fmt_take(&p, false, &k)) {
			fmt_chunk(&p, k, &c);
		} else {
			/* the helper has the next chunk: wait for it */
			pthread_mutex_lock(&p.mu);
			while (!ch->ready)
				pthread_cond_wait(&p.cv, &p.mu);
			pthread_mutex_unlock(&p.mu);
		}
	}
	pthread_mutex_lock(&p.mu);
	p.stop = true;
	pthread_cond_broadcast(&p.cv);
	pthread_mutex_unlock(&p.mu);
	if (helper)
		pthread_join(th, NULL);
	case_release(&c);
	for (size_t i = 0; i < FMT_WINDOW; i++)
		buf_release(&p.c[i].b);
	pthread_mutex_destroy(&p.mu);
	pthread_cond_destroy(&p.cv);
	cat_values_release(&p.cats);
	return high;
}

/* ---------------------------------------------------------------- */
/* pairs                                                             */
/* ---------------------------------------------------------------- */

#define NART (SIG_CLOSE_SUBMISSION + 1)
#define PAIR_GROUP_MAX 8 /* Art. 40 groups larger than this: no pairs */

struct prec {
	uint32_t a, b;
	uint32_t orig; /* the order it was found in */
	uint32_t art[NART];
	uint64_t cobid;
	bool strong;
	bool cover; /* a covers for b */
	double score;
};

static const struct market *sort_m;

static int
cmp_prec(const void *x, const void *y)
{
	const struct prec *p = x, *q = y;
	int r;
	if (p->score != q->score)
		return p->score > q->score ? -1 : 1;
	r = strcmp(bidder_name(sort_m, p->a), bidder_name(sort_m, q->a));
	if (r)
		return r;
	r = strcmp(bidder_name(sort_m, p->b), bidder_name(sort_m, q->b));
	if (r)
		return r;
	/* names masked or made printable alike: the order they were read */
	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	return p->b < q->b ? -1 : p->b > q->b;
}

static struct prec *
prec_get(struct u64map *idx, struct prec **v, size_t *n, size_t *cap,
	 uint32_t a, uint32_t b)
{
	uint32_t *slot = u64map_get(idx, pair_key(a, b));
	if (slot[0])
		return &(*v)[slot[0] - 1];
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 256;
		*v = gk_xrealloc(*v, *cap * sizeof **v);
	}
	memset(&(*v)[*n], 0, sizeof **v);
	(*v)[*n].orig = (uint32_t)*n;
	(*v)[*n].a = a < b ? a : b;
	(*v)[*n].b = a < b ? b : a;
	slot[0] = (uint32_t)++ * n;
	return &(*v)[*n - 1];
}

/* One signal of a pair or group record: its name, weight and evidence. */
static void
signal_json(struct gk_buf *b, bool *first, const char *name, long long tenders,
	    double weight, const char *evidence, const struct market *m,
	    const struct tlist *ids)
{
	put_comma(b, first);
	PUT_LIT(b, "{\"signal\":\"");
	put_str(b, name);
	put_char(b, '"');
	if (tenders >= 0) {
		PUT_LIT(b, ",\"tenders\":");
		buf_add_uint(b, (uint64_t)tenders);
	}
	if (ids)
		buf_add_tender_ids(b, m, ids);
	PUT_LIT(b, ",\"weight\":");
	buf_add_num(b, weight);
	PUT_LIT(b, ",\"evidence\":");
	jstr(b, evidence);
	put_char(b, '}');
}

/* Flush the buffer once it is large; -1 when the write fails.  Without
 * fp, the records stay in the buffer. */
static long
flush_large(struct gk_buf *b, FILE *fp, long high)
{
	if (fp && high >= 0 && b->len > 1 << 16 && flush(b, fp) != 0)
		return -1;
	return high;
}

/* An Art. 40 fact of a pair in one tender. */
struct pair_fact {
	uint32_t pair; /* prec.orig, then the pair's place in the report */
	uint32_t sig;
	uint32_t tender;
};

struct pair_facts {
	struct pair_fact *v;
	size_t n, cap;
};

static void
pair_fact_add(struct pair_facts *f, uint32_t pair, uint32_t sig,
	      uint32_t tender)
{
	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 256;
		f->v = gk_xrealloc(f->v, f->cap * sizeof *f->v);
	}
	f->v[f->n++] = (struct pair_fact){pair, sig, tender};
}

/* The strong pairs (co-bidding far above chance), into *n: the keys of
 * a->strong, in no order the records depend on. */
static uint64_t *
strong_pair_keys(const struct analysis *a, size_t *n)
{
	uint64_t *keys = gk_xmalloc((a->strong.n + 1) * sizeof *keys);
	size_t nk = 0;

	for (size_t i = 0; i < a->strong.cap; i++)
		if (a->strong.slots[i].key)
			keys[nk++] = a->strong.slots[i].key;
	*n = nk;
	return keys;
}

/* Every pair with a fact: co-bidding, cover bidding or an Art. 40 hit
 * (each such hit also into facts). */
static struct prec *
pairs_collect(const struct market *m, size_t *np, struct pair_facts *facts)
{
	const struct analysis *a = m->an;
	struct u64map idx;
	struct prec *v = NULL;
	size_t n = 0, cap = 0, nstrong;
	uint64_t *strong = strong_pair_keys(a, &nstrong);

	u64map_init(&idx, 1024);
	for (size_t i = 0; i < nstrong; i++) {
		uint64_t key = strong[i];
		struct prec *p = prec_get(&idx, &v, &n, &cap,
					  (uint32_t)((key - 1) >> 32),
					  (uint32_t)(key - 1));
		p->strong = true;
	}
	free(strong);
	for (size_t l = 0; l < m->bidders.n; l++) {
		if (a->cover_of[l] < 0)
			continue;
		struct prec *p = prec_get(&idx, &v, &n, &cap, (uint32_t)l,
					  (uint32_t)a->cover_of[l]);
		/* cover is directed: remember who covers whom by order */
		p->cover = true;
	}
	for (size_t h = 0; h < m->nhits; h++) {
		const struct hit *x = &m->hits[h];
		if (x->sig >= NART || x->nb > PAIR_GROUP_MAX)
			continue;
		for (uint32_t i = 0; i < x->nb; i++)
			for (uint32_t j = i + 1; j < x->nb; j++) {
				struct prec *p =
					prec_get(&idx, &v, &n, &cap,
						 m->hitb[x->bidders + i],
						 m->hitb[x->bidders + j]);
				p->art[x->sig]++;
				pair_fact_add(facts, p->orig, x->sig,
					      x->tender);
			}
	}
	u64map_release(&idx);
	*np = n;
	return v;
}

static int
cmp_pair_fact(const void *x, const void *y)
{
	const struct pair_fact *p = x, *q = y;
	if (p->pair != q->pair)
		return p->pair < q->pair ? -1 : 1;
	if (p->sig != q->sig)
		return p->sig < q->sig ? -1 : 1;
	return p->tender < q->tender ? -1 : p->tender > q->tender;
}

/* The facts, of pairs 0..npairs, in cmp_pair_fact's order: counted into
 * their (pair, signal) buckets in the order they came, each bucket then
 * by tender (in order already, as the hits are: the insertion sort only
 * checks).  qsort() took 15 ms for the million's 134,719, copying each
 * 12-byte fact by a call. */
static void
pair_facts_order(struct pair_facts *f, size_t npairs)
{
	size_t nkeys = npairs * NART;
	size_t *at = gk_xcalloc(nkeys + 1, sizeof *at);
	struct pair_fact *out = gk_xmalloc((f->n + 1) * sizeof *out);

	for (size_t i = 0; i < f->n; i++)
		at[(size_t)f->v[i].pair * NART + f->v[i].sig + 1]++;
	for (size_t k = 0; k < nkeys; k++)
		at[k + 1] += at[k];
	for (size_t i = 0; i < f->n; i++)
		out[at[(size_t)f->v[i].pair * NART + f->v[i].sig]++] = f->v[i];
	/* at[k] is now where bucket k + 1 starts */
	for (size_t k = 0, from = 0; k < nkeys; from = at[k++])
		for (size_t i = from + 1; i < at[k]; i++) {
			struct pair_fact x = out[i];
			size_t j = i;
			while (j > from && out[j - 1].tender > x.tender) {
				out[j] = out[j - 1];
				j--;
			}
			out[j] = x;
		}
	free(f->v);
	f->v = out;
	f->cap = f->n + 1;
	free(at);
}

/* The facts of the pairs v[0..n) (sorted, of nfound found), in the order
 * they are reported, once a tender. */
static void
pair_facts_sort(struct pair_facts *f, const struct prec *v, size_t n,
		size_t nfound)
{
	uint32_t *place = gk_xmalloc((nfound + 1) * sizeof *place);
	size_t kept = 0;

	for (size_t i = 0; i < nfound; i++)
		place[i] = UINT32_MAX;
	for (size_t i = 0; i < n; i++)
		place[v[i].orig] = (uint32_t)i;
	/* the facts of the pairs reported */
	for (size_t i = 0; i < f->n; i++)
		if (place[f->v[i].pair] != UINT32_MAX) {
			f->v[kept] = f->v[i];
			f->v[kept++].pair = place[f->v[i].pair];
		}
	f->n = kept;
	free(place);
	pair_facts_order(f, n);
	/* one tender can fire the same fact twice for two bidders that each
	 * bid twice (two shared authors, two runs of close submissions):
	 * each pair's facts are kept once a tender */
	size_t k = 0;
	for (size_t i = 0; i < f->n; i++)
		if (k == 0 || cmp_pair_fact(&f->v[k - 1], &f->v[i]) != 0)
			f->v[k++] = f->v[i];
	f->n = k;
}

/* Each pair's Art. 40 counts as tenders, not hits.  facts: sorted and
 * distinct, by place. */
static void
pairs_art_tenders(struct prec *v, size_t n, const struct pair_facts *f)
{
	for (size_t i = 0; i < n; i++)
		memset(v[i].art, 0, sizeof v[i].art);
	for (size_t i = 0; i < f->n; i++)
		v[f->v[i].pair].art[f->v[i].sig]++;
}

/*
 * What the pair records name besides counts: the tenders of each signal.
 * facts: sorted, *next the first of the pair being printed; bt: the
 * reported bidders' tenders; ids: scratch.
 */
struct pair_evidence {
	const struct pair_facts *facts;
	size_t next;
	struct bidder_tenders bt;
	struct tlist ids;
};

/* The tenders of signal sig among the pair's facts. */
static void
pair_fact_tenders(struct pair_evidence *ev, uint32_t pair, uint32_t sig)
{
	const struct pair_facts *f = ev->facts;

	ev->ids.n = 0;
	while (ev->next < f->n && f->v[ev->next].pair == pair &&
	       f->v[ev->next].sig < sig)
		ev->next++;
	for (; ev->next < f->n && f->v[ev->next].pair == pair &&
	       f->v[ev->next].sig == sig;
	     ev->next++)
		tlist_push(&ev->ids, f->v[ev->next].tender);
}

/* The tenders of the pairs to be printed, from v[0..n) at or above min. */
static void
pair_evidence_init(struct pair_evidence *ev, const struct market *m,
		   const struct prec *v, size_t n, int min,
		   const struct pair_facts *facts)
{
	uint8_t *chosen = gk_xcalloc(m->bidders.n + 1, 1);

	memset(ev, 0, sizeof *ev);
	ev->facts = facts;
	for (size_t i = 0; i < n; i++)
		if (level_rank(level_of(m->conf, v[i].score)) >= min)
			chosen[v[i].a] = chosen[v[i].b] = 1;
	bidder_tenders_build(m, chosen, &ev->bt);
	free(chosen);
}

static void
pair_evidence_release(struct pair_evidence *ev)
{
	bidder_tenders_free(&ev->bt);
	tlist_release(&ev->ids);
}

static void
pairs_score(const struct market *m, struct prec *v, size_t n)
{
	const struct bid_conf *c = m->conf;

	for (size_t i = 0; i < n; i++) {
		double w[NART + 2];
		size_t nw = 0;
		uint64_t cnt;
		pair_strong(m, v[i].a, v[i].b, &cnt);
		v[i].cobid = cnt;
		for (int s = 0; s < NART; s++)
			if (v[i].art[s])
				w[nw++] = c->weight[s];
		if (v[i].strong)
			w[nw++] = c->weight[SIG_CO_BIDDING];
		if (v[i].cover)
			w[nw++] = c->weight[SIG_COVER_BIDDER];
		v[i].score = floor(100 * combine(w, nw) + 0.5);
	}
}

/* The pairs at or above level min, in the order they were found, into
 * v[0..return): the only ones reported (and counted: a high one is above
 * any min).  The others, nineteen in twenty on a large market, are not
 * sorted by their names. */
static size_t
pairs_at_least(const struct market *m, struct prec *v, size_t n, int min)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		if (level_rank(level_of(m->conf, v[i].score)) >= min)
			v[k++] = v[i];
	return k;
}

static void
pair_text(struct gk_buf *b, const struct prec *p, const char *an,
	  const char *bn, const char *level)
{
	buf_printf(b, "pair %s + %s %3.0f %-6s", an, bn, p->score, level);
	for (int s = 0; s < NART; s++)
		if (p->art[s])
			buf_printf(b, " %s(%u)", sig_info[s].name, p->art[s]);
	if (p->strong)
		buf_printf(b, " co-bidding(%llu)",
			   (unsigned long long)p->cobid);
	if (p->cover)
		buf_adds(b, " cover-bidder");
	buf_addc(b, '\n');
}

static void
pair_cobid_signal(struct gk_buf *b, bool *first, const struct market *m,
		  const struct prec *p, uint32_t ia, uint32_t ib, bool zh,
		  struct pair_evidence *ev)
{
	const struct analysis *a = m->an;
	const char *an = bidder_name(m, ia), *bn = bidder_name(m, ib);
	uint32_t na = a->npair_b[ia], nb = a->npair_b[ib];
	double expect =
		a->s1 > 0 ? (double)na * nb * a->s2 / (a->s1 * a->s1) : 0;
	char e[600];

	fmt_snprintf(e, sizeof e,
		     zh ? "共同投标%llu次（%s投标%u次，%s投标%u次；预期%.2f次）"
			: "bid together in %llu tenders (%s bid in %u, "
			  "%s in %u; %.2f expected)",
		     (unsigned long long)p->cobid, an, na, bn, nb, expect);
	tenders_together(m, &ev->bt, p->a, p->b, -1, true, &ev->ids);
	signal_json(b, first, "co-bidding", (long long)p->cobid,
		    m->conf->weight[SIG_CO_BIDDING], e, m, &ev->ids);
}

static void
pair_cover_signal(struct gk_buf *b, bool *first, const struct market *m,
		  const struct prec *p, bool zh, struct pair_evidence *ev)
{
	const struct analysis *a = m->an;
	uint32_t l = a->cover_of[p->a] == (int32_t)p->b ? p->a : p->b;
	uint32_t w = l == p->a ? p->b : p->a;
	char e[600];

	fmt_snprintf(e, sizeof e,
		     zh ? "%s从未中标，%u次投标中有%u次输给%s"
			: "%s never won and lost %u of %u bids to %s",
		     bidder_name(m, l), zh ? a->nvalid_b[l] : a->cover_n[l],
		     zh ? a->cover_n[l] : a->nvalid_b[l], bidder_name(m, w));
	/* the tenders l lost to w */
	tenders_together(m, &ev->bt, l, w, (int32_t)w, false, &ev->ids);
	signal_json(b, first, "cover-bidder", a->cover_n[l],
		    m->conf->weight[SIG_COVER_BIDDER], e, m, &ev->ids);
}

/* What the two did together, in how many tenders. */
static void
pair_art40_evidence(char *e, size_t n, int s, const char *an, const char *bn,
		    unsigned tenders, bool zh)
{
	struct fmt_text t = {e, n, 0};

	if (zh) {
		fmt_text_str(&t, an);
		FMT_TEXT_LIT(&t, "与");
		fmt_text_str(&t, bn);
		fmt_text_str(&t, s == SIG_CLOSE_SUBMISSION
					 ? "的投标在数秒内相继递交"
					 : key_zh[s - SIG_SAME_DOC_AUTHOR]);
		FMT_TEXT_LIT(&t, "，共");
		fmt_text_uint(&t, tenders);
		FMT_TEXT_LIT(&t, "个项目");
	} else {
		if (s != SIG_CLOSE_SUBMISSION)
			FMT_TEXT_LIT(&t, "the bids of ");
		fmt_text_str(&t, an);
		FMT_TEXT_LIT(&t, " and ");
		fmt_text_str(&t, bn);
		if (s == SIG_CLOSE_SUBMISSION) {
			FMT_TEXT_LIT(&t, " submitted within seconds of each "
					 "other");
		} else {
			FMT_TEXT_LIT(&t, " ");
			fmt_text_str(&t, key_en[s - SIG_SAME_DOC_AUTHOR]);
		}
		FMT_TEXT_LIT(&t, " in ");
		fmt_text_uint(&t, tenders);
		fmt_text_str(&t, tenders == 1 ? " tender" : " tenders");
	}
	fmt_text_end(&t);
}

static void
pair_json(struct gk_buf *b, const struct market *m, const struct prec *p,
	  uint32_t ia, uint32_t ib, const char *level, bool zh,
	  struct pair_evidence *ev, uint32_t place)
{
	const char *an = bidder_name(m, ia), *bn = bidder_name(m, ib);
	bool first = true;
	char e[600];

	buf_adds(b, "{\"type\":\"pair-risk\",\"bidders\":[");
	jstr(b, an);
	buf_addc(b, ',');
	jstr(b, bn);
	char num[FMT_NUM_MAX];

	PUT_LIT(b, "],\"tenders\":");
	buf_add_uint(b, p->cobid);
	PUT_LIT(b, ",\"score\":");
	put(b, num, fmt_f(num, p->score, 0));
	PUT_LIT(b, ",\"level\":\"");
	put_str(b, level);
	PUT_LIT(b, "\",\"signals\":[");
	for (int s = 0; s < NART; s++) {
		if (!p->art[s])
			continue;
		pair_fact_tenders(ev, place, (uint32_t)s);
		pair_art40_evidence(e, sizeof e, s, an, bn, (unsigned)ev->ids.n,
				    zh);
		signal_json(b, &first, sig_info[s].name, (long long)ev->ids.n,
			    m->conf->weight[s], e, m, &ev->ids);
	}
	if (p->strong)
		pair_cobid_signal(b, &first, m, p, ia, ib, zh, ev);
	if (p->cover)
		pair_cover_signal(b, &first, m, p, zh, ev);
	buf_adds(b, "]}\n");
}

/* The pair-risk records into b, and with fp, from b into fp once b is
 * large; how many are high, -1 when a write failed. */
static long
pairs_records(const struct market *m, const struct report_opts *o,
	      struct gk_buf *b, FILE *fp)
{
	struct pair_facts facts = {0};
	struct pair_evidence ev;
	size_t n, nfound;
	struct prec *v = pairs_collect(m, &nfound, &facts);
	long high = 0;
	int min = level_rank(o->min_level) > 1 ? 2 : 1;

	pairs_score(m, v, nfound);
	n = pairs_at_least(m, v, nfound, min);
	sort_m = m;
	if (n > 1)
		qsort(v, n, sizeof *v, cmp_prec);
	pair_facts_sort(&facts, v, n, nfound);
	pairs_art_tenders(v, n, &facts);
	pair_evidence_init(&ev, m, v, n, min, &facts);
	for (size_t i = 0; i < n && high >= 0; i++) {
		const struct prec *p = &v[i];
		const char *level = level_of(m->conf, p->score);
		uint32_t ia = p->a, ib = p->b;
		/* the pair in the order of the bidders' names, whatever was read first */
		if (strcmp(bidder_name(m, ia), bidder_name(m, ib)) > 0) {
			ia = p->b;
			ib = p->a;
		}
		if (strcmp(level, "high") == 0)
			high++;
		if (level_rank(level) < min)
			continue;
		if (o->fmt == GK_FORMAT_TEXT)
			pair_text(b, p, bidder_name(m, ia), bidder_name(m, ib),
				  level);
		else
			pair_json(b, m, p, ia, ib, level, o->zh, &ev,
				  (uint32_t)i);
		high = flush_large(b, fp, high);
	}
	pair_evidence_release(&ev);
	free(facts.v);
	free(v);
	return high;
}

long
report_pairs(const struct market *m, FILE *fp, const struct report_opts *o)
{
	struct gk_buf b;
	long high;

	buf_init(&b);
	high = pairs_records(m, o, &b, fp);
	if (high >= 0 && flush(&b, fp) != 0)
		high = -1;
	buf_release(&b);
	return high;
}

/* ---------------------------------------------------------------- */
/* parties (Cardinal's tenderer, buyer and procuring-entity flags)   */
/* ---------------------------------------------------------------- */

/*
 * The tenders behind a tenderer's R024, R028, R035 and R058 flags, so that
 * the auditor can open their case files: the first PARTY_TENDERS_SHOWN
 * in input order and how many in all, for each tenderer flagged.
 */
#define PARTY_TENDERS_SHOWN 5
enum { PT_R024, PT_R028, PT_R035, PT_R058, PT_COUNT };

struct party_list {
	uint32_t n;
	uint32_t last; /* the last tender counted, + 1 */
	uint32_t t[PARTY_TENDERS_SHOWN];
};

struct party_tenders {
	int32_t *slot; /* per bidder: its lists, -1 when not flagged */
	struct party_list (*l)[PT_COUNT];
};

static void
party_list_add(struct party_tenders *pt, int32_t bidder, int k, uint32_t ti)
{
	struct party_list *l;

	if (bidder < 0 || pt->slot[bidder] < 0)
		return;
	l = &pt->l[pt->slot[bidder]][k];
	/* a tender lists one tenderer twice (winner and runner-up): once */
	if (l->last == ti + 1)
		return;
	l->last = ti + 1;
	if (l->n < PARTY_TENDERS_SHOWN)
		l->t[l->n] = ti;
	l->n++;
}

/* The tenders of each flag, found again as cardinal_finalize and
 * cardinal_attach found them: the ratio against the fences (R024, R058),
 * the tender's hits (R028, R035). */
static void
party_tenders_build(const struct market *m, struct party_tenders *pt)
{
	const struct analysis *a = m->an;
	size_t nb = m->bidders.n, ns = 0;

	pt->slot = gk_xmalloc((nb + 1) * sizeof *pt->slot);
	for (size_t i = 0; i < nb; i++)
		pt->slot[i] = i < m->capcflags && m->c_flags_t[i]
				      ? (int32_t)ns++
				      : -1;
	pt->l = gk_xcalloc(ns + 1, sizeof *pt->l);
	if (ns == 0)
		return;
	for (size_t ti = 0; ti < m->nt; ti++) {
		const struct tender *t = &m->t[ti];
		if (!isnan(t->c_ratio)) {
			if (a->r024_ok && t->c_ratio <= a->r024_fence) {
				party_list_add(pt, t->c_winner, PT_R024,
					       (uint32_t)ti);
				party_list_add(pt, t->c_second, PT_R024,
					       (uint32_t)ti);
			}
			if (a->r058_ok && t->c_ratio >= a->r058_fence)
				party_list_add(pt, t->c_winner, PT_R058,
					       (uint32_t)ti);
		}
		for (uint32_t h = 0; h < t->nhits; h++) {
			const struct hit *x = &m->hits[t->hit_off + h];
			int k = x->sig == SIG_R028   ? PT_R028
				: x->sig == SIG_R035 ? PT_R035
						     : -1;
			if (k < 0)
				continue;
			for (uint32_t j = 0; j < x->nb; j++)
				party_list_add(pt,
					       (int32_t)m->hitb[x->bidders + j],
					       k, (uint32_t)ti);
		}
	}
}

static void
party_tenders_free(struct party_tenders *pt)
{
	free(pt->slot);
	free(pt->l);
}

/* what, and " (N tenders: T-1, T-2, ... and M more)" */
static void
party_evidence(struct gk_buf *e, const struct market *m,
	       const struct party_tenders *pt, size_t bidder, int k,
	       const char *what)
{
	const struct party_list *l;

	buf_reset(e);
	buf_adds(e, what);
	if (pt->slot[bidder] < 0)
		return;
	l = &pt->l[pt->slot[bidder]][k];
	if (l->n == 0)
		return;
	PUT_LIT(e, " (");
	buf_add_uint(e, l->n);
	if (l->n == 1)
		PUT_LIT(e, " tender: ");
	else
		PUT_LIT(e, " tenders: ");
	for (uint32_t i = 0; i < l->n && i < PARTY_TENDERS_SHOWN; i++) {
		if (i)
			PUT_LIT(e, ", ");
		put_str(e, tender_id(m, &m->t[l->t[i]]));
	}
	if (l->n > PARTY_TENDERS_SHOWN) {
		PUT_LIT(e, " and ");
		buf_add_uint(e, l->n - PARTY_TENDERS_SHOWN);
		PUT_LIT(e, " more");
	}
	buf_addc(e, ')'); /* and the NUL: e is read as a string */
}

static void
party_sig(struct gk_buf *b, bool *first, const char *code, double value,
	  const char *evidence)
{
	put_comma(b, first);
	PUT_LIT(b, "{\"signal\":\"");
	put_str(b, code);
	PUT_LIT(b, "\",\"value\":");
	buf_add_num(b, value);
	PUT_LIT(b, ",\"evidence\":");
	jstr(b, evidence);
	put_char(b, '}');
}

/* "won 3 of 5 tenders it bid in": lead, the fraction x, tail */
static void
of_evidence(char *e, size_t n, const char *lead, struct frac x,
	    const char *tail)
{
	struct fmt_text t = {e, n, 0};

	fmt_text_str(&t, lead);
	fmt_text_uint(&t, x.num);
	FMT_TEXT_LIT(&t, " of ");
	fmt_text_uint(&t, x.den);
	fmt_text_str(&t, tail);
	fmt_text_end(&t);
}

/* What the party-risk records are written with. */
struct party_out {
	const struct market *m;
	struct party_tenders pt;
	struct gk_buf *b, ev;
	bool text;
};

/* The signals of tenderer i's record: f its Cardinal flags, r025 and
 * r038 whether those fired. */
static void
tenderer_signals(struct party_out *po, size_t i, uint8_t f, bool r025,
		 bool r038)
{
	const struct market *m = po->m;
	const struct analysis *a = m->an;
	struct gk_buf *b = po->b, *ev = &po->ev;
	bool first = true;
	char e[256];

	if (f & CF_R024) {
		party_evidence(
			ev, m, &po->pt, i, PT_R024,
			"winner or runner-up of a tender whose second-lowest "
			"bid was close to the winning bid");
		party_sig(b, &first, "R024", 0, ev->data);
	}
	if (r025) {
		of_evidence(e, sizeof e, "won ", m->r025[i],
			    " tenders it bid in");
		party_sig(b, &first, "R025",
			  (double)m->r025[i].num / m->r025[i].den, e);
	}
	if (f & CF_R028) {
		party_evidence(ev, m, &po->pt, i, PT_R028,
			       "bid the identical price of another tenderer");
		party_sig(b, &first, "R028", 1, ev->data);
	}
	if (f & CF_R035) {
		party_evidence(
			ev, m, &po->pt, i, PT_R035,
			"won a tender where all others were disqualified");
		party_sig(b, &first, "R035", 0, ev->data);
	}
	if (r038) {
		of_evidence(e, sizeof e, "", m->r038_t[i],
			    " bids disqualified");
		party_sig(b, &first, "R038", a->r038_tval[i], e);
	}
	if (f & CF_R058) {
		party_evidence(ev, m, &po->pt, i, PT_R058,
			       "won with a heavily discounted bid");
		party_sig(b, &first, "R058", 0, ev->data);
	}
}

/* Tenderer i's record, when a signal flags it. */
static void
tenderer_record(struct party_out *po, size_t i)
{
	const struct market *m = po->m;
	const struct analysis *a = m->an;
	uint8_t f = i < m->capcflags ? m->c_flags_t[i] : 0;
	bool r025 = a->r025_flag[i], r038 = !isnan(a->r038_tval[i]);

	if (!f && !r025 && !r038)
		return;
	if (po->text) {
		buf_fmt(po->b, "tenderer %s:%s%s%s%s%s%s\n",
			bidder_name(m, (uint32_t)i), f & CF_R024 ? " R024" : "",
			r025 ? " R025" : "", f & CF_R028 ? " R028" : "",
			f & CF_R035 ? " R035" : "", r038 ? " R038" : "",
			f & CF_R058 ? " R058" : "");
		return;
	}
	buf_adds(po->b,
		 "{\"type\":\"party-risk\",\"role\":\"tenderer\",\"id\":");
	jstr(po->b, bidder_name(m, (uint32_t)i));
	buf_adds(po->b, ",\"signals\":[");
	tenderer_signals(po, i, f, r025, r038);
	buf_adds(po->b, "]}\n");
}

/* The R038 records of the buyers (k 0) or the procuring entities (k 1). */
static void
party_records(struct party_out *po, int k)
{
	const struct market *m = po->m;
	const struct analysis *a = m->an;
	const double *val = k == 0 ? a->r038_bval : a->r038_pval;
	const struct frac *fr = k == 0 ? m->r038_b : m->r038_p;
	struct gk_buf *b = po->b;
	char e[256];

	for (size_t i = 0; i < m->parties.n; i++) {
		bool first = true;
		if (isnan(val[i]))
			continue;
		if (po->text) {
			buf_fmt(b, "%s %s: R038\n",
				k == 0 ? "buyer" : "procuring-entity",
				strtab_get(&m->parties, (uint32_t)i));
			continue;
		}
		buf_fmt(b, "{\"type\":\"party-risk\",\"role\":\"%s\",\"id\":",
			k == 0 ? "buyer" : "procuring-entity");
		jstr(b, strtab_get(&m->parties, (uint32_t)i));
		buf_adds(b, ",\"signals\":[");
		of_evidence(e, sizeof e, "", fr[i], " bids disqualified");
		party_sig(b, &first, "R038", val[i], e);
		buf_adds(b, "]}\n");
	}
}

/* The party-risk records, into b. */
static void
parties_records(const struct market *m, const struct report_opts *o,
		struct gk_buf *b)
{
	struct party_out po;

	po.m = m;
	po.text = o->fmt == GK_FORMAT_TEXT;
	po.b = b;
	buf_init(&po.ev);
	party_tenders_build(m, &po.pt);
	for (size_t i = 0; i < m->bidders.n; i++)
		tenderer_record(&po, i);
	for (int k = 0; k < 2; k++)
		party_records(&po, k);
	buf_release(&po.ev);
	party_tenders_free(&po.pt);
}

void
report_parties(const struct market *m, FILE *fp, const struct report_opts *o)
{
	struct gk_buf b;

	buf_init(&b);
	parties_records(m, o, &b);
	flush(&b, fp);
	buf_release(&b);
}

/* ---------------------------------------------------------------- */
/* screen distributions                                              */
/* ---------------------------------------------------------------- */

/* How many tenders lie beyond each fence, indexed [ci * SCR_COUNT + s]
 * for the categories ci, then "(all)" at ci == ncats. */
static uint32_t *
count_flagged(const struct market *m)
{
	const struct analysis *a = m->an;
	size_t nc = a->ncats;
	uint32_t *flagged = gk_xcalloc((nc + 1) * SCR_COUNT, sizeof *flagged);

	for (size_t i = 0; i < m->nt; i++) {
		const struct tender *t = &m->t[i];
		for (int s = 0; s < SCR_COUNT; s++) {
			if (isnan(t->scr[s]))
				continue;
			double x = screen_scale(s, t->scr[s]);
			for (int g = 0; g < 2; g++) {
				size_t ci = g == 0 ? t->category : nc;
				const struct fence *f =
					&a->fences[ci * SCR_COUNT + s];
				if (f->n < FENCE_MIN_VALUES)
					continue;
				if (scr_info[s].dir == DIR_LOW ? x < f->lo
							       : x > f->hi)
					flagged[ci * SCR_COUNT + s]++;
			}
		}
	}
	return flagged;
}

/* One screen's distribution in one category (or "(all)"). */
struct dist_row {
	const struct market *m;
	size_t ci; /* the category; ncats is "(all)" */
	const char *cat;
	int s;
	const struct fence *f;
	uint32_t flagged;
};

static void
distribution_text(struct gk_buf *b, const struct dist_row *r)
{
	const struct fence *f = r->f;
	int s = r->s;

	buf_add_padded(b, r->cat, strlen(r->cat), TEXT_CATEGORY_WIDTH);
	if (f->n == 0) {
		buf_printf(b, " %-12s n=0\n", scr_info[s].name);
		return;
	}
	double fence = scr_info[s].dir == DIR_LOW ? f->lo : f->hi;

	buf_printf(b,
		   " %-12s n=%-8u min=%-10.4g q1=%-10.4g "
		   "median=%-10.4g q3=%-10.4g max=%-10.4g ",
		   scr_info[s].name, f->n, screen_unscale(s, f->min),
		   screen_unscale(s, f->q1), screen_unscale(s, f->median),
		   screen_unscale(s, f->q3), screen_unscale(s, f->max));
	if (isnan(fence)) /* too few values for one */
		buf_printf(b, "fence=%-10s ", "none");
	else
		buf_printf(b, "fence=%-10.4g ", screen_unscale(s, fence));
	buf_printf(b, "flagged=%u\n", r->flagged);
}

static void
distribution_json(struct gk_buf *b, const struct dist_row *r)
{
	const struct fence *f = r->f;
	int s = r->s;

	buf_adds(b, "{\"type\":\"screen-distribution\",\"screen\":");
	jstr(b, scr_info[s].name);
	buf_adds(b, ",\"category\":");
	if (r->ci < r->m->an->ncats) /* a tender without one: null */
		jstr_or_null(b, category_of(r->m, (uint32_t)r->ci));
	else
		jstr(b, r->cat);
	buf_printf(b, ",\"direction\":\"%s\",\"scale\":\"%s\",\"n\":%u",
		   scr_info[s].dir == DIR_LOW ? "low" : "high",
		   scr_info[s].log_scale ? "log" : "linear", f->n);
	const char *k[] = {"min", "q1",   "median",      "q3",
			   "max", "mean", "lower_fence", "upper_fence"};
	double v[] = {f->min, f->q1,   f->median, f->q3,
		      f->max, f->mean, f->lo,     f->hi};
	for (int j = 0; j < 8; j++) {
		buf_printf(b, ",\"%s\":", k[j]);
		buf_add_screen(b, screen_unscale(s, v[j]));
	}
	buf_printf(b, ",\"flagged\":%u}\n", r->flagged);
}

/* The screen-distribution records, into b. */
static void
distribution_records(const struct market *m, const struct report_opts *o,
		     struct gk_buf *b)
{
	size_t nc = m->an->ncats;
	uint32_t *flagged = count_flagged(m);

	for (size_t ci = 0; ci <= nc; ci++) {
		struct dist_row r = {
			.m = m,
			.ci = ci,
			.cat = ci == nc ? "(all)"
					: category_label(m, (uint32_t)ci),
		};
		if (nc == 1 && ci == 0)
			continue; /* one category: "(all)" says it */
		for (int s = 0; s < SCR_COUNT; s++) {
			r.s = s;
			r.f = &m->an->fences[ci * SCR_COUNT + s];
			r.flagged = flagged[ci * SCR_COUNT + s];
			if (o->fmt == GK_FORMAT_TEXT)
				distribution_text(b, &r);
			else
				distribution_json(b, &r);
		}
	}
	free(flagged);
}

void
report_distribution(const struct market *m, FILE *fp,
		    const struct report_opts *o)
{
	struct gk_buf b;

	buf_init(&b);
	distribution_records(m, o, &b);
	flush(&b, fp);
	buf_release(&b);
}

/* ---------------------------------------------------------------- */
/* score: every record, the tenders' beside the rest                 */
/* ---------------------------------------------------------------- */

/*
 * The records after the tenders' (pairs, parties, distributions) need
 * one thread and took a fifth of a large market's report after the
 * tenders' were written: they are made on a thread of their own while
 * the tenders' are, into memory (a twentieth of the tenders' text), and
 * written after them.  The pairs' part and the rest are kept apart: a
 * failed write of the pairs' is the count's -1, as report_pairs has it.
 * (Into buffers of their own: an open_memstream grew by copies that took
 * a sixth of the thread.)
 */
struct tail {
	const struct market *m;
	const struct report_opts *o;
	struct gk_buf pairs; /* the pair-risk records */
	struct gk_buf rest;  /* the party-risk and screen-distribution ones */
};

static void *
tail_records(void *arg)
{
	struct tail *t = arg;

	if (t->o->pairs)
		(void)pairs_records(t->m, t->o, &t->pairs, NULL);
	if (t->o->parties)
		parties_records(t->m, t->o, &t->rest);
	if (t->o->distribution)
		distribution_records(t->m, t->o, &t->rest);
	return NULL;
}

long
report_score(const struct market *m, FILE *fp, const struct report_opts *o)
{
	struct tail t = {.m = m, .o = o};
	pthread_t th;
	bool apart;
	long high;

	buf_init(&t.pairs);
	buf_init(&t.rest);
	apart = pthread_create(&th, NULL, tail_records, &t) == 0;
	high = report_tenders(m, fp, o);
	if (apart)
		pthread_join(th, NULL);
	else if (high >= 0)
		tail_records(&t);
	if (high >= 0 && t.pairs.len &&
	    fwrite(t.pairs.data, 1, t.pairs.len, fp) != t.pairs.len)
		high = -1;
	/* a failed write of the rest is the stream's error, as
	 * report_parties leaves it */
	if (high >= 0 && t.rest.len)
		fwrite(t.rest.data, 1, t.rest.len, fp);
	buf_release(&t.pairs);
	buf_release(&t.rest);
	return high;
}

/* ---------------------------------------------------------------- */
/* groups                                                            */
/* ---------------------------------------------------------------- */

struct grec {
	size_t g;
	double score;
	struct tlist art; /* tenders where members share an Art. 40 fact */
	double art_w;     /* the largest weight among these facts */
	uint32_t cover;   /* members covering for another member */
	uint32_t strong;  /* pairs of members that co-bid far above chance */
};

static const struct analysis *sort_a;

static int
cmp_grec(const void *x, const void *y)
{
	const struct grec *p = x, *q = y;
	if (p->score != q->score)
		return p->score > q->score ? -1 : 1;
	if (sort_a->groups[p->g].present != sort_a->groups[q->g].present)
		return sort_a->groups[p->g].present >
				       sort_a->groups[q->g].present
			       ? -1
			       : 1;
	int r = strcmp(bidder_name(sort_m, sort_a->groups[p->g].members[0]),
		       bidder_name(sort_m, sort_a->groups[q->g].members[0]));
	if (r)
		return r;
	/* names masked or made printable alike: the order they were found */
	return p->g < q->g ? -1 : p->g > q->g;
}

/* Per group: tenders where members share an Art. 40 fact and the largest
 * weight among the facts they share there, cover bidders. */
static void
groups_facts(const struct market *m, struct grec *g)
{
	const struct analysis *a = m->an;
	const struct bid_conf *c = m->conf;

	/* members of a group share the fact whoever else shares it: two of
	 * them among the hit's bidders are enough (an outsider's bid with
	 * the same IP does not clear them); seen[gi] is the last hit that
	 * named a member of group gi, plus one */
	size_t *seen = gk_xcalloc(a->ngroups + 1, sizeof *seen);
	/* the hits come tender by tender */
	for (size_t h = 0; h < m->nhits; h++) {
		const struct hit *x = &m->hits[h];
		if (x->sig > SIG_SAME_CA_SERIAL || x->nb < 2)
			continue;
		for (uint32_t j = 0; j < x->nb; j++) {
			int32_t gi = a->comp[m->hitb[x->bidders + j]];
			if (gi < 0)
				continue;
			if (seen[gi] != h + 1) {
				seen[gi] = h + 1;
				continue;
			}
			if (g[gi].art.n == 0 ||
			    g[gi].art.v[g[gi].art.n - 1] != x->tender)
				tlist_push(&g[gi].art, x->tender);
			/* the fact weighs in the group what it weighs in the
			 * tender */
			if (c->weight[x->sig] > g[gi].art_w)
				g[gi].art_w = c->weight[x->sig];
		}
	}
	free(seen);
	for (size_t l = 0; l < m->bidders.n; l++)
		if (a->cover_of[l] >= 0 && a->comp[l] >= 0 &&
		    a->comp[l] == a->comp[a->cover_of[l]])
			g[a->comp[l]].cover++;
	/* a strong pair joins two bidders of one group */
	size_t nstrong;
	uint64_t *strong = strong_pair_keys(a, &nstrong);
	for (size_t i = 0; i < nstrong; i++)
		g[a->comp[(uint32_t)((strong[i] - 1) >> 32)]].strong++;
	free(strong);
}

static void
groups_score(const struct market *m, struct grec *g)
{
	const struct analysis *a = m->an;
	const struct bid_conf *c = m->conf;

	for (size_t i = 0; i < a->ngroups; i++) {
		double w[4];
		size_t nw = 0;
		w[nw++] = c->weight[SIG_CO_BIDDING];
		if (a->groups[i].rotation)
			w[nw++] = c->weight[SIG_BID_ROTATION];
		if (g[i].cover)
			w[nw++] = c->weight[SIG_COVER_BIDDER];
		if (g[i].art.n)
			w[nw++] = g[i].art_w;
		g[i].score = floor(100 * combine(w, nw) + 0.5);
	}
}

static void
group_text(struct gk_buf *b, const struct market *m, size_t r,
	   const struct grec *g, const char *level)
{
	const struct group *gr = &m->an->groups[g->g];
	uint32_t shown = (uint32_t)m->conf->group_max;

	buf_printf(b, "G%04zu %3.0f %-6s tenders=%u won=%u%s:", r + 1, g->score,
		   level, gr->present, gr->won,
		   gr->rotation ? " rotation" : "");
	for (uint32_t j = 0; j < gr->n && j < shown; j++)
		buf_printf(b, " %s(%u)", bidder_name(m, gr->members[j]),
			   gr->wins[j]);
	if (gr->n > shown)
		buf_printf(b, " ... %u members", gr->n);
	buf_addc(b, '\n');
}

/* The group's cover bidders, each with the member it loses to, in the
 * order of the members: the first GROUP_COVER_SHOWN, then how many more. */
#define GROUP_COVER_SHOWN 3

static void
group_cover_evidence(struct gk_buf *e, const struct market *m,
		     const struct group *gr, bool zh)
{
	const struct analysis *a = m->an;
	uint32_t n = 0;

	for (uint32_t j = 0; j < gr->n; j++) {
		uint32_t l = gr->members[j];
		int32_t w = a->cover_of[l];
		if (w < 0 || a->comp[w] != a->comp[l])
			continue;
		if (n++ >= GROUP_COVER_SHOWN)
			continue;
		if (n > 1)
			buf_adds(e, zh ? "；" : "; ");
		if (zh)
			buf_fmt(e, "%s从未中标，%u次投标中有%u次输给组内成员%s",
				bidder_name(m, l), a->nvalid_b[l],
				a->cover_n[l], bidder_name(m, (uint32_t)w));
		else
			buf_fmt(e,
				"%s never won and lost %u of its %u bids "
				"to member %s",
				bidder_name(m, l), a->cover_n[l],
				a->nvalid_b[l], bidder_name(m, (uint32_t)w));
	}
	if (n > GROUP_COVER_SHOWN)
		buf_fmt(e,
			zh ? "；另有%u家成员同样如此"
			   : "; %u more members likewise",
			n - GROUP_COVER_SHOWN);
}

static void
group_signals(struct gk_buf *b, const struct market *m, const struct grec *g,
	      bool zh)
{
	const struct group *gr = &m->an->groups[g->g];
	const struct bid_conf *c = m->conf;
	bool first = true;
	char e[400];
	struct gk_buf ce;
	/* 64 bits: a group past 65,536 members has more pairs than 32 hold */
	unsigned long long pairs = (unsigned long long)gr->n * (gr->n - 1) / 2;

	/* the group is joined by its strong pairs, not every pair of it */
	if (gr->n == 2)
		fmt_snprintf(
			e, sizeof e,
			zh ? "2家投标人共同投标的次数远超预期"
			   : "the 2 members bid together far more often than "
			     "their participation predicts");
	else
		fmt_snprintf(
			e, sizeof e,
			zh ? "%u家成员的%llu对中有%u对共同投标的次数远超预期"
			   : "%u of the %llu pairs of the %u members bid "
			     "together far more often than their "
			     "participation predicts",
			zh ? gr->n : g->strong, pairs, zh ? g->strong : gr->n);
	signal_json(b, &first, "co-bidding", -1, c->weight[SIG_CO_BIDDING], e,
		    m, NULL);
	if (gr->rotation) {
		fmt_snprintf(e, sizeof e,
			     zh ? "在%u次共同投标中赢得%u次，由%u家轮流中标"
				: "won %u of the %u tenders they bid together, "
				  "taking turns among %u winners",
			     zh ? gr->present : gr->won,
			     zh ? gr->won : gr->present, gr->distinct_winners);
		signal_json(b, &first, "bid-rotation", -1,
			    c->weight[SIG_BID_ROTATION], e, m, NULL);
	}
	if (g->cover) {
		buf_init(&ce);
		group_cover_evidence(&ce, m, gr, zh);
		signal_json(b, &first, "cover-bidder", -1,
			    c->weight[SIG_COVER_BIDDER], ce.data, m, NULL);
		buf_release(&ce);
	}
	if (g->art.n) {
		fmt_snprintf(
			e, sizeof e,
			zh ? "成员在%zu个项目中存在《招标投标法实施条例》"
			     "第四十条所列情形"
			: g->art.n == 1
				? "members share an Art. 40 fact (same IP, "
				  "preparer, ...) in %zu tender"
				: "members share an Art. 40 fact (same IP, "
				  "preparer, ...) in %zu tenders",
			g->art.n);
		signal_json(b, &first, "art40", (long long)g->art.n, g->art_w,
			    e, m, &g->art);
	}
}

static void
group_json(struct gk_buf *b, const struct market *m, size_t r,
	   const struct grec *g, const char *level, bool zh,
	   const struct tlist *present)
{
	const struct group *gr = &m->an->groups[g->g];
	uint32_t shown = (uint32_t)m->conf->group_max;

	buf_printf(b,
		   "{\"type\":\"group-risk\",\"group\":\"G%04zu\","
		   "\"bidders\":[",
		   r + 1);
	for (uint32_t j = 0; j < gr->n && j < shown; j++) {
		if (j)
			buf_addc(b, ',');
		jstr(b, bidder_name(m, gr->members[j]));
	}
	buf_fmt(b, "],\"size\":%u,\"tenders\":%u", gr->n, gr->present);
	buf_add_tender_ids(b, m, present);
	/* each member's wins, in the order of "bidders": an object keyed by
	 * bidder would be a column per bidder in a spreadsheet */
	buf_fmt(b, ",\"won\":%u,\"wins\":[", gr->won);
	for (uint32_t j = 0; j < gr->n && j < shown; j++)
		buf_fmt(b, j ? ",%u" : "%u", gr->wins[j]);
	buf_fmt(b, "],\"score\":%.0f,\"level\":\"%s\",\"signals\":[", g->score,
		level);
	group_signals(b, m, g, zh);
	buf_adds(b, "]}\n");
}

/* The tenders of the members of the groups at or above min. */
static void
groups_tenders(const struct market *m, const struct grec *g, int min,
	       struct bidder_tenders *bt)
{
	const struct analysis *a = m->an;
	uint8_t *chosen = gk_xcalloc(m->bidders.n + 1, 1);

	for (size_t r = 0; r < a->ngroups; r++) {
		const struct group *gr = &a->groups[g[r].g];
		if (level_rank(level_of(m->conf, g[r].score)) < min)
			continue;
		for (uint32_t j = 0; j < gr->n; j++)
			chosen[gr->members[j]] = 1;
	}
	bidder_tenders_build(m, chosen, bt);
	free(chosen);
}

long
report_groups(const struct market *m, FILE *fp, const struct report_opts *o)
{
	const struct analysis *a = m->an;
	struct grec *g = gk_xcalloc(a->ngroups + 1, sizeof *g);
	struct bidder_tenders bt;
	struct tlist present = {0};
	struct gk_buf b;
	long high = 0;
	int min = level_rank(o->min_level);

	for (size_t i = 0; i < a->ngroups; i++)
		g[i].g = i;
	groups_facts(m, g);
	groups_score(m, g);
	sort_m = m;
	sort_a = a;
	if (a->ngroups > 1)
		qsort(g, a->ngroups, sizeof *g, cmp_grec);
	groups_tenders(m, g, min, &bt);
	buf_init(&b);
	for (size_t r = 0; r < a->ngroups && high >= 0; r++) {
		const struct group *gr = &a->groups[g[r].g];
		const char *level = level_of(m->conf, g[r].score);
		if (strcmp(level, "high") == 0)
			high++;
		if (level_rank(level) < min)
			continue;
		if (o->fmt == GK_FORMAT_TEXT) {
			group_text(&b, m, r, &g[r], level);
		} else {
			tenders_of_group(&bt, gr->members, gr->n, &present);
			group_json(&b, m, r, &g[r], level, o->zh, &present);
		}
		high = flush_large(&b, fp, high);
	}
	if (high >= 0 && flush(&b, fp) != 0)
		high = -1;
	buf_release(&b);
	bidder_tenders_free(&bt);
	tlist_release(&present);
	for (size_t i = 0; i < a->ngroups; i++)
		tlist_release(&g[i].art);
	free(g);
	return high;
}

/* ---------------------------------------------------------------- */
/* explain                                                           */
/* ---------------------------------------------------------------- */

struct basis {
	const char *en, *zh;
};

/*
 * The legal basis of an Art. 40 signal is the item of Art. 40 that
 * names its fact, in the words of the Regulations (招标投标法实施条例),
 * so that the auditor can cite it; the platform's forensics (IP, MAC,
 * CA certificate) are evidence for item (1), and submission times are no
 * item at all.
 */
#define ART40_EN \
	"Art. 40 of the Regulations on the Implementation of the " \
	"Bidding Law, item "
#define ART40_ZH "《招标投标法实施条例》第四十条"

/* The item of Art. 40 that names the signal's fact, when one does. */
static bool
art40_item_basis(int sig, struct basis *b)
{
	switch (sig) {
	case SIG_SAME_DOC_AUTHOR:
		b->en = ART40_EN
			"(1): bid documents of different bidders "
			"prepared by the same unit or person are deemed "
			"collusive. Check the documents' properties "
			"(author, creation machine code) in the case file.";
		b->zh = ART40_ZH
			"第（一）项：不同投标人的投标文件由同一单位或者"
			"个人编制的，视为投标人相互串通投标。请调取投标文件"
			"属性（制作人、制作机器码）核实。";
		return true;
	case SIG_SAME_AGENT:
		b->en = ART40_EN
			"(2): different bidders that entrusted the same "
			"unit or person with their bidding are deemed to "
			"collude. Check the powers of attorney in the bid "
			"documents.";
		b->zh = ART40_ZH
			"第（二）项：不同投标人委托同一单位或者个人办理"
			"投标事宜的，视为投标人相互串通投标。请调取投标文件"
			"中的授权委托书核实。";
		return true;
	case SIG_SAME_PROJECT_MANAGER:
		b->en = ART40_EN
			"(3): bid documents of different bidders that "
			"name the same person in the project management "
			"team are deemed collusive. Check the project "
			"manager's registration and employer.";
		b->zh = ART40_ZH
			"第（三）项：不同投标人的投标文件载明的项目管理"
			"成员为同一人的，视为投标人相互串通投标。请核实该"
			"项目负责人的注册证书和所在单位。";
		return true;
	case SIG_SAME_DOC_HASH:
		b->en = ART40_EN
			"(4): bid documents of different bidders that "
			"are abnormally identical are deemed collusive. "
			"Compare these bid documents.";
		b->zh = ART40_ZH
			"第（四）项：不同投标人的投标文件异常一致的，视为"
			"投标人相互串通投标。请比对这些投标文件。";
		return true;
	case SIG_SAME_DEPOSIT_ACCOUNT:
		b->en = ART40_EN
			"(6): bid deposits of different bidders paid "
			"from the account of the same unit or person are "
			"deemed collusive. Check the deposits' bank "
			"transfer records.";
		b->zh = ART40_ZH
			"第（六）项：不同投标人的投标保证金从同一单位或者"
			"个人的账户转出的，视为投标人相互串通投标。请调取"
			"投标保证金的银行转账记录核实。";
		return true;
	}
	return false;
}

/* The platform's forensics and submission times: evidence for an item,
 * or no item at all. */
static bool
platform_basis(int sig, struct basis *b)
{
	switch (sig) {
	case SIG_SAME_IP:
	case SIG_SAME_MAC:
	case SIG_SAME_CA_SERIAL:
		b->en = "The e-bidding platform's evidence that one hand filed "
			"these bids, for " ART40_EN "(1): bid documents of "
			"different bidders prepared by the same unit or person "
			"are deemed collusive. Check the platform's submission "
			"log for these bidders.";
		b->zh = "这些投标在电子交易平台留下的痕迹相同，是" ART40_ZH
			"第（一）项“不同投标人的投标文件由同一单位或者个人编制”"
			"的佐证，有此情形的视为投标人相互串通投标。请调取电子"
			"交易平台的递交日志核实。";
		return true;
	case SIG_CLOSE_SUBMISSION:
		b->en = "Not a fact of Art. 40 by itself: bids filed moments "
			"apart may come from one hand. Check the platform's "
			"submission log (IP, MAC address, CA certificate) for "
			"these bids.";
		b->zh = "递交时间相近本身不属于" ART40_ZH "所列情形，只是核查"
			"线索：请调取电子交易平台的递交日志，核对这些投标的IP"
			"地址、MAC地址和CA证书。";
		return true;
	}
	return false;
}

/* The basis of a signal of a family: the price facts' item, the
 * literature of the screens and of the patterns across tenders,
 * Cardinal's red flags. */
static struct basis
family_basis(const char *family)
{
	struct basis b;

	if (strcmp(family, "price") == 0) {
		b.en = ART40_EN
			"(4): bid documents of different bidders that "
			"are abnormally identical, or bid prices that "
			"differ regularly, are deemed collusive. Compare "
			"the price breakdowns of these bids.";
		b.zh = ART40_ZH
			"第（四）项：不同投标人的投标文件异常一致或者投标"
			"报价呈规律性差异的，视为投标人相互串通投标。请比对"
			"这些投标的报价明细。";
	} else if (strcmp(family, "screen") == 0) {
		b.en = "A statistical screen (Imhof 2017; Huber and Imhof 2019): "
		       "collusive bids are typically less dispersed, with a gap "
		       "between the winner and the cover bids. A screen is a reason "
		       "to look, not proof.";
		b.zh = "统计筛查指标（Imhof 2017；Huber & Imhof 2019）：串通投标的报价"
		       "通常更集中，中标价与陪标价之间有明显间隔。筛查结果只是核查线索，"
		       "不是证据。";
	} else if (strcmp(family, "cross") == 0) {
		b.en = "A pattern across tenders (OECD Guidelines for Fighting Bid "
		       "Rigging, 2009: bid rotation, cover bidding). List these "
		       "bidders' other tenders and their winners.";
		b.zh = "跨项目的行为模式（经合组织《打击公共采购串通投标指南》2009："
		       "轮流中标、陪标）。请调取这些投标人参与的其他项目及其中标人。";
	} else {
		b.en = "An Open Contracting Partnership Cardinal red flag.";
		b.zh = "开放合同伙伴关系 Cardinal 红旗指标。";
	}
	return b;
}

/* What a screen measures, before its basis: an auditor meets "cv" or
 * "rdnor" here first ([sig - SIG_SCREEN_CV], SIG_SCREEN_CV to
 * SIG_WINNER_RATIO). */
static const struct basis screen_defs[] = {
	{"cv, the coefficient of variation, is the standard deviation of the "
	 "valid bids divided by their mean: low when the bids lie close "
	 "together.",
	 "cv（变异系数）= 有效报价的标准差 ÷ 平均值，报价越集中越低。"},
	{"spd, the spread, is (highest bid - lowest bid) / lowest bid: low "
	 "when the bids lie close together.",
	 "spd（价差率）=（最高报价 - 最低报价）÷ 最低报价，报价越集中越低。"},
	{"diffp is (second-lowest bid - lowest bid) / lowest bid: high when "
	 "the lowest bid lies far below the others.",
	 "diffp =（次低报价 - 最低报价）÷ 最低报价，最低报价与其余报价拉开越大"
	 "越高。"},
	{"rd, the relative distance, is the gap between the two lowest bids "
	 "divided by the standard deviation of the losing bids: high when "
	 "the losing bids are bunched well above the lowest.",
	 "rd（相对距离）= 最低两份报价之差 ÷ 其余报价的标准差，其余报价越集中、"
	 "离最低报价越远越高。"},
	{"rdnor is the gap between the two lowest bids times (n - 1) divided "
	 "by the range of the n bids: high when that gap is wide beside the "
	 "other gaps.",
	 "rdnor = 最低两份报价之差 ×（n - 1）÷ n份报价的极差，这一差距比其他"
	 "报价间距越大越高。"},
	{"altrd is the gap between the two lowest bids times (n - 2) divided "
	 "by the range of the losing bids: high when the losing bids are "
	 "bunched well above the lowest.",
	 "altrd = 最低两份报价之差 ×（n - 2）÷ 其余报价的极差，其余报价越集中、"
	 "离最低报价越远越高。"},
	{"kurt is the excess kurtosis of the bids: high when most of them lie "
	 "in a tight cluster.",
	 "kurt（超额峰度）：多数报价挤在很窄的区间内时偏高。"},
	{"skew is the skewness of the bids: low when most of them bunch at "
	 "the top, with the lowest apart below them.",
	 "skew（偏度）：多数报价聚在高位、最低报价单独偏低时偏低。"},
	{"ks is the Kolmogorov-Smirnov distance of the bids from an even "
	 "spread between the lowest and the highest: high when they are "
	 "unevenly spread.",
	 "ks = 报价与最低价至最高价之间均匀分布的 Kolmogorov-Smirnov 距离，"
	 "报价分布越不均匀越高。"},
	{"cv3, cv4, spd3, spd4, rd3 and rd4 are the same screens on every run "
	 "of 3 or 4 bids adjacent in price: they show a cartel that is not "
	 "every bidder.",
	 "cv3、cv4、spd3、spd4、rd3、rd4是在价格相邻的每3份、4份报价上计算的"
	 "同类指标，可发现只有部分投标人参与的串通。"},
	{"Cover bids are often set just under the ceiling price.",
	 "陪标报价常定在最高投标限价之下不远处。"},
	{"winner_ratio is the winning bid divided by the ceiling price: high "
	 "when the winner took nearly the whole budget.",
	 "winner_ratio = 中标价 ÷ 最高投标限价，中标价越接近限价越高。"},
};
_Static_assert(sizeof screen_defs / sizeof screen_defs[0] ==
		       SIG_WINNER_RATIO - SIG_SCREEN_CV + 1,
	       "a definition for each screen signal, in the enum's order");

static struct basis
basis_of(int sig)
{
	struct basis b;

	if (art40_item_basis(sig, &b) || platform_basis(sig, &b))
		return b;
	return family_basis(sig_info[sig].family);
}

static int
cmp_bidprice(const void *x, const void *y)
{
	const struct bid *p = x, *q = y;
	if (isnan(p->price) != isnan(q->price))
		return isnan(p->price) ? 1 : -1;
	if (p->price != q->price)
		return p->price < q->price ? -1 : 1;
	return 0;
}

static void
money(char *out, size_t n, double v)
{
	char tmp[DBL_MAX_10_EXP + 8]; /* every digit of the largest double */
	const char *dot;
	size_t len, j = 0;
	int neg = v < 0;

	if (isnan(v)) {
		snprintf(out, n, "-");
		return;
	}
	snprintf(tmp, sizeof tmp, "%.2f", fabs(v));
	dot = strchr(tmp, '.'); /* none for "inf" */
	len = dot ? (size_t)(dot - tmp) : strlen(tmp);
	if (len + len / 3 + 5 > n) { /* no room for the grouped digits */
		snprintf(out, n, "%.6g", v);
		return;
	}
	if (neg && j + 1 < n)
		out[j++] = '-';
	for (size_t i = 0; i < len && j + 2 < n; i++) {
		if (i && (len - i) % 3 == 0)
			out[j++] = ',';
		out[j++] = tmp[i];
	}
	snprintf(out + j, n - j, "%s", tmp + len);
}

long
report_find_tender(const struct market *m, const char *id, size_t from)
{
	for (size_t i = from; i < m->nt; i++)
		if (strcmp(tender_id(m, &m->t[i]), id) == 0)
			return (long)i;
	return -1;
}

/* Bidder b as explain names it: its id, and beside it the name the input
 * gives it, if any ("A (Acme Ltd)", "A（某某公司）"). */
void
buf_add_bidder(struct gk_buf *b, const struct market *m, uint32_t bidder,
	       bool zh)
{
	const char *id = bidder_name(m, bidder), *firm = bidder_firm(m, bidder);

	buf_adds(b, id);
	if (firm && strcmp(firm, id) != 0)
		buf_printf(b, zh ? "（%s）" : " (%s)", firm);
}

static void
explain_header(FILE *fp, const struct market *m, const struct tender *t,
	       bool zh)
{
	const char *id = tender_id(m, t);
	const char *title =
		t->title != UINT64_MAX ? m->text.data + t->title : "";
	char num[64];

	fprintf(fp, zh ? "项目 %s%s%s%s\n" : "Tender %s%s%s%s\n", id,
		*title ? (zh ? "「" : " \"") : "", title,
		*title ? (zh ? "」" : "\"") : "");
	/* where the auditor finds the record itself */
	fprintf(fp, zh ? "记录：%s:%ld\n" : "Record: %s:%ld\n",
		strtab_get(&m->files, t->file), t->line);
	if (t->buyer != UINT32_MAX)
		fprintf(fp, zh ? "采购人：%s\n" : "Buyer: %s\n",
			strtab_get(&m->parties, t->buyer));
	fprintf(fp, zh ? "类别：%s\n" : "Category: %s\n",
		zh && !*category_of(m, t->category)
			? "（未载明）"
			: category_label(m, t->category));
	if (t->date != NO_DATE) {
		struct gk_date d;
		char ds[11];
		date_from_days(t->date, &d);
		date_format(&d, ds);
		fprintf(fp, zh ? "日期：%s\n" : "Date: %s\n", ds);
	}
	/* the prices below are bare numbers: in the record's currency, and
	 * none is assumed when it names none */
	fprintf(fp, zh ? "币种：%s\n" : "Currency: %s\n",
		t->currency != UINT32_MAX
			? strtab_get(&m->currencies, t->currency)
			: (zh ? "（未载明）" : "(not given)"));
	if (!isnan(t->ceiling)) {
		money(num, sizeof num, t->ceiling);
		fprintf(fp, zh ? "最高投标限价：%s\n" : "Ceiling price: %s\n",
			num);
	}
	if (t->winner >= 0) {
		struct gk_buf w;
		buf_init(&w);
		buf_add_bidder(&w, m, (uint32_t)t->winner, zh);
		fprintf(fp, zh ? "中标人：%s\n" : "Winner: %s\n", w.data);
		buf_release(&w);
	} else {
		fputs(zh ? "中标人：（未载明）\n" : "Winner: (not given)\n",
		      fp);
	}
	/* scored as any other (its bids were filed), but not to be read as
	 * an award: the signals across tenders count no win and no loss in
	 * it */
	if (t->cancelled)
		fputs(zh ? "状态：已终止（cancelled），未授标：跨项目信号不计其中标与落标\n"
			 : "Status: cancelled, no award: no win and no loss in "
			   "the signals across tenders\n",
		      fp);
}

/* The bids of t, lowest price first: the order of the list explain
 * prints and numbers, and its signals cite (free it). */
static struct bid *
bids_sorted(const struct market *m, const struct tender *t)
{
	struct bid *bids = gk_xmalloc((t->nbids + 1) * sizeof *bids);

	if (t->nbids) { /* no bid read at all: m->bids is NULL */
		memcpy(bids, m->bids + t->bid_off, t->nbids * sizeof *bids);
		qsort(bids, t->nbids, sizeof *bids, cmp_bidprice);
	}
	return bids;
}

/* The bids, lowest price first, each with its share of the ceiling. */
static void
explain_bids(FILE *fp, const struct market *m, const struct tender *t,
	     const struct bid *bids, bool zh)
{
	static const char *const st_en[] = {"valid", "disqualified",
					    "withdrawn", "other"};
	static const char *const st_zh[] = {"有效", "否决", "撤回", "其他"};
	struct gk_buf cell, label;
	size_t width = TEXT_ID_WIDTH;
	char num[64];

	buf_init(&cell);
	buf_init(&label);
	/* bidders with their names: a column as wide as the widest */
	for (uint32_t i = 0; i < t->nbids; i++) {
		size_t w;
		if (!bidder_firm(m, bids[i].bidder))
			continue;
		buf_reset(&label);
		buf_add_bidder(&label, m, bids[i].bidder, zh);
		if ((w = utf8_width(label.data, label.len)) > width)
			width = w;
	}
	fprintf(fp,
		zh ? "\n投标（%u份，其中有效报价%u份，按报价从低到高）：\n"
		   : "\nBids (%u, %u valid with a price), lowest first:\n",
		t->nbids, t->nvalid);
	/* The winner's bid: its lowest valid one, as the winner/ceiling
	 * screen takes it, else its first; a winner that filed two bids
	 * is marked once. */
	uint32_t won = t->nbids;
	for (uint32_t i = 0; t->winner >= 0 && i < t->nbids; i++) {
		if ((int32_t)bids[i].bidder != t->winner)
			continue;
		if (bids[i].status == BS_VALID && !isnan(bids[i].price)) {
			won = i;
			break;
		}
		if (won == t->nbids)
			won = i;
	}
	for (uint32_t i = 0; i < t->nbids; i++) {
		money(num, sizeof num, bids[i].price);
		buf_reset(&label);
		buf_add_bidder(&label, m, bids[i].bidder, zh);
		buf_reset(&cell);
		buf_add_padded(&cell, label.data, label.len, width);
		fprintf(fp, "  %2u. %s %18s  %s%s", i + 1, cell.data, num,
			(zh ? st_zh : st_en)[bids[i].status],
			i == won ? (zh ? "  中标" : "  winner") : "");
		if (!isnan(t->ceiling) && !isnan(bids[i].price))
			fprintf(fp,
				zh ? "  限价的%.1f%%" : "  %.1f%% of ceiling",
				100 * bids[i].price / t->ceiling);
		fputc('\n', fp);
	}
	buf_release(&cell);
	buf_release(&label);
}

/*
 * The bids of the list that a signal's bidders filed, by their number
 * in it, with their prices: "2. B1 415,000.00; 3. B2 415,000.00", so the
 * auditor finds each in the case file.  A bidder of the signal that
 * filed no bid here (a winner named by a pattern across tenders) has
 * none to cite.  A bid the list shows without a price ("-") had none, or
 * one in another currency: its price was not compared.
 */
static void
explain_signal_bids(FILE *fp, const struct market *m, const struct tender *t,
		    const struct bid *bids, const struct fired *f, bool zh)
{
	struct gk_buf label;
	char num[64];
	bool any = false;
	/* R028 and R036 name a consortium's members (Cardinal's
	 * tenderers): its bid is theirs */
	bool parties = f->sig == SIG_R028 || f->sig == SIG_R036;

	buf_init(&label);
	for (uint32_t i = 0; i < t->nbids; i++) {
		bool in = false;
		for (uint32_t j = 0; j < f->nb && !in; j++)
			in = f->bidders[j] == bids[i].bidder ||
			     (parties &&
			      consortium_has(m, bids[i].bidder,
					     bidder_name(m, f->bidders[j])));
		if (!in)
			continue;
		fputs(any ? (zh ? "；" : "; ")
			  : (zh ? "     所涉投标：" : "     Bids: "),
		      fp);
		any = true;
		buf_reset(&label);
		buf_add_bidder(&label, m, bids[i].bidder, zh);
		fprintf(fp, zh ? "第%u份 %s" : "%u. %s", i + 1, label.data);
		if (isnan(bids[i].price)) {
			fputs(zh ? "，报价未参与比较" : " (price not compared)",
			      fp);
			continue;
		}
		money(num, sizeof num, bids[i].price);
		fprintf(fp, zh ? "，报价%s" : " %s", num);
	}
	if (any && f->more)
		fputs(zh ? "；等" : "; and others", fp);
	if (any)
		fputc('\n', fp);
	buf_release(&label);
}

/* The score, each signal that fired with its evidence and legal basis. */
static void
explain_why(FILE *fp, const struct market *m, const struct tender *t,
	    const struct bid *bids, const struct tender_case *c, bool zh)
{
	fprintf(fp,
		zh ? "\n风险评分：%.0f分（满分100），等级：%s\n"
		   : "\nRisk score %.0f of 100: %s\n",
		floor(c->score + 0.5),
		zh ? (strcmp(c->level, "high") == 0     ? "高"
		      : strcmp(c->level, "medium") == 0 ? "中"
							: "低")
		   : c->level);
	if (c->n == 0)
		fputs(zh ? "没有发现串通投标迹象。\n"
			 : "No sign of collusion was found.\n",
		      fp);
	else
		fputs(zh ? "依据：\n" : "Why:\n", fp);
	for (size_t i = 0; i < c->n; i++) {
		const struct fired *f = &c->f[i];
		struct basis bs = basis_of(f->sig), def = {"", ""};
		if (f->sig >= SIG_SCREEN_CV && f->sig <= SIG_WINNER_RATIO)
			def = screen_defs[f->sig - SIG_SCREEN_CV];
		fprintf(fp,
			zh ? "  %zu. [%s，权重%.2f] %s\n     %s%s\n"
			   : "  %zu. [%s, weight %.2f] %s\n     %s%s%s\n",
			i + 1, sig_info[f->sig].name, f->weight, f->evidence,
			zh ? def.zh : def.en,
			zh        ? bs.zh
			: *def.en ? " "
				  : "",
			zh ? "" : bs.en);
		explain_signal_bids(fp, m, t, bids, f, zh);
	}
	if (t->notes) {
		fputs(zh ? "说明：\n" : "Notes:\n", fp);
		for (int k = 0; k < NNOTES; k++)
			if (t->notes & (1 << k))
				fprintf(fp, "  - %s\n",
					(zh ? note_names_zh : note_names)[k]);
	}
}

static void
explain_screens(FILE *fp, const struct market *m, const struct tender *t,
		bool zh)
{
	bool any = false;

	fprintf(fp,
		zh ? "\n筛查指标（类别“%s”的分布见 gov-bid score --distribution）：\n"
		   : "\nScreens (the distribution of category '%s': gov-bid "
		     "score --distribution):\n",
		category_label(m, t->category));
	for (int s = 0; s < SCR_COUNT; s++) {
		if (isnan(t->scr[s]))
			continue;
		fprintf(fp,
			zh ? "  %-12s %10.4g  （%s）\n"
			   : "  %-12s %10.4g  (%s)\n",
			scr_info[s].name, t->scr[s],
			zh ? (scr_info[s].dir == DIR_LOW ? "越低越可疑"
							 : "越高越可疑")
			   : (scr_info[s].dir == DIR_LOW
				      ? "lower is more suspicious"
				      : "higher is more suspicious"));
		any = true;
	}
	if (!any)
		fputs(zh ? "  （有效报价不足，未计算）\n"
			 : "  (too few valid bids to compute)\n",
		      fp);
}

void
report_explain(const struct market *m, size_t ti, FILE *fp,
	       const struct report_opts *o)
{
	struct tender_case c;
	const struct tender *t = &m->t[ti];

	pthread_once(&sig_heads_once, sig_heads_make);
	case_init(&c);
	case_build(m, ti, &c, o);
	if (o->fmt == GK_FORMAT_NDJSON) {
		struct gk_buf b;
		buf_init(&b);
		tender_json(&b, m, ti, &c, o, NULL);
		flush(&b, fp);
		buf_release(&b);
	} else {
		struct bid *bids = bids_sorted(m, t);
		explain_header(fp, m, t, o->zh);
		explain_bids(fp, m, t, bids, o->zh);
		explain_why(fp, m, t, bids, &c, o->zh);
		explain_tenders(fp, m, ti, &c, o->zh);
		explain_screens(fp, m, t, o->zh);
		free(bids);
	}
	case_release(&c);
}
