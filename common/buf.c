/*
 * buf.c: a growable byte buffer, and JSON string escaping for the fast
 * writers that do not build a cJSON tree per record.
 */
#include "govkit.h"

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
buf_adds(struct gk_buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_printf(struct gk_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	buf_reserve(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

/* Which bytes need escaping inside a JSON string: controls, '"', '\\'. */
static inline bool
json_needs_escape(unsigned char c)
{
	return c < 0x20 || c == '"' || c == '\\';
}

void
buf_add_json_string(struct gk_buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i = 0, start;

	/* Worst case every byte becomes \u00XX. */
	buf_reserve(b, n + 2);
	b->data[b->len++] = '"';
	while (i < n) {
		start = i;
		while (i < n && !json_needs_escape((unsigned char)s[i]))
			i++;
		if (i > start)
			buf_add(b, s + start, i - start);
		if (i >= n)
			break;
		unsigned char c = (unsigned char)s[i++];
		char esc[7] = {'\\', 0, 0, 0, 0, 0, 0};
		size_t elen = 2;
		switch (c) {
		case '"': esc[1] = '"'; break;
		case '\\': esc[1] = '\\'; break;
		case '\n': esc[1] = 'n'; break;
		case '\r': esc[1] = 'r'; break;
		case '\t': esc[1] = 't'; break;
		case '\b': esc[1] = 'b'; break;
		case '\f': esc[1] = 'f'; break;
		default:
			esc[1] = 'u'; esc[2] = '0'; esc[3] = '0';
			esc[4] = hex[c >> 4]; esc[5] = hex[c & 15];
			elen = 6;
		}
		buf_add(b, esc, elen);
	}
	buf_addc(b, '"');
}
