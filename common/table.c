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

int
table_kind_detect(const char *path, enum table_kind *kind, struct gk_err *e)
{
	*kind = table_kind_of(path);
	switch (jl_file_shape(path)) {
	case JL_SHAPE_LINES: *kind = TABLE_JSONL; return 0;
	case JL_SHAPE_DOCUMENT:
		gk_err_set(
			e,
			"%s: a JSON document, not a table of records (JSON "
			"Lines hold one record a line; to check data against "
			"a Table Schema: gov-check -s SCHEMA DATA)",
			path);
		return -1;
	case JL_SHAPE_OTHER: break;
	}
	return 0; /* not JSON: read as CSV, as its name says nothing */
}

bool
table_encoding_unused(const char *path, enum table_kind kind,
		      const char *encoding, struct gk_err *e)
{
	if (!encoding || !path || strcmp(path, "-") == 0)
		return false;
	if (kind == TABLE_AUTO)
		kind = table_kind_of(path);
	if (kind != TABLE_XLSX)
		return false;
	gk_err_set(e,
		   "%s: --encoding %s ignored: a workbook names its own "
		   "encoding (the option is for text files)",
		   path, encoding);
	return true;
}
