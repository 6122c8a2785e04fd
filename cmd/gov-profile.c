/*
 * gov-profile: describe the columns of a data file nobody has a schema
 * for yet (types, nulls, distinct values, ranges, top values, identifier
 * formats), and draft a Table Schema from that for gov-check.
 */
#include "govkit.h"

#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Text form: widest cell of each column, in display columns. */
#define TEXT_VALUE_WIDTH 22
#define TEXT_TOP_WIDTH 48
#define TEXT_TOP_VALUES 3
#define TOP_MAX 1000
/* Whole numbers below this are shown with all their digits. */
#define TEXT_EXACT_INT 1e15
#define EXACT_LIMIT_MAX 100000000L

struct profile_run {
	struct profile_options po;
	bool schema;
	enum gk_format format;
	const char *output;
	struct gk_date today; /* --today, po.today points here */
};

static void
usage(void)
{
	printf("Usage: gov-profile [--schema] [options] FILE...\n"
	       "Profile the columns of CSV, TSV, JSON Lines or XLSX files; draft a Table Schema.\n"
	       "\n"
	       "Options:\n"
	       "      --schema          print a Table Schema draft for gov-check -s instead\n"
	       "      --top N           top values per field (default %d)\n"
	       "      --exact-limit N   count distinct values exactly up to N, then\n"
	       "                        estimate (HyperLogLog; default %d)\n"
	       "  -d, --delimiter C     CSV delimiter (default: detected; 'tab' for TSV)\n"
	       "      --encoding ENC    input encoding (default: UTF-8, else GB18030)\n"
	       "      --jsonl           read standard input (or every FILE) as JSON Lines\n"
	       "      --sheet NAME      XLSX: profile this sheet (default: the first shown)\n"
	       "      --header-row N    CSV, XLSX: the header is on row N, rows above it are\n"
	       "                        skipped (default: 1; JSON Lines: ignored)\n"
	       "      --no-mask         show resident ID and phone numbers unmasked\n"
	       "      --today DATE      YYYY-MM-DD: the day an ID's birth date must not\n"
	       "                        be after (default: the clock's)\n"
	       "  -o, --output FILE     write to FILE (atomically)\n"
	       "      --format FMT      ndjson or text (default: text on a terminal)\n"
	       "  -h, --help            show this help and exit\n"
	       "      --version         show version and exit\n",
	       PROFILE_TOP_DEFAULT, PROFILE_EXACT_DEFAULT);
}

/* ---------------------------------------------------------------- text form */

/* A JSON scalar as text ("" for null). */
static char *
scalar_text(const cJSON *v)
{
	if (cJSON_IsString(v))
		return gk_xstrdup(v->valuestring);
	if (cJSON_IsNumber(v)) {
		double d = v->valuedouble;

		if (d == floor(d) && fabs(d) < TEXT_EXACT_INT)
			return gk_xasprintf("%.0f", d);
		return gk_xasprintf("%.6g", d);
	}
	if (cJSON_IsBool(v))
		return gk_xstrdup(cJSON_IsTrue(v) ? "true" : "false");
	if (cJSON_IsRaw(v)) /* a value holding a NUL, as escaped JSON */
		return gk_xstrdup(v->valuestring);
	return gk_xstrdup("");
}

enum {
	C_NAME,
	C_TYPE,
	C_FORMAT,
	C_NULLS,
	C_DISTINCT,
	C_LEN,
	C_MIN,
	C_MAX,
	C_MEAN,
	C_TOP,
	C_COUNT
};

static const char *const col_titles[C_COUNT] = {
	"FIELD",  "TYPE", "FORMAT", "NULLS", "DISTINCT",
	"LENGTH", "MIN",  "MAX",    "MEAN",  "TOP",
};
static const bool col_right[C_COUNT] = {
	false, false, false, true, true, true, false, false, true, false,
};
static const size_t col_max[C_COUNT] = {
	TEXT_VALUE_WIDTH,
	9,
	18,
	10,
	10,
	9,
	TEXT_VALUE_WIDTH,
	TEXT_VALUE_WIDTH,
	12,
	TEXT_TOP_WIDTH,
};

static void
field_cells(const cJSON *f, char *cells[C_COUNT])
{
	const cJSON *top = cJSON_GetObjectItemCaseSensitive(f, "top"), *t;
	const cJSON *minl = cJSON_GetObjectItemCaseSensitive(f, "min_length");
	const cJSON *maxl = cJSON_GetObjectItemCaseSensitive(f, "max_length");
	struct gk_buf b;
	int k = 0;

	cells[C_NAME] =
		scalar_text(cJSON_GetObjectItemCaseSensitive(f, "name"));
	cells[C_TYPE] =
		scalar_text(cJSON_GetObjectItemCaseSensitive(f, "type"));
	cells[C_FORMAT] =
		scalar_text(cJSON_GetObjectItemCaseSensitive(f, "format"));
	cells[C_NULLS] =
		scalar_text(cJSON_GetObjectItemCaseSensitive(f, "nulls"));
	{
		char *d = scalar_text(
			cJSON_GetObjectItemCaseSensitive(f, "distinct"));

		if (cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(
			    f, "distinct_exact"))) {
			cells[C_DISTINCT] = gk_xasprintf("~%s", d);
			free(d);
		} else
			cells[C_DISTINCT] = d;
	}
	if (cJSON_IsNumber(minl) && cJSON_IsNumber(maxl))
		cells[C_LEN] =
			minl->valuedouble == maxl->valuedouble
				? gk_xasprintf("%.0f", minl->valuedouble)
				: gk_xasprintf("%.0f-%.0f", minl->valuedouble,
					       maxl->valuedouble);
	else
		cells[C_LEN] = gk_xstrdup("");
	cells[C_MIN] = scalar_text(cJSON_GetObjectItemCaseSensitive(f, "min"));
	cells[C_MAX] = scalar_text(cJSON_GetObjectItemCaseSensitive(f, "max"));
	cells[C_MEAN] =
		scalar_text(cJSON_GetObjectItemCaseSensitive(f, "mean"));
	buf_init(&b);
	cJSON_ArrayForEach(t, top) {
		char *v = scalar_text(
			cJSON_GetObjectItemCaseSensitive(t, "value"));
		char *c = scalar_text(
			cJSON_GetObjectItemCaseSensitive(t, "count"));

		if (k++ == TEXT_TOP_VALUES) {
			free(v);
			free(c);
			break;
		}
		buf_printf(&b, "%s%s (%s)", k > 1 ? ", " : "", v, c);
		free(v);
		free(c);
	}
	cells[C_TOP] = gk_xstrdup(b.len ? b.data : "");
	buf_release(&b);
}

static void
print_text(FILE *fp, struct profiled *pd)
{
	const cJSON *rec = profile_head(pd);
	const cJSON *delim = cJSON_GetObjectItemCaseSensitive(rec, "delimiter");
	cJSON *f;
	size_t nf = profile_nfields(pd), width[C_COUNT], r = 0;
	/* a field's cells one after another, each ended by its NUL: one
	 * block a field, not ten, for a file of a million fields */
	char **cells = gk_xcalloc(nf + 1, sizeof *cells);
	char *file = scalar_text(cJSON_GetObjectItemCaseSensitive(rec, "file"));
	char *rows = scalar_text(cJSON_GetObjectItemCaseSensitive(rec, "rows"));
	char *blank = scalar_text(
		cJSON_GetObjectItemCaseSensitive(rec, "blank_rows"));
	char *enc =
		scalar_text(cJSON_GetObjectItemCaseSensitive(rec, "encoding"));
	struct gk_buf b;

	buf_init(&b);
	buf_printf(&b, "%s: %s rows", file, rows);
	if (strcmp(blank, "0") != 0)
		buf_printf(&b, " (%s blank)", blank);
	buf_printf(&b, ", %zu fields, %s", nf, enc);
	if (cJSON_IsString(delim))
		buf_printf(&b, ", delimiter %s",
			   strcmp(delim->valuestring, "\t") == 0
				   ? "tab"
				   : delim->valuestring);
	buf_addc(&b, '\n');
	for (int c = 0; c < C_COUNT; c++)
		width[c] = strlen(col_titles[c]);
	while ((f = profile_field(pd)) != NULL) {
		char *fc[C_COUNT];
		size_t len[C_COUNT], all = 0;

		field_cells(f, fc);
		cJSON_Delete(f);
		for (int c = 0; c < C_COUNT; c++) {
			size_t w;

			len[c] = strlen(fc[c]);
			all += len[c] + 1;
			w = utf8_width(fc[c], len[c]);
			if (w > col_max[c])
				w = col_max[c];
			if (w > width[c])
				width[c] = w;
		}
		cells[r] = gk_xmalloc(all);
		all = 0;
		for (int c = 0; c < C_COUNT; c++) {
			memcpy(cells[r] + all, fc[c], len[c] + 1);
			all += len[c] + 1;
			free(fc[c]);
		}
		r++;
	}
	for (int c = 0; c < C_COUNT; c++) {
		buf_add_cell(&b, col_titles[c], strlen(col_titles[c]), width[c],
			     col_right[c]);
		if (c + 1 < C_COUNT)
			buf_adds(&b, "  ");
	}
	while (b.len && b.data[b.len - 1] == ' ')
		b.data[--b.len] = '\0';
	buf_addc(&b, '\n');
	fwrite(b.data, 1, b.len, fp);
	/* a line at a time */
	for (size_t i = 0; i < r; i++) {
		const char *cell = cells[i];

		buf_reset(&b);
		for (int c = 0; c < C_COUNT; c++) {
			size_t n = strlen(cell);

			buf_add_cell(&b, cell, n, width[c], col_right[c]);
			if (c + 1 < C_COUNT)
				buf_adds(&b, "  ");
			cell += n + 1;
		}
		/* no trailing blanks */
		while (b.len && b.data[b.len - 1] == ' ')
			b.data[--b.len] = '\0';
		buf_addc(&b, '\n');
		fwrite(b.data, 1, b.len, fp);
		free(cells[i]);
	}
	buf_release(&b);
	free(cells);
	free(file);
	free(rows);
	free(blank);
	free(enc);
}

/* ---------------------------------------------------------------- the run */

/* Where the fields go in a record printed without them: its "fields"
 * holds one raw item, a byte cJSON escapes in every string. */
#define FIELDS_MARK '\x01'

/* obj, its "fields" empty, printed (formatted or not) up to the place of
 * the fields; *after: the rest (both in what is returned, caller frees;
 * NULL when out of memory) */
static char *
print_around(cJSON *obj, bool formatted, const char **after)
{
	cJSON *fields = cJSON_GetObjectItemCaseSensitive(obj, "fields");
	char *s, *m;

	cJSON_AddItemToArray(fields, cJSON_CreateRaw((char[]){FIELDS_MARK, 0}));
	s = formatted ? cJSON_Print(obj) : cJSON_PrintUnformatted(obj);
	cJSON_DeleteItemFromArray(fields, 0);
	if (!s)
		return NULL;
	m = strchr(s, FIELDS_MARK);
	*m = '\0';
	*after = m + 1;
	return s;
}

/* One item of "fields", formatted at its depth there (two tabs more) or
 * not; -1 when out of memory. */
static int
print_item(FILE *fp, const cJSON *item, bool formatted)
{
	char *s = formatted ? cJSON_Print(item) : cJSON_PrintUnformatted(item);

	if (!s)
		return -1;
	if (!formatted)
		fputs(s, fp);
	else
		for (const char *c = s; *c; c++) {
			putc(*c, fp);
			if (*c == '\n')
				fputs("\t\t", fp);
		}
	free(s);
	return 0;
}

/* The profile record or its schema draft, a field at a time: a file of a
 * million columns is not held as one cJSON tree (2 GB). */
static int
emit(FILE *fp, struct profiled *pd, enum gk_format fmt, bool schema)
{
	bool formatted = schema && fmt != GK_FORMAT_NDJSON;
	long nonblank = profile_nonblank(profile_head(pd));
	cJSON *top, *f;
	char *text, *key = NULL;
	const char *after;
	size_t n = 0;
	int rc = 0;

	if (!schema && fmt != GK_FORMAT_NDJSON) {
		print_text(fp, pd);
		return ferror(fp) ? -1 : 0;
	}
	top = schema ? cJSON_CreateObject()
		     : cJSON_Duplicate(profile_head(pd), true);
	cJSON_AddArrayToObject(top, "fields");
	text = print_around(top, formatted, &after);
	if (!text) {
		cJSON_Delete(top);
		return -1;
	}
	fputs(text, fp);
	free(text);
	while (rc == 0 && !ferror(fp) && (f = profile_field(pd)) != NULL) {
		cJSON *item = f;

		if (schema) {
			bool k;

			item = profile_schema_field(f, nonblank, &k);
			if (k && !key)
				key = gk_xstrdup(
					cJSON_GetObjectItemCaseSensitive(f,
									 "name")
						->valuestring);
			cJSON_Delete(f);
			if (!item)
				continue;
		}
		if (n++)
			fputs(formatted ? ", " : ",", fp);
		rc = print_item(fp, item, formatted);
		cJSON_Delete(item);
	}
	if (schema)
		profile_schema_rest(top, key);
	free(key);
	text = rc == 0 ? print_around(top, formatted, &after) : NULL;
	if (text)
		fprintf(fp, "%s\n", after);
	free(text);
	cJSON_Delete(top);
	return !text || ferror(fp) ? -1 : 0;
}

static int
profile_run(struct profile_run *run, char **files, int nfiles)
{
	static char *stdin_only[] = {"-"};
	struct gk_out out = {0};
	struct gk_err e;
	enum gk_format fmt;
	int rc = GK_EXIT_OK;

	if (nfiles == 0) {
		files = stdin_only;
		nfiles = 1;
	}
	if (out_open(&out, run->output, &e) != 0) {
		gk_warn_err(&e);
		return GK_EXIT_FAIL;
	}
	fmt = gk_format_resolve(run->format, out.fp);
	for (int i = 0; i < nfiles; i++) {
		struct profiled *pd = profile_open(files[i], &run->po, &e);
		int wrc;

		if (!pd) {
			gk_warn_err(&e);
			rc = GK_EXIT_FAIL;
			continue;
		}
		if (table_encoding_unused(files[i], run->po.kind,
					  run->po.csv.encoding, &e))
			gk_warn_err(&e);
		/* rows with replaced bytes were named on stderr */
		if (cJSON_GetObjectItemCaseSensitive(profile_head(pd),
						     "encoding_error_rows") &&
		    rc == GK_EXIT_OK)
			rc = GK_EXIT_FOUND;
		if (fmt == GK_FORMAT_TEXT && i > 0 && !run->schema)
			fputc('\n', out.fp);
		wrc = emit(out.fp, pd, fmt, run->schema);
		profile_close(pd);
		if (wrc != 0 || gk_stdout_broken(out.fp))
			break;
	}
	if (run->output && rc == GK_EXIT_FAIL) {
		out_abort(&out);
		return rc;
	}
	if (out_commit(&out, &e) != 0) {
		gk_warn_err(&e);
		return GK_EXIT_FAIL;
	}
	return rc;
}

enum {
	OPT_SCHEMA = 256,
	OPT_TOP,
	OPT_EXACT,
	OPT_ENCODING,
	OPT_JSONL,
	OPT_SHEET,
	OPT_HEADER_ROW,
	OPT_NO_MASK,
	OPT_FORMAT,
	OPT_TODAY,
	OPT_VERSION
};

static const struct option longopts[] = {
	{"schema", no_argument, NULL, OPT_SCHEMA},
	{"top", required_argument, NULL, OPT_TOP},
	{"exact-limit", required_argument, NULL, OPT_EXACT},
	{"delimiter", required_argument, NULL, 'd'},
	{"encoding", required_argument, NULL, OPT_ENCODING},
	{"jsonl", no_argument, NULL, OPT_JSONL},
	{"sheet", required_argument, NULL, OPT_SHEET},
	{"header-row", required_argument, NULL, OPT_HEADER_ROW},
	{"no-mask", no_argument, NULL, OPT_NO_MASK},
	{"output", required_argument, NULL, 'o'},
	{"format", required_argument, NULL, OPT_FORMAT},
	{"today", required_argument, NULL, OPT_TODAY},
	{"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, OPT_VERSION},
	{NULL, 0, NULL, 0},
};

/* An option taking a number, a delimiter, a format or a date, its value
 * optarg, into run; -1 to go on, else the exit status to end with. */
static int
take_value_option(int c, struct profile_run *run)
{
	struct gk_err e;
	long v;

	switch (c) {
	case OPT_TOP:
		if (gk_parse_long("--top", optarg, 1, TOP_MAX, &v, &e) != 0)
			return gk_usage_error("%s", e.msg);
		run->po.top = (size_t)v;
		break;
	case OPT_EXACT:
		if (gk_parse_long("--exact-limit", optarg, 1, EXACT_LIMIT_MAX,
				  &v, &e) != 0)
			return gk_usage_error("%s", e.msg);
		run->po.exact_limit = (size_t)v;
		break;
	case 'd':
		if (gk_parse_delimiter(optarg, &run->po.csv.delimiter) != 0)
			return gk_usage_error("invalid delimiter '%s'", optarg);
		break;
	case OPT_HEADER_ROW:
		if (gk_parse_long("--header-row", optarg, 1,
				  TABLE_MAX_HEADER_ROW, &run->po.csv.header_row,
				  &e) != 0)
			return gk_usage_error("%s", e.msg);
		break;
	case OPT_FORMAT:
		if (gk_format_parse(optarg, &run->format) != 0)
			return gk_usage_error(
				"unknown format '%s' (expected ndjson or text)",
				optarg);
		break;
	case OPT_TODAY:
		if (date_parse_arg(optarg, &run->today, &e) != 0)
			return gk_usage_error("%s", e.msg);
		run->po.today = &run->today;
		break;
	}
	return -1;
}

/* Option c (getopt_long's) into run; -1 to go on, else the exit status
 * to end with. */
static int
take_option(int c, char **argv, struct profile_run *run)
{
	switch (c) {
	case OPT_SCHEMA: run->schema = true; break;
	case OPT_ENCODING: run->po.csv.encoding = optarg; break;
	case OPT_JSONL: run->po.kind = TABLE_JSONL; break;
	case OPT_SHEET: run->po.sheet = optarg; break;
	case OPT_NO_MASK: run->po.no_mask = true; break;
	case 'o': run->output = optarg; break;
	case OPT_TOP:
	case OPT_EXACT:
	case 'd':
	case OPT_HEADER_ROW:
	case OPT_FORMAT:
	case OPT_TODAY: return take_value_option(c, run);
	case 'h': usage(); return gk_stdout_close_status();
	case OPT_VERSION: gk_print_version(); return gk_stdout_close_status();
	default: return gk_option_error(c, argv[optind - 1]);
	}
	return -1;
}

/* The options into run; -1 to go on and profile, else the exit status
 * to end with. */
static int
parse_options(int argc, char **argv, struct profile_run *run)
{
	int c, rc;

	memset(run, 0, sizeof *run);
	run->format = GK_FORMAT_AUTO;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":d:o:h", longopts, NULL)) != -1) {
		rc = take_option(c, argv, run);
		if (rc >= 0)
			return rc;
	}
	return -1;
}

int
main(int argc, char **argv)
{
	struct profile_run run;
	int rc;

	gk_set_progname(argv[0]);
	gk_getopt_name(argc, argv);
	gk_stdout_init();
	rc = parse_options(argc, argv, &run);
	if (rc >= 0)
		return rc;
	rc = profile_run(&run, argv + optind, argc - optind);
	if (gk_stdout_close() != 0 && rc < 2)
		rc = GK_EXIT_FAIL;
	return rc;
}
