/*
 * db.c: the local SQLite database: where it lives, how it is opened, and
 * the forward-only migrations of migrations.c.
 */
#include "govkit.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/statvfs.h>

/* How long a writer waits for another govkit process to finish. */
#define DB_BUSY_TIMEOUT_MS 30000
/* db_open tries its first statements again after this, while busy */
#define DB_OPEN_RETRY_MS 10

char *
db_default_path(void)
{
	const char *env = getenv("GOVKIT_DB");
	const char *xdg = config_xdg("XDG_DATA_HOME");
	const char *home = config_home();

	if (env && *env)
		return gk_xstrdup(env);
	if (xdg)
		return gk_xasprintf("%s/govkit/govkit.db", xdg);
	/* (without HOME, the password database's: a job started without it
	 * must not keep its records in a database of its own in whatever
	 * folder it runs in; without either, there is no default) */
	if (!home)
		return NULL;
	return gk_xasprintf("%s/.local/share/govkit/govkit.db", home);
}

char *
db_named_path(const char *given)
{
	const char *env = getenv("GOVKIT_DB");
	const char *path = given ? given : env && *env ? env : NULL;

	return path ? gk_xabspath(path) : NULL;
}

/* The default database, or -1 with e saying how to name one. */
static int
default_path(char **path, struct gk_err *e)
{
	*path = db_default_path();
	if (*path)
		return 0;
	gk_err_set(e,
		   "no database: HOME is not set and user %ld has no home in "
		   "the password database (GOVKIT_DB or --db names one)",
		   (long)getuid());
	return -1;
}

/* The folder path is in ("." for a bare name); caller frees. */
static char *
folder_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return gk_xstrdup(".");
	if (slash == path)
		return gk_xstrdup("/");
	return gk_xstrndup(path, (size_t)(slash - path));
}

/*
 * A new database is made readable by its owner only: it holds the outbox's
 * records and the catalog as they are, personal data unmasked.  SQLite
 * would make it 0644 (less the umask); it gives the -wal and -shm files
 * the mode of the database.  An existing file is left as it is; an error
 * here is SQLite's to report when it opens the file.
 */
static void
create_private(const char *path)
{
	int fd;

	/* SQLite's own names are no file: ":memory:", "" (a temporary
	 * database), a "file:" URI */
	if (*path == '\0' || strcmp(path, ":memory:") == 0 ||
	    strncmp(path, "file:", 5) == 0)
		return;
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
		  S_IRUSR | S_IWUSR);

	if (fd >= 0)
		close(fd);
}

/*
 * A database made before govkit created them private (0600) has SQLite's
 * 0644: anyone on the machine could read the personal data and the outbox
 * in it.  Once per database (govkit_meta 'files_private' says it was done),
 * its file and its -wal and -shm, when ours and open to group or others,
 * lose those permissions, with a note; after that a mode its owner gives it
 * is left as it is.  A file of another user is left, and the check to its
 * owner's next run.  0, -1 only if the mark cannot be stored (e).
 */
static int
tighten_once(sqlite3 *db, const char *path, struct gk_err *e)
{
	static const char *const suffixes[] = {"", "-wal", "-shm"};
	sqlite3_stmt *st;
	struct stat sb;
	mode_t was = 0;
	bool done, failed = false;

	if (*path == '\0' || strcmp(path, ":memory:") == 0 ||
	    strncmp(path, "file:", 5) == 0)
		return 0;
	st = db_prepare(
		db, "SELECT 1 FROM govkit_meta WHERE key = 'files_private'", e);
	if (st == NULL)
		return -1;
	done = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	if (done)
		return 0;
	if (stat(path, &sb) != 0 || sb.st_uid != geteuid())
		return 0;
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		char *f = gk_xasprintf("%s%s", path, suffixes[i]);
		struct stat fs;
		if (stat(f, &fs) == 0 && fs.st_uid == geteuid() &&
		    (fs.st_mode & (S_IRWXG | S_IRWXO))) {
			if (chmod(f, fs.st_mode & S_IRWXU) != 0)
				failed = true; /* (tried again next run) */
			else if (i == 0)
				was = fs.st_mode;
		}
		free(f);
	}
	if (was)
		gk_warn("database '%s' was %s (mode %03o), and it holds personal "
			"data: now %03o",
			path,
			(was & (S_IRGRP | S_IROTH)) ? "readable by others"
						    : "open to others",
			(unsigned)(was & 0777), (unsigned)(was & S_IRWXU));
	if (failed)
		return 0;
	/* (in a transaction of its own: another writer is waited for) */
	if (db_begin(db, e) != 0)
		return -1;
	if (db_exec(db,
		    "INSERT OR IGNORE INTO govkit_meta (key, value)"
		    " VALUES ('files_private', '1')",
		    e) != 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, e);
}

/* mkdir -p of the folder that will hold path (a database: the message
 * says so, and how to put it elsewhere). */
static int
make_parent_dirs(const char *path, struct gk_err *e)
{
	char *dir = folder_of(path);
	int rc = 0;

	for (char *p = dir + 1;; p++) {
		if (*p == '/' || *p == '\0') {
			char c = *p;
			*p = '\0';
			if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
				gk_err_set(
					e,
					"unable to create '%s' for the database "
					"'%s' (GOVKIT_DB or --db puts it "
					"elsewhere):",
					dir, path);
				rc = -1;
				break;
			}
			*p = c;
			if (c == '\0')
				break;
		}
	}
	free(dir);
	return rc;
}

/*
 * SQLite's message, with the system's reason when an I/O call failed:
 * "disk I/O error" alone does not say that the disk is full.
 */
static const char *
why(sqlite3 *db)
{
	static _Thread_local char msg[512];
	int code = sqlite3_errcode(db) & 0xff;
	int err = sqlite3_system_errno(db);

	if (err == 0 || (code != SQLITE_IOERR && code != SQLITE_FULL &&
			 code != SQLITE_CANTOPEN && code != SQLITE_READONLY))
		return sqlite3_errmsg(db);
	snprintf(msg, sizeof msg, "%s (%s)", sqlite3_errmsg(db), strerror(err));
	return msg;
}

const char *
db_errmsg(sqlite3 *db)
{
	static _Thread_local char msg[4096 + 256];
	const char *path = db ? sqlite3_db_filename(db, "main") : NULL;
	int code = db ? sqlite3_errcode(db) & 0xff : SQLITE_NOMEM;

	if (path == NULL || *path == '\0')
		return why(db);
	if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
		snprintf(msg, sizeof msg, "%s ('%s', still locked after %d s)",
			 sqlite3_errmsg(db), path, DB_BUSY_TIMEOUT_MS / 1000);
	else
		snprintf(msg, sizeof msg, "%s ('%s')", why(db), path);
	return msg;
}

sqlite3_stmt *
db_prepare(sqlite3 *db, const char *sql, struct gk_err *e)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		gk_err_set(e, "database: %s", db_errmsg(db));
		sqlite3_finalize(st);
		return NULL;
	}
	return st;
}

int
db_exec(sqlite3 *db, const char *sql, struct gk_err *e)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) {
		gk_err_set(e, "database: %s", db_errmsg(db));
		return -1;
	}
	return 0;
}

int
db_exec_key(sqlite3 *db, const char *sql, const char *key, struct gk_err *e)
{
	sqlite3_stmt *st = db_prepare(db, sql, e);
	int rc = 0;

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE) {
		gk_err_set(e, "database: %s", db_errmsg(db));
		rc = -1;
	}
	sqlite3_finalize(st);
	return rc;
}

int
db_begin(sqlite3 *db, struct gk_err *e)
{
	return db_exec(db, "BEGIN IMMEDIATE", e);
}

int
db_commit(sqlite3 *db, struct gk_err *e)
{
	if (db_exec(db, "COMMIT", e) != 0) {
		db_rollback(db);
		return -1;
	}
	return 0;
}

void
db_rollback(sqlite3 *db)
{
	if (!sqlite3_get_autocommit(db))
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
}

static int
int_query(sqlite3 *db, const char *sql, int *out, struct gk_err *e)
{
	sqlite3_stmt *st = db_prepare(db, sql, e);
	int rc;

	if (!st)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*out = sqlite3_column_int(st, 0);
		rc = 0;
	} else {
		gk_err_set(e, "database: %s", db_errmsg(db));
		rc = -1;
	}
	sqlite3_finalize(st);
	return rc;
}

int
db_version(sqlite3 *db)
{
	int v = -1;

	if (int_query(db, "PRAGMA user_version", &v, NULL) != 0)
		return -1;
	return v;
}

static int
latest_version(void)
{
	return db_migrations[db_migration_count - 1].version;
}

/*
 * The version and the number of tables, read by one statement: one
 * snapshot, as another process may be migrating the file right now (two
 * reads could see version 0 and then its first tables).  0 / -1.
 */
static int
read_state(sqlite3 *db, int *version, int *tables)
{
	sqlite3_stmt *st;
	int rc = -1;

	if (sqlite3_prepare_v2(
		    db,
		    "SELECT (SELECT user_version FROM pragma_user_version),"
		    " (SELECT count(*) FROM sqlite_master)",
		    -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW) {
		*version = sqlite3_column_int(st, 0);
		*tables = sqlite3_column_int(st, 1);
		rc = 0;
	}
	sqlite3_finalize(st);
	return rc;
}

/*
 * A database at version 0 must be empty: a file with foreign tables is
 * somebody else's database, and we never touch it.
 */
static int
check_ours(const char *path, int version, int tables, struct gk_err *e)
{
	if (version > latest_version()) {
		gk_err_set(
			e,
			"'%s' has database version %d, newer than this govkit "
			"(%d); use a newer govkit",
			path, version, latest_version());
		return -1;
	}
	if (version == 0 && tables > 0) {
		gk_err_set(e, "'%s' is not a govkit database", path);
		return -1;
	}
	return 0;
}

static int
apply_migration(sqlite3 *db, const struct db_migration *m, struct gk_err *e)
{
	char pragma[64];
	int current;

	if (db_begin(db, e) != 0)
		return -1;
	/* Another process may have migrated while we waited for the lock. */
	current = db_version(db);
	if (current >= m->version) {
		db_rollback(db);
		return 0;
	}
	snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", m->version);
	if ((m->sql[0] && db_exec(db, m->sql, e) != 0) ||
	    db_exec(db, pragma, e) != 0) {
		char why[sizeof e->msg];
		snprintf(why, sizeof why, "%s", e->msg);
		gk_err_set(e, "migration %d (%s) failed: %s", m->version,
			   m->name, why);
		db_rollback(db);
		return -1;
	}
	return db_commit(db, e);
}

static int
migrate(sqlite3 *db, const char *path, struct gk_err *e)
{
	int version, tables;

	if (read_state(db, &version, &tables) != 0) {
		gk_err_set(e, "'%s': %s", path, why(db));
		return -1;
	}
	if (check_ours(path, version, tables, e) != 0)
		return -1;
	for (size_t i = 0; i < db_migration_count; i++) {
		if (db_migrations[i].version <= version)
			continue;
		if (apply_migration(db, &db_migrations[i], e) != 0)
			return -1;
	}
	return 0;
}

/*
 * The first statements on a file: find out if it is one of ours (a file
 * that is not, or a newer one, is refused before anything is written to
 * it: even the switch to WAL would change its header), then WAL mode.
 * 0 done, -1 error (e), 1 busy: try again.
 */
static int
open_phase(sqlite3 *db, const char *path, char **journal, struct gk_err *e)
{
	sqlite3_stmt *st;
	int version, tables;

	if (read_state(db, &version, &tables) != 0)
		goto fail;
	if (check_ours(path, version, tables, e) != 0)
		return -1;
	if (sqlite3_prepare_v2(db, "PRAGMA journal_mode = WAL", -1, &st,
			       NULL) != SQLITE_OK)
		goto fail;
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		goto fail;
	}
	free(*journal);
	*journal = gk_xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return 0;
fail:
	if ((sqlite3_errcode(db) & 0xff) == SQLITE_BUSY ||
	    (sqlite3_errcode(db) & 0xff) == SQLITE_LOCKED) {
		gk_err_set(e, "unable to open database '%s': %s", path,
			   sqlite3_errmsg(db));
		return 1;
	}
	gk_err_set(e, "unable to open database '%s': %s", path, why(db));
	return -1;
}

int
db_open(sqlite3 **out, const char *path, struct gk_err *e)
{
	char *owned = NULL;
	sqlite3 *db = NULL;
	char *journal = NULL;
	int rc = -1;

	*out = NULL;
	if ((!path || !*path) && default_path(&owned, e) < 0)
		return -1;
	if (!path || !*path)
		path = owned;
	if (make_parent_dirs(path, e) != 0)
		goto out;
	create_private(path);
	if (sqlite3_open_v2(path, &db,
			    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
				    SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK) {
		gk_err_set(e, "unable to open database '%s': %s", path,
			   db ? why(db) : "out of memory");
		goto out;
	}
	sqlite3_busy_timeout(db, DB_BUSY_TIMEOUT_MS);
	/* Another process creating the same file at this moment can make
	 * these first statements fail with SQLITE_BUSY at once, without the
	 * busy handler: try again for as long as the busy time-out. */
	for (long waited = 0;; waited += DB_OPEN_RETRY_MS) {
		int got = open_phase(db, path, &journal, e);
		if (got == 0)
			break;
		if (got < 0 || waited >= DB_BUSY_TIMEOUT_MS)
			goto out;
		nanosleep(&(struct timespec){0, DB_OPEN_RETRY_MS * 1000000L},
			  NULL);
	}
	if (db_exec(db, "PRAGMA foreign_keys = ON", e) != 0 ||
	    db_exec(db, "PRAGMA synchronous = FULL", e) != 0)
		goto out;
	if (migrate(db, path, e) != 0 || tighten_once(db, path, e) != 0)
		goto out;
	rc = 0;
out:
	free(journal);
	if (rc != 0 && db) {
		sqlite3_close_v2(db);
		db = NULL;
	}
	free(owned);
	*out = db;
	return rc;
}

/*
 * Nothing can write a file in dir while we read it: dir is on a read-only
 * file system, or nobody (root aside) may create a file in it, and a
 * writer of a WAL database must create its -wal and -shm there.
 */
static bool
nobody_writes(const char *dir)
{
	struct statvfs vfs;
	struct stat st;

	if (statvfs(dir, &vfs) == 0 && (vfs.f_flag & ST_RDONLY))
		return true;
	return stat(dir, &st) == 0 &&
	       (st.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0;
}

/* "file:" URI of path with the query q: '%', '?' and '#' escaped. */
static char *
file_uri(const char *path, const char *q)
{
	struct gk_buf b;

	buf_init(&b);
	/* an absolute path gets an empty authority, so "//x" stays a path */
	buf_adds(&b, path[0] == '/' ? "file://" : "file:");
	for (const char *p = path; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#')
			buf_printf(&b, "%%%02X", (unsigned char)*p);
		else
			buf_addc(&b, *p);
	}
	buf_printf(&b, "?%s", q);
	return b.data;
}

static int
open_read_only(sqlite3 **out, const char *path, const char *dir,
	       struct gk_err *e)
{
	char *shm = gk_xasprintf("%s-shm", path);
	char *wal = gk_xasprintf("%s-wal", path);
	char *uri = NULL;
	sqlite3 *db = NULL;
	struct stat st;
	int version, tables, rc = -1;

	if (access(shm, F_OK) != 0) {
		/* No -shm to read the WAL by: only immutable can, and only
		 * when there is no WAL content and nothing can add some. */
		if (stat(wal, &st) == 0 && st.st_size > 0) {
			gk_err_set(
				e,
				"unable to read database '%s': its folder cannot "
				"be written, and it has a '-wal' file but no '-shm'",
				path);
			goto out;
		}
		if (!nobody_writes(dir)) {
			gk_err_set(
				e,
				"unable to read database '%s': its folder '%s' "
				"cannot be written by this user, and others may be "
				"writing it",
				path, dir);
			goto out;
		}
		uri = file_uri(path, "immutable=1");
	}
	if (sqlite3_open_v2(uri ? uri : path, &db,
			    SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX |
				    (uri ? SQLITE_OPEN_URI : 0),
			    NULL) != SQLITE_OK) {
		gk_err_set(e, "unable to open database '%s': %s", path,
			   db ? why(db) : "out of memory");
		goto out;
	}
	sqlite3_busy_timeout(db, DB_BUSY_TIMEOUT_MS);
	if (read_state(db, &version, &tables) != 0) {
		gk_err_set(e, "unable to open database '%s': %s", path,
			   why(db));
		goto out;
	}
	if (check_ours(path, version, tables, e) != 0)
		goto out;
	if (version < latest_version()) {
		gk_err_set(
			e,
			"'%s' has database version %d, older than this govkit "
			"(%d), and its folder cannot be written to bring it up "
			"to date",
			path, version, latest_version());
		goto out;
	}
	rc = 0;
out:
	if (rc != 0 && db) {
		sqlite3_close_v2(db);
		db = NULL;
	}
	*out = db;
	free(uri);
	free(wal);
	free(shm);
	return rc;
}

int
db_open_read(sqlite3 **out, const char *path, struct gk_err *e)
{
	char *owned = NULL, *dir;
	int rc;

	*out = NULL;
	if ((!path || !*path) && default_path(&owned, e) < 0)
		return -1;
	if (!path || !*path)
		path = owned;
	dir = folder_of(path);
	/* (a database not made yet is made, as by any command) */
	if (access(path, F_OK) != 0 || access(dir, W_OK) == 0)
		rc = db_open(out, path, e);
	else
		rc = open_read_only(out, path, dir, e);
	free(dir);
	free(owned);
	return rc;
}
