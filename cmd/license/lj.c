/*
 * lj.c: a JSON parser into a per-record arena, and the RFC 8785 (JCS)
 * canonical form.
 *
 * Why not cJSON: a batch verifies a million records, and cJSON mallocs
 * every node; here a record's nodes come from an arena reset after it.
 * The parser also enforces what JCS needs of its input (I-JSON: valid
 * UTF-8, no lone surrogates, no duplicate names, finite numbers), which
 * cJSON does not.
 */
#include "license.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define LJ_BLOCK_SIZE ((size_t)64 << 10)
#define LJ_ALIGN 16
#define LJ_NUM_MAX 512   /* longest number text accepted */
#define LJ_SORT_STACK 64 /* members sorted without malloc up to this */
/* An object's members are checked for a repeated name one by one up to
 * this many; past it through a hash table in the arena (100,000 members,
 * compared each with all before it, took 50 s). */
#define LJ_DUP_SCAN 16
#define LJ_DUP_SEED 0x6c6a2d6475706bULL

struct lj_block {
	struct lj_block *next;
	size_t size, used;
	/* data follows, aligned */
	max_align_t data[];
};

void
lj_arena_init(struct lj_arena *a)
{
	a->head = NULL;
	a->cur = NULL;
}

static struct lj_block *
block_new(size_t size)
{
	struct lj_block *b = gk_xmalloc(sizeof *b + size);
	b->next = NULL;
	b->size = size;
	b->used = 0;
	return b;
}

void *
lj_alloc(struct lj_arena *a, size_t n)
{
	n = (n + LJ_ALIGN - 1) & ~(size_t)(LJ_ALIGN - 1);
	if (!a->head) {
		a->head = a->cur =
			block_new(n > LJ_BLOCK_SIZE ? n : LJ_BLOCK_SIZE);
	}
	for (;;) {
		struct lj_block *b = a->cur;
		if (b->size - b->used >= n) {
			void *p = (char *)b->data + b->used;
			b->used += n;
			return p;
		}
		if (!b->next) {
			b->next = block_new(n > LJ_BLOCK_SIZE ? n
							      : LJ_BLOCK_SIZE);
		} else if (b->next->size < n) {
			/* too small for this request: put a big one in front */
			struct lj_block *big = block_new(n);
			big->next = b->next;
			b->next = big;
		}
		a->cur = b->next;
		a->cur->used = 0;
	}
}

void
lj_arena_reset(struct lj_arena *a)
{
	struct lj_block *b, *next;

	if (!a->head)
		return;
	/* Keep the first block; free the others so one huge record does not
	 * pin its memory for the rest of the batch. */
	for (b = a->head->next; b; b = next) {
		next = b->next;
		free(b);
	}
	a->head->next = NULL;
	a->head->used = 0;
	a->cur = a->head;
}

void
lj_arena_release(struct lj_arena *a)
{
	struct lj_block *b, *next;

	for (b = a->head; b; b = next) {
		next = b->next;
		free(b);
	}
	a->head = a->cur = NULL;
}

/* ---------------------------------------------------------------- */
/* parser                                                            */
/* ---------------------------------------------------------------- */

struct parser {
	struct lj_arena *a;
	const char *p, *end, *start;
	struct gk_err *e;
	bool failed;
	/* lj_parse_each: the top-level member whose array is handed out
	 * element by element, the arena of one element, the callback. */
	const char *each_key;
	struct lj_arena *item;
	int (*each)(const struct lj_value *v, void *arg, struct gk_err *e);
	void *arg;
};

static void
perr(struct parser *ps, const char *msg)
{
	if (!ps->failed)
		gk_err_set(ps->e, "%s at byte %zu", msg,
			   (size_t)(ps->p - ps->start) + 1);
	ps->failed = true;
}

static void
skip_ws(struct parser *ps)
{
	while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' ||
				   *ps->p == '\n' || *ps->p == '\r'))
		ps->p++;
}

/* The length of the UTF-8 sequence at q in a string; 0, with the error,
 * if it is not valid. */
static size_t
string_utf8(struct parser *ps, const char *q)
{
	size_t l = utf8_sequence(q, (size_t)(ps->end - q));

	if (!l) {
		ps->p = q;
		perr(ps, "invalid UTF-8 in string");
	}
	return l;
}

/* Past the plain text of a string from q (no escape, no control
 * character): where it stops, at the closing quote or at what needs
 * decoding; NULL on invalid UTF-8. */
static const char *
skip_plain(struct parser *ps, const char *q)
{
	while (q < ps->end) {
		unsigned char c = (unsigned char)*q;
		if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
			q++;
		} else if (c < 0x80) {
			break;
		} else {
			size_t l = string_utf8(ps, q);
			if (!l)
				return NULL;
			q += l;
		}
	}
	return q;
}

/* The closing quote of a string from q, stepping over escapes; NULL if
 * the input ends first. */
static const char *
closing_quote(struct parser *ps, const char *q)
{
	while (q < ps->end && *q != '"') {
		if (*q == '\\' && ps->end - q > 1)
			q++;
		q++;
	}
	if (q >= ps->end) {
		ps->p = ps->end;
		perr(ps, "unterminated string");
		return NULL;
	}
	return q;
}

/* The character a one-letter escape (\n) stands for; -1 if none. */
static int
simple_escape(char c)
{
	switch (c) {
	case '"': return '"';
	case '\\': return '\\';
	case '/': return '/';
	case 'b': return '\b';
	case 'f': return '\f';
	case 'n': return '\n';
	case 'r': return '\r';
	case 't': return '\t';
	default: return -1;
	}
}

/* Decode the escape whose backslash is at *q into *o; both move past
 * it. */
static int
decode_escape(struct parser *ps, const char **q, char **o)
{
	const char *s = *q + 1;
	int c = simple_escape(*s), k;
	uint32_t cp;

	if (c >= 0) {
		*(*o)++ = (char)c;
		*q = s + 1;
		return 0;
	}
	if (*s != 'u') {
		ps->p = s;
		perr(ps, "bad escape in string");
		return -1;
	}
	k = utf8_json_escape(s + 1, ps->end, &cp);
	if (k < 0) {
		ps->p = k == UTF8_ESC_BAD_HEX ? s : s + 5;
		perr(ps, k == UTF8_ESC_BAD_HEX ? "bad \\u escape"
			 : k == UTF8_ESC_LONE_LOW
				 ? "lone low surrogate in string"
				 : "lone high surrogate in string");
		return -1;
	}
	*q = s + 1 + k;
	*o += utf8_encode(cp, *o);
	return 0;
}

/* The slow path: the string from p, plain up to q, has escapes or
 * control characters; decoded into the arena.  The decoded text is never
 * longer than the raw text. */
static int
decode_string(struct parser *ps, const char *p, const char *q, const char **out,
	      size_t *outlen)
{
	const char *end = closing_quote(ps, q);
	char *buf, *o;
	size_t l;

	if (!end)
		return -1;
	buf = lj_alloc(ps->a, (size_t)(end - p) + 1);
	memcpy(buf, p, (size_t)(q - p));
	o = buf + (q - p);
	while (q < ps->end && *q != '"') {
		if ((unsigned char)*q < 0x20) {
			ps->p = q;
			perr(ps, "control character in string");
			return -1;
		}
		if (*q == '\\') {
			if (decode_escape(ps, &q, &o) < 0)
				return -1;
			continue;
		}
		if (!(l = string_utf8(ps, q)))
			return -1;
		memcpy(o, q, l);
		o += l;
		q += l;
	}
	*o = '\0';
	*out = buf;
	*outlen = (size_t)(o - buf);
	ps->p = q + 1;
	return 0;
}

/* Parse a string starting at the opening quote; text without escapes is
 * handed out where it is, other text decoded into the arena. */
static int
parse_string(struct parser *ps, const char **out, size_t *outlen)
{
	const char *p = ps->p + 1;
	const char *q = skip_plain(ps, p);

	if (!q)
		return -1;
	if (q < ps->end && *q == '"') {
		*out = p;
		*outlen = (size_t)(q - p);
		ps->p = q + 1;
		return 0;
	}
	return decode_string(ps, p, q, out, outlen);
}

static int
parse_number(struct parser *ps, double *out)
{
	const char *p = ps->p, *s = p;
	char local[64], *copy;
	size_t len;
	double d;

	if (p < ps->end && *p == '-')
		p++;
	if (p >= ps->end)
		goto bad;
	if (*p == '0') {
		p++;
	} else if (*p >= '1' && *p <= '9') {
		while (p < ps->end && *p >= '0' && *p <= '9')
			p++;
	} else {
		goto bad;
	}
	if (p < ps->end && *p == '.') {
		p++;
		if (p >= ps->end || *p < '0' || *p > '9')
			goto bad;
		while (p < ps->end && *p >= '0' && *p <= '9')
			p++;
	}
	if (p < ps->end && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < ps->end && (*p == '+' || *p == '-'))
			p++;
		if (p >= ps->end || *p < '0' || *p > '9')
			goto bad;
		while (p < ps->end && *p >= '0' && *p <= '9')
			p++;
	}
	len = (size_t)(p - s);
	if (len > LJ_NUM_MAX) {
		perr(ps, "number too long");
		return -1;
	}
	copy = len < sizeof local ? local : lj_alloc(ps->a, len + 1);
	memcpy(copy, s, len);
	copy[len] = '\0';
	d = strtod(copy, NULL);
	if (!isfinite(d)) {
		perr(ps, "number out of range");
		return -1;
	}
	*out = d;
	ps->p = p;
	return 0;
bad:
	ps->p = p;
	perr(ps, "malformed number");
	return -1;
}

static bool
lit(struct parser *ps, const char *word, size_t n)
{
	if ((size_t)(ps->end - ps->p) >= n && memcmp(ps->p, word, n) == 0) {
		ps->p += n;
		return true;
	}
	return false;
}

static struct lj_value *parse_value(struct parser *ps, int depth);
static struct lj_value *parse_each_array(struct parser *ps, int depth);

/* Whether the value of this member is the array lj_parse_each hands out. */
static bool
each_member(const struct parser *ps, int depth, const char *key, size_t klen)
{
	return ps->each && depth == 0 && key && ps->p < ps->end &&
	       *ps->p == '[' && strlen(ps->each_key) == klen &&
	       memcmp(ps->each_key, key, klen) == 0;
}

static bool
dup_key(const struct lj_value *first, const struct lj_value *v)
{
	for (const struct lj_value *m = first; m && m != v; m = m->next)
		if (m->klen == v->klen && memcmp(m->key, v->key, v->klen) == 0)
			return true;
	return false;
}

/* The member names of one object, for repeats: open addressing. */
struct dup_index {
	const struct lj_value **slots;
	size_t cap; /* a power of two, at least twice the members */
};

/* Add member c; false when its name is there already. */
static bool
dup_add(struct dup_index *x, const struct lj_value *c)
{
	size_t j = (size_t)gk_hash(c->key, c->klen, LJ_DUP_SEED) & (x->cap - 1);

	for (; x->slots[j]; j = (j + 1) & (x->cap - 1))
		if (x->slots[j]->klen == c->klen &&
		    memcmp(x->slots[j]->key, c->key, c->klen) == 0)
			return false;
	x->slots[j] = c;
	return true;
}

/* Whether object v (n members so far) already has c's name. */
static bool
dup_member(struct parser *ps, struct dup_index *x, const struct lj_value *v,
	   const struct lj_value *c)
{
	if (v->n < LJ_DUP_SCAN)
		return dup_key(v->child, c);
	if (2 * (v->n + 1) > x->cap) {
		/* (the old table stays in the arena until the record ends) */
		x->cap = x->cap ? 2 * x->cap : 4 * LJ_DUP_SCAN;
		x->slots = lj_alloc(ps->a, x->cap * sizeof *x->slots);
		memset(x->slots, 0, x->cap * sizeof *x->slots);
		for (const struct lj_value *m = v->child; m; m = m->next)
			dup_add(x, m);
	}
	return !dup_add(x, c);
}

static struct lj_value *
parse_container(struct parser *ps, int depth, struct lj_value *v)
{
	struct dup_index names = {NULL, 0};
	bool obj = *ps->p == '{';
	char close = obj ? '}' : ']';
	struct lj_value **tail = &v->child;

	v->kind = obj ? LJ_OBJECT : LJ_ARRAY;
	if (depth >= LJ_MAX_DEPTH) {
		perr(ps, "nesting too deep");
		return NULL;
	}
	ps->p++;
	skip_ws(ps);
	if (ps->p < ps->end && *ps->p == close) {
		ps->p++;
		return v;
	}
	for (;;) {
		const char *key = NULL;
		size_t klen = 0;
		struct lj_value *c;

		skip_ws(ps);
		if (obj) {
			if (ps->p >= ps->end || *ps->p != '"') {
				perr(ps, "expected member name");
				return NULL;
			}
			if (parse_string(ps, &key, &klen) < 0)
				return NULL;
			skip_ws(ps);
			if (ps->p >= ps->end || *ps->p != ':') {
				perr(ps, "expected ':'");
				return NULL;
			}
			ps->p++;
			skip_ws(ps);
		}
		c = each_member(ps, depth, key, klen)
			    ? parse_each_array(ps, depth + 1)
			    : parse_value(ps, depth + 1);
		if (!c)
			return NULL;
		c->key = key;
		c->klen = klen;
		if (obj && dup_member(ps, &names, v, c)) {
			perr(ps, "duplicate member name");
			return NULL;
		}
		*tail = c;
		tail = &c->next;
		v->n++;
		skip_ws(ps);
		if (ps->p < ps->end && *ps->p == ',') {
			ps->p++;
			continue;
		}
		if (ps->p < ps->end && *ps->p == close) {
			ps->p++;
			return v;
		}
		perr(ps, obj ? "expected ',' or '}'" : "expected ',' or ']'");
		return NULL;
	}
}

static struct lj_value *
parse_value(struct parser *ps, int depth)
{
	struct lj_value *v;

	skip_ws(ps);
	if (ps->p >= ps->end) {
		perr(ps, "unexpected end of input");
		return NULL;
	}
	v = lj_alloc(ps->a, sizeof *v);
	memset(v, 0, sizeof *v);
	switch (*ps->p) {
	case '{':
	case '[': return parse_container(ps, depth, v);
	case '"':
		v->kind = LJ_STRING;
		if (parse_string(ps, &v->s, &v->n) < 0)
			return NULL;
		return v;
	case 't':
		v->kind = LJ_TRUE;
		if (lit(ps, "true", 4))
			return v;
		break;
	case 'f':
		v->kind = LJ_FALSE;
		if (lit(ps, "false", 5))
			return v;
		break;
	case 'n':
		v->kind = LJ_NULL;
		if (lit(ps, "null", 4))
			return v;
		break;
	default:
		v->kind = LJ_NUMBER;
		if (parse_number(ps, &v->num) < 0)
			return NULL;
		return v;
	}
	perr(ps, "unexpected character");
	return NULL;
}

/*
 * The array of lj_parse_each: each element parsed into the item arena,
 * handed out, and forgotten; the array keeps only its count.
 */
static struct lj_value *
parse_each_array(struct parser *ps, int depth)
{
	struct lj_arena *doc = ps->a;
	struct lj_value *v = lj_alloc(doc, sizeof *v), *c;

	memset(v, 0, sizeof *v);
	v->kind = LJ_ARRAY;
	ps->p++;
	skip_ws(ps);
	if (ps->p < ps->end && *ps->p == ']') {
		ps->p++;
		return v;
	}
	for (;;) {
		ps->a = ps->item;
		c = parse_value(ps, depth + 1);
		ps->a = doc;
		if (!c)
			return NULL;
		v->n++;
		if (ps->each(c, ps->arg, ps->e) != 0) {
			ps->failed = true; /* e is the callback's */
			return NULL;
		}
		lj_arena_reset(ps->item);
		skip_ws(ps);
		if (ps->p < ps->end && *ps->p == ',') {
			ps->p++;
			continue;
		}
		if (ps->p < ps->end && *ps->p == ']') {
			ps->p++;
			return v;
		}
		perr(ps, "expected ',' or ']'");
		return NULL;
	}
}

static struct lj_value *
parse_document(struct parser *ps)
{
	struct lj_value *v = parse_value(ps, 0);

	if (!v)
		return NULL;
	skip_ws(ps);
	if (ps->p != ps->end) {
		perr(ps, "trailing characters after the JSON value");
		return NULL;
	}
	return v;
}

/* A record (a line, an answer) of more than JSON_MAX_VALUES values is
 * refused before its nodes are made: 56 bytes each in the arena, a line
 * of 256 MiB took 6 GB, and each of --jobs workers holds one.  Not the
 * documents read member by member (lj_parse_each: a sync's revocations),
 * whose items come and go. */
struct lj_value *
lj_parse(struct lj_arena *a, const char *s, size_t n, struct gk_err *e)
{
	struct parser ps = {a, s, s + n, s, e, false, NULL, NULL, NULL, NULL};
	size_t past = json_values_past(s, n);

	if (past != n) {
		char msg[64];
		snprintf(msg, sizeof msg, "more than %zu JSON values",
			 JSON_MAX_VALUES);
		ps.p = s + past;
		perr(&ps, msg);
		return NULL;
	}
	return parse_document(&ps);
}

struct lj_value *
lj_parse_each(struct lj_arena *a, struct lj_arena *item, const char *s,
	      size_t n, const char *key,
	      int (*each)(const struct lj_value *v, void *arg,
			  struct gk_err *e),
	      void *arg, struct gk_err *e)
{
	struct parser ps = {a, s, s + n, s, e, false, key, item, each, arg};

	return parse_document(&ps);
}

const struct lj_value *
lj_get(const struct lj_value *obj, const char *key)
{
	size_t kl = strlen(key);

	if (!obj || obj->kind != LJ_OBJECT)
		return NULL;
	for (const struct lj_value *m = obj->child; m; m = m->next)
		if (m->klen == kl && memcmp(m->key, key, kl) == 0)
			return m;
	return NULL;
}

const char *
lj_get_str(const struct lj_value *obj, const char *key, size_t *len)
{
	const struct lj_value *v = lj_get(obj, key);

	if (!v || v->kind != LJ_STRING)
		return NULL;
	if (len)
		*len = v->n;
	return v->s;
}

/* ---------------------------------------------------------------- */
/* RFC 8785                                                          */
/* ---------------------------------------------------------------- */

void
lj_add_string(struct gk_buf *out, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i = 0, run = 0;

	buf_addc(out, '"');
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		const char *esc = NULL;
		char u[7];

		if (c >= 0x20 && c != '"' && c != '\\') {
			i++;
			continue;
		}
		buf_add(out, s + run, i - run);
		switch (c) {
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		case '\b': esc = "\\b"; break;
		case '\f': esc = "\\f"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\t': esc = "\\t"; break;
		default:
			u[0] = '\\';
			u[1] = 'u';
			u[2] = '0';
			u[3] = '0';
			u[4] = hex[c >> 4];
			u[5] = hex[c & 15];
			u[6] = '\0';
			esc = u;
		}
		buf_adds(out, esc);
		run = ++i;
	}
	buf_add(out, s + run, n - run);
	buf_addc(out, '"');
}

void
lj_format_number(double d, struct gk_buf *out)
{
	char tmp[40], digits[20];
	int k = 0, n, p;
	const char *q;

	if (d == 0) { /* also -0 */
		buf_addc(out, '0');
		return;
	}
	if (d < 0) {
		buf_addc(out, '-');
		d = -d;
	}
	/* Shortest digit string that reads back as d; printf rounds
	 * correctly, so at that length it is also the closest. */
	for (p = 1; p <= 17; p++) {
		snprintf(tmp, sizeof tmp, "%.*e", p - 1, d);
		if (strtod(tmp, NULL) == d)
			break;
	}
	for (q = tmp; *q != 'e'; q++)
		if (*q >= '0' && *q <= '9')
			digits[k++] = *q;
	n = atoi(q + 1) + 1; /* d = 0.digits x 10^n */
	while (k > 1 && digits[k - 1] == '0')
		k--;
	digits[k] = '\0';

	if (k <= n && n <= 21) {
		buf_add(out, digits, (size_t)k);
		for (int i = 0; i < n - k; i++)
			buf_addc(out, '0');
	} else if (0 < n && n <= 21) {
		buf_add(out, digits, (size_t)n);
		buf_addc(out, '.');
		buf_add(out, digits + n, (size_t)(k - n));
	} else if (-6 < n && n <= 0) {
		buf_adds(out, "0.");
		for (int i = 0; i < -n; i++)
			buf_addc(out, '0');
		buf_add(out, digits, (size_t)k);
	} else {
		buf_addc(out, digits[0]);
		if (k > 1) {
			buf_addc(out, '.');
			buf_add(out, digits + 1, (size_t)(k - 1));
		}
		buf_printf(out, "e%c%d", n - 1 >= 0 ? '+' : '-',
			   n - 1 >= 0 ? n - 1 : 1 - n);
	}
}

/* Next code point of valid UTF-8 (the parser checked it). */
static unsigned
next_cp(const unsigned char **pp)
{
	const unsigned char *p = *pp;
	unsigned c = *p;

	if (c < 0x80) {
		*pp = p + 1;
		return c;
	}
	if (c < 0xE0) {
		*pp = p + 2;
		return ((c & 0x1F) << 6) | (p[1] & 0x3F);
	}
	if (c < 0xF0) {
		*pp = p + 3;
		return ((c & 0x0F) << 12) | ((p[1] & 0x3F) << 6) |
		       (p[2] & 0x3F);
	}
	*pp = p + 4;
	return ((c & 0x07) << 18) | ((p[1] & 0x3F) << 12) |
	       ((p[2] & 0x3F) << 6) | (p[3] & 0x3F);
}

/* The first UTF-16 code unit of a code point: what JCS sorts by. */
static unsigned
utf16_lead(unsigned cp)
{
	return cp < 0x10000 ? cp : 0xD800 + ((cp - 0x10000) >> 10);
}

/* Compare member names as arrays of UTF-16 code units (RFC 8785 3.2.3). */
static int
key_cmp(const void *x, const void *y)
{
	const struct lj_value *a = *(const struct lj_value *const *)x;
	const struct lj_value *b = *(const struct lj_value *const *)y;
	const unsigned char *p = (const unsigned char *)a->key;
	const unsigned char *pe = p + a->klen;
	const unsigned char *q = (const unsigned char *)b->key;
	const unsigned char *qe = q + b->klen;

	while (p < pe && q < qe) {
		unsigned cp = next_cp(&p), cq = next_cp(&q);
		unsigned up, uq;

		if (cp == cq)
			continue;
		up = utf16_lead(cp);
		uq = utf16_lead(cq);
		if (up != uq)
			return up < uq ? -1 : 1;
		/* same lead surrogate: the code points order the trail */
		return cp < cq ? -1 : 1;
	}
	if (p < pe)
		return 1;
	if (q < qe)
		return -1;
	return 0;
}

static int
canon(const struct lj_value *v, const char *skip_key, struct gk_buf *out,
      struct gk_err *e)
{
	switch (v->kind) {
	case LJ_NULL: buf_adds(out, "null"); return 0;
	case LJ_TRUE: buf_adds(out, "true"); return 0;
	case LJ_FALSE: buf_adds(out, "false"); return 0;
	case LJ_NUMBER:
		if (!isfinite(v->num)) {
			gk_err_set(e, "number is not finite");
			return -1;
		}
		lj_format_number(v->num, out);
		return 0;
	case LJ_STRING: lj_add_string(out, v->s, v->n); return 0;
	case LJ_ARRAY:
		buf_addc(out, '[');
		for (const struct lj_value *c = v->child; c; c = c->next) {
			if (c != v->child)
				buf_addc(out, ',');
			if (canon(c, NULL, out, e) < 0)
				return -1;
		}
		buf_addc(out, ']');
		return 0;
	case LJ_OBJECT: {
		const struct lj_value *stack[LJ_SORT_STACK];
		const struct lj_value **m = stack;
		size_t n = 0, skl = skip_key ? strlen(skip_key) : 0;
		int rc = 0;
		bool first = true;

		if (v->n > LJ_SORT_STACK)
			m = gk_xmalloc(v->n * sizeof *m);
		for (const struct lj_value *c = v->child; c; c = c->next) {
			if (skip_key && c->klen == skl &&
			    memcmp(c->key, skip_key, skl) == 0)
				continue;
			m[n++] = c;
		}
		qsort(m, n, sizeof *m, key_cmp);
		buf_addc(out, '{');
		for (size_t i = 0; i < n && rc == 0; i++) {
			if (!first)
				buf_addc(out, ',');
			first = false;
			lj_add_string(out, m[i]->key, m[i]->klen);
			buf_addc(out, ':');
			rc = canon(m[i], NULL, out, e);
		}
		buf_addc(out, '}');
		if (m != stack)
			free(m);
		return rc;
	}
	}
	return 0;
}

int
lj_canonical(const struct lj_value *v, const char *skip_key, struct gk_buf *out,
	     struct gk_err *e)
{
	return canon(v, skip_key, out, e);
}
