/*
 * Fuzz target: gov-profile's output a field at a time (emit, in
 * cmd/gov-profile.c), against the whole record.  Since b8a8b9a the
 * profile record and the schema draft are printed one field at a time
 * (the record's head printed around a mark where "fields" go, each
 * field's record or schema field printed on its own, formatted at its
 * depth); before, the whole cJSON tree was printed.  Property: byte for
 * byte, the record as JSON Lines is cJSON's print of profile_file's
 * record, and the schema draft (as JSON Lines and formatted) is cJSON's
 * print of profile_to_schema's draft of that record, each with its
 * newline.
 *
 * The input is as fuzz_profile's: first byte bit 0 JSON Lines, bit 1 a
 * small exact limit, bit 2 --no-mask; the rest is the file.
 * gov-profile is one file with its main: it is included here, main
 * renamed.
 */
#include "fuzz.h"

#include <string.h>

#define main profile_main
#include "../../cmd/gov-profile.c"
#undef main

/* What emit writes for the file at path; NULL when profile_open fails. */
static char *
emitted(const char *path, const struct profile_options *o, enum gk_format fmt,
	bool schema, size_t *n)
{
	struct gk_err e;
	struct profiled *pd = profile_open(path, o, &e);
	char *out = NULL;
	FILE *fp;

	if (!pd)
		return NULL;
	fp = open_memstream(&out, n);
	if (!fp || emit(fp, pd, fmt, schema) != 0)
		abort();
	fclose(fp);
	profile_close(pd);
	return out;
}

static void
same(const char *what, const char *got, size_t n, char *whole)
{
	size_t len = strlen(whole);

	if (n != len + 1 || memcmp(got, whole, len) != 0 || got[len] != '\n') {
		dprintf(2, "%s a field at a time:\n%.*s\nwhole:\n%s\n", what,
			(int)n, got, whole);
		abort();
	}
	free(whole);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct profile_options o = {0};
	struct gk_err e;
	cJSON *rec, *schema;
	char path[64], *got;
	size_t n;
	int fd;

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
		schema = profile_to_schema(rec);
		got = emitted(path, &o, GK_FORMAT_NDJSON, false, &n);
		if (!got)
			abort(); /* read once, refused the second time */
		same("record", got, n, cJSON_PrintUnformatted(rec));
		free(got);
		got = emitted(path, &o, GK_FORMAT_NDJSON, true, &n);
		same("schema draft (JSON Lines)", got, n,
		     cJSON_PrintUnformatted(schema));
		free(got);
		got = emitted(path, &o, GK_FORMAT_TEXT, true, &n);
		same("schema draft (formatted)", got, n, cJSON_Print(schema));
		free(got);
		cJSON_Delete(schema);
		cJSON_Delete(rec);
	}
	close(fd);
	return 0;
}
