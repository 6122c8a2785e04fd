/*
 * Fuzz target: gov-submit's reading of the central API's answers to
 * POST /v1/ENDPOINT: the status, Retry-After and the body of each answer
 * (http.c: retries, the description of an error), what the outbox makes
 * of it (outbox.c: the batch settled or given back, GK_EXIT_FAIL for a
 * configuration error, the "accepted" count and the "rejected" list
 * with each record's index and error), and what gov-submit then prints:
 * the rejections told on stderr, the result, and --status with every
 * rejected record (masked), as JSON Lines and as text.
 *
 * The input's first line is "RECORDS BATCH" (1-16 records, BATCH per
 * batch; "3 2" when it is not two numbers), the rest the answers one
 * after the other (fuzz_http.h).  Then every record must be accounted
 * for once: delivered, rejected or still queued, in the result and in
 * the database alike; and what gov-submit prints as JSON Lines (the
 * result, --status) must be JSON Lines jl_next reads, with nothing in
 * it masking would still mask (the records hold resident IDs).
 *
 * gov-submit is one file with its main: it is included here, main
 * renamed.  The database is SQLite in memory with the migrations,
 * emptied after each input; the client has 2 retries.
 */
#include "fuzz.h"
#include "fuzz_http.h"

#define main submit_main
#include "../../cmd/gov-submit.c"
#undef main

#include <fcntl.h>

#define FUZZ_MAX_RECORDS 16

int LLVMFuzzerInitialize(int *argc, char ***argv);

static sqlite3 *db;
static struct http_client *client;
static FILE *devnull;

static void
die(const char *what, const struct gk_err *e)
{
	fprintf(stderr, "fuzz_submit_answer: %s: %s\n", what, e ? e->msg : "");
	abort();
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct http_options ho = {
		.base_url = "https://central.example/api",
		.token = "fuzz-token",
		.max_retries = 2,
	};
	struct gk_err e;

	(void)argc;
	(void)argv;
	gk_set_progname("gov-submit");
	devnull = fdopen(open("/dev/null", O_RDWR), "w");
	if (devnull == NULL)
		die("/dev/null", NULL);
	/* rejections and warnings go nowhere (sanitizer reports go to the
	 * descriptor, not through this FILE) */
	stderr = devnull;
	out_fp = devnull;
	if (db_open(&db, ":memory:", &e) < 0)
		die("db_open", &e);
	client = http_client_new(&ho, &e);
	if (client == NULL)
		die("http_client_new", &e);
	return 0;
}

static long
count(const char *sql)
{
	sqlite3_stmt *st;
	struct gk_err e;
	long n;

	st = db_prepare(db, sql, &e);
	if (st == NULL)
		die(sql, &e);
	if (sqlite3_step(st) != SQLITE_ROW)
		die(sql, NULL);
	n = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* Each record once: delivered, rejected or queued. */
static void
check_accounts(long n, const struct outbox_result *res)
{
	long queued = count("SELECT count(*) FROM outbox_record");
	long rejected = count("SELECT count(*) FROM outbox_rejected");
	long delivered =
		count("SELECT coalesce(sum(accepted), 0) FROM outbox_log");

	if (res->sent < 0 || res->rejected < 0 || res->pending < 0 ||
	    res->sent + res->rejected + res->pending != n ||
	    queued != res->pending || rejected != res->rejected ||
	    delivered != res->sent) {
		fprintf(stderr,
			"%ld records: result %ld sent, %ld rejected, "
			"%ld pending; database %ld delivered, %ld rejected, "
			"%ld queued\n",
			n, res->sent, res->rejected, res->pending, delivered,
			rejected, queued);
		abort();
	}
}

/* Nothing in a record printed that masking would still mask. */
static void
check_masked(const cJSON *node)
{
	for (const cJSON *c = node->child; c; c = c->next) {
		if (cJSON_IsString(c) &&
		    mask_text_needed(c->valuestring, strlen(c->valuestring))) {
			dprintf(2, "fuzz_submit_answer: unmasked: %s\n",
				c->valuestring);
			abort();
		}
		if (cJSON_IsObject(c) || cJSON_IsArray(c))
			check_masked(c);
	}
}

/* "RECORDS BATCH" of the first line, within bounds. */
static void
parse_counts(const uint8_t *line, size_t len, long *n, long *batch)
{
	char tmp[32];
	long a, b;

	*n = 3;
	*batch = 2;
	if (len >= sizeof tmp)
		return;
	memcpy(tmp, line, len);
	tmp[len] = '\0';
	if (sscanf(tmp, "%ld %ld", &a, &b) != 2 || a < 1 ||
	    a > FUZZ_MAX_RECORDS || b < 1)
		return;
	*n = a;
	*batch = b;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size);
	struct submit s = {0};
	struct outbox_result res = {0};
	char *recs[FUZZ_MAX_RECORDS];
	struct gk_err e;
	long n, batch;
	char *out = NULL;
	size_t out_len = 0;

	if (nl == NULL)
		return 0;
	parse_counts(data, (size_t)(nl - data), &n, &batch);
	for (long i = 0; i < n; i++)
		recs[i] = gk_xasprintf("{\"type\":\"finding\",\"row\":%ld,"
				       "\"value\":\"15050219900101123%ld\"}",
				       i + 1, i % 10);
	if (outbox_enqueue(db, "findings", (const char *const *)recs, (size_t)n,
			   &e) != 0)
		die("outbox_enqueue", &e);
	for (long i = 0; i < n; i++)
		free(recs[i]);
	fuzz_http_begin(nl + 1, size - (size_t)(nl + 1 - data));
	s.db = db;
	s.batch = batch;
	out_fp = open_memstream(&out, &out_len);
	if (out_fp == NULL)
		die("open_memstream", NULL);
	deliver(&s, client, GK_FORMAT_NDJSON, &res);
	check_accounts(n, &res);
	show_status(&s, GK_FORMAT_NDJSON);
	fclose(out_fp);
	out_fp = devnull;
	fuzz_jsonl_output("fuzz_submit_answer", out, out_len, check_masked);
	free(out);
	show_status(&s, GK_FORMAT_TEXT);
	if (db_exec(db,
		    "DELETE FROM outbox_record; DELETE FROM outbox_batch;"
		    " DELETE FROM outbox_cursor; DELETE FROM outbox_rejected;"
		    " DELETE FROM outbox_log;"
		    " DELETE FROM sqlite_sequence WHERE name = 'outbox_record'",
		    &e) < 0)
		die("reset", &e);
	return 0;
}
