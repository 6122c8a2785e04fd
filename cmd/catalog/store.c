/*
 * store.c: the catalog in the local database (migration 5).  Every change
 * is one transaction that also writes its row of the audit trail, so the
 * history can never disagree with the catalog.
 */
#include "catalog.h"

#include <stdlib.h>
#include <string.h>

static cJSON *
parse_text(sqlite3_stmt *st, int col)
{
	const char *t = (const char *)sqlite3_column_text(st, col);

	return t ? cJSON_Parse(t) : NULL;
}

static void
bind_str(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

static int
step_done(sqlite3 *db, sqlite3_stmt *st, struct gk_err *e)
{
	if (sqlite3_step(st) != SQLITE_DONE) {
		gk_err_set(e, "database: %s", db_errmsg(db));
		return -1;
	}
	return 0;
}

/* The items of code, in order, as a JSON array. */
static int
load_items(sqlite3 *db, const char *code, cJSON **out, struct gk_err *e)
{
	sqlite3_stmt *st = db_prepare(
		db,
		"SELECT record FROM catalog_item WHERE code = ? ORDER BY seq",
		e);
	int r;

	*out = NULL;
	if (!st)
		return -1;
	bind_str(st, 1, code);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		cJSON *it = parse_text(st, 0);
		if (!*out)
			*out = cJSON_CreateArray();
		if (it)
			cJSON_AddItemToArray(*out, it);
	}
	if (r != SQLITE_DONE) {
		gk_err_set(e, "database: %s", db_errmsg(db));
		cJSON_Delete(*out);
		*out = NULL;
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}

/* An entry from its row (record without items) and its items. */
static cJSON *
assemble(sqlite3 *db, const char *code, cJSON *record, struct gk_err *e)
{
	cJSON *items = NULL, *out;

	if (!record) {
		gk_err_set(e, "database: unreadable record of entry '%s'",
			   code);
		return NULL;
	}
	if (load_items(db, code, &items, e) != 0) {
		cJSON_Delete(record);
		return NULL;
	}
	if (items)
		cJSON_AddItemToObject(record, "items", items);
	out = cat_entry_normalize(record);
	cJSON_Delete(record);
	return out;
}

/*
 * The record of the one row sql selects by key: 1 with *out (NULL when
 * the stored text is not JSON: the caller names what it is), 0 when there
 * is no such row, -1 when the database fails.
 */
static int
select_record(sqlite3 *db, const char *sql, const char *key, cJSON **out,
	      struct gk_err *e)
{
	sqlite3_stmt *st = db_prepare(db, sql, e);
	int r, rc = 0;

	*out = NULL;
	if (!st)
		return -1;
	bind_str(st, 1, key);
	r = sqlite3_step(st);
	if (r == SQLITE_ROW) {
		*out = parse_text(st, 0);
		rc = 1;
	} else if (r != SQLITE_DONE) {
		gk_err_set(e, "database: %s", db_errmsg(db));
		rc = -1;
	}
	sqlite3_finalize(st);
	return rc;
}

int
cat_entry_get(sqlite3 *db, const char *code, cJSON **out, struct gk_err *e)
{
	cJSON *record;
	int found = select_record(
		db, "SELECT record FROM catalog_entry WHERE code = ?", code,
		&record, e);

	*out = NULL;
	if (found != 1)
		return found;
	*out = assemble(db, code, record, e);
	return *out ? 1 : -1;
}

bool
cat_entry_exists(sqlite3 *db, const char *code)
{
	struct gk_err e;
	sqlite3_stmt *st = db_prepare(
		db, "SELECT 1 FROM catalog_entry WHERE code = ?", &e);
	bool found;

	if (!st)
		return false;
	bind_str(st, 1, code);
	found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return found;
}

static int
write_history(sqlite3 *db, const char *kind, const char *key,
	      const char *action, const char *who, const char *at,
	      const cJSON *changes, struct gk_err *e)
{
	sqlite3_stmt *st = db_prepare(
		db,
		"INSERT INTO catalog_history (kind, key, action, who, at, changes)"
		" VALUES (?, ?, ?, ?, ?, ?)",
		e);
	char *text;
	int rc;

	if (!st)
		return -1;
	text = cJSON_PrintUnformatted(changes);
	bind_str(st, 1, kind);
	bind_str(st, 2, key);
	bind_str(st, 3, action);
	bind_str(st, 4, who);
	bind_str(st, 5, at);
	bind_str(st, 6, text);
	rc = step_done(db, st, e);
	cJSON_free(text);
	sqlite3_finalize(st);
	return rc;
}

/* The entry's row, without its items: updated when it exists, else
 * created at at. */
static int
write_entry_row(sqlite3 *db, const cJSON *entry, bool exists, const char *at,
		struct gk_err *e)
{
	cJSON *record = cJSON_Duplicate(entry, 1);
	sqlite3_stmt *st;
	char *text;
	int rc = -1;

	cJSON_DeleteItemFromObjectCaseSensitive(record, "items");
	text = cJSON_PrintUnformatted(record);
	st = db_prepare(
		db,
		exists ? "UPDATE catalog_entry SET name = ?, provider = ?,"
			 " provider_code = ?, category = ?, share_type = ?,"
			 " update_cycle = ?, record = ?, updated_at = ?"
			 " WHERE code = ?"
		       : "INSERT INTO catalog_entry (name, provider,"
			 " provider_code, category, share_type, update_cycle,"
			 " record, updated_at, code, created_at)"
			 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?8)",
		e);
	if (!st)
		goto out;
	bind_str(st, 1, cat_str(entry, "name") ? cat_str(entry, "name") : "");
	bind_str(st, 2, cat_str(entry, "provider"));
	bind_str(st, 3, cat_str(entry, "provider_code"));
	bind_str(st, 4, cat_str(entry, "category"));
	bind_str(st, 5, cat_str(entry, "share_type"));
	bind_str(st, 6, cat_str(entry, "update_cycle"));
	bind_str(st, 7, text);
	bind_str(st, 8, at);
	bind_str(st, 9, cat_str(entry, "code"));
	rc = step_done(db, st, e);
out:
	sqlite3_finalize(st);
	cJSON_free(text);
	cJSON_Delete(record);
	return rc;
}

/* Whether d converts to a 64-bit integer (C leaves it undefined when it
 * does not): -2^63 <= d < 2^63. */
static bool
fits_int64(double d)
{
	return d >= -0x1p63 && d < 0x1p63;
}

/* Item it of code, number seq, into the row st inserts; a length that is
 * not a number a 64-bit integer holds is NULL there (the record keeps
 * it as given). */
static int
write_item(sqlite3 *db, sqlite3_stmt *st, const char *code, int seq,
	   const cJSON *it, struct gk_err *e)
{
	const cJSON *len = cJSON_GetObjectItemCaseSensitive(it, "length");
	char *itext = cJSON_PrintUnformatted(it);
	int rc;

	sqlite3_reset(st);
	bind_str(st, 1, code);
	sqlite3_bind_int(st, 2, seq);
	bind_str(st, 3, cat_str(it, "name") ? cat_str(it, "name") : "");
	bind_str(st, 4, cat_str(it, "type"));
	if (cJSON_IsNumber(len) && fits_int64(len->valuedouble))
		sqlite3_bind_int64(st, 5, (sqlite3_int64)len->valuedouble);
	else
		sqlite3_bind_null(st, 5);
	bind_str(st, 6, cat_str(it, "description"));
	bind_str(st, 7, itext);
	rc = step_done(db, st, e);
	cJSON_free(itext);
	return rc;
}

/* The items of code, in order, in place of the ones it had. */
static int
write_items(sqlite3 *db, const char *code, const cJSON *items, struct gk_err *e)
{
	sqlite3_stmt *st;
	const cJSON *it;
	int seq = 0, rc = 0;

	if (db_exec_key(db, "DELETE FROM catalog_item WHERE code = ?", code,
			e) != 0)
		return -1;
	st = db_prepare(
		db,
		"INSERT INTO catalog_item (code, seq, name, type, length,"
		" description, record) VALUES (?, ?, ?, ?, ?, ?, ?)",
		e);
	if (!st)
		return -1;
	cJSON_ArrayForEach(it, items) {
		rc = write_item(db, st, code, ++seq, it, e);
		if (rc != 0)
			break;
	}
	sqlite3_finalize(st);
	return rc;
}

static int
write_entry(sqlite3 *db, const cJSON *entry, bool exists, const char *at,
	    struct gk_err *e)
{
	if (write_entry_row(db, entry, exists, at, e) != 0)
		return -1;
	return write_items(db, cat_str(entry, "code"),
			   cJSON_GetObjectItemCaseSensitive(entry, "items"), e);
}

/*
 * One change is one transaction, or a savepoint inside the caller's:
 * add and demand add make their whole run one transaction, so that a run
 * that fails (exit 2, its change records discarded) changes nothing.
 */
static int
tx_begin(sqlite3 *db, bool *nested, struct gk_err *e)
{
	*nested = !sqlite3_get_autocommit(db);
	return *nested ? db_exec(db, "SAVEPOINT cat_put", e) : db_begin(db, e);
}

static int
tx_commit(sqlite3 *db, bool nested, struct gk_err *e)
{
	return nested ? db_exec(db, "RELEASE cat_put", e) : db_commit(db, e);
}

static void
tx_rollback(sqlite3 *db, bool nested)
{
	struct gk_err e;

	if (!nested) {
		db_rollback(db);
		return;
	}
	db_exec(db, "ROLLBACK TO cat_put", &e);
	db_exec(db, "RELEASE cat_put", &e);
}

int
cat_entry_put(sqlite3 *db, const cJSON *entry, const char *who, const char *why,
	      const char **action, cJSON **changes, struct gk_err *e)
{
	const char *code = cat_str(entry, "code");
	cJSON *old = NULL, *diff = NULL;
	const char *done;
	char at[32];
	int found, rc = -1;
	bool nested;

	*action = "unchanged";
	if (changes)
		*changes = NULL;
	if (!code || !*code) {
		gk_err_set(e, "entry without a code");
		return -1;
	}
	if (tx_begin(db, &nested, e) != 0)
		return -1;
	found = cat_entry_get(db, code, &old, e);
	if (found < 0)
		goto fail;
	diff = cat_diff(old, entry);
	if (found && !diff->child) {
		tx_rollback(db, nested);
		rc = 0;
		goto out;
	}
	cat_now(at);
	done = found ? "updated" : "created";
	if (write_entry(db, entry, found == 1, at, e) != 0 ||
	    write_history(db, "entry", code, why ? why : done, who, at, diff,
			  e) != 0 ||
	    tx_commit(db, nested, e) != 0)
		goto fail;
	*action = done;
	rc = 0;
	goto out;
fail:
	tx_rollback(db, nested);
out:
	if (rc == 0 && changes) {
		*changes = diff;
		diff = NULL;
	}
	cJSON_Delete(diff);
	cJSON_Delete(old);
	return rc;
}

/*
 * The end of a walk over the rows of st: rc, the walk's own status, unless
 * the last step r failed (neither a row, when the callback stopped the
 * walk, nor the end of the rows): then -1, the database's message in e.
 */
static int
rows_end(sqlite3 *db, sqlite3_stmt *st, int r, int rc, struct gk_err *e)
{
	if (r != SQLITE_DONE && r != SQLITE_ROW) {
		gk_err_set(e, "database: %s", db_errmsg(db));
		rc = -1;
	}
	sqlite3_finalize(st);
	return rc;
}

static bool
filter_match(const char *want, const char *have)
{
	return !want || (have && strcmp(want, have) == 0);
}

int
cat_entry_each(sqlite3 *db, const struct cat_ctx *f, cat_entry_fn fn, void *arg,
	       struct gk_err *e)
{
	sqlite3_stmt *st = db_prepare(
		db,
		"SELECT code, record, provider, provider_code, share_type,"
		" category, update_cycle FROM catalog_entry ORDER BY code",
		e);
	int r, rc = 0;

	if (!st)
		return -1;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		const char *code = (const char *)sqlite3_column_text(st, 0);
		const char *prov = (const char *)sqlite3_column_text(st, 2);
		const char *pcode = (const char *)sqlite3_column_text(st, 3);
		if (f) {
			if (f->provider && !filter_match(f->provider, prov) &&
			    !filter_match(f->provider, pcode))
				continue;
			if (!filter_match(
				    f->share_type,
				    (const char *)sqlite3_column_text(st, 4)) ||
			    !filter_match(
				    f->category,
				    (const char *)sqlite3_column_text(st, 5)) ||
			    !filter_match(
				    f->update_cycle,
				    (const char *)sqlite3_column_text(st, 6)))
				continue;
		}
		cJSON *entry = assemble(db, code, parse_text(st, 1), e);
		if (!entry) {
			rc = -1;
			break;
		}
		rc = fn(entry, arg);
		cJSON_Delete(entry);
		if (rc != 0)
			break;
	}
	return rows_end(db, st, r, rc, e);
}

int
cat_demand_get(sqlite3 *db, const char *id, cJSON **out, struct gk_err *e)
{
	int found = select_record(
		db, "SELECT record FROM catalog_demand WHERE id = ?", id, out,
		e);

	if (found != 1)
		return found;
	if (!*out) {
		gk_err_set(e, "database: unreadable demand '%s'", id);
		return -1;
	}
	return 1;
}

/* The next free D-NNNN id. */
static char *
next_demand_id(sqlite3 *db, struct gk_err *e)
{
	sqlite3_stmt *st =
		db_prepare(db, "SELECT count(*) FROM catalog_demand", e);
	long n = 0;
	char *id = NULL;

	if (!st)
		return NULL;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	for (;;) {
		cJSON *d = NULL;
		free(id);
		id = gk_xasprintf("D-%04ld", ++n);
		int r = cat_demand_get(db, id, &d, e);
		cJSON_Delete(d);
		if (r == 0)
			return id;
		if (r < 0) {
			free(id);
			return NULL;
		}
	}
}

/* The demand as stored: in normalized, with the next free id when it
 * has none; NULL when that id cannot be had (e says why). */
static cJSON *
demand_with_id(sqlite3 *db, const cJSON *in, struct gk_err *e)
{
	cJSON *tmp, *demand;
	char *newid;

	if (!cat_blank(in, "id"))
		return cat_demand_normalize(in);
	tmp = cJSON_Duplicate(in, 1);
	newid = next_demand_id(db, e);
	if (!newid) {
		cJSON_Delete(tmp);
		return NULL;
	}
	cJSON_DeleteItemFromObjectCaseSensitive(tmp, "id");
	cJSON_AddStringToObject(tmp, "id", newid);
	demand = cat_demand_normalize(tmp);
	cJSON_Delete(tmp);
	free(newid);
	return demand;
}

/* The demand's row: updated when it exists, else created at at. */
static int
write_demand_row(sqlite3 *db, const cJSON *demand, bool exists, const char *at,
		 struct gk_err *e)
{
	char *text = cJSON_PrintUnformatted(demand);
	sqlite3_stmt *st = db_prepare(
		db,
		exists ? "UPDATE catalog_demand SET unit = ?, need = ?,"
			 " record = ?, updated_at = ? WHERE id = ?"
		       : "INSERT INTO catalog_demand (unit, need, record,"
			 " updated_at, id, created_at)"
			 " VALUES (?, ?, ?, ?, ?, ?4)",
		e);
	int rc = -1;

	if (!st)
		goto out;
	bind_str(st, 1, cat_str(demand, "unit") ? cat_str(demand, "unit") : "");
	bind_str(st, 2, cat_str(demand, "need") ? cat_str(demand, "need") : "");
	bind_str(st, 3, text);
	bind_str(st, 4, at);
	bind_str(st, 5, cat_str(demand, "id"));
	rc = step_done(db, st, e);
out:
	sqlite3_finalize(st);
	cJSON_free(text);
	return rc;
}

int
cat_demand_put(sqlite3 *db, const cJSON *in, const char *who,
	       const char **action, cJSON **stored, struct gk_err *e)
{
	cJSON *demand = NULL, *old = NULL, *diff = NULL;
	const char *id, *done;
	char at[32];
	int found, rc = -1;
	bool nested;

	*action = "unchanged";
	*stored = NULL;
	if (tx_begin(db, &nested, e) != 0)
		return -1;
	demand = demand_with_id(db, in, e);
	if (!demand)
		goto fail;
	id = cat_str(demand, "id");
	found = cat_demand_get(db, id, &old, e);
	if (found < 0)
		goto fail;
	diff = cat_diff(old, demand);
	if (found && !diff->child) {
		tx_rollback(db, nested);
		rc = 0;
		goto out;
	}
	cat_now(at);
	done = found ? "updated" : "created";
	if (write_demand_row(db, demand, found, at, e) != 0 ||
	    write_history(db, "demand", id, done, who, at, diff, e) != 0 ||
	    tx_commit(db, nested, e) != 0)
		goto fail;
	*action = done;
	rc = 0;
	goto out;
fail:
	tx_rollback(db, nested);
out:
	if (rc == 0) {
		*stored = demand;
		demand = NULL;
	}
	cJSON_Delete(demand);
	cJSON_Delete(diff);
	cJSON_Delete(old);
	return rc;
}

int
cat_demand_each(sqlite3 *db, cat_demand_fn fn, void *arg, struct gk_err *e)
{
	sqlite3_stmt *st = db_prepare(
		db, "SELECT record FROM catalog_demand ORDER BY id", e);
	int r, rc = 0;

	if (!st)
		return -1;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		cJSON *d = parse_text(st, 0);
		if (!d)
			continue;
		rc = fn(d, arg);
		cJSON_Delete(d);
		if (rc != 0)
			break;
	}
	return rows_end(db, st, r, rc, e);
}

int
cat_history_each(sqlite3 *db, const char *key, cat_demand_fn fn, void *arg,
		 struct gk_err *e)
{
	sqlite3_stmt *st =
		db_prepare(db,
			   "SELECT id, kind, key, action, who, at, changes"
			   " FROM catalog_history WHERE key = ? ORDER BY id",
			   e);
	int r, rc = 0;

	if (!st)
		return -1;
	bind_str(st, 1, key);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		cJSON *h = cJSON_CreateObject();
		const char *kind = (const char *)sqlite3_column_text(st, 1);
		cJSON_AddStringToObject(h, "type", "history");
		cJSON_AddStringToObject(
			h, strcmp(kind, "demand") == 0 ? "demand" : "code",
			(const char *)sqlite3_column_text(st, 2));
		cJSON_AddNumberToObject(h, "seq",
					(double)sqlite3_column_int64(st, 0));
		cJSON_AddStringToObject(
			h, "action", (const char *)sqlite3_column_text(st, 3));
		cJSON_AddStringToObject(
			h, "who", (const char *)sqlite3_column_text(st, 4));
		cJSON_AddStringToObject(
			h, "at", (const char *)sqlite3_column_text(st, 5));
		cJSON *ch = parse_text(st, 6);
		cJSON_AddItemToObject(h, "changes",
				      ch ? ch : cJSON_CreateObject());
		rc = fn(h, arg);
		cJSON_Delete(h);
		if (rc != 0)
			break;
	}
	return rows_end(db, st, r, rc, e);
}

/* ---- take-back of add and demand add ------------------------------ */

#define ENTRY_ROW \
	"SELECT code, name, provider, provider_code, category, share_type," \
	" update_cycle, record, created_at, updated_at FROM catalog_entry" \
	" WHERE code = ?1"
#define ITEM_ROWS \
	"SELECT code, seq, name, type, length, description, record FROM" \
	" catalog_item WHERE code = ?1 ORDER BY seq"
#define DEMAND_ROW \
	"SELECT id, unit, need, record, created_at, updated_at FROM" \
	" catalog_demand WHERE id = ?1"
/* The audit trail's last row and its AUTOINCREMENT counter: every change
 * of the catalog writes a row of history, so while they are the same,
 * nothing has changed the catalog. */
#define HISTORY_END \
	"SELECT (SELECT max(id) FROM catalog_history), (SELECT seq FROM" \
	" sqlite_sequence WHERE name = 'catalog_history')"
#define HISTORY_SEQ \
	"SELECT name, seq FROM sqlite_sequence WHERE name = 'catalog_history'"

void
cat_undo_init(struct cat_undo *u)
{
	memset(u, 0, sizeof *u);
	cat_names_init(&u->seen);
	cat_names_init(&u->seen_demands);
	db_rows_init(&u->entries);
	db_rows_init(&u->items);
	db_rows_init(&u->demands);
	db_rows_init(&u->seq);
	db_rows_init(&u->end);
}

void
cat_undo_release(struct cat_undo *u)
{
	for (size_t i = 0; i < u->nkeys; i++)
		free(u->keys[i].key);
	free(u->keys);
	cat_names_release(&u->seen);
	cat_names_release(&u->seen_demands);
	db_rows_release(&u->entries);
	db_rows_release(&u->items);
	db_rows_release(&u->demands);
	db_rows_release(&u->seq);
	db_rows_release(&u->end);
	memset(u, 0, sizeof *u);
}

int
cat_undo_begin(sqlite3 *db, struct cat_undo *u, struct gk_err *e)
{
	sqlite3_stmt *st = db_prepare(
		db, "SELECT COALESCE(max(id), 0) FROM catalog_history", e);

	if (!st)
		return -1;
	if (sqlite3_step(st) != SQLITE_ROW) {
		gk_err_set(e, "database: %s", db_errmsg(db));
		sqlite3_finalize(st);
		return -1;
	}
	u->history = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return db_rows_save(db, &u->seq, HISTORY_SEQ, NULL, e);
}

/* Set aside the rows of an entry (a demand) before its first change in
 * the run (none when it is new: rows false); a key seen before is set
 * aside already.  A key that is no string (NULL) fails the change
 * itself. */
static int
note(sqlite3 *db, struct cat_undo *u, bool demand, const char *key, bool rows,
     struct gk_err *e)
{
	struct cat_names *seen = demand ? &u->seen_demands : &u->seen;
	char *own;

	if (!key || cat_names_find(seen, key, NULL))
		return 0;
	if (rows && demand &&
	    db_rows_save(db, &u->demands, DEMAND_ROW, key, e) < 0)
		return -1;
	if (rows && !demand &&
	    (db_rows_save(db, &u->entries, ENTRY_ROW, key, e) < 0 ||
	     db_rows_save(db, &u->items, ITEM_ROWS, key, e) < 0))
		return -1;
	own = gk_xstrdup(key);
	u->keys = gk_xrealloc(u->keys, (u->nkeys + 1) * sizeof *u->keys);
	u->keys[u->nkeys].key = own;
	u->keys[u->nkeys].demand = demand;
	u->nkeys++;
	cat_names_put(seen, own, 0);
	return 0;
}

int
cat_undo_note_entry(sqlite3 *db, struct cat_undo *u, const char *code,
		    struct gk_err *e)
{
	return note(db, u, false, code, true, e);
}

int
cat_undo_note_demand(sqlite3 *db, struct cat_undo *u, const char *id,
		     struct gk_err *e)
{
	return note(db, u, true, id, true, e);
}

void
cat_undo_note_new_demand(struct cat_undo *u, const char *id)
{
	struct gk_err e;

	note(NULL, u, true, id, false, &e);
}

int
cat_undo_end(sqlite3 *db, struct cat_undo *u, struct gk_err *e)
{
	return db_rows_save(db, &u->end, HISTORY_END, NULL, e);
}

int
cat_undo(sqlite3 *db, void *arg, struct gk_err *e)
{
	struct cat_undo *u = arg;
	sqlite3_stmt *st;
	int rc;

	if (db_rows_still(db, &u->end, HISTORY_END, NULL, e) < 0)
		return -1;
	st = db_prepare(db, "DELETE FROM catalog_history WHERE id > ?1", e);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, u->history);
	rc = step_done(db, st, e);
	sqlite3_finalize(st);
	if (rc < 0 ||
	    db_exec(db,
		    "DELETE FROM sqlite_sequence WHERE name = 'catalog_history'",
		    e) < 0 ||
	    db_rows_put(
		    db, &u->seq,
		    "INSERT INTO sqlite_sequence (name, seq) VALUES (?1, ?2)",
		    e) < 0)
		return -1;
	for (size_t i = 0; i < u->nkeys && rc == 0; i++) {
		const char *key = u->keys[i].key;

		if (u->keys[i].demand)
			rc = db_exec_key(
				db, "DELETE FROM catalog_demand WHERE id = ?1",
				key, e);
		else if ((rc = db_exec_key(
				  db,
				  "DELETE FROM catalog_item WHERE code = ?1",
				  key, e)) == 0)
			rc = db_exec_key(
				db, "DELETE FROM catalog_entry WHERE code = ?1",
				key, e);
	}
	if (rc < 0 ||
	    db_rows_put(db, &u->entries,
			"INSERT INTO catalog_entry (code, name, provider,"
			" provider_code, category, share_type, update_cycle,"
			" record, created_at, updated_at)"
			" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
			e) < 0 ||
	    db_rows_put(db, &u->items,
			"INSERT INTO catalog_item (code, seq, name, type,"
			" length, description, record)"
			" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
			e) < 0)
		return -1;
	return db_rows_put(db, &u->demands,
			   "INSERT INTO catalog_demand (id, unit, need, record,"
			   " created_at, updated_at)"
			   " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
			   e);
}
