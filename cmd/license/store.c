/*
 * store.c: gov-license's tables in the local database (migration 3):
 * the revocation list, the sync position and the online-answer cache.
 *
 * A batch reads the whole revocation list into a hash table once, so the
 * worker threads look it up without touching SQLite.
 */
#include "license.h"

#include <stdlib.h>
#include <string.h>

struct revlist {
	struct revocation *slots; /* open addressing; license_no NULL = empty */
	size_t cap, n;
};

static void
rl_insert(struct revlist *r, const char *no, const char *at, const char *reason,
	  const char *source)
{
	size_t i;

	if ((r->n + 1) * 2 > r->cap) {
		struct revlist big = {NULL, r->cap ? r->cap * 2 : 64, 0};
		big.slots = gk_xcalloc(big.cap, sizeof *big.slots);
		for (i = 0; i < r->cap; i++)
			if (r->slots[i].license_no) {
				size_t j =
					gk_hash(r->slots[i].license_no,
						strlen(r->slots[i].license_no),
						0) &
					(big.cap - 1);
				while (big.slots[j].license_no)
					j = (j + 1) & (big.cap - 1);
				big.slots[j] = r->slots[i];
				big.n++;
			}
		free(r->slots);
		*r = big;
	}
	i = gk_hash(no, strlen(no), 0) & (r->cap - 1);
	while (r->slots[i].license_no)
		i = (i + 1) & (r->cap - 1);
	r->slots[i].license_no = gk_xstrdup(no);
	r->slots[i].revoked_at = gk_xstrdup(at);
	r->slots[i].reason = gk_xstrdup(reason);
	r->slots[i].source = gk_xstrdup(source);
	r->n++;
}

static const char *
col(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? (const char *)t : "";
}

struct revlist *
revlist_load(sqlite3 *db, struct gk_err *e)
{
	struct revlist *r = gk_xcalloc(1, sizeof *r);
	sqlite3_stmt *st =
		db_prepare(db,
			   "SELECT license_no, revoked_at, reason, source "
			   "FROM license_revocation",
			   e);
	int rc;

	if (!st) {
		free(r);
		return NULL;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		rl_insert(r, col(st, 0), col(st, 1), col(st, 2), col(st, 3));
	if (rc != SQLITE_DONE) {
		gk_err_set(e, "cannot read the revocation list: %s",
			   db_errmsg(db));
		sqlite3_finalize(st);
		revlist_free(r);
		return NULL;
	}
	sqlite3_finalize(st);
	return r;
}

const struct revocation *
revlist_find(const struct revlist *r, const char *no, size_t n)
{
	size_t i;

	if (!r || !r->cap)
		return NULL;
	i = gk_hash(no, n, 0) & (r->cap - 1);
	while (r->slots[i].license_no) {
		if (strlen(r->slots[i].license_no) == n &&
		    memcmp(r->slots[i].license_no, no, n) == 0)
			return &r->slots[i];
		i = (i + 1) & (r->cap - 1);
	}
	return NULL;
}

void
revlist_free(struct revlist *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->cap; i++)
		if (r->slots[i].license_no) {
			free((char *)r->slots[i].license_no);
			free((char *)r->slots[i].revoked_at);
			free((char *)r->slots[i].reason);
			free((char *)r->slots[i].source);
		}
	free(r->slots);
	free(r);
}

/* The last write number into *last. */
static int
last_write(sqlite3 *db, sqlite3_int64 *last, struct gk_err *e)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT last FROM license_writes", e);
	int rc;

	if (st == NULL)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*last = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW) {
		gk_err_set(e, "database: %s", db_errmsg(db));
		return -1;
	}
	return 0;
}

int
store_write_begin(sqlite3 *db, sqlite3_int64 *write_no, struct gk_err *e)
{
	if (db_exec(db, "UPDATE license_writes SET last = last + 1", e) < 0)
		return -1;
	return last_write(db, write_no, e);
}

int
store_write_undone(sqlite3 *db, sqlite3_int64 write_no, struct gk_err *e)
{
	sqlite3_stmt *st = db_prepare(
		db, "UPDATE license_writes SET last = ?1 - 1 WHERE last = ?1",
		e);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, write_no);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		gk_err_set(e, "database: %s", db_errmsg(db));
		return -1;
	}
	return 0;
}

int
store_write_is_last(sqlite3 *db, sqlite3_int64 write_no, struct gk_err *e)
{
	sqlite3_int64 last;

	if (last_write(db, &last, e) < 0)
		return -1;
	if (last != write_no) {
		gk_err_set(e, "another run has revoked or synced since");
		return -1;
	}
	return 0;
}

int
store_revoke_begin(struct revoke_stmts *rs, sqlite3 *db, sqlite3_int64 write_no,
		   struct gk_err *e)
{
	rs->db = db;
	rs->write_no = write_no;
	rs->known = db_prepare(
		db, "SELECT 1 FROM license_revocation WHERE license_no = ?1",
		e);
	rs->upsert =
		rs->known
			? db_prepare(
				  db,
				  "INSERT INTO license_revocation "
				  "(license_no, revoked_at, reason, source, recorded_at,"
				  " write_no) "
				  "VALUES (?1, ?2, ?3, ?4, strftime('%s','now'), ?5) "
				  "ON CONFLICT(license_no) DO UPDATE SET revoked_at = ?2, "
				  "reason = ?3, source = ?4, recorded_at = strftime('%s','now'),"
				  " write_no = ?5",
				  e)
			: NULL;
	if (!rs->upsert) {
		store_revoke_end(rs);
		return -1;
	}
	return 0;
}

int
store_revoke_put(struct revoke_stmts *rs, const char *no,
		 const char *revoked_at, const char *reason, const char *source,
		 bool *was_known, struct gk_err *e)
{
	int rc;

	if (was_known) {
		sqlite3_bind_text(rs->known, 1, no, -1, SQLITE_STATIC);
		rc = sqlite3_step(rs->known);
		*was_known = rc == SQLITE_ROW;
		sqlite3_reset(rs->known);
		sqlite3_clear_bindings(rs->known); /* no is the caller's */
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			goto fail;
	}
	sqlite3_bind_text(rs->upsert, 1, no, -1, SQLITE_STATIC);
	sqlite3_bind_text(rs->upsert, 2, revoked_at, -1, SQLITE_STATIC);
	sqlite3_bind_text(rs->upsert, 3, reason, -1, SQLITE_STATIC);
	sqlite3_bind_text(rs->upsert, 4, source, -1, SQLITE_STATIC);
	sqlite3_bind_int64(rs->upsert, 5, rs->write_no);
	rc = sqlite3_step(rs->upsert);
	sqlite3_reset(rs->upsert);
	sqlite3_clear_bindings(rs->upsert);
	if (rc == SQLITE_DONE)
		return 0;
fail:
	gk_err_set(e, "cannot record the revocation of '%s': %s", no,
		   db_errmsg(rs->db));
	return -1;
}

void
store_revoke_end(struct revoke_stmts *rs)
{
	sqlite3_finalize(rs->known);
	sqlite3_finalize(rs->upsert);
	rs->known = rs->upsert = NULL;
}

int
store_revoke(sqlite3 *db, sqlite3_int64 write_no, const char *no,
	     const char *revoked_at, const char *reason, const char *source,
	     struct gk_err *e)
{
	struct revoke_stmts rs;
	int rc;

	if (store_revoke_begin(&rs, db, write_no, e) < 0)
		return -1;
	rc = store_revoke_put(&rs, no, revoked_at, reason, source, NULL, e);
	store_revoke_end(&rs);
	return rc;
}

int
store_cache_put(sqlite3 *db, const char *no, const struct online_answer *a,
		struct gk_err *e)
{
	sqlite3_stmt *st =
		db_prepare(db,
			   "INSERT OR REPLACE INTO license_online_cache "
			   "(license_no, found, status, valid_to, answered_at) "
			   "VALUES (?1, ?2, ?3, ?4, ?5)",
			   e);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, no, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 2, a->found);
	sqlite3_bind_text(st, 3, a->status, -1, SQLITE_TRANSIENT);
	if (a->valid_to[0])
		sqlite3_bind_text(st, 4, a->valid_to, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, 4);
	sqlite3_bind_int64(st, 5, a->answered_at);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		gk_err_set(e, "cannot cache the answer for '%s': %s", no,
			   db_errmsg(db));
		return -1;
	}
	return 0;
}

int
store_cache_get(sqlite3 *db, const char *no, struct online_answer *a,
		struct gk_err *e)
{
	sqlite3_stmt *st =
		db_prepare(db,
			   "SELECT found, status, valid_to, answered_at "
			   "FROM license_online_cache WHERE license_no = ?1",
			   e);
	int rc, found = 0;

	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, no, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		memset(a, 0, sizeof *a);
		a->found = sqlite3_column_int(st, 0) != 0;
		snprintf(a->status, sizeof a->status, "%s", col(st, 1));
		snprintf(a->valid_to, sizeof a->valid_to, "%s", col(st, 2));
		a->answered_at = sqlite3_column_int64(st, 3);
		found = 1;
	} else if (rc != SQLITE_DONE) {
		gk_err_set(e, "cannot read the answer cache: %s",
			   db_errmsg(db));
		found = -1;
	}
	sqlite3_finalize(st);
	return found;
}
