/*
 * takeback.c: taking back what a commit stored when the records that say
 * so cannot be written.  A command prints what it stored only once the
 * commit is done, so that no record claims what a failed commit did not
 * store; if those records are then lost, the rows it saved before its
 * change are put back in a transaction of their own, and only while the
 * rows are still as it left them: nothing has built on them since.
 */
#include "govkit.h"

#include <stdlib.h>
#include <string.h>

void
db_rows_init(struct db_rows *r)
{
	memset(r, 0, sizeof *r);
}

void
db_rows_release(struct db_rows *r)
{
	for (size_t i = 0; i < r->n * (size_t)r->ncol; i++)
		sqlite3_value_free(r->v[i]);
	free(r->v);
	db_rows_init(r);
}

/* The rows of a statement prepared and bound: stepped to its end, then
 * reset. */
static int
rows_save_stmt(sqlite3 *db, struct db_rows *r, sqlite3_stmt *st,
	       struct gk_err *e)
{
	int step, ncol = sqlite3_column_count(st);

	if (r->n > 0 && r->ncol != ncol) {
		/* a caller's mistake: one set of rows is one shape */
		gk_err_set(e, "database: rows of %d columns saved with %d",
			   ncol, r->ncol);
		sqlite3_reset(st);
		return -1;
	}
	r->ncol = ncol;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		size_t at = r->n * (size_t)ncol;

		r->v = gk_xrealloc(r->v, (at + (size_t)ncol) * sizeof *r->v);
		for (int i = 0; i < ncol; i++) {
			r->v[at + (size_t)i] =
				sqlite3_value_dup(sqlite3_column_value(st, i));
			if (r->v[at + (size_t)i] == NULL)
				abort(); /* out of memory, as gk_xmalloc */
		}
		r->n++;
	}
	sqlite3_reset(st);
	if (step != SQLITE_DONE) {
		gk_err_set(e, "database: %s", db_errmsg(db));
		return -1;
	}
	return 0;
}

int
db_rows_save(sqlite3 *db, struct db_rows *r, const char *sql, const char *key,
	     struct gk_err *e)
{
	sqlite3_stmt *st = db_prepare(db, sql, e);
	int rc;

	if (st == NULL)
		return -1;
	if (key != NULL)
		sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	rc = rows_save_stmt(db, r, st, e);
	sqlite3_finalize(st);
	return rc;
}

static bool
same_value(sqlite3_value *a, sqlite3_value *b)
{
	int t = sqlite3_value_type(a);

	if (t != sqlite3_value_type(b))
		return false;
	switch (t) {
	case SQLITE_NULL: return true;
	case SQLITE_INTEGER:
		return sqlite3_value_int64(a) == sqlite3_value_int64(b);
	case SQLITE_FLOAT:
		return sqlite3_value_double(a) == sqlite3_value_double(b);
	default: break;
	}
	/* text or blob: the same bytes */
	const void *pa = sqlite3_value_blob(a), *pb = sqlite3_value_blob(b);
	int na = sqlite3_value_bytes(a), nb = sqlite3_value_bytes(b);

	return na == nb && (na == 0 || memcmp(pa, pb, (size_t)na) == 0);
}

/* Whether a and b hold the same rows, value for value, in order. */
static bool
rows_same(const struct db_rows *a, const struct db_rows *b)
{
	if (a->n != b->n || (a->n > 0 && a->ncol != b->ncol))
		return false;
	for (size_t i = 0; i < a->n * (size_t)a->ncol; i++)
		if (!same_value(a->v[i], b->v[i]))
			return false;
	return true;
}

int
db_rows_still(sqlite3 *db, const struct db_rows *r, const char *sql,
	      const char *key, struct gk_err *e)
{
	struct db_rows now;
	bool same;

	db_rows_init(&now);
	if (db_rows_save(db, &now, sql, key, e) < 0) {
		db_rows_release(&now);
		return -1;
	}
	same = rows_same(r, &now);
	db_rows_release(&now);
	if (!same) {
		gk_err_set(e, "another run has changed them since");
		return -1;
	}
	return 0;
}

int
db_rows_put(sqlite3 *db, const struct db_rows *r, const char *sql,
	    struct gk_err *e)
{
	sqlite3_stmt *st;
	int rc = 0;

	if (r->n == 0)
		return 0;
	st = db_prepare(db, sql, e);
	if (st == NULL)
		return -1;
	for (size_t row = 0; row < r->n && rc == 0; row++) {
		for (int i = 0; i < r->ncol; i++)
			sqlite3_bind_value(
				st, i + 1,
				r->v[row * (size_t)r->ncol + (size_t)i]);
		if (sqlite3_step(st) != SQLITE_DONE) {
			gk_err_set(e, "database: %s", db_errmsg(db));
			rc = -1;
		}
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return rc;
}

int
db_take_back(sqlite3 *db, db_undo_fn undo, void *arg, struct gk_err *undo_e)
{
	if (db_begin(db, undo_e) < 0)
		return -1;
	if (undo(db, arg, undo_e) < 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, undo_e);
}

int
db_keep_if_out(sqlite3 *db, struct gk_out *o, bool put, db_undo_fn undo,
	       void *arg, struct gk_err *e, struct gk_err *undo_e)
{
	if (out_flush(o, e) == 0 && (!put || out_commit(o, e) == 0))
		return 0;
	return db_take_back(db, undo, arg, undo_e) < 0 ? -2 : -1;
}
