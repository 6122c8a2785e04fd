/*
 * describe.c: a draft entry from the data itself.  The columns come from
 * the profiler gov-profile uses (one implementation), typed in the
 * catalog's type letters; what only a person can say is left null and
 * named in "missing".
 */
#include "catalog.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Fields of a draft a person must fill (share_method only when shared,
 * which is not known yet, so it is listed too). */
static const char *const to_fill[] = {
	"code",         "provider",  "provider_code",
	"summary",      "category",  "share_type",
	"share_method", "open_type", "update_cycle",
	"published",    NULL};

static const char *
type_letter(const char *profile_type)
{
	static const char *const map[][2] = {
		{"string", "C"},  {"integer", "I"}, {"number", "N"},
		{"boolean", "L"}, {"date", "D"},    {"datetime", "T"},
		{"time", "C"},    {"year", "I"},    {"any", "C"},
	};

	if (profile_type)
		for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
			if (strcmp(map[i][0], profile_type) == 0)
				return map[i][1];
	return "C";
}

/* "data/企业登记.csv" -> name "企业登记", format "csv". */
static void
name_and_format(const char *path, char **name, char **format)
{
	const char *base = strrchr(path, '/');
	const char *dot;

	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	if (dot && dot != base) {
		*name = gk_xstrndup(base, (size_t)(dot - base));
		*format = gk_xstrdup(dot + 1);
		for (char *p = *format; *p; p++)
			*p = (char)tolower((unsigned char)*p);
	} else {
		*name = gk_xstrdup(base);
		*format = gk_xstrdup("csv");
	}
}

static cJSON *
draft(const char *path, const cJSON *profile)
{
	cJSON *e = cJSON_CreateObject();
	cJSON *items = cJSON_CreateArray();
	cJSON *missing = cJSON_CreateArray();
	const cJSON *f, *rows;
	char *name, *format;
	bool need_desc = false;

	name_and_format(path, &name, &format);
	cJSON_AddStringToObject(e, "type", "entry");
	cJSON_AddNullToObject(e, "code");
	cJSON_AddStringToObject(e, "name", name);
	cJSON_AddNullToObject(e, "provider");
	cJSON_AddNullToObject(e, "provider_code");
	cJSON_AddNullToObject(e, "summary");
	cJSON_AddNullToObject(e, "category");
	cJSON_AddStringToObject(e, "format", format);
	cJSON_ArrayForEach(
		f, cJSON_GetObjectItemCaseSensitive(profile, "fields")) {
		cJSON *it = cJSON_CreateObject();
		const cJSON *maxlen =
			cJSON_GetObjectItemCaseSensitive(f, "max_length");
		const char *fmt = cat_str(f, "format");
		cJSON_AddStringToObject(it, "name",
					cat_str(f, "name") ? cat_str(f, "name")
							   : "");
		cJSON_AddStringToObject(it, "type",
					type_letter(cat_str(f, "type")));
		if (cJSON_IsNumber(maxlen) && maxlen->valuedouble > 0)
			cJSON_AddNumberToObject(it, "length",
						maxlen->valuedouble);
		else
			cJSON_AddNullToObject(it, "length");
		if (fmt && *fmt)
			cJSON_AddStringToObject(it, "format", fmt);
		cJSON_AddNullToObject(it, "description");
		need_desc = true;
		cJSON_AddItemToArray(items, it);
	}
	cJSON_AddItemToObject(e, "items", items);
	cJSON_AddNullToObject(e, "share_type");
	cJSON_AddNullToObject(e, "share_condition");
	cJSON_AddNullToObject(e, "share_basis");
	cJSON_AddNullToObject(e, "share_method");
	cJSON_AddNullToObject(e, "open_type");
	cJSON_AddNullToObject(e, "update_cycle");
	cJSON_AddNullToObject(e, "published");
	cJSON_AddItemToObject(e, "related", cJSON_CreateArray());
	for (const char *const *k = to_fill; *k; k++)
		cJSON_AddItemToArray(missing, cJSON_CreateString(*k));
	if (need_desc)
		cJSON_AddItemToArray(missing,
				     cJSON_CreateString("items.description"));
	cJSON_AddItemToObject(e, "missing", missing);
	cJSON_AddStringToObject(e, "source", path);
	rows = cJSON_GetObjectItemCaseSensitive(profile, "rows");
	if (cJSON_IsNumber(rows))
		cJSON_AddNumberToObject(e, "rows", rows->valuedouble);
	free(name);
	free(format);
	return e;
}

/*
 * The profiler passes over what gov-records reports (cells beyond or
 * short of the header, a quote never closed); a draft of a broken file
 * would look sound.  A second read reports them the way gov-records does.
 * Bytes not in the encoding the profiler names itself (and counts in
 * encoding_error_rows), so they are not named again here.  1 when the
 * file has such rows, 0 when not, -1 when it cannot be read (message
 * printed).  Standard input cannot be read twice and is not looked at.
 */
static int
check_rows(const struct cat_ctx *c, const char *path)
{
	struct csv_reader *csv = NULL;
	struct xlsx_reader *xlsx = NULL;
	struct csv_row row;
	struct gk_err e;
	const char *name = path;
	size_t nheader = 0;
	bool header = true;
	int got, rc = 0;

	if (strcmp(path, "-") == 0)
		return 0;
	switch (table_kind_of(path)) {
	case TABLE_XLSX:
		xlsx = xlsx_open_at(path, NULL, c->csv.header_row, &e);
		break;
	case TABLE_JSONL: return 0;
	default: csv = csv_open(path, &c->csv, &e); break;
	}
	if (!csv && !xlsx) {
		gk_warn_err(&e);
		return -1;
	}
	if (csv)
		name = csv_name(csv);
	while ((got = csv ? csv_next(csv, &row, &e)
			  : xlsx_next(xlsx, &row, &e)) > 0) {
		if (!header && csv_row_blank(&row))
			continue; /* skipped, as gov-records does */
		if (row.unterminated_quote) {
			gk_warn("%s:%ld: quoted field not closed before the end of "
				"the file",
				name, row.row);
			rc = 1;
		}
		if (row.problem) { /* a workbook cell given twice */
			gk_warn("%s:%ld: %s", name, row.row, row.problem);
			rc = 1;
		}
		if (header) {
			nheader = row.nfields;
			header = false;
		} else if (row.nfields < nheader) {
			gk_warn("%s:%ld: %zu cell%s, header has %zu", name,
				row.row, row.nfields,
				row.nfields == 1 ? "" : "s", nheader);
			rc = 1;
		} else if (row.nfields > nheader) {
			gk_warn("%s:%ld: %zu cells, header has %zu; extra cells not "
				"described",
				name, row.row, row.nfields, nheader);
			rc = 1;
		}
	}
	if (got < 0) {
		gk_warn_err(&e);
		rc = -1;
	}
	csv_close(csv);
	xlsx_close(xlsx);
	return rc;
}

int
cmd_describe(struct cat_ctx *c, int argc, char **argv)
{
	struct profile_options po = {0};
	struct gk_err e;
	int rc = GK_EXIT_OK;

	if (argc == 0)
		return gk_usage_error("describe needs a data file");
	po.csv = c->csv;
	po.kind = TABLE_AUTO;
	po.today = &c->today;
	for (int i = 0; i < argc; i++) {
		cJSON *profile = profile_file(argv[i], &po, &e);
		if (!profile) {
			gk_warn_err(&e);
			rc = GK_EXIT_FAIL;
			continue;
		}
		if (table_encoding_unused(argv[i], po.kind, po.csv.encoding,
					  &e))
			gk_warn_err(&e);
		cJSON *entry = draft(argv[i], profile);
		if (cat_emit(c, entry) != 0)
			rc = GK_EXIT_FAIL;
		/* rows with bytes not in the encoding, named by the profiler */
		if (cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(
			    profile, "encoding_error_rows")) &&
		    rc < GK_EXIT_FOUND)
			rc = GK_EXIT_FOUND;
		switch (check_rows(c, argv[i])) {
		case 1:
			if (rc < GK_EXIT_FOUND)
				rc = GK_EXIT_FOUND;
			break;
		case -1: rc = GK_EXIT_FAIL; break;
		}
		cJSON_Delete(entry);
		cJSON_Delete(profile);
	}
	return rc;
}
