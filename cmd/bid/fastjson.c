/*
 * fastjson.c: a JSON parser for gov-bid's hot path.  It builds ordinary
 * cJSON nodes (the struct is public), so the readers use the cJSON API
 * unchanged, but takes every node and string from an arena released once
 * per record, copies each line once and parses numbers without strtod
 * when they are short (a correctly rounded division by a power of ten).
 * On anything it does not accept, the caller falls back to cJSON, which
 * also words the error message.
 */
#include "bid.h"

#include <stdlib.h>
#include <string.h>

#define FJ_CHUNK ((size_t)1 << 20)
#define FJ_DEPTH 1000 /* cJSON's nesting limit */

struct fjchunk {
	struct fjchunk *next;
	size_t used, cap;
	max_align_t data[];
};

struct fj {
	struct fjchunk *chunks;
	const char *p, *end;
	int depth;
};

/* one parser per thread: the reader thread parses, the main thread
 * takes the nodes with fj_detach() */
static _Thread_local struct fj fj;

void *
fj_alloc(size_t n)
{
	struct fjchunk *c = fj.chunks;

	n = (n + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
	if (!c || c->used + n > c->cap) {
		size_t cap = n > FJ_CHUNK ? n : FJ_CHUNK;
		c = gk_xmalloc(sizeof *c + cap);
		c->used = 0;
		c->cap = cap;
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

/* Release the nodes of the last record (all: at the end). */
void
fj_reset(bool all)
{
	while (fj.chunks && (all || fj.chunks->next)) {
		struct fjchunk *next = fj.chunks->next;
		free(fj.chunks);
		fj.chunks = next;
	}
	if (fj.chunks)
		fj.chunks->used = 0;
}

static void
skip_ws(void)
{
	while (fj.p < fj.end &&
	       (*fj.p == ' ' || *fj.p == '\t' || *fj.p == '\n' || *fj.p == '\r'))
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

static int
hex4(const char *s, unsigned *out)
{
	unsigned v = 0;
	for (int i = 0; i < 4; i++) {
		char c = s[i];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else
			return -1;
	}
	*out = v;
	return 0;
}

/* A string at fj.p (on the opening quote); NULL if malformed. */
static char *
parse_string(void)
{
	const char *s = ++fj.p, *q = s;
	char *out, *w;

	while (q < fj.end && *q != '"') {
		if (*q == '\\')
			q++;
		else if ((unsigned char)*q < 0x20)
			return NULL;
		q++;
	}
	if (q >= fj.end)
		return NULL;
	out = w = fj_alloc((size_t)(q - s) + 1);
	if (!memchr(s, '\\', (size_t)(q - s))) {
		memcpy(out, s, (size_t)(q - s));
		out[q - s] = '\0';
		fj.p = q + 1;
		return out;
	}
	for (const char *r = s; r < q; r++) {
		if (*r != '\\') {
			*w++ = *r;
			continue;
		}
		r++;
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
			unsigned cp, lo;
			if (q - r < 5 || hex4(r + 1, &cp) != 0)
				return NULL;
			r += 4;
			if (cp >= 0xD800 && cp <= 0xDBFF) {
				if (q - r < 7 || r[1] != '\\' || r[2] != 'u' ||
				    hex4(r + 3, &lo) != 0 || lo < 0xDC00 || lo > 0xDFFF)
					return NULL;
				cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
				r += 6;
			} else if (cp >= 0xDC00 && cp <= 0xDFFF) {
				return NULL;
			}
			if (cp == 0)
				return NULL; /* cJSON stops strings there: let it decide */
			if (cp < 0x80) {
				*w++ = (char)cp;
			} else if (cp < 0x800) {
				*w++ = (char)(0xC0 | cp >> 6);
				*w++ = (char)(0x80 | (cp & 0x3F));
			} else if (cp < 0x10000) {
				*w++ = (char)(0xE0 | cp >> 12);
				*w++ = (char)(0x80 | (cp >> 6 & 0x3F));
				*w++ = (char)(0x80 | (cp & 0x3F));
			} else {
				*w++ = (char)(0xF0 | cp >> 18);
				*w++ = (char)(0x80 | (cp >> 12 & 0x3F));
				*w++ = (char)(0x80 | (cp >> 6 & 0x3F));
				*w++ = (char)(0x80 | (cp & 0x3F));
			}
			break;
		}
		default:
			return NULL;
		}
	}
	*w = '\0';
	fj.p = q + 1;
	return out;
}

static const double pow10_tab[] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

static bool
parse_number(double *out)
{
	const char *s = fj.p, *p = s;
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

	skip_ws();
	if (fj.p >= fj.end)
		return NULL;
	switch (*fj.p) {
	case '"': {
		char *s = parse_string();
		if (!s)
			return NULL;
		n = node(cJSON_String);
		n->valuestring = s;
		return n;
	}
	case '{':
		if (++fj.depth > FJ_DEPTH)
			return NULL;
		fj.p++;
		n = node(cJSON_Object);
		skip_ws();
		if (fj.p < fj.end && *fj.p == '}') {
			fj.p++;
			fj.depth--;
			return n;
		}
		for (;;) {
			char *key;
			cJSON *v;
			skip_ws();
			if (fj.p >= fj.end || *fj.p != '"' || !(key = parse_string()))
				return NULL;
			skip_ws();
			if (fj.p >= fj.end || *fj.p != ':')
				return NULL;
			fj.p++;
			if (!(v = parse_value()))
				return NULL;
			v->string = key;
			append(n, &last, v);
			skip_ws();
			if (fj.p < fj.end && *fj.p == ',') {
				fj.p++;
				continue;
			}
			if (fj.p < fj.end && *fj.p == '}') {
				fj.p++;
				fj.depth--;
				return n;
			}
			return NULL;
		}
	case '[':
		if (++fj.depth > FJ_DEPTH)
			return NULL;
		fj.p++;
		n = node(cJSON_Array);
		skip_ws();
		if (fj.p < fj.end && *fj.p == ']') {
			fj.p++;
			fj.depth--;
			return n;
		}
		for (;;) {
			cJSON *v = parse_value();
			if (!v)
				return NULL;
			append(n, &last, v);
			skip_ws();
			if (fj.p < fj.end && *fj.p == ',') {
				fj.p++;
				continue;
			}
			if (fj.p < fj.end && *fj.p == ']') {
				fj.p++;
				fj.depth--;
				return n;
			}
			return NULL;
		}
	case 't':
		return lit("true", 4) ? node(cJSON_True) : NULL;
	case 'f':
		return lit("false", 5) ? node(cJSON_False) : NULL;
	case 'n':
		return lit("null", 4) ? node(cJSON_NULL) : NULL;
	default: {
		double v;
		if (!parse_number(&v))
			return NULL;
		n = node(cJSON_Number);
		n->valuedouble = v;
		n->valueint = v >= INT32_MAX ? INT32_MAX
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
		free(c);
		c = next;
	}
}

/* Parse one JSON object from s[0..n); NULL when fj does not accept it
 * (the caller then asks cJSON, for the value or the error). */
cJSON *
fj_parse_object(const char *s, size_t n)
{
	cJSON *v;

	fj.p = s;
	fj.end = s + n;
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
