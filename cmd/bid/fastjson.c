/*
 * fastjson.c: a JSON parser for gov-bid's hot path.  It builds ordinary
 * cJSON nodes (the struct is public), so the readers use the cJSON API
 * unchanged, but takes every node from an arena released once per batch,
 * copies each line once into it and parses the strings in place there,
 * gives the keys of tender records an id (fj_key), and parses numbers
 * without strtod when they are short (a correctly rounded division by a
 * power of ten).  On anything it does not accept, the caller falls back
 * to cJSON, which also words the error message; tests/fuzz/fuzz_bid_json
 * checks that the two read the same.
 *
 * govkit tender records, the common case, take a shorter way:
 * fj_scan_govkit() reads the same grammar with the same string and
 * number readers but builds no nodes, keeping only what the loader looks
 * at (struct gkrec); the fuzz target checks it against the tree too.
 */
#include "bid.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define FJ_CHUNK ((size_t)1 << 20)
#define FJ_DEPTH JSON_MAX_DEPTH /* cJSON's nesting limit */

struct fjchunk {
	struct fjchunk *next;
	size_t used, cap;
	max_align_t data[];
};

struct fj {
	struct fjchunk *chunks;
	char *p, *end; /* in the arena's copy of the line */
	int depth;
};

/* one parser per thread: the reader thread parses, the main thread
 * takes the nodes with fj_detach() */
static _Thread_local struct fj fj;

/*
 * Chunks of the usual size are kept for reuse (the reader thread makes a
 * batch's worth and the main thread drops them a moment later): new
 * memory from the system costs a page fault and a zeroed page a 4 KB.
 */
#define FJ_SPARE_MAX 32
static pthread_mutex_t spare_mu = PTHREAD_MUTEX_INITIALIZER;
static struct fjchunk *spare;
static size_t nspare;

static struct fjchunk *
chunk_new(size_t cap)
{
	struct fjchunk *c = NULL;

	if (cap == FJ_CHUNK) {
		pthread_mutex_lock(&spare_mu);
		if ((c = spare)) {
			spare = c->next;
			nspare--;
		}
		pthread_mutex_unlock(&spare_mu);
	}
	if (!c) {
		c = gk_xmalloc(sizeof *c + cap);
		c->cap = cap;
	}
	return c;
}

static void
chunk_drop(struct fjchunk *c)
{
	if (c->cap == FJ_CHUNK) {
		pthread_mutex_lock(&spare_mu);
		if (nspare < FJ_SPARE_MAX) {
			c->next = spare;
			spare = c;
			nspare++;
			c = NULL;
		}
		pthread_mutex_unlock(&spare_mu);
	}
	free(c);
}

void *
fj_alloc(size_t n)
{
	struct fjchunk *c = fj.chunks;

	n = (n + sizeof(max_align_t) - 1) / sizeof(max_align_t) *
	    sizeof(max_align_t);
	if (!c || c->used + n > c->cap) {
		c = chunk_new(n > FJ_CHUNK ? n : FJ_CHUNK);
		c->used = 0;
		c->next = fj.chunks;
		fj.chunks = c;
	}
	void *p = (char *)c->data + c->used;
	c->used += n;
	return p;
}

char *
fj_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(fj_alloc(n), s, n);
}

/* Release the nodes of the last record (all: at the end, with the
 * chunks kept for reuse). */
void
fj_reset(bool all)
{
	if (all) {
		pthread_mutex_lock(&spare_mu);
		while (spare) {
			struct fjchunk *next = spare->next;
			free(spare);
			spare = next;
		}
		nspare = 0;
		pthread_mutex_unlock(&spare_mu);
	}
	while (fj.chunks && (all || fj.chunks->next)) {
		struct fjchunk *next = fj.chunks->next;
		chunk_drop(fj.chunks);
		fj.chunks = next;
	}
	if (fj.chunks)
		fj.chunks->used = 0;
}

const char fj_key_names[FJK_COUNT][FJ_KEY_MAX] = {
	[FJK_TYPE] = "type",
	[FJK_TENDER] = "tender",
	[FJK_TITLE] = "title",
	[FJK_CATEGORY] = "category",
	[FJK_BUYER] = "buyer",
	[FJK_WINNER] = "winner",
	[FJK_CEILING_PRICE] = "ceiling_price",
	[FJK_MINIMUM_PRICE] = "minimum_price",
	[FJK_DATE] = "date",
	[FJK_STATUS] = "status",
	[FJK_CURRENCY] = "currency",
	[FJK_PROCUREMENT_METHOD] = "procurement_method",
	[FJK_PROCUREMENT_METHOD_DETAILS] = "procurement_method_details",
	[FJK_BIDS] = "bids",
	[FJK_BIDDER] = "bidder",
	[FJK_PRICE] = "price",
	[FJK_SUBMITTED_AT] = "submitted_at",
	[FJK_NAME] = "name",
	[FJK_DOC_AUTHOR] = "doc_author",
	[FJK_AGENT] = "agent",
	[FJK_PROJECT_MANAGER] = "project_manager",
	[FJK_DOC_HASH] = "doc_hash",
	[FJK_DEPOSIT_ACCOUNT] = "deposit_account",
	[FJK_IP] = "ip",
	[FJK_MAC] = "mac",
	[FJK_CA_SERIAL] = "ca_serial",
};

/* The id of the key of n bytes at s: by length, then by text. */
static int
key_id(const char *s, size_t n)
{
#define IS(id) (memcmp(s, fj_key_names[id], n) == 0 ? (id) : FJK_OTHER)
#define OR(a, b) ((a) != FJK_OTHER ? (a) : (b))
	switch (n) {
	case 2: return IS(FJK_IP);
	case 3: return IS(FJK_MAC);
	case 4:
		return OR(IS(FJK_TYPE),
			  OR(IS(FJK_DATE), OR(IS(FJK_BIDS), IS(FJK_NAME))));
	case 5:
		return OR(IS(FJK_PRICE),
			  OR(IS(FJK_AGENT), OR(IS(FJK_TITLE), IS(FJK_BUYER))));
	case 6:
		return OR(
			IS(FJK_BIDDER),
			OR(IS(FJK_STATUS), OR(IS(FJK_TENDER), IS(FJK_WINNER))));
	case 8:
		return OR(IS(FJK_DOC_HASH),
			  OR(IS(FJK_CATEGORY), IS(FJK_CURRENCY)));
	case 9: return IS(FJK_CA_SERIAL);
	case 10: return IS(FJK_DOC_AUTHOR);
	case 12: return IS(FJK_SUBMITTED_AT);
	case 13: return OR(IS(FJK_CEILING_PRICE), IS(FJK_MINIMUM_PRICE));
	case 15: return OR(IS(FJK_PROJECT_MANAGER), IS(FJK_DEPOSIT_ACCOUNT));
	case 18: return IS(FJK_PROCUREMENT_METHOD);
	case 26: return IS(FJK_PROCUREMENT_METHOD_DETAILS);
	default: return FJK_OTHER;
	}
#undef IS
#undef OR
}

int
fj_key(const char *k)
{
	/* one of fj_key_names itself: its place says which */
	uintptr_t d = (uintptr_t)k - (uintptr_t)fj_key_names;

	if (!k)
		return FJK_OTHER;
	if (d < sizeof fj_key_names && d % FJ_KEY_MAX == 0)
		return (int)(d / FJ_KEY_MAX);
	return key_id(k, strlen(k));
}

/* The line is followed by zeros (FJ_PAD): its end stops this too. */
static inline void
skip_ws(void)
{
	while (*fj.p == ' ' || *fj.p == '\t' || *fj.p == '\n' || *fj.p == '\r')
		fj.p++;
}

static cJSON *
node(int type)
{
	cJSON *n = fj_alloc(sizeof *n);
	memset(n, 0, sizeof *n);
	n->type = type;
	return n;
}

/*
 * Strings are parsed in place: fj_parse_object copies the line once into
 * the arena (with FJ_PAD zero bytes after it, so that a block may be read
 * past its end: a zero stops the scan as a control character would), a
 * string's closing quote becomes its NUL and an escaped string is
 * unescaped over itself (never longer than its source).
 */
#define FJ_PAD 16

#ifdef __SSE2__
#include <emmintrin.h>

/* The offset of the first quote, backslash or control character among
 * the 16 bytes at r, 16 if none. */
static unsigned
special_at(const char *r)
{
	__m128i w = _mm_loadu_si128((const __m128i *)r);
	__m128i quote = _mm_cmpeq_epi8(w, _mm_set1_epi8('"'));
	__m128i bslash = _mm_cmpeq_epi8(w, _mm_set1_epi8('\\'));
	/* unsigned w <= 0x1F: max(w, 0x1F) == 0x1F */
	__m128i ctl = _mm_cmpeq_epi8(_mm_max_epu8(w, _mm_set1_epi8(0x1F)),
				     _mm_set1_epi8(0x1F));
	unsigned m = (unsigned)_mm_movemask_epi8(
		_mm_or_si128(_mm_or_si128(quote, bslash), ctl));
	return m ? (unsigned)__builtin_ctz(m) : 16;
}
#else
#define ONES ((uint64_t)0x0101010101010101)
#define HIGHS ((uint64_t)0x8080808080808080)

/* The same, a word at a time: the high bits of the bytes of w that are a
 * quote, a backslash or a control character are exact up to the first,
 * which is all that is used. */
static unsigned
special_at(const char *r)
{
	for (unsigned off = 0; off < 16; off += 8) {
		uint64_t w, q, b, m;
		memcpy(&w, r + off, 8);
		q = w ^ (ONES * '"');
		b = w ^ (ONES * '\\');
		m = (((q - ONES) & ~q) | ((b - ONES) & ~b) |
		     ((w - ONES * 0x20) & ~w)) &
		    HIGHS;
		if (m)
			return off + (unsigned)__builtin_ctzll(m) / 8;
	}
	return 16;
}
#endif

static char *parse_escaped(char *s, char *r, size_t *len);

/* A string at fj.p (on the opening quote), its length in *len; NULL if
 * malformed. */
static char *
parse_string(size_t *len)
{
	char *s = (char *)++fj.p, *r = s;

	/* the padding after the line stops this loop */
	for (;;) {
		unsigned at = special_at(r);
		r += at;
		if (at < 16)
			break;
	}
	if (r >= fj.end || (unsigned char)*r < 0x20)
		return NULL;
	if (*r == '\\')
		return parse_escaped(s, r, len);
	*r = '\0';
	*len = (size_t)(r - s);
	fj.p = r + 1;
	return s;
}

/* The rest of a string from its first backslash r on, unescaped over
 * itself; s is its first character. */
static char *
parse_escaped(char *s, char *r, size_t *len)
{
	char *w = r;

	while (r < fj.end && *r != '"') {
		if ((unsigned char)*r < 0x20)
			return NULL;
		if (*r != '\\') {
			*w++ = *r++;
			continue;
		}
		if (++r >= fj.end)
			return NULL;
		switch (*r) {
		case '"': *w++ = '"'; break;
		case '\\': *w++ = '\\'; break;
		case '/': *w++ = '/'; break;
		case 'b': *w++ = '\b'; break;
		case 'f': *w++ = '\f'; break;
		case 'n': *w++ = '\n'; break;
		case 'r': *w++ = '\r'; break;
		case 't': *w++ = '\t'; break;
		case 'u': {
			uint32_t cp;
			int k = utf8_json_escape(r + 1, fj.end, &cp);
			if (k < 0)
				return NULL;
			r += k;
			if (cp == 0)
				return NULL; /* cJSON stops strings there: let it decide */
			w += utf8_encode(cp, w);
			break;
		}
		default: return NULL;
		}
		r++;
	}
	if (r >= fj.end)
		return NULL;
	*w = '\0';
	*len = (size_t)(w - s);
	fj.p = r + 1;
	return s;
}

static const double pow10_tab[] = {
	1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

static bool
parse_number(double *out)
{
	char *s = fj.p, *p = s;
	uint64_t mant = 0;
	int digits = 0, scale = 0, ex = 0;
	bool neg = false, exact = true;

	if (p < fj.end && *p == '-') {
		neg = true;
		p++;
	}
	if (p >= fj.end || *p < '0' || *p > '9')
		return false;
	if (*p == '0' && p + 1 < fj.end && p[1] >= '0' && p[1] <= '9')
		return false;
	for (; p < fj.end && *p >= '0' && *p <= '9'; p++) {
		if (digits < 19) {
			mant = mant * 10 + (uint64_t)(*p - '0');
			if (mant || digits)
				digits++;
		} else {
			exact = false;
		}
	}
	if (p < fj.end && *p == '.') {
		p++;
		if (p >= fj.end || *p < '0' || *p > '9')
			return false;
		for (; p < fj.end && *p >= '0' && *p <= '9'; p++) {
			if (digits < 19) {
				mant = mant * 10 + (uint64_t)(*p - '0');
				if (mant || digits)
					digits++;
				scale++;
			} else {
				exact = false;
			}
		}
	}
	if (p < fj.end && (*p == 'e' || *p == 'E')) {
		bool eneg = false;
		p++;
		if (p < fj.end && (*p == '+' || *p == '-'))
			eneg = *p++ == '-';
		if (p >= fj.end || *p < '0' || *p > '9')
			return false;
		for (; p < fj.end && *p >= '0' && *p <= '9'; p++)
			if (ex < 100000)
				ex = ex * 10 + (*p - '0');
		if (eneg)
			ex = -ex;
	}
	int e10 = ex - scale;
	if (exact && mant < ((uint64_t)1 << 53) && e10 >= -22 && e10 <= 22) {
		double v = (double)mant;
		v = e10 < 0 ? v / pow10_tab[-e10] : v * pow10_tab[e10];
		*out = neg ? -v : v;
	} else {
		char buf[64];
		size_t n = (size_t)(p - s);
		if (n >= sizeof buf)
			return false;
		memcpy(buf, s, n);
		buf[n] = '\0';
		*out = strtod(buf, NULL);
	}
	fj.p = p;
	return true;
}

/* The steps of containers, shared by the tree parser (parse_value) and
 * the tree-less one (fj_scan_govkit).  Into a container at fj.p ('{' or
 * '['), within the nesting limit: */
static bool
scan_open(void)
{
	if (++fj.depth > FJ_DEPTH)
		return false;
	fj.p++;
	skip_ws();
	return true;
}

/* At the close of an empty container: consume it. */
static bool
scan_empty(char close)
{
	if (fj.p >= fj.end || *fj.p != close)
		return false;
	fj.p++;
	fj.depth--;
	return true;
}

/* After a member or an element: true at ',' (more), false at close (set
 * *done) or on anything else (*done stays false). */
static bool
scan_next(char close, bool *done)
{
	skip_ws();
	if (fj.p < fj.end && *fj.p == ',') {
		fj.p++;
		return true;
	}
	*done = scan_empty(close);
	return false;
}

/* A member's key (parsed in place) and its colon. */
static bool
member_key(char **key, size_t *len)
{
	skip_ws();
	if (fj.p >= fj.end || *fj.p != '"' || !(*key = parse_string(len)))
		return false;
	skip_ws();
	if (fj.p >= fj.end || *fj.p != ':')
		return false;
	fj.p++;
	return true;
}

/* The same, for the tree-less reader: the key's id and length. */
static bool
scan_key(int *id, size_t *len)
{
	char *key;

	if (!member_key(&key, len))
		return false;
	*id = key_id(key, *len);
	return true;
}

static cJSON *parse_value(void);

static bool
lit(const char *w, size_t n)
{
	if ((size_t)(fj.end - fj.p) < n || memcmp(fj.p, w, n) != 0)
		return false;
	fj.p += n;
	return true;
}

static void
append(cJSON *parent, cJSON **last, cJSON *item)
{
	if (!parent->child) {
		parent->child = item;
	} else {
		(*last)->next = item;
		item->prev = *last;
	}
	*last = item;
	parent->child->prev = item; /* cJSON keeps the last in child->prev */
}

static cJSON *
parse_value(void)
{
	cJSON *n, *last = NULL;
	bool done = false;

	skip_ws();
	if (fj.p >= fj.end)
		return NULL;
	switch (*fj.p) {
	case '"': {
		size_t len;
		char *s = parse_string(&len);
		if (!s)
			return NULL;
		n = node(cJSON_String);
		n->valuestring = s;
		return n;
	}
	case '{':
		if (!scan_open())
			return NULL;
		n = node(cJSON_Object);
		if (scan_empty('}'))
			return n;
		do {
			char *key;
			size_t klen;
			int id;
			cJSON *v;
			if (!member_key(&key, &klen) || !(v = parse_value()))
				return NULL;
			if ((id = key_id(key, klen)) != FJK_OTHER) {
				v->string = (char *)fj_key_names[id];
				v->type |= cJSON_StringIsConst;
			} else {
				v->string = key;
			}
			append(n, &last, v);
		} while (scan_next('}', &done));
		return done ? n : NULL;
	case '[':
		if (!scan_open())
			return NULL;
		n = node(cJSON_Array);
		if (scan_empty(']'))
			return n;
		do {
			cJSON *v = parse_value();
			if (!v)
				return NULL;
			append(n, &last, v);
		} while (scan_next(']', &done));
		return done ? n : NULL;
	case 't': return lit("true", 4) ? node(cJSON_True) : NULL;
	case 'f': return lit("false", 5) ? node(cJSON_False) : NULL;
	case 'n': return lit("null", 4) ? node(cJSON_NULL) : NULL;
	default: {
		double v;
		if (!parse_number(&v))
			return NULL;
		n = node(cJSON_Number);
		n->valuedouble = v;
		n->valueint = v >= INT32_MAX   ? INT32_MAX
			      : v <= INT32_MIN ? INT32_MIN
					       : (int)v;
		return n;
	}
	}
}

/* Hand the nodes parsed so far to the caller (free with fj_free). */
void *
fj_detach(void)
{
	void *c = fj.chunks;
	fj.chunks = NULL;
	return c;
}

void
fj_free(void *chunks)
{
	struct fjchunk *c = chunks;
	while (c) {
		struct fjchunk *next = c->next;
		chunk_drop(c);
		c = next;
	}
}

/* Parse one JSON object from s[0..n); NULL when fj does not accept it
 * (the caller then asks cJSON, for the value or the error). */
cJSON *
fj_parse_object(const char *s, size_t n)
{
	cJSON *v;
	char *copy = fj_alloc(n + FJ_PAD + 1);

	memcpy(copy, s, n);
	memset(copy + n, 0, FJ_PAD + 1);
	fj.p = copy;
	fj.end = copy + n;
	fj.depth = 0;
	skip_ws();
	if (fj.p >= fj.end || *fj.p != '{')
		return NULL;
	v = parse_value();
	if (!v)
		return NULL;
	skip_ws();
	return fj.p == fj.end ? v : NULL;
}

/* ---------------------------------------------------------------- */
/* govkit records without a tree                                     */
/* ---------------------------------------------------------------- */

/*
 * fj_scan_govkit() reads the grammar parse_value() reads, with the same
 * string, number and container steps, but keeps only what a govkit record's reader
 * looks at (struct gkrec) instead of building nodes: a tender's members
 * are a few dozen, and most of the time went into making and walking
 * them.
 */
static bool scan_value(struct gkval *v);

/*
 * Machine-written records name their keys in one order: the keys of the
 * last object of a kind (a tender, a bid) are remembered by place, and a
 * member whose bytes are exactly the key that came at its place then is
 * taken without parsing the key (an escaped or other key is parsed).
 */
#define ORDER_MAX 32

struct key_order {
	signed char id[ORDER_MAX]; /* FJK_OTHER: not a known key */
	unsigned char len[ORDER_MAX];
	int n;
};

/* Are the len bytes at p (len < FJ_KEY_MAX, p followed by FJ_PAD
 * readable bytes) those of the key name, zero-padded to FJ_KEY_MAX? */
static inline bool
key_bytes_are(const char *p, const char *name, size_t len)
{
#ifdef __SSE2__
	unsigned lo = (unsigned)_mm_movemask_epi8(
		_mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)p),
			       _mm_loadu_si128((const __m128i *)name)));
	unsigned want = len >= 16 ? 0xFFFFu : (1u << len) - 1;

	if ((lo & want) != want)
		return false;
	if (len <= 16)
		return true;
	unsigned hi = (unsigned)_mm_movemask_epi8(
		_mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(p + 16)),
			       _mm_loadu_si128((const __m128i *)(name + 16))));
	want = (1u << (len - 16)) - 1;
	return (hi & want) == want;
#else
	return memcmp(p, name, len) == 0;
#endif
}

/* Is member j's key the one at place j of *last?  1: taken with its
 * colon, into *id; 0: not that key (nothing read); -1: malformed. */
static int
key_as_last(const struct key_order *last, int j, int *id)
{
	size_t len;
	int k;

	if (j >= last->n || (k = last->id[j]) == FJK_OTHER)
		return 0;
	len = last->len[j];
	if ((size_t)(fj.end - fj.p) <= len + 1 || fj.p[0] != '"' ||
	    fj.p[len + 1] != '"' ||
	    !key_bytes_are(fj.p + 1, fj_key_names[k], len))
		return 0;
	fj.p += len + 2;
	skip_ws();
	if (*fj.p != ':')
		return -1;
	fj.p++;
	*id = k;
	return 1;
}

/* scan_key for member j of an object whose last one of its kind had
 * the keys of *last; the key is noted in *now. */
static bool
scan_key_at(const struct key_order *last, struct key_order *now, int j, int *id)
{
	size_t len;
	int got;

	skip_ws();
	got = key_as_last(last, j, id);
	if (got < 0 || (got == 0 && !scan_key(id, &len)))
		return false;
	if (j < ORDER_MAX) {
		now->id[j] = (signed char)*id;
		now->len[j] = (unsigned char)(got ? last->len[j] : len);
		now->n = j + 1;
	}
	return true;
}

static bool
scan_object(void)
{
	bool done = false;
	size_t len;
	int id;

	if (!scan_open())
		return false;
	if (scan_empty('}'))
		return true;
	do {
		if (!scan_key(&id, &len) || !scan_value(NULL))
			return false;
	} while (scan_next('}', &done));
	return done;
}

static bool
scan_array(void)
{
	bool done = false;

	if (!scan_open())
		return false;
	if (scan_empty(']'))
		return true;
	do {
		if (!scan_value(NULL))
			return false;
	} while (scan_next(']', &done));
	return done;
}

/* A value; its type and text or number into v unless v is NULL. */
static bool
scan_value(struct gkval *v)
{
	struct gkval tmp;
	size_t len;

	if (!v)
		v = &tmp;
	skip_ws();
	if (fj.p >= fj.end)
		return false;
	switch (*fj.p) {
	case '"':
		v->type = cJSON_String;
		return (v->s = parse_string(&len)) != NULL;
	case '{': v->type = cJSON_Object; return scan_object();
	case '[': v->type = cJSON_Array; return scan_array();
	case 't': v->type = cJSON_True; return lit("true", 4);
	case 'f': v->type = cJSON_False; return lit("false", 5);
	case 'n': v->type = cJSON_NULL; return lit("null", 4);
	default: v->type = cJSON_Number; return parse_number(&v->d);
	}
}

struct gkbidv *
gkrec_bid(struct gkrec *r)
{
	struct gkbidv *b;

	if (r->nbids == r->capbids) {
		r->capbids = r->capbids ? r->capbids * 2 : 64;
		r->bids = gk_xrealloc(r->bids, r->capbids * sizeof *r->bids);
	}
	b = &r->bids[r->nbids++];
	memset(b, 0, sizeof *b);
	b->price = NAN;
	return b;
}

/* One bid object: the last of each member read counts. */
static bool
scan_bid(struct gkbidv *b)
{
	static _Thread_local struct key_order last;
	struct key_order now = {.n = 0};
	bool done = false;
	struct gkval v;
	int id, j = 0;

	b->object = true;
	if (!scan_open())
		return false;
	if (scan_empty('}'))
		return true;
	do {
		if (!scan_key_at(&last, &now, j++, &id))
			return false;
		if (id == FJK_BIDDER) {
			if (!scan_value(&b->bidder))
				return false;
			continue;
		}
		if (!scan_value(&v))
			return false;
		if (id == FJK_PRICE) {
			if (v.type == cJSON_Number && isfinite(v.d))
				b->price = v.d;
			else if (v.type != cJSON_NULL)
				b->price_bad = v.type;
		} else if (v.type != cJSON_String) {
			continue;
		} else if (id >= FJK_DOC_AUTHOR && id <= FJK_CA_SERIAL) {
			b->key[id - FJK_DOC_AUTHOR] = v.s;
		} else if (id == FJK_STATUS) {
			b->status = v.s;
		} else if (id == FJK_CURRENCY) {
			b->currency = v.s;
		} else if (id == FJK_SUBMITTED_AT) {
			b->submitted = v.s;
		} else if (id == FJK_NAME) {
			b->name = v.s;
		}
	} while (scan_next('}', &done));
	if (done)
		last = now;
	return done;
}

static bool
scan_bids(struct gkrec *r)
{
	bool done = false;

	if (!scan_open())
		return false;
	if (scan_empty(']'))
		return true;
	do {
		struct gkbidv *b = gkrec_bid(r);
		skip_ws();
		if (fj.p < fj.end && *fj.p == '{' ? !scan_bid(b)
						  : !scan_value(NULL))
			return false;
	} while (scan_next(']', &done));
	return done;
}

bool
fj_scan_govkit(const char *s, size_t n, struct gkrec *r)
{
	static _Thread_local struct key_order last;
	struct key_order now = {.n = 0};
	int j = 0;
	char *copy = fj_alloc(n + FJ_PAD + 1);
	bool done = false;
	int id;

	memcpy(copy, s, n);
	memset(copy + n, 0, FJ_PAD + 1);
	memset(r->item, 0, sizeof r->item);
	r->padded = true;
	r->nbids = 0;
	fj.p = copy;
	fj.end = copy + n;
	fj.depth = 0;
	skip_ws();
	if (fj.p >= fj.end || *fj.p != '{' || !scan_open())
		return false;
	if (scan_empty('}')) {
		done = true;
	} else {
		do {
			struct gkval *v;
			if (!scan_key_at(&last, &now, j++, &id))
				return false;
			v = id != FJK_OTHER && !r->item[id].type ? &r->item[id]
								 : NULL;
			skip_ws();
			if (v && id == FJK_BIDS && fj.p < fj.end &&
			    *fj.p == '[') {
				v->type = cJSON_Array;
				if (!scan_bids(r))
					return false;
			} else if (!scan_value(v)) {
				return false;
			}
		} while (scan_next('}', &done));
	}
	if (!done)
		return false;
	last = now;
	skip_ws();
	return fj.p == fj.end;
}
