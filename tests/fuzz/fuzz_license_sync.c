/*
 * Fuzz target: gov-license sync's reading of the register's answer (the
 * revocation list of GET /v1/revocations): the stored sync position,
 * the answer's "revocations" array, each revocation (license_no,
 * revoked_at as an RFC 3339 instant, reason) stored, the new position,
 * the sync record; then the list as verify reads it (store.c revlist),
 * in which every revocation stored must be found.  The answer is read an
 * element at a time (lj_parse_each); it must be taken exactly when the
 * whole of it parses (lj_parse) with a "revocations" array.
 *
 * The input is the stored position (up to the first newline; none when
 * empty), then the answer's body.  The functions are static in main.c,
 * which the fuzz rule does not link: it is included here, its main
 * renamed.  The database is SQLite in memory with the migrations; each
 * input's transaction is rolled back, the position deleted, so every
 * input meets an empty list.  "Now" is fixed at 2025-10-15T00:00:00Z.
 */
#include "fuzz.h"

#define main license_main
#include "main.c"
#undef main

#include <fcntl.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);

static sqlite3 *sync_db;
static FILE *devnull;

static void
die(const struct gk_err *e)
{
	fprintf(stderr, "fuzz_license_sync: %s\n", e->msg);
	abort();
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct gk_err e;

	(void)argc;
	(void)argv;
	gk_set_progname("gov-license");
	devnull = fdopen(open("/dev/null", O_RDWR), "w");
	if (devnull == NULL)
		abort();
	/* the warnings about bad revocations go nowhere (FUZZ_VERBOSE=1 shows
	 * them, and why a property failed) */
	if (!getenv("FUZZ_VERBOSE"))
		stderr = devnull;
	if (db_open(&sync_db, ":memory:", &e) < 0)
		die(&e);
	return 0;
}

static void
store_since(const char *since, size_t n)
{
	sqlite3_stmt *st;
	struct gk_err e;

	st = db_prepare(sync_db,
			"INSERT INTO license_sync (id, since, synced_at)"
			" VALUES (1, ?1, 0)",
			&e);
	if (st == NULL)
		die(&e);
	sqlite3_bind_text(st, 1, since, (int)n, SQLITE_TRANSIENT);
	if (sqlite3_step(st) != SQLITE_DONE)
		abort();
	sqlite3_finalize(st);
}

/* Whether the answer parses whole with a "revocations" array. */
static bool
answer_parses(const struct http_response *resp)
{
	struct lj_arena a;
	struct gk_err e;
	const struct lj_value *root, *arr;
	bool ok;

	lj_arena_init(&a);
	root = lj_parse(&a, resp->body.data, resp->body.len, &e);
	arr = root ? lj_get(root, SYNC_MEMBER) : NULL;
	ok = arr && arr->kind == LJ_ARRAY;
	lj_arena_release(&a);
	return ok;
}

static int
check_one(const struct lj_value *r, void *arg, struct gk_err *e)
{
	const struct revlist *rl = arg;
	size_t nl, al;
	const char *no = lj_get_str(r, "license_no", &nl);
	const char *at = lj_get_str(r, "revoked_at", &al);

	(void)e;
	if (!no || !nl || !at || !al || memchr(no, 0, nl))
		return 0; /* ignored by sync */
	if (revlist_find(rl, no, nl) == NULL) {
		fprintf(stderr, "revocation of '%.*s' stored, not found\n",
			(int)nl, no);
		abort();
	}
	return 0;
}

/* Every revocation that sync stored is on the list verify reads. */
static void
check_list(const struct http_response *resp, struct lj_arena *doc,
	   struct lj_arena *item)
{
	struct gk_err e;
	struct revlist *rl = revlist_load(sync_db, &e);

	if (rl == NULL)
		die(&e);
	if (!lj_parse_each(doc, item, resp->body.data, resp->body.len,
			   SYNC_MEMBER, check_one, rl, &e))
		abort(); /* it parsed a moment ago */
	revlist_free(rl);
}

/* Revocations there before each sync, some with license numbers the
 * corpus's answers use, so that a sync replaces rows and its take-back
 * has them to put back. */
static void
seed_register(void)
{
	struct gk_err e;

	if (db_exec(sync_db,
		    "INSERT INTO license_revocation (license_no, revoked_at,"
		    " reason, source, recorded_at, write_no) VALUES"
		    " ('L-2025-0001', '2025-01-01', 'seeded', 'local', 17, 0),"
		    " ('TL-1', '2025-02-01T00:00:00Z', 'seeded', 'sync', 18, 2),"
		    " ('x', 'x', '', 'local', 19, 1),"
		    " ('untouched', '2025-03-01', 'seeded', 'local', 20, 0);"
		    /* as in a real register: no row's number above the last */
		    " UPDATE license_writes SET last = max(last, 2)",
		    &e) < 0)
		die(&e);
}

/* The register, the position and the write counter as text, every
 * column, to compare before and after. */
static char *
sync_state(void)
{
	sqlite3_stmt *st;
	struct gk_err e;
	char *out;

	st = db_prepare(sync_db,
			"SELECT coalesce((SELECT group_concat(r, ';') FROM"
			" (SELECT quote(license_no) || quote(revoked_at) ||"
			" quote(reason) || quote(source) || quote(recorded_at)"
			" || quote(write_no) AS r FROM license_revocation"
			" ORDER BY license_no)), '') || '|'"
			" || coalesce((SELECT quote(since) || ',' || synced_at"
			" FROM license_sync), '-') || '|'"
			" || (SELECT last FROM license_writes)",
			&e);
	if (st == NULL)
		die(&e);
	if (sqlite3_step(st) != SQLITE_ROW)
		abort();
	out = gk_xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return out;
}

/* A sync committed and then taken back leaves what was there before. */
static void
check_take_back(struct sync_undo *u, const char *before)
{
	struct gk_err e;
	char *after;

	sqlite3_finalize(u->capture);
	u->capture = NULL;
	if (db_commit(sync_db, &e) < 0 || db_begin(sync_db, &e) < 0)
		die(&e);
	if (sync_unstore(sync_db, u, &e) < 0) {
		fprintf(stderr, "take-back refused: %s\n", e.msg);
		abort();
	}
	if (db_commit(sync_db, &e) < 0)
		die(&e);
	after = sync_state();
	if (strcmp(before, after) != 0) {
		fprintf(stderr, "taken back: %s, before the sync: %s\n", after,
			before);
		abort();
	}
	free(after);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size);
	size_t slen = nl ? (size_t)(nl - data) : 0;
	struct http_response resp = {0};
	struct sync_pass s = {0};
	struct lj_arena doc, item;
	struct gk_err e;
	struct sync_undo u = {0};
	const char *pos;
	char *before;
	bool taken;

	if (nl == NULL)
		return 0;
	lj_arena_init(&doc);
	lj_arena_init(&item);
	seed_register();
	if (slen > 0)
		store_since((const char *)data, slen);
	s.now.secs = 1760486400LL; /* 2025-10-15T00:00:00Z */
	sync_load_since(&s, sync_db);
	resp.status = 200;
	buf_init(&resp.body);
	buf_add(&resp.body, (const char *)nl + 1, size - slen - 1);
	taken = sync_answer_ok(&resp, &doc, &item);
	if (taken != answer_parses(&resp))
		abort(); /* read element by element, not as a whole */
	before = sync_state();
	if (taken &&
	    sync_store(&s, sync_db, &resp, &doc, &item, &pos, &u) == 0) {
		sync_print(devnull, GK_FORMAT_NDJSON, &s, pos);
		sync_print(devnull, GK_FORMAT_TEXT, &s, pos);
		lj_arena_reset(&doc);
		check_list(&resp, &doc, &item);
		check_take_back(&u, before);
	}
	free(before);
	sync_undo_release(&u);
	if (sqlite3_get_autocommit(sync_db) == 0)
		db_rollback(sync_db);
	if (db_exec(sync_db, "DELETE FROM license_sync", &e) < 0 ||
	    db_exec(sync_db, "DELETE FROM license_revocation", &e) < 0)
		die(&e);
	buf_release(&resp.body);
	free(s.since);
	free(s.until);
	lj_arena_release(&doc);
	lj_arena_release(&item);
	return 0;
}
