-- A govkit database of schema version 9 (before outbox_log.defect), as the
-- build before migration 10 left it after deliveries: "findings" 3 records
-- delivered, "rej" one rejected and one delivered, "odd" settled on a 2xx
-- naming no record of its batch (the warning then went to stderr only),
-- "wait" 2 records queued after a 503.  t3172 migrates it forward.
PRAGMA user_version = 9;
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE govkit_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO govkit_meta VALUES('outbox_instance','589458611df577c822f306face7ca36e');
INSERT INTO govkit_meta VALUES('files_private','1');
CREATE TABLE check_file ( id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, runs INTEGER NOT NULL DEFAULT 0, last_sha256 TEXT, last_run INTEGER);
CREATE TABLE check_finding ( file_id INTEGER NOT NULL REFERENCES check_file(id) ON DELETE CASCADE, fingerprint INTEGER NOT NULL, check_code TEXT NOT NULL, first_run INTEGER NOT NULL, PRIMARY KEY (file_id, fingerprint)) WITHOUT ROWID;
CREATE TABLE license_revocation ( license_no TEXT PRIMARY KEY, revoked_at TEXT NOT NULL, reason TEXT NOT NULL, source TEXT NOT NULL CHECK (source IN ('local', 'sync')), recorded_at INTEGER NOT NULL, write_no INTEGER NOT NULL DEFAULT 0);
CREATE TABLE license_sync ( id INTEGER PRIMARY KEY CHECK (id = 1), since TEXT NOT NULL, synced_at INTEGER NOT NULL);
CREATE TABLE license_online_cache ( license_no TEXT PRIMARY KEY, found INTEGER NOT NULL, status TEXT NOT NULL, valid_to TEXT, answered_at INTEGER NOT NULL);
CREATE TABLE outbox_batch ( id INTEGER PRIMARY KEY AUTOINCREMENT, endpoint TEXT NOT NULL, first_id INTEGER NOT NULL, last_id INTEGER NOT NULL, idem_key TEXT NOT NULL UNIQUE, records INTEGER NOT NULL, bytes INTEGER NOT NULL, created_at TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, last_status INTEGER, last_error TEXT, last_try_at TEXT, owner_host TEXT, owner_pid INTEGER, lease_until INTEGER);
INSERT INTO outbox_batch VALUES(4,'wait',9,10,'145575f95ab1567257b08b85e22de79035571b6975b95692552a299ca1b00ccd',2,67,'2025-10-14T01:00:04Z',1,503,'HTTP 503: injected failure','2025-10-14T01:00:04Z',NULL,NULL,NULL);
CREATE TABLE outbox_record ( id INTEGER PRIMARY KEY AUTOINCREMENT, endpoint TEXT NOT NULL, body TEXT NOT NULL, queued_at TEXT NOT NULL);
INSERT INTO outbox_record VALUES(9,'wait','{"type":"finding","row":7}','2025-10-14T01:00:04Z');
INSERT INTO outbox_record VALUES(10,'wait','{"type":"finding","row":8}','2025-10-14T01:00:04Z');
CREATE TABLE outbox_cursor ( endpoint TEXT PRIMARY KEY, last_id INTEGER NOT NULL);
INSERT INTO outbox_cursor VALUES('findings',3);
INSERT INTO outbox_cursor VALUES('rej',5);
INSERT INTO outbox_cursor VALUES('odd',8);
INSERT INTO outbox_cursor VALUES('wait',10);
CREATE TABLE outbox_rejected ( id INTEGER PRIMARY KEY, endpoint TEXT NOT NULL, body TEXT NOT NULL, queued_at TEXT NOT NULL, rejected_at TEXT NOT NULL, status INTEGER, error TEXT NOT NULL, idem_key TEXT);
INSERT INTO outbox_rejected VALUES(4,'rej','{"type":"finding","row":5,"_reject":"unknown unit"}','2025-10-14T01:00:03Z','2025-10-14T01:00:04Z',422,'unknown unit','2ee6c8526091d68b0a2bd24e09a66822962742bcb9e0efae8f98380896a41e52');
CREATE TABLE outbox_log ( id INTEGER PRIMARY KEY, endpoint TEXT NOT NULL, idem_key TEXT NOT NULL, records INTEGER NOT NULL, accepted INTEGER NOT NULL, rejected INTEGER NOT NULL, status INTEGER NOT NULL, sent_at TEXT NOT NULL);
INSERT INTO outbox_log VALUES(1,'findings','71aa3541dd9bd49f30d4b287fb2fd69bb42d76d06d8c90bec3a4243f9cf57d2f',3,3,0,200,'2025-10-14T01:00:03Z');
INSERT INTO outbox_log VALUES(2,'rej','2ee6c8526091d68b0a2bd24e09a66822962742bcb9e0efae8f98380896a41e52',2,1,1,422,'2025-10-14T01:00:04Z');
INSERT INTO outbox_log VALUES(3,'odd','6ead109840e5d0c0d942812fcda4fcfa4b841f8d833e5cb52d59be04dc5bca5a',3,3,0,200,'2025-10-14T01:00:04Z');
CREATE TABLE catalog_entry ( code TEXT PRIMARY KEY, name TEXT NOT NULL, provider TEXT, provider_code TEXT, category TEXT, share_type TEXT, update_cycle TEXT, record TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE catalog_item ( code TEXT NOT NULL REFERENCES catalog_entry(code)  ON DELETE CASCADE, seq INTEGER NOT NULL, name TEXT NOT NULL, type TEXT, length INTEGER, description TEXT, record TEXT NOT NULL, PRIMARY KEY (code, seq));
CREATE TABLE catalog_demand ( id TEXT PRIMARY KEY, unit TEXT NOT NULL, need TEXT NOT NULL, record TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE catalog_history ( id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, key TEXT NOT NULL, action TEXT NOT NULL, who TEXT NOT NULL, at TEXT NOT NULL, changes TEXT NOT NULL);
CREATE TABLE report_plan ( id TEXT PRIMARY KEY, title TEXT NOT NULL, json TEXT NOT NULL, loaded_at TEXT NOT NULL, seq INTEGER NOT NULL);
CREATE TABLE report_progress ( id INTEGER PRIMARY KEY, plan TEXT NOT NULL, task TEXT NOT NULL, unit TEXT NOT NULL, quarter TEXT NOT NULL, status TEXT NOT NULL, percent INTEGER, summary TEXT, issues TEXT, next_steps TEXT, reason TEXT, evidence TEXT, reported TEXT NOT NULL, source TEXT, added_at TEXT NOT NULL, superseded_by INTEGER);
CREATE TABLE report_submitted ( digest TEXT PRIMARY KEY, quarter TEXT, queued_at TEXT NOT NULL);
CREATE TABLE license_writes ( id INTEGER PRIMARY KEY CHECK (id = 1), last INTEGER NOT NULL);
INSERT INTO license_writes VALUES(1,0);
DELETE FROM sqlite_sequence;
INSERT INTO sqlite_sequence VALUES('outbox_record',10);
INSERT INTO sqlite_sequence VALUES('outbox_batch',4);
CREATE INDEX catalog_item_name ON catalog_item(name);
CREATE INDEX catalog_history_key ON catalog_history(kind, key);
CREATE INDEX report_progress_key ON report_progress(plan, task, unit, quarter);
COMMIT;
