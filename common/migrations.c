/*
 * migrations.c: the local database's schema, as numbered migrations.
 * A migration once released is never edited; a change is a new entry at
 * the end.  db_open() applies those the database has not seen, in order,
 * each in its own transaction, and records the version in user_version.
 */
#include "govkit.h"

const struct db_migration db_migrations[] = {
	{1, "core",
	 "CREATE TABLE govkit_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"},
	/* 2: gov-check --track */
	{2, "check-tracking",
	 /* One row per checked file (its path); the findings of its last
	  * run by fingerprint (check, field, row, value), with the run
	  * they were first seen in, so a later run tells new from
	  * persisting and counts the resolved. */
	 "CREATE TABLE check_file ("
	 " id INTEGER PRIMARY KEY,"
	 " path TEXT NOT NULL UNIQUE,"
	 " runs INTEGER NOT NULL DEFAULT 0,"
	 " last_sha256 TEXT,"
	 " last_run INTEGER);"
	 "CREATE TABLE check_finding ("
	 " file_id INTEGER NOT NULL REFERENCES check_file(id) ON DELETE CASCADE,"
	 " fingerprint INTEGER NOT NULL,"
	 " check_code TEXT NOT NULL,"
	 " first_run INTEGER NOT NULL,"
	 " PRIMARY KEY (file_id, fingerprint)) WITHOUT ROWID;"},
	/* 3: gov-license: revocations, online cache */
	{3, "license",
	 /* Revocations: recorded here (gov-license revoke) or fetched from
	  * the central register (gov-license sync). */
	 "CREATE TABLE license_revocation ("
	 " license_no TEXT PRIMARY KEY,"
	 " revoked_at TEXT NOT NULL,"
	 " reason TEXT NOT NULL,"
	 " source TEXT NOT NULL CHECK (source IN ('local', 'sync')),"
	 " recorded_at INTEGER NOT NULL);"
	 /* Where the last sync got to: the newest revoked_at it saw. */
	 "CREATE TABLE license_sync ("
	 " id INTEGER PRIMARY KEY CHECK (id = 1),"
	 " since TEXT NOT NULL,"
	 " synced_at INTEGER NOT NULL);"
	 /* Answers of POST /v1/licenses/verify, used while the register
	  * cannot be reached and younger than the time-to-live. */
	 "CREATE TABLE license_online_cache ("
	 " license_no TEXT PRIMARY KEY,"
	 " found INTEGER NOT NULL,"
	 " status TEXT NOT NULL,"
	 " valid_to TEXT,"
	 " answered_at INTEGER NOT NULL);"},
	/* 4: outbox (gov-submit and tools that submit) */
	{4, "outbox",
	 /* A batch: the records of one endpoint numbered first_id..last_id,
	  * fixed once formed, so its Idempotency-Key never changes;
	  * owner_* / lease_until say which process is sending it now. */
	 "CREATE TABLE outbox_batch ("
	 " id INTEGER PRIMARY KEY AUTOINCREMENT, endpoint TEXT NOT NULL,"
	 " first_id INTEGER NOT NULL, last_id INTEGER NOT NULL,"
	 " idem_key TEXT NOT NULL UNIQUE, records INTEGER NOT NULL,"
	 " bytes INTEGER NOT NULL, created_at TEXT NOT NULL,"
	 " attempts INTEGER NOT NULL DEFAULT 0, last_status INTEGER,"
	 " last_error TEXT, last_try_at TEXT,"
	 " owner_host TEXT, owner_pid INTEGER, lease_until INTEGER);"
	 /* A queued record (its JSON text), deleted once delivered.
	  * AUTOINCREMENT: a number is never reused, so a batch's range only
	  * ever holds its own records, and no key is ever made twice. */
	 "CREATE TABLE outbox_record ("
	 " id INTEGER PRIMARY KEY AUTOINCREMENT, endpoint TEXT NOT NULL,"
	 " body TEXT NOT NULL, queued_at TEXT NOT NULL);"
	 /* Per endpoint, the last record number put in a batch: records
	  * after it wait to be batched.  (No per-record batch column, so no
	  * index and no row rewrite per record.) */
	 "CREATE TABLE outbox_cursor ("
	 " endpoint TEXT PRIMARY KEY, last_id INTEGER NOT NULL);"
	 /* Records the server rejected, with its message; never resent
	  * unless asked (gov-submit --requeue-rejected). */
	 "CREATE TABLE outbox_rejected ("
	 " id INTEGER PRIMARY KEY, endpoint TEXT NOT NULL,"
	 " body TEXT NOT NULL, queued_at TEXT NOT NULL,"
	 " rejected_at TEXT NOT NULL, status INTEGER,"
	 " error TEXT NOT NULL, idem_key TEXT);"
	 /* One row per delivered batch. */
	 "CREATE TABLE outbox_log ("
	 " id INTEGER PRIMARY KEY, endpoint TEXT NOT NULL,"
	 " idem_key TEXT NOT NULL, records INTEGER NOT NULL,"
	 " accepted INTEGER NOT NULL, rejected INTEGER NOT NULL,"
	 " status INTEGER NOT NULL, sent_at TEXT NOT NULL);"
	 /* Part of every Idempotency-Key, so two databases never make the
	  * same key for batches that happen to be equal. */
	 "INSERT OR IGNORE INTO govkit_meta (key, value)"
	 " VALUES ('outbox_instance', lower(hex(randomblob(16))));"},
	/* 5: gov-catalog */
	{5, "catalog",
	 /* One row per resource (the entry without its items, as JSON). */
	 "CREATE TABLE catalog_entry ("
	 " code TEXT PRIMARY KEY, name TEXT NOT NULL, provider TEXT,"
	 " provider_code TEXT, category TEXT, share_type TEXT,"
	 " update_cycle TEXT, record TEXT NOT NULL,"
	 " created_at TEXT NOT NULL, updated_at TEXT NOT NULL);"
	 /* Its information items (信息项), in order. */
	 "CREATE TABLE catalog_item ("
	 " code TEXT NOT NULL REFERENCES catalog_entry(code)"
	 "  ON DELETE CASCADE,"
	 " seq INTEGER NOT NULL, name TEXT NOT NULL, type TEXT,"
	 " length INTEGER, description TEXT, record TEXT NOT NULL,"
	 " PRIMARY KEY (code, seq));"
	 "CREATE INDEX catalog_item_name ON catalog_item(name);"
	 /* The demand list (需求清单). */
	 "CREATE TABLE catalog_demand ("
	 " id TEXT PRIMARY KEY, unit TEXT NOT NULL, need TEXT NOT NULL,"
	 " record TEXT NOT NULL, created_at TEXT NOT NULL,"
	 " updated_at TEXT NOT NULL);"
	 /* The audit trail: who changed what, when (kind entry|demand). */
	 "CREATE TABLE catalog_history ("
	 " id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL,"
	 " key TEXT NOT NULL, action TEXT NOT NULL, who TEXT NOT NULL,"
	 " at TEXT NOT NULL, changes TEXT NOT NULL);"
	 "CREATE INDEX catalog_history_key ON catalog_history(kind, key);"},
	/* 6: gov-report */
	{6, "report",
	 "CREATE TABLE report_plan ("
	 " id TEXT PRIMARY KEY, title TEXT NOT NULL, json TEXT NOT NULL,"
	 " loaded_at TEXT NOT NULL, seq INTEGER NOT NULL);"
	 "CREATE TABLE report_progress ("
	 " id INTEGER PRIMARY KEY, plan TEXT NOT NULL, task TEXT NOT NULL,"
	 " unit TEXT NOT NULL, quarter TEXT NOT NULL, status TEXT NOT NULL,"
	 " percent INTEGER, summary TEXT, issues TEXT, next_steps TEXT,"
	 " reason TEXT, evidence TEXT, reported TEXT NOT NULL, source TEXT,"
	 " added_at TEXT NOT NULL, superseded_by INTEGER);"
	 "CREATE INDEX report_progress_key"
	 " ON report_progress(plan, task, unit, quarter);"},
	/* 7: gov-bid (if it keeps state) */
	{7, "bid", ""},
	/* 8: gov-report --submit remembers what it queued, so an unchanged
	 * progress record is never delivered twice (digest: SHA-256 of its
	 * JSON text as queued). */
	{8, "report-submitted",
	 "CREATE TABLE report_submitted ("
	 " digest TEXT PRIMARY KEY, quarter TEXT, queued_at TEXT NOT NULL);"},
	/* 9: gov-license numbers its writes of the revocation register
	 * (revoke, sync), and each row says which wrote it last: a run
	 * whose records are lost takes back what it wrote only while no
	 * other run has written since. */
	{9, "license-writes",
	 "ALTER TABLE license_revocation ADD COLUMN"
	 " write_no INTEGER NOT NULL DEFAULT 0;"
	 "CREATE TABLE license_writes ("
	 " id INTEGER PRIMARY KEY CHECK (id = 1),"
	 " last INTEGER NOT NULL);"
	 "INSERT INTO license_writes (id, last) VALUES (1, 0);"},
	/* 10: a delivered batch whose 2xx answer was wrong about it (an
	 * entry of "rejected" naming no record, counts that do not add
	 * up) keeps the warning gov-submit gave, so that --status shows
	 * it after the run; NULL for the others. */
	{10, "outbox-defects",
	 "ALTER TABLE outbox_log ADD COLUMN defect TEXT;"},
	/* 11: outbox_log gains a row per delivered batch for ever, and
	 * --status read all of it for each endpoint (its endpoints, the
	 * records delivered, the last sent, the last defect): after a
	 * year of cron, tens of thousands of rows per call.  By endpoint
	 * and time, with the count (covering), and by endpoint alone
	 * (rowid order: the endpoint's last batch at once). */
	{11, "outbox-log-index",
	 "CREATE INDEX outbox_log_endpoint"
	 " ON outbox_log(endpoint, sent_at, accepted);"
	 "CREATE INDEX outbox_log_last ON outbox_log(endpoint);"},
};

const size_t db_migration_count =
	sizeof db_migrations / sizeof db_migrations[0];
