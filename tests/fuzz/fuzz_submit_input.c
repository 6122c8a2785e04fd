/*
 * Fuzz target: gov-submit's reading of the records it is given (the
 * input, JSON Lines): read_input checks each line and spools it with its
 * endpoint, queue_spool puts the spool into the outbox, outbox_plan cuts
 * what is queued into batches.  The input is read twice: with
 * --endpoint findings, and with each record's endpoint taken from its
 * "type".
 *
 * Properties, when the input is taken:
 * - every record queued is exactly one JSON object, as the body of a
 *   batch puts it between commas: its first byte '{', its last '}',
 *   valid UTF-8, nothing before or after it, no control character, no
 *   \u0000 that cJSON would cut a string at;
 * - with --endpoint, gov-submit takes the input exactly when the suite's
 *   own JSON Lines reader (jl_next) reads every line of it, and queues
 *   the records jl_next reads, in order, equal;
 * - every record has a valid endpoint, the one given or its type's, and
 *   the planned batches hold every record once.
 * When it is refused, the message says why and nothing is queued.
 *
 * gov-submit is one file with its main: it is included here, main
 * renamed.  The database is SQLite in memory with the migrations,
 * emptied after each input; the spool is one temporary file, emptied.
 */
#include "fuzz.h"

#define main submit_main
#include "../../cmd/gov-submit.c"
#undef main

#include <fcntl.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);

static sqlite3 *db;
static FILE *spool_fp;

static void
die(const char *what, const char *msg)
{
	fprintf(stderr, "fuzz_submit_input: %s: %s\n", what, msg ? msg : "");
	abort();
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct gk_err e;

	(void)argc;
	(void)argv;
	gk_set_progname("gov-submit");
	if (db_open(&db, ":memory:", &e) < 0)
		die("db_open", e.msg);
	spool_fp = tmpfile();
	if (spool_fp == NULL)
		die("tmpfile", NULL);
	return 0;
}

/* Exactly one JSON object, as jl_next would read it, and nothing else. */
static void
check_record(const char *text, size_t len)
{
	const char *end = NULL;
	cJSON *rec;

	if (len < 2 || text[0] != '{' || text[len - 1] != '}')
		die("a record is not exactly an object", text);
	if (!utf8_valid(text, len) || json_control_at(text, len) != len ||
	    json_nul_escape_at(text, len) != len)
		die("a record jl_next refuses", text);
	rec = cJSON_ParseWithLengthOpts(text, len, &end, false);
	if (!cJSON_IsObject(rec) || end != text + len)
		die("a record is not one JSON object", text);
	cJSON_Delete(rec);
}

struct plan_count {
	long records;
};

static void
count_batch(void *arg, const struct outbox_plan_batch *b)
{
	struct plan_count *c = arg;

	if (b->records < 1 || !outbox_endpoint_valid(b->endpoint))
		die("a planned batch", b->endpoint);
	c->records += b->records;
}

/* The records jl_next reads from path, or -1 when it refuses a line or
 * jl_open the whole file (one in UTF-16 or UTF-32). */
static long
jl_records(const char *path, cJSON ***out)
{
	struct jl_reader r;
	struct gk_err e;
	cJSON *rec;
	long n = 0;
	int rc;

	*out = NULL;
	if (jl_open(&r, path, &e) != 0)
		return -1;
	while ((rc = jl_next(&r, &rec, &e)) == 1) {
		*out = gk_xrealloc(*out, (size_t)(n + 1) * sizeof **out);
		(*out)[n++] = rec;
	}
	jl_close(&r);
	if (rc == 0)
		return n;
	for (long i = 0; i < n; i++)
		cJSON_Delete((*out)[i]);
	free(*out);
	*out = NULL;
	return -1;
}

/* The queued records against jl_next's, in order. */
static void
check_same(cJSON **want, long n)
{
	sqlite3_stmt *st;
	struct gk_err e;
	long i = 0;

	st = db_prepare(db, "SELECT body FROM outbox_record ORDER BY id", &e);
	if (st == NULL)
		die("select", e.msg);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *body = (const char *)sqlite3_column_text(st, 0);
		cJSON *got = cJSON_Parse(body);
		/* a whole number of more than 15 digits: jl_next keeps its
		 * text (7a43d69), as the body does */
		if (got)
			jl_keep_long_numbers(body, strlen(body), got);
		/* printed, not cJSON_Compare: that finds {"a":1,"a":2}
		 * unequal to itself */
		char *a = got ? cJSON_PrintUnformatted(got) : NULL;
		char *b = i < n ? cJSON_PrintUnformatted(want[i]) : NULL;

		if (a == NULL || b == NULL || strcmp(a, b) != 0)
			die("queued other than jl_next reads", body);
		cJSON_free(a);
		cJSON_free(b);
		cJSON_Delete(got);
		i++;
	}
	sqlite3_finalize(st);
	if (i != n)
		die("queued fewer records than jl_next reads", NULL);
}

static void
check_queued(const struct submit *s, long n)
{
	sqlite3_stmt *st;
	struct gk_err e;
	struct plan_count c = {0};
	long i = 0;

	st = db_prepare(db, "SELECT endpoint, body FROM outbox_record", &e);
	if (st == NULL)
		die("select", e.msg);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *ep = (const char *)sqlite3_column_text(st, 0);

		if (!outbox_endpoint_valid(ep) ||
		    (s->endpoint && strcmp(ep, s->endpoint) != 0))
			die("endpoint", ep);
		check_record((const char *)sqlite3_column_text(st, 1),
			     (size_t)sqlite3_column_bytes(st, 1));
		i++;
	}
	sqlite3_finalize(st);
	if (i != n)
		die("not every record spooled was queued", NULL);
	if (outbox_plan(db, NULL, 2, count_batch, &c, &e) != 0)
		die("outbox_plan", e.msg);
	if (c.records != n)
		die("the batches do not hold every record once", NULL);
}

static void
reset(void)
{
	struct gk_err e;

	if (db_exec(db,
		    "DELETE FROM outbox_record; DELETE FROM outbox_batch;"
		    " DELETE FROM outbox_cursor;"
		    " DELETE FROM sqlite_sequence WHERE name = 'outbox_record'",
		    &e) < 0)
		die("reset", e.msg);
	rewind(spool_fp);
	if (ftruncate(fileno(spool_fp), 0) != 0)
		die("ftruncate", NULL);
}

/* Read path as gov-submit does, with endpoint (NULL: by type). */
static void
one_run(const char *path, const char *endpoint, size_t size)
{
	struct submit s = {0};
	struct spool sp = {spool_fp, "/tmp", 0};
	struct outbox_writer w;
	struct gk_err e = {0};
	cJSON **want = NULL;
	long nwant = -1;
	int rc;

	s.endpoint = endpoint;
	s.batch = 2;
	s.db = db;
	rc = read_input(&s, path, &sp, &e);
	if (endpoint != NULL)
		nwant = jl_records(path, &want);
	if (rc != 0) {
		if (e.msg[0] == '\0')
			die("refused without a word", NULL);
		/* jl_next reads it all: only a record too large for a batch
		 * may still be refused */
		if (nwant >= 0 && size < OUTBOX_MAX_BATCH_BYTES)
			die("refused what jl_next reads", e.msg);
		goto out;
	}
	if (endpoint != NULL && nwant < 0)
		die("took what jl_next refuses", NULL);
	if (outbox_writer_begin(&w, db, &e) != 0)
		die("outbox_writer_begin", e.msg);
	if (queue_spool(&sp, &w, &e) != 0)
		die("queue_spool", e.msg);
	if (outbox_writer_commit(&w, &e) != 0)
		die("outbox_writer_commit", e.msg);
	if (w.count != sp.n)
		die("queued other than spooled", NULL);
	check_queued(&s, sp.n);
	if (endpoint != NULL)
		check_same(want, nwant);
out:
	for (long i = 0; i < nwant; i++)
		cJSON_Delete(want[i]);
	free(want);
	reset();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64];
	int fd = fuzz_file(data, size, path);

	if (fd < 0)
		return 0;
	one_run(path, "findings", size);
	one_run(path, NULL, size);
	close(fd);
	return 0;
}
