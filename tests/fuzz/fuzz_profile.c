/*
 * Fuzz target: gov-profile's column profiles (profile.c) of a CSV or JSON
 * Lines file (first byte: bit 0 JSON Lines, bit 1 a small exact limit so
 * the HyperLogLog and Misra-Gries path is taken, bit 2 --no-mask), then
 * the Table Schema drafted from the profile, which must load again.
 * Without --no-mask, the profile shows nothing masking would still mask
 * (no resident ID or phone number among top, min or max values, or in a
 * column's name).
 */
#include "fuzz.h"

#include <string.h>

static void
check_masked(const cJSON *node)
{
	for (const cJSON *c = node->child; c; c = c->next) {
		const char *v = cJSON_IsString(c) ? c->valuestring : NULL;

		if ((c->string &&
		     mask_text_needed(c->string, strlen(c->string))) ||
		    (v && mask_text_needed(v, strlen(v)))) {
			dprintf(2, "fuzz_profile: left unmasked: %s %s\n",
				c->string ? c->string : "", v ? v : "");
			abort();
		}
		if (cJSON_IsObject(c) || cJSON_IsArray(c))
			check_masked(c);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct profile_options o = {0};
	struct gk_err e;
	cJSON *rec, *schema;
	char path[64], spath[64], *text;
	int fd, sfd;

	if (size < 1)
		return 0;
	o.kind = (data[0] & 1) ? TABLE_JSONL : TABLE_CSV;
	o.exact_limit = (data[0] & 2) ? 4 : 0;
	o.no_mask = data[0] & 4;
	o.top = 3;
	fd = fuzz_file(data + 1, size - 1, path);
	if (fd < 0)
		return 0;
	rec = profile_file(path, &o, &e);
	if (rec) {
		if (!o.no_mask)
			check_masked(rec);
		schema = profile_to_schema(rec);
		text = cJSON_PrintUnformatted(schema);
		sfd = fuzz_file((const uint8_t *)text, strlen(text), spath);
		if (sfd >= 0) {
			struct schema *s = schema_load(spath, &e);
			if (!s) {
				fprintf(stderr,
					"drafted schema does not load: %s\n%s\n",
					e.msg, text);
				abort();
			}
			schema_free(s);
			close(sfd);
		}
		free(text);
		cJSON_Delete(schema);
		cJSON_Delete(rec);
	}
	close(fd);
	return 0;
}
