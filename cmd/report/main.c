/*
 * gov-report: the quarterly progress report of an action plan.  Load the
 * plan, take the units' progress reports, chase the missing ones, compile
 * the quarter into records, Markdown or a workbook.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "report.h"

#include <openssl/evp.h>

/* Records per POST when submitting. */
#define SUBMIT_BATCH 100

enum {
	OPT_DB = 256,
	OPT_TODAY,
	OPT_FORMAT,
	OPT_LANG,
	OPT_UNIT,
	OPT_QUARTER,
	OPT_PLAN,
	OPT_STRICT,
	OPT_SUBMIT,
	OPT_NO_MASK,
	OPT_GRACE,
	OPT_VERSION,
};

struct opts {
	const char *db_path, *output, *unit, *quarter, *plan;
	char today[11];
	struct gk_date today_d;
	enum gk_format format;
	bool markdown, strict, submit, no_mask;
	enum lang lang;
	long grace_days;
};

static void
usage(void)
{
	fputs("Usage: gov-report [options] plan load FILE...\n"
	      "       gov-report [options] add [FILE...]\n"
	      "       gov-report [options] status\n"
	      "       gov-report [options] quarter Q\n"
	      "       gov-report [options] missing Q\n"
	      "       gov-report [options] template Q --unit UNIT -o FILE.xlsx\n"
	      "       gov-report [options] history [Q] [--unit UNIT]\n"
	      "Compile and chase the quarterly progress reports of an action plan.\n"
	      "Q is YYYYQn (also 2025q3, 2025-Q3, 2025年第三季度), 'current' or\n"
	      "'previous' (relative to --today).\n"
	      "\n"
	      "Options:\n"
	      "  -o, --output FILE     write to FILE (atomically); FILE.xlsx: the workbook\n"
	      "      --format FMT      ndjson, text or md (Markdown)\n"
	      "      --lang LANG       zh or en labels (default: zh when the locale is Chinese)\n"
	      "      --quarter Q       the quarter (status: default current)\n"
	      "      --unit UNIT       the unit of a template or history: id, name or alias\n"
	      "      --strict          missing: exit 1 when any report is missing, past\n"
	      "                        the deadline\n"
	      "      --submit          deliver the progress records to the central API\n"
	      "      --no-mask         show ID and phone numbers in units' text unmasked\n"
	      "      --grace-days N    a report is late N days after its quarter's end\n"
	      "                        (default 5)\n"
	      "      --plan ID         the plan (default: the last one loaded)\n"
	      "      --db FILE         the local database\n"
	      "      --today DATE      take DATE (YYYY-MM-DD) as today\n"
	      "  -h, --help            show this help and exit\n"
	      "      --version         show version and exit\n",
	      stdout);
}

static enum lang
lang_from_env(void)
{
	static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};

	for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		const char *v = getenv(vars[i]);

		if (v != NULL && *v != '\0')
			return strncmp(v, "zh", 2) == 0 ? LANG_ZH : LANG_EN;
	}
	return LANG_EN;
}

static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

/* The database; write: false for a command that only reads it. */
static int
open_db(const struct opts *o, sqlite3 **db, bool write)
{
	struct gk_err e;

	if ((write ? db_open : db_open_read)(db, o->db_path, &e) < 0) {
		gk_warn_err(&e);
		return -1;
	}
	return 0;
}

static int
open_plan(const struct opts *o, sqlite3 **db, struct plan *p, bool write)
{
	struct gk_err e;

	if (open_db(o, db, write) < 0)
		return -1;
	if (plan_fetch(*db, o->plan, p, &e) < 0) {
		gk_warn_err(&e);
		sqlite3_close_v2(*db);
		*db = NULL;
		return -1;
	}
	p->no_mask = o->no_mask;
	return 0;
}

/* SHA-256 of text, as 64 hex digits. */
static void
text_digest(const char *text, char hex[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;

	hex[0] = '\0';
	if (!EVP_Digest(text, strlen(text), md, &n, EVP_sha256(), NULL))
		return;
	gk_hex(md, n < 32 ? n : 32, hex);
}

/*
 * The records not queued before: a progress record whose exact text was
 * queued by an earlier --submit is left out, so compiling a quarter again
 * does not deliver it again.  texts[] is compacted; returns how many stay.
 */
static size_t
drop_submitted(sqlite3 *db, char **texts, size_t n, char (*digests)[65],
	       struct gk_err *e)
{
	sqlite3_stmt *st = db_prepare(
		db, "SELECT 1 FROM report_submitted WHERE digest = ?", e);
	size_t keep = 0;

	if (!st)
		return (size_t)-1;
	for (size_t i = 0; i < n; i++) {
		char hex[65];

		text_digest(texts[i], hex);
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, hex, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(st) == SQLITE_ROW) {
			cJSON_free(texts[i]);
			continue;
		}
		texts[keep] = texts[i];
		memcpy(digests[keep], hex, sizeof hex);
		keep++;
	}
	sqlite3_finalize(st);
	return keep;
}

/* Was this exact text queued by an earlier --submit?  st: the query of
 * drop_submitted. */
static bool
text_submitted(sqlite3_stmt *st, const char *text)
{
	char hex[65];

	text_digest(text, hex);
	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, hex, -1, SQLITE_TRANSIENT);
	return sqlite3_step(st) == SQLITE_ROW;
}

/* q's place among the plan's quarters, from its start; -1 outside. */
static long
quarter_index(const struct plan *p, const struct gk_quarter *q)
{
	long i = (long)q->year * 4 + q->q -
		 ((long)p->start.year * 4 + p->start.q);
	long n = (long)p->end.year * 4 + p->end.q -
		 ((long)p->start.year * 4 + p->start.q) + 1;

	return i >= 0 && i < n ? i : -1;
}

/*
 * The plan's quarters delivered already: those of which a report (a
 * replaced one too) was queued by an earlier --submit, as the digests of
 * report_submitted tell, so a database from before this knows them as
 * well.  Returns one flag per quarter of the plan from its start, or
 * NULL (said) when the database cannot tell.
 */
static bool *
delivered_quarters(sqlite3 *db, const struct plan *p, sqlite3_stmt **st)
{
	struct progress_set all = {0};
	struct gk_err e;
	bool *dq;

	*st = db_prepare(db, "SELECT 1 FROM report_submitted WHERE digest = ?",
			 &e);
	if (*st == NULL || progress_fetch_every_raw(db, p, &all, &e) < 0) {
		gk_warn_err(&e);
		sqlite3_finalize(*st);
		*st = NULL;
		return NULL;
	}
	dq = gk_xcalloc((size_t)quarter_index(p, &p->end) + 1, sizeof *dq);
	for (size_t i = 0; i < all.n; i++) {
		long k = quarter_index(p, &all.v[i].quarter);
		cJSON *rec;
		char *text;

		if (k < 0 || dq[k])
			continue;
		rec = progress_to_json(p, &all.v[i]);
		text = cJSON_PrintUnformatted(rec);
		dq[k] = text_submitted(*st, text);
		cJSON_free(text);
		cJSON_Delete(rec);
	}
	progress_set_release(&all);
	return dq;
}

/*
 * Queue the records not queued before, and remember them, in one
 * transaction: two runs at once (cron and a person) cannot both find a
 * record new and queue it twice, nor a run killed between the two leave
 * a queued record unremembered.  texts[] is compacted as by
 * drop_submitted; *fresh is how many it holds still (and, on success,
 * were queued).
 */
static int
queue_fresh(sqlite3 *db, char **texts, size_t n, size_t *fresh,
	    const char *today, struct gk_err *e)
{
	struct outbox_writer w;
	char(*digests)[65] = gk_xcalloc(n + 1, sizeof *digests);
	sqlite3_stmt *st = NULL;
	size_t keep;
	int rc = -1;

	*fresh = n;
	if (outbox_writer_begin(&w, db, e) != 0)
		goto out;
	keep = drop_submitted(db, texts, n, digests, e);
	if (keep == (size_t)-1)
		goto abort;
	*fresh = keep;
	st = db_prepare(db,
			"INSERT OR IGNORE INTO report_submitted"
			" (digest, queued_at) VALUES (?, ?)",
			e);
	if (!st)
		goto abort;
	for (size_t i = 0; i < keep; i++) {
		if (outbox_writer_add(&w, "progress", texts[i],
				      strlen(texts[i]), e) != 0)
			goto abort;
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, digests[i], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, today, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE) {
			gk_err_set(e, "database: %s", db_errmsg(db));
			goto abort;
		}
	}
	sqlite3_finalize(st);
	rc = outbox_writer_commit(&w, e);
	goto out;
abort:
	sqlite3_finalize(st);
	outbox_writer_abort(&w);
out:
	free(digests);
	return rc;
}

/* Records queued for the endpoint; -1 (said) when the outbox cannot tell. */
static long
count_queued(sqlite3 *db, const char *endpoint)
{
	struct outbox_status *st = NULL;
	struct gk_err e;
	size_t n = 0;
	long pending = 0;

	if (outbox_status_list(db, endpoint, &st, &n, &e) < 0) {
		gk_warn_err(&e);
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		pending += st[i].pending;
	outbox_status_free(st, n);
	return pending;
}

/* Where --submit delivers: the configuration and, with an API, its client. */
struct delivery {
	struct gk_config cfg;
	struct http_client
		*hc; /* NULL: no API configured, records kept queued */
	bool mask;   /* the server's words in messages (not --no-mask) */
	const char *db_path; /* --db: the outbox gov-submit --flush reads */
};

/* -1 (reported) when the delivery configuration cannot work (a token
 * file others may read, a plain http address). */
static int
delivery_open(struct delivery *d, bool mask, const char *db_path)
{
	struct gk_err e;

	memset(d, 0, sizeof *d);
	d->mask = mask;
	d->db_path = db_path;
	if (config_load(&d->cfg, &e) < 0 ||
	    (config_get(&d->cfg, "api") != NULL &&
	     (d->hc = http_client_from_config(&d->cfg, NULL, &e)) == NULL)) {
		gk_warn_err(&e);
		return -1;
	}
	return 0;
}

static void
delivery_close(struct delivery *d)
{
	http_client_free(d->hc);
	config_release(&d->cfg);
	memset(d, 0, sizeof *d);
}

/*
 * Put records in the outbox and try to deliver them through d, which the
 * caller opened before anything was queued (or, with add, stored), so a
 * run refused for a bad token file leaves nothing behind to go later.
 */
static int
submit_records(sqlite3 *db, const struct delivery *d, cJSON **recs, size_t n,
	       FILE *fp, enum gk_format fmt, const char *today)
{
	struct http_client *hc = d->hc;
	struct gk_err e;
	struct outbox_result res = {0};
	char **texts = gk_xcalloc(n + 1, sizeof *texts);
	size_t fresh = 0, owned = n; /* texts[0..owned) are ours to free */
	int rc = GK_EXIT_FAIL;

	for (size_t i = 0; i < n; i++)
		texts[i] = cJSON_PrintUnformatted(recs[i]);
	if (queue_fresh(db, texts, n, &fresh, today, &e) < 0) {
		owned = fresh;
		gk_warn_err(&e);
		goto out;
	}
	owned = fresh;
	if (hc == NULL) {
		/* What an earlier run queued waits too: count the whole queue,
		 * as gov-submit does, so a second run still exits 3. */
		res.pending = count_queued(db, "progress");
		if (res.pending < 0) {
			/* what waits is unknown: not 'nothing pending' */
			res.pending = 0;
			goto out;
		}
		if (res.pending > 0)
			gk_warn("no central API configured (GOVKIT_API); %ld record%s kept queued",
				res.pending, res.pending == 1 ? "" : "s");
		rc = res.pending > 0 ? GK_EXIT_QUEUED : GK_EXIT_OK;
		goto report;
	}
	rc = outbox_flush(db, hc, "progress", SUBMIT_BATCH, &res, &e);
	if (rc == GK_EXIT_FAIL || rc == GK_EXIT_QUEUED)
		gk_warn_err_masked(&e, d->mask);
	if (rc == GK_EXIT_FAIL) {
		/* outbox_flush stops without counting: say what still waits. */
		res.pending = count_queued(db, "progress");
		if (res.pending < 0)
			res.pending = 0;
		if (res.pending > 0)
			outbox_warn_queued(res.pending, false, d->db_path,
					   NULL);
	}
report:
	res.queued = (long)fresh;
	if (fmt == GK_FORMAT_TEXT) {
		fprintf(fp,
			"submit progress: %ld queued, %ld sent, %ld rejected, %ld pending\n",
			res.queued, res.sent, res.rejected, res.pending);
	} else {
		cJSON *s = cJSON_CreateObject();

		cJSON_AddStringToObject(s, "type", "submit");
		cJSON_AddStringToObject(s, "endpoint", "progress");
		cJSON_AddNumberToObject(s, "queued", (double)res.queued);
		cJSON_AddNumberToObject(s, "sent", (double)res.sent);
		cJSON_AddNumberToObject(s, "rejected", (double)res.rejected);
		cJSON_AddNumberToObject(s, "pending", (double)res.pending);
		jl_write(fp, s);
		cJSON_Delete(s);
	}
out:
	for (size_t i = 0; i < owned; i++)
		cJSON_free(texts[i]);
	free(texts);
	return rc;
}

/*
 * -o FILE for the subcommands that print records (plan load, add,
 * history): the records go to FILE, which appears atomically when the
 * run ends.  A workbook is not theirs to write.
 */
static int
records_open(const struct opts *o, struct gk_out *out)
{
	struct gk_err e;

	if (o->output && ends_with(o->output, ".xlsx"))
		return gk_usage_error(
			"a workbook (-o FILE.xlsx) is written by 'quarter' and 'template' only");
	if (o->markdown)
		return gk_usage_error(
			"--format md is for 'status', 'quarter' and 'missing'");
	if (out_open(out, o->output, &e) < 0) {
		gk_warn_err(&e);
		return GK_EXIT_FAIL;
	}
	return GK_EXIT_OK;
}

/* The run's exit status rc, after its file (records; for status,
 * quarter and missing, text or Markdown too) is put in place; a run that
 * could not run (2) leaves no file. */
static int
records_close(struct gk_out *out, int rc)
{
	struct gk_err e;

	if (rc == GK_EXIT_FAIL) {
		out_abort(out);
		return rc;
	}
	if (out_commit(out, &e) < 0) {
		gk_warn_err(&e);
		return GK_EXIT_FAIL;
	}
	return rc;
}

static void
print_plan(FILE *fp, enum gk_format fmt, const cJSON *rec)
{
	struct gk_buf t;

	if (fmt != GK_FORMAT_TEXT) {
		jl_write(fp, rec);
		return;
	}
	buf_init(&t);
	fprintf(fp,
		"%s: plan '%s' %s: %d tasks, %d safeguards, %d units, %d milestones; %d progress records kept\n",
		cJSON_GetObjectItem(rec, "file")->valuestring,
		text_printable(cJSON_GetObjectItem(rec, "plan")->valuestring,
			       &t),
		cJSON_GetObjectItem(rec, "state")->valuestring,
		cJSON_GetObjectItem(rec, "tasks")->valueint,
		cJSON_GetObjectItem(rec, "safeguards")->valueint,
		cJSON_GetObjectItem(rec, "units")->valueint,
		cJSON_GetObjectItem(rec, "milestones")->valueint,
		cJSON_GetObjectItem(rec, "progress_kept")->valueint);
	buf_release(&t);
}

/* What plan load changed: the plans before it and as it left them, and
 * the progress records then (a report added since builds on the plan). */
struct plan_run {
	struct db_rows before, after, progress;
};

#define PLAN_ROWS \
	"SELECT id, title, json, loaded_at, seq FROM report_plan ORDER BY id"
#define PLAN_PROGRESS "SELECT count(*), max(id) FROM report_progress"

/* The plans as they were before the run (db_keep_if_out's undo). */
static int
plan_unload(sqlite3 *db, void *arg, struct gk_err *e)
{
	struct plan_run *run = arg;

	if (db_rows_still(db, &run->after, PLAN_ROWS, NULL, e) < 0 ||
	    db_rows_still(db, &run->progress, PLAN_PROGRESS, NULL, e) < 0 ||
	    db_exec(db, "DELETE FROM report_plan", e) < 0)
		return -1;
	return db_rows_put(db, &run->before,
			   "INSERT INTO report_plan"
			   " (id, title, json, loaded_at, seq)"
			   " VALUES (?1, ?2, ?3, ?4, ?5)",
			   e);
}

/*
 * One transaction for the run: a run that fails (exit 2: a plan that
 * cannot be read or stored, a commit that fails) loads nothing, so that
 * running it again loads every plan once.  The plan records, which say
 * the plans are loaded, go out after the commit; when they cannot be
 * written (standard output closed or full, the -o file not put in place)
 * the plans are taken back as they were (exit 2).  A reader gone away
 * (| head) wants no more records, but every plan is still loaded.
 */
static int
cmd_plan(const struct opts *o, int argc, char **argv)
{
	sqlite3 *db = NULL;
	struct gk_out out;
	struct gk_err e, ue;
	struct plan_run run;
	cJSON *recs = NULL;
	enum gk_format fmt;
	int rc;

	if (argc < 2 || strcmp(argv[0], "load") != 0)
		return gk_usage_error("usage: gov-report plan load FILE");
	if ((rc = records_open(o, &out)) != GK_EXIT_OK)
		return rc;
	if (open_db(o, &db, true) < 0)
		return records_close(&out, GK_EXIT_FAIL);
	if (db_begin(db, &e) < 0) {
		gk_warn_err(&e);
		sqlite3_close_v2(db);
		return records_close(&out, GK_EXIT_FAIL);
	}
	db_rows_init(&run.before);
	db_rows_init(&run.after);
	db_rows_init(&run.progress);
	recs = cJSON_CreateArray();
	if (db_rows_save(db, &run.before, PLAN_ROWS, NULL, &e) < 0) {
		gk_warn_err(&e);
		rc = GK_EXIT_FAIL;
	}
	for (int i = 1; i < argc && rc != GK_EXIT_FAIL; i++) {
		cJSON *rec = NULL;

		if (plan_load_file(db, argv[i], o->today, &rec, &e) < 0) {
			gk_warn_err(&e);
			rc = GK_EXIT_FAIL;
			break;
		}
		cJSON_AddItemToArray(recs, rec);
	}
	if (rc != GK_EXIT_FAIL &&
	    (db_rows_save(db, &run.after, PLAN_ROWS, NULL, &e) < 0 ||
	     db_rows_save(db, &run.progress, PLAN_PROGRESS, NULL, &e) < 0)) {
		gk_warn_err(&e);
		rc = GK_EXIT_FAIL;
	}
	rc = report_tx_end(db, rc);
	if (rc != GK_EXIT_FAIL) {
		const cJSON *rec;
		int r;

		fmt = gk_format_resolve(o->format, out.fp);
		cJSON_ArrayForEach(rec, recs)
			print_plan(out.fp, fmt, rec);
		r = db_keep_if_out(db, &out, true, plan_unload, &run, &e, &ue);
		if (r < 0) {
			gk_warn_err(&e);
			rc = GK_EXIT_FAIL;
		}
		if (r < -1)
			gk_warn("unable to take back the plan%s loaded: %s",
				argc > 2 ? "s" : "", ue.msg);
	}
	cJSON_Delete(recs);
	db_rows_release(&run.before);
	db_rows_release(&run.after);
	db_rows_release(&run.progress);
	sqlite3_close_v2(db);
	return records_close(&out, rc);
}

/*
 * add without --submit: a report added to a quarter delivered already is
 * not delivered, and the crontab's run of that quarter does not come
 * again.  Said once per quarter, with the command that delivers it.
 */
static void
tell_undelivered(const struct opts *o, sqlite3 *db, const struct plan *p,
		 cJSON **recs, size_t n)
{
	sqlite3_stmt *st;
	bool *dq = delivered_quarters(db, p, &st);
	size_t *since;
	struct gk_buf cmd;
	long nq;

	if (dq == NULL)
		return;
	nq = quarter_index(p, &p->end) + 1;
	since = gk_xcalloc((size_t)nq, sizeof *since);
	buf_init(&cmd);
	for (size_t i = 0; i < n; i++) {
		const cJSON *qv =
			cJSON_GetObjectItemCaseSensitive(recs[i], "quarter");
		struct gk_quarter q;
		char *text;
		long k;

		if (!cJSON_IsString(qv) ||
		    quarter_parse(qv->valuestring, &q) < 0 ||
		    (k = quarter_index(p, &q)) < 0 || !dq[k])
			continue;
		text = cJSON_PrintUnformatted(recs[i]);
		if (!text_submitted(st, text))
			since[k]++;
		cJSON_free(text);
	}
	for (long k = 0; k < nq; k++) {
		struct gk_quarter q = p->start;
		char qs[8], *named;

		if (since[k] == 0)
			continue;
		quarter_add(&q, (int)k);
		quarter_format(&q, qs);
		/* the database and plan this run used: the command run
		 * as printed must reach the same records; each word as a
		 * shell reads it, the command last on the line to paste */
		buf_reset(&cmd);
		buf_adds(&cmd, "gov-report");
		if ((named = db_named_path(o->db_path))) {
			buf_adds(&cmd, " --db ");
			buf_add_shell_path(&cmd, named);
			free(named);
		}
		if (o->plan) {
			buf_adds(&cmd, " --plan ");
			buf_add_shell_word(&cmd, o->plan);
		}
		buf_printf(&cmd, " quarter %s --submit", qs);
		gk_warn("%s was delivered to the central platform, but not the %zu progress record%s just added to it; to deliver %s, run: %s",
			qs, since[k], since[k] == 1 ? "" : "s",
			since[k] == 1 ? "it" : "them", cmd.data);
	}
	buf_release(&cmd);
	free(since);
	free(dq);
	sqlite3_finalize(st);
}

static int
cmd_add(const struct opts *o, int argc, char **argv)
{
	sqlite3 *db = NULL;
	struct plan p;
	struct add_options ao;
	struct gk_out out;
	struct delivery d = {0};
	cJSON **acc = NULL;
	size_t nacc = 0;
	int rc;

	if ((rc = records_open(o, &out)) != GK_EXIT_OK)
		return rc;
	if (open_plan(o, &db, &p, true) < 0)
		return records_close(&out, GK_EXIT_FAIL);
	if (o->submit && delivery_open(&d, !o->no_mask, o->db_path) < 0) {
		delivery_close(&d);
		plan_release(&p);
		sqlite3_close_v2(db);
		return records_close(&out, GK_EXIT_FAIL);
	}
	ao.today = o->today;
	quarter_of_date(&o->today_d, &ao.today_q);
	ao.out = out.fp;
	ao.dest = &out;
	ao.format = gk_format_resolve(o->format, out.fp);
	ao.submit = o->submit;
	rc = progress_add(db, &p, argv, argc, &ao, &acc, &nacc);
	if (o->submit && nacc > 0) {
		int s = submit_records(db, &d, acc, nacc, out.fp, ao.format,
				       o->today);

		if (s > rc)
			rc = s;
	} else if (nacc > 0) {
		tell_undelivered(o, db, &p, acc, nacc);
	}
	delivery_close(&d);
	for (size_t i = 0; i < nacc; i++)
		cJSON_Delete(acc[i]);
	free(acc);
	plan_release(&p);
	sqlite3_close_v2(db);
	return records_close(&out, rc);
}

/* A message that quotes what was typed (a unit, a quarter), masked as
 * every output is unless --no-mask. */
static void
warn_masked(const struct opts *o, const char *msg)
{
	struct gk_buf b;

	if (o->no_mask || !mask_text_needed(msg, strlen(msg))) {
		gk_warn("%s", msg);
		return;
	}
	buf_init(&b);
	mask_text(msg, strlen(msg), &b);
	gk_warn("%s", b.data);
	buf_release(&b);
}

/* An unknown --unit, said so. */
static void
warn_unknown_unit(const struct opts *o, const struct plan *p)
{
	struct gk_buf b;

	buf_init(&b);
	buf_printf(&b,
		   "unknown unit '%s': not an id, name or alias in plan '%s'",
		   o->unit, p->id);
	warn_masked(o, b.data);
	buf_release(&b);
}

static int
quarter_arg(const struct opts *o, const char *arg, struct gk_quarter *q)
{
	struct gk_err e;

	if (arg == NULL)
		arg = o->quarter;
	if (arg == NULL)
		return gk_usage_error(
			"a quarter is needed (YYYYQn, 'current' or 'previous')");
	if (quarter_parse_arg(arg, &o->today_d, q, &e) < 0) {
		warn_masked(o, e.msg);
		return GK_EXIT_FAIL;
	}
	return 0;
}

/*
 * The output of a compiled quarter, written and not yet in place: it is
 * put there only when the whole run (delivery included) has succeeded,
 * so that a failed run leaves no file.
 */
struct pending_out {
	struct gk_out out; /* records, text or Markdown */
	char *xlsx_tmp;    /* the workbook's temporary name, or NULL */
	const char *path;
	int cut; /* texts the workbook cut to what a cell holds */
};

static int
write_output(const struct opts *o, const struct compiled *c,
	     const struct progress_set *s, enum render_what w,
	     struct pending_out *po)
{
	struct gk_err e;
	enum gk_format fmt;
	bool md = o->markdown;
	int r;

	memset(po, 0, sizeof *po);
	po->path = o->output;
	if (o->output && ends_with(o->output, ".xlsx")) {
		if (w != RENDER_QUARTER)
			return gk_usage_error(
				"a workbook (-o FILE.xlsx) is written by 'quarter' and 'template' only");
		if (out_tmp_reserve(o->output, &po->xlsx_tmp, &e) < 0 ||
		    (po->cut = workbook_quarter(c, s, po->xlsx_tmp, o->output,
						o->lang, &e)) < 0) {
			gk_warn_err(&e);
			return GK_EXIT_FAIL;
		}
		return GK_EXIT_OK;
	}
	if (out_open(&po->out, o->output, &e) < 0) {
		gk_warn_err(&e);
		return GK_EXIT_FAIL;
	}
	if (o->output && ends_with(o->output, ".md") &&
	    o->format == GK_FORMAT_AUTO)
		md = true;
	fmt = gk_format_resolve(o->format, po->out.fp);
	if (md)
		r = render_markdown(po->out.fp, c, w, o->lang);
	else if (fmt == GK_FORMAT_TEXT)
		r = render_text(po->out.fp, c, w, o->lang);
	else
		r = render_records(po->out.fp, c, w);
	if (r < 0 && po->out.path == NULL && gk_stdout_broken(po->out.fp))
		return GK_EXIT_OK;
	if (r < 0) {
		gk_warn("cannot write '%s':",
			o->output ? o->output : "(stdout)");
		return GK_EXIT_FAIL;
	}
	return GK_EXIT_OK;
}

/* Put the output in place unless the run failed (rc 2); returns rc, or
 * 2 when it cannot be put in place. */
static int
output_finish(struct pending_out *po, int rc)
{
	struct gk_err e;
	char *tmp = po->xlsx_tmp;

	if (tmp == NULL) /* records, text or Markdown */
		return records_close(&po->out, rc);
	po->xlsx_tmp = NULL;
	if (rc == GK_EXIT_FAIL) {
		out_tmp_abort(tmp);
		out_abort(&po->out);
		return rc;
	}
	if (out_tmp_commit(tmp, po->path, &e) < 0) {
		gk_warn_err(&e);
		return GK_EXIT_FAIL;
	}
	return rc;
}

/* Is q one of the plan's quarters?  Says so when not. */
static bool
quarter_in_plan(const struct plan *p, const struct gk_quarter *q)
{
	char qs[8], a[8], b[8];

	if (quarter_cmp(q, &p->start) >= 0 && quarter_cmp(q, &p->end) <= 0)
		return true;
	quarter_format(q, qs);
	quarter_format(&p->start, a);
	quarter_format(&p->end, b);
	gk_warn("quarter %s is outside plan '%s' (%s to %s)", qs, p->id, a, b);
	return false;
}

/*
 * Deliver the quarter's progress records, and those added since to an
 * earlier quarter delivered already (a late report, a correction), which
 * no other run of the crontab would deliver.  They are read again, unmasked:
 * the central platform gets the data as the units sent it, the very text
 * `add --submit` sends, so a record delivered by either is known to be.
 */
/* What submit_quarter delivers: the records and, per quarter of the
 * plan, how many of them came to it after it was delivered. */
struct quarter_delivery {
	const struct plan *p;
	struct progress_set raw; /* every current record, unmasked */
	bool *dq;                /* the quarters delivered already */
	sqlite3_stmt *st;        /* the query of text_submitted */
	long nq;                 /* the plan's quarters */
	size_t *since;           /* per quarter: records added since */
	cJSON **recs;            /* what goes */
	size_t n;
};

/* The records of quarter q, and those added since to an earlier quarter
 * delivered already (a late report, a correction), which would never go
 * otherwise. */
static void
collect_records(struct quarter_delivery *qd, const struct gk_quarter *q)
{
	const struct plan *p = qd->p;

	qd->since = gk_xcalloc((size_t)qd->nq, sizeof *qd->since);
	qd->recs = gk_xcalloc(qd->raw.n + 1, sizeof *qd->recs);
	for (size_t i = 0; i < qd->raw.n; i++) {
		const struct progress *r = &qd->raw.v[i];
		int c = quarter_cmp(&r->quarter, q);
		long k = quarter_index(p, &r->quarter);
		char *text;

		if (c == 0) {
			qd->recs[qd->n++] = progress_to_json(p, r);
			continue;
		}
		if (c > 0 || k < 0 || !qd->dq[k])
			continue;
		qd->recs[qd->n] = progress_to_json(p, r);
		text = cJSON_PrintUnformatted(qd->recs[qd->n]);
		if (text_submitted(qd->st, text)) {
			cJSON_Delete(qd->recs[qd->n]);
		} else {
			qd->since[k]++;
			qd->n++;
		}
		cJSON_free(text);
	}
}

/* The records collected, queued and sent through a delivery opened for
 * them; the exit status. */
static int
deliver_records(const struct opts *o, sqlite3 *db,
		const struct quarter_delivery *qd)
{
	struct delivery d;
	int rc;

	rc = delivery_open(&d, !o->no_mask, o->db_path) < 0
		     ? GK_EXIT_FAIL
		     : submit_records(db, &d, qd->recs, qd->n, stdout,
				      gk_format_resolve(o->format, stdout),
				      o->today);
	delivery_close(&d);
	return rc;
}

/* Said per earlier quarter: the records added since it was delivered,
 * which went too. */
static void
tell_added_since(const struct quarter_delivery *qd)
{
	for (long k = 0; k < qd->nq; k++) {
		struct gk_quarter lq = qd->p->start;
		char qs[8];

		if (qd->since[k] == 0)
			continue;
		quarter_add(&lq, (int)k);
		quarter_format(&lq, qs);
		gk_warn("%s: %zu progress record%s added since it was delivered, queued too",
			qs, qd->since[k], qd->since[k] == 1 ? "" : "s");
	}
}

static void
quarter_delivery_release(struct quarter_delivery *qd)
{
	for (size_t i = 0; i < qd->n; i++)
		cJSON_Delete(qd->recs[i]);
	free(qd->recs);
	free(qd->since);
	free(qd->dq);
	sqlite3_finalize(qd->st);
	progress_set_release(&qd->raw);
}

/*
 * Deliver the quarter's progress records, and those added since to an
 * earlier quarter delivered already (a late report, a correction), which
 * no other run of the crontab would deliver.  They are read again, unmasked:
 * the central platform gets the data as the units sent it, the very text
 * `add --submit` sends, so a record delivered by either is known to be.
 */
static int
submit_quarter(const struct opts *o, sqlite3 *db, const struct plan *p,
	       const struct gk_quarter *q)
{
	struct quarter_delivery qd = {.p = p};
	struct gk_err e;
	int rc = GK_EXIT_OK;

	qd.nq = quarter_index(p, &p->end) + 1;
	if ((qd.dq = delivered_quarters(db, p, &qd.st)) == NULL)
		return GK_EXIT_FAIL;
	if (progress_fetch_raw(db, p, &qd.raw, &e) < 0) {
		gk_warn_err(&e);
		quarter_delivery_release(&qd);
		return GK_EXIT_FAIL;
	}
	collect_records(&qd, q);
	if (qd.n)
		rc = deliver_records(o, db, &qd);
	if (rc != GK_EXIT_FAIL)
		tell_added_since(&qd);
	quarter_delivery_release(&qd);
	return rc;
}

static int
cmd_compile(const struct opts *o, enum render_what w, int argc, char **argv)
{
	sqlite3 *db = NULL;
	struct plan p;
	struct progress_set s = {0};
	struct compile_options co;
	struct compiled c;
	struct pending_out po;
	struct gk_err e;
	int rc;

	if (argc > 1)
		return gk_usage_error("one quarter expected, got '%s' too",
				      argv[1]);
	if (w == RENDER_STATUS && argc == 0 && o->quarter == NULL) {
		quarter_of_date(&o->today_d, &co.q);
	} else if ((rc = quarter_arg(o, argc ? argv[0] : NULL, &co.q)) != 0) {
		return rc;
	}
	if (open_plan(o, &db, &p, o->submit) < 0)
		return GK_EXIT_FAIL;
	rc = GK_EXIT_FAIL;
	/* After the plan has ended, its status is that of its last quarter. */
	if (w == RENDER_STATUS && argc == 0 && o->quarter == NULL &&
	    quarter_cmp(&co.q, &p.end) > 0)
		co.q = p.end;
	if (!quarter_in_plan(&p, &co.q))
		goto out;
	if (progress_fetch(db, &p, &s, &e) < 0) {
		gk_warn_err(&e);
		goto out;
	}
	co.today = o->today;
	co.grace_days = o->grace_days;
	co.latest = w == RENDER_STATUS;
	compile_quarter(&p, &s, &co, &c);
	rc = write_output(o, &c, &s, w, &po);
	if (rc == GK_EXIT_OK && w == RENDER_MISSING && o->strict &&
	    c.missing > 0 && compile_overdue(&c))
		rc = GK_EXIT_FOUND;
	/*
	 * Delivery before the output is put in place: a run that cannot
	 * deliver for a reason a person must fix (the API refuses the token,
	 * a bad token file: exit 2, as gov-submit) has failed and leaves no
	 * file.  Records kept queued (3) or rejected (1): the run did its
	 * work, the report is written.
	 */
	if (rc == GK_EXIT_OK && o->submit) {
		rc = submit_quarter(o, db, &p, &co.q);
		if (rc == GK_EXIT_FAIL && o->output &&
		    strcmp(o->output, "-") != 0)
			gk_warn("'%s' not written", o->output);
	}
	rc = output_finish(&po, rc);
	/* written, but a text cut short has lost its end: each was named */
	if (rc == GK_EXIT_OK && po.cut > 0)
		rc = GK_EXIT_FOUND;
	compiled_release(&c);
out:
	progress_set_release(&s);
	plan_release(&p);
	sqlite3_close_v2(db);
	return rc;
}

static int
cmd_template(const struct opts *o, int argc, char **argv)
{
	sqlite3 *db = NULL;
	struct plan p;
	struct progress_set s = {0};
	struct gk_quarter q;
	struct gk_err e;
	long unit;
	int rc, cut;

	if (argc > 1)
		return gk_usage_error("one quarter expected, got '%s' too",
				      argv[1]);
	if ((rc = quarter_arg(o, argc ? argv[0] : NULL, &q)) != 0)
		return rc;
	if (o->unit == NULL)
		return gk_usage_error("template needs --unit UNIT");
	if (o->output == NULL || !ends_with(o->output, ".xlsx"))
		return gk_usage_error("template needs -o FILE.xlsx");
	if (open_plan(o, &db, &p, false) < 0)
		return GK_EXIT_FAIL;
	rc = GK_EXIT_FAIL;
	if (!quarter_in_plan(&p, &q))
		goto out;
	unit = plan_unit_find(&p, o->unit);
	if (unit < 0) {
		warn_unknown_unit(o, &p);
		goto out;
	}
	if (progress_fetch(db, &p, &s, &e) < 0) {
		gk_warn_err(&e);
		goto out;
	}
	cut = workbook_template(&p, &s, &q, (size_t)unit, o->today,
				o->grace_days, o->output, o->lang, &e);
	if (cut < 0) {
		gk_warn_err(&e);
		goto out;
	}
	rc = cut > 0 ? GK_EXIT_FOUND : GK_EXIT_OK;
out:
	progress_set_release(&s);
	plan_release(&p);
	sqlite3_close_v2(db);
	return rc;
}

static int
cmd_history(const struct opts *o, int argc, char **argv)
{
	sqlite3 *db = NULL;
	struct plan p;
	struct gk_quarter q;
	struct gk_out out;
	struct gk_err e;
	char qs[8];
	long unit = -1;
	int rc;

	if (argc > 1)
		return gk_usage_error("one quarter expected, got '%s' too",
				      argv[1]);
	if ((argc || o->quarter) &&
	    (rc = quarter_arg(o, argc ? argv[0] : NULL, &q)) != 0)
		return rc;
	if (argc || o->quarter)
		quarter_format(&q, qs);
	if ((rc = records_open(o, &out)) != GK_EXIT_OK)
		return rc;
	if (open_plan(o, &db, &p, false) < 0)
		return records_close(&out, GK_EXIT_FAIL);
	rc = GK_EXIT_FAIL;
	if (o->unit && (unit = plan_unit_find(&p, o->unit)) < 0) {
		warn_unknown_unit(o, &p);
		goto out;
	}
	if (progress_history(db, &p, argc || o->quarter ? qs : NULL, unit,
			     out.fp, gk_format_resolve(o->format, out.fp),
			     &e) < 0) {
		gk_warn_err(&e);
		goto out;
	}
	rc = GK_EXIT_OK;
out:
	plan_release(&p);
	sqlite3_close_v2(db);
	return records_close(&out, rc);
}

static int
run(struct opts *o, int argc, char **argv)
{
	const char *cmd;

	if (argc == 0)
		return gk_usage_error(
			"a subcommand is needed: plan, add, status, quarter, missing, template or history");
	cmd = argv[0];
	argc--;
	argv++;
	if (o->markdown && o->output && ends_with(o->output, ".xlsx"))
		return gk_usage_error(
			"--format md and -o FILE.xlsx do not go together");
	if (strcmp(cmd, "plan") == 0)
		return cmd_plan(o, argc, argv);
	if (strcmp(cmd, "add") == 0)
		return cmd_add(o, argc, argv);
	if (strcmp(cmd, "status") == 0)
		return cmd_compile(o, RENDER_STATUS, argc, argv);
	if (strcmp(cmd, "quarter") == 0)
		return cmd_compile(o, RENDER_QUARTER, argc, argv);
	if (strcmp(cmd, "missing") == 0)
		return cmd_compile(o, RENDER_MISSING, argc, argv);
	if (strcmp(cmd, "template") == 0)
		return cmd_template(o, argc, argv);
	if (strcmp(cmd, "history") == 0)
		return cmd_history(o, argc, argv);
	return gk_usage_error("unknown subcommand '%s'", cmd);
}

static const struct option longopts[] = {
	{"output", required_argument, NULL, 'o'},
	{"db", required_argument, NULL, OPT_DB},
	{"today", required_argument, NULL, OPT_TODAY},
	{"format", required_argument, NULL, OPT_FORMAT},
	{"lang", required_argument, NULL, OPT_LANG},
	{"unit", required_argument, NULL, OPT_UNIT},
	{"quarter", required_argument, NULL, OPT_QUARTER},
	{"plan", required_argument, NULL, OPT_PLAN},
	{"strict", no_argument, NULL, OPT_STRICT},
	{"submit", no_argument, NULL, OPT_SUBMIT},
	{"no-mask", no_argument, NULL, OPT_NO_MASK},
	{"grace-days", required_argument, NULL, OPT_GRACE},
	{"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, OPT_VERSION},
	{NULL, 0, NULL, 0},
};

/* --format: ndjson, text, or md (also 'markdown'); -1 to go on, else the
 * exit status. */
static int
take_format(struct opts *o, const char *arg)
{
	if (strcmp(arg, "md") == 0 || strcmp(arg, "markdown") == 0)
		o->markdown = true;
	else if (gk_format_parse(arg, &o->format) < 0)
		return gk_usage_error(
			"unknown format '%s' (ndjson, text or md)", arg);
	return -1;
}

/* --lang: zh or en; -1 to go on, else the exit status. */
static int
take_lang(struct opts *o, const char *arg)
{
	if (strcmp(arg, "zh") == 0)
		o->lang = LANG_ZH;
	else if (strcmp(arg, "en") == 0)
		o->lang = LANG_EN;
	else
		return gk_usage_error("unknown language '%s' (zh or en)", arg);
	return -1;
}

/* One option into o (*today_set: --today given); -1 to go on, else the
 * exit status (a usage error, or --help and --version done). */
static int
take_option(int c, const char *arg, struct opts *o, bool *today_set)
{
	struct gk_err e;

	switch (c) {
	case 'o': o->output = arg; break;
	case OPT_DB: o->db_path = arg; break;
	case OPT_TODAY:
		if (date_parse_arg(arg, &o->today_d, &e) < 0)
			return gk_usage_error("%s", e.msg);
		*today_set = true;
		break;
	case OPT_FORMAT: return take_format(o, arg);
	case OPT_LANG: return take_lang(o, arg);
	case OPT_UNIT: o->unit = arg; break;
	case OPT_QUARTER: o->quarter = arg; break;
	case OPT_PLAN: o->plan = arg; break;
	case OPT_STRICT: o->strict = true; break;
	case OPT_SUBMIT: o->submit = true; break;
	case OPT_NO_MASK: o->no_mask = true; break;
	case OPT_GRACE:
		if (gk_parse_long("--grace-days", arg, 0, REPORT_GRACE_DAYS_MAX,
				  &o->grace_days, &e) < 0)
			return gk_usage_error("%s", e.msg);
		break;
	case 'h': usage(); return gk_stdout_close_status();
	case OPT_VERSION: gk_print_version(); return gk_stdout_close_status();
	default: return gk_try_help();
	}
	return -1;
}

/* The options into o, the defaults first and today when --today is not
 * given; -1 to go on, else the exit status. */
static int
parse_options(int argc, char **argv, struct opts *o)
{
	bool today_set = false;
	int c, rc;

	memset(o, 0, sizeof *o);
	o->format = GK_FORMAT_AUTO;
	o->lang = lang_from_env();
	o->grace_days = REPORT_GRACE_DAYS_DEFAULT;
	while ((c = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
		rc = take_option(c, optarg, o, &today_set);
		if (rc >= 0)
			return rc;
	}
	if (!today_set)
		date_today(&o->today_d);
	date_format(&o->today_d, o->today);
	return -1;
}

int
main(int argc, char **argv)
{
	struct opts o;
	int rc;

	gk_set_progname(argv[0]);
	gk_getopt_name(argc, argv);
	gk_stdout_init();
	if ((rc = parse_options(argc, argv, &o)) >= 0)
		return rc;
	rc = run(&o, argc - optind, argv + optind);
	if (gk_stdout_close() != 0 && rc < 2)
		rc = GK_EXIT_FAIL;
	return rc;
}
