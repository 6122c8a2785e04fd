/* Fuzz target: the JSON Lines reader, and masking of what it reads.
 * Properties: after mask_json no string value holds anything mask_text
 * would still mask (masking is complete and idempotent); mask_personal
 * of any string value, as a cn-ric or cn-mobile cell is shown, never
 * keeps seven digits in a row. */
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
	return 0;
}
