/*
 * track.c: --track.  A finding is known by a fingerprint of its check,
 * field (or column), row and raw value; the database keeps the
 * fingerprints of each file's last run (migration 2), so this run's
 * findings are "new" or "persisting" and the ones gone are "resolved".
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"

struct track {
	sqlite3 *db;
	char *key; /* the file's path, its row in check_file */
	struct keyset prev;
	struct keyset cur;
	uint64_t *fps;
	enum chk_code *codes;
	size_t n, cap;
	char sha256[65];
	struct track *next; /* the list of runs to store */
};

static uint64_t
fingerprint(const struct finding *f)
{
	uint64_t h = gk_hash(chk_code_name(f->check),
			     strlen(chk_code_name(f->check)), 0);
	if (f->field)
		h = gk_hash(f->field, strlen(f->field), h);
	else
		h = gk_hash(&f->column, sizeof f->column, h ^ 1);
	h = gk_hash(&f->row, sizeof f->row, h);
	if (f->has_value)
		h = gk_hash(f->value, f->value_len, h ^ 2);
	return h ? h : 1;
}

/*
 * The findings of the file's last run, read without writing anything: a
 * run is stored (track_store_all) only once its output is out.
 */
struct track *
track_open(sqlite3 *db, const char *file_key, struct gk_err *e)
{
	struct track *t = gk_xcalloc(1, sizeof *t);
	sqlite3_stmt *st = NULL;
	int rc;

	t->db = db;
	t->key = gk_xstrdup(file_key);
	keyset_init(&t->prev);
	keyset_init(&t->cur);
	st = db_prepare(
		db,
		"SELECT f.fingerprint FROM check_finding f"
		" JOIN check_file c ON c.id = f.file_id WHERE c.path = ?1",
		e);
	if (!st)
		goto bad;
	sqlite3_bind_text(st, 1, file_key, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		keyset_put(&t->prev, (uint64_t)sqlite3_column_int64(st, 0), 1);
	if (rc != SQLITE_DONE)
		goto sqlbad;
	sqlite3_finalize(st);
	return t;
sqlbad:
	gk_err_set(e, "database: %s", db_errmsg(db));
bad:
	sqlite3_finalize(st);
	track_free(t);
	return NULL;
}

const char *
track_status(struct track *t, const struct finding *f)
{
	uint64_t fp = fingerprint(f);

	if (keyset_put(&t->cur, fp, 1) == 0) {
		if (t->n == t->cap) {
			t->cap = t->cap ? t->cap * 2 : 256;
			t->fps = gk_xrealloc(t->fps, t->cap * sizeof *t->fps);
			t->codes = gk_xrealloc(t->codes,
					       t->cap * sizeof *t->codes);
		}
		t->fps[t->n] = fp;
		t->codes[t->n] = f->check;
		t->n++;
	}
	return keyset_has(&t->prev, fp) ? "persisting" : "new";
}

long
track_finish(struct track *t, const char *sha256)
{
	long resolved = 0;

	snprintf(t->sha256, sizeof t->sha256, "%s", sha256);
	for (size_t i = 0; i < t->prev.cap; i++) {
		uint64_t fp = t->prev.slots[i].key;
		if (fp && !keyset_has(&t->cur, fp))
			resolved++;
	}
	return resolved;
}

void
track_push(struct track **list, struct track *t)
{
	t->next = *list;
	*list = t;
}

/*
 * One run, inside track_store_all's transaction.  The run's number and the
 * findings to drop are read here, under the write lock, not at
 * track_open: another gov-check --track of the file may have stored its
 * run since (two at once each counted runs + 1 from the same number, and
 * one increment was lost).
 */
static int
track_store(struct track *t, struct gk_err *e)
{
	sqlite3_stmt *add = NULL, *upd = NULL, *get = NULL, *del = NULL,
		     *ins = NULL;
	sqlite3_int64 file_id, run;
	uint64_t *gone = NULL;
	size_t ngone = 0, cap = 0;
	int rc = -1, step;

	add = db_prepare(t->db,
			 "INSERT OR IGNORE INTO check_file (path) VALUES (?1)",
			 e);
	upd = add ? db_prepare(
			    t->db,
			    "UPDATE check_file SET runs = runs + 1,"
			    " last_sha256 = ?2, last_run = ?3 WHERE path = ?1",
			    e)
		  : NULL;
	get = upd ? db_prepare(
			    t->db,
			    "SELECT id, runs FROM check_file WHERE path = ?1",
			    e)
		  : NULL;
	if (!get)
		goto out;
	sqlite3_bind_text(add, 1, t->key, -1, SQLITE_STATIC);
	if (sqlite3_step(add) != SQLITE_DONE)
		goto sqlbad;
	sqlite3_bind_text(upd, 1, t->key, -1, SQLITE_STATIC);
	sqlite3_bind_text(upd, 2, t->sha256, -1, SQLITE_STATIC);
	sqlite3_bind_int64(upd, 3, (sqlite3_int64)time(NULL));
	if (sqlite3_step(upd) != SQLITE_DONE)
		goto sqlbad;
	sqlite3_bind_text(get, 1, t->key, -1, SQLITE_STATIC);
	if (sqlite3_step(get) != SQLITE_ROW)
		goto sqlbad;
	file_id = sqlite3_column_int64(get, 0);
	run = sqlite3_column_int64(get, 1);

	/* The findings stored now that this run did not see: gone. */
	del = db_prepare(
		t->db,
		"SELECT fingerprint FROM check_finding WHERE file_id = ?1", e);
	if (!del)
		goto out;
	sqlite3_bind_int64(del, 1, file_id);
	while ((step = sqlite3_step(del)) == SQLITE_ROW) {
		uint64_t fp = (uint64_t)sqlite3_column_int64(del, 0);
		if (keyset_has(&t->cur, fp))
			continue;
		if (ngone == cap) {
			cap = cap ? cap * 2 : 256;
			gone = gk_xrealloc(gone, cap * sizeof *gone);
		}
		gone[ngone++] = fp;
	}
	if (step != SQLITE_DONE)
		goto sqlbad;
	sqlite3_finalize(del);
	del = db_prepare(
		t->db,
		"DELETE FROM check_finding WHERE file_id = ?1 AND fingerprint = ?2",
		e);
	ins = del ? db_prepare(
			    t->db,
			    "INSERT OR IGNORE INTO check_finding "
			    "(file_id, fingerprint, check_code, first_run) VALUES (?1, ?2, ?3, ?4)",
			    e)
		  : NULL;
	if (!ins)
		goto out;
	for (size_t i = 0; i < ngone; i++) {
		sqlite3_bind_int64(del, 1, file_id);
		sqlite3_bind_int64(del, 2, (sqlite3_int64)gone[i]);
		if (sqlite3_step(del) != SQLITE_DONE)
			goto sqlbad;
		sqlite3_reset(del);
	}
	for (size_t i = 0; i < t->n; i++) {
		sqlite3_bind_int64(ins, 1, file_id);
		sqlite3_bind_int64(ins, 2, (sqlite3_int64)t->fps[i]);
		sqlite3_bind_text(ins, 3, chk_code_name(t->codes[i]), -1,
				  SQLITE_STATIC);
		sqlite3_bind_int64(ins, 4, run);
		if (sqlite3_step(ins) != SQLITE_DONE)
			goto sqlbad;
		sqlite3_reset(ins);
	}
	rc = 0;
	goto out;
sqlbad:
	gk_err_set(e, "database: %s", db_errmsg(t->db));
out:
	sqlite3_finalize(add);
	sqlite3_finalize(upd);
	sqlite3_finalize(get);
	sqlite3_finalize(del);
	sqlite3_finalize(ins);
	free(gone);
	return rc;
}

/* Every run of the list in one transaction: all stored, or none. */
int
track_store_all(struct track *list, struct gk_err *e)
{
	if (!list)
		return 0;
	if (db_begin(list->db, e) < 0)
		return -1;
	for (struct track *t = list; t; t = t->next)
		if (track_store(t, e) < 0) {
			db_rollback(list->db);
			return -1;
		}
	return db_commit(list->db, e);
}

void
track_free_all(struct track *list)
{
	while (list) {
		struct track *next = list->next;
		track_free(list);
		list = next;
	}
}

void
track_free(struct track *t)
{
	if (!t)
		return;
	free(t->key);
	keyset_release(&t->prev);
	keyset_release(&t->cur);
	free(t->fps);
	free(t->codes);
	free(t);
}
