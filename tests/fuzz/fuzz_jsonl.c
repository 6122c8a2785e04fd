/* Fuzz target: the JSON Lines reader, and masking of what it reads.
 * Properties: after mask_json no string value holds anything mask_text
 * would still mask (masking is complete and idempotent); mask_personal
 * of any string value, as a cn-ric or cn-mobile cell is shown, never
 * keeps seven digits in a row.  And a file of valid UTF-8 (two code
 * points or more, no NUL, no UTF-8 byte-order mark, more than half of
 * its first 16,384 code points in the Basic Multilingual Plane) saved as
 * UTF-32 (LE or BE, with a byte-order mark or without, by the input's
 * size) is refused by jl_open, the message naming UTF-32LE or UTF-32BE:
 * never read as records. */
#include "fuzz.h"

#include <string.h>

/* The longest run of digits (ASCII or fullwidth) in s. */
static size_t
longest_digits(const char *s, size_t n)
{
	size_t best = 0, run = 0;

	for (size_t i = 0; i < n; i++) {
		if (id_is_digit(s[i])) {
			run++;
		} else if (i + 2 < n && (unsigned char)s[i] == 0xEF &&
			   (unsigned char)s[i + 1] == 0xBC &&
			   (unsigned char)s[i + 2] >= 0x90 &&
			   (unsigned char)s[i + 2] <= 0x99) {
			run++;
			i += 2;
		} else {
			run = 0;
		}
		if (run > best)
			best = run;
	}
	return best;
}

static void
check_strings(const cJSON *node, bool masked, struct gk_buf *tmp)
{
	for (const cJSON *c = node->child; c; c = c->next) {
		if (cJSON_IsString(c) && c->valuestring) {
			const char *v = c->valuestring;
			size_t n = strlen(v);

			if (masked && mask_text_needed(v, n))
				abort(); /* mask_json left something personal */
			buf_reset(tmp);
			mask_personal(v, n, tmp);
			if (longest_digits(tmp->data ? tmp->data : "",
					   tmp->len) >= 7)
				abort(); /* a personal cell shown with 7 digits */
		} else if (cJSON_IsObject(c) || cJSON_IsArray(c)) {
			check_strings(c, masked, tmp);
		}
	}
}

/* The input in UTF-32 refused as such (see the top of the file). */
static void
utf32_refused(const uint8_t *s, size_t n)
{
	bool le = n % 2 == 0, bom = n % 4 >= 2;
	size_t cps = 0, bmp = 0;
	struct gk_buf b;
	struct jl_reader r;
	struct gk_err e;
	char path[64];
	int fd;

	if (memchr(s, '\0', n) || !utf8_valid((const char *)s, n) ||
	    (n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0))
		return;
	buf_init(&b);
	if (bom)
		buf_add(&b, le ? "\xff\xfe\0\0" : "\0\0\xfe\xff", 4);
	for (size_t i = 0; i < n; cps++) {
		size_t k = s[i] < 0x80   ? 1
			   : s[i] < 0xe0 ? 2
			   : s[i] < 0xf0 ? 3
					 : 4;
		uint32_t cp = k == 1 ? s[i] : s[i] & (0xff >> (k + 1));

		for (size_t j = 1; j < k; j++)
			cp = cp << 6 | (s[i + j] & 0x3f);
		i += k;
		if (cps < UTF16_SNIFF / 4)
			bmp += cp < 0x10000;
		for (int j = 0; j < 4; j++)
			buf_addc(&b, (char)(cp >> (8 * (le ? j : 3 - j))));
	}
	if (cps >= 2 &&
	    2 * bmp > (cps < UTF16_SNIFF / 4 ? cps : UTF16_SNIFF / 4) &&
	    (fd = fuzz_file((const uint8_t *)b.data, b.len, path)) >= 0) {
		if (jl_open(&r, path, &e) == 0) {
			dprintf(2, "UTF-32%s%s taken by jl_open\n",
				le ? "LE" : "BE", bom ? " with its mark" : "");
			abort();
		}
		if (strstr(e.msg, le ? "UTF-32LE" : "UTF-32BE") == NULL) {
			dprintf(2, "UTF-32%s refused as: %s\n",
				le ? "LE" : "BE", e.msg);
			abort();
		}
		close(fd);
	}
	buf_release(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct jl_reader r;
	struct gk_err e;
	struct gk_buf tmp;
	cJSON *obj;
	char path[64];
	int fd = fuzz_file(data, size, path), got;

	if (fd < 0)
		return 0;
	buf_init(&tmp);
	if (jl_open(&r, path, &e) == 0) {
		while ((got = jl_next(&r, &obj, &e)) != 0) {
			if (got > 0) {
				check_strings(obj, false, &tmp);
				mask_json(obj);
				check_strings(obj, true, &tmp);
				cJSON_Delete(obj);
			}
		}
		jl_close(&r);
	}
	buf_release(&tmp);
	close(fd);
	utf32_refused(data, size);
	return 0;
}
