/*
 * Fuzz target: gov-report's progress records as `gov-report add` takes
 * them from a unit (progress.c): the JSON Lines reader, every check of a
 * record against the plan (task, unit by id, name or alias, role,
 * quarter, status and percent, date reported), duplicates and lower
 * progress against the stored reports and those before it in the input,
 * storing with replacement, the records of --submit, then the reports
 * read back and the history printed.
 *
 * The database is SQLite in memory with the migrations, the sample plan
 * (samples/plan/digital-tongliao-plan.json) and the first BASE_LINES of
 * its 2024Q3 reports loaded once in LLVMFuzzerInitialize (a few, so that
 * reading them back at each input stays quick); what an input adds is
 * deleted again after it, so that every input meets the same stored
 * reports.
 * The first byte picks the format of the findings (bit 0: text, else
 * NDJSON); records and findings go to /dev/null.
 */
#include "fuzz.h"
#include "report.h"

#include <fcntl.h>
#include <libgen.h>
#include <string.h>

#define TODAY "2025-10-15"
#define BASE_LINES 24

static sqlite3 *db;
static struct plan plan;
static sqlite3_int64 base_id; /* the last report stored at start */
static FILE *devnull;

int LLVMFuzzerInitialize(int *argc, char ***argv);

static void
die(const struct gk_err *e)
{
	fprintf(stderr, "fuzz_report_progress: %s\n", e->msg);
	abort();
}

/* Reports stored before the inputs: the first lines of a quarter of the
 * sample's. */
static void
load_base(const char *dir, const struct add_options *ao)
{
	char *path = gk_xasprintf("%s/progress/2024Q3.jsonl", dir);
	char mpath[64], *line = NULL, *text = NULL;
	size_t cap = 0, len = 0, n = 0;
	FILE *fp = fopen(path, "r"), *mem = open_memstream(&text, &len);
	char *files[] = {mpath};
	struct gk_err e;
	sqlite3_stmt *st;
	int fd;

	if (fp == NULL || mem == NULL)
		abort();
	for (int i = 0; i < BASE_LINES && getline(&line, &cap, fp) > 0; i++)
		fputs(line, mem);
	fclose(fp);
	fclose(mem);
	free(line);
	fd = fuzz_file((const uint8_t *)text, len, mpath);
	if (fd < 0 ||
	    progress_add(db, &plan, files, 1, ao, NULL, &n) != GK_EXIT_OK) {
		fprintf(stderr, "fuzz_report_progress: %s not added\n", path);
		abort();
	}
	close(fd);
	free(text);
	free(path);
	st = db_prepare(db, "SELECT max(id) FROM report_progress", &e);
	if (st == NULL || sqlite3_step(st) != SQLITE_ROW)
		die(&e);
	base_id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct gk_err e;
	char *self = gk_xstrdup((*argv)[0]);
	char *dir = gk_xasprintf("%s/../../samples/plan", dirname(self));
	char *path = gk_xasprintf("%s/digital-tongliao-plan.json", dir);
	struct gk_out out = {0};
	struct add_options ao = {0};
	cJSON *rec = NULL;

	(void)argc;
	gk_set_progname("gov-report");
	devnull = fdopen(open("/dev/null", O_RDWR), "w");
	if (devnull == NULL)
		abort();
	/* warnings ("N findings, nothing added") go nowhere; the sanitizers
	 * write to fd 2 directly */
	stderr = devnull;
	if (db_open(&db, ":memory:", &e) < 0 || db_begin(db, &e) < 0 ||
	    plan_load_file(db, path, TODAY, &rec, &e) < 0 ||
	    db_commit(db, &e) < 0 || plan_fetch(db, NULL, &plan, &e) < 0)
		die(&e);
	cJSON_Delete(rec);
	out.fp = devnull;
	ao.today = TODAY;
	ao.today_q = (struct gk_quarter){2025, 4};
	ao.format = GK_FORMAT_NDJSON;
	ao.out = devnull;
	ao.dest = &out;
	load_base(dir, &ao);
	free(path);
	free(dir);
	free(self);
	return 0;
}

/* The database as it was before the input. */
static void
reset(void)
{
	sqlite3_stmt *st;
	struct gk_err e;

	st = db_prepare(db, "DELETE FROM report_progress WHERE id > ?", &e);
	if (st == NULL)
		die(&e);
	sqlite3_bind_int64(st, 1, base_id);
	if (sqlite3_step(st) != SQLITE_DONE)
		abort();
	sqlite3_finalize(st);
	if (db_exec(db,
		    "UPDATE report_progress SET superseded_by = NULL"
		    " WHERE superseded_by IS NOT NULL",
		    &e) < 0)
		die(&e);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gk_out out = {0};
	struct add_options ao = {0};
	struct progress_set s;
	struct gk_err e;
	cJSON **acc = NULL;
	size_t nacc = 0;
	char path[64], *files[1];
	int fd, rc;

	if (size < 1)
		return 0;
	fd = fuzz_file(data + 1, size - 1, path);
	if (fd < 0)
		return 0;
	out.fp = devnull;
	ao.today = TODAY;
	ao.today_q = (struct gk_quarter){2025, 4};
	ao.format = (data[0] & 1) ? GK_FORMAT_TEXT : GK_FORMAT_NDJSON;
	ao.submit = true;
	ao.out = devnull;
	ao.dest = &out;
	files[0] = path;
	rc = progress_add(db, &plan, files, 1, &ao, &acc, &nacc);
	if (rc != GK_EXIT_OK && nacc != 0)
		abort(); /* a refused input hands nothing on to submit */
	for (size_t i = 0; i < nacc; i++) {
		char *text = cJSON_PrintUnformatted(acc[i]);

		free(text);
		cJSON_Delete(acc[i]);
	}
	free(acc);
	if (progress_fetch(db, &plan, &s, &e) < 0)
		die(&e);
	progress_set_release(&s);
	if (rc == GK_EXIT_OK &&
	    progress_history(db, &plan, NULL, -1, devnull, ao.format, &e) < 0)
		die(&e);
	reset();
	close(fd);
	return 0;
}
