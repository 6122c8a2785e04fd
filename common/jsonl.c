/*
 * jsonl.c: JSON Lines in and out.  The reader scans large blocks with
 * memchr and hands out one line at a time; lines may be as long as
 * JL_MAX_LINE.
 */
#define _GNU_SOURCE /* memrchr */
#include "govkit.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#define JL_BLOCK ((size_t)1 << 20)
/* jl_next_block's buffers after the first: a block is parsed a moment
 * later, maybe on another core, while a few others wait their turn; at a
 * quarter of JL_BLOCK they all stay in the caches */
#define JL_HANDOVER ((size_t)256 << 10)

static int fill(struct jl_reader *r, struct gk_err *e);

int
jl_open(struct jl_reader *r, const char *path, struct gk_err *e)
{
	return jl_open_in(r, path, NULL, e);
}

int
jl_open_in(struct jl_reader *r, const char *path, FILE *fp, struct gk_err *e)
{
	memset(r, 0, sizeof *r);
	if (fp) {
		r->fp = fp;
		r->name = gk_xstrdup(path);
	} else if (!path || strcmp(path, "-") == 0) {
		r->fp = stdin;
		r->name = gk_xstrdup("(stdin)");
	} else {
		r->fp = fopen(path, "rb");
		if (!r->fp) {
			gk_err_set(e, "unable to open '%s':", path);
			return -1;
		}
		r->own_fp = true;
		r->name = gk_xstrdup(path);
	}
	r->cap = JL_BLOCK;
	r->buf = gk_xmalloc(r->cap + 1 + JL_BLOCK_PAD);
	/* the first block, read once: fill reads until it is full or the
	 * input ends, so at least UTF16_SNIFF bytes of a longer file */
	if (fill(r, e) != 0 || jl_refuse_utf16(r->name, r->buf, r->len, e)) {
		jl_close(r);
		return -1;
	}
	return 0;
}

int
jl_refuse_utf16(const char *name, const char *s, size_t n, struct gk_err *e)
{
	const char *enc;

	if (wide_bom(s, n, &enc)) {
		gk_err_set(e,
			   "'%s' is %s (it begins with a byte-order mark); "
			   "save it as UTF-8 (JSON Lines are not read in "
			   "%.6s)",
			   name, enc, enc);
		return -1;
	}
	if (wide_lookalike(s, n, &enc)) {
		gk_err_set(e,
			   "'%s' looks like %s without a byte-order mark; "
			   "save it as UTF-8 (JSON Lines are not read in "
			   "%.6s)",
			   name, enc, enc);
		return -1;
	}
	return 0;
}

void
jl_close(struct jl_reader *r)
{
	if (r->own_fp && r->fp)
		fclose(r->fp);
	jl_decoder_free(r->dec);
	free(r->buf);
	free(r->name);
	memset(r, 0, sizeof *r);
}

/* ---- lines in another encoding ------------------------------------ */

struct jl_decoder {
	iconv_t cd;
	char *enc;
	bool gb18030;
	struct gk_buf out;
};

/* Whether JSON's ASCII and the line end are the same bytes in enc. */
static bool
ascii_lines(const char *enc)
{
	static const char probe[] = "{\"a\":[1]}\n";
	char got[64], *in = (char *)probe, *out = got;
	size_t inleft = sizeof probe - 1, outleft = sizeof got;
	iconv_t cd = iconv_open(enc, "UTF-8");
	bool same;

	if (cd == (iconv_t)-1)
		return false;
	same = iconv(cd, &in, &inleft, &out, &outleft) != (size_t)-1 &&
	       iconv(cd, NULL, NULL, &out, &outleft) != (size_t)-1 &&
	       (size_t)(out - got) == sizeof probe - 1 &&
	       memcmp(got, probe, sizeof probe - 1) == 0;
	iconv_close(cd);
	return same;
}

int
jl_decoder_open(struct jl_decoder **out, const char *name, const char *encoding,
		struct gk_err *e)
{
	const char *enc;
	struct jl_decoder *d;

	*out = NULL;
	if (!encoding)
		return 0;
	if (!*encoding) {
		gk_err_set(
			e,
			"'%s': --encoding is empty (utf-8, gbk, gb18030, ...)",
			name);
		return -1;
	}
	enc = csv_encoding_canonical(encoding);
	if (strcmp(enc, "utf-8") == 0)
		return 0;
	d = gk_xcalloc(1, sizeof *d);
	d->cd = iconv_open("UTF-8", enc);
	if (d->cd == (iconv_t)-1) {
		gk_err_set(e,
			   "'%s': unknown encoding '%s' (utf-8, gbk, gb18030, "
			   "or a name of iconv -l)",
			   name, encoding);
		free(d);
		return -1;
	}
	if (!ascii_lines(enc)) {
		gk_err_set(e,
			   "'%s': JSON Lines cannot be read in %s: a line "
			   "must end at byte 0x0A and its brackets be ASCII "
			   "(utf-8, gbk, gb18030, ...)",
			   name, encoding);
		iconv_close(d->cd);
		free(d);
		return -1;
	}
	d->enc = gk_xstrdup(enc);
	d->gb18030 = strcmp(enc, "gb18030") == 0;
	buf_init(&d->out);
	*out = d;
	return 0;
}

const char *
jl_decoder_encoding(const struct jl_decoder *d)
{
	return d ? d->enc : "utf-8";
}

char *
jl_decode(struct jl_decoder *d, const char *line, size_t n, size_t *outn,
	  size_t *bad)
{
	char *in = (char *)line;
	size_t inleft = n;

	*bad = n;
	buf_reset(&d->out);
	iconv(d->cd, NULL, NULL, NULL, NULL);
	while (inleft > 0) {
		/* GB18030's two bytes are three in UTF-8; a single-byte
		 * code page's 0x80 may be three too: E2BIG, more room */
		size_t room = inleft * 2 + 8;
		buf_reserve(&d->out, room);
		char *out = d->out.data + d->out.len;
		size_t outleft = room;
		size_t rc = iconv(d->cd, &in, &inleft, &out, &outleft);

		d->out.len = (size_t)(out - d->out.data);
		if (rc != (size_t)-1 || errno == E2BIG)
			continue;
		if (d->gb18030 && (unsigned char)*in == 0x80) {
			/* the euro sign of Windows' GBK (code page 936), as
			 * the CSV reader takes it */
			buf_add(&d->out, "\xE2\x82\xAC", 3);
		} else {
			if (*bad == n)
				*bad = (size_t)(in - line);
			buf_addc(&d->out, (char)0xFF);
		}
		in++;
		inleft--;
	}
	buf_addc(&d->out, '\0');
	*outn = d->out.len - 1;
	return d->out.data;
}

void
jl_decoder_free(struct jl_decoder *d)
{
	if (!d)
		return;
	iconv_close(d->cd);
	buf_release(&d->out);
	free(d->enc);
	free(d);
}

int
jl_set_encoding(struct jl_reader *r, const char *encoding, struct gk_err *e)
{
	jl_decoder_free(r->dec);
	return jl_decoder_open(&r->dec, r->name, encoding, e);
}

/* Move the unread tail to the front and read more.  0 ok, -1 I/O error. */
static int
fill(struct jl_reader *r, struct gk_err *e)
{
	size_t n;

	if (r->pos > 0) {
		memmove(r->buf, r->buf + r->pos, r->len - r->pos);
		r->len -= r->pos;
		r->pos = 0;
	}
	if (r->len == r->cap) {
		size_t cap = r->cap * 2;
		if (cap > JL_MAX_LINE + 1)
			cap = JL_MAX_LINE + 1;
		r->buf = gk_xrealloc(r->buf, cap + 1 + JL_BLOCK_PAD);
		r->cap = cap;
	}
	n = fread(r->buf + r->len, 1, r->cap - r->len, r->fp);
	r->len += n;
	if (n == 0) {
		if (ferror(r->fp)) {
			gk_err_set(e, "%s: read error:", r->name);
			return -1;
		}
		r->eof = true;
	}
	return 0;
}

bool
jl_line_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return false;
	return true;
}

/* Discard through the next newline (after an over-long line). */
static int
skip_line(struct jl_reader *r, struct gk_err *e)
{
	for (;;) {
		char *nl = memchr(r->buf + r->pos, '\n', r->len - r->pos);
		if (nl) {
			r->pos = (size_t)(nl - r->buf) + 1;
			return 0;
		}
		r->pos = r->len = 0;
		if (r->eof)
			return 0;
		if (fill(r, e) != 0)
			return -1;
	}
}

/* The line start[0..n) of the input, counted: false for a blank one;
 * else *line and *len, after the BOM of the first and a CR at the end,
 * NUL-terminated (start[n] is the newline, or the byte after the
 * buffer's data). */
static bool
take_line(struct jl_reader *r, char *start, size_t n, const char **line,
	  size_t *len)
{
	r->line++;
	if (r->line == 1 && n >= 3 && memcmp(start, "\xEF\xBB\xBF", 3) == 0) {
		start += 3;
		n -= 3;
	}
	if (n > 0 && start[n - 1] == '\r')
		n--;
	if (jl_line_blank(start, n))
		return false;
	start[n] = '\0';
	*line = start;
	*len = n;
	return true;
}

static int
too_long(struct jl_reader *r, struct gk_err *e)
{
	r->line++;
	if (skip_line(r, e) != 0)
		return -1;
	gk_err_set(e, "%s:%ld: line longer than %zu MiB", r->name, r->line,
		   JL_MAX_LINE >> 20);
	return -1;
}

/* Read until the buffer holds a whole line from r->pos (or the input's
 * last): 1, 0 at the end of input, -1 on error. */
static int
fill_line(struct jl_reader *r, struct gk_err *e)
{
	while (!memchr(r->buf + r->pos, '\n', r->len - r->pos) && !r->eof) {
		/* JL_MAX_LINE bytes are a line yet: its newline may be the
		 * next byte (the buffer holds one more). */
		if (r->len - r->pos > JL_MAX_LINE)
			return too_long(r, e);
		if (fill(r, e) != 0)
			return -1;
	}
	return r->pos < r->len;
}

int
jl_next_line(struct jl_reader *r, const char **line, size_t *len,
	     struct gk_err *e)
{
	for (;;) {
		int rc = fill_line(r, e);
		char *start = r->buf + r->pos, *nl;
		size_t n;

		if (rc != 1)
			return rc;
		nl = memchr(start, '\n', r->len - r->pos);
		n = nl ? (size_t)(nl - start) : r->len - r->pos;
		r->pos += n + (nl ? 1 : 0);
		if (!take_line(r, start, n, line, len))
			continue;
		if (r->dec) {
			size_t raw = *len, bad;
			*line = jl_decode(r->dec, *line, raw, len, &bad);
			if (bad != raw) {
				gk_err_set(e,
					   "%s:%ld: bytes not valid in %s at "
					   "byte %zu",
					   r->name, r->line,
					   jl_decoder_encoding(r->dec),
					   bad + 1);
				return -1;
			}
		}
		return 1;
	}
}

int
jl_next_block(struct jl_reader *r, struct jl_block *b, struct gk_err *e)
{
	int rc = fill_line(r, e);
	char *last;
	size_t end, rest;

	if (r->dec)
		abort(); /* the block's lines are the input's own bytes */
	if (rc != 1)
		return rc;
	last = memrchr(r->buf + r->pos, '\n', r->len - r->pos);
	end = last ? (size_t)(last - r->buf) + 1 : r->len;
	b->mem = r->buf;
	b->at = r->buf + r->pos;
	b->end = r->buf + end;
	memset(r->buf + r->len, 0, JL_BLOCK_PAD);
	/* the partial line after the block starts the next buffer */
	rest = r->len - end;
	if (r->cap > JL_HANDOVER && rest < JL_HANDOVER / 2)
		r->cap = JL_HANDOVER;
	r->buf = gk_xmalloc(r->cap + 1 + JL_BLOCK_PAD);
	memcpy(r->buf, b->end, rest);
	r->len = rest;
	r->pos = 0;
	return 1;
}

int
jl_block_line(struct jl_reader *r, struct jl_block *b, const char **line,
	      size_t *len)
{
	while (b->at < b->end) {
		char *start = b->at;
		char *nl = memchr(start, '\n', (size_t)(b->end - start));
		size_t n = nl ? (size_t)(nl - start) : (size_t)(b->end - start);

		b->at = start + n + (nl ? 1 : 0);
		if (take_line(r, start, n, line, len))
			return 1;
	}
	return 0;
}

/* Whether any of the eight bytes of w is below 0x20 (a control
 * character; a tab or a CR among them too): "has less than" of Bit
 * Twiddling Hacks, true for a byte < 0x20, false for every other. */
static bool
word_has_control(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101ULL;
	const uint64_t highs = 0x8080808080808080ULL;

	return ((w - ones * 0x20) & ~w & highs) != 0;
}

size_t
json_control_at(const char *s, size_t n)
{
	size_t i = 0;

	/* eight bytes at a time past the clean ones, the usual case: gov-check
	 * and the JSON Lines reader look at every line */
	for (uint64_t w; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		if (word_has_control(w))
			break;
	}
	for (; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 && c != '\t' && c != '\r')
			return i;
	}
	return n;
}

/* Whether the six bytes \u0000 occur at all: one memchr pass. */
static bool
has_nul_escape_text(const char *s, size_t n)
{
	const char *end = s + n;

	for (const char *p = s;
	     (p = memchr(p, '\\', (size_t)(end - p))) != NULL; p++)
		if (end - p >= 6 && memcmp(p + 1, "u0000", 5) == 0)
			return true;
	return false;
}

size_t
json_nul_escape_at(const char *s, size_t n)
{
	bool in_string = false;

	/* Almost no line has the bytes; where they are, they may still be
	 * no escape: "\\u0000" is a backslash and the text u0000. */
	if (!has_nul_escape_text(s, n))
		return n;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"') {
			in_string = !in_string;
		} else if (in_string && s[i] == '\\' && i + 1 < n) {
			if (n - i >= 6 && memcmp(s + i + 1, "u0000", 5) == 0)
				return i;
			i++; /* the escaped character, \\ or \" among them */
		}
	}
	return n;
}

void
json_syntax_error(struct gk_err *e, const char *path, const char *text,
		  size_t len)
{
	const char *at = cJSON_GetErrorPtr();
	size_t off = at && at >= text && at <= text + len ? (size_t)(at - text)
							  : len;
	long line, col;

	utf8_position(text, off, &line, &col);
	gk_err_set(e, "%s:%ld:%ld: not valid JSON", path, line, col);
}

cJSON *
json_parse_document(const char *text, size_t len, const char *path,
		    const char *what, struct gk_err *e)
{
	const char *end = NULL;
	cJSON *root = cJSON_ParseWithLengthOpts(text, len, &end, false);
	long line, col;

	if (root == NULL) {
		json_syntax_error(e, path, text, len);
		return NULL;
	}
	while (end < text + len && strchr(" \t\r\n", *end) && *end)
		end++;
	if (end == text + len)
		return root;
	cJSON_Delete(root);
	utf8_position(text, (size_t)(end - text), &line, &col);
	gk_err_set(e, "%s:%ld:%ld: not valid JSON (text after %s)", path, line,
		   col, what);
	return NULL;
}

/* Digits of a whole number past which a double may round it: 2^53 has
 * 16, so from 16 on a number keeps its text. */
#define JL_EXACT_DIGITS 15

/* A byte of a bare token: a number, true, false or null. */
static bool
token_byte(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z') || c == '.' || c == '+' || c == '-';
}

/* The index of the quote that ends the string whose opening quote is at
 * s[i], or n: a quote is escaped when an odd run of backslashes stands
 * before it.  memchr leaps over the text between. */
static size_t
string_end(const char *s, size_t n, size_t i)
{
	for (size_t from = i + 1; from < n;) {
		const char *q = memchr(s + from, '"', n - from);
		size_t at, slashes = 0;

		if (!q)
			return n;
		at = (size_t)(q - s);
		while (at - slashes > i + 1 && s[at - slashes - 1] == '\\')
			slashes++;
		if (slashes % 2 == 0)
			return at;
		from = at + 1;
	}
	return n;
}

/* The end of the bare token (number, true, false, null) at s[i]: *digits
 * its decimal digits, *whole whether it is digits and '-' alone (a whole
 * number, the kind cJSON's double may round). */
static size_t
token_end(const char *s, size_t n, size_t i, size_t *digits, bool *whole)
{
	*digits = 0;
	*whole = true;
	for (; i < n && token_byte(s[i]); i++) {
		if (s[i] >= '0' && s[i] <= '9')
			(*digits)++;
		else if (s[i] != '-')
			*whole = false;
	}
	return i;
}

size_t
json_number_end(const char *s, size_t n, size_t i, size_t *digits, bool *whole)
{
	size_t k = i + (i < n && s[i] == '-'), d;

	if (k < n && s[k] == '0')
		k++;
	else if (k < n && s[k] >= '1' && s[k] <= '9')
		while (k < n && s[k] >= '0' && s[k] <= '9')
			k++;
	else
		return i;
	*digits = k - i - (s[i] == '-');
	*whole = true;
	if (k < n && s[k] == '.') {
		for (d = ++k; k < n && s[k] >= '0' && s[k] <= '9';)
			k++;
		if (k == d)
			return i;
		*digits += k - d;
		*whole = false;
	}
	if (k < n && (s[k] == 'e' || s[k] == 'E')) {
		k++;
		if (k < n && (s[k] == '+' || s[k] == '-'))
			k++;
		for (d = k; k < n && s[k] >= '0' && s[k] <= '9';)
			k++;
		if (k == d)
			return i;
		*digits += k - d;
		*whole = false;
	}
	return k;
}

void
json_line_check(const char *s, size_t n, struct json_line_check *c)
{
	size_t values = 0;

	c->leading_zero = c->bad_number = c->values_past = n;
	c->long_number = false;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"') {
			i = string_end(s, n, i);
		} else if (s[i] == ',' || s[i] == '[' || s[i] == '{') {
			if (++values > JSON_MAX_VALUES && c->values_past == n)
				c->values_past = i;
		} else if (token_byte(s[i])) {
			size_t k = i + (s[i] == '-'), digits;
			bool whole;

			if (k + 1 < n && s[k] == '0' && s[k + 1] >= '0' &&
			    s[k + 1] <= '9' && c->leading_zero == n)
				c->leading_zero = i;
			bool number =
				s[i] == '-' || (s[i] >= '0' && s[i] <= '9');
			size_t num_end = i, rest, end;
			bool rest_whole;

			/* The token read once: the JSON number at its start,
			 * then what is left of it (true, false and null are
			 * all left).  cJSON reads 1. as 1 and -.5 as -0.5,
			 * which JSON has not: a number token is one number,
			 * whole, or bad. */
			if (number)
				num_end = json_number_end(s, n, i, &digits,
							  &whole);
			if (num_end == i)
				digits = 0, whole = true;
			end = token_end(s, n, num_end, &rest, &rest_whole);
			if (whole && rest_whole &&
			    digits + rest > JL_EXACT_DIGITS)
				c->long_number = true;
			if (number && num_end != end && c->bad_number == n)
				c->bad_number = i;
			i = end - 1;
		}
	}
}

size_t
json_strict_at(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"') {
			size_t e = string_end(s, n, i);
			for (size_t k = i + 1; k < e; k++)
				if ((unsigned char)s[k] < 0x20)
					return k;
			i = e;
		} else if (s[i] == '-' || (s[i] >= '0' && s[i] <= '9')) {
			size_t digits;
			bool whole;
			size_t e = json_number_end(s, n, i, &digits, &whole);
			if (e == i || (e < n && token_byte(s[e])))
				return i;
			i = e - 1;
		}
	}
	return n;
}

size_t
json_values_past(const char *s, size_t n)
{
	struct json_line_check c;

	json_line_check(s, n, &c);
	return c.values_past;
}

size_t
json_depth_past(const char *s, size_t n)
{
	size_t depth = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"') {
			i = string_end(s, n, i);
		} else if (s[i] == '[' || s[i] == '{') {
			if (++depth > JSON_MAX_DEPTH)
				return i;
		} else if ((s[i] == ']' || s[i] == '}') && depth > 0) {
			depth--;
		}
	}
	return n;
}

/* The whole numbers of more than JL_EXACT_DIGITS digits in s[0..n),
 * outside strings, in order: their starts and lengths appended to at
 * (of cap); how many numbers of any kind come before each is in nth. */
struct long_number {
	size_t at, len, nth;
};

static size_t
find_long_numbers(const char *s, size_t n, struct long_number **out)
{
	size_t count = 0, cap = 0, nth = 0;

	*out = NULL;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"') {
			i = string_end(s, n, i);
			continue;
		}
		if (s[i] != '-' && !(s[i] >= '0' && s[i] <= '9'))
			continue;
		size_t start = i, digits;
		bool whole;

		i = token_end(s, n, i, &digits, &whole) - 1;
		if (whole && digits > JL_EXACT_DIGITS) {
			if (count == cap) {
				cap = cap ? cap * 2 : 4;
				*out = gk_xrealloc(*out, cap * sizeof **out);
			}
			(*out)[count++] =
				(struct long_number){start, i + 1 - start, nth};
		}
		nth++;
	}
	return count;
}

/* The numbers of the tree in document order, as cJSON read them. */
static void
number_nodes(cJSON *v, cJSON ***nodes, size_t *n, size_t *cap)
{
	if (cJSON_IsNumber(v)) {
		if (*n == *cap) {
			*cap = *cap ? *cap * 2 : 16;
			*nodes = gk_xrealloc(*nodes, *cap * sizeof **nodes);
		}
		(*nodes)[(*n)++] = v;
		return;
	}
	for (cJSON *c = v->child; c != NULL; c = c->next)
		number_nodes(c, nodes, n, cap);
}

void
jl_keep_long_numbers(const char *line, size_t len, cJSON *root)
{
	struct long_number *longs;
	size_t nlong = find_long_numbers(line, len, &longs), nnodes = 0,
	       cap = 0;
	cJSON **nodes = NULL;

	if (nlong == 0)
		return;
	number_nodes(root, &nodes, &nnodes, &cap);
	for (size_t k = 0; k < nlong; k++) {
		/* a tree that does not match its text: leave it be */
		if (longs[k].nth >= nnodes)
			break;
		cJSON *v = nodes[longs[k].nth];

		/* a raw node: cJSON prints its text as it is */
		v->type = cJSON_Raw;
		v->valuestring = gk_xstrndup(line + longs[k].at, longs[k].len);
	}
	free(nodes);
	free(longs);
}

const char *
jl_number_text(const cJSON *v)
{
	return cJSON_IsRaw(v) ? v->valuestring : NULL;
}

int
jl_next(struct jl_reader *r, cJSON **out, struct gk_err *e)
{
	const char *line;
	size_t len;
	int rc;

	*out = NULL;
	rc = jl_next_line(r, &line, &len, e);
	if (rc <= 0)
		return rc;
	rc = jl_parse_line(r, line, len, out, NULL, NULL, e);
	if (rc < 0 && r->gbk_hint && !utf8_valid(line, len) &&
	    csv_reads_as_gb18030(line, len)) {
		char msg[sizeof e->msg];

		memcpy(msg, e->msg, sizeof msg);
		gk_err_set(e, "%s; " JL_GBK_HINT, msg);
	}
	return rc;
}

/*
 * What cJSON would take that JSON does not, or read otherwise than JSON
 * means it: -1 with the message naming the line, else 0 with what the
 * line holds in *check.
 */
static int
check_line(const struct jl_reader *r, const char *line, size_t len,
	   struct json_line_check *check, struct gk_err *e)
{
	size_t valid = utf8_valid_prefix(line, len);

	if (valid != len) {
		gk_err_set(e, "%s:%ld: invalid UTF-8 at byte %zu", r->name,
			   r->line, valid + 1);
		return -1;
	}
	valid = json_control_at(line, len);
	if (valid != len) {
		gk_err_set(
			e,
			"%s:%ld: invalid JSON: control character at column %zu",
			r->name, r->line, valid + 1);
		return -1;
	}
	/* cJSON would end the string at the NUL: "A\u0000EVIL" read as "A" */
	valid = json_nul_escape_at(line, len);
	if (valid != len) {
		gk_err_set(
			e,
			"%s:%ld: invalid JSON: \\u0000 in a string at column %zu",
			r->name, r->line, valid + 1);
		return -1;
	}
	/* cJSON reads 007 as 7, where JSON has no such number */
	json_line_check(line, len, check);
	if (check->leading_zero != len) {
		gk_err_set(e,
			   "%s:%ld: invalid JSON: number with a leading zero "
			   "at column %zu",
			   r->name, r->line, check->leading_zero + 1);
		return -1;
	}
	if (check->bad_number != len) {
		gk_err_set(
			e,
			"%s:%ld: invalid JSON: malformed number at column %zu",
			r->name, r->line, check->bad_number + 1);
		return -1;
	}
	if (check->values_past != len) {
		gk_err_set(e, "%s:%ld: more than %zu JSON values at column %zu",
			   r->name, r->line, JSON_MAX_VALUES,
			   check->values_past + 1);
		return -1;
	}
	return 0;
}

cJSON *
json_parse_line(const char *line, size_t len, const char **end, bool *more)
{
	const char *after;
	cJSON *obj;

	*end = NULL;
	*more = false;
	obj = cJSON_ParseWithLengthOpts(line, len, end, false);
	if (!obj)
		return NULL;
	after = *end;
	while ((size_t)(after - line) < len &&
	       (*after == ' ' || *after == '\t' || *after == '\r'))
		after++;
	if ((size_t)(after - line) == len)
		return obj;
	cJSON_Delete(obj);
	*end = after;
	*more = true;
	return NULL;
}

/*
 * The line's one object, *end just past it; NULL with the message naming
 * the line when it is not JSON, has more than white space after its
 * value, or holds a value other than an object.
 */
static cJSON *
parse_object_line(const struct jl_reader *r, const char *line, size_t len,
		  const char **end, struct gk_err *e)
{
	bool more;
	cJSON *obj = json_parse_line(line, len, end, &more);

	if (!obj) {
		size_t col =
			*end && *end >= line ? (size_t)(*end - line) + 1 : 1;
		size_t deep = json_depth_past(line, len);

		if (deep != len)
			gk_err_set(e,
				   "%s:%ld: invalid JSON: nested deeper than "
				   "%d at column %zu",
				   r->name, r->line, JSON_MAX_DEPTH, deep + 1);
		else
			gk_err_set(e, "%s:%ld: invalid JSON at column %zu",
				   r->name, r->line, col);
		return NULL;
	}
	if (!cJSON_IsObject(obj)) {
		cJSON_Delete(obj);
		gk_err_set(e, "%s:%ld: expected a JSON object", r->name,
			   r->line);
		return NULL;
	}
	return obj;
}

int
jl_parse_line(const struct jl_reader *r, const char *line, size_t len,
	      cJSON **out, const char **text, size_t *text_len,
	      struct gk_err *e)
{
	struct json_line_check check;
	const char *end;
	cJSON *obj;

	*out = NULL;
	if (check_line(r, line, len, &check, e) != 0)
		return -1;
	obj = parse_object_line(r, line, len, &end, e);
	if (!obj)
		return -1;
	if (check.long_number)
		jl_keep_long_numbers(line, len, obj);
	if (text != NULL) {
		/* only white space, or a BOM cJSON skips, comes before the
		 * object: its text begins at the first brace */
		*text = memchr(line, '{', len);
		*text_len = (size_t)(end - *text);
	}
	*out = obj;
	return 1;
}

/* The first line of a JSON Lines record may be long; past this it is
 * taken for a document. */
#define FIRST_LINE_MAX ((size_t)16 << 20)

/* Whether fp's first bytes are UTF-16 or UTF-32 (jl_refuse_utf16); fp
 * rewound. */
static bool
utf16_start(FILE *fp)
{
	char *head = gk_xmalloc(UTF16_SNIFF);
	size_t n = fread(head, 1, UTF16_SNIFF, fp);
	struct gk_err e;
	bool utf16 = jl_refuse_utf16("", head, n, &e) != 0;

	free(head);
	rewind(fp);
	return utf16;
}

enum jl_shape
jl_file_shape(const char *path)
{
	static const char suffix[] = ".json";
	size_t n = path ? strlen(path) : 0, m = sizeof suffix - 1;
	enum jl_shape shape = JL_SHAPE_OTHER;
	struct gk_buf line;
	struct stat st;
	bool whole = false;
	FILE *fp;
	int c;

	if (n < m || strcasecmp(path + n - m, suffix) != 0)
		return JL_SHAPE_OTHER;
	if (stat(path, &st) != 0)
		return JL_SHAPE_OTHER; /* the reader says why */
	/* a pipe or a device named *.json is not even opened (what is read
	 * here, or a reader come and gone, would be lost to the real one):
	 * JSON, so read as JSON Lines */
	if (!S_ISREG(st.st_mode))
		return JL_SHAPE_LINES;
	if (!(fp = fopen(path, "rb")))
		return JL_SHAPE_OTHER; /* the reader says why it cannot open it */
	if (utf16_start(fp)) {
		fclose(fp);
		return JL_SHAPE_LINES; /* the reader refuses it, and says why */
	}
	buf_init(&line);
	while ((c = getc(fp)) != EOF && line.len < FIRST_LINE_MAX) {
		if (c == '\n') {
			whole = true;
			break;
		}
		buf_addc(&line, (char)c);
	}
	if (c == EOF)
		whole = true;
	fclose(fp);
	const char *t = line.data ? line.data : "";
	size_t len = line.len;
	if (len >= 3 && memcmp(t, "\xef\xbb\xbf", 3) == 0)
		t += 3, len -= 3;
	while (len && (*t == ' ' || *t == '\t' || *t == '\r'))
		t++, len--;
	if (len > 0 && (*t == '{' || *t == '[')) {
		/* a line of too many values: the reader says so (cJSON took
		 * 400 MB for a first line of 15 MB only to tell its shape) */
		bool many = whole && json_values_past(t, len) != len;
		cJSON *rec =
			whole && !many ? cJSON_ParseWithLength(t, len) : NULL;
		shape = many || cJSON_IsObject(rec) ? JL_SHAPE_LINES
						    : JL_SHAPE_DOCUMENT;
		cJSON_Delete(rec);
	}
	buf_release(&line);
	return shape;
}

int
jl_refuse_documents(char *const *paths, int n, const char *things,
		    const char *thing)
{
	for (int i = 0; i < n; i++) {
		if (jl_file_shape(paths[i]) != JL_SHAPE_DOCUMENT)
			continue;
		gk_warn("%s: a JSON document, not JSON Lines of %s (each %s on "
			"one line of its own)",
			paths[i], things, thing);
		return -1;
	}
	return 0;
}

int
jl_write(FILE *fp, const cJSON *obj)
{
	char *s = cJSON_PrintUnformatted(obj);
	int rc = 0;

	if (!s)
		return -1;
	if (fputs(s, fp) == EOF || putc('\n', fp) == EOF)
		rc = -1;
	free(s);
	return rc;
}
