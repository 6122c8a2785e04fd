/*
 * gov-xlsx: turn any record stream into an Excel workbook.
 *
 * The work is common/xlsxw.c's; this file reads JSON Lines, feeds each
 * line's text to the engine's fast path, and reports errors with their
 * place.  Nothing is written unless every record was good.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "govkit.h"

/* A test knob: rows per sheet (header included), to test continuation
 * sheets without writing a million rows. */
#define ENV_MAX_ROWS "GOVKIT_XLSX_MAX_ROWS"
#define LABELS_MAX_BYTES ((size_t)16 << 20)
#define EXCEL_MAX_ROWS 1048576L

static void
usage(void)
{
	printf("Usage: gov-xlsx -o OUT.xlsx [options] [FILE...]\n"
	       "Turn a stream of records (JSON Lines) into an Excel workbook.\n"
	       "\n"
	       "Options:\n"
	       "  -o, --output FILE     the workbook to write (required)\n"
	       "  -t, --type TYPE       only records whose \"type\" is TYPE\n"
	       "      --sheet-by FIELD  one sheet per value of FIELD\n"
	       "  -c, --columns LIST    these columns, in this order (a,b,c.d)\n"
	       "  -l, --labels FILE     header labels: a JSON object column -> label\n"
	       "      --sheet NAME      name of the sheet (default \"records\")\n"
	       "      --no-mask         show resident ID and phone numbers unmasked\n"
	       "  -h, --help            show this help and exit\n"
	       "      --version         show version and exit\n");
}

/* The --labels file: a JSON object whose values are strings. */
static cJSON *
load_labels(const char *path, struct gk_err *e)
{
	FILE *fp = fopen(path, "rb");
	struct gk_buf b;
	cJSON *labels = NULL;
	char chunk[65536];
	size_t n;

	if (fp == NULL) {
		gk_err_set(e, "unable to open '%s':", path);
		return NULL;
	}
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) {
		buf_add(&b, chunk, n);
		if (b.len > LABELS_MAX_BYTES) {
			gk_err_set(e, "%s: larger than %zu MiB", path,
				   LABELS_MAX_BYTES >> 20);
			goto out;
		}
	}
	if (ferror(fp)) {
		gk_err_set(e, "%s: read error:", path);
		goto out;
	}
	if (!utf8_valid(b.data ? b.data : "", b.len)) {
		gk_err_set(e, "%s: invalid UTF-8", path);
		goto out;
	}
	labels = json_parse_document(b.data ? b.data : "", b.len, path,
				     "the labels", e);
	if (labels == NULL)
		goto out;
	if (!cJSON_IsObject(labels)) {
		gk_err_set(e, "%s: not a JSON object of column labels", path);
		cJSON_Delete(labels);
		labels = NULL;
		goto out;
	}
	const cJSON *it;
	cJSON_ArrayForEach(it, labels) {
		if (!cJSON_IsString(it)) {
			gk_err_set(e, "%s: label of '%s' is not a string", path,
				   it->string);
			cJSON_Delete(labels);
			labels = NULL;
			goto out;
		}
	}
out:
	buf_release(&b);
	fclose(fp);
	return labels;
}

static int
add_file(struct xlsxw *w, const char *path)
{
	struct jl_reader r;
	struct gk_err e;
	const char *line;
	size_t len;
	int rc;

	if (jl_open(&r, path, &e) != 0) {
		gk_warn_err(&e);
		return -1;
	}
	while ((rc = jl_next_line(&r, &line, &len, &e)) == 1) {
		xlsxw_set_source(w, r.name, r.line);
		if (xlsxw_add_json(w, line, len, &e) != 0) {
			gk_warn("%s:%ld: %s", r.name, r.line, e.msg);
			rc = -2;
			break;
		}
	}
	if (rc == -1) /* the reader's message names the place */
		gk_warn_err(&e);
	jl_close(&r);
	return rc < 0 ? -1 : 0;
}

static int
run(const char *out, const struct xlsxw_options *o, char **files, int nfiles)
{
	struct gk_err e;
	struct xlsxw *w = xlsxw_new(o, &e);
	int rc = GK_EXIT_FAIL;

	if (w == NULL) {
		gk_warn_err(&e);
		return GK_EXIT_FAIL;
	}
	if (nfiles == 0) {
		if (add_file(w, NULL) != 0)
			goto out;
	}
	for (int i = 0; i < nfiles; i++)
		if (add_file(w, files[i]) != 0)
			goto out;
	if (xlsxw_finish(w, out, &e) != 0) {
		gk_warn_err(&e);
		goto out;
	}
	/* written, but a text cut short has lost its end: each was named */
	rc = xlsxw_cut_cells(w) > 0 ? GK_EXIT_FOUND : GK_EXIT_OK;
out:
	xlsxw_free(w);
	return rc;
}

/* Does path end in the extension of another format (out.csv)?  Excel
 * and LibreOffice go by the extension, and would read the workbook as
 * text.  A name without one, or an unusual one, is the user's choice. */
static bool
named_for_another_format(const char *path)
{
	static const char *const others[] = {".csv",  ".tsv",   ".txt",
					     ".json", ".jsonl", ".ndjson",
					     ".xls",  ".ods"};
	size_t n = strlen(path);

	for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
		size_t k = strlen(others[i]);

		if (n > k && strcasecmp(path + n - k, others[i]) == 0)
			return true;
	}
	return false;
}

/* What the command line asks for. */
struct xlsx_args {
	struct xlsxw_options o;
	const char *out, *labels_path;
	cJSON *labels; /* the --labels file, once loaded (o.labels) */
};

enum { OPT_SHEET_BY = 256, OPT_SHEET, OPT_NO_MASK, OPT_VERSION };
static const struct option longopts[] = {
	{"output", required_argument, NULL, 'o'},
	{"type", required_argument, NULL, 't'},
	{"sheet-by", required_argument, NULL, OPT_SHEET_BY},
	{"columns", required_argument, NULL, 'c'},
	{"labels", required_argument, NULL, 'l'},
	{"sheet", required_argument, NULL, OPT_SHEET},
	{"no-mask", no_argument, NULL, OPT_NO_MASK},
	{"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, OPT_VERSION},
	{NULL, 0, NULL, 0},
};

/* One option into a: -1 to go on, else the exit status (--help,
 * --version, an unknown option). */
static int
take_option(int c, char **argv, struct xlsx_args *a)
{
	switch (c) {
	case 'o': a->out = optarg; break;
	case 't': a->o.type_filter = optarg; break;
	case OPT_SHEET_BY: a->o.sheet_by = optarg; break;
	case 'c': a->o.columns = optarg; break;
	case 'l': a->labels_path = optarg; break;
	case OPT_SHEET: a->o.sheet_name = optarg; break;
	case OPT_NO_MASK: a->o.no_mask = true; break;
	case 'h': usage(); return gk_stdout_close_status();
	case OPT_VERSION: gk_print_version(); return gk_stdout_close_status();
	default: return gk_usage_error("unknown option '%s'", argv[optind - 1]);
	}
	return -1;
}

/* -o names a file, and not one of another format: -1, else the exit
 * status of the usage error. */
static int
check_output(const char *out)
{
	if (out == NULL)
		return gk_usage_error("missing -o OUT.xlsx");
	if (strcmp(out, "-") == 0 || *out == '\0')
		return gk_usage_error("-o needs a file name");
	if (named_for_another_format(out))
		return gk_usage_error(
			"-o %s: gov-xlsx writes an XLSX workbook: name it .xlsx",
			out);
	return -1;
}

/* The options into a: -1 to go on, else the exit status. */
static int
parse_options(int argc, char **argv, struct xlsx_args *a)
{
	int c, rc;

	memset(a, 0, sizeof *a);
	a->o.element_sheets = true;
	a->o.column_objects = true;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "o:t:c:l:h", longopts, NULL)) !=
	       -1) {
		rc = take_option(c, argv, a);
		if (rc >= 0)
			return rc;
	}
	return check_output(a->out);
}

/* The row limit of the test knob and the --labels file into a->o: -1, or
 * GK_EXIT_FAIL when either is bad (told). */
static int
load_settings(struct xlsx_args *a)
{
	struct gk_err e;
	const char *knob = getenv(ENV_MAX_ROWS);

	if (knob != NULL && *knob != '\0' &&
	    gk_parse_long(ENV_MAX_ROWS, knob, 2, EXCEL_MAX_ROWS, &a->o.max_rows,
			  &e) != 0) {
		gk_warn_err(&e);
		return GK_EXIT_FAIL;
	}
	if (a->labels_path != NULL) {
		a->labels = load_labels(a->labels_path, &e);
		if (a->labels == NULL) {
			gk_warn_err(&e);
			return GK_EXIT_FAIL;
		}
		a->o.labels = a->labels;
	}
	return -1;
}

int
main(int argc, char **argv)
{
	struct xlsx_args a;
	int rc;

	gk_set_progname(argv[0]);
	gk_getopt_name(argc, argv);
	gk_stdout_init();
	if ((rc = parse_options(argc, argv, &a)) >= 0)
		return rc;
	if ((rc = load_settings(&a)) >= 0)
		return rc;
	rc = run(a.out, &a.o, argv + optind, argc - optind);
	cJSON_Delete(a.labels);
	if (gk_stdout_close() != 0 && rc < 2)
		rc = GK_EXIT_FAIL;
	return rc;
}
