/*
 * fastjson.c: a JSON parser for gov-bid's hot path.  It builds ordinary
 * cJSON nodes (the struct is public), so the readers use the cJSON API
 * unchanged, but takes every node from an arena released once per batch,
 * copies each line once into it and parses the strings in place there,
 * gives the keys of tender records an id (fj_key), and parses numbers
 * without strtod when they are short (a correctly rounded division by a
 * power of ten).  It takes only UTF-8 (utf8.c's rule), checked in the
 * strings as they are scanned: the rest of a line it takes is ASCII, so
 * such a line needs no check of its own.  On anything it does not accept,
 * the caller falls back
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
	const char *end; /* of the line (its copy in the arena, or in place) */
	int depth;
	/* fj_scan_govkit_in_place: escaped strings declined (escape_met),
	 * and the closing quotes made NULs counted, to put them back */
	bool in_place, escape_met;
	size_t nuls;
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

/*
 * The readers below take the place they read at and return the place
 * after what they read, NULL when it is malformed, so that the place
 * stays in a register; fj holds the line's end and the nesting depth.
 * A line is parsed in the arena's copy of it, followed by FJ_PAD zero
 * bytes: a zero ends every scan as a control character would, so the
 * steps seldom look at the end, and 16 or 32 bytes may be read at any
 * place in the line.  Strings are parsed in place there: a string's
 * closing quote becomes its NUL and an escaped string is unescaped over
 * itself (never longer than its source).  fj_scan_govkit_in_place reads
 * a reader's block as it is: the line's NUL ends the scans, and the
 * block's pad has room for what is read past it.
 */
#define FJ_PAD 64
_Static_assert(FJ_PAD <= JL_BLOCK_PAD, "a block line is read as a copy");

static char *
line_copy(const char *s, size_t n)
{
	char *copy = fj_alloc(n + FJ_PAD);

	memcpy(copy, s, n);
	memset(copy + n, 0, FJ_PAD);
	fj.end = copy + n;
	fj.depth = 0;
	return copy;
}

static inline bool
is_digit(char c)
{
	return (unsigned char)(c - '0') < 10;
}

static inline char *
skip_ws(char *p)
{
	/* one test for the usual case, a byte above the space */
	while ((unsigned char)*p <= ' ' &&
	       (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	return p;
}

static cJSON *
node(int type)
{
	cJSON *n = fj_alloc(sizeof *n);
	memset(n, 0, sizeof *n);
	n->type = type;
	return n;
}

/* The offset of the first quote, backslash, control character or byte of
 * a multibyte character among the 16 bytes at r, 16 if none. */
static inline unsigned
special_at(const char *r)
{
#ifdef __SSE2__
	unsigned m = json_special16(_mm_loadu_si128((const __m128i *)r));
	return m ? (unsigned)__builtin_ctz(m) : 16;
#else
	for (unsigned off = 0; off < 16; off += 8) {
		uint64_t w, m;
		memcpy(&w, r + off, 8);
		if ((m = json_word_special(w)))
			return off + (unsigned)__builtin_ctzll(m) / 8;
	}
	return 16;
#endif
}

/* Past the multibyte characters from r on (*r >= 0x80) to the next ASCII
 * byte; NULL at one that is not UTF-8. */
static char *
skip_multibyte(char *r)
{
	do {
		const unsigned char *u = (const unsigned char *)r;
		size_t k = 3;
		/* the usual one, a Chinese character, here: three bytes led by
		 * E1..EF but ED (E0 may be overlong, ED a surrogate), the two
		 * others 0x80..0xBF */
		if ((unsigned)(u[0] - 0xE1) > 0xEF - 0xE1 || u[0] == 0xED ||
		    ((u[1] ^ 0x80) | (u[2] ^ 0x80)) > 0x3F)
			k = utf8_sequence(r, (size_t)(fj.end - r));
		if (!k)
			return NULL;
		r += k;
	} while ((unsigned char)*r >= 0x80);
	return r;
}

/* The length of the run of multibyte characters at offset at of the 16
 * bytes w, when they are all of the usual kind (skip_multibyte's: three
 * bytes led by E1..EF but ED) and an ASCII byte follows them among the
 * 16; 0 otherwise (skip_multibyte then reads them).  Names are two or
 * three such characters: their bytes are told at once, not one character
 * after another, whose count the branches could not foresee. */
static inline unsigned
usual_multibyte_run(const char *w, unsigned at)
{
#ifdef __SSE2__
	const unsigned leads = 0x1249; /* bits 0, 3, 6, 9, 12 */
	__m128i v = _mm_loadu_si128((const __m128i *)w);
	unsigned high = (unsigned)_mm_movemask_epi8(v) >> at;
	unsigned len = (unsigned)__builtin_ctz(~high), want;
	/* as signed bytes: E1..EF are -31..-17, 80..BF are -128..-65 */
	__m128i lead = _mm_andnot_si128(
		_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xED)),
		_mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(-32)),
			      _mm_cmplt_epi8(v, _mm_set1_epi8(-16))));
	__m128i cont = _mm_cmplt_epi8(v, _mm_set1_epi8(-64));

	if (at + len >= 16 || !(leads >> len & 1))
		return 0;
	want = (1u << len) - 1;
	if (((unsigned)_mm_movemask_epi8(lead) >> at & want) !=
		    (leads & want) ||
	    ((unsigned)_mm_movemask_epi8(cont) >> at & want) != (~leads & want))
		return 0;
	return len;
#else
	(void)w;
	(void)at;
	return 0;
#endif
}

static char *scan_escaped(char *s, char *r, char **out, size_t *len);

/* In the string whose opening quote is at p, the first quote, backslash
 * or control character; NULL at a byte that is not UTF-8. */
static inline __attribute__((always_inline)) char *
string_stop(char *p)
{
	char *r = p + 1;

	/* the zeros after the line stop this loop */
	for (;;) {
		unsigned at = special_at(r), run;
		/* a second look of its own: most strings of 16 to 31 bytes
		 * (ids, MAC addresses, times) end in it, and its branch is
		 * foreseen apart from the first's */
		if (at == 16 && (at = special_at(r += 16)) == 16) {
			r += 16;
			continue;
		}
		if ((unsigned char)r[at] < 0x80)
			return r + at;
		if ((run = usual_multibyte_run(r, at)))
			r += at + run;
		else if (!(r = skip_multibyte(r + at)))
			return NULL;
		/* the usual end of a name, its last character then the
		 * quote, without another look at 16 bytes */
		if (*r == '"')
			return r;
	}
}

/* The string whose opening quote is at p: its text into *out (NUL
 * terminated in place), its length into *len. */
static inline __attribute__((always_inline)) char *
scan_string(char *p, char **out, size_t *len)
{
	char *s = p + 1, *r = string_stop(p);

	if (!r)
		return NULL;
	if (*r != '"')
		return *r == '\\' ? scan_escaped(s, r, out, len) : NULL;
	*r = '\0';
	fj.nuls++;
	*out = s;
	*len = (size_t)(r - s);
	return r + 1;
}

/* The rest of the string s from its first backslash r on, unescaped over
 * itself. */
static char *
scan_escaped(char *s, char *r, char **out, size_t *len)
{
	char *w = r;

	if (fj.in_place) {
		/* unescaped over itself, the line could not be put back */
		fj.escape_met = true;
		return NULL;
	}
	while (*r != '"') {
		if ((unsigned char)*r < 0x20)
			return NULL; /* the zeros after the line too */
		if ((unsigned char)*r >= 0x80) {
			size_t k = utf8_sequence(r, (size_t)(fj.end - r));
			if (!k)
				return NULL;
			while (k--)
				*w++ = *r++;
			continue;
		}
		if (*r != '\\') {
			*w++ = *r++;
			continue;
		}
		switch (*++r) {
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
		default: return NULL; /* the zero after the line too */
		}
		r++;
	}
	*w = '\0';
	*out = s;
	*len = (size_t)(w - s);
	return r + 1;
}

static const double pow10_tab[] = {
	1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

#define NUMBER_TEXT_MAX 64 /* longer, and strtod's way is declined */
#define MANT_DIGITS_MAX 19 /* below 10^19, a uint64_t */

/* The digits at p, into *mant (modulo 2^64), their count into *n. */
static inline char *
scan_digits(char *p, uint64_t *mant, int *n)
{
	char *s = p;
	uint64_t m = *mant;
	unsigned d;

	/* the digit's value once, unsigned: no sign extension a digit */
	for (; (d = (unsigned)(unsigned char)*p - '0') < 10; p++)
		m = m * 10 + d;
	*mant = m;
	*n = (int)(p - s);
	return p;
}

/* An exponent's value at p (after the 'e'), saturating. */
static char *
scan_exponent(char *p, int *ex)
{
	bool neg = false;
	int e = 0;

	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	if (!is_digit(*p))
		return NULL;
	for (; is_digit(*p); p++)
		if (e < 100000)
			e = e * 10 + (*p - '0');
	*ex = neg ? -e : e;
	return p;
}

/*
 * A number, as strtod reads it: with at most 19 significant digits
 * (leading zeros are not), a mantissa below 2^53 and a power of ten
 * within 10^22, the mantissa and the power are exact doubles and one
 * division or product rounds correctly, as strtod does; otherwise
 * strtod itself.
 */
static char *
scan_number(char *p, double *out)
{
	char *s = p, *frac = NULL;
	uint64_t mant = 0;
	int ni, nf = 0, lead = 0, ex = 0, e10;
	bool neg = *p == '-';

	p += neg;
	if (!is_digit(*p) || (*p == '0' && is_digit(p[1])))
		return NULL;
	if (*p == '0')
		lead = 1;
	p = scan_digits(p, &mant, &ni);
	if (*p == '.') {
		frac = ++p;
		if (!is_digit(*p))
			return NULL;
		p = scan_digits(p, &mant, &nf);
		for (const char *z = frac; lead && *z == '0'; z++)
			lead++;
	}
	if ((*p == 'e' || *p == 'E') && !(p = scan_exponent(p + 1, &ex)))
		return NULL;
	e10 = ex - nf;
	if (ni + nf - lead <= MANT_DIGITS_MAX && mant < ((uint64_t)1 << 53) &&
	    e10 >= -22 && e10 <= 22) {
		double v = (double)mant;
		v = e10 < 0 ? v / pow10_tab[-e10] : v * pow10_tab[e10];
		*out = neg ? -v : v;
	} else {
		char buf[NUMBER_TEXT_MAX];
		size_t n = (size_t)(p - s);
		if (n >= sizeof buf)
			return NULL;
		memcpy(buf, s, n);
		buf[n] = '\0';
		*out = strtod(buf, NULL);
	}
	return p;
}

#define CENTS_INT_DIGITS_MAX 13 /* with the cents, below 10^15 < 2^53 */

/*
 * The usual price, digits led by 1..9, a point and two digits, nothing
 * of a number after them ("389580.11"): the value scan_number gives (the
 * same one division), without its call and its other cases; NULL when
 * the number at p is not of that shape.
 */
static inline char *
scan_cents(char *p, double *out)
{
	uint64_t mant = 0;
	int ni;
	char *q;

	if ((unsigned char)(*p - '1') > 8)
		return NULL;
	q = scan_digits(p, &mant, &ni);
	if (q[0] != '.' || !is_digit(q[1]) || !is_digit(q[2]) ||
	    is_digit(q[3]) || q[3] == 'e' || q[3] == 'E' ||
	    ni > CENTS_INT_DIGITS_MAX)
		return NULL;
	mant = mant * 100 + (uint64_t)(q[1] - '0') * 10 +
	       (uint64_t)(q[2] - '0');
	*out = (double)mant / pow10_tab[2];
	return q + 3;
}

static char *
lit(char *p, const char *w, size_t n)
{
	/* the zeros after the line differ from w */
	return memcmp(p, w, n) == 0 ? p + n : NULL;
}

/* The steps of containers, shared by the tree parser (parse_value) and
 * the tree-less one (fj_scan_govkit).  Into a container at p ('{' or
 * '['), within the nesting limit: */
static inline char *
scan_open(char *p)
{
	if (++fj.depth > FJ_DEPTH)
		return NULL;
	return skip_ws(p + 1);
}

/* Out of it at its close, p. */
static inline char *
scan_close(char *p)
{
	fj.depth--;
	return p + 1;
}

/* After a member or an element: past ',' (*more set) or past the close;
 * NULL on anything else. */
static inline char *
scan_next(char *p, char close, bool *more)
{
	p = skip_ws(p);
	*more = *p == ',';
	if (*more)
		return p + 1;
	return *p == close ? scan_close(p) : NULL;
}

/* A member's key (parsed in place) and its colon. */
static char *
member_key(char *p, char **key, size_t *len)
{
	p = skip_ws(p);
	if (*p != '"' || !(p = scan_string(p, key, len)))
		return NULL;
	p = skip_ws(p);
	return *p == ':' ? p + 1 : NULL;
}

static char *parse_value(char *p, cJSON **out);

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

static char *
parse_object(char *p, cJSON **out)
{
	cJSON *n, *last = NULL;
	bool more;

	if (!(p = scan_open(p)))
		return NULL;
	*out = n = node(cJSON_Object);
	if (*p == '}')
		return scan_close(p);
	do {
		char *key;
		size_t klen;
		int id;
		cJSON *v;
		if (!(p = member_key(p, &key, &klen)) ||
		    !(p = parse_value(p, &v)))
			return NULL;
		if ((id = key_id(key, klen)) != FJK_OTHER) {
			v->string = (char *)fj_key_names[id];
			v->type |= cJSON_StringIsConst;
		} else {
			v->string = key;
		}
		append(n, &last, v);
	} while ((p = scan_next(p, '}', &more)) && more);
	return p;
}

static char *
parse_array(char *p, cJSON **out)
{
	cJSON *n, *last = NULL;
	bool more;

	if (!(p = scan_open(p)))
		return NULL;
	*out = n = node(cJSON_Array);
	if (*p == ']')
		return scan_close(p);
	do {
		cJSON *v;
		if (!(p = parse_value(p, &v)))
			return NULL;
		append(n, &last, v);
	} while ((p = scan_next(p, ']', &more)) && more);
	return p;
}

static char *
parse_value(char *p, cJSON **out)
{
	cJSON *n;
	char *s;
	size_t len;
	double d;

	p = skip_ws(p);
	switch (*p) {
	case '"':
		if (!(p = scan_string(p, &s, &len)))
			return NULL;
		*out = n = node(cJSON_String);
		n->valuestring = s;
		return p;
	case '{': return parse_object(p, out);
	case '[': return parse_array(p, out);
	case 't': *out = node(cJSON_True); return lit(p, "true", 4);
	case 'f': *out = node(cJSON_False); return lit(p, "false", 5);
	case 'n': *out = node(cJSON_NULL); return lit(p, "null", 4);
	default:
		if (!(p = scan_number(p, &d)))
			return NULL;
		*out = n = node(cJSON_Number);
		n->valuedouble = d;
		n->valueint = d >= INT32_MAX   ? INT32_MAX
			      : d <= INT32_MIN ? INT32_MIN
					       : (int)d;
		return p;
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

/* Give the calling thread's arena the chunks fj_detach took (it must be
 * empty: they were taken to be put back). */
void
fj_attach(void *chunks)
{
	fj.chunks = chunks;
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
	char *p = skip_ws(line_copy(s, n));

	if (*p != '{' || !(p = parse_object(p, &v)))
		return NULL;
	return skip_ws(p) == fj.end ? v : NULL;
}

/* ---------------------------------------------------------------- */
/* govkit records without a tree                                     */
/* ---------------------------------------------------------------- */

/*
 * fj_scan_govkit() reads the grammar parse_value() reads, with the same
 * string, number and container steps, but keeps only what a govkit
 * record's reader looks at (struct gkrec) instead of building nodes: a
 * tender's members are a few dozen, and most of the time went into
 * making and walking them.
 */
static char *scan_value(char *p, struct gkval *v);

/*
 * Machine-written records name their keys in one order.  For each place j
 * in the objects of a kind (a tender, a bid), the key found there last is
 * remembered with its lead, the bytes from the end of the value before
 * it to its own value: ',' (but for the first), the key quoted, ':'.  A
 * member whose bytes are exactly that lead is taken in one comparison;
 * another (a key escaped, another key, white space) is parsed, and its
 * key remembered at its place.
 */
#define ORDER_MAX 32
#define LEAD_MAX 32 /* ",\"" + the longest key (26) + "\":" */

struct key_order {
	signed char id[ORDER_MAX];         /* FJK_OTHER: not a known key */
	unsigned char lead_len[ORDER_MAX]; /* 0: none */
	uint32_t lead_bits[ORDER_MAX];     /* its bytes', 1 << lead_len - 1 */
	char lead[ORDER_MAX][LEAD_MAX];
};

/* Are the n bytes at p those of s (0 < n <= 32, bits 1 << n - 1; p and
 * s followed by 32 readable bytes)? */
static inline bool
bytes_are(const char *p, const char *s, size_t n, uint32_t bits)
{
#ifdef __SSE2__
	unsigned lo = (unsigned)_mm_movemask_epi8(
		_mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)p),
			       _mm_loadu_si128((const __m128i *)s)));
	unsigned hi = (unsigned)_mm_movemask_epi8(
		_mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(p + 16)),
			       _mm_loadu_si128((const __m128i *)(s + 16))));

	(void)n;
	return ((lo | hi << 16) & bits) == bits;
#else
	(void)bits;
	return memcmp(p, s, n) == 0;
#endif
}

/* Key id was found at place j of an object of o's kind. */
static void
order_note(struct key_order *o, int j, int id)
{
	char *l = o->lead[j];
	size_t len;

	if (o->id[j] == id && (o->lead_len[j] || id == FJK_OTHER))
		return;
	o->id[j] = (signed char)id;
	o->lead_len[j] = 0;
	if (id == FJK_OTHER)
		return;
	len = strlen(fj_key_names[id]);
	if (j)
		*l++ = ',';
	*l++ = '"';
	memcpy(l, fj_key_names[id], len);
	l += len;
	*l++ = '"';
	*l++ = ':';
	o->lead_len[j] = (unsigned char)(l - o->lead[j]);
	o->lead_bits[j] = (uint32_t)(((uint64_t)1 << o->lead_len[j]) - 1);
}

/* member_at without a lead: the separator, or the object's close (then
 * *closed is set), and the key parsed. */
static char *
member_parsed(char *p, struct key_order *o, int j, int *id, bool *closed)
{
	char *key;
	size_t len;

	if (j > 0) {
		p = skip_ws(p);
		if (*p == '}') {
			*closed = true;
			return scan_close(p);
		}
		if (*p != ',')
			return NULL;
		p++;
	}
	if (!(p = member_key(p, &key, &len)))
		return NULL;
	*id = key_id(key, len);
	if (j < ORDER_MAX)
		order_note(o, j, *id);
	return p;
}

/* Member j of an object of o's kind, at p: past the object's '{' for the
 * first (and the object not empty), past the value before it for the
 * others.  Past its key's colon, the key's id into *id; past the close
 * of the object when it has no member j (*closed set); NULL if
 * malformed.  The bytes a lead is compared with are the line's: those
 * after it are zeros, and a lead has none. */
static inline __attribute__((always_inline)) char *
member_at(char *p, struct key_order *o, int j, int *id, bool *closed)
{
	if (j < ORDER_MAX && o->lead_len[j] &&
	    bytes_are(p, o->lead[j], o->lead_len[j], o->lead_bits[j])) {
		*id = o->id[j];
		return p + o->lead_len[j];
	}
	if (j > 0 && *p == '}') {
		/* the usual end, without white space before it */
		*closed = true;
		return scan_close(p);
	}
	return member_parsed(p, o, j, id, closed);
}

static char *
scan_object(char *p)
{
	bool more;

	if (!(p = scan_open(p)))
		return NULL;
	if (*p == '}')
		return scan_close(p);
	do {
		char *key;
		size_t len;
		if (!(p = member_key(p, &key, &len)) ||
		    !(p = scan_value(p, NULL)))
			return NULL;
	} while ((p = scan_next(p, '}', &more)) && more);
	return p;
}

static char *
scan_array(char *p)
{
	bool more;

	if (!(p = scan_open(p)))
		return NULL;
	if (*p == ']')
		return scan_close(p);
	do {
		if (!(p = scan_value(p, NULL)))
			return NULL;
	} while ((p = scan_next(p, ']', &more)) && more);
	return p;
}

/* A value; its type and text or number into v unless v is NULL. */
static char *
scan_value(char *p, struct gkval *v)
{
	struct gkval tmp;
	size_t len;
	char *s = NULL;

	if (!v)
		v = &tmp;
	p = skip_ws(p);
	switch (*p) {
	case '"':
		v->type = cJSON_String;
		p = scan_string(p, &s, &len);
		v->s = s;
		return p;
	case '{': v->type = cJSON_Object; return scan_object(p);
	case '[': v->type = cJSON_Array; return scan_array(p);
	case 't': v->type = cJSON_True; return lit(p, "true", 4);
	case 'f': v->type = cJSON_False; return lit(p, "false", 5);
	case 'n': v->type = cJSON_NULL; return lit(p, "null", 4);
	default: v->type = cJSON_Number; return scan_number(p, &v->d);
	}
}

static void
gkrec_grow(struct gkrec *r)
{
	r->capbids = r->capbids ? r->capbids * 2 : 64;
	r->bids = gk_xrealloc(r->bids, r->capbids * sizeof *r->bids);
}

struct gkbidv *
gkrec_bid(struct gkrec *r)
{
	struct gkbidv *b;

	if (r->nbids == r->capbids)
		gkrec_grow(r);
	b = &r->bids[r->nbids++];
	/* field by field: a memset of its 200 bytes became a rep stos,
	 * slow to start, once for each bid */
	b->object = false;
	b->bidder = (struct gkval){0};
	b->bidder_len = 0;
	b->bidder_hash = 0;
	memset(b->key_hash, 0, sizeof b->key_hash);
	b->key_set = 0;
	b->price = NAN;
	b->price_bad = 0;
	b->status = b->currency = b->submitted = b->name = NULL;
	b->submitted_len = 0;
	memset(b->key, 0, sizeof b->key);
	return b;
}

/* Member id of a bid, a string s of len bytes (in the line's copy): the
 * last of each member read counts.  The bidder and the keys are hashed
 * here, where their length is known. */
static inline void
bid_string(struct gkbidv *b, int id, const char *s, size_t len)
{
	if (id >= FJK_DOC_AUTHOR && id <= FJK_CA_SERIAL) {
		int k = id - FJK_DOC_AUTHOR;
		unsigned bit = 1u << k;
		b->key[k] = s;
		b->key_hash[k] = len ? key_hash_padded(s, len) : 0;
		b->key_set = (uint8_t)((b->key_set & ~bit) | (len ? bit : 0));
		return;
	}
	switch (id) {
	case FJK_BIDDER:
		b->bidder.type = cJSON_String;
		b->bidder.s = s;
		b->bidder_len = len;
		b->bidder_hash = hash_padded(s, len);
		break;
	case FJK_PRICE: b->price_bad = cJSON_String; break;
	case FJK_STATUS: b->status = s; break;
	case FJK_CURRENCY: b->currency = s; break;
	case FJK_SUBMITTED_AT:
		b->submitted = s;
		b->submitted_len = len;
		break;
	case FJK_NAME: b->name = s; break;
	default: break;
	}
}

/* A bid's price v, not a string. */
static void
bid_price(struct gkbidv *b, const struct gkval *v)
{
	if (v->type == cJSON_Number && isfinite(v->d))
		b->price = v->d;
	else if (v->type != cJSON_NULL)
		b->price_bad = v->type;
}

/* One bid object at p. */
static char *
scan_bid(char *p, struct gkbidv *b)
{
	static _Thread_local struct key_order order;
	int id;

	b->object = true;
	if (!(p = scan_open(p)))
		return NULL;
	if (*p == '}')
		return scan_close(p);
	for (int j = 0;; j++) {
		struct gkval v;
		char *s, *r, *close = NULL;
		size_t len;
		bool closed = false;
		if (!(p = member_at(p, &order, j, &id, &closed)) || closed)
			return p;
		p = skip_ws(p);
		/* the usual value, a string, read here; one without escapes is
		 * hashed before its closing quote becomes its NUL, as a load
		 * of a byte just stored would wait for the store */
		if (*p == '"') {
			if (!(r = string_stop(p)))
				return NULL;
			if (*r == '"') {
				s = p + 1;
				len = (size_t)(r - s);
				close = r;
				p = r + 1;
			} else if (*r != '\\' ||
				   !(p = scan_escaped(p + 1, r, &s, &len))) {
				return NULL;
			}
			bid_string(b, id, s, len);
			if (close) {
				*close = '\0';
				fj.nuls++;
			}
		} else if (id == FJK_BIDDER) {
			p = scan_value(p, &b->bidder);
		} else if (id == FJK_PRICE && (is_digit(*p) || *p == '-')) {
			/* the usual price, a number, read here too */
			char *q = scan_cents(p, &v.d);
			v.type = cJSON_Number;
			if ((p = q ? q : scan_number(p, &v.d)))
				bid_price(b, &v);
		} else if ((p = scan_value(p, &v)) && id == FJK_PRICE) {
			bid_price(b, &v);
		}
		if (!p)
			return NULL;
	}
}

static char *
scan_bids(char *p, struct gkrec *r)
{
	bool more;

	if (!(p = scan_open(p)))
		return NULL;
	if (*p == ']')
		return scan_close(p);
	do {
		struct gkbidv *b = gkrec_bid(r);
		p = skip_ws(p);
		p = *p == '{' ? scan_bid(p, b) : scan_value(p, NULL);
	} while (p && (p = scan_next(p, ']', &more)) && more);
	return p;
}

/* A record's member's value, of key id: the first of each known key
 * counts. */
static char *
scan_record_value(char *p, struct gkrec *r, int id)
{
	struct gkval *v =
		id != FJK_OTHER && !r->item[id].type ? &r->item[id] : NULL;

	p = skip_ws(p);
	if (v && id == FJK_BIDS && *p == '[') {
		v->type = cJSON_Array;
		return scan_bids(p, r);
	}
	return scan_value(p, v);
}

/* The record at p, in the line fj.end ends. */
static bool
scan_govkit(char *p, struct gkrec *r)
{
	static _Thread_local struct key_order order;
	int id;

	p = skip_ws(p);
	/* the types alone (what tells a value is there): a memset of the
	 * 27 items became a rep stos, slow to start, once a record */
	for (int k = 0; k < FJK_COUNT; k++)
		r->item[k].type = 0;
	r->nbids = 0;
	if (*p != '{' || !(p = scan_open(p)))
		return false;
	if (*p == '}') {
		p = scan_close(p);
	} else {
		for (int j = 0;; j++) {
			bool closed = false;
			if (!(p = member_at(p, &order, j, &id, &closed)) ||
			    closed)
				break;
			if (!(p = scan_record_value(p, r, id)))
				break;
		}
	}
	return p && skip_ws(p) == fj.end;
}

bool
fj_scan_govkit(const char *s, size_t n, struct gkrec *r)
{
	return scan_govkit(line_copy(s, n), r);
}

/*
 * The line as it was before a scan in place that failed: the closing
 * quotes it made NULs are the first fj.nuls NULs of the line, as a scan
 * stops at a NUL of the line's own (a control character in a string,
 * no token outside one) and so made none past it.
 */
static void
line_restore(char *s, size_t n)
{
	char *end = s + n;

	for (size_t k = fj.nuls; k > 0; k--) {
		s = memchr(s, '\0', (size_t)(end - s));
		*s++ = '"';
	}
}

bool
fj_scan_govkit_in_place(char *s, size_t n, struct gkrec *r)
{
	bool took;

	fj.end = s + n;
	fj.depth = 0;
	fj.nuls = 0;
	fj.in_place = true;
	fj.escape_met = false;
	took = scan_govkit(s, r);
	fj.in_place = false;
	if (took)
		return true;
	line_restore(s, n);
	/* a string with escapes is unescaped in a copy */
	return fj.escape_met && fj_scan_govkit(s, n, r);
}
