/*
 * buf.c: a growable byte buffer, and JSON string escaping for the fast
 * writers that do not build a cJSON tree per record.
 */
#include "govkit.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
buf_init(struct gk_buf *b)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
}

void
buf_release(struct gk_buf *b)
{
	free(b->data);
	buf_init(b);
}

void
buf_reset(struct gk_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

void
buf_reserve(struct gk_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;
	size_t cap;

	if (need <= b->cap)
		return;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	b->data = gk_xrealloc(b->data, cap);
	b->cap = cap;
}

void
buf_add(struct gk_buf *b, const void *p, size_t n)
{
	buf_reserve(b, n);
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_addc(struct gk_buf *b, char c)
{
	buf_reserve(b, 1);
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}

void
buf_vprintf(struct gk_buf *b, const char *fmt, va_list ap)
{
	va_list again;
	int n;

	va_copy(again, ap);
	n = vsnprintf(NULL, 0, fmt, ap);
	if (n >= 0) {
		buf_reserve(b, (size_t)n);
		vsnprintf(b->data + b->len, (size_t)n + 1, fmt, again);
		b->len += (size_t)n;
	}
	va_end(again);
}

void
buf_printf(struct gk_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

/* Which bytes need escaping inside a JSON string: controls, '"', '\\'. */
static inline bool
json_needs_escape(unsigned char c)
{
	return c < 0x20 || c == '"' || c == '\\';
}

static size_t
escape_byte(unsigned char c, char *out)
{
	static const char hex[] = "0123456789abcdef";

	out[0] = '\\';
	switch (c) {
	case '"': out[1] = '"'; return 2;
	case '\\': out[1] = '\\'; return 2;
	case '\n': out[1] = 'n'; return 2;
	case '\r': out[1] = 'r'; return 2;
	case '\t': out[1] = 't'; return 2;
	case '\b': out[1] = 'b'; return 2;
	case '\f': out[1] = 'f'; return 2;
	default:
		out[1] = 'u';
		out[2] = '0';
		out[3] = '0';
		out[4] = hex[c >> 4];
		out[5] = hex[c & 15];
		return 6;
	}
}

char *
json_escape_to(char *out, const char *s, size_t n)
{
	size_t i = 0;
	uint64_t chunk;

	*out++ = '"';
	while (i < n) {
		if (i + 8 <= n) {
			memcpy(&chunk, s + i, 8);
			if (!json_word_needs_escape(chunk)) {
				memcpy(out, &chunk, 8);
				out += 8;
				i += 8;
				continue;
			}
		}
		unsigned char c = (unsigned char)s[i++];
		if (json_needs_escape(c))
			out += escape_byte(c, out);
		else
			*out++ = (char)c;
	}
	*out++ = '"';
	return out;
}

void
buf_add_json_string(struct gk_buf *b, const char *s, size_t n)
{
	char *end;

	buf_reserve(b, JSON_ESCAPED_MAX(n));
	end = json_escape_to(b->data + b->len, s, n);
	*end = '\0';
	b->len = (size_t)(end - b->data);
}

void
buf_add_shell_word(struct gk_buf *b, const char *s)
{
	if (*s && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
			    "abcdefghijklmnopqrstuvwxyz"
			    "0123456789_./-+,:@%") == strlen(s)) {
		buf_adds(b, s);
		return;
	}
	buf_addc(b, '\'');
	for (; *s; s++) {
		if (*s == '\'')
			buf_adds(b, "'\\''");
		else
			buf_addc(b, *s);
	}
	buf_addc(b, '\'');
}

void
buf_add_shell_path(struct gk_buf *b, const char *s)
{
	char *dotted;

	if (s[0] != '-') {
		buf_add_shell_word(b, s);
		return;
	}
	dotted = gk_xasprintf("./%s", s);
	buf_add_shell_word(b, dotted);
	free(dotted);
}

void
gk_hex(const unsigned char *p, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[p[i] >> 4];
		out[2 * i + 1] = digits[p[i] & 15];
	}
	out[2 * n] = '\0';
}

/* (Trying 16 digits as well costs a third more time on a file of
 * numbers, for the rare value 15 do not hold and 16 do.) */
void
gk_number_text(double v, char *out)
{
	if (v == floor(v) && fabs(v) < 9007199254740992.0) {
		snprintf(out, GK_NUMBER_TEXT_MAX, "%.0f", v);
		return;
	}
	snprintf(out, GK_NUMBER_TEXT_MAX, "%.15g", v);
	if (strtod(out, NULL) != v)
		snprintf(out, GK_NUMBER_TEXT_MAX, "%.17g", v);
}
