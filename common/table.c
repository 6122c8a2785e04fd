/*
 * table.c: what kind of table a file name holds.
 */
#include "govkit.h"

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
