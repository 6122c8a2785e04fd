/*
 * gov-check: check tabular data against a Table Schema and rules; one
 * finding per problem at its spreadsheet row and column, a summary with
 * the GB/T 36344 dimensions per file.
 */
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

static void
usage(void)
{
	printf("Usage: gov-check [-s SCHEMA] [options] [FILE...]\n"
	       "Check CSV, TSV, JSON Lines or XLSX data against a schema;\n"
	       "one finding per problem.\n"
	       "\n"
	       "Options:\n"
	       "  -s, --schema FILE     Table Schema (JSON) to check against\n"
	       "      --ref NAME=FILE   the table a foreign key's resource NAME refers to\n"
	       "  -d, --delimiter C     CSV delimiter (default: detected; 'tab' for TSV)\n"
	       "      --encoding ENC    input encoding (default: UTF-8, else GB18030)\n"
	       "      --jsonl           input is JSON Lines (for standard input)\n"
	       "      --sheet NAME      the sheet of an .xlsx workbook (default: the first)\n"
	       "      --header-row N    the header is on row N, rows above it are skipped\n"
	       "                        (default: 1; findings keep the file's row numbers;\n"
	       "                        JSON Lines and --ref tables: ignored)\n"
	       "      --max-findings N  print at most N findings per check (all counted)\n"
	       "      --skip LIST       do not run these checks (comma-separated codes)\n"
	       "      --track           remember findings; mark them new or persisting\n"
	       "      --db FILE         database for --track (default: $GOVKIT_DB)\n"
	       "      --today DATE      the date freshness and birth dates are judged by\n"
	       "      --format FMT      ndjson or text (default: text on a terminal)\n"
	       "  -o, --output FILE     write to FILE atomically instead of stdout\n"
	       "      --no-mask         show resident ID and phone numbers unmasked\n"
	       "  -h, --help            show this help and exit\n"
	       "      --version         show version and exit\n");
}

static int
parse_skip(const char *arg, struct chk_options *o)
{
	const char *p = arg;
	while (*p) {
		size_t n = strcspn(p, ",");
		int c = chk_code_parse(p, n);
		if (c < 0)
			return gk_usage_error("--skip: unknown check '%.*s'",
					      (int)n, p);
		o->skip[c] = true;
		p += n;
		if (*p == ',')
			p++;
	}
	return 0;
}

static int
add_ref(const char *arg, struct chk_options *o)
{
	const char *eq = strchr(arg, '=');
	if (!eq || eq == arg || !eq[1])
		return gk_usage_error("--ref wants NAME=FILE, not '%s'", arg);
	for (size_t i = 0; i < o->nrefs; i++)
		if (strlen(o->refs[i].name) == (size_t)(eq - arg) &&
		    strncmp(o->refs[i].name, arg, (size_t)(eq - arg)) == 0)
			return gk_usage_error(
				"--ref '%s' given twice: one table per name",
				o->refs[i].name);
	o->refs = gk_xrealloc(o->refs, (o->nrefs + 1) * sizeof *o->refs);
	o->refs[o->nrefs].name = gk_xstrndup(arg, (size_t)(eq - arg));
	o->refs[o->nrefs].path = gk_xstrdup(eq + 1);
	o->nrefs++;
	return 0;
}

/* Whether a foreign key of the schema (may be NULL) refers to name. */
static bool
ref_used(const struct schema *schema, const char *name)
{
	size_t n = schema ? schema_foreign_key_count(schema) : 0;

	for (size_t k = 0; k < n; k++) {
		const struct schema_fkey *fk = schema_foreign_key(schema, k);
		if (fk->resource && strcmp(fk->resource, name) == 0)
			return true;
	}
	return false;
}

/*
 * A --ref that no foreign key refers to is a typo, most likely (of the
 * name, or of the schema): its table would be silently ignored, and a
 * key meant to use it fail for want of a table or not be checked at all.
 * A usage error naming the tables the schema does refer to.
 */
static int
check_refs_used(const struct chk_options *o)
{
	struct gk_buf names;
	size_t n;
	int rc;

	for (size_t i = 0; i < o->nrefs; i++) {
		if (ref_used(o->schema, o->refs[i].name))
			continue;
		if (!o->schema)
			return gk_usage_error(
				"unused --ref '%s': without a schema (-s) no "
				"foreign key refers to it",
				o->refs[i].name);
		buf_init(&names);
		n = schema_foreign_key_count(o->schema);
		for (size_t k = 0; k < n; k++) {
			const char *r =
				schema_foreign_key(o->schema, k)->resource;
			bool seen = false;
			if (!r)
				continue;
			for (size_t j = 0; j < k && !seen; j++) {
				const char *q = schema_foreign_key(o->schema, j)
							->resource;
				seen = q && strcmp(q, r) == 0;
			}
			if (!seen)
				buf_printf(&names, "%s'%s'",
					   names.len ? ", " : "", r);
		}
		if (names.len)
			rc = gk_usage_error(
				"unused --ref '%s': no foreign key of '%s' "
				"refers to it (its foreign keys refer to %s)",
				o->refs[i].name, o->schema_path, names.data);
		else
			rc = gk_usage_error(
				"unused --ref '%s': no foreign key of '%s' "
				"refers to it (it refers to no other table)",
				o->refs[i].name, o->schema_path);
		buf_release(&names);
		return rc;
	}
	return GK_EXIT_OK;
}

/* One run over the files: where the findings go, what --track stores. */
struct check_run {
	struct gk_out out;
	struct report *r;
	sqlite3 *db;
	struct track *done; /* --track: runs stored with the output */
};

/* The schema of -s (if given), judged by --today; told when it cannot
 * be loaded. */
static int
load_schema(struct chk_options *o)
{
	struct gk_err e;

	if (!o->schema_path)
		return GK_EXIT_OK;
	o->schema = schema_load(o->schema_path, &e);
	if (!o->schema) {
		gk_warn_err(&e);
		return GK_EXIT_FAIL;
	}
	schema_set_today(o->schema, &o->today);
	return GK_EXIT_OK;
}

/* The database of --track, the output and the report on it. */
static int
open_run(struct check_run *cr, const struct chk_options *o)
{
	struct gk_err e;

	if (o->track && db_open(&cr->db, o->db_path, &e) < 0) {
		gk_warn_err(&e);
		return GK_EXIT_FAIL;
	}
	if (out_open(&cr->out, o->output, &e) < 0) {
		gk_warn_err(&e);
		return GK_EXIT_FAIL;
	}
	cr->r = report_new(cr->out.fp, o);
	return GK_EXIT_OK;
}

/* Each file checked (standard input when none is named); the worst
 * file's exit status. */
static int
check_files(struct check_run *cr, struct chk_options *o, char **files,
	    int nfiles)
{
	char *stdin_only[] = {(char *)"-"};
	int rc = GK_EXIT_OK;

	if (nfiles == 0) {
		files = stdin_only;
		nfiles = 1;
	}
	for (int i = 0; i < nfiles; i++) {
		int frc = check_file(files[i], o, cr->r, cr->db, &cr->done);
		if (frc > rc)
			rc = frc;
		/* Without --track a gone reader ends the work; with it, the
		 * files left are still checked, to be stored like the rest */
		if (!o->track && gk_stdout_broken(cr->out.fp))
			break;
	}
	return rc;
}

/*
 * --track stores the runs only once their findings got out: a run whose
 * output is lost (closed, full) stores nothing and exits 2, so that the
 * next run shows its findings as new again.  The -o file is put in place
 * only once the runs are stored: a commit that fails leaves none, and a
 * file that cannot be put in place has the runs taken back.  rc: the
 * checks' exit status; returned, or 2 when the output is lost.
 */
static int
finish_output(struct check_run *cr, const struct chk_options *o, int rc)
{
	struct gk_err e, ue;

	if (o->output && rc == GK_EXIT_FAIL) {
		out_abort(&cr->out);
	} else if (out_flush(&cr->out, &e) < 0) {
		gk_warn_err(&e);
		out_abort(&cr->out);
		rc = GK_EXIT_FAIL;
	} else if (track_store_all(cr->done, &e) < 0) {
		gk_warn_err(&e);
		out_abort(&cr->out);
		rc = GK_EXIT_FAIL;
	} else if (cr->done == NULL) {
		if (out_commit(&cr->out, &e) < 0) {
			gk_warn_err(&e);
			rc = GK_EXIT_FAIL;
		}
	} else {
		int kept = db_keep_if_out(cr->db, &cr->out, true,
					  track_unstore_all, cr->done, &e, &ue);
		if (kept < 0) {
			gk_warn_err(&e);
			rc = GK_EXIT_FAIL;
		}
		if (kept < -1)
			gk_warn("unable to take back the tracked findings: %s",
				ue.msg);
	}
	return rc;
}

static void
run_release(struct check_run *cr, struct chk_options *o)
{
	track_free_all(cr->done);
	report_free(cr->r);
	check_refs_free();
	schema_free(o->schema);
	if (cr->db)
		sqlite3_close_v2(cr->db);
}

static int
run(struct chk_options *o, char **files, int nfiles)
{
	struct check_run cr = {0};
	int rc;

	if (load_schema(o) != GK_EXIT_OK)
		return GK_EXIT_FAIL;
	if (check_refs_used(o) != GK_EXIT_OK)
		rc = GK_EXIT_FAIL;
	else
		rc = open_run(&cr, o);
	if (rc == GK_EXIT_OK)
		rc = finish_output(&cr, o, check_files(&cr, o, files, nfiles));
	run_release(&cr, o);
	return rc;
}

enum {
	OPT_REF = 256,
	OPT_ENCODING,
	OPT_JSONL,
	OPT_SHEET,
	OPT_HEADER_ROW,
	OPT_MAX_FINDINGS,
	OPT_SKIP,
	OPT_TRACK,
	OPT_DB,
	OPT_TODAY,
	OPT_FORMAT,
	OPT_NO_MASK,
	OPT_VERSION,
};

static const struct option longopts[] = {
	{"schema", required_argument, NULL, 's'},
	{"ref", required_argument, NULL, OPT_REF},
	{"delimiter", required_argument, NULL, 'd'},
	{"encoding", required_argument, NULL, OPT_ENCODING},
	{"jsonl", no_argument, NULL, OPT_JSONL},
	{"sheet", required_argument, NULL, OPT_SHEET},
	{"header-row", required_argument, NULL, OPT_HEADER_ROW},
	{"max-findings", required_argument, NULL, OPT_MAX_FINDINGS},
	{"skip", required_argument, NULL, OPT_SKIP},
	{"track", no_argument, NULL, OPT_TRACK},
	{"db", required_argument, NULL, OPT_DB},
	{"today", required_argument, NULL, OPT_TODAY},
	{"format", required_argument, NULL, OPT_FORMAT},
	{"output", required_argument, NULL, 'o'},
	{"no-mask", no_argument, NULL, OPT_NO_MASK},
	{"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, OPT_VERSION},
	{NULL, 0, NULL, 0},
};

/* One option into o; -1 to go on, else the exit status to end with. */
static int
take_option(int c, char *arg, struct chk_options *o, bool *have_today)
{
	struct gk_err e;

	switch (c) {
	case 's': o->schema_path = arg; break;
	case OPT_REF:
		if (add_ref(arg, o) != 0)
			return GK_EXIT_FAIL;
		break;
	case 'd':
		if (gk_parse_delimiter(arg, &o->csv.delimiter) != 0)
			return gk_usage_error("invalid delimiter '%s'", arg);
		break;
	case OPT_JSONL: o->kind = TABLE_JSONL; break;
	case OPT_SHEET: o->sheet = arg; break;
	case OPT_HEADER_ROW:
		if (gk_parse_long("--header-row", arg, 1, TABLE_MAX_HEADER_ROW,
				  &o->csv.header_row, &e) != 0)
			return gk_usage_error("%s", e.msg);
		break;
	case OPT_ENCODING: o->csv.encoding = arg; break;
	case OPT_MAX_FINDINGS:
		if (gk_parse_long("--max-findings", arg, 0, LONG_MAX,
				  &o->max_findings, &e) != 0)
			return gk_usage_error("%s", e.msg);
		break;
	case OPT_SKIP:
		if (parse_skip(arg, o) != 0)
			return GK_EXIT_FAIL;
		break;
	case OPT_TRACK: o->track = true; break;
	case OPT_DB: o->db_path = arg; break;
	case OPT_TODAY:
		if (date_parse_arg(arg, &o->today, &e) != 0)
			return gk_usage_error("%s", e.msg);
		*have_today = true;
		break;
	case OPT_FORMAT:
		if (gk_format_parse(arg, &o->format) != 0)
			return gk_usage_error(
				"unknown format '%s' (ndjson or text)", arg);
		break;
	case 'o': o->output = arg; break;
	case OPT_NO_MASK: o->no_mask = true; break;
	case 'h': usage(); return GK_EXIT_OK;
	case OPT_VERSION: gk_print_version(); return GK_EXIT_OK;
	default: return gk_try_help();
	}
	return -1;
}

/* The options into o (refs to be freed by refs_free); -1 to go on and
 * check, else the exit status to end with. */
static int
parse_options(int argc, char **argv, struct chk_options *o)
{
	bool have_today = false;
	int c, rc;

	memset(o, 0, sizeof *o);
	o->max_findings = -1;
	o->format = GK_FORMAT_AUTO;
	while ((c = getopt_long(argc, argv, "s:d:o:h", longopts, NULL)) != -1) {
		rc = take_option(c, optarg, o, &have_today);
		if (rc >= 0)
			return rc;
	}
	if (!have_today)
		date_today(&o->today);
	return -1;
}

static void
refs_free(struct chk_options *o)
{
	for (size_t i = 0; i < o->nrefs; i++) {
		free(o->refs[i].name);
		free(o->refs[i].path);
	}
	free(o->refs);
}

int
main(int argc, char **argv)
{
	struct chk_options o;
	int rc;

	gk_set_progname(argv[0]);
	gk_getopt_name(argc, argv);
	gk_stdout_init();
	rc = parse_options(argc, argv, &o);
	if (rc < 0 &&
	    schema_stdin_clash(o.schema_path, argv + optind, argc - optind))
		rc = gk_usage_error(SCHEMA_STDIN_CLASH_MSG);
	if (rc < 0)
		rc = run(&o, argv + optind, argc - optind);
	refs_free(&o);
	if (gk_stdout_close() != 0 && rc < 2)
		rc = GK_EXIT_FAIL;
	return rc;
}
