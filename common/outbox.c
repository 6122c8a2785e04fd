/*
 * outbox.c: durable delivery of records to the central API.
 *
 * The life of a record (tables of migration 4):
 *   enqueue: a row in outbox_record, committed with all the others of the
 *     call in one transaction, before anything is sent;
 *   batching: inside BEGIN IMMEDIATE the oldest unbatched records of one
 *     endpoint (numbers after its outbox_cursor) become an outbox_batch,
 *     the range first_id..last_id of that endpoint, whose
 *     Idempotency-Key is the SHA-256
 *     of the batch (the outbox's instance id, the endpoint, the first
 *     record's number and the exact body).  A batch never changes after,
 *     so every retry, by this process or another after a crash, sends the
 *     same bytes with the same key and the server can deduplicate;
 *   claim: the batch gets a lease (host, pid, until) in the same kind of
 *     transaction, so two processes never send one batch at once;
 *   answer: 2xx (or another 4xx) deletes the batch and its records in one
 *     transaction, moving any record the server rejected to
 *     outbox_rejected with its message.  No answer, 408, 429 or 5xx after
 *     the retries: the lease is released and the records stay queued.
 *   split: 413 (Payload Too Large) says nothing about the records, only
 *     that the body was too big.  A batch of more than one record is then
 *     replaced, in one transaction, by two new batches, its first n/2
 *     records and the rest, each with its range and a key made as any
 *     batch's; the old one is deleted, not changed.  The process that
 *     split it sends the halves next, first half first, so one process
 *     still delivers in order.  One record alone that gets 413 is rejected
 *     as by another 4xx.  The cut does not depend on anything but the
 *     batch, so if that transaction is lost (a power cut under
 *     synchronous = NORMAL) the batch comes back, gets 413 again and is
 *     cut into the same halves with the same keys.  A proxy's or a
 *     firewall's refusal (a 4xx that is not the API's answer) of the same
 *     batch twice in a row splits it the same way (the halves carry its
 *     status, so a half refused again is split at once): a record refused
 *     alone stays queued and is passed over for the rest of the flush,
 *     which ends with exit 2 naming it.
 * A SIGKILL at any point therefore loses nothing and duplicates nothing:
 * before the commit of an answer (or of a split) the batch is still there,
 * with its key; after it, the halves are batches like any other.
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "govkit.h"

#define OUTBOX_MAX_ENDPOINT 64
/* Added to the longest time a request may take, for the lease. */
#define OUTBOX_LEASE_MARGIN_MS 60000L
/* How often to look again while another process holds a batch, and for
 * how long at most before leaving those batches to it (exit 3). */
#define OUTBOX_WAIT_MS 100L
#define OUTBOX_MAX_WAIT_MS 120000L
#define OUTBOX_HOST_MAX 256

/* Who holds a batch's lease. */
struct owner {
	char host[OUTBOX_HOST_MAX];
	long pid;
};

static void
now_iso(char out[32])
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

static void
owner_self(struct owner *o)
{
	if (gethostname(o->host, sizeof o->host) != 0)
		strcpy(o->host, "localhost");
	o->host[sizeof o->host - 1] = '\0';
	o->pid = (long)getpid();
}

const char *
outbox_command(struct gk_buf *b, const char *db, const char *cacert,
	       const char *action)
{
	char *named = db_named_path(db);

	buf_reset(b);
	buf_adds(b, "gov-submit");
	if (named) {
		buf_adds(b, " --db ");
		buf_add_shell_path(b, named);
	}
	if (cacert) {
		char *abs = gk_xabspath(cacert);

		buf_adds(b, " --cacert ");
		buf_add_shell_path(b, abs);
		free(abs);
	}
	buf_printf(b, " %s", action);
	free(named);
	return b->data;
}

void
outbox_warn_queued(long pending, bool put_right, const char *db,
		   const char *cacert)
{
	struct gk_buf cmd;

	buf_init(&cmd);
	gk_warn("%ld record%s kept queued; %sto send %s, run: %s", pending,
		pending == 1 ? "" : "s",
		put_right ? "once that is put right, " : "",
		pending == 1 ? "it" : "them",
		outbox_command(&cmd, db, cacert, "--flush"));
	buf_release(&cmd);
}

bool
outbox_endpoint_valid(const char *name)
{
	size_t n = strlen(name);

	if (n == 0 || n > OUTBOX_MAX_ENDPOINT)
		return false;
	for (size_t i = 0; i < n; i++) {
		char ch = name[i];
		bool ok = (ch >= 'a' && ch <= 'z') ||
			  (ch >= '0' && ch <= '9') ||
			  (i > 0 && (ch == '-' || ch == '_'));

		if (!ok)
			return false;
	}
	return true;
}

static int
step_done(sqlite3 *db, sqlite3_stmt *st, struct gk_err *e)
{
	int rc = sqlite3_step(st);

	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		gk_err_set(e, "outbox: %s", db_errmsg(db));
		return -1;
	}
	return 0;
}

static const char *
col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t ? (const char *)t : "";
}

/* ------------------------------------------------------------ schema */

/*
 * Databases made by the first builds of migration 4 (before it was
 * released in its final form) mark batched records with a batch_id column
 * instead of outbox_cursor and record ranges.  Bring such an outbox
 * forward in place, keeping every queued record, every formed batch with
 * its Idempotency-Key, and the record numbering (never reused).
 */
static const char outbox_upgrade_sql[] =
	"CREATE TABLE outbox_cursor ("
	" endpoint TEXT PRIMARY KEY, last_id INTEGER NOT NULL);"
	"ALTER TABLE outbox_batch ADD COLUMN first_id INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE outbox_batch ADD COLUMN last_id INTEGER NOT NULL DEFAULT 0;"
	"UPDATE outbox_batch SET"
	" first_id = coalesce((SELECT min(r.id) FROM outbox_record r"
	"  WHERE r.batch_id = outbox_batch.id), 0),"
	" last_id = coalesce((SELECT max(r.id) FROM outbox_record r"
	"  WHERE r.batch_id = outbox_batch.id), 0);"
	"DELETE FROM outbox_batch WHERE first_id = 0;"
	/* Batches took the oldest unbatched records of their endpoint, so
	 * every batched number is below every unbatched one. */
	"INSERT INTO outbox_cursor (endpoint, last_id)"
	" SELECT e.endpoint, coalesce((SELECT max(b.last_id) FROM outbox_batch b"
	"  WHERE b.endpoint = e.endpoint), 0)"
	" FROM (SELECT endpoint FROM outbox_record UNION"
	"  SELECT endpoint FROM outbox_rejected UNION"
	"  SELECT endpoint FROM outbox_batch) e;"
	"CREATE TABLE outbox_record_v3 ("
	" id INTEGER PRIMARY KEY AUTOINCREMENT, endpoint TEXT NOT NULL,"
	" body TEXT NOT NULL, queued_at TEXT NOT NULL);"
	"INSERT INTO outbox_record_v3 (id, endpoint, body, queued_at)"
	" SELECT id, endpoint, body, queued_at FROM outbox_record ORDER BY id;"
	"INSERT INTO sqlite_sequence (name, seq) SELECT 'outbox_record_v3', 0"
	" WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence"
	"  WHERE name = 'outbox_record_v3');"
	"UPDATE sqlite_sequence SET seq = max(seq,"
	" coalesce((SELECT s.seq FROM sqlite_sequence s"
	"  WHERE s.name = 'outbox_record'), 0),"
	" coalesce((SELECT max(id) FROM outbox_rejected), 0))"
	" WHERE name = 'outbox_record_v3';"
	"DROP TABLE outbox_record;"
	"ALTER TABLE outbox_record_v3 RENAME TO outbox_record;";

static int
has_cursor_table(sqlite3 *db, bool *yes, struct gk_err *e)
{
	sqlite3_stmt *st =
		db_prepare(db,
			   "SELECT 1 FROM sqlite_master WHERE"
			   " type = 'table' AND name = 'outbox_cursor'",
			   e);
	int rc;

	if (!st)
		return -1;
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		gk_err_set(e, "outbox: %s", db_errmsg(db));
		return -1;
	}
	*yes = rc == SQLITE_ROW;
	return 0;
}

/* Called by every entry point before its own transaction. */
static int
schema_ready(sqlite3 *db, struct gk_err *e)
{
	bool yes;

	if (has_cursor_table(db, &yes, e) != 0)
		return -1;
	if (yes)
		return 0;
	if (db_begin(db, e) != 0)
		return -1;
	if (has_cursor_table(db, &yes, e) != 0 ||
	    (!yes && db_exec(db, outbox_upgrade_sql, e) != 0) ||
	    db_commit(db, e) != 0) {
		db_rollback(db);
		return -1;
	}
	return 0;
}

/* ------------------------------------------------------------ enqueue */

/* The records queued before a call, by the hash of endpoint and text:
 * open addressing, id 0 free. */
struct outbox_queued {
	size_t cap; /* a power of two */
	struct {
		uint64_t hash;
		long long id;
	} * slot;
};

static uint64_t
queued_hash(const char *endpoint, const char *json, size_t len)
{
	return gk_hash(json, len, gk_hash(endpoint, strlen(endpoint), 0));
}

static void
queued_free(struct outbox_queued *q)
{
	if (q) {
		free(q->slot);
		free(q);
	}
}

/* Read what is queued now into w->queued (NULL when nothing is), and
 * prepare the exact comparison.  Inside the writer's transaction, so
 * nothing is delivered, or queued, by another process meanwhile. */
static int
queued_load(struct outbox_writer *w, struct gk_err *e)
{
	struct outbox_queued *q;
	sqlite3_stmt *st;
	long long n;
	int rc;

	st = db_prepare(w->db, "SELECT count(*) FROM outbox_record", e);
	if (!st)
		return -1;
	rc = sqlite3_step(st);
	n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW) {
		gk_err_set(e, "outbox: %s", db_errmsg(w->db));
		return -1;
	}
	if (n == 0)
		return 0;
	w->same = db_prepare(w->db,
			     "SELECT 1 FROM outbox_record"
			     " WHERE id = ? AND endpoint = ? AND body = ?",
			     e);
	st = db_prepare(w->db, "SELECT id, endpoint, body FROM outbox_record",
			e);
	if (!w->same || !st) {
		sqlite3_finalize(st);
		return -1;
	}
	q = gk_xcalloc(1, sizeof *q);
	q->cap = 16;
	while (q->cap < (size_t)n * 2)
		q->cap *= 2;
	q->slot = gk_xcalloc(q->cap, sizeof *q->slot);
	w->queued = q;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		uint64_t h =
			queued_hash(col_text(st, 1),
				    (const char *)sqlite3_column_blob(st, 2),
				    (size_t)sqlite3_column_bytes(st, 2));
		size_t i = (size_t)h & (q->cap - 1);

		while (q->slot[i].id != 0)
			i = (i + 1) & (q->cap - 1);
		q->slot[i].hash = h;
		q->slot[i].id = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		gk_err_set(e, "outbox: %s", db_errmsg(w->db));
		return -1;
	}
	return 0;
}

/* Whether a record of this text is queued for endpoint by an earlier
 * call: 1 yes, 0 no, -1 error. */
static int
queued_already(struct outbox_writer *w, const char *endpoint, const char *json,
	       size_t len, struct gk_err *e)
{
	struct outbox_queued *q = w->queued;
	uint64_t h;
	size_t i;

	if (!q)
		return 0;
	h = queued_hash(endpoint, json, len);
	for (i = (size_t)h & (q->cap - 1); q->slot[i].id != 0;
	     i = (i + 1) & (q->cap - 1)) {
		int rc;

		if (q->slot[i].hash != h)
			continue;
		sqlite3_bind_int64(w->same, 1, q->slot[i].id);
		sqlite3_bind_text(w->same, 2, endpoint, -1, SQLITE_STATIC);
		sqlite3_bind_text(w->same, 3, json, (int)len, SQLITE_STATIC);
		rc = sqlite3_step(w->same);
		sqlite3_reset(w->same);
		if (rc == SQLITE_ROW)
			return 1;
		if (rc != SQLITE_DONE) {
			gk_err_set(e, "outbox: %s", db_errmsg(w->db));
			return -1;
		}
	}
	return 0;
}

static void
writer_release(struct outbox_writer *w)
{
	sqlite3_finalize(w->insert);
	sqlite3_finalize(w->cursor);
	sqlite3_finalize(w->same);
	w->insert = w->cursor = w->same = NULL;
	queued_free(w->queued);
	w->queued = NULL;
}

int
outbox_writer_begin(struct outbox_writer *w, sqlite3 *db, struct gk_err *e)
{
	memset(w, 0, sizeof *w);
	w->db = db;
	now_iso(w->now);
	if (schema_ready(db, e) != 0 || db_begin(db, e) != 0)
		return -1;
	if (queued_load(w, e) != 0) {
		writer_release(w);
		db_rollback(db);
		return -1;
	}
	w->insert = db_prepare(
		db,
		"INSERT INTO outbox_record (endpoint, body, queued_at)"
		" VALUES (?, ?, ?)",
		e);
	w->cursor = db_prepare(db,
			       "INSERT OR IGNORE INTO outbox_cursor"
			       " (endpoint, last_id) VALUES (?, 0)",
			       e);
	if (!w->insert || !w->cursor) {
		writer_release(w);
		db_rollback(db);
		return -1;
	}
	return 0;
}

int
outbox_writer_add(struct outbox_writer *w, const char *endpoint,
		  const char *json, size_t len, struct gk_err *e)
{
	sqlite3_stmt *st = w->insert;

	if (!outbox_endpoint_valid(endpoint)) {
		gk_err_set(e, "invalid endpoint name '%s'", endpoint);
		return -1;
	}
	if (len + 32 > OUTBOX_MAX_BATCH_BYTES) {
		gk_err_set(e,
			   "record of %zu bytes is larger than a batch may be "
			   "(%zu MiB)",
			   len, OUTBOX_MAX_BATCH_BYTES >> 20);
		return -1;
	}
	switch (queued_already(w, endpoint, json, len, e)) {
	case 1: w->skipped++; return 0;
	case -1: return -1;
	}
	if (strcmp(endpoint, w->last_endpoint) != 0) {
		sqlite3_bind_text(w->cursor, 1, endpoint, -1, SQLITE_STATIC);
		if (sqlite3_step(w->cursor) != SQLITE_DONE) {
			gk_err_set(e, "outbox: %s", db_errmsg(w->db));
			sqlite3_reset(w->cursor);
			return -1;
		}
		sqlite3_reset(w->cursor);
		snprintf(w->last_endpoint, sizeof w->last_endpoint, "%s",
			 endpoint);
	}
	sqlite3_bind_text(st, 1, endpoint, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, json, (int)len, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, w->now, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE) {
		gk_err_set(e, "outbox: %s", db_errmsg(w->db));
		sqlite3_reset(st);
		return -1;
	}
	sqlite3_reset(st);
	w->count++;
	return 0;
}

int
outbox_writer_commit(struct outbox_writer *w, struct gk_err *e)
{
	writer_release(w);
	if (db_commit(w->db, e) != 0) {
		db_rollback(w->db);
		return -1;
	}
	return 0;
}

void
outbox_writer_abort(struct outbox_writer *w)
{
	writer_release(w);
	db_rollback(w->db);
}

int
outbox_enqueue(sqlite3 *db, const char *endpoint, const char *const *json,
	       size_t n, struct gk_err *e)
{
	struct outbox_writer w;

	if (outbox_writer_begin(&w, db, e) != 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (outbox_writer_add(&w, endpoint, json[i], strlen(json[i]),
				      e) != 0) {
			outbox_writer_abort(&w);
			return -1;
		}
	}
	return outbox_writer_commit(&w, e);
}

/* ------------------------------------------------------------ batches */

struct batch {
	long long id;
	long long first_id, last_id;
	char *endpoint;
	char *key;
	long *ids; /* record numbers in order */
	long n;
	struct gk_buf body;
	long last_status; /* of the try before this one, 0 if none */
	bool split_here;  /* a half of a batch this flush split */
};

static void
batch_release(struct batch *b)
{
	free(b->endpoint);
	free(b->key);
	free(b->ids);
	buf_release(&b->body);
	memset(b, 0, sizeof *b);
}

static void
batch_push(struct batch *b, long id, const char *rec, size_t len, size_t *cap)
{
	if ((size_t)b->n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		b->ids = gk_xrealloc(b->ids, *cap * sizeof *b->ids);
	}
	buf_addc(&b->body, b->n ? ',' : '[');
	buf_add(&b->body, rec, len);
	b->ids[b->n++] = id;
}

static const char body_head[] = "{\"records\":";

static void
batch_close_body(struct batch *b)
{
	if (b->n == 0)
		buf_addc(&b->body, '[');
	buf_adds(&b->body, "]}");
}

static char *
make_key(const char *instance, const struct batch *b)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	char head[256];
	char *out;
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();

	if (!ctx)
		abort();
	snprintf(head, sizeof head, "govkit-outbox\n%s\n%s\n%ld\n", instance,
		 b->endpoint, b->ids[0]);
	if (EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1 ||
	    EVP_DigestUpdate(ctx, head, strlen(head)) != 1 ||
	    EVP_DigestUpdate(ctx, b->body.data, b->body.len) != 1 ||
	    EVP_DigestFinal_ex(ctx, md, &mdlen) != 1)
		abort();
	EVP_MD_CTX_free(ctx);
	out = gk_xmalloc(mdlen * 2 + 1);
	gk_hex(md, mdlen, out);
	return out;
}

static int
read_instance(sqlite3 *db, char **instance, struct gk_err *e)
{
	sqlite3_stmt *st = db_prepare(
		db,
		"SELECT value FROM govkit_meta WHERE key = 'outbox_instance'",
		e);

	if (!st)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		*instance = gk_xstrdup(col_text(st, 0));
	else
		*instance = gk_xstrdup("-");
	sqlite3_finalize(st);
	return 0;
}

static bool
pid_alive(long pid)
{
	if (pid <= 0)
		return false;
	return kill((pid_t)pid, 0) == 0 || errno == EPERM;
}

/* Load the records of a formed batch and rebuild its body. */
static int
load_batch(sqlite3 *db, struct batch *b, struct gk_err *e)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	st = db_prepare(
		db,
		"SELECT id, body FROM outbox_record"
		" WHERE id BETWEEN ? AND ? AND endpoint = ? ORDER BY id",
		e);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, b->first_id);
	sqlite3_bind_int64(st, 2, b->last_id);
	sqlite3_bind_text(st, 3, b->endpoint, -1, SQLITE_STATIC);
	buf_adds(&b->body, body_head);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		batch_push(b, (long)sqlite3_column_int64(st, 0),
			   (const char *)sqlite3_column_text(st, 1),
			   (size_t)sqlite3_column_bytes(st, 1), &cap);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		gk_err_set(e, "outbox: %s", db_errmsg(db));
		return -1;
	}
	batch_close_body(b);
	return 0;
}

/* How large a batch formed now may be. */
struct batch_limit {
	size_t records;
	size_t bytes; /* of the body; a record alone always fits */
};

/* Insert b (endpoint, range, key, records and body filled) as a new
 * batch, leased to nobody; sets b->id.  Inside the caller's
 * transaction. */
static int
insert_batch(sqlite3 *db, struct batch *b, struct gk_err *e)
{
	sqlite3_stmt *st;
	char now[32];
	int rc;

	now_iso(now);
	st = db_prepare(db,
			"INSERT INTO outbox_batch (endpoint, idem_key,"
			" records, bytes, created_at, first_id, last_id,"
			" last_status)"
			" VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
			e);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, b->endpoint, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, b->key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, b->n);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)b->body.len);
	sqlite3_bind_text(st, 5, now, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, b->first_id);
	sqlite3_bind_int64(st, 7, b->last_id);
	if (b->last_status > 0)
		sqlite3_bind_int64(st, 8, b->last_status);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
	if (rc != 0)
		gk_err_set(e, "outbox: %s", db_errmsg(db));
	else
		b->id = sqlite3_last_insert_rowid(db);
	sqlite3_finalize(st);
	return rc;
}

/* The last record number of endpoint already batched: 0 with *after set,
 * 1 when endpoint never queued anything, -1 error. */
static int
cursor_read(sqlite3 *db, const char *endpoint, long long *after,
	    struct gk_err *e)
{
	sqlite3_stmt *st;
	int rc = -1, src;

	st = db_prepare(
		db, "SELECT last_id FROM outbox_cursor WHERE endpoint = ?", e);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, endpoint, -1, SQLITE_STATIC);
	src = sqlite3_step(st);
	if (src == SQLITE_ROW) {
		*after = sqlite3_column_int64(st, 0);
		rc = 0;
	} else if (src != SQLITE_DONE)
		gk_err_set(e, "outbox: %s", db_errmsg(db));
	else
		rc = 1;
	sqlite3_finalize(st);
	return rc;
}

/* Into b (endpoint set), the records of its endpoint numbered after
 * after, oldest first, as many as lim lets one batch hold. */
static int
batch_fill(sqlite3 *db, long long after, const struct batch_limit *lim,
	   struct batch *b, struct gk_err *e)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc = 0, src;

	st = db_prepare(db,
			"SELECT id, body FROM outbox_record"
			" WHERE id > ? AND endpoint = ?"
			" ORDER BY id LIMIT ?",
			e);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, after);
	sqlite3_bind_text(st, 2, b->endpoint, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)lim->records);
	buf_adds(&b->body, body_head);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		size_t len = (size_t)sqlite3_column_bytes(st, 1);

		/* Keep a batch under the size cap (a record alone always
		 * fits: outbox_writer_add checked). */
		if (b->n > 0 && b->body.len + len + 3 > lim->bytes)
			break;
		batch_push(b, (long)sqlite3_column_int64(st, 0),
			   (const char *)sqlite3_column_text(st, 1), len, &cap);
	}
	if (src != SQLITE_ROW && src != SQLITE_DONE) {
		gk_err_set(e, "outbox: %s", db_errmsg(db));
		rc = -1;
	}
	sqlite3_finalize(st);
	return rc;
}

/* Move the cursor of b's endpoint past b's records. */
static int
cursor_advance(sqlite3 *db, const struct batch *b, struct gk_err *e)
{
	sqlite3_stmt *st;
	int rc = 0;

	st = db_prepare(db,
			"UPDATE outbox_cursor SET last_id = ?"
			" WHERE endpoint = ?",
			e);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, b->last_id);
	sqlite3_bind_text(st, 2, b->endpoint, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE) {
		gk_err_set(e, "outbox: %s", db_errmsg(db));
		rc = -1;
	}
	sqlite3_finalize(st);
	return rc;
}

/*
 * Form a new batch from the oldest unbatched records of endpoint, within
 * lim, leased to nobody.  0 formed, 1 nothing to form, -1 error.  Inside
 * the caller's transaction.
 */
static int
form_batch(sqlite3 *db, const char *endpoint, const struct batch_limit *lim,
	   const char *instance, struct batch *b, struct gk_err *e)
{
	long long after = 0;
	int rc;

	b->endpoint = gk_xstrdup(endpoint);
	if ((rc = cursor_read(db, endpoint, &after, e)) != 0)
		return rc; /* 1: never queued anything */
	if (batch_fill(db, after, lim, b, e) != 0)
		return -1;
	if (b->n == 0)
		return 1;
	b->first_id = b->ids[0];
	b->last_id = b->ids[b->n - 1];
	batch_close_body(b);
	b->key = make_key(instance, b);
	if (insert_batch(db, b, e) != 0 || cursor_advance(db, b, e) != 0)
		return -1;
	return 0;
}

/*
 * Batch every unbatched record (of endpoint, or all), in one transaction
 * with a full sync: once this commits, each batch's content and key are
 * fixed for good, whatever happens to the machine.
 */
static int
form_all(sqlite3 *db, const char *endpoint, const struct batch_limit *lim,
	 const char *instance, struct gk_err *e)
{
	sqlite3_stmt *st = NULL;
	char **eps = NULL;
	size_t n = 0, cap = 0;
	int f = 0, src;

	if (db_exec(db, "PRAGMA synchronous = FULL", e) != 0 ||
	    db_begin(db, e) != 0)
		return -1;
	st = db_prepare(db,
			"SELECT endpoint FROM outbox_cursor"
			" WHERE ?1 IS NULL OR endpoint = ?1 ORDER BY endpoint",
			e);
	if (!st) {
		f = -1;
		goto out;
	}
	if (endpoint)
		sqlite3_bind_text(st, 1, endpoint, -1, SQLITE_STATIC);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 8;
			eps = gk_xrealloc(eps, cap * sizeof *eps);
		}
		eps[n++] = gk_xstrdup(col_text(st, 0));
	}
	if (src != SQLITE_DONE) {
		gk_err_set(e, "outbox: %s", db_errmsg(db));
		f = -1;
	}
	for (size_t i = 0; i < n && f >= 0; i++) {
		do {
			struct batch b = {0};

			f = form_batch(db, eps[i], lim, instance, &b, e);
			batch_release(&b);
		} while (f == 0);
	}
out:
	sqlite3_finalize(st);
	for (size_t i = 0; i < n; i++)
		free(eps[i]);
	free(eps);
	if (f < 0 || db_commit(db, e) != 0) {
		db_rollback(db);
		return -1;
	}
	return 0;
}

enum claim {
	CLAIM_ERROR = -1,
	CLAIM_GOT = 0,  /* b filled, leased to me */
	CLAIM_WAIT = 1, /* nothing free now, but some held by live processes */
	CLAIM_NONE = 2, /* nothing left to send */
	CLAIM_FORM = 3, /* no batch free, but records wait to be batched */
};

/* The batch of a row of id, endpoint, idem_key, owner_host, owner_pid,
 * lease_until, first_id, last_id: whether I may take it now. */
static bool
row_free(sqlite3_stmt *st, const struct owner *me, long long now)
{
	const char *host;
	long pid;
	bool same_host;

	if (sqlite3_column_type(st, 4) == SQLITE_NULL)
		return true;
	host = col_text(st, 3);
	pid = (long)sqlite3_column_int64(st, 4);
	same_host = strcmp(host, me->host) == 0;
	return sqlite3_column_int64(st, 5) < now ||
	       (same_host && pid == me->pid) || (same_host && !pid_alive(pid));
}

/* The batch of such a row, to lease. */
static void
row_batch(sqlite3_stmt *st, struct batch *b)
{
	b->id = sqlite3_column_int64(st, 0);
	b->endpoint = gk_xstrdup(col_text(st, 1));
	b->key = gk_xstrdup(col_text(st, 2));
	b->first_id = sqlite3_column_int64(st, 6);
	b->last_id = sqlite3_column_int64(st, 7);
	b->last_status = sqlite3_column_int64(st, 8);
}

/* Lease b to me and load its records. */
static int
lease_batch(sqlite3 *db, const struct owner *me, long long lease_until,
	    struct batch *b, struct gk_err *e)
{
	sqlite3_stmt *st;
	int rc;

	st = db_prepare(db,
			"UPDATE outbox_batch SET owner_host = ?,"
			" owner_pid = ?, lease_until = ? WHERE id = ?",
			e);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, me->host, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, me->pid);
	sqlite3_bind_int64(st, 3, lease_until);
	sqlite3_bind_int64(st, 4, b->id);
	rc = step_done(db, st, e);
	sqlite3_finalize(st);
	if (rc != 0)
		return -1;
	return load_batch(db, b, e);
}

/* Whether id is one of skip[0..nskip). */
static bool
id_in(long long id, const long long *skip, size_t nskip)
{
	for (size_t i = 0; i < nskip; i++)
		if (skip[i] == id)
			return true;
	return false;
}

/* Claim the batch of the oldest records I may send (by first_id: the
 * halves of a split are formed after the batches behind them), but none
 * of skip[0..nskip) (held by this flush already).  Inside the caller's
 * transaction. */
static enum claim
claim_batch(sqlite3 *db, const char *endpoint, const struct owner *me,
	    long lease_ms, const long long *skip, size_t nskip, struct batch *b,
	    struct gk_err *e)
{
	sqlite3_stmt *st = NULL;
	long long now = now_ms();
	enum claim rc = CLAIM_ERROR;
	bool held = false;
	int src;

	st = db_prepare(db,
			"SELECT id, endpoint, idem_key, owner_host, owner_pid,"
			" lease_until, first_id, last_id, last_status"
			" FROM outbox_batch"
			" WHERE ?1 IS NULL OR endpoint = ?1 ORDER BY first_id",
			e);
	if (!st)
		goto out;
	if (endpoint)
		sqlite3_bind_text(st, 1, endpoint, -1, SQLITE_STATIC);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		if (id_in(sqlite3_column_int64(st, 0), skip, nskip))
			continue;
		if (row_free(st, me, now)) {
			row_batch(st, b);
			break;
		}
		held = true;
	}
	if (src != SQLITE_ROW && src != SQLITE_DONE) {
		gk_err_set(e, "outbox: %s", db_errmsg(db));
		goto out;
	}
	sqlite3_finalize(st);
	st = NULL;

	if (b->key) {
		if (lease_batch(db, me, now + lease_ms, b, e) != 0)
			goto out;
		rc = CLAIM_GOT;
	} else {
		st = db_prepare(
			db,
			"SELECT 1 FROM outbox_cursor c"
			" WHERE (?1 IS NULL OR c.endpoint = ?1) AND EXISTS"
			" (SELECT 1 FROM outbox_record r WHERE r.id > c.last_id"
			"  AND r.endpoint = c.endpoint) LIMIT 1",
			e);
		if (!st)
			goto out;
		if (endpoint)
			sqlite3_bind_text(st, 1, endpoint, -1, SQLITE_STATIC);
		src = sqlite3_step(st);
		if (src != SQLITE_ROW && src != SQLITE_DONE) {
			gk_err_set(e, "outbox: %s", db_errmsg(db));
			goto out;
		}
		rc = src == SQLITE_ROW ? CLAIM_FORM
		     : held            ? CLAIM_WAIT
				       : CLAIM_NONE;
	}
out:
	sqlite3_finalize(st);
	if (rc == CLAIM_ERROR)
		batch_release(b);
	return rc;
}

/* Claim the batch numbered id if it is still there and I may take it:
 * 1 claimed, 0 not (sent, or held by another), -1 error.  Inside the
 * caller's transaction. */
static int
claim_this(sqlite3 *db, long long id, const struct owner *me, long lease_ms,
	   struct batch *b, struct gk_err *e)
{
	sqlite3_stmt *st;
	long long now = now_ms();
	int rc = 0, src;

	st = db_prepare(db,
			"SELECT id, endpoint, idem_key, owner_host, owner_pid,"
			" lease_until, first_id, last_id, last_status"
			" FROM outbox_batch"
			" WHERE id = ?",
			e);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	src = sqlite3_step(st);
	if (src == SQLITE_ROW && row_free(st, me, now))
		row_batch(st, b);
	else if (src != SQLITE_ROW && src != SQLITE_DONE) {
		gk_err_set(e, "outbox: %s", db_errmsg(db));
		rc = -1;
	}
	sqlite3_finalize(st);
	if (rc == 0 && b->key)
		rc = lease_batch(db, me, now + lease_ms, b, e) == 0 ? 1 : -1;
	if (rc < 0)
		batch_release(b);
	return rc;
}

/* Give the batch back after a failed try, noting why. */
static int
release_batch(sqlite3 *db, const struct batch *b, const struct owner *me,
	      int attempts, long status, const char *error, struct gk_err *e)
{
	sqlite3_stmt *st;
	char now[32];
	int rc;

	now_iso(now);
	st = db_prepare(db,
			"UPDATE outbox_batch SET owner_host = NULL,"
			" owner_pid = NULL, lease_until = NULL,"
			" attempts = attempts + ?, last_status = ?,"
			" last_error = ?, last_try_at = ?"
			" WHERE id = ? AND owner_host = ? AND owner_pid = ?",
			e);
	if (!st)
		return -1;
	sqlite3_bind_int(st, 1, attempts);
	if (status > 0)
		sqlite3_bind_int64(st, 2, status);
	sqlite3_bind_text(st, 3, error, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, now, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, b->id);
	sqlite3_bind_text(st, 6, me->host, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 7, me->pid);
	rc = step_done(db, st, e);
	sqlite3_finalize(st);
	return rc;
}

/* Per-record errors of an answer: msgs[i] NULL when record i passed. */
struct verdicts {
	const char **msgs;
	long nrejected;
	long accepted; /* the answer's "accepted", -1 if none */
	bool has_list;
	/* entries of "rejected" that name no record of the batch (an index
	 * out of range, negative, a fraction, none): the server's defect */
	long nstray;
	const cJSON *first_stray;
	/* their messages, joined as a record's are; NULL when none has one */
	const char *stray_msg;
	bool stray_full;
	bool *full; /* full[i]: record i's messages reached the cap */
};

/* A record's messages joined are kept to about this many bytes: an
 * answer naming one record 200000 times took minutes to join (each
 * join copying all before it) and stored a text of megabytes. */
#define OUTBOX_MAX_JOINED 4096

/* The messages so far (*msg: a record's, or those naming no record),
 * "; ", and err's: into err's node, which the answer owns as it owns the
 * first; past OUTBOX_MAX_JOINED, "; ..." once, and no more (whole
 * messages left out, none cut). */
static void
join_message(const char **msg, bool *full, cJSON *err)
{
	char *both;

	if (*full)
		return;
	if (strlen(*msg) + 2 + strlen(err->valuestring) > OUTBOX_MAX_JOINED) {
		*full = true;
		both = gk_xasprintf("%s; ...", *msg);
	} else {
		both = gk_xasprintf("%s; %s", *msg, err->valuestring);
	}

	if (cJSON_SetValuestring(err, both) != NULL)
		*msg = err->valuestring;
	free(both);
}

/* An answer's count or index: a whole number from 0 to below limit,
 * else -1.  A fraction is no index (-0.5 and 0.7 were cut to record 0,
 * rejecting a record the server never named) and no count.  The range
 * comes first: converting a number out of a long's range (1e19, or
 * 1e400, which cJSON reads as inf) is undefined. */
static long
answer_number(const cJSON *j, long limit)
{
	if (!cJSON_IsNumber(j) || !(j->valuedouble >= 0) ||
	    !(j->valuedouble < (double)limit) ||
	    j->valuedouble != floor(j->valuedouble))
		return -1;
	return (long)j->valuedouble;
}

static cJSON *
parse_answer(const struct http_response *resp, long n, struct verdicts *v)
{
	cJSON *doc = NULL;
	const cJSON *list, *item, *acc;

	v->msgs = gk_xcalloc((size_t)n, sizeof *v->msgs);
	v->full = gk_xcalloc((size_t)n, sizeof *v->full);
	v->nrejected = 0;
	v->accepted = -1;
	v->has_list = false;
	v->nstray = 0;
	v->first_stray = NULL;
	v->stray_msg = NULL;
	v->stray_full = false;
	if (resp->body.len == 0)
		return NULL;
	doc = cJSON_ParseWithLength(resp->body.data, resp->body.len);
	if (!cJSON_IsObject(doc))
		return doc;
	/* (a count above n does not add up with the list: a 2xx says so) */
	acc = cJSON_GetObjectItemCaseSensitive(doc, "accepted");
	v->accepted = answer_number(acc, LONG_MAX);
	list = cJSON_GetObjectItemCaseSensitive(doc, "rejected");
	if (!cJSON_IsArray(list))
		return doc;
	v->has_list = true;
	cJSON_ArrayForEach(item, list) {
		const cJSON *idx =
			cJSON_GetObjectItemCaseSensitive(item, "index");
		cJSON *err = cJSON_GetObjectItemCaseSensitive(item, "error");
		long i;

		if (cJSON_IsString(err)) {
			/* stored, and written into JSON Lines
			 * (--status): UTF-8, whatever the server sent */
			utf8_repair(err->valuestring, strlen(err->valuestring));
			http_redact(err->valuestring);
		}
		i = answer_number(idx, n);
		if (i < 0) {
			if (v->nstray++ == 0)
				v->first_stray = item;
			/* what a 4xx says of the batch, when it names no
			 * record of it (complete_batch) */
			if (cJSON_IsString(err) && !v->stray_msg)
				v->stray_msg = err->valuestring;
			else if (cJSON_IsString(err))
				join_message(&v->stray_msg, &v->stray_full,
					     err);
			continue;
		}
		if (v->msgs[i]) {
			/* a second error for the same record (each problem
			 * of it): kept beside the first, in the answer */
			if (cJSON_IsString(err))
				join_message(&v->msgs[i], &v->full[i], err);
			continue;
		}
		v->msgs[i] =
			cJSON_IsString(err) ? err->valuestring : "rejected";
		v->nrejected++;
	}
	return doc;
}

/* "records 12-14" (or "record 12"), the batch's records in a message:
 * the numbers --status and the rejection messages use. */
static const char *
batch_range(const struct batch *b, char *out, size_t size)
{
	if (b->first_id == b->last_id)
		snprintf(out, size, "record %lld", b->first_id);
	else
		snprintf(out, size, "records %lld-%lld", b->first_id,
			 b->last_id);
	return out;
}

/* What an entry of "rejected" that names no record holds, for a
 * message: an index that is a number, or what is wrong with it. */
static void
stray_text(const cJSON *item, char *out, size_t size)
{
	const cJSON *idx = cJSON_GetObjectItemCaseSensitive(item, "index");

	if (!cJSON_IsObject(item))
		snprintf(out, size, "an entry that is not an object");
	else if (cJSON_IsNumber(idx))
		snprintf(out, size, "index %.15g", idx->valuedouble);
	else if (idx == NULL)
		snprintf(out, size, "an entry without an index");
	else
		snprintf(out, size, "an index that is not a number");
}

/*
 * Whether a 4xx answer accounts for its batch record by record: a list
 * naming at least one record of it rejected, no entry naming none, and
 * "accepted" the rest.  Only then do the records it does not name count
 * as delivered.  Else the 4xx, which refused the request, is about each
 * record it does not name: "accepted":3 beside an entry for index 7 of a
 * batch of 3, or beside an empty list, delivered nothing for sure.
 */
static bool
refusal_accounts(const struct batch *b, const struct verdicts *v)
{
	return v->has_list && v->nstray == 0 && v->nrejected > 0 &&
	       v->accepted == b->n - v->nrejected;
}

/*
 * An answer of the API's shape whose entries or counts are wrong: an
 * entry of "rejected" naming no record of the batch, or counts that do
 * not add up; for a 4xx, also "accepted" the whole batch with no record
 * rejected (a refusal that names no fault), and not a 4xx that counts
 * nothing accepted and names no record (the whole batch refused, as a
 * 4xx without the API's shape is).  A 2xx stands (the server took the
 * batch, and a server answers a key it has seen as it did the first
 * time, so sending again would only get the same answer): the batch is
 * settled.  A 4xx stands too, and its records not named are rejected
 * with its message (complete_batch), none counted delivered.  Either
 * way the defect is told, naming the batch, for the central API's
 * keepers.  The warning (for outbox_log, so that --status shows it; the
 * caller frees it), or NULL when there was none.
 */
static char *
answer_defect(const struct batch *b, const struct http_response *resp,
	      const struct verdicts *v)
{
	char stray[64], what[256], range[64];
	char *msg;
	int len = 0;
	bool ok2xx = resp->status >= 200 && resp->status <= 299;
	bool off, none;

	if (ok2xx) {
		off = v->accepted + v->nrejected != b->n;
		none = false;
	} else {
		off = v->accepted >= 0 && v->accepted + v->nrejected != b->n &&
		      (v->accepted > 0 || v->nrejected > 0);
		none = v->nstray == 0 && v->nrejected == 0 &&
		       v->accepted == b->n;
	}
	if (v->nstray == 0 && !off && !none)
		return NULL;
	what[0] = '\0';
	if (v->nstray > 0) {
		stray_text(v->first_stray, stray, sizeof stray);
		len = snprintf(what, sizeof what,
			       "%ld entr%s of 'rejected' name%s no record of "
			       "the batch of %ld (the first: %s)",
			       v->nstray, v->nstray == 1 ? "y" : "ies",
			       v->nstray == 1 ? "s" : "", b->n, stray);
	}
	if (off && len >= 0 && (size_t)len < sizeof what)
		snprintf(what + len, sizeof what - (size_t)len,
			 "%s'accepted' %ld and %ld record%s rejected do not "
			 "add up to the batch of %ld",
			 len > 0 ? "; " : "", v->accepted, v->nrejected,
			 v->nrejected == 1 ? "" : "s", b->n);
	if (none)
		snprintf(what, sizeof what,
			 "'accepted' %ld, the whole batch, and no record "
			 "rejected",
			 v->accepted);
	msg = gk_xasprintf(
		"POST /v1/%s: HTTP %ld for %s (Idempotency-Key %s): %s; a "
		"defect of the central API: %s",
		b->endpoint, resp->status, batch_range(b, range, sizeof range),
		b->key, what,
		ok2xx ? "the 2xx stands, the batch is settled and not sent "
			"again"
		      : "the 4xx stands, and the records it names no error "
			"for are rejected with its message, none counted "
			"delivered");
	gk_warn("%s", msg);
	return msg;
}

/* A batch whose answer came, being completed: the answer read, the
 * time it is noted with, and how many of its records were rejected. */
struct completion {
	sqlite3 *db;
	const struct batch *b;
	const struct http_response *resp;
	struct verdicts v;
	struct gk_err why; /* a 4xx's word on the records it does not name */
	char now[32];
	long rejected;
};

/* A 4xx that does not account for the batch record by record
 * (refusal_accounts) is about every record not listed: its message
 * about the batch, else what its entries naming no record of the batch
 * say (their index is the server's defect, their words are still the
 * only reason given), else its status. */
static void
blame_unnamed(struct completion *c)
{
	char bare[32];
	bool ok2xx = c->resp->status >= 200 && c->resp->status <= 299;

	http_response_describe(c->resp, &c->why);
	snprintf(bare, sizeof bare, "HTTP %ld", c->resp->status);
	if (!ok2xx && c->v.stray_msg && strcmp(c->why.msg, bare) == 0)
		http_text_describe(c->resp->status, c->v.stray_msg, &c->why);
	if (!ok2xx && !refusal_accounts(c->b, &c->v)) {
		for (long i = 0; i < c->b->n; i++)
			if (!c->v.msgs[i])
				c->v.msgs[i] = c->why.msg;
	}
}

/* 1 when the batch is still queued under its key, 0 when not (another
 * process finished it: its lease had run out), -1 error. */
static int
batch_still_queued(sqlite3 *db, const struct batch *b, struct gk_err *e)
{
	sqlite3_stmt *chk;
	int src, rc;

	chk = db_prepare(
		db, "SELECT 1 FROM outbox_batch WHERE id = ? AND idem_key = ?",
		e);
	if (!chk)
		return -1;
	sqlite3_bind_int64(chk, 1, b->id);
	sqlite3_bind_text(chk, 2, b->key, -1, SQLITE_STATIC);
	src = sqlite3_step(chk);
	rc = src == SQLITE_ROW ? 1 : src == SQLITE_DONE ? 0 : -1;
	if (rc < 0) /* not "finished by another": the batch stays queued */
		gk_err_set(e, "cannot read the outbox: %s", db_errmsg(db));
	sqlite3_finalize(chk);
	return rc;
}

/* Tell o->rejected of the batch's record i, rejected, with its body and
 * the time it was queued (get reads them). */
static void
tell_rejection(const struct completion *c, sqlite3_stmt *get, long i,
	       const struct outbox_flush_options *o)
{
	struct outbox_rejection r = {
		.id = c->b->ids[i],
		.endpoint = c->b->endpoint,
		.rejected_at = c->now,
		.status = c->resp->status,
		.error = c->v.msgs[i],
	};

	sqlite3_bind_int64(get, 1, c->b->ids[i]);
	if (sqlite3_step(get) == SQLITE_ROW) {
		r.record = col_text(get, 0);
		r.queued_at = col_text(get, 1);
		o->rejected(o->arg, &r);
	}
	sqlite3_reset(get);
}

/* Each record the answer rejects kept in outbox_rejected with its
 * message, and told (o->rejected); counted in c->rejected. */
static int
keep_rejected(struct completion *c, const struct outbox_flush_options *o,
	      struct gk_err *e)
{
	sqlite3_stmt *mv, *get;
	int rc = -1;

	mv = db_prepare(
		c->db,
		"INSERT OR IGNORE INTO outbox_rejected (id, endpoint,"
		" body, queued_at, rejected_at, status, error, idem_key)"
		" SELECT id, endpoint, body, queued_at, ?, ?, ?, ?"
		" FROM outbox_record WHERE id = ?",
		e);
	get = db_prepare(
		c->db, "SELECT body, queued_at FROM outbox_record WHERE id = ?",
		e);
	if (!mv || !get)
		goto out;
	for (long i = 0; i < c->b->n; i++) {
		if (!c->v.msgs[i])
			continue;
		sqlite3_bind_text(mv, 1, c->now, -1, SQLITE_STATIC);
		sqlite3_bind_int64(mv, 2, c->resp->status);
		sqlite3_bind_text(mv, 3, c->v.msgs[i], -1, SQLITE_STATIC);
		sqlite3_bind_text(mv, 4, c->b->key, -1, SQLITE_STATIC);
		sqlite3_bind_int64(mv, 5, c->b->ids[i]);
		if (step_done(c->db, mv, e) != 0)
			goto out;
		sqlite3_reset(mv);
		c->rejected++;
		if (o->rejected)
			tell_rejection(c, get, i, o);
	}
	rc = 0;
out:
	sqlite3_finalize(mv);
	sqlite3_finalize(get);
	return rc;
}

/* The batch's records (those rejected kept already) and the batch. */
static int
remove_batch(sqlite3 *db, const struct batch *b, struct gk_err *e)
{
	sqlite3_stmt *st;
	int rc;

	st = db_prepare(db,
			"DELETE FROM outbox_record"
			" WHERE id BETWEEN ? AND ? AND endpoint = ?",
			e);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, b->first_id);
	sqlite3_bind_int64(st, 2, b->last_id);
	sqlite3_bind_text(st, 3, b->endpoint, -1, SQLITE_STATIC);
	rc = step_done(db, st, e);
	sqlite3_finalize(st);
	if (rc != 0)
		return -1;
	st = db_prepare(db, "DELETE FROM outbox_batch WHERE id = ?", e);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, b->id);
	rc = step_done(db, st, e);
	sqlite3_finalize(st);
	return rc;
}

/* The answer noted in outbox_log, for --status, with its defect (NULL:
 * none). */
static int
log_answer(const struct completion *c, const char *defect, struct gk_err *e)
{
	sqlite3_stmt *st;
	int rc;

	st = db_prepare(c->db,
			"INSERT INTO outbox_log (endpoint, idem_key, records,"
			" accepted, rejected, status, sent_at, defect)"
			" VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
			e);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, c->b->endpoint, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, c->b->key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, c->b->n);
	sqlite3_bind_int64(st, 4, c->b->n - c->rejected);
	sqlite3_bind_int64(st, 5, c->rejected);
	sqlite3_bind_int64(st, 6, c->resp->status);
	sqlite3_bind_text(st, 7, c->now, -1, SQLITE_STATIC);
	if (defect)
		sqlite3_bind_text(st, 8, defect, -1, SQLITE_STATIC);
	rc = step_done(c->db, st, e);
	sqlite3_finalize(st);
	return rc;
}

/*
 * The answer came and is final (2xx, or a 4xx about the records): remove
 * the batch, keeping rejected records with their message.  Adds to res.
 * Inside the caller's transaction; rejections are told (o->rejected)
 * before it commits, so a caller may see one the rollback then undoes.
 */
static int
complete_batch(sqlite3 *db, const struct batch *b,
	       const struct http_response *resp,
	       const struct outbox_flush_options *o, struct outbox_result *res,
	       struct gk_err *e)
{
	struct completion c = {.db = db, .b = b, .resp = resp};
	cJSON *doc = parse_answer(resp, b->n, &c.v);
	char *defect = NULL;
	int rc;

	now_iso(c.now);
	blame_unnamed(&c);
	rc = batch_still_queued(db, b, e);
	if (rc <= 0) /* 0: another process finished it */
		goto out;
	rc = -1;
	if ((defect = answer_defect(b, resp, &c.v)) != NULL)
		res->defective++;
	if (keep_rejected(&c, o, e) != 0 || remove_batch(db, b, e) != 0 ||
	    log_answer(&c, defect, e) != 0)
		goto out;
	res->sent += b->n - c.rejected;
	res->rejected += c.rejected;
	rc = 0;
out:
	cJSON_Delete(doc);
	free(defect);
	free(c.v.msgs);
	free(c.v.full);
	return rc;
}

/* A new batch of the records first..last of endpoint, leased to nobody,
 * with last_status as the status of the try before (0: none); *id gets
 * its number.  Inside the caller's transaction. */
static int
form_range(sqlite3 *db, const char *endpoint, long long first, long long last,
	   long last_status, const char *instance, long long *id,
	   struct gk_err *e)
{
	struct batch h = {0};
	int rc = -1;

	h.endpoint = gk_xstrdup(endpoint);
	h.last_status = last_status;
	h.first_id = first;
	h.last_id = last;
	if (load_batch(db, &h, e) != 0)
		goto out;
	if (h.n == 0) {
		gk_err_set(e, "outbox: no records %lld..%lld of '%s' to batch",
			   first, last, endpoint);
		goto out;
	}
	h.key = make_key(instance, &h);
	if (insert_batch(db, &h, e) != 0)
		goto out;
	*id = h.id;
	rc = 0;
out:
	batch_release(&h);
	return rc;
}

/*
 * The answer was 413 for a batch of more than one record, or a proxy's
 * or firewall's refusal for the second time in a row: replace it by
 * two batches, its first n/2 records and the rest, formed as any batch
 * (range and key), and put their numbers in half[0] and half[1].  The
 * halves are leased to nobody; the caller claims them.  They get
 * last_status as the status of the try before (0: none), so that a
 * half refused as its batch was is split at once.  0 split, 1 not
 * (the batch is no longer mine: another process took it over and
 * decides), -1 error.  Inside the caller's transaction.
 */
static int
split_batch(sqlite3 *db, const struct batch *b, long last_status,
	    const char *instance, const struct owner *me, long long half[2],
	    struct gk_err *e)
{
	sqlite3_stmt *st;
	long k = b->n / 2;
	int src;

	st = db_prepare(db,
			"SELECT 1 FROM outbox_batch WHERE id = ? AND"
			" idem_key = ? AND owner_host = ? AND owner_pid = ?",
			e);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, b->id);
	sqlite3_bind_text(st, 2, b->key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, me->host, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, me->pid);
	src = sqlite3_step(st);
	sqlite3_finalize(st);
	if (src == SQLITE_DONE)
		return 1;
	if (src != SQLITE_ROW) {
		gk_err_set(e, "outbox: %s", db_errmsg(db));
		return -1;
	}
	st = db_prepare(db, "DELETE FROM outbox_batch WHERE id = ?", e);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, b->id);
	src = step_done(db, st, e);
	sqlite3_finalize(st);
	if (src != 0 ||
	    form_range(db, b->endpoint, b->first_id, b->ids[k - 1], last_status,
		       instance, &half[0], e) != 0 ||
	    form_range(db, b->endpoint, b->ids[k], b->last_id, last_status,
		       instance, &half[1], e) != 0)
		return -1;
	return 0;
}

static int
count_pending(sqlite3 *db, const char *endpoint, long *n, struct gk_err *e)
{
	sqlite3_stmt *st = db_prepare(db,
				      "SELECT count(*) FROM outbox_record"
				      " WHERE ?1 IS NULL OR endpoint = ?1",
				      e);

	if (!st)
		return -1;
	if (endpoint)
		sqlite3_bind_text(st, 1, endpoint, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_ROW) {
		gk_err_set(e, "outbox: %s", db_errmsg(db));
		sqlite3_finalize(st);
		return -1;
	}
	*n = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return 0;
}

/* Answers that say our configuration is wrong, not the records: the
 * token, the address, the endpoint's name, the proxy.  405 (the address
 * takes no POST), 410 (the endpoint retired or renamed), 415 (our JSON
 * body refused: not the API, or a proxy that changes it), 426 (another
 * protocol asked for: http:// where https:// is wanted) and 431 (the
 * headers too large: the token, or what a proxy adds) would be the same
 * for any records: rejecting them for good put the quarter's records
 * aside with no fault of theirs. */
static bool
status_is_config_error(long status)
{
	/* a redirect too: the API's address is wrong (nothing follows it, so
	 * that a token is never sent on to another place) */
	return status == 401 || status == 403 || status == 404 ||
	       status == 405 || status == 407 || status == 410 ||
	       status == 415 || status == 426 || status == 431 ||
	       (status >= 300 && status <= 399);
}

static bool refusal_not_the_api(int hrc, const struct http_response *resp);

/* One flush: what it sends with, and the batch whose answer came,
 * completed in the same transaction that claims the next one: one
 * transaction (one fsync) per batch. */
struct flush {
	sqlite3 *db;
	struct http_client *c;
	const char *endpoint;
	const struct outbox_flush_options *o;
	struct outbox_result *res;
	/* --batch and the cap on a body; after a 413 the cap is half that
	 * body, for the batches formed later in this flush */
	struct batch_limit lim;
	long lease_ms;
	char *instance;
	struct owner me;
	struct batch done;
	struct http_response done_resp;
	bool have_done;
	long total;  /* queued at the start, for the progress line */
	long waited; /* on batches another process holds, in ms */
	/* Halves of the batches split here, to send before anything else:
	 * the last one is next. */
	long long *next;
	size_t nnext, next_cap;
	/* Records a proxy or firewall refused alone, twice in a row: kept
	 * queued and passed over for the rest of this flush; the message
	 * of the first, to stop with at the end */
	long long *held;
	size_t nheld, held_cap;
	struct gk_err held_err;
	/* of them, halves split here; whether any answer settled a batch */
	size_t held_split;
	bool let_through;
};

/*
 * Batches are formed under a full sync (form_all); what follows only
 * moves leases, removes answered batches and splits a batch on 413, and
 * losing such a transaction to a power cut only means a batch goes
 * again with its key, which the server deduplicates, or is split again
 * into the same halves with the same keys.  So no fsync per batch.
 */
static int
form_batches(struct flush *f, struct gk_err *e)
{
	if (form_all(f->db, f->endpoint, &f->lim, f->instance, e) != 0 ||
	    db_exec(f->db, "PRAGMA synchronous = NORMAL", e) != 0)
		return -1;
	return 0;
}

static int
flush_start(struct flush *f, struct gk_err *e)
{
	f->res->sent = f->res->rejected = f->res->pending = 0;
	f->res->defective = 0;
	owner_self(&f->me);
	if (schema_ready(f->db, e) != 0 ||
	    read_instance(f->db, &f->instance, e) != 0)
		return -1;
	if (form_batches(f, e) != 0 ||
	    (f->o->progress &&
	     count_pending(f->db, f->endpoint, &f->total, e) != 0)) {
		free(f->instance);
		f->instance = NULL;
		db_exec(f->db, "PRAGMA synchronous = FULL", e);
		return -1;
	}
	return 0;
}

static void
drop_done(struct flush *f)
{
	f->have_done = false;
	batch_release(&f->done);
	http_response_release(&f->done_resp);
}

static void
report_progress(struct flush *f)
{
	/* An estimate (others may add or send too): counting the queue
	 * after each batch would cost a scan. */
	f->res->pending = f->total - f->res->sent - f->res->rejected;
	if (f->res->pending < 0)
		f->res->pending = 0;
	f->o->progress(f->o->arg, f->res);
}

/* The answered batch: completed, or split on 413 or on a proxy's or
 * firewall's refusal repeated (its halves to send next, the first
 * first).  Inside the caller's transaction. */
static int
finish_batch(struct flush *f, struct gk_err *e)
{
	const struct batch *b = &f->done;
	bool refused = refusal_not_the_api(0, &f->done_resp);
	long long half[2];
	int rc;

	if ((f->done_resp.status != 413 && !refused) || b->n < 2) {
		f->let_through = true;
		return complete_batch(f->db, b, &f->done_resp, f->o, f->res, e);
	}
	/* The batches formed from here on need not meet the same answer.
	 * (Those formed already keep their size: one may have reached the
	 * server under its key.)  A refusal is of a text, not a size. */
	if (!refused && b->body.len / 2 < f->lim.bytes)
		f->lim.bytes = b->body.len / 2;
	rc = split_batch(f->db, b, refused ? f->done_resp.status : 0,
			 f->instance, &f->me, half, e);
	if (rc != 0)
		return rc < 0 ? -1 : 0;
	if (f->nnext + 2 > f->next_cap) {
		f->next_cap = f->next_cap ? f->next_cap * 2 : 8;
		f->next = gk_xrealloc(f->next, f->next_cap * sizeof *f->next);
	}
	f->next[f->nnext++] = half[1];
	f->next[f->nnext++] = half[0];
	return 0;
}

/* The halves split here first, while they are free for me; then the
 * oldest batch I may send.  Inside the caller's transaction. */
static enum claim
claim_next(struct flush *f, struct batch *b, struct gk_err *e)
{
	while (f->nnext > 0) {
		int rc = claim_this(f->db, f->next[--f->nnext], &f->me,
				    f->lease_ms, b, e);

		if (rc < 0)
			return CLAIM_ERROR;
		if (rc > 0) {
			b->split_here = true;
			return CLAIM_GOT;
		}
	}
	return claim_batch(f->db, f->endpoint, &f->me, f->lease_ms, f->held,
			   f->nheld, b, e);
}

/* Complete the answered batch and claim the next one, in one
 * transaction. */
static enum claim
complete_and_claim(struct flush *f, struct batch *b, struct gk_err *e)
{
	enum claim cl;

	if (db_begin(f->db, e) != 0)
		return CLAIM_ERROR;
	if (f->have_done && finish_batch(f, e) != 0)
		cl = CLAIM_ERROR;
	else
		cl = claim_next(f, b, e);
	if (cl == CLAIM_ERROR || db_commit(f->db, e) != 0) {
		db_rollback(f->db);
		batch_release(b);
		return CLAIM_ERROR;
	}
	if (f->have_done) {
		drop_done(f);
		if (f->o->progress)
			report_progress(f);
	}
	return cl;
}

/* Another process holds the batches left: look again a little later,
 * -1 (in *e) once waited long enough. */
static int
wait_for_others(struct flush *f, struct gk_err *e)
{
	if (f->waited >= OUTBOX_MAX_WAIT_MS) {
		gk_err_set(e, "another process is still sending the "
			      "rest; not waiting longer for it");
		return -1;
	}
	sleep_ms(OUTBOX_WAIT_MS);
	f->waited += OUTBOX_WAIT_MS;
	return 0;
}

/* POST a batch with its key; http_request's result. */
static int
post_batch(struct http_client *c, const struct batch *b,
	   struct http_response *resp, struct gk_err *herr)
{
	char key_header[128];
	const char *headers[2] = {key_header, NULL};
	char *path;
	int hrc;

	snprintf(key_header, sizeof key_header, "Idempotency-Key: %s", b->key);
	path = gk_xasprintf("/v1/%s", b->endpoint);
	hrc = http_request(c, "POST", path, b->body.data, b->body.len, headers,
			   resp, herr);
	free(path);
	return hrc;
}

/*
 * Whether a 2xx answer is the API's {"accepted":N,"rejected":[...]}: an
 * object, N a whole number, "rejected" a list or none.  Anything else (a
 * proxy's page, a body cut short, {}) says nothing about the records:
 * the batch stays queued and is sent again under its key, which the API
 * deduplicates.  One of that shape settles the batch even when an entry
 * names no record or the counts do not add up (answer_defect).
 */
static bool
answer_well_formed(const struct http_response *resp, long n)
{
	struct verdicts v;
	cJSON *doc = parse_answer(resp, n, &v);
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(doc, "rejected");
	bool ok = cJSON_IsObject(doc) && v.accepted >= 0 &&
		  (list == NULL || cJSON_IsArray(list));

	free(v.msgs);
	free(v.full);
	cJSON_Delete(doc);
	return ok;
}

/*
 * Whether a 4xx body is the central API's own verdict: a JSON object
 * with its list ('rejected'), its count ('accepted') or its message
 * ('error', 'message').  An empty body, a page (a proxy's, a web
 * application firewall's), text, or an object with none of these is
 * something between refusing the request, and says nothing about the
 * records.
 */
static bool
refusal_from_api(const struct http_response *resp)
{
	cJSON *doc;
	bool yes;

	if (resp->body.len == 0)
		return false;
	doc = cJSON_ParseWithLength(resp->body.data, resp->body.len);
	yes = cJSON_IsObject(doc) &&
	      (cJSON_IsArray(
		       cJSON_GetObjectItemCaseSensitive(doc, "rejected")) ||
	       cJSON_IsNumber(
		       cJSON_GetObjectItemCaseSensitive(doc, "accepted")) ||
	       cJSON_GetObjectItemCaseSensitive(doc, "error") != NULL ||
	       cJSON_IsString(
		       cJSON_GetObjectItemCaseSensitive(doc, "message")));
	cJSON_Delete(doc);
	return yes;
}

/*
 * A 4xx about the records, by its status, that is not the API's answer
 * (refusal_from_api): a proxy's or a firewall's page, an empty body.
 * Rejecting the batch for it put every record aside as refused by the
 * central API, which never saw them: a broken proxy rejected the whole
 * queue, and a firewall that dislikes the text of one record, the 499
 * others of its batch.  413 is left out: a proxy's limit on the size
 * is a limit all the same (the batch is split, a record alone rejected).
 */
static bool
refusal_not_the_api(int hrc, const struct http_response *resp)
{
	return hrc == 0 && resp->status >= 400 && resp->status <= 499 &&
	       resp->status != 409 && resp->status != 413 &&
	       !http_status_retryable(resp->status) &&
	       !status_is_config_error(resp->status) && !refusal_from_api(resp);
}

/* Whether the try before of b had such a refusal: a 4xx that leaves a
 * batch queued (not settled, not 409, 413, 408, 429 or about the
 * configuration) can be nothing else. */
static bool
refused_before(const struct batch *b)
{
	long s = b->last_status;

	return s >= 400 && s <= 499 && s != 409 && s != 413 &&
	       !http_status_retryable(s) && !status_is_config_error(s);
}

/*
 * A proxy's or firewall's refusal of a batch of more than one record
 * whose try before was refused so too: split it as on 413, so that the
 * records it lets through are delivered and the one whose text it
 * refuses is held alone.  Not when this flush has held a record split
 * here already and nothing got through since it began: then it refuses
 * everything (the address), and splitting on would send each record
 * alone for nothing.
 */
static bool
split_refused(const struct flush *f, const struct batch *b, int hrc,
	      const struct http_response *resp)
{
	return refusal_not_the_api(hrc, resp) && b->n >= 2 &&
	       refused_before(b) && (f->held_split == 0 || f->let_through);
}

/* Whether the answer settles the batch: taken, or rejected for reasons
 * that sending again would not change. */
static bool
answer_settles(int hrc, const struct http_response *resp, long n)
{
	if (hrc != 0)
		return false;
	if (resp->status >= 200 && resp->status <= 299)
		return answer_well_formed(resp, n);
	/* 4xx only: a status past 599 is no HTTP class at all, and says
	 * nothing about the records; 409 is the answer to a key whose
	 * request the server is still working on (a try before that timed
	 * out on our side): that request may yet deliver the records, and
	 * rejecting them, for --requeue-rejected to send under a new key,
	 * would deliver them twice */
	return resp->status >= 400 && resp->status <= 499 &&
	       resp->status != 409 && !http_status_retryable(resp->status) &&
	       !status_is_config_error(resp->status) &&
	       !refusal_not_the_api(hrc, resp);
}

/*
 * A 2xx that is not the API's answer, for a batch whose try before had
 * one too: the endpoint is not the central API (a proxy's or a portal's
 * page, a wrong GOVKIT_API), a configuration to put right, not a
 * moment's trouble.  Once could be a body cut short; twice in a row, a
 * cron job that exits 3 for ever would tell nobody.
 */
static bool
not_the_api_again(int hrc, const struct http_response *resp,
		  const struct batch *b)
{
	return hrc == 0 && resp->status >= 200 && resp->status <= 299 &&
	       b->last_status >= 200 && b->last_status <= 299;
}

/* What to put right after an answer that says the configuration is
 * wrong (status_is_config_error), for the officer who reads the mail of
 * a cron job: "HTTP 401" alone did not say that the token is the thing
 * to look at.  Never the token itself. */
static const char *
config_hint(long status)
{
	switch (status) {
	case 401:
		if (http_credential() == HTTP_CRED_ADDRESS)
			return "the central API refused the user and password "
			       "of its address: check GOVKIT_API (or 'api' in "
			       "the config file), or use a token";
		return "the central API refused the token: check GOVKIT_TOKEN, "
		       "GOVKIT_TOKEN_FILE, or 'token' and 'token_file' in the "
		       "config file";
	case 403:
		if (http_credential() == HTTP_CRED_ADDRESS)
			return "the user of the address may not send to this "
			       "endpoint: check GOVKIT_API's user and the "
			       "endpoint's name, or ask the central API's "
			       "keepers for the right";
		return "the token may not send to this endpoint: check the "
		       "token and the endpoint's name, or ask the central "
		       "API's keepers for the right";
	case 404:
		return "the address or the endpoint's name is wrong: check "
		       "GOVKIT_API (or 'api' in the config file) and the "
		       "endpoint";
	case 405:
		return "the address takes no records (POST): check GOVKIT_API "
		       "(or 'api' in the config file) and the endpoint";
	case 407:
		return "the proxy asks for credentials: check https_proxy "
		       "(or http_proxy, all_proxy)";
	case 410:
		return "the endpoint is gone (retired or renamed): check the "
		       "endpoint's name and GOVKIT_API (or 'api' in the config "
		       "file), or ask the central API's keepers where it went";
	case 415:
		return "the JSON body was refused: GOVKIT_API (or 'api' in the "
		       "config file) may not be the central API, or a proxy "
		       "between changes the request (https_proxy)";
	case 426:
		return "the server asks for another protocol: check that "
		       "GOVKIT_API (or 'api' in the config file) is the "
		       "central API's https:// address";
	case 431:
		return "the request's headers are too large for the server or "
		       "a proxy: check the token (GOVKIT_TOKEN, "
		       "GOVKIT_TOKEN_FILE, 'token' or 'token_file') and any "
		       "proxy (https_proxy)";
	default: /* 3xx, never followed */
		return "the central API's address redirects elsewhere: check "
		       "GOVKIT_API (or 'api' in the config file)";
	}
}

/* A proxy's or firewall's refusal (refusal_not_the_api) into e, saying
 * whether it refuses one record's text (the record alone, as the try
 * before), the address (again, nothing through since it refused a
 * record alone), or either (once). */
static void
describe_refusal(const struct batch *b, const struct gk_err *herr,
		 struct gk_err *e)
{
	char range[64];

	if (refused_before(b) && b->n == 1)
		gk_err_set(e,
			   "POST /v1/%s: %s; not the central API's answer (no "
			   "JSON object with its 'rejected' list or 'error'): "
			   "something between, a proxy or a firewall, refused "
			   "record %lld alone (Idempotency-Key %s), as the try "
			   "before: it refuses the text of that record; it "
			   "stays queued, not rejected, and the others are "
			   "sent: ask the keepers of the proxy or firewall to "
			   "let it through",
			   b->endpoint, herr->msg, b->first_id, b->key);
	else if (refused_before(b))
		gk_err_set(e,
			   "POST /v1/%s: %s; not the central API's answer (no "
			   "JSON object with its 'rejected' list or 'error'): "
			   "something between, a proxy or a firewall, refused "
			   "the batch of %s (Idempotency-Key %s) again, and "
			   "nothing got through since it refused a record "
			   "alone: it refuses the address, not one record's "
			   "text; none is rejected: ask the keepers of the "
			   "proxy or firewall, and check GOVKIT_API (or 'api' "
			   "in the config file)",
			   b->endpoint, herr->msg,
			   batch_range(b, range, sizeof range), b->key);
	else
		gk_err_set(
			e,
			"POST /v1/%s: %s; not the central API's answer (no "
			"JSON object with its 'rejected' list or 'error'): "
			"something between, a proxy or a firewall, refused "
			"the batch of %s (Idempotency-Key %s), for the "
			"address or for text in one of its records; none is "
			"rejected: ask the keepers of the proxy or firewall, "
			"and check GOVKIT_API (or 'api' in the config file)",
			b->endpoint, herr->msg,
			batch_range(b, range, sizeof range), b->key);
}

/* Whether the answer is one no records could change (a proxy's or
 * firewall's refusal, a status that says the configuration is wrong):
 * then e says what to put right, kept for --status too, where the
 * status and the page's first words alone read as the API's refusal,
 * or said nothing of what to do. */
static bool
answer_needs_a_person(const struct batch *b, int hrc,
		      const struct http_response *resp,
		      const struct gk_err *herr, struct gk_err *e)
{
	if (refusal_not_the_api(hrc, resp))
		describe_refusal(b, herr, e);
	else if (hrc == 0 && status_is_config_error(resp->status))
		gk_err_set(e, "POST /v1/%s: %s; %s", b->endpoint, herr->msg,
			   config_hint(resp->status));
	else
		return false;
	return true;
}

/* Whether an answer that leaves the batch queued repeats the try
 * before's in a way that sending again cannot help: e says so. */
static bool
answer_repeated(const struct batch *b, int hrc,
		const struct http_response *resp, const struct gk_err *herr,
		struct gk_err *e)
{
	char range[64];

	if (not_the_api_again(hrc, resp, b)) {
		gk_err_set(e,
			   "POST /v1/%s: %s; the try before had such an "
			   "answer too: is GOVKIT_API the central API?",
			   b->endpoint, herr->msg);
		return true;
	}
	if (hrc == 0 && resp->status == 409 && b->last_status == 409) {
		/* once is a request still in progress; twice in a row, a
		 * server that keeps refusing the key: a cron job exiting 3
		 * for ever would tell nobody */
		gk_err_set(e,
			   "POST /v1/%s: %s; the try before had a 409 too: "
			   "the central API keeps refusing the batch of %s "
			   "(Idempotency-Key %s), ask its keepers why",
			   b->endpoint, herr->msg,
			   batch_range(b, range, sizeof range), b->key);
		return true;
	}
	return false;
}

/* Why a batch that a later flush sends again is queued still. */
static void
describe_queued(const struct batch *b, int hrc,
		const struct http_response *resp, const struct gk_err *herr,
		struct gk_err *e)
{
	if (hrc == 0 && resp->status == 409)
		gk_err_set(e,
			   "POST /v1/%s: %s (%d attempt%s); a request with "
			   "the batch's Idempotency-Key may still be in "
			   "progress at the central API: a later flush sends "
			   "it again under the same key and gets its answer",
			   b->endpoint, herr->msg, resp->attempts,
			   resp->attempts > 1 ? "s" : "");
	else if (hrc == 0)
		gk_err_set(e, "POST /v1/%s: %s (%d attempt%s)", b->endpoint,
			   herr->msg, resp->attempts,
			   resp->attempts > 1 ? "s" : "");
	else
		*e = *herr;
}

/* Put an unsettled batch back for a later flush; the status to stop
 * with: GK_EXIT_FAIL where sending again cannot help, else
 * GK_EXIT_QUEUED. */
static int
give_back(struct flush *f, const struct batch *b, int hrc,
	  const struct http_response *resp, const struct gk_err *herr,
	  bool *held, struct gk_err *e)
{
	struct gk_err re;

	*held = false;
	if (answer_needs_a_person(b, hrc, resp, herr, e)) {
		if (release_batch(f->db, b, &f->me, resp->attempts,
				  resp->status, e->msg, &re) != 0)
			*e = re;
		else
			*held = refusal_not_the_api(hrc, resp) &&
				refused_before(b) && b->n == 1;
		return GK_EXIT_FAIL;
	}
	if (release_batch(f->db, b, &f->me, resp->attempts, resp->status,
			  herr->msg, e) != 0)
		return GK_EXIT_FAIL;
	if (answer_repeated(b, hrc, resp, herr, e))
		return GK_EXIT_FAIL;
	if (resp->permanent) {
		if (hrc != 0) /* http_request's errors name the request */
			*e = *herr;
		else
			gk_err_set(e, "POST /v1/%s: %s", b->endpoint,
				   herr->msg);
		return GK_EXIT_FAIL;
	}
	describe_queued(b, hrc, resp, herr, e);
	return GK_EXIT_QUEUED;
}

/* Why an answer that came did not settle its batch; a 2xx names the
 * batch (its records and key), for whoever asks the server's keepers
 * why a batch they took was answered so. */
static void
describe_unsettled(const struct http_response *resp, const struct batch *b,
		   struct gk_err *e)
{
	struct gk_err why;
	char range[64];

	http_response_describe(resp, &why);
	if (resp->status >= 200 && resp->status <= 299)
		gk_err_set(e,
			   "%s: not the answer {\"accepted\":N,"
			   "\"rejected\":[...]} for the batch of %s "
			   "(Idempotency-Key %s); kept to send again",
			   why.msg, batch_range(b, range, sizeof range),
			   b->key);
	else
		*e = why;
}

/* Send a claimed batch.  GK_EXIT_OK when the answer settles it (it is
 * completed with the next claim), else the status to stop with. */
static int
send_batch(struct flush *f, struct batch *b, struct gk_err *e)
{
	struct http_response resp;
	struct gk_err herr;
	bool held;
	int hrc, status;

	hrc = post_batch(f->c, b, &resp, &herr);
	if (answer_settles(hrc, &resp, b->n) ||
	    split_refused(f, b, hrc, &resp)) {
		f->done = *b;
		f->done_resp = resp;
		f->have_done = true;
		return GK_EXIT_OK;
	}
	if (hrc == 0)
		describe_unsettled(&resp, b, &herr);
	status = give_back(f, b, hrc, &resp, &herr, &held, e);
	if (held) {
		/* kept queued, passed over: the others go on */
		if (f->nheld == f->held_cap) {
			f->held_cap = f->held_cap ? f->held_cap * 2 : 8;
			f->held = gk_xrealloc(f->held,
					      f->held_cap * sizeof *f->held);
		}
		if (f->nheld == 0)
			f->held_err = *e;
		f->held[f->nheld++] = b->id;
		if (b->split_here)
			f->held_split++;
		status = GK_EXIT_OK;
	}
	http_response_release(&resp);
	batch_release(b);
	return status;
}

/* Claim and send batches until none is left or one fails. */
static int
send_each(struct flush *f, struct gk_err *e)
{
	for (;;) {
		struct batch b = {0};
		enum claim cl = complete_and_claim(f, &b, e);
		int status;

		if (cl == CLAIM_ERROR)
			return GK_EXIT_FAIL;
		if (cl == CLAIM_NONE)
			return GK_EXIT_OK;
		if (cl == CLAIM_FORM) { /* another process queued more */
			if (form_batches(f, e) != 0)
				return GK_EXIT_FAIL;
			continue;
		}
		if (cl == CLAIM_WAIT) {
			batch_release(&b);
			if (wait_for_others(f, e) != 0)
				return GK_EXIT_QUEUED;
			continue;
		}
		f->waited = 0;
		status = send_batch(f, &b, e);
		if (status != GK_EXIT_OK)
			return status;
	}
}

/* send_each; a record held (a proxy or firewall refusing its text)
 * ends it with exit 2 and its message, unless an error needs it
 * more. */
static int
send_all(struct flush *f, struct gk_err *e)
{
	int status = send_each(f, e);

	if (f->nheld > 0 && status != GK_EXIT_FAIL) {
		*e = f->held_err;
		if (f->nheld > 1)
			gk_err_set(e,
				   "%s; %zu records held so, the first "
				   "named here",
				   f->held_err.msg, f->nheld);
		status = GK_EXIT_FAIL;
	}
	return status;
}

/* Leave the database as db_open does and count what is still queued;
 * the flush's exit status. */
static int
flush_end(struct flush *f, int status, struct gk_err *e)
{
	struct gk_err se, pe;

	/* Back to the default of db_open for whatever the caller does
	 * next (an enqueue must be durable at once). */
	if (db_exec(f->db, "PRAGMA synchronous = FULL", &se) != 0 &&
	    status != GK_EXIT_FAIL) {
		*e = se;
		status = GK_EXIT_FAIL;
	}
	/* "pending" is what is still queued, also after a failure
	 * (401, a bad certificate) that left the records there; the
	 * first error is the one to report. */
	if (count_pending(f->db, f->endpoint, &f->res->pending, &pe) != 0 &&
	    status != GK_EXIT_FAIL) {
		*e = pe;
		return GK_EXIT_FAIL;
	}
	if (status == GK_EXIT_OK && f->res->pending > 0)
		status = GK_EXIT_QUEUED;
	/* a defect of the server's answer needs a person too */
	if (status == GK_EXIT_OK &&
	    (f->res->rejected > 0 || f->res->defective > 0))
		status = GK_EXIT_FOUND;
	return status;
}

int
outbox_flush_opts(sqlite3 *db, struct http_client *c, const char *endpoint,
		  const struct outbox_flush_options *o,
		  struct outbox_result *res, struct gk_err *e)
{
	struct flush f = {0};
	int status;

	f.db = db;
	f.c = c;
	f.endpoint = endpoint;
	f.o = o;
	f.res = res;
	f.lim.records = o->batch_size ? o->batch_size : OUTBOX_DEFAULT_BATCH;
	f.lim.bytes = OUTBOX_MAX_BATCH_BYTES;
	f.lease_ms = http_client_max_duration_ms(c) + OUTBOX_LEASE_MARGIN_MS;
	if (flush_start(&f, e) != 0)
		return GK_EXIT_FAIL;
	status = send_all(&f, e);
	if (f.have_done) /* only after an error above */
		drop_done(&f);
	free(f.next);
	free(f.held);
	free(f.instance);
	return flush_end(&f, status, e);
}

int
outbox_flush(sqlite3 *db, struct http_client *c, const char *endpoint,
	     size_t batch_size, struct outbox_result *res, struct gk_err *e)
{
	struct outbox_flush_options o = {.batch_size = batch_size};

	return outbox_flush_opts(db, c, endpoint, &o, res, e);
}

/* ------------------------------------------------------------ status */

static char *
dup_or_null(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t ? gk_xstrdup((const char *)t) : NULL;
}

/* One row per endpoint of outbox_status_list: the columns status_row
 * reads; ?1 an endpoint or NULL for all. */
static const char status_sql[] =
	/* the endpoints of the log, one index lookup each (not a
	 * scan of the log: it grows for ever) */
	"WITH RECURSIVE logged(endpoint) AS ("
	"  SELECT min(endpoint) FROM outbox_log UNION ALL"
	"  SELECT (SELECT min(l.endpoint) FROM outbox_log l"
	"    WHERE l.endpoint > logged.endpoint)"
	"  FROM logged WHERE logged.endpoint IS NOT NULL),"
	" eps(endpoint) AS ("
	"  SELECT endpoint FROM outbox_record UNION"
	"  SELECT endpoint FROM outbox_rejected UNION"
	"  SELECT endpoint FROM logged WHERE endpoint IS NOT NULL)"
	" SELECT endpoint,"
	"  (SELECT count(*) FROM outbox_record r WHERE r.endpoint = eps.endpoint),"
	"  (SELECT count(*) FROM outbox_batch b WHERE b.endpoint = eps.endpoint),"
	"  (SELECT count(*) FROM outbox_rejected j WHERE j.endpoint = eps.endpoint),"
	"  (SELECT coalesce(sum(accepted), 0) FROM outbox_log l"
	"    WHERE l.endpoint = eps.endpoint),"
	"  (SELECT min(queued_at) FROM outbox_record r WHERE r.endpoint = eps.endpoint),"
	"  (SELECT last_error FROM outbox_batch b WHERE b.endpoint = eps.endpoint"
	"    AND last_try_at IS NOT NULL ORDER BY last_try_at DESC, id DESC LIMIT 1),"
	"  (SELECT max(last_try_at) FROM outbox_batch b WHERE b.endpoint = eps.endpoint),"
	"  (SELECT max(sent_at) FROM outbox_log l WHERE l.endpoint = eps.endpoint),"
	/* the defect of the endpoint's last settled batch: one
	 * settled since on an answer right about it clears it */
	"  (SELECT defect FROM outbox_log l WHERE l.endpoint = eps.endpoint"
	"    ORDER BY id DESC LIMIT 1),"
	"  (SELECT CASE WHEN defect IS NOT NULL THEN sent_at END"
	"    FROM outbox_log l WHERE l.endpoint = eps.endpoint"
	"    ORDER BY id DESC LIMIT 1)"
	" FROM eps WHERE ?1 IS NULL OR endpoint = ?1 ORDER BY endpoint";

/* The status of the endpoint at st's row of status_sql, its texts
 * copied. */
static void
status_row(sqlite3_stmt *st, struct outbox_status *s)
{
	s->endpoint = gk_xstrdup(col_text(st, 0));
	s->pending = (long)sqlite3_column_int64(st, 1);
	s->batches = (long)sqlite3_column_int64(st, 2);
	s->rejected = (long)sqlite3_column_int64(st, 3);
	s->delivered = (long)sqlite3_column_int64(st, 4);
	s->oldest = dup_or_null(st, 5);
	s->last_error = dup_or_null(st, 6);
	s->last_try_at = dup_or_null(st, 7);
	s->last_sent_at = dup_or_null(st, 8);
	s->last_defect = dup_or_null(st, 9);
	s->last_defect_at = dup_or_null(st, 10);
}

int
outbox_status_list(sqlite3 *db, const char *endpoint,
		   struct outbox_status **list, size_t *n, struct gk_err *e)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	*list = NULL;
	*n = 0;
	if (schema_ready(db, e) != 0 || !(st = db_prepare(db, status_sql, e)))
		return -1;
	if (endpoint)
		sqlite3_bind_text(st, 1, endpoint, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			*list = gk_xrealloc(*list, cap * sizeof **list);
		}
		status_row(st, &(*list)[(*n)++]);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		gk_err_set(e, "outbox: %s", db_errmsg(db));
		outbox_status_free(*list, *n);
		*list = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

void
outbox_status_free(struct outbox_status *list, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(list[i].endpoint);
		free(list[i].oldest);
		free(list[i].last_error);
		free(list[i].last_try_at);
		free(list[i].last_sent_at);
		free(list[i].last_defect);
		free(list[i].last_defect_at);
	}
	free(list);
}

/* The columns of a rejected record, in the order rejection_row reads. */
#define REJECTION_COLUMNS \
	"id, endpoint, body, queued_at, rejected_at, status, error"

/* The rejected record at st's row of REJECTION_COLUMNS (its texts are
 * the statement's, valid until its next step). */
static struct outbox_rejection
rejection_row(sqlite3_stmt *st)
{
	return (struct outbox_rejection){
		.id = (long)sqlite3_column_int64(st, 0),
		.endpoint = col_text(st, 1),
		.record = col_text(st, 2),
		.queued_at = col_text(st, 3),
		.rejected_at = col_text(st, 4),
		.status = (long)sqlite3_column_int64(st, 5),
		.error = col_text(st, 6),
	};
}

int
outbox_rejected_each(sqlite3 *db, const char *endpoint,
		     int (*fn)(void *arg, const struct outbox_rejection *r),
		     void *arg, struct gk_err *e)
{
	sqlite3_stmt *st =
		db_prepare(db,
			   "SELECT " REJECTION_COLUMNS " FROM outbox_rejected"
			   " WHERE ?1 IS NULL OR endpoint = ?1"
			   " ORDER BY id",
			   e);
	int rc;

	if (!st)
		return -1;
	if (endpoint)
		sqlite3_bind_text(st, 1, endpoint, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct outbox_rejection r = rejection_row(st);

		if (fn(arg, &r) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		gk_err_set(e, "outbox: %s", db_errmsg(db));
		return -1;
	}
	return 0;
}

int
outbox_requeue_rejected(sqlite3 *db, const char *endpoint, long *n,
			struct gk_err *e)
{
	sqlite3_stmt *ins = NULL, *del = NULL;
	int rc = -1;

	*n = 0;
	if (schema_ready(db, e) != 0 || db_begin(db, e) != 0)
		return -1;
	if (db_exec(db,
		    "INSERT OR IGNORE INTO outbox_cursor (endpoint, last_id)"
		    " SELECT DISTINCT endpoint, 0 FROM outbox_rejected",
		    e) != 0)
		goto out;
	ins = db_prepare(
		db,
		"INSERT INTO outbox_record (endpoint, body, queued_at)"
		" SELECT endpoint, body, queued_at FROM outbox_rejected"
		" WHERE ?1 IS NULL OR endpoint = ?1 ORDER BY id",
		e);
	del = db_prepare(db,
			 "DELETE FROM outbox_rejected"
			 " WHERE ?1 IS NULL OR endpoint = ?1",
			 e);
	if (!ins || !del)
		goto out;
	if (endpoint) {
		sqlite3_bind_text(ins, 1, endpoint, -1, SQLITE_STATIC);
		sqlite3_bind_text(del, 1, endpoint, -1, SQLITE_STATIC);
	}
	if (step_done(db, ins, e) != 0)
		goto out;
	*n = sqlite3_changes(db);
	if (step_done(db, del, e) != 0 || db_commit(db, e) != 0)
		goto out;
	rc = 0;
out:
	if (rc != 0)
		db_rollback(db);
	sqlite3_finalize(ins);
	sqlite3_finalize(del);
	return rc;
}

/* The rejected records d selects: ?1 endpoint, ?2 rejected before this
 * instant, ?3 a JSON array of their numbers; NULL selects any. */
#define DROP_WHERE \
	" WHERE (?1 IS NULL OR endpoint = ?1)" \
	" AND (?2 IS NULL OR rejected_at < ?2)" \
	" AND (?3 IS NULL OR id IN (SELECT value FROM json_each(?3)))"

static void
drop_bind(sqlite3_stmt *st, const struct outbox_drop *d)
{
	if (d->endpoint)
		sqlite3_bind_text(st, 1, d->endpoint, -1, SQLITE_STATIC);
	if (d->before)
		sqlite3_bind_text(st, 2, d->before, -1, SQLITE_STATIC);
	if (d->ids)
		sqlite3_bind_text(st, 3, d->ids, -1, SQLITE_STATIC);
}

/*
 * The records are read and told in a read transaction, which takes no
 * lock in WAL: told to a slow reader (a pager, a pipe that waits) they
 * hold nobody up.  Only then, in a write transaction of its own, are the
 * ones told deleted by their numbers: a record rejected meanwhile, not
 * told, stays; one requeued or dropped meanwhile by another process makes
 * the counts differ, and nothing is dropped.
 */
int
outbox_drop_rejected(sqlite3 *db, const struct outbox_drop *d, long *n,
		     struct gk_err *e)
{
	sqlite3_stmt *sel = NULL, *del = NULL;
	struct gk_buf told; /* a JSON array of the numbers told */
	int rc = -1, step;

	*n = 0;
	if (schema_ready(db, e) != 0 || db_exec(db, "BEGIN", e) != 0)
		return -1;
	buf_init(&told);
	sel = db_prepare(db,
			 "SELECT " REJECTION_COLUMNS
			 " FROM outbox_rejected" DROP_WHERE " ORDER BY id",
			 e);
	if (!sel)
		goto out;
	drop_bind(sel, d);
	while ((step = sqlite3_step(sel)) == SQLITE_ROW) {
		struct outbox_rejection r = rejection_row(sel);

		if (d->each(d->arg, &r, e) != 0)
			goto out;
		buf_printf(&told, "%s%ld", *n ? "," : "[", r.id);
		(*n)++;
	}
	if (step != SQLITE_DONE) {
		gk_err_set(e, "outbox: %s", db_errmsg(db));
		goto out;
	}
	sqlite3_finalize(sel);
	sel = NULL;
	db_rollback(db); /* the read transaction: nothing written */
	if (d->done && d->done(d->arg, e) != 0)
		goto out;
	if (d->keep || *n == 0) {
		rc = 0;
		goto out;
	}
	buf_adds(&told, "]");
	if (db_begin(db, e) != 0)
		goto out;
	del = db_prepare(db,
			 "DELETE FROM outbox_rejected"
			 " WHERE id IN (SELECT value FROM json_each(?1))",
			 e);
	if (!del)
		goto out;
	sqlite3_bind_text(del, 1, told.data, -1, SQLITE_STATIC);
	if (step_done(db, del, e) != 0)
		goto out;
	if (sqlite3_changes(db) != *n) {
		gk_err_set(e,
			   "outbox: %ld rejected records told, %d still there "
			   "to drop (another process requeued or dropped "
			   "some); nothing dropped",
			   *n, sqlite3_changes(db));
		goto out;
	}
	if (db_commit(db, e) != 0)
		goto out;
	sqlite3_finalize(del);
	buf_release(&told);
	return 0;
out:
	db_rollback(db); /* (none open: nothing) */
	sqlite3_finalize(sel);
	sqlite3_finalize(del);
	buf_release(&told);
	return rc;
}

/* ------------------------------------------------------------ plan */

int
outbox_plan(sqlite3 *db, const char *endpoint, size_t batch_size,
	    void (*fn)(void *arg, const struct outbox_plan_batch *b), void *arg,
	    struct gk_err *e)
{
	sqlite3_stmt *st;
	char *cur = NULL;
	struct outbox_plan_batch pb = {0};
	size_t empty = sizeof body_head - 1 + 3; /* {"records":[]} */
	int rc;

	if (!batch_size)
		batch_size = OUTBOX_DEFAULT_BATCH;
	if (schema_ready(db, e) != 0)
		return -1;
	st = db_prepare(db,
			"SELECT endpoint, records, bytes, idem_key"
			" FROM outbox_batch WHERE ?1 IS NULL OR endpoint = ?1"
			" ORDER BY id",
			e);
	if (!st)
		return -1;
	if (endpoint)
		sqlite3_bind_text(st, 1, endpoint, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct outbox_plan_batch b = {
			.endpoint = col_text(st, 0),
			.records = (long)sqlite3_column_int64(st, 1),
			.bytes = (size_t)sqlite3_column_int64(st, 2),
			.key = col_text(st, 3),
		};

		fn(arg, &b);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		gk_err_set(e, "outbox: %s", db_errmsg(db));
		return -1;
	}

	/* Not formed yet: per endpoint, in order, as form_batch would. */
	st = db_prepare(db,
			"SELECT c.endpoint, length(CAST(r.body AS BLOB))"
			" FROM outbox_cursor c JOIN outbox_record r"
			" ON r.endpoint = c.endpoint AND r.id > c.last_id"
			" WHERE ?1 IS NULL OR c.endpoint = ?1"
			" ORDER BY c.endpoint, r.id",
			e);
	if (!st)
		return -1;
	if (endpoint)
		sqlite3_bind_text(st, 1, endpoint, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *ep = col_text(st, 0);
		size_t len = (size_t)sqlite3_column_int64(st, 1);

		if (cur &&
		    (strcmp(cur, ep) != 0 || (size_t)pb.records == batch_size ||
		     pb.bytes + len + 1 > OUTBOX_MAX_BATCH_BYTES)) {
			fn(arg, &pb);
			free(cur);
			cur = NULL;
		}
		if (!cur) {
			cur = gk_xstrdup(ep);
			pb.endpoint = cur;
			pb.records = 0;
			pb.bytes = empty - 1;
		}
		pb.bytes += len + 1;
		pb.records++;
	}
	if (cur && rc == SQLITE_DONE)
		fn(arg, &pb);
	free(cur);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		gk_err_set(e, "outbox: %s", db_errmsg(db));
		return -1;
	}
	return 0;
}
