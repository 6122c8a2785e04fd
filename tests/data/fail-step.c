/*
 * fail-step.c: preloaded by tests (LD_PRELOAD) to make one query of a
 * command fail as a damaged or unreadable database makes it fail, where
 * the commands before and after it work: the sqlite3_step of the
 * statement whose SQL is $FAIL_STEP_SQL returns SQLITE_INTERRUPT (its
 * message "interrupted"), by a progress handler that stops it.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

static int
stop(void *arg)
{
	(void)arg;
	return 1;
}

int
sqlite3_step(sqlite3_stmt *st)
{
	static int (*real)(sqlite3_stmt *);
	const char *want = getenv("FAIL_STEP_SQL"), *sql = sqlite3_sql(st);
	sqlite3 *db = sqlite3_db_handle(st);
	int rc;

	if (real == NULL)
		real = (int (*)(sqlite3_stmt *))dlsym(RTLD_NEXT,
						      "sqlite3_step");
	if (want == NULL || sql == NULL || strcmp(sql, want) != 0)
		return real(st);
	sqlite3_progress_handler(db, 1, stop, NULL);
	rc = real(st);
	sqlite3_progress_handler(db, 0, NULL, NULL);
	return rc;
}
