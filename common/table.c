/*
 * table.c: what kind of table a file name holds.
 */
#include "govkit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

enum table_kind
table_kind_of(const char *path)
{
	if (!path)
		return TABLE_CSV;
	if (ends_with(path, ".jsonl") || ends_with(path, ".ndjson"))
		return TABLE_JSONL;
	if (ends_with(path, ".xlsx") || ends_with(path, ".xlsm"))
		return TABLE_XLSX;
	return TABLE_CSV;
}

/* The first line of a JSON Lines record may be long; past this it is
 * taken for a document. */
#define FIRST_LINE_MAX ((size_t)16 << 20)

int
table_kind_detect(const char *path, enum table_kind *kind, struct gk_err *e)
{
	FILE *fp;
	struct gk_buf line;
	int c;
	bool whole = false;
	cJSON *rec;

	*kind = table_kind_of(path);
	if (!path || !ends_with(path, ".json"))
		return 0;
	if (!(fp = fopen(path, "rb")))
		return 0; /* the reader says why it cannot open it */
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
	{
		const char *t = line.data ? line.data : "";
		size_t n = line.len;
		if (n >= 3 && memcmp(t, "\xef\xbb\xbf", 3) == 0)
			t += 3, n -= 3;
		while (n && (*t == ' ' || *t == '\t' || *t == '\r'))
			t++, n--;
		if (n == 0 || (*t != '{' && *t != '[')) {
			buf_release(&line);
			return 0; /* not JSON: read as CSV, as its name says nothing */
		}
		rec = whole ? cJSON_ParseWithLength(t, n) : NULL;
	}
	buf_release(&line);
	if (cJSON_IsObject(rec)) {
		cJSON_Delete(rec);
		*kind = TABLE_JSONL;
		return 0;
	}
	cJSON_Delete(rec);
	gk_err_set(e,
		   "%s: a JSON document, not a table of records (JSON Lines "
		   "hold one record a line; to check data against a Table "
		   "Schema: gov-check -s SCHEMA DATA)",
		   path);
	return -1;
}
