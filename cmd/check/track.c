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
	/* what storing it changed, for track_unstore_all: the file's row
	 * before and after, the findings it dropped (with their code and
	 * first run) and those it added */
	struct db_rows file_before, file_after;
	uint64_t *gone;
	char **gone_codes;
	sqlite3_int64 *gone_first;
	size_t ngone;
	uint64_t *added;
	size_t nadded;
};

#define FILE_ROW \
	"SELECT id, path, runs, last_sha256, last_run FROM check_file" \
	" WHERE path = ?1"

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
	db_rows_init(&t->file_before);
	db_rows_init(&t->file_after);
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

/* A finding of the stored run that this run did not see: dropped. */
static void
note_gone(struct track *t, uint64_t fp, const char *code, sqlite3_int64 first,
	  size_t *cap)
{
	if (t->ngone == *cap) {
		*cap = *cap ? *cap * 2 : 256;
		t->gone = gk_xrealloc(t->gone, *cap * sizeof *t->gone);
		t->gone_codes = gk_xrealloc(t->gone_codes,
					    *cap * sizeof *t->gone_codes);
		t->gone_first = gk_xrealloc(t->gone_first,
					    *cap * sizeof *t->gone_first);
	}
	t->gone[t->ngone] = fp;
	t->gone_codes[t->ngone] = gk_xstrdup(code ? code : "");
	t->gone_first[t->ngone] = first;
	t->ngone++;
}

/* The file's row made or updated for this run: its id and the run's
 * number. */
static int
count_run(struct track *t, sqlite3_int64 *file_id, sqlite3_int64 *run,
	  struct gk_err *e)
{
	sqlite3_stmt *add = NULL, *upd = NULL, *get = NULL;
	int rc = -1;

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
	*file_id = sqlite3_column_int64(get, 0);
	*run = sqlite3_column_int64(get, 1);
	rc = 0;
	goto out;
sqlbad:
	gk_err_set(e, "database: %s", db_errmsg(t->db));
out:
	sqlite3_finalize(add);
	sqlite3_finalize(upd);
	sqlite3_finalize(get);
	return rc;
}

/* The findings stored now that this run did not see: gone. */
static int
read_gone(struct track *t, sqlite3_int64 file_id, struct gk_err *e)
{
	sqlite3_stmt *sel;
	size_t cap = 0;
	int step;

	sel = db_prepare(t->db,
			 "SELECT fingerprint, check_code, first_run"
			 " FROM check_finding WHERE file_id = ?1",
			 e);
	if (!sel)
		return -1;
	sqlite3_bind_int64(sel, 1, file_id);
	while ((step = sqlite3_step(sel)) == SQLITE_ROW) {
		uint64_t fp = (uint64_t)sqlite3_column_int64(sel, 0);
		if (keyset_has(&t->cur, fp))
			continue;
		note_gone(t, fp, (const char *)sqlite3_column_text(sel, 1),
			  sqlite3_column_int64(sel, 2), &cap);
	}
	if (step != SQLITE_DONE)
		gk_err_set(e, "database: %s", db_errmsg(t->db));
	sqlite3_finalize(sel);
	return step == SQLITE_DONE ? 0 : -1;
}

/* The run's findings inserted; those new to the file noted as added
 * (a persisting one is kept as it was); -1 when a step fails. */
static int
insert_current(struct track *t, sqlite3_stmt *ins, sqlite3_int64 file_id,
	       sqlite3_int64 run)
{
	size_t addcap = 0;

	for (size_t i = 0; i < t->n; i++) {
		sqlite3_bind_int64(ins, 1, file_id);
		sqlite3_bind_int64(ins, 2, (sqlite3_int64)t->fps[i]);
		sqlite3_bind_text(ins, 3, chk_code_name(t->codes[i]), -1,
				  SQLITE_STATIC);
		sqlite3_bind_int64(ins, 4, run);
		if (sqlite3_step(ins) != SQLITE_DONE)
			return -1;
		sqlite3_reset(ins);
		if (sqlite3_changes(t->db) == 0)
			continue;
		if (t->nadded == addcap) {
			addcap = addcap ? addcap * 2 : 256;
			t->added = gk_xrealloc(t->added,
					       addcap * sizeof *t->added);
		}
		t->added[t->nadded++] = t->fps[i];
	}
	return 0;
}

/* The gone findings deleted and this run's inserted. */
static int
write_findings(struct track *t, sqlite3_int64 file_id, sqlite3_int64 run,
	       struct gk_err *e)
{
	sqlite3_stmt *del = NULL, *ins = NULL;
	int rc = -1;

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
	for (size_t i = 0; i < t->ngone; i++) {
		sqlite3_bind_int64(del, 1, file_id);
		sqlite3_bind_int64(del, 2, (sqlite3_int64)t->gone[i]);
		if (sqlite3_step(del) != SQLITE_DONE)
			goto sqlbad;
		sqlite3_reset(del);
	}
	if (insert_current(t, ins, file_id, run) < 0)
		goto sqlbad;
	rc = 0;
	goto out;
sqlbad:
	gk_err_set(e, "database: %s", db_errmsg(t->db));
out:
	sqlite3_finalize(del);
	sqlite3_finalize(ins);
	return rc;
}

/*
 * One run, inside track_store_all's transaction.  The run's number and the
 * findings to drop are read here, under the write lock, not at
 * track_open: another gov-check --track of the file may have stored its
 * run since (two at once each counted runs + 1 from the same number, and
 * one increment was lost).  What it changes is noted for
 * track_unstore_all.
 */
static int
track_store(struct track *t, struct gk_err *e)
{
	sqlite3_int64 file_id, run;

	if (db_rows_save(t->db, &t->file_before, FILE_ROW, t->key, e) < 0 ||
	    count_run(t, &file_id, &run, e) < 0 ||
	    read_gone(t, file_id, e) < 0 ||
	    write_findings(t, file_id, run, e) < 0 ||
	    db_rows_save(t->db, &t->file_after, FILE_ROW, t->key, e) < 0)
		return -1;
	return 0;
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

/* Take one stored run back: its findings and the file's row as before. */
static int
track_unstore(struct track *t, struct gk_err *e)
{
	sqlite3_stmt *del = NULL, *ins = NULL;
	sqlite3_int64 file_id;
	int rc = -1;

	if (db_rows_still(t->db, &t->file_after, FILE_ROW, t->key, e) < 0)
		return -1;
	file_id = sqlite3_value_int64(t->file_after.v[0]);
	del = db_prepare(
		t->db,
		"DELETE FROM check_finding WHERE file_id = ?1 AND fingerprint = ?2",
		e);
	ins = del ? db_prepare(t->db,
			       "INSERT INTO check_finding (file_id,"
			       " fingerprint, check_code, first_run)"
			       " VALUES (?1, ?2, ?3, ?4)",
			       e)
		  : NULL;
	if (!ins)
		goto out;
	for (size_t i = 0; i < t->nadded; i++) {
		sqlite3_bind_int64(del, 1, file_id);
		sqlite3_bind_int64(del, 2, (sqlite3_int64)t->added[i]);
		if (sqlite3_step(del) != SQLITE_DONE)
			goto sqlbad;
		sqlite3_reset(del);
	}
	for (size_t i = 0; i < t->ngone; i++) {
		sqlite3_bind_int64(ins, 1, file_id);
		sqlite3_bind_int64(ins, 2, (sqlite3_int64)t->gone[i]);
		sqlite3_bind_text(ins, 3, t->gone_codes[i], -1, SQLITE_STATIC);
		sqlite3_bind_int64(ins, 4, t->gone_first[i]);
		if (sqlite3_step(ins) != SQLITE_DONE)
			goto sqlbad;
		sqlite3_reset(ins);
	}
	/* a file first tracked by the run has no findings left now */
	if (t->file_before.n == 0)
		rc = db_exec_key(t->db,
				 "DELETE FROM check_file WHERE path = ?1",
				 t->key, e);
	else
		rc = db_rows_put(t->db, &t->file_before,
				 "UPDATE check_file SET path = ?2, runs = ?3,"
				 " last_sha256 = ?4, last_run = ?5"
				 " WHERE id = ?1",
				 e);
	goto out;
sqlbad:
	gk_err_set(e, "database: %s", db_errmsg(t->db));
out:
	sqlite3_finalize(del);
	sqlite3_finalize(ins);
	return rc;
}

int
track_unstore_all(sqlite3 *db, void *arg, struct gk_err *e)
{
	struct track *list = arg, **runs;
	size_t n = 0;
	int rc = 0;

	(void)db;
	for (struct track *t = list; t; t = t->next)
		n++;
	runs = gk_xcalloc(n ? n : 1, sizeof *runs);
	n = 0;
	for (struct track *t = list; t; t = t->next)
		runs[n++] = t;
	/* the last stored first: a file checked twice in the run is put
	 * back to its second run's start, then to its first's */
	while (n-- > 0 && rc == 0)
		rc = track_unstore(runs[n], e);
	free(runs);
	return rc;
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
	db_rows_release(&t->file_before);
	db_rows_release(&t->file_after);
	for (size_t i = 0; i < t->ngone; i++)
		free(t->gone_codes[i]);
	free(t->gone);
	free(t->gone_codes);
	free(t->gone_first);
	free(t->added);
	free(t);
}
