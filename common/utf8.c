/*
 * utf8.c: UTF-8 validation (strict: no overlongs, no surrogates, nothing
 * past U+10FFFF) and display width for column sizing.
 */
#include "govkit.h"

#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* The length of the ASCII run at s: sixteen bytes a step, the first byte
 * with its high bit found from the step's mask (without SSE2, eight
 * bytes a step, then byte by byte). */
static size_t
ascii_prefix(const unsigned char *s, size_t n)
{
	size_t i = 0;

#ifdef __SSE2__
	for (; i + 16 <= n; i += 16) {
		unsigned high = (unsigned)_mm_movemask_epi8(
			_mm_loadu_si128((const __m128i *)(s + i)));
		if (high)
			return i + (size_t)__builtin_ctz(high);
	}
#endif
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		if (w & UINT64_C(0x8080808080808080))
			break; /* the byte itself below: any byte order */
	}
	while (i < n && s[i] < 0x80)
		i++;
	return i;
}

/* Length of the valid sequence at s (n bytes available), or 0. */
static inline size_t
sequence_length(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		return n >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
	if (c >= 0xE0 && c <= 0xEF) {
		if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
			return 0;
		if (c == 0xE0 && s[1] < 0xA0)
			return 0; /* overlong */
		if (c == 0xED && s[1] >= 0xA0)
			return 0; /* surrogate */
		return 3;
	}
	if (c >= 0xF0 && c <= 0xF4) {
		if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 ||
		    (s[3] & 0xC0) != 0x80)
			return 0;
		if (c == 0xF0 && s[1] < 0x90)
			return 0;
		if (c == 0xF4 && s[1] >= 0x90)
			return 0;
		return 4;
	}
	return 0;
}

size_t
utf8_valid_prefix(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, len;

	while (i < n) {
		i += ascii_prefix(s + i, n - i);
		/* a run of multibyte characters (a Chinese name) before the
		 * next look for ASCII */
		while (i < n && s[i] >= 0x80) {
			len = sequence_length(s + i, n - i);
			if (len == 0)
				return i;
			i += len;
		}
	}
	return n;
}

bool
utf8_valid(const char *s, size_t n)
{
	return utf8_valid_prefix(s, n) == n;
}

bool
utf8_repair(char *s, size_t n)
{
	bool any = false;
	size_t at = 0;

	while (at < n) {
		at += utf8_valid_prefix(s + at, n - at);
		if (at == n)
			break;
		s[at++] = '?';
		any = true;
	}
	return any;
}

/* Decode the code point at s; *len gets its length (1 for a bad byte). */
static uint32_t
decode(const unsigned char *s, size_t n, size_t *len)
{
	size_t l = sequence_length(s, n);

	*len = l ? l : 1;
	switch (l) {
	case 1: return s[0];
	case 2: return (uint32_t)(s[0] & 0x1F) << 6 | (s[1] & 0x3F);
	case 3:
		return (uint32_t)(s[0] & 0x0F) << 12 |
		       (uint32_t)(s[1] & 0x3F) << 6 | (s[2] & 0x3F);
	case 4:
		return (uint32_t)(s[0] & 0x07) << 18 |
		       (uint32_t)(s[1] & 0x3F) << 12 |
		       (uint32_t)(s[2] & 0x3F) << 6 | (s[3] & 0x3F);
	default: return 0xFFFD;
	}
}

/* East Asian Wide and Fullwidth ranges (Unicode EastAsianWidth W/F). */
static bool
is_wide(uint32_t c)
{
	return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) ||
	       (c >= 0x3041 && c <= 0x33FF) || (c >= 0x3400 && c <= 0x4DBF) ||
	       (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
	       (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
	       (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
	       (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) ||
	       (c >= 0x20000 && c <= 0x3FFFD);
}

size_t
utf8_width(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, w = 0, len;

	while (i < n) {
		if (s[i] < 0x80) {
			w++;
			i++;
			continue;
		}
		w += is_wide(decode(s + i, n - i, &len)) ? 2 : 1;
		i += len;
	}
	return w;
}

size_t
utf8_length(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, count = 0, len;

	while (i < n) {
		if (s[i] < 0x80)
			len = 1;
		else
			decode(s + i, n - i, &len);
		i += len;
		count++;
	}
	return count;
}

size_t
utf8_sequence(const char *s, size_t n)
{
	return n ? sequence_length((const unsigned char *)s, n) : 0;
}

size_t
utf8_encode(uint32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | cp >> 12);
		out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | cp >> 18);
	out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
	out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

static int
hex4(const char *s, uint32_t *out)
{
	uint32_t v = 0;

	for (int i = 0; i < 4; i++) {
		char c = s[i];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (uint32_t)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (uint32_t)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (uint32_t)(c - 'A' + 10);
		else
			return -1;
	}
	*out = v;
	return 0;
}

int
utf8_json_escape(const char *p, const char *end, uint32_t *cp)
{
	uint32_t hi, lo;

	if (end - p < 4 || hex4(p, &hi) != 0)
		return UTF8_ESC_BAD_HEX;
	if (hi >= 0xDC00 && hi <= 0xDFFF)
		return UTF8_ESC_LONE_LOW;
	if (hi < 0xD800 || hi > 0xDBFF) {
		*cp = hi;
		return 4;
	}
	if (end - p < 10 || p[4] != '\\' || p[5] != 'u' ||
	    hex4(p + 6, &lo) != 0 || lo < 0xDC00 || lo > 0xDFFF)
		return UTF8_ESC_LONE_HIGH;
	*cp = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
	return 10;
}

/* The length of the control character at s, 0 when s starts with none:
 * C0, DEL, a C1 such as CSI (U+0080..U+009F), or a bidirectional
 * embedding, override or isolate (U+202A..U+202E, U+2066..U+2069), which
 * would show the rest of a line reversed ("Trojan Source"). */
size_t
utf8_control_len(const char *p, size_t n)
{
	const unsigned char *s = (const unsigned char *)p;

	if (s[0] < 0x20 || s[0] == 0x7f)
		return 1;
	if (s[0] == 0xC2 && n > 1 && s[1] >= 0x80 && s[1] <= 0x9F)
		return 2;
	if (s[0] == 0xE2 && n > 2 &&
	    ((s[1] == 0x80 && s[2] >= 0xAA && s[2] <= 0xAE) ||
	     (s[1] == 0x81 && s[2] >= 0xA6 && s[2] <= 0xA9)))
		return 3;
	return 0;
}

size_t
utf8_blank_len(const char *p, size_t n)
{
	const unsigned char *s = (const unsigned char *)p;

	if (s[0] == ' ' || (s[0] >= '\t' && s[0] <= '\r'))
		return 1;
	if (n >= 2 && s[0] == 0xc2 && s[1] == 0xa0)
		return 2;
	if (n >= 3 && ((s[0] == 0xe3 && s[1] == 0x80 && s[2] == 0x80) ||
		       (s[0] == 0xef && s[1] == 0xbb && s[2] == 0xbf)))
		return 3;
	return 0;
}

size_t
utf8_halfwidth(const char *p, size_t n, char *ascii)
{
	const unsigned char *s = (const unsigned char *)p;

	if (n < 3)
		return 0;
	if (s[0] == 0xe3 && s[1] == 0x80 && s[2] == 0x80) {
		*ascii = ' ';
		return 3;
	}
	/* U+FF01..U+FF5E: EF BC 81..BF, EF BD 80..9E; less 0xFEE0.  The
	 * third byte a continuation (0x80-0xBF): EF BD and an ASCII 'Q'
	 * are no full-width 'q' */
	if (s[0] == 0xef && s[2] >= 0x80 && s[2] <= 0xbf &&
	    ((s[1] == 0xbc && s[2] >= 0x81) ||
	     (s[1] == 0xbd && s[2] <= 0x9e))) {
		*ascii = (char)(((s[1] & 0x3f) << 6 | (s[2] & 0x3f)) - 0xee0);
		return 3;
	}
	return 0;
}

size_t
utf8_trim_blanks(const char **s, size_t n)
{
	size_t k, end = 0;

	while (n > 0 && (k = utf8_blank_len(*s, n)) > 0) {
		*s += k;
		n -= k;
	}
	/* a byte that starts no blank ends the text so far (no blank
	 * starts inside a UTF-8 character: its bytes are 0x80-0xBF) */
	for (size_t i = 0; i < n; i += k)
		if ((k = utf8_blank_len(*s + i, n - i)) == 0) {
			k = 1;
			end = i + 1;
		}
	return end;
}

size_t
utf8_printable(char *s, size_t n)
{
	size_t k = 0, c;

	for (size_t i = 0; i < n; i++) {
		if ((c = utf8_control_len(s + i, n - i)) > 0) {
			s[k++] = ' ';
			i += c - 1;
		} else {
			s[k++] = s[i];
		}
	}
	if (k < n)
		s[k] = '\0';
	return k;
}

void
buf_add_printable(struct gk_buf *b, const char *s, size_t n)
{
	size_t from = b->len;

	if (n == 0)
		return;
	buf_add(b, s, n);
	b->len = from + utf8_printable(b->data + from, n);
}

const char *
text_printable(const char *s, struct gk_buf *tmp)
{
	size_t n = strlen(s);

	for (size_t i = 0; i < n; i++)
		if (utf8_control_len(s + i, n - i) > 0) {
			buf_reset(tmp);
			buf_add_printable(tmp, s, n);
			return tmp->data;
		}
	return s;
}

void
buf_add_cell(struct gk_buf *b, const char *s, size_t n, size_t width,
	     bool right_align)
{
	size_t from, used, i = 0;

	if (right_align) /* pad first, for as many columns as the cell lacks */
		for (used = utf8_width(s, n); used < width; used++)
			buf_addc(b, ' ');
	from = b->len;
	if (utf8_width(s, n) <= width) {
		buf_add_printable(b, s, n);
		used = utf8_width(s, n);
	} else {
		/* as many characters as leave one column for the ellipsis */
		used = 0;
		while (i < n) {
			size_t l = utf8_sequence(s + i, n - i), cw;

			if (l == 0)
				l = 1;
			cw = utf8_width(s + i, l);
			if (used + cw + 1 > width)
				break;
			buf_add(b, s + i, l);
			used += cw;
			i += l;
		}
		if (b->len > from)
			b->len = from +
				 utf8_printable(b->data + from, b->len - from);
		buf_adds(b, "\xe2\x80\xa6"); /* … */
		used++;
	}
	if (!right_align)
		for (; used < width; used++)
			buf_addc(b, ' ');
}

void
buf_add_padded(struct gk_buf *b, const char *s, size_t n, size_t width)
{
	size_t w = utf8_width(s, n);

	buf_add_printable(b, s, n);
	for (; w < width; w++)
		buf_addc(b, ' ');
}

char
utf8_xml_nonchar_at(const char *s, size_t n, size_t i)
{
	const unsigned char *u = (const unsigned char *)s + i;

	if (i + 3 > n || u[0] != 0xEF || u[1] != 0xBF ||
	    (u[2] != 0xBE && u[2] != 0xBF))
		return 0;
	return u[2] == 0xBE ? 'E' : 'F';
}

void
utf8_xml_fix(char *s, size_t n)
{
	for (size_t i = 0; i + 3 <= n; i++)
		if (utf8_xml_nonchar_at(s, n, i)) {
			s[i + 2] = (char)0xBD; /* U+FFFD */
			i += 2;
		}
}

void
utf8_position(const char *text, size_t off, long *line, long *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < off && text[i]; i++) {
		if (text[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)text[i] & 0xc0) != 0x80) {
			(*col)++;
		}
	}
}
